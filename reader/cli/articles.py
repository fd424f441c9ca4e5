"""Article commands: open, import, list, search, show."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import output
from reader.cli.context import Context, article_id
from reader.query import Query, QueryError, parse
from reader.storage import ArticleFilter


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name in ("open", "import"):
        parser.add_argument(
            "files",
            nargs="+",
            type=Path,
            metavar="FILE",
            help="plain text, Markdown, HTML, or RSS/Atom/JSON Feed files",
        )
        parser.add_argument(
            "--date", metavar="YYYY-MM-DD", help="publication date for files that do not give one"
        )
        if name == "import":
            parser.add_argument("--json", action="store_true", help="print what was stored")
    elif name == "list":
        parser.add_argument("--unread", action="store_true", help="only unread articles")
        parser.add_argument("--source", metavar="ID|TITLE", help="only this source")
        parser.add_argument(
            "--query",
            metavar="Q",
            help="only articles the query matches: words, \"phrases\", tag:T, source:S, unread,"
            " read, bookmarked, noted, since:YYYY-MM-DD, before:YYYY-MM-DD, -TERM",
        )
        parser.add_argument(
            "--ignored", action="store_true", help="only the articles [[ignore]] rules hide"
        )
        parser.add_argument("--limit", type=int, default=-1, metavar="N", help="at most N rows")
        parser.add_argument("--json", action="store_true", help="print JSON")
    elif name == "search":
        parser.add_argument(
            "query", nargs="+", help="a query (words, \"phrases\", tag:T, unread, -TERM...)"
        )
        parser.add_argument("--limit", type=int, default=50, metavar="N")
        parser.add_argument("--json", action="store_true", help="print JSON")
    elif name == "show":
        parser.add_argument("id", type=article_id, help="article id (see 'reader list')")
        parser.add_argument("--json", action="store_true", help="print every stored field")


def run(name: str, args: argparse.Namespace, context: Context) -> int:
    handlers = {"open": _open, "import": _import, "list": _list, "search": _search, "show": _show}
    return handlers[name](args, context)


def _default_date(args: argparse.Namespace) -> str | None:
    if not args.date:
        return None
    from reader.sources.dates import parse_day_option

    try:
        return parse_day_option(args.date)
    except ValueError as error:
        output.error(str(error))
        raise SystemExit(2) from None


def _import(args: argparse.Namespace, context: Context) -> int:
    from reader.importing import import_files

    report = import_files(context.store, args.files, _default_date(args))
    for message in report.errors:
        output.error(message)
    if args.json:
        output.print_json(
            [
                {
                    "file": str(item.path),
                    "source_id": item.source_id,
                    "articles": [{"id": r.id, "status": r.status} for r in item.results],
                }
                for item in report.stored
            ]
        )
    else:
        for item in report.stored:
            for result in item.results:
                output.say(f"{result.status:9} {result.id:>6}  {item.path}")
    if report.article_ids:
        context.analyse_in_background()
    return 1 if report.errors else 0


def _open(args: argparse.Namespace, context: Context) -> int:
    from reader.importing import import_files

    report = import_files(context.store, args.files, _default_date(args))
    for message in report.errors:
        output.error(message)
    if not report.article_ids:
        output.error("no article could be loaded")
        return 1
    return run_tui(context, report.article_ids)


def run_tui(context: Context, article_ids: list[int]) -> int:
    from reader.tui.app import run_app

    return run_app(context.settings, context.store, article_ids)


def _source_filter(context: Context, value: str | None) -> ArticleFilter:
    if value is None:
        return ArticleFilter()
    sources = context.store.sources.all()
    match = [
        s
        for s in sources
        if str(s.id) == value or s.title.casefold() == value.casefold() or s.url == value
    ]
    if not match:
        output.error(f"no source {value!r} (see 'reader feeds')")
        raise SystemExit(1)
    return ArticleFilter(source_id=match[0].id)


def _parsed(text: str) -> Query:
    """The query, or a one-line error naming the bad term (exit status 2)."""
    try:
        return parse(text)
    except QueryError as error:
        output.error(str(error))
        raise SystemExit(2) from None


def _list(args: argparse.Namespace, context: Context) -> int:
    base = _source_filter(context, args.source)
    selection = ArticleFilter(
        source_id=base.source_id,
        unread_only=args.unread,
        query=_parsed(args.query) if args.query else None,
        hidden=args.ignored,
    )
    try:
        rows = context.store.articles.rows(selection, limit=args.limit)
    except QueryError as error:  # a term the database cannot answer yet (entity:)
        output.error(str(error))
        return 2
    if args.json:
        output.print_json([output.row_to_json(row) for row in rows])
    else:
        output.print_rows(rows)
    return 0


def _search(args: argparse.Namespace, context: Context) -> int:
    try:
        rows = context.store.articles.search(_parsed(" ".join(args.query)), limit=args.limit)
    except QueryError as error:
        output.error(str(error))
        return 2
    if args.json:
        output.print_json([output.row_to_json(row) for row in rows])
    else:
        output.print_rows(rows)
    return 0


def _show(args: argparse.Namespace, context: Context) -> int:
    article = context.article(args.id)
    if article is None:
        return 1
    if args.json:
        output.print_json(output.article_to_json(article))
    else:
        output.print_article(article)
    return 0
