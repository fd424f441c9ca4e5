"""What readers keep: bookmarks, notes and note drafts."""

from __future__ import annotations

import sqlite3

from reader.models import Note
from reader.storage.clock import now_iso
from reader.storage.connection import transaction


class BookmarkTable:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def add(self, article_id: int) -> bool:
        """True if the bookmark is new."""
        with transaction(self._db):
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO bookmarks (article_id, created) VALUES (?, ?)",
                (article_id, now_iso()),
            )
        return cursor.rowcount > 0

    def remove(self, article_id: int) -> bool:
        with transaction(self._db):
            cursor = self._db.execute("DELETE FROM bookmarks WHERE article_id = ?", (article_id,))
        return cursor.rowcount > 0

    def toggle(self, article_id: int) -> bool:
        """Returns whether the article is bookmarked afterwards."""
        if self.remove(article_id):
            return False
        self.add(article_id)
        return True

    def ids(self) -> list[int]:
        return [
            row[0]
            for row in self._db.execute(
                "SELECT article_id FROM bookmarks ORDER BY created DESC, article_id DESC"
            )
        ]


def _to_note(row: sqlite3.Row) -> Note:
    return Note(
        id=row["id"],
        article_id=row["article_id"],
        body=row["body"],
        created=row["created"],
        updated=row["updated"],
        quote_start=row["quote_start"],
        quote_end=row["quote_end"],
    )


class NoteTable:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def add(self, article_id: int, body: str, quote: tuple[int, int] | None = None) -> Note:
        stamp = now_iso()
        with transaction(self._db):
            cursor = self._db.execute(
                "INSERT INTO notes (article_id, body, quote_start, quote_end, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    body,
                    quote[0] if quote else None,
                    quote[1] if quote else None,
                    stamp,
                    stamp,
                ),
            )
        note = self.get(int(cursor.lastrowid or 0))
        assert note is not None
        return note

    def get(self, note_id: int) -> Note | None:
        row = self._db.execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
        return _to_note(row) if row else None

    def update(self, note_id: int, body: str) -> None:
        with transaction(self._db):
            self._db.execute(
                "UPDATE notes SET body = ?, updated = ? WHERE id = ?", (body, now_iso(), note_id)
            )

    def delete(self, note_id: int) -> Note | None:
        """Delete and hand back the note, so the caller can offer an undo."""
        note = self.get(note_id)
        if note is not None:
            with transaction(self._db):
                self._db.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        return note

    def restore(self, note: Note) -> None:
        with transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO notes"
                " (id, article_id, body, quote_start, quote_end, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    note.id,
                    note.article_id,
                    note.body,
                    note.quote_start,
                    note.quote_end,
                    note.created,
                    note.updated,
                ),
            )

    def for_article(self, article_id: int) -> list[Note]:
        rows = self._db.execute(
            "SELECT * FROM notes WHERE article_id = ? ORDER BY created, id", (article_id,)
        )
        return [_to_note(row) for row in rows]

    def all(self) -> list[Note]:
        rows = self._db.execute("SELECT * FROM notes ORDER BY article_id, created, id")
        return [_to_note(row) for row in rows]

    def noted_article_ids(self) -> list[int]:
        return [
            row[0]
            for row in self._db.execute(
                "SELECT article_id FROM notes GROUP BY article_id ORDER BY max(updated) DESC"
            )
        ]

    def save_draft(self, article_id: int, body: str, note_id: int | None = None) -> None:
        with transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO note_drafts (article_id, note_id, body, updated)"
                " VALUES (?, ?, ?, ?)",
                (article_id, note_id, body, now_iso()),
            )

    def draft(self, article_id: int) -> tuple[str, int | None] | None:
        row = self._db.execute(
            "SELECT body, note_id FROM note_drafts WHERE article_id = ?", (article_id,)
        ).fetchone()
        return (row["body"], row["note_id"]) if row else None

    def discard_draft(self, article_id: int) -> None:
        with transaction(self._db):
            self._db.execute("DELETE FROM note_drafts WHERE article_id = ?", (article_id,))


class ExportTable:
    """The digest of every file `export-notes` wrote, by absolute path."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def digest(self, path: str) -> str | None:
        row = self._db.execute("SELECT digest FROM exports WHERE path = ?", (path,)).fetchone()
        return str(row[0]) if row else None

    def owner(self, path: str) -> int | None:
        row = self._db.execute("SELECT article_id FROM exports WHERE path = ?", (path,)).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def record(self, path: str, article_id: int | None, digest: str) -> None:
        with transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO exports (path, article_id, digest, exported)"
                " VALUES (?, ?, ?, ?)",
                (path, article_id, digest, now_iso()),
            )
