"""Analysis commands: `facts` for a stored article, `analyse` for any text files."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import output
from reader.cli.context import Context, article_id


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "facts":
        parser.add_argument("id", type=article_id, help="article id (see 'reader list')")
        parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
    else:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--date", metavar="YYYY-MM-DD", help="reference date for relative expressions"
        )
        parser.add_argument(
            "--jsonl", action="store_true", help="one JSON object per file per line (the default)"
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=0,
            metavar="N",
            help="worker processes (default: one per core, up to 4, from 16 files on)",
        )


def run(name: str, args: argparse.Namespace, context: Context) -> int:
    return _facts(args, context) if name == "facts" else _analyse(args)


def _facts(args: argparse.Namespace, context: Context) -> int:
    from reader.analysis.service import AnalysisService
    from reader.analysis.summary import fact_rows

    article = context.article(args.id)
    if article is None:
        return 1
    service = AnalysisService(context.data_dir, context.settings.analysis.backend)
    try:
        analysis = service.for_article(article)
    finally:
        service.close()
    if args.json:
        output.print_json(analysis.to_json())
        return 0
    output.say(article.title)
    output.say(f"Reference date: {analysis.reference_date or 'unknown (relative dates unresolved)'}")
    group = ""
    for row in fact_rows(analysis):
        if row.group != group:
            group = row.group
            output.say(f"\n{group}")
        output.say(f"  {row.label}  —  {row.detail}")
    return 0


def _analyse(args: argparse.Namespace) -> int:
    from reader.analysis.corpus import analyse_files
    from reader.models import parse_iso_day
    from reader.sources.dates import parse_day_option

    reference = None
    if args.date:
        try:
            reference = parse_iso_day(parse_day_option(args.date))
        except ValueError as error:
            output.error(str(error))
            return 2
    failed = 0
    for _, result, problem in analyse_files(list(args.files), reference, args.jobs):
        if problem is not None:
            output.error(problem)
            failed += 1
            continue
        output.print_json_line(result)
    return 1 if failed else 0
