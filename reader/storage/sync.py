"""What a sync with an aggregator server remembers: the server's id of each article and feed,
and the local read and bookmark changes waiting to go up (queued by triggers, see migration 6)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reader.storage.connection import transaction

APPLYING = "sync:applying"  # while set, state changes are the server's and are not queued


@dataclass(slots=True, frozen=True)
class PendingChange:
    article_id: int
    remote_id: str
    field: str  # "read" or "starred"
    value: bool
    changed: str  # ISO 8601, UTC


class SyncTable:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    # -- articles and feeds ------------------------------------------------------------------
    def article_for(self, service: str, remote_id: str) -> int | None:
        row = self._db.execute(
            "SELECT article_id FROM sync_items WHERE service = ? AND remote_id = ?",
            (service, remote_id),
        ).fetchone()
        return int(row[0]) if row else None

    def remote_articles(self, service: str) -> dict[str, int]:
        """remote id -> article id, for every article the server knows."""
        rows = self._db.execute(
            "SELECT remote_id, article_id FROM sync_items WHERE service = ?", (service,)
        )
        return {remote: article for remote, article in rows}

    def link_article(self, service: str, remote_id: str, article_id: int) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO sync_items (article_id, service, remote_id) VALUES (?, ?, ?)",
            (article_id, service, remote_id),
        )

    def source_for(self, service: str, remote_feed: str) -> int | None:
        row = self._db.execute(
            "SELECT source_id FROM sync_feeds WHERE service = ? AND remote_id = ?",
            (service, remote_feed),
        ).fetchone()
        return int(row[0]) if row else None

    def link_source(self, service: str, remote_feed: str, source_id: int) -> None:
        with transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO sync_feeds (source_id, service, remote_id) VALUES (?, ?, ?)",
                (source_id, service, remote_feed),
            )

    def article_by_link(self, source_id: int, link: str) -> int | None:
        """An article reader already has (fetched before the sync was set up) with this link."""
        row = self._db.execute(
            "SELECT a.id FROM articles a WHERE a.link = ?"
            " AND NOT EXISTS (SELECT 1 FROM sync_items s WHERE s.article_id = a.id)"
            " ORDER BY a.source_id != ? LIMIT 1",
            (link, source_id),
        ).fetchone()
        return int(row[0]) if row else None

    # -- the queue of local changes ------------------------------------------------------------
    def pending(self, service: str) -> list[PendingChange]:
        rows = self._db.execute(
            "SELECT c.article_id, s.remote_id, c.field, c.value, c.changed FROM sync_changes c"
            " JOIN sync_items s ON s.article_id = c.article_id AND s.service = ?"
            " ORDER BY c.changed",
            (service,),
        )
        return [PendingChange(a, r, f, bool(v), c) for a, r, f, v, c in rows]

    def sent(self, changes: Iterable[PendingChange]) -> None:
        """Forget changes the server has taken; one changed again meanwhile stays queued."""
        with transaction(self._db):
            self._db.executemany(
                "DELETE FROM sync_changes WHERE article_id = ? AND field = ? AND changed = ?",
                [(c.article_id, c.field, c.changed) for c in changes],
            )

    @contextmanager
    def applying_server_state(self) -> Iterator[None]:
        """One transaction in which read and bookmark changes are the server's: not queued."""
        with transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO app_state (key, value) VALUES (?, '1')", (APPLYING,)
            )
            try:
                yield
            finally:
                self._db.execute("DELETE FROM app_state WHERE key = ?", (APPLYING,))

    def set_read_from_server(self, article_ids: Iterable[int], read: bool) -> int:
        """Inside applying_server_state: the rows whose read state the server changed."""
        ids = list(article_ids)
        changed = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            changed += self._db.execute(
                f"UPDATE articles SET is_read = ? WHERE is_read != ? AND id IN ({marks})",
                (int(read), int(read), *chunk),
            ).rowcount
        return changed

    def set_starred_from_server(self, article_ids: Iterable[int], starred: bool, now: str) -> int:
        changed = 0
        for article_id in article_ids:
            if starred:
                changed += self._db.execute(
                    "INSERT OR IGNORE INTO bookmarks (article_id, created) VALUES (?, ?)",
                    (article_id, now),
                ).rowcount
            else:
                changed += self._db.execute(
                    "DELETE FROM bookmarks WHERE article_id = ?", (article_id,)
                ).rowcount
        return changed

    def bookmarked(self, article_ids: Iterable[int]) -> set[int]:
        wanted = set(article_ids)
        rows = self._db.execute("SELECT article_id FROM bookmarks")
        return {row[0] for row in rows if row[0] in wanted}

    def unread(self, article_ids: Iterable[int]) -> set[int]:
        wanted = set(article_ids)
        rows = self._db.execute("SELECT id FROM articles WHERE is_read = 0")
        return {row[0] for row in rows if row[0] in wanted}
