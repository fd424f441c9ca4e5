"""newsboat's filter language (query feeds, `ignore-article`) in reader's query language, where
the two mean the same: a conjunction of unread, tags, feed title or URL conditions. Anything
else (`or`, regular expressions, ages, authors) is reported with the reason, never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.query import QueryError, parse
from reader.sources.newsboat import split_lines

_TOKEN = re.compile(
    r'\s*(\(|\)|"(?:[^"\\]|\\.)*"|!=|=~|!~|!#|<=|>=|[=#<>]|[A-Za-z_][\w-]*|-?\d+(?:\.\d+)?)'
)


class Untranslatable(ValueError):
    """The expression has no exact equivalent; the message says which part."""


@dataclass(slots=True)
class NewsboatConfig:
    """What reader takes from newsboat's config file."""

    ignores: list[tuple[int, str]] = field(default_factory=list)  # line, reader query
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, why


def _tokens(expression: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    expression = expression.rstrip()
    while position < len(expression):
        match = _TOKEN.match(expression, position)
        if match is None:
            raise Untranslatable(f"cannot read {expression[position:].strip()[:30]!r}")
        tokens.append(match.group(1))
        position = match.end()
    return tokens


def _unquote(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    return token


def _quoted(value: str) -> str:
    if '"' in value:
        raise Untranslatable(f"a value with a quote ({value!r})")
    return f'"{value}"' if re.search(r"\s", value) or not value else value


def translate(expression: str) -> str:
    """A newsboat filter expression as a reader query (text); Untranslatable says why not."""
    tokens = [t for t in _tokens(expression) if t not in ("(", ")")]
    if "or" in (t.lower() for t in tokens):
        raise Untranslatable("'or': a reader query holds when all its terms hold")
    terms: list[str] = []
    conditions: list[list[str]] = [[]]
    for token in tokens:
        if token.lower() == "and":
            conditions.append([])
        else:
            conditions[-1].append(token)
    for condition in conditions:
        if len(condition) != 3:
            raise Untranslatable(f"cannot read {' '.join(condition) or 'an empty condition'!r}")
        terms.append(_condition(*condition))
    text = " ".join(terms)
    try:
        parse(text)
    except QueryError as error:
        raise Untranslatable(str(error)) from None
    return text


def _condition(attribute: str, operator: str, raw: str) -> str:
    value = _unquote(raw)
    name = attribute.lower()
    negated = operator.startswith("!")
    sign = "-" if negated else ""
    if name == "unread" and operator in ("=", "!=") and value in ("yes", "no"):
        return "unread" if (value == "yes") != negated else "read"
    if name == "tags" and operator in ("#", "!#"):
        return f"{sign}tag:{_quoted(value)}"
    if name in ("feedtitle", "feedurl") and operator in ("=", "!="):
        return f"{sign}source:{_quoted(value)}"
    shown = f"{attribute} {operator} {raw}"
    if operator in ("=~", "!~"):
        raise Untranslatable(f"{shown!r}: reader has full-text words, not regular expressions")
    raise Untranslatable(f"{shown!r}: reader's queries have no such condition")


def read_config(text: str) -> NewsboatConfig:
    """`ignore-article FEED EXPR` lines of newsboat's config as reader ignore queries."""
    result = NewsboatConfig()
    wanted = "\n".join(
        line if line.strip().startswith("ignore-article") else "" for line in text.splitlines()
    )
    for number, line, words in split_lines(wanted, result.skipped):
        if len(words) != 3:
            result.skipped.append((number, line, "expected ignore-article FEED EXPRESSION"))
            continue
        _, feed, expression = words
        try:
            query = translate(expression)
            if feed != "*":
                query = f"source:{_quoted(feed)} {query}"
        except Untranslatable as error:
            result.skipped.append((number, line, str(error)))
            continue
        result.ignores.append((number, query))
    return result


def query_line(entry: str) -> tuple[str, str]:
    """`query:Name:expression` (the urls file's first word) as (name, expression)."""
    parts = entry.split(":", 2)
    if len(parts) != 3 or not parts[1].strip():
        raise Untranslatable("expected query:NAME:EXPRESSION")
    return parts[1].strip(), parts[2]
