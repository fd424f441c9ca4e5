"""The query language that chooses a set of articles, everywhere one is chosen.

    council "Ana Ruiz" tag:news -source:"Daily Blog" unread since:2024-03-01

Space-separated terms that must all hold. A bare word or a "quoted phrase" is full-text; `tag:T`,
`source:S` (id, title or URL), `since:YYYY-MM-DD`, `before:YYYY-MM-DD` and `entity:NAME` are
fields (a value with spaces is quoted: `tag:"long reads"`); `unread`, `read`, `bookmarked` and
`noted` are states; `-` before any term negates it. Parsing is pure (no SQL, no storage): the
storage layer compiles a `Query` to SQL (`reader/storage/query.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

TEXT = "text"  # a bare word
PHRASE = "phrase"  # "quoted words"
FIELDS = ("tag", "source", "since", "before", "entity")
STATES = ("unread", "read", "bookmarked", "noted")
DATE_FIELDS = ("since", "before")

_WORD = re.compile(r"\w+", re.UNICODE)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# One term: an optional "-", then a quoted phrase, a field with a quoted or bare value, or a word.
# A quote left open at the very end closes there (search as you type); a quote anywhere else
# inside a term is named as a bad term.
_TOKEN = re.compile(
    r'(?P<neg>-?)(?:"(?P<phrase>[^"]*)(?:"|$)'
    r'|(?P<field>[A-Za-z_]+):(?:"(?P<quoted>[^"]*)(?:"|$)|(?P<value>[^\s"]*))'
    r"|(?P<word>[^\s\"]+))"
    r"(?=\s|$)"
)


class QueryError(ValueError):
    """A query that cannot be used; the message is one line naming the bad term."""


@dataclass(frozen=True, slots=True)
class Term:
    kind: str  # TEXT, PHRASE, a field name or a state name
    value: str = ""
    negated: bool = False

    def __str__(self) -> str:
        sign = "-" if self.negated else ""
        if self.kind == PHRASE:
            return f'{sign}"{self.value}"'
        if self.kind == TEXT or self.kind in STATES:
            return sign + (self.value if self.kind == TEXT else self.kind)
        value = self.value
        if not value or re.search(r"\s", value):
            value = f'"{value}"'
        return f"{sign}{self.kind}:{value}"

    @property
    def words(self) -> list[str]:
        """The full-text words of a TEXT or PHRASE term, as the FTS index splits them."""
        return _WORD.findall(self.value)


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...] = ()

    def __str__(self) -> str:
        return " ".join(str(term) for term in self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def text_terms(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.kind in (TEXT, PHRASE))

    def without_text(self) -> Query:
        return Query(tuple(t for t in self.terms if t.kind not in (TEXT, PHRASE)))


def parse(text: str) -> Query:
    """The query in `text`; QueryError names the first term that is not one."""
    terms: list[Term] = []
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return Query(tuple(terms))
        match = _TOKEN.match(text, position)
        if match is None:
            raise QueryError(_bad_token(text, position))
        terms.append(_term(match))
        position = match.end()


def _bad_token(text: str, position: int) -> str:
    """The bad term as the user wrote it: up to the next space outside quotes."""
    end, quoted = position, False
    while end < len(text) and (quoted or not text[end].isspace()):
        quoted = quoted != (text[end] == '"')
        end += 1
    token = text[position:end]
    if '"' in token:
        return f"bad term {token!r}: a quote inside a word, or text right after a closing quote"
    return f"bad term {token!r}"


def _term(match: re.Match[str]) -> Term:
    token = match.group(0)
    negated = match.group("neg") == "-"
    if match.group("phrase") is not None:
        term = Term(PHRASE, " ".join(match.group("phrase").split()), negated)
        if not term.words:
            raise QueryError(f"bad term {token!r}: a phrase needs words to search for")
        return term
    field = match.group("field")
    if field is not None:
        return _field(token, field.lower(), _value(match), negated)
    word = match.group("word")
    if word.startswith("-"):
        raise QueryError(f"bad term {token!r}: one '-', right before a term, negates it")
    if word.lower() in STATES:
        return Term(word.lower(), "", negated)
    term = Term(TEXT, word, negated)
    if not term.words:
        raise QueryError(f"bad term {token!r}: no words to search for")
    return term


def _value(match: re.Match[str]) -> str:
    quoted = match.group("quoted")
    return " ".join(quoted.split()) if quoted is not None else match.group("value")


def _field(token: str, field: str, value: str, negated: bool) -> Term:
    if field not in FIELDS:
        known = ", ".join(f"{name}:" for name in FIELDS)
        raise QueryError(f"bad term {token!r}: unknown field '{field}:' (known: {known})")
    if not value:
        raise QueryError(f"bad term {token!r}: '{field}:' needs a value")
    if field in DATE_FIELDS:
        if not _DAY.fullmatch(value):
            raise QueryError(f"bad term {token!r}: expected {field}:YYYY-MM-DD")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"bad term {token!r}: {value} is not a calendar day") from None
    return Term(field, value, negated)


def check(text: str) -> str | None:
    """The error a query would give, or None: for config checks and the app's search box."""
    try:
        parse(text)
    except QueryError as error:
        return str(error)
    return None
