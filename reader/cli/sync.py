"""`reader sync`: one reading list with an aggregator server ([sync] in the config). `reader
refresh` comes here too when [sync] is set: the server fetches the feeds."""

from __future__ import annotations

import argparse
import sys

from reader.cli import output
from reader.cli.context import Context


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print what changed as JSON")


def run(name: str, args: argparse.Namespace, context: Context) -> int:
    return sync_now(context, as_json=args.json)


def sync_now(context: Context, as_json: bool) -> int:
    from reader.sync import LoginRefused, SyncError, make_service, run_sync

    if not context.settings.sync.enabled:
        output.error("no [sync] service in the config: see config.example.toml")
        return 2
    show = sys.stderr.isatty() and not as_json

    def progress(message: str) -> None:
        if show:
            output.status_line(f"syncing: {message}")

    try:
        service = make_service(context.settings)
        try:
            report = run_sync(context.store, service, progress)
        finally:
            service.close()
    except LoginRefused as error:
        output.error(f"sync: {error}")
        return 1
    except SyncError as error:
        output.error(f"sync failed: {error}; what was synced is kept, the rest comes next time")
        return 1
    finally:
        if show:
            output.status_line(None)
    if as_json:
        output.print_json(report.as_json())
    else:
        output.say(report.line())
    return 0
