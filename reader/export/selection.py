"""Which articles an export takes, and everything each one needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.analysis.model import Analysis
from reader.export.markdown import ExportItem
from reader.export.writer import Exporter, ExportReport
from reader.models import Article
from reader.storage import Store


@dataclass(slots=True)
class ExportChoice:
    """Default: every article with notes. `bookmarked` takes bookmarked articles too."""

    article_ids: list[int] | None = None
    tag: str | None = None
    since: str | None = None  # YYYY-MM-DD: notes written or edited on or after that day
    bookmarked: bool = False


def chosen_articles(store: Store, choice: ExportChoice) -> list[Article]:
    if choice.article_ids:
        ids = list(dict.fromkeys(choice.article_ids))
    else:
        ids = store.notes.noted_article_ids()
        if choice.bookmarked:
            ids = list(dict.fromkeys([*store.bookmarks.ids(), *ids]))
    ids = store.articles.visible_ids(ids)  # what [[ignore]] rules hide is not exported
    articles = [article for article in map(store.articles.get, ids) if article is not None]
    if choice.tag is not None:
        tagged = {source.id for source in store.sources.all() if choice.tag in source.tags}
        articles = [a for a in articles if a.source_id in tagged]
    if choice.since is not None:
        since = choice.since
        articles = [
            a
            for a in articles
            if any(n.updated[:10] >= since for n in store.notes.for_article(a.id))
        ]
    return sorted(articles, key=lambda a: a.id)


def export_items(
    store: Store, articles: list[Article], analyse: Callable[[Article], Analysis] | None
) -> list[ExportItem]:
    tags_by_source = {source.id: source.tags for source in store.sources.all()}
    return [
        ExportItem(
            article=article,
            notes=store.notes.for_article(article.id),
            tags=sorted(tags_by_source.get(article.source_id, [])),
            analysis=analyse(article) if analyse is not None else None,
        )
        for article in articles
    ]


DEFAULT_FOLDER = "notes"


def notes_folder(configured: str, data_dir: Path) -> Path:
    """[export] notes_dir, else `notes` in the data dir: one place whatever folder reader was
    started in (it used to be ./reader-notes, which scattered exports over working folders)."""
    return Path(configured).expanduser() if configured else data_dir / DEFAULT_FOLDER


def export_notes(
    store: Store,
    articles: list[Article],
    exporter: Exporter,
    analyse: Callable[[Article], Analysis] | None,
    single: str | None = None,
) -> ExportReport:
    """The whole export, as both the CLI and the TUI run it."""
    items = export_items(store, articles, analyse)
    exported = datetime.now(UTC).replace(microsecond=0).isoformat()
    if single:
        return exporter.export_single(single, items, exported)
    return exporter.export(items, exported)


def describe(report: ExportReport) -> list[str]:
    """One line per file, for people."""
    lines = [f"Wrote {path}" for path in report.written]
    lines += [f"Unchanged {path}" for path in report.unchanged]
    lines += [
        f"Kept {edited}: edited since the last export; the new export is {new} (--force overwrites)"
        for edited, new in report.kept
    ]
    lines += [f"Skipped {path}: {why}" for path, why in report.skipped]
    return lines
