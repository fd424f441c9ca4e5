"""Cached analysis results and small pieces of app state (last source and article)."""

from __future__ import annotations

import sqlite3

from reader.storage.clock import now_iso
from reader.storage.connection import transaction


class AnalysisCache:
    """Results keyed by the article's content hash and the analyser version: the model's
    output (`result`), and the finished analysis for one reference date (`interpreted`)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def get(self, content_hash: str, analyser_version: str) -> str | None:
        row = self._db.execute(
            "SELECT result FROM analyses WHERE content_hash = ? AND analyser_version = ?",
            (content_hash, analyser_version),
        ).fetchone()
        return str(row[0]) if row else None

    def put(
        self,
        content_hash: str,
        analyser_version: str,
        result: str,
        interpreted: str | None = None,
        interpreted_for: str | None = None,
    ) -> None:
        """The model's output, and the finished analysis for one reference date (the last one
        asked for: a changed article date replaces it)."""
        with transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO analyses (content_hash, analyser_version, result, created,"
                " interpreted, interpreted_for) VALUES (?, ?, ?, ?, ?, ?)",
                (content_hash, analyser_version, result, now_iso(), interpreted, interpreted_for),
            )

    def interpreted(self, content_hash: str, analyser_version: str, reference: str) -> str | None:
        row = self._db.execute(
            "SELECT interpreted FROM analyses WHERE content_hash = ? AND analyser_version = ?"
            " AND interpreted_for = ?",
            (content_hash, analyser_version, reference),
        ).fetchone()
        return str(row[0]) if row and row[0] is not None else None


class AppState:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def get(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set(self, key: str, value: str) -> None:
        with transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO app_state (key, value) VALUES (?, ?)", (key, value)
            )
