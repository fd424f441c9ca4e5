"""The `reader` command. Subcommand modules are imported only when their command runs, so
`reader --help` stays fast and loads neither Textual nor the NLP stack."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader import __version__

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

# command name -> (module under reader.cli, help line)
COMMANDS: dict[str, tuple[str, str]] = {
    "open": ("articles", "load article files and open the reader on them"),
    "import": ("articles", "store article files without opening the reader"),
    "list": ("articles", "list stored articles, newest first"),
    "search": ("articles", "full-text search over stored articles"),
    "show": ("articles", "print one article as plain text"),
    "facts": ("analysis", "key facts, entities and resolved dates of a stored article"),
    "analyse": ("analysis", "analyse text files without storing them (JSON lines)"),
    "add": ("feeds", "subscribe to a feed (or a page that links to one)"),
    "remove": ("feeds", "unsubscribe from a source and delete its articles"),
    "feeds": ("feeds", "list sources with counts, last refresh and last error"),
    "refresh": ("feeds", "fetch new articles from every feed (or the ones named)"),
    "sync": ("sync", "sync feeds, articles, read state and stars with the [sync] server"),
    "fetch-article": ("feeds", "download an article's full text from its page"),
    "import-opml": ("feeds", "subscribe to every feed in an OPML file"),
    "export-opml": ("feeds", "write subscriptions as OPML 2.0"),
    "import-newsboat": ("feeds", "subscribe to the feeds in newsboat's urls file"),
    "bookmark": ("keeping", "bookmark articles"),
    "unbookmark": ("keeping", "remove bookmarks"),
    "bookmarks": ("keeping", "list bookmarked articles"),
    "note": ("keeping", "add a note to an article"),
    "notes": ("keeping", "list notes, of one article or all"),
    "export-notes": ("keeping", "write notes and key facts to Markdown files"),
    "entities": (
        "entities",
        "people, places and organisations across articles, most-mentioned first",
    ),
    "entity": (
        "entities",
        "every article, fact and companion of one person, place or organisation",
    ),
    "agenda": ("entities", "dated events from every article on one calendar"),
    "export-entity": (
        "entities",
        "write an entity's dossier (timeline, articles, notes) as Markdown",
    ),
}


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> Parser:
    parser = Parser(
        prog="reader",
        description="A terminal news reader that understands what it shows.",
        epilog="Run 'reader' alone to open the reader. 'reader COMMAND --help' for a command.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="config file (default: $READER_CONFIG, else the XDG config dir)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="where the database lives (default: the XDG data dir)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (module_name, help_line) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_line, description=help_line)
        _module(module_name).add_arguments(name, sub)
    return parser


def _module(name: str) -> Any:
    return importlib.import_module(f"reader.cli.{name}")


def main(argv: Sequence[str] | None = None) -> int:
    from reader.cli.output import safe_streams

    with safe_streams():  # nothing printed below reaches the terminal with an escape in it
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from reader.cli.context import Context, fail_on_setup_errors
    from reader.cli.failures import one_line_failures

    with fail_on_setup_errors():
        context = Context.from_args(args)
    if args.command is None:
        from reader.cli.articles import run_tui

        with one_line_failures(context.data_dir, signals=False):
            return run_tui(context, [])
    module_name = COMMANDS[args.command][0]
    handler = _module(module_name).run
    try:
        # `open` runs the app, which answers SIGHUP itself (saving the note being written)
        with one_line_failures(context.data_dir, signals=args.command != "open"):
            return int(handler(args.command, args, context))
    except KeyboardInterrupt:
        return 130
    finally:
        context.close()
