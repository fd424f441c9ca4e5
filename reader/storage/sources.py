"""The sources table: feeds and local imports, with their fetch metadata and tags."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reader.models import Source
from reader.storage.clock import now_iso
from reader.storage.connection import transaction
from reader.storage.query import HiddenRules

LOCAL_PREFIX = "local:"
# The most stored per field (see articles.FIELD_LIMITS): titles, tags and errors come from
# feeds and servers.
TITLE_MAX, TAG_MAX, URL_MAX, ERROR_MAX = 1000, 200, 4096, 1000

_SOURCE_COLUMNS = """
    s.id, s.kind, s.url, s.title, s.etag, s.last_modified, s.last_refresh, s.last_error,
    s.error_count, s.retry_after,
    (SELECT group_concat(tag, char(31)) FROM source_tags t WHERE t.source_id = s.id) AS tags,
    (SELECT count(*) FROM articles a WHERE a.source_id = s.id{visible}) AS article_count,
    (SELECT count(*) FROM articles a WHERE a.source_id = s.id AND a.is_read = 0{visible})
        AS unread_count
"""


@dataclass(slots=True)
class FetchState:
    """What a refresh learned about a source; None leaves a field as it was."""

    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_after: str | None = None
    new_url: str | None = None
    title: str | None = None


def _row_to_source(row: sqlite3.Row) -> Source:
    return Source(
        id=row["id"],
        kind=row["kind"],
        url=row["url"],
        title=row["title"],
        tags=sorted(row["tags"].split("\x1f")) if row["tags"] else [],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_refresh=row["last_refresh"],
        last_error=row["last_error"],
        error_count=row["error_count"],
        retry_after=row["retry_after"],
        article_count=row["article_count"],
        unread_count=row["unread_count"],
    )


class SourceTable:
    def __init__(self, db: sqlite3.Connection, hiding: HiddenRules | None = None) -> None:
        self._db = db
        self.hiding = hiding or HiddenRules()

    def _select(self, rest: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        """Sources with counts that leave out what `[[ignore]]` rules hide."""
        visible, hidden_params = self.hiding.visible()
        columns = _SOURCE_COLUMNS.format(visible=f" AND {visible}" if visible else "")
        return self._db.execute(
            f"SELECT {columns} FROM sources s {rest}", [*hidden_params, *hidden_params, *params]
        ).fetchall()

    def all(self) -> list[Source]:
        rows = self._select("ORDER BY s.kind, lower(s.title), s.id")
        return [_row_to_source(row) for row in rows]

    def get(self, source_id: int) -> Source | None:
        rows = self._select("WHERE s.id = ?", (source_id,))
        return _row_to_source(rows[0]) if rows else None

    def by_url(self, url: str) -> Source | None:
        rows = self._select("WHERE s.url = ?", (url,))
        return _row_to_source(rows[0]) if rows else None

    def add(self, kind: str, url: str, title: str = "", tags: list[str] | None = None) -> Source:
        """Create the source, or return the existing one with that URL (tags are merged)."""
        url, title = url[:URL_MAX], title[:TITLE_MAX]
        tags = [tag[:TAG_MAX] for tag in tags or []]
        with transaction(self._db):
            self._db.execute(
                "INSERT INTO sources (kind, url, title, created) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET title = CASE WHEN excluded.title != ''"
                " THEN excluded.title ELSE sources.title END",
                (kind, url, title, now_iso()),
            )
            source_id = self._db.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()[
                0
            ]
            self._db.executemany(
                "INSERT OR IGNORE INTO source_tags (source_id, tag) VALUES (?, ?)",
                [(source_id, tag) for tag in tags],
            )
        source = self.get(source_id)
        assert source is not None
        return source

    def local(self, name: str | None) -> Source:
        """The source local files are filed under: the name they give, else "Local files"."""
        title = (name or "").strip() or "Local files"
        existing = self.by_url(LOCAL_PREFIX + title.casefold())
        if existing is not None:
            return existing
        return self.add("local", LOCAL_PREFIX + title.casefold(), title)

    def remove(self, source_id: int) -> int:
        """Delete a source and its articles; returns how many articles went.

        Raises sqlite3.IntegrityError (nothing deleted) if any of its articles is bookmarked or
        noted: the caller must say so rather than lose them.
        """
        with transaction(self._db):
            count = self._db.execute(
                "SELECT count(*) FROM articles WHERE source_id = ?", (source_id,)
            ).fetchone()[0]
            self._db.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        return int(count)

    def record_fetch(self, source_id: int, state: FetchState) -> None:
        with transaction(self._db):
            self.record_in_transaction(source_id, state)

    def set_title(self, source_id: int, title: str) -> None:
        with transaction(self._db):
            self._db.execute(
                "UPDATE sources SET title = ? WHERE id = ?", (title[:TITLE_MAX], source_id)
            )

    def record_in_transaction(self, source_id: int, state: FetchState) -> None:
        if state.title:
            state.title = state.title[:TITLE_MAX]
        if state.error is None:
            self._db.execute(
                "UPDATE sources SET etag = coalesce(?, etag),"
                " last_modified = coalesce(?, last_modified), last_refresh = ?,"
                " last_error = NULL, error_count = 0, retry_after = NULL,"
                " title = CASE WHEN title = '' AND ? IS NOT NULL THEN ? ELSE title END"
                " WHERE id = ?",
                (state.etag, state.last_modified, now_iso(), state.title, state.title, source_id),
            )
        else:
            self._db.execute(
                "UPDATE sources SET last_refresh = ?, last_error = ?,"
                " error_count = error_count + 1, retry_after = ? WHERE id = ?",
                (now_iso(), state.error[:ERROR_MAX], state.retry_after, source_id),
            )
        if state.new_url:
            self._db.execute(
                "UPDATE OR IGNORE sources SET url = ? WHERE id = ?", (state.new_url, source_id)
            )

    def tags(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT tag FROM source_tags ORDER BY lower(tag)")
        return [row[0] for row in rows]
