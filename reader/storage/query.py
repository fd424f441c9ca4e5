"""A parsed `Query` (reader/query.py) as an SQL condition on `articles a`.

Full-text terms go through the FTS5 index, one phrase per term, each word quoted so FTS syntax
in the user's text is never read as an operator. Every other term is a plain SQL condition, so a
query costs what its terms cost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from reader.query import PHRASE, TEXT, Query, QueryError, Term

# entity:NAME needs the across-articles entity index, built elsewhere. Whoever builds it gives
# the condition here: NAME -> (SQL on `a`, params). Until then the term is a clear error.
EntityMatcher = Callable[[str], tuple[str, list[object]]]
_entity_matcher: EntityMatcher | None = None


def set_entity_matcher(matcher: EntityMatcher | None) -> None:
    global _entity_matcher
    _entity_matcher = matcher


def fts_phrase(term: Term, prefix: bool = False) -> str:
    """One TEXT or PHRASE term as an FTS5 phrase of its quoted words."""
    phrase = '"' + " ".join(term.words) + '"'
    return phrase + ("*" if prefix else "")


def fts_match(terms: tuple[Term, ...], prefix_last: bool = False) -> str:
    """Positive full-text terms as one FTS5 expression (implicit AND between phrases)."""
    last = len(terms) - 1
    return " ".join(
        fts_phrase(t, prefix_last and i == last and t.kind == TEXT) for i, t in enumerate(terms)
    )


def condition(query: Query, prefix_last: bool = False) -> tuple[str, list[object]]:
    """The whole query as one condition ("1" when it has no terms) and its parameters.

    `prefix_last` lets the last bare word match as a prefix, for search as you type.
    """
    clauses: list[str] = []
    params: list[object] = []
    positive = tuple(t for t in query.terms if t.kind in (TEXT, PHRASE) and not t.negated)
    if positive:
        clauses.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(fts_match(positive, prefix_last))
    for term in query.terms:
        if term.kind in (TEXT, PHRASE) and not term.negated:
            continue
        sql, values = _term(term)
        clauses.append(f"NOT ({sql})" if term.negated else sql)
        params.extend(values)
    return (" AND ".join(clauses) or "1"), params


def _day_start(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp()


def _term(term: Term) -> tuple[str, list[object]]:
    if term.kind in (TEXT, PHRASE):
        return (
            "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            [fts_phrase(term)],
        )
    simple = {
        "unread": "a.is_read = 0",
        "read": "a.is_read = 1",
        "bookmarked": "a.id IN (SELECT article_id FROM bookmarks)",
        "noted": "a.id IN (SELECT article_id FROM notes)",
    }
    if term.kind in simple:
        return simple[term.kind], []
    if term.kind == "tag":
        return (
            "a.source_id IN (SELECT source_id FROM source_tags WHERE tag = ? COLLATE NOCASE)",
            [term.value],
        )
    if term.kind == "source":
        return (
            "a.source_id IN (SELECT id FROM sources WHERE CAST(id AS TEXT) = ?"
            " OR title = ? COLLATE NOCASE OR url = ?)",
            [term.value, term.value, term.value],
        )
    if term.kind == "since":
        return "a.sort_time >= ?", [_day_start(term.value)]
    if term.kind == "before":
        return "a.sort_time < ?", [_day_start(term.value)]
    if term.kind == "entity":
        if _entity_matcher is None:
            raise QueryError(f"entity: needs the entity index (in {str(term)!r})")
        return _entity_matcher(term.value)
    raise QueryError(f"bad term {str(term)!r}")  # the parser never makes one


class HiddenRules:
    """The config's `[[ignore]]` rules: an article any of them matches is hidden from lists,
    counts and exports, and kept. Compiled once; the tables that count or list share one."""

    def __init__(self) -> None:
        self.sql = ""  # a condition on `a` that is true for a hidden article; "" when none
        self.params: list[object] = []

    def set(self, rules: list[Query]) -> None:
        parts = [condition(rule) for rule in rules if rule]
        self.sql = " OR ".join(f"({sql})" for sql, _ in parts)
        self.params = [value for _, values in parts for value in values]

    def visible(self) -> tuple[str, list[object]]:
        """A condition true for an article no rule hides ("" when there are no rules)."""
        return (f"NOT ({self.sql})", list(self.params)) if self.sql else ("", [])
