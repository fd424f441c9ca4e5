"""What readers keep: bookmark, unbookmark, bookmarks, note, notes, export-notes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli import output
from reader.cli.context import Context
from reader.cli.context import article_id as id_type
from reader.models import Note
from reader.storage import ArticleFilter


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name in ("bookmark", "unbookmark"):
        parser.add_argument("ids", nargs="+", type=id_type, metavar="ID", help="article ids")
    elif name == "bookmarks":
        parser.add_argument("--json", action="store_true", help="print JSON")
    elif name == "note":
        parser.add_argument("id", type=id_type, metavar="ID", help="article id")
        parser.add_argument(
            "--add", required=True, metavar="TEXT", help="the note's Markdown text ('-': stdin)"
        )
        parser.add_argument("--json", action="store_true", help="print the stored note as JSON")
    elif name == "notes":
        parser.add_argument("id", nargs="?", type=id_type, metavar="ID", help="only this article")
        parser.add_argument("--json", action="store_true", help="print JSON")
    elif name == "export-notes":
        _export_arguments(parser)


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="output folder (default: [export] notes_dir, else notes/ in the data dir)"
    )
    parser.add_argument("--article", type=id_type, nargs="+", metavar="ID", help="only these articles")
    parser.add_argument("--tag", metavar="TAG", help="only articles from sources with this tag")
    parser.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only notes written or edited since that day"
    )
    parser.add_argument(
        "--bookmarked", action="store_true", help="bookmarked articles too, with or without notes"
    )
    parser.add_argument(
        "--single", metavar="FILE", help="one digest file instead of one per article"
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite files edited since the last export"
    )


def run(name: str, args: argparse.Namespace, context: Context) -> int:
    handlers = {
        "bookmark": _bookmark,
        "unbookmark": _bookmark,
        "bookmarks": _bookmarks,
        "note": _note,
        "notes": _notes,
        "export-notes": _export,
    }
    return handlers[name](args, context)


def _bookmark(args: argparse.Namespace, context: Context) -> int:
    store = context.store
    adding = args.command == "bookmark"
    failed = 0
    for article_id in args.ids:
        article = context.article(article_id)
        if article is None:
            failed += 1
            continue
        changed = store.bookmarks.add(article_id) if adding else store.bookmarks.remove(article_id)
        verb = "Bookmarked" if adding else "Removed the bookmark of"
        if not changed:
            verb = "Already bookmarked:" if adding else "Was not bookmarked:"
        output.say(f"{verb} {article_id}  {article.title}")
    return 1 if failed else 0


def _bookmarks(args: argparse.Namespace, context: Context) -> int:
    store = context.store
    order = {article_id: index for index, article_id in enumerate(store.bookmarks.ids())}
    rows = sorted(store.articles.rows(ArticleFilter(bookmarked=True)), key=lambda r: order[r.id])
    if args.json:
        output.print_json([output.row_to_json(row) for row in rows])
    elif rows:
        output.print_rows(rows)
    else:
        output.say("No bookmarks yet: press b on an article, or run 'reader bookmark ID'.")
    return 0


def _note_json(note: Note, title: str) -> dict[str, Any]:
    return {
        "id": note.id,
        "article_id": note.article_id,
        "article": title,
        "body": note.body,
        "quote": [note.quote_start, note.quote_end] if note.quote_start is not None else None,
        "created": note.created,
        "updated": note.updated,
    }


def _note(args: argparse.Namespace, context: Context) -> int:
    store = context.store
    article = context.article(args.id)
    if article is None:
        return 1
    body = sys.stdin.read() if args.add == "-" else args.add
    if not body.strip():
        output.error("the note is empty; nothing stored")
        return 2
    note = store.notes.add(article.id, body)
    if args.json:
        output.print_json(_note_json(note, article.title))
    else:
        output.say(f"Note {note.id} added to {article.id}  {article.title}")
    return 0


def _notes(args: argparse.Namespace, context: Context) -> int:
    store = context.store
    if args.id is not None:
        if context.article(args.id) is None:
            return 1
        notes = store.notes.for_article(args.id)
    else:
        notes = store.notes.all()
    titles: dict[int, str] = {}
    for note in notes:
        if note.article_id not in titles:
            article = store.articles.get(note.article_id)
            titles[note.article_id] = article.title if article else ""
    if args.json:
        output.print_json([_note_json(n, titles[n.article_id]) for n in notes])
        return 0
    if not notes:
        output.say("No notes yet: press n on an article, or run 'reader note ID --add TEXT'.")
        return 0
    current = None
    for note in notes:
        if note.article_id != current:
            current = note.article_id
            output.say(f"\n{current}  {titles[current]}")
        output.say(f"  #{note.id}  {note.updated[:16].replace('T', ' ')}  {note.first_line}")
    return 0


def _export(args: argparse.Namespace, context: Context) -> int:
    from reader.export.selection import (
        ExportChoice,
        chosen_articles,
        describe,
        export_notes,
        notes_folder,
    )
    from reader.export.writer import Exporter, ExportError
    from reader.sources.dates import parse_day_option

    since = None
    if args.since:
        try:
            since = parse_day_option(args.since)
        except ValueError as error:
            output.error(str(error))
            return 2
    store = context.store
    articles = chosen_articles(store, ExportChoice(args.article, args.tag, since, args.bookmarked))
    for article_id in sorted(set(args.article or []) - {a.id for a in articles}):
        output.error(f"no article with id {article_id}")
    if not articles:
        output.say("Nothing to export: no article matches (notes, bookmarks or the filters given).")
        return 1 if args.article else 0
    folder = args.out or notes_folder(context.settings.export.notes_dir, context.data_dir)
    service = _analysis_service(context)
    try:
        exporter = Exporter(folder, store.exports, context.settings.export.file_name, args.force)
        report = export_notes(
            store, articles, exporter, service.for_article if service else None, args.single
        )
    except ExportError as error:
        output.error(str(error))
        return 1
    finally:
        if service is not None:
            service.close()
    output.say("\n".join(describe(report)))
    return 0


def _analysis_service(context: Context) -> Any:
    if not context.settings.analysis.active:
        return None
    from reader.analysis.service import AnalysisService

    return AnalysisService(context.data_dir, context.settings.analysis.backend)
