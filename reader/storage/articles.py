"""The articles table and its full-text index."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from reader.models import Article, ArticleDraft, ArticleRow, Enclosure
from reader.query import Query, parse
from reader.storage.clock import now_iso, sort_time
from reader.storage.connection import transaction
from reader.storage.query import HiddenRules, condition, fts_match

UpsertStatus = Literal["new", "updated", "unchanged"]


@dataclass(slots=True, frozen=True)
class ArticleFilter:
    """Which articles a list shows. Fields combine with AND."""

    source_id: int | None = None
    tag: str | None = None
    unread_only: bool = False
    bookmarked: bool = False
    noted: bool = False
    ids: tuple[int, ...] | None = None
    query: Query | None = None  # the query language (reader/query.py)
    hidden: bool = False  # only the articles `[[ignore]]` rules hide (else those are left out)
    entity_id: int | None = None  # articles about one entity of the index across articles


@dataclass(slots=True, frozen=True)
class UpsertResult:
    id: int
    status: UpsertStatus


# The most stored per field. A 9 MB title froze the app for 27 s; no real headline, author or
# address comes near these, and a body of two million characters is a book.
FIELD_LIMITS = {
    "title": 1000,
    "author": 500,
    "link": 4096,
    "guid": 4096,
    "published": 64,
    "updated": 64,
    "summary": 20_000,
    "text": 2_000_000,
    "content": 5_000_000,
}


def bounded(draft: ArticleDraft) -> ArticleDraft:
    """The draft with every field cut to FIELD_LIMITS: what storage accepts, from any source."""
    for name, limit in FIELD_LIMITS.items():
        value = getattr(draft, name)
        if value is not None and len(value) > limit:
            setattr(draft, name, value[:limit])
    return draft


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def content_hash_of_row(db: sqlite3.Connection, article_id: int, text: str) -> str:
    row = db.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()
    return content_hash(row[0] if row else "", text)


def dedup_key(draft: ArticleDraft) -> str:
    """Per source: the guid, else the link, else the content."""
    if draft.guid:
        return "guid:" + draft.guid
    if draft.link:
        return "link:" + draft.link
    return "hash:" + content_hash(draft.title, draft.text)


_ROW_COLUMNS = """
    a.id, a.source_id, s.title AS source_title, a.title, a.link, a.author, a.published,
    a.is_read, EXISTS (SELECT 1 FROM bookmarks b WHERE b.article_id = a.id) AS bookmarked,
    (SELECT count(*) FROM notes n WHERE n.article_id = a.id) AS note_count
"""

_FULL_COLUMNS = (
    _ROW_COLUMNS + ", a.guid, a.updated, a.summary, a.content, a.text, a.first_seen, a.content_hash"
)


def _to_row(row: sqlite3.Row) -> ArticleRow:
    # by position, in _ROW_COLUMNS order: 100,000 rows make name lookups show
    return ArticleRow(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]), bool(row[8]), row[9]
    )


def _to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        source_id=row["source_id"],
        source_title=row["source_title"],
        title=row["title"],
        text=row["text"],
        guid=row["guid"],
        link=row["link"],
        author=row["author"],
        published=row["published"],
        updated=row["updated"],
        summary=row["summary"],
        content=row["content"],
        is_read=bool(row["is_read"]),
        first_seen=row["first_seen"],
        content_hash=row["content_hash"],
        bookmarked=bool(row["bookmarked"]),
        note_count=row["note_count"],
    )


def _where(selection: ArticleFilter, hiding: HiddenRules | None = None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if hiding is not None and hiding.sql:
        clauses.append(f"({hiding.sql})" if selection.hidden else f"NOT ({hiding.sql})")
        params.extend(hiding.params)
    elif selection.hidden:
        clauses.append("0")  # no rules: nothing is hidden
    if selection.query:
        sql, values = condition(selection.query)
        clauses.append(sql)
        params.extend(values)
    if selection.source_id is not None:
        clauses.append("a.source_id = ?")
        params.append(selection.source_id)
    if selection.tag is not None:
        clauses.append("a.source_id IN (SELECT source_id FROM source_tags WHERE tag = ?)")
        params.append(selection.tag)
    if selection.unread_only:
        clauses.append("a.is_read = 0")
    if selection.bookmarked:
        clauses.append("a.id IN (SELECT article_id FROM bookmarks)")
    if selection.noted:
        clauses.append("a.id IN (SELECT article_id FROM notes)")
    if selection.entity_id is not None:
        clauses.append("a.id IN (SELECT article_id FROM entity_articles WHERE entity_id = ?)")
        params.append(selection.entity_id)
    if selection.ids is not None:
        clauses.append(f"a.id IN ({','.join('?' * len(selection.ids))})")
        params.extend(selection.ids)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class ArticleTable:
    def __init__(self, db: sqlite3.Connection, hiding: HiddenRules | None = None) -> None:
        self._db = db
        self.hiding = hiding or HiddenRules()

    def _where(self, selection: ArticleFilter) -> tuple[str, list[object]]:
        return _where(selection, self.hiding)

    def upsert_many(self, source_id: int, drafts: Iterable[ArticleDraft]) -> list[UpsertResult]:
        """Store new articles and update changed ones in one transaction.

        An update replaces the content but keeps read state, bookmarks and notes.
        """
        with transaction(self._db):
            return self.upsert_in_transaction(source_id, drafts)

    def upsert_in_transaction(
        self, source_id: int, drafts: Iterable[ArticleDraft]
    ) -> list[UpsertResult]:
        """upsert_many for a caller that holds the transaction (Store.save_feed)."""
        seen = now_iso()
        return [self._upsert(source_id, draft, seen) for draft in drafts]

    def replace_text(self, article_id: int, text: str, content: str) -> None:
        """The full text fetched from the article's page replaces the feed's summary."""
        text, content = text[: FIELD_LIMITS["text"]], content[: FIELD_LIMITS["content"]]
        with transaction(self._db):
            self._db.execute(
                "UPDATE articles SET text = ?, content = ?, content_hash = ? WHERE id = ?",
                (text, content, content_hash_of_row(self._db, article_id, text), article_id),
            )

    def _upsert(self, source_id: int, draft: ArticleDraft, seen: str) -> UpsertResult:
        draft = bounded(draft)
        key = dedup_key(draft)
        digest = content_hash(draft.title, draft.text)
        existing = self._db.execute(
            "SELECT id, content_hash, published FROM articles WHERE source_id = ? AND dedup_key = ?",
            (source_id, key),
        ).fetchone()
        if existing is None:
            cursor = self._db.execute(
                "INSERT INTO articles (source_id, dedup_key, guid, link, title, author, published,"
                " updated, sort_time, summary, content, text, content_hash, first_seen)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source_id,
                    key,
                    draft.guid,
                    draft.link,
                    draft.title,
                    draft.author,
                    draft.published,
                    draft.updated,
                    sort_time(draft.published, seen),
                    draft.summary,
                    draft.content,
                    draft.text,
                    digest,
                    seen,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            self._save_enclosures(article_id, draft.enclosures, new=True)
            return UpsertResult(article_id, "new")
        self._save_enclosures(existing["id"], draft.enclosures, new=False)
        if existing["content_hash"] == digest and (
            draft.published is None or draft.published == existing["published"]
        ):
            return UpsertResult(existing["id"], "unchanged")
        self._db.execute(
            "UPDATE articles SET guid = ?, link = ?, title = ?, author = ?,"
            " published = coalesce(?, published), updated = ?, summary = ?, content = ?, text = ?,"
            " content_hash = ? WHERE id = ?",
            (
                draft.guid,
                draft.link,
                draft.title,
                draft.author,
                draft.published,
                draft.updated,
                draft.summary,
                draft.content,
                draft.text,
                digest,
                existing["id"],
            ),
        )
        self._db.execute(
            "UPDATE articles SET sort_time = ? WHERE id = ?",
            (sort_time(draft.published or existing["published"], seen), existing["id"]),
        )
        return UpsertResult(existing["id"], "updated")

    def _save_enclosures(self, article_id: int, enclosures: list[Enclosure], new: bool) -> None:
        """An entry's media as the feed now gives them (an unchanged list is not rewritten)."""
        if not new:
            if self.enclosures(article_id) == enclosures:
                return
            self._db.execute("DELETE FROM enclosures WHERE article_id = ?", (article_id,))
        self._db.executemany(
            "INSERT INTO enclosures (article_id, position, url, type, length)"
            " VALUES (?, ?, ?, ?, ?)",
            [(article_id, n, e.url, e.type, e.length) for n, e in enumerate(enclosures)],
        )

    def enclosures(self, article_id: int) -> list[Enclosure]:
        rows = self._db.execute(
            "SELECT url, type, length FROM enclosures WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
        return [Enclosure(row[0], row[1], row[2]) for row in rows]

    def get(self, article_id: int) -> Article | None:
        row = self._db.execute(
            f"SELECT {_FULL_COLUMNS} FROM articles a JOIN sources s ON s.id = a.source_id"
            " WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        article = _to_article(row)
        article.enclosures = self.enclosures(article_id)
        return article

    def visible_ids(self, article_ids: list[int]) -> list[int]:
        """Those of `article_ids` no `[[ignore]]` rule hides, in the same order."""
        if not self.hiding.sql or not article_ids:
            return article_ids
        shown = set(self.ids(ArticleFilter(ids=tuple(article_ids))))
        return [article_id for article_id in article_ids if article_id in shown]

    def rows(
        self, selection: ArticleFilter = ArticleFilter(), limit: int = -1, offset: int = 0
    ) -> list[ArticleRow]:
        """Light rows, newest first."""
        where, params = self._where(selection)
        cursor = self._db.execute(
            f"SELECT {_ROW_COLUMNS} FROM articles a JOIN sources s ON s.id = a.source_id{where}"
            " ORDER BY a.sort_time DESC, a.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [_to_row(row) for row in cursor]

    def ids(self, selection: ArticleFilter = ArticleFilter()) -> list[int]:
        """Every matching id, newest first: the article list keeps only these and pages rows."""
        only_entity = selection == ArticleFilter(entity_id=selection.entity_id)
        if only_entity and selection.entity_id and not self.hiding.sql:
            # straight from the index across articles (newest first by publication day):
            # 30,000 ids of a top entity in a few ms, not a sort of 30,000 articles; with
            # ignore rules the general query below leaves their articles out
            cursor = self._db.execute(
                "SELECT article_id FROM entity_articles WHERE entity_id = ?"
                " ORDER BY seen DESC, article_id DESC",
                (selection.entity_id,),
            )
            return [row[0] for row in cursor]
        where, params = self._where(selection)
        cursor = self._db.cursor()
        cursor.row_factory = None  # plain tuples: 100,000 sqlite3.Row objects cost ~20 ms
        cursor.execute(
            f"SELECT a.id FROM articles a{where} ORDER BY a.sort_time DESC, a.id DESC", params
        )
        return [row[0] for row in cursor]

    def count(self, selection: ArticleFilter = ArticleFilter()) -> int:
        where, params = self._where(selection)
        return int(
            self._db.execute(f"SELECT count(*) FROM articles a{where}", params).fetchone()[0]
        )

    def search(self, query: str | Query, limit: int = 50) -> list[ArticleRow]:
        """Ranked full-text search in the query language (a title match weighs more than a
        body match); the last bare word may be a prefix. Without full-text terms: newest first.

        Raises QueryError for a query that does not parse.
        """
        parsed = parse(query) if isinstance(query, str) else query
        positive = tuple(t for t in parsed.text_terms if not t.negated)
        if not positive:
            if not parsed:
                return []
            return self.rows(ArticleFilter(query=parsed), limit=limit)
        rest = Query(tuple(t for t in parsed.terms if t not in positive))
        where, params = _where(ArticleFilter(query=rest), self.hiding)
        # With nothing else to hold, the index ranks and stops at `limit` by itself; otherwise
        # every hit is ranked and the other terms (cheap conditions on rows) filter them.
        inner_limit = "" if where else " ORDER BY score LIMIT ?"
        cursor = self._db.execute(
            f"SELECT {_ROW_COLUMNS} FROM ("
            "   SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts"
            f"   WHERE articles_fts MATCH ?{inner_limit}"
            f") hits JOIN articles a ON a.id = hits.rowid JOIN sources s ON s.id = a.source_id"
            f"{where} ORDER BY hits.score LIMIT ?",
            [fts_match(positive, prefix_last=True), *([] if where else [limit]), *params, limit],
        )
        return [_to_row(row) for row in cursor]

    def set_read(self, article_ids: Iterable[int], read: bool) -> None:
        with transaction(self._db):
            self._db.executemany(
                "UPDATE articles SET is_read = ? WHERE id = ?",
                [(int(read), article_id) for article_id in article_ids],
            )

    def read_ids(self, selection: ArticleFilter) -> list[int]:
        """The read articles among a selection (to undo a mark-all-read)."""
        where, params = self._where(selection)
        joiner = " AND " if where else " WHERE "
        cursor = self._db.execute(
            f"SELECT a.id FROM articles a{where}{joiner}a.is_read = 1", params
        )
        return [row[0] for row in cursor]

    def set_published(self, article_id: int, published: str | None) -> None:
        with transaction(self._db):
            first_seen = self._db.execute(
                "SELECT first_seen FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if first_seen is None:
                return
            self._db.execute(
                "UPDATE articles SET published = ?, sort_time = ? WHERE id = ?",
                (published, sort_time(published, first_seen[0]), article_id),
            )

    def delete_older_than(self, cutoff_iso: str) -> int:
        """Clean-up: drop articles published (else first seen) before the cutoff, except
        bookmarked or noted ones."""
        with transaction(self._db):
            cursor = self._db.execute(
                "DELETE FROM articles WHERE coalesce(published, first_seen) < ?"
                " AND id NOT IN (SELECT article_id FROM bookmarks)"
                " AND id NOT IN (SELECT article_id FROM notes)"
                " AND id NOT IN (SELECT article_id FROM note_drafts)",
                (cutoff_iso,),
            )
            return cursor.rowcount
