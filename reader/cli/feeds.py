"""Feed commands: add, remove, feeds, refresh, import-opml, export-opml, import-newsboat,
fetch-article."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from reader.cli import output
from reader.cli.context import Context, article_id


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "add":
        parser.add_argument("url", help="a feed address, or a web page that links to its feed")
        parser.add_argument("--title", default="", help="a title of your own")
        parser.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    elif name == "remove":
        parser.add_argument("source", metavar="URL|ID", help="the source (see 'reader feeds')")
    elif name == "feeds":
        parser.add_argument("--json", action="store_true", help="print JSON")
    elif name == "refresh":
        parser.add_argument(
            "sources", nargs="*", metavar="URL|ID", help="only these (default: every feed)"
        )
        parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
    elif name == "import-opml":
        parser.add_argument("file", type=Path, metavar="FILE")
    elif name == "export-opml":
        parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="default: stdout")
    elif name == "import-newsboat":
        parser.add_argument("file", type=Path, metavar="URLS_FILE", help="newsboat's urls file")
        parser.add_argument(
            "--newsboat-config",
            type=Path,
            metavar="FILE",
            help="newsboat's config file: its ignore-article lines become [[ignore]] rules",
        )
    elif name == "fetch-article":
        parser.add_argument("id", type=article_id, help="article id")


def run(name: str, args: argparse.Namespace, context: Context) -> int:
    handlers = {
        "add": _add,
        "remove": _remove,
        "feeds": _feeds,
        "refresh": _refresh,
        "import-opml": _import_opml,
        "export-opml": _export_opml,
        "import-newsboat": _import_newsboat,
        "fetch-article": _fetch_article,
    }
    return handlers[name](args, context)


def _add(args: argparse.Namespace, context: Context) -> int:
    from reader.feeds.subscriptions import SubscriptionError, add_feed

    try:
        added = add_feed(context.store, args.url, context.settings.fetch, args.title, args.tag)
    except SubscriptionError as error:
        output.error(str(error))
        return 1
    for message in added.messages:
        output.say(message)
    source = added.source
    if added.existed:
        output.say(f"Already subscribed as {source.id}  {source.title or source.url}  <{source.url}>")
    else:
        output.say(f"Subscribed {source.id}  {source.title or source.url}  <{source.url}>")
    return 0


def _remove(args: argparse.Namespace, context: Context) -> int:
    from reader.feeds.subscriptions import SubscriptionError, remove_source

    try:
        source, articles = remove_source(context.store, args.source)
    except SubscriptionError as error:
        output.error(str(error))
        return 1
    output.say(f"Removed {source.title or source.url} and its {articles} article(s).")
    return 0


def _feeds(args: argparse.Namespace, context: Context) -> int:
    from reader.feeds.refresh import backoff_until
    from reader.feeds.subscriptions import sync_config_feeds

    store = context.store
    sync_config_feeds(store, context.settings.feeds)
    sources = store.sources.all()
    rows = []
    for source in sources:
        waiting = backoff_until(source) if source.kind == "feed" else None
        rows.append(
            {
                "id": source.id,
                "kind": source.kind,
                "title": source.title,
                "url": source.url,
                "tags": source.tags,
                "articles": source.article_count,
                "unread": source.unread_count,
                "last_refresh": source.last_refresh,
                "last_error": source.last_error,
                "failures": source.error_count,
                "retry_after": waiting.isoformat(timespec="minutes") if waiting else None,
            }
        )
    if args.json:
        output.print_json(rows)
        return 0
    if not rows:
        output.say("No sources yet: 'reader add URL' subscribes to a feed.")
        return 0
    output.print_sources(rows)
    return 0


def _refresh(args: argparse.Namespace, context: Context) -> int:
    from reader.feeds.refresh import Outcome, run_refresh
    from reader.feeds.subscriptions import SubscriptionError, find_source, sync_config_feeds

    if context.settings.sync.enabled and not args.sources:
        from reader.cli.sync import sync_now  # the server fetches the feeds

        return sync_now(context, as_json=args.json)
    store = context.store
    sync_config_feeds(store, context.settings.feeds)
    try:
        chosen = [find_source(store, name) for name in args.sources]
    except SubscriptionError as error:
        output.error(str(error))
        return 2
    sources = chosen or [s for s in store.sources.all() if s.kind == "feed"]
    if not sources:
        output.say("No feeds to refresh: 'reader add URL' subscribes to one.")
        return 0
    progress = output.ProgressBar("Refreshing", len(sources), enabled=not args.json and sys.stderr.isatty())

    def on_progress(outcome: Outcome, done: int, total: int) -> None:
        progress.advance(outcome.title, outcome.status)

    summary, removed = run_refresh(
        store,
        context.settings,
        sources,
        on_progress,
        force=bool(chosen),
        while_running=progress,
    )
    if args.json:
        outcomes = [dataclasses.asdict(outcome) for outcome in summary.outcomes]
        output.print_json({"summary": summary.line(), "outcomes": outcomes})
    else:
        for outcome in summary.outcomes:
            if outcome.status == "refreshed" and outcome.message:
                output.say(f"warning: {outcome.title}: {outcome.message}", file=sys.stderr)
            elif outcome.status == "waiting":
                output.say(f"{outcome.title}: {outcome.message}")
        for outcome in summary.failed:
            output.say(f"failed: {outcome.title} <{outcome.url}>: {outcome.message}", file=sys.stderr)
        output.say(summary.line())
    if removed and not args.json:
        output.say(f"Removed {removed} article(s) older than {context.settings.storage.keep_days} days.")
    if summary.new:
        context.analyse_in_background()
    return 1 if summary.failed else 0


def _import_opml(args: argparse.Namespace, context: Context) -> int:
    from reader.feeds.subscriptions import import_subscriptions
    from reader.sources.opml import OPMLError, read_opml

    try:
        subscriptions = read_opml(args.file.read_bytes(), str(args.file))
    except OSError as error:
        output.error(f"{args.file}: {error.strerror}")
        return 1
    except OPMLError as error:
        output.error(str(error))
        return 1
    return _report_import(import_subscriptions(context.store, subscriptions), [])


def _import_newsboat(args: argparse.Namespace, context: Context) -> int:
    from reader.feeds.subscriptions import import_subscriptions
    from reader.sources.newsboat import read_urls

    try:
        text = args.file.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        output.error(f"{args.file}: {error.strerror}")
        return 1
    listing = read_urls(text)
    queries = {number for number, _ in listing.queries}  # reported by what they became
    skipped = [
        f"{args.file}:{n}: skipped {line!r}: {why}"
        for n, line, why in listing.skipped
        if n not in queries
    ]
    skipped += _import_newsboat_queries(args.file, listing.queries, context)
    status = _report_import(import_subscriptions(context.store, listing.subscriptions), skipped)
    if args.newsboat_config is not None:
        return max(status, _import_newsboat_ignores(args.newsboat_config))
    return status


def _import_newsboat_queries(
    file: Path, queries: list[tuple[int, str]], context: Context
) -> list[str]:
    """`query:Name:expr` lines as saved queries (shown as sources in the app); the lines whose
    expression reader cannot say the same way are returned as skipped, with why."""
    from reader.saved import save_query
    from reader.sources.newsboat_filters import Untranslatable, query_line, translate

    skipped = []
    for number, entry in queries:
        try:
            name, expression = query_line(entry)
            text = translate(expression)
        except Untranslatable as error:
            skipped.append(f"{file}:{number}: skipped query {entry!r}: {error}")
            continue
        save_query(context.store, name, text)
        print(f"Saved query {name!r}: {text}")
    return skipped


def _import_newsboat_ignores(file: Path) -> int:
    """newsboat's ignore-article lines, printed as `[[ignore]]` tables to add to the config
    (reader never rewrites your config file)."""
    from reader.sources.newsboat_filters import read_config

    try:
        found = read_config(file.read_text(encoding="utf-8", errors="replace"))
    except OSError as error:
        output.error(f"{file}: {error.strerror}")
        return 1
    for number, line, why in found.skipped:
        print(f"{file}:{number}: skipped {line!r}: {why}", file=sys.stderr)
    if found.ignores:
        print("# Add to reader's config.toml: newsboat's ignore-article lines")
        for number, query in found.ignores:
            print(f"[[ignore]]  # {file.name}:{number}\nquery = {_toml_string(query)}")
    print(f"{len(found.ignores)} ignore rule(s) translated, {len(found.skipped)} skipped.")
    return 0


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _report_import(imported: Any, skipped: list[str]) -> int:
    for source in imported.added:
        tags = f"  [{', '.join(source.tags)}]" if source.tags else ""
        output.say(f"Added {source.id}  {source.title or source.url}{tags}")
    for url, why in imported.refused:
        skipped.append(f"skipped {url}: {why}")
    for line in skipped:
        output.say(line, file=sys.stderr)
    output.say(
        f"{len(imported.added)} added, {len(imported.existing)} already there,"
        f" {len(skipped)} skipped. 'reader refresh' fetches them."
    )
    return 0


def _export_opml(args: argparse.Namespace, context: Context) -> int:
    from reader.export.writer import write_atomically
    from reader.feeds.subscriptions import subscriptions_of, sync_config_feeds
    from reader.sources.opml import write_opml

    sync_config_feeds(context.store, context.settings.feeds)
    data = write_opml(subscriptions_of(context.store))
    if args.file is None:
        sys.stdout.buffer.write(data)
        return 0
    try:
        write_atomically(args.file.resolve(), data)
    except OSError as error:
        output.error(f"{args.file}: {error.strerror}")
        return 1
    output.say(f"Wrote {args.file}")
    return 0


def _fetch_article(args: argparse.Namespace, context: Context) -> int:
    from reader.feeds.fulltext import FullTextError, fetch_full_text

    article = context.article(args.id)
    if article is None:
        return 1
    try:
        updated = fetch_full_text(context.store, article, context.settings.fetch)
    except FullTextError as error:
        output.error(str(error))
        return 1
    if updated.text == article.text:
        output.say(f"Kept the feed's text of {article.id}: the page has no more than it.")
    else:
        output.say(f"Stored the full text of {article.id} ({len(updated.text):,} characters).")
    return 0
