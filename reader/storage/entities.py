"""The index across articles: which analysis each article has, one entity per person, place or
organisation over all articles (with aliases and per-article mentions), and every fact, the
dated ones making the agenda.

One entity across articles: the same name and kind is the same entity; a one-word person name
("Modi") joins the one person whose surname it is ("Narendra Modi"), and stays apart when two
people share it ("Smith" with "John Smith" and "Jane Smith"). An article's rows are replaced in
one transaction whenever its analysis changes, so a crash never leaves half an article indexed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.storage.clock import now_iso
from reader.storage.connection import transaction


@dataclass(slots=True)
class IndexedEntity:
    name: str
    kind: str
    mentions: int
    first_offset: int
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IndexedFact:
    kind: str
    text: str
    date: str | None
    end_date: str | None
    sort_start: str | None  # the period's first day (ISO), None when it has no calendar place
    sort_end: str | None
    precision: str | None
    on_agenda: bool
    who: list[str]
    where: list[str]
    state: str | None
    sentence_start: int
    sentence_end: int
    sentence: str


@dataclass(slots=True)
class PendingArticle:
    id: int
    content_hash: str
    published: str | None


@dataclass(slots=True)
class EntityRow:
    id: int
    name: str
    kind: str
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    aliases: list[str] = field(default_factory=list)
    unread: int = 0


@dataclass(slots=True)
class EntityArticle:
    id: int
    title: str
    published: str | None
    mentions: int
    name: str  # the name this article's analysis gave
    is_read: bool


@dataclass(slots=True)
class FactRow:
    article_id: int
    article_title: str
    kind: str
    text: str
    date: str | None
    end_date: str | None
    sort_start: str | None
    precision: str | None
    who: list[str]
    where: list[str]
    state: str | None
    sentence_start: int
    sentence_end: int
    sentence: str


@dataclass(slots=True)
class AnalysisProgress:
    total: int
    done: int
    failed: int

    @property
    def pending(self) -> int:
        return self.total - self.done - self.failed


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _surname(name: str, kind: str) -> str | None:
    """The last word of a person's name of two words or more: what a short mention joins on."""
    words = name_key(name).split()
    return words[-1] if kind == "person" and len(words) > 1 else None


_PENDING = """
    FROM articles a LEFT JOIN article_analysis aa ON aa.article_id = a.id
    WHERE aa.article_id IS NULL OR aa.analyser_version != ? OR aa.content_hash != a.content_hash
        OR aa.reference != coalesce(a.published, '')
"""

# An entity's timeline and companions come from its latest articles.
RECENT_ARTICLES = 500
_RECENT = (
    "SELECT article_id, name FROM entity_articles WHERE entity_id = ?"
    " ORDER BY seen DESC, article_id DESC LIMIT ?"
)
# A period on the agenda shows in a window it overlaps if it began at most this long before
# it, by precision ("2025" in any month of 2025); longer ranges show from their start.
LOOKBACK_DAYS = {
    "day": 62,  # ranges of days ("December 25 to 29")
    "week": 7,
    "month": 31,
    "quarter": 92,
    "season": 92,
    "half": 183,
    "year": 366,
    "mixed": 366,
    "decade": 3653,
}

_FACT_COLUMNS = """
    f.article_id, a.title, f.kind, f.text, f.date, f.end_date, f.sort_start, f.precision,
    f.who, f.place, f.state, f.sentence_start, f.sentence_end, f.sentence
"""


def _fact_row(row: sqlite3.Row) -> FactRow:
    return FactRow(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
        json.loads(row[8]), json.loads(row[9]), row[10], row[11], row[12], row[13],
    )  # fmt: skip


class EntityIndex:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    # --- what needs analysing -------------------------------------------------------------

    def pending(self, analyser_version: str, limit: int | None = None) -> list[PendingArticle]:
        """Articles with no analysis under this version, text and date: newest first."""
        sql = f"SELECT a.id, a.content_hash, a.published {_PENDING} ORDER BY a.sort_time DESC"
        params: list[object] = [analyser_version]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [PendingArticle(r[0], r[1], r[2]) for r in self._db.execute(sql, params)]

    def progress(self, analyser_version: str) -> AnalysisProgress:
        total = int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])
        pending = int(
            self._db.execute(f"SELECT count(*) {_PENDING}", (analyser_version,)).fetchone()[0]
        )
        failed = int(
            self._db.execute(
                "SELECT count(*) FROM article_analysis WHERE status = 'failed'"
                " AND analyser_version = ?",
                (analyser_version,),
            ).fetchone()[0]
        )
        return AnalysisProgress(total, total - pending - failed, failed)

    def failures(self) -> list[tuple[int, str]]:
        rows = self._db.execute(
            "SELECT article_id, error FROM article_analysis WHERE status = 'failed'"
            " ORDER BY article_id"
        )
        return [(r[0], r[1] or "") for r in rows]

    # --- writing ----------------------------------------------------------------------------

    def record(
        self,
        article: PendingArticle,
        analyser_version: str,
        entities: list[IndexedEntity] | None,
        facts: list[IndexedFact] | None,
        error: str | None = None,
    ) -> bool:
        """Replace what the index holds for one article, in one transaction. False (and nothing
        written) when the article is gone or changed since it was read for analysis."""
        with transaction(self._db):
            row = self._db.execute(
                "SELECT content_hash, coalesce(published, ''), coalesce(published, first_seen)"
                " FROM articles WHERE id = ?",
                (article.id,),
            ).fetchone()
            if row is None or row[0] != article.content_hash or row[1] != (article.published or ""):
                return False
            touched = self._clear_in_transaction(article.id)
            status = "failed" if error is not None else "done"
            self._db.execute(
                "INSERT OR REPLACE INTO article_analysis (article_id, content_hash,"
                " analyser_version, reference, status, error, analysed)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (article.id, row[0], analyser_version, row[1], status, error, now_iso()),
            )
            for entity in entities or []:
                touched.add(self._add_entity(article.id, entity, str(row[2])))
            self._add_facts(article.id, facts or [])
            self._refresh_counts(touched)
        return True

    def _clear_in_transaction(self, article_id: int) -> set[int]:
        """The article's rows go, and their counts from their entities (kept on the entity
        row: counting a top entity's 30,000 rows at every article would grow without end)."""
        old = self._db.execute(
            "SELECT entity_id, mentions, aliases FROM entity_articles WHERE article_id = ?",
            (article_id,),
        ).fetchall()
        self._db.executemany(
            "UPDATE entities SET articles = articles - 1, mentions = mentions - ? WHERE id = ?",
            [(mentions, entity_id) for entity_id, mentions, _ in old],
        )
        for entity_id, _, aliases in old:
            self._count_aliases(entity_id, json.loads(aliases), -1)
        touched = {int(entity_id) for entity_id, _, _ in old}
        for table in ("entity_articles", "article_facts"):
            self._db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        return touched

    def _entity_id(self, name: str, kind: str) -> int:
        """The entity this article's name belongs to, made when there is none."""
        key = name_key(name)
        row = self._db.execute(
            "SELECT id FROM entities WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        if row is not None:
            return int(row[0])
        if kind == "person" and " " not in key:
            owners = self._db.execute(
                "SELECT id FROM entities WHERE surname = ? AND kind = 'person' LIMIT 2", (key,)
            ).fetchall()
            if len(owners) == 1:
                return int(owners[0][0])
        cursor = self._db.execute(
            "INSERT INTO entities (name, kind, key, surname) VALUES (?, ?, ?, ?)",
            (name, kind, key, _surname(name, kind)),
        )
        entity_id = int(cursor.lastrowid or 0)
        self._absorb_short_names(entity_id, name, kind)
        return entity_id

    def _absorb_short_names(self, entity_id: int, name: str, kind: str) -> None:
        """A new full name takes over the entity of its surname alone ("Modi" seen before
        "Narendra Modi"), unless another full name shares that surname."""
        surname = _surname(name, kind)
        if surname is None:
            return
        others = self._db.execute(
            "SELECT count(*) FROM entities WHERE surname = ? AND kind = ? AND id != ?",
            (surname, kind, entity_id),
        ).fetchone()[0]
        short = self._db.execute(
            "SELECT id FROM entities WHERE kind = ? AND key = ?", (kind, surname)
        ).fetchone()
        if short is None or others:
            return
        old = int(short[0])
        # the new entity has no rows yet (it was made a moment ago): nothing can collide
        self._db.execute(
            "UPDATE entities SET (articles, mentions) = (SELECT articles, mentions FROM entities"
            " WHERE id = ?) WHERE id = ?",
            (old, entity_id),
        )
        self._db.execute(
            "UPDATE entity_articles SET entity_id = ? WHERE entity_id = ?", (entity_id, old)
        )
        self._db.execute(
            "UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ?", (entity_id, old)
        )
        self._db.execute("DELETE FROM entities WHERE id = ?", (old,))

    def _add_entity(self, article_id: int, entity: IndexedEntity, seen: str) -> int:
        entity_id = self._entity_id(entity.name, entity.kind)
        names = {name_key(a): a for a in sorted({entity.name, *entity.aliases})}
        again = self._db.execute(
            "SELECT aliases FROM entity_articles WHERE entity_id = ? AND article_id = ?",
            (entity_id, article_id),
        ).fetchone()
        if again:  # two of the article's names are one entity ("Modi" beside "Narendra Modi")
            had = json.loads(again[0])
            known = {name_key(a) for a in had}
            new = [alias for key, alias in names.items() if key not in known]
            self._db.execute(
                "UPDATE entity_articles SET mentions = mentions + ?, aliases = ?,"
                " first_offset = min(first_offset, ?) WHERE entity_id = ? AND article_id = ?",
                (
                    entity.mentions,
                    json.dumps(had + new),
                    entity.first_offset,
                    entity_id,
                    article_id,
                ),
            )
        else:
            new = list(names.values())
            self._db.execute(
                "INSERT INTO entity_articles (entity_id, article_id, name, mentions,"
                " first_offset, seen, aliases) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    entity_id,
                    article_id,
                    entity.name,
                    entity.mentions,
                    entity.first_offset,
                    seen,
                    json.dumps(new),
                ),
            )
        self._db.execute(
            "UPDATE entities SET articles = articles + ?, mentions = mentions + ? WHERE id = ?",
            (0 if again else 1, entity.mentions, entity_id),
        )
        self._count_aliases(entity_id, new, 1)
        return entity_id

    def _count_aliases(self, entity_id: int, aliases: list[str], step: int) -> None:
        """How many articles call the entity by each name (a name no article uses goes)."""
        for alias in aliases:
            key = name_key(alias)
            self._db.execute(
                "INSERT INTO entity_aliases (entity_id, key, alias, uses) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (entity_id, key) DO UPDATE SET uses = uses + excluded.uses",
                (entity_id, key, alias, step),
            )
            if step < 0:
                self._db.execute(
                    "DELETE FROM entity_aliases WHERE entity_id = ? AND key = ? AND uses <= 0",
                    (entity_id, key),
                )

    def _add_facts(self, article_id: int, facts: list[IndexedFact]) -> None:
        self._db.executemany(
            "INSERT INTO article_facts (article_id, position, kind, text, date, end_date,"
            " sort_start, sort_end, precision, on_agenda, who, place, state, sentence_start,"
            " sentence_end, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    position,
                    f.kind,
                    f.text,
                    f.date,
                    f.end_date,
                    f.sort_start,
                    f.sort_end,
                    f.precision,
                    int(f.on_agenda),
                    json.dumps(f.who),
                    json.dumps(f.where),
                    f.state,
                    f.sentence_start,
                    f.sentence_end,
                    f.sentence,
                )
                for position, f in enumerate(facts)
            ],
        )

    def _refresh_counts(self, entity_ids: Iterable[int]) -> None:
        """First and last seen of the touched entities (two index probes each); one that no
        article names any more goes."""
        for entity_id in entity_ids:
            self._db.execute("DELETE FROM entities WHERE id = ? AND articles <= 0", (entity_id,))
            self._db.execute(
                "UPDATE entities SET"
                " first_seen = (SELECT min(seen) FROM entity_articles WHERE entity_id = ?),"
                " last_seen = (SELECT max(seen) FROM entity_articles WHERE entity_id = ?)"
                " WHERE id = ?",
                (entity_id, entity_id, entity_id),
            )

    # --- reading ----------------------------------------------------------------------------

    def top(
        self, kind: str | None = None, since: str | None = None, limit: int | None = None
    ) -> list[EntityRow]:
        """Most-mentioned first; `since` (an ISO day) counts only articles seen from then."""
        params: list[object] = []
        if since is None:
            sql = "SELECT id, name, kind, articles, mentions, first_seen, last_seen FROM entities"
            if kind is not None:
                sql += " WHERE kind = ?"
                params.append(kind)
        else:
            sql = (
                "SELECT e.id, e.name, e.kind, count(*) AS articles, sum(ea.mentions) AS mentions,"
                " min(ea.seen), max(ea.seen) FROM entity_articles ea"
                " JOIN entities e ON e.id = ea.entity_id WHERE ea.seen >= ?"
            )
            params.append(since)
            if kind is not None:
                sql += " AND e.kind = ?"
                params.append(kind)
            sql += " GROUP BY e.id"
        sql += " ORDER BY 5 DESC, 4 DESC, 2"  # mentions, articles, name
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = [EntityRow(*r) for r in self._db.execute(sql, params)]
        self._fill_aliases(rows)
        return rows

    def _fill_aliases(self, rows: list[EntityRow]) -> None:
        by_id = {row.id: row for row in rows}
        ids = list(by_id)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = self._db.execute(
                "SELECT entity_id, key, alias FROM entity_aliases"
                f" WHERE entity_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY uses DESC, alias",
                chunk,
            )
            for entity_id, key, alias in found:
                row = by_id[entity_id]
                if key != name_key(row.name):
                    row.aliases.append(alias)

    def get(self, entity_id: int) -> EntityRow | None:
        row = self._db.execute(
            "SELECT id, name, kind, articles, mentions, first_seen, last_seen FROM entities"
            " WHERE id = ?",
            (entity_id,),
        ).fetchone()
        if row is None:
            return None
        found = [EntityRow(*row)]
        self._fill_aliases(found)
        return found[0]

    def find(self, name: str, kind: str | None = None) -> list[EntityRow]:
        """Every entity NAME may mean: its name, one of its aliases, or (a single word) the
        surname of a person. More than one is for the caller to put to the user."""
        key = name_key(name)
        where, params = ("", []) if kind is None else (" AND e.kind = ?", [kind])
        sql = (
            f"SELECT e.id FROM entities e WHERE e.key = ?{where}"
            f" UNION SELECT e.id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
            f" WHERE a.key = ?{where}"
            f" UNION SELECT e.id FROM entities e WHERE e.surname = ?{where}"
        )
        found = self._db.execute(sql, [key, *params, key, *params, key, *params])
        rows = [row for row in (self.get(int(r[0])) for r in found) if row is not None]
        return sorted(rows, key=lambda r: (-r.mentions, r.name))

    def articles(self, entity_id: int) -> list[EntityArticle]:
        """Every article about the entity, newest first."""
        rows = self._db.execute(
            "SELECT a.id, a.title, a.published, ea.mentions, ea.name, a.is_read"
            " FROM entity_articles ea JOIN articles a ON a.id = ea.article_id"
            " WHERE ea.entity_id = ? ORDER BY ea.seen DESC, a.id DESC",
            (entity_id,),
        )
        return [EntityArticle(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def article_ids(self, entity_id: int) -> list[int]:
        rows = self._db.execute(
            "SELECT article_id FROM entity_articles WHERE entity_id = ?"
            " ORDER BY seen DESC, article_id DESC",
            (entity_id,),
        )
        return [int(r[0]) for r in rows]

    def facts(self, entity_id: int) -> list[FactRow]:
        """Facts naming the entity (by the name its article gave it) in its latest
        RECENT_ARTICLES articles, in date order: a timeline a reader can take in, at a cost
        that does not grow with an entity named in half the database."""
        rows = self._db.execute(
            f"WITH recent AS ({_RECENT}) SELECT {_FACT_COLUMNS}, ea.name FROM recent ea"
            " JOIN article_facts f ON f.article_id = ea.article_id"
            " JOIN articles a ON a.id = f.article_id"
            " ORDER BY f.sort_start IS NULL, f.sort_start, length(f.date), f.article_id,"
            " f.position",
            (entity_id, RECENT_ARTICLES),
        )
        found = []
        for row in rows:
            fact = _fact_row(row)
            if row[14] in fact.who or row[14] in fact.where:
                found.append(fact)
        return found

    def related(self, entity_id: int, limit: int = 10) -> list[EntityRow]:
        """The entities that share most of its latest RECENT_ARTICLES articles."""
        rows = self._db.execute(
            f"WITH recent AS ({_RECENT})"
            " SELECT e.id, e.name, e.kind, count(*) AS shared, sum(other.mentions),"
            " e.first_seen, e.last_seen FROM recent mine"
            " JOIN entity_articles other ON other.article_id = mine.article_id"
            " AND other.entity_id != ?"
            " JOIN entities e ON e.id = other.entity_id"
            " GROUP BY e.id ORDER BY shared DESC, sum(other.mentions) DESC, e.name LIMIT ?",
            (entity_id, RECENT_ARTICLES, entity_id, limit),
        )
        return [EntityRow(*r) for r in rows]

    def agenda(self, start: str | None, end: str | None) -> list[FactRow]:
        """Dated facts whose period meets [start, end] (ISO days), in calendar order: a vague
        date at the start of its period, before the precise dates of that day."""
        select = (
            f"SELECT {_FACT_COLUMNS} FROM article_facts f JOIN articles a ON a.id = f.article_id"
        )
        order = " ORDER BY f.sort_start, length(f.date), f.date, f.article_id, f.position"
        if start is None:
            where, params = ("", []) if end is None else (" AND f.sort_start <= ?", [end])
            sql = f"{select} WHERE f.on_agenda = 1{where}{order}"
            return [_fact_row(r) for r in self._db.execute(sql, params)]
        # Two index ranges: what starts in the window, and the periods (a month, a year,
        # a range of days) that started before it and still run, looked for no further back
        # than their precision allows.
        rows = list(
            self._db.execute(
                f"{select} WHERE f.on_agenda = 1 AND f.sort_start >= ?"
                + (" AND f.sort_start <= ?" if end is not None else ""),
                [start, end] if end is not None else [start],
            )
        )
        for precision, days in LOOKBACK_DAYS.items():
            rows += self._db.execute(
                f"{select} WHERE f.on_agenda = 1 AND f.sort_end > f.sort_start"
                " AND f.precision = ? AND f.sort_start >= date(?, ?) AND f.sort_start < ?"
                " AND f.sort_end >= ?",
                (precision, start, f"-{days} days", start, start),
            ).fetchall()
        rows.sort(key=lambda r: (r[6], len(r[4] or ""), r[4] or "", r[0]))
        return [_fact_row(r) for r in rows]

    def unread_counts(self, entity_ids: list[int]) -> dict[int, int]:
        counts: dict[int, int] = {}
        for entity_id in entity_ids:
            counts[entity_id] = int(
                self._db.execute(
                    "SELECT count(*) FROM entity_articles ea JOIN articles a"
                    " ON a.id = ea.article_id WHERE ea.entity_id = ? AND a.is_read = 0",
                    (entity_id,),
                ).fetchone()[0]
            )
        return counts

    # --- following --------------------------------------------------------------------------

    def follow(self, entity: EntityRow) -> None:
        with transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO entity_follows (kind, key, name, created)"
                " VALUES (?, ?, ?, ?)",
                (entity.kind, name_key(entity.name), entity.name, now_iso()),
            )

    def unfollow(self, entity: EntityRow) -> None:
        with transaction(self._db):
            self._db.execute(
                "DELETE FROM entity_follows WHERE kind = ? AND key = ?",
                (entity.kind, name_key(entity.name)),
            )

    def followed(self) -> list[EntityRow]:
        """Followed entities that the index still knows, by name."""
        rows = self._db.execute(
            "SELECT e.id, e.name, e.kind, e.articles, e.mentions, e.first_seen, e.last_seen"
            " FROM entity_follows f JOIN entities e ON e.kind = f.kind AND e.key = f.key"
            " ORDER BY e.name"
        )
        return [EntityRow(*r) for r in rows]


def articles_for_entity(db: sqlite3.Connection, name: str) -> list[int]:
    """Ids of every article about the entity NAME means (any alias; all candidates when it is
    ambiguous), newest first: for the query language's `entity:NAME`."""
    index = EntityIndex(db)
    ids: list[int] = []
    for entity in index.find(name):
        ids.extend(i for i in index.article_ids(entity.id) if i not in ids)
    return ids
