"""Putting articles into storage: local files, the bundled samples. Used by the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.locations import bundled_samples_dir
from reader.models import ArticleDraft
from reader.sources.files import LoadError, load_file
from reader.storage import Store, UpsertResult


@dataclass(slots=True)
class StoredFile:
    path: Path
    source_id: int
    results: list[UpsertResult]


@dataclass(slots=True)
class ImportReport:
    stored: list[StoredFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def article_ids(self) -> list[int]:
        return [result.id for item in self.stored for result in item.results]


def import_files(
    store: Store, paths: Iterable[Path], default_date: str | None = None
) -> ImportReport:
    """Load and store each file; a file that fails is reported and the others still load."""
    report = ImportReport()
    for path in paths:
        try:
            loaded = load_file(path, default_date)
        except LoadError as error:
            report.errors.append(str(error))
            continue
        # One transaction per source: a feed file of 500 entries is one write, not 500.
        by_source: dict[str | None, list[ArticleDraft]] = {}
        for draft in loaded.articles:
            by_source.setdefault(draft.source_name or loaded.source_name, []).append(draft)
        for source_name, drafts in by_source.items():
            source = store.sources.local(source_name)
            results = store.articles.upsert_many(source.id, drafts)
            report.stored.append(StoredFile(path, source.id, results))
    return report


def sample_files() -> list[Path]:
    return sorted(bundled_samples_dir().glob("*.md"))


def import_samples_if_empty(store: Store, feeds_configured: bool) -> ImportReport | None:
    """First launch with nothing stored and no feeds: the bundled samples make a real screen."""
    if feeds_configured or store.articles.count() > 0 or store.sources.all():
        return None
    return import_files(store, sample_files())
