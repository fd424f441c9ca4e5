"""Across articles: `entities`, `entity`, `agenda`, `export-entity`. Each brings the index up
to date first (analysing what is pending, with a progress bar at a terminal)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from reader.cli import output
from reader.cli.context import Context
from reader.storage.entities import EntityRow, FactRow

KINDS = ("person", "place", "organisation")


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "entities":
        parser.add_argument("--kind", choices=KINDS, help="only people, places or organisations")
        parser.add_argument(
            "--since", metavar="YYYY-MM-DD", help="count only articles from that day on"
        )
        parser.add_argument("--limit", type=int, metavar="N", help="at most N entities")
    elif name in ("entity", "export-entity"):
        parser.add_argument("name", metavar="NAME", help="a name or any alias ('Modi')")
        parser.add_argument("--kind", choices=KINDS, help="when NAME is more than one kind")
        if name == "export-entity":
            parser.add_argument(
                "--out",
                type=Path,
                metavar="DIR",
                help="output folder (default: [export] notes_dir)",
            )
            parser.add_argument(
                "--force", action="store_true", help="overwrite a dossier edited since last time"
            )
    elif name == "agenda":
        parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="default: today")
        parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="default: no end")
    if name != "export-entity":
        parser.add_argument("--json", action="store_true", help="print JSON")


def run(name: str, args: argparse.Namespace, context: Context) -> int:
    try:
        days = {key: _day(getattr(args, key, None), key) for key in ("since", "start", "end")}
    except ValueError as error:
        output.error(str(error))
        return 2
    bring_up_to_date(context)
    if name == "entities":
        return _entities(args, context, days["since"])
    if name == "agenda":
        return _agenda(args, context, days["start"] or date.today().isoformat(), days["end"])
    entity = _one_entity(context, args.name, args.kind)
    if isinstance(entity, int):
        return entity
    if name == "entity":
        return _entity(args, context, entity)
    return _export(args, context, entity)


def _day(text: str | None, option: str) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        flag = {"start": "from", "end": "to"}.get(option, option)
        raise ValueError(f"--{flag}: expected YYYY-MM-DD, got {text!r}") from None


def bring_up_to_date(context: Context) -> None:
    """Analyse and index every article still pending; wait for a runner already at it."""
    if not context.settings.analysis.active:
        return
    from reader.analysis.background import AnalysisRunner

    context.close()  # the runner writes through its own connection
    runner = AnalysisRunner(context.data_dir, context.settings.analysis.backend)
    with output.ProgressBar("Analysing articles", None, sys.stderr.isatty()) as bar:
        report = runner.run(progress=bar.update, wait=True)
    if report.failed:
        output.error(f"{report.failed} articles could not be analysed (see 'reader facts ID')")


def _one_entity(context: Context, name: str, kind: str | None) -> EntityRow | int:
    """The entity NAME means, else an exit status after saying why (2: ambiguous)."""
    found = context.store.entities.find(name, kind)
    if not found:
        output.error(f"no person, place or organisation called {name!r} in any article")
        return 1
    if len(found) > 1:
        output.error(f"{name!r} is more than one entity; give the full name (or --kind):")
        for row in found:
            print(f"  {row.name} ({row.kind}, {row.articles} articles)", file=sys.stderr)
        return 2
    return found[0]


def entity_summary(row: EntityRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "kind": row.kind,
        "aliases": row.aliases,
        "articles": row.articles,
        "mentions": row.mentions,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
    }


def _entities(args: argparse.Namespace, context: Context, since: str | None) -> int:
    rows = context.store.entities.top(args.kind, since, args.limit)
    if args.json:
        output.print_json([entity_summary(row) for row in rows])
        return 0
    if not rows:
        print("No people, places or organisations found yet.")
        return 0
    print(f"{'mentions':>8} {'articles':>8}  {'kind':<12} name")
    for row in rows:
        aliases = f"  (also {', '.join(row.aliases)})" if row.aliases else ""
        print(f"{row.mentions:>8} {row.articles:>8}  {row.kind:<12} {row.name}{aliases}")
    return 0


def fact_json(fact: FactRow) -> dict[str, Any]:
    vague = fact.precision not in (None, "day")
    item: dict[str, Any] = {
        "date": fact.date,
        "end_date": fact.end_date,
        "kind": fact.kind,
        "text": fact.text,
        "who": fact.who,
        "where": fact.where,
        "state": fact.state,
        "sentence": fact.sentence,
        "article": {"id": fact.article_id, "title": fact.article_title},
        "precision": fact.precision,
        "vague": vague,
    }
    if vague and fact.sort_start:
        item["note"] = f"a {fact.precision}: sorted at its start, {fact.sort_start}"
    return item


def _entity(args: argparse.Namespace, context: Context, entity: EntityRow) -> int:
    index = context.store.entities
    articles = index.articles(entity.id)
    facts = index.facts(entity.id)
    related = index.related(entity.id)
    if args.json:
        data = entity_summary(entity)
        data["articles"] = [
            {"id": a.id, "title": a.title, "published": a.published, "mentions": a.mentions}
            for a in articles
        ]
        data["facts"] = [fact_json(fact) for fact in facts]
        data["related"] = [
            {"name": r.name, "kind": r.kind, "articles": r.articles} for r in related
        ]
        output.print_json(data)
        return 0
    also = f" — also {', '.join(entity.aliases)}" if entity.aliases else ""
    print(f"{entity.name} ({entity.kind}){also}")
    print(f"{entity.mentions} mentions in {entity.articles} articles")
    print("\nArticles")
    for row in articles:
        print(f"  {row.id:>6}  {(row.published or 'undated')[:10]}  {row.title}  ({row.mentions})")
    if facts:
        print("\nTimeline")
        for fact in facts:
            print(f"  {_when(fact):<24} {_describe(fact)}")
    if related:
        print("\nAppears with")
        for other in related:
            print(f"  {other.name} ({other.kind}, {other.articles} articles)")
    return 0


def _when(fact: FactRow) -> str:
    from reader.export.dossier import when_label

    return when_label(fact).replace(" (a ", " (").replace(", sorted at its start)", ")")


def _describe(fact: FactRow) -> str:
    parties = ", ".join(fact.who)
    place = ", ".join(fact.where)
    text = f"{fact.kind}: {fact.text}"
    if parties:
        text += f" — {parties}"
    if place:
        text += f" · {place}"
    if fact.state:
        text += f" [{fact.state}]"
    return f"{text}  ({fact.article_title})"


def _agenda(args: argparse.Namespace, context: Context, start: str, end: str | None) -> int:
    items = context.store.entities.agenda(start, end)
    if args.json:
        output.print_json([fact_json(item) for item in items])
        return 0
    if not items:
        print(f"Nothing dated from {start}{f' to {end}' if end else ''}.")
        return 0
    for item in items:
        print(f"{_when(item):<24} {_describe(item)}")
    return 0


def _export(args: argparse.Namespace, context: Context, entity: EntityRow) -> int:
    from reader.export.dossier import Dossier, render_dossier
    from reader.export.selection import notes_folder
    from reader.export.writer import Exporter, ExportError
    from reader.storage.clock import now_iso

    store = context.store
    index = store.entities
    articles = index.articles(entity.id)
    dossier = Dossier(entity, articles, index.facts(entity.id), index.related(entity.id))
    for row in articles:
        article = store.articles.get(row.id)
        if article is not None:
            dossier.stored[row.id] = article
        dossier.notes[row.id] = store.notes.for_article(row.id)
    folder = args.out or notes_folder(context.settings.export.notes_dir, context.data_dir)
    try:
        exporter = Exporter(folder, store.exports, force=args.force)
        report = exporter.export_document(entity.name, render_dossier(dossier, now_iso()))
    except ExportError as error:
        output.error(str(error))
        return 1
    for path in report.written:
        print(f"Wrote {path}")
    for path in report.unchanged:
        print(f"Unchanged {path}")
    for kept, beside in report.kept:
        print(f"Kept {kept} (edited since the last export); the new dossier is {beside}")
    return 0
