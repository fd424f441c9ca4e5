"""SQLite storage: the only package that writes SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.locations import database_file
from reader.models import ArticleDraft
from reader.query import Query
from reader.storage.articles import ArticleFilter, ArticleTable, UpsertResult
from reader.storage.cache import AnalysisCache, AppState
from reader.storage.connection import (
    DiskFull,
    StorageError,
    connect,
    is_disk_full,
    transaction,
    write_failure,
)
from reader.storage.entities import EntityIndex
from reader.storage.keeping import BookmarkTable, ExportTable, NoteTable
from reader.storage.migrations import migrate
from reader.storage.query import HiddenRules
from reader.storage.sources import FetchState, SourceTable

__all__ = [
    "ArticleFilter",
    "DiskFull",
    "FetchState",
    "StorageError",
    "Store",
    "UpsertResult",
    "is_disk_full",
    "write_failure",
]


class Store:
    """One open database and its tables."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path
        self.hiding = HiddenRules()  # `[[ignore]]`: see hide()
        self.sources = SourceTable(connection, self.hiding)
        self.articles = ArticleTable(connection, self.hiding)
        self.bookmarks = BookmarkTable(connection)
        self.notes = NoteTable(connection)
        self.exports = ExportTable(connection)
        self.analyses = AnalysisCache(connection)
        self.state = AppState(connection)
        self.entities = EntityIndex(connection)

    def hide(self, rules: list[Query]) -> None:
        """Leave what any of these queries matches out of every list, count and export (the
        articles stay stored; `ArticleFilter(hidden=True)` lists them)."""
        self.hiding.set(rules)

    @classmethod
    def open(cls, data_dir: Path) -> Store:
        path = database_file(data_dir)
        connection = connect(path)
        try:
            migrate(connection)
        except sqlite3.DatabaseError as error:
            connection.close()
            if is_disk_full(error):
                raise DiskFull(f"{path}: the disk is full (no room to update the database)") from None
            raise StorageError(f"{path}: not a usable reader database: {error}") from None
        except StorageError as error:
            connection.close()
            raise StorageError(f"{path}: {error}") from None
        return cls(connection, path)

    def save_feed(
        self, source_id: int, drafts: list[ArticleDraft], state: FetchState
    ) -> list[UpsertResult]:
        """A refreshed feed's entries and what the fetch learned, in one transaction: a crash
        leaves the source as it was before, never half-updated."""
        with transaction(self.db):
            results = self.articles.upsert_in_transaction(source_id, drafts)
            self.sources.record_in_transaction(source_id, state)
        return results

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
