"""newsboat's urls file: `URL tag "another tag" "~Title"` per line. Query feeds ("query:"),
`exec:` and `filter:` sources have no URL we can fetch: they are reported, not dropped."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.sources.opml import Subscription
from reader.sources.text import clean_line, clean_url


@dataclass(slots=True)
class NewsboatList:
    subscriptions: list[Subscription] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # line number, line, why
    queries: list[tuple[int, str]] = field(default_factory=list)  # line number, "query:N:expr"


def split_lines(
    text: str, skipped: list[tuple[int, str, str]]
) -> Iterator[tuple[int, str, list[str]]]:
    """(line number, line, words) of a newsboat file, as its shell-like quoting splits them;
    comments and blank lines left out, a line that cannot be split added to `skipped`."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            words = shlex.split(line, comments=True)
        except ValueError as error:
            skipped.append((number, line, f"cannot split the line: {error}"))
            continue
        if words:
            yield number, line, words


def read_urls(text: str) -> NewsboatList:
    result = NewsboatList()
    for number, line, words in split_lines(text, result.skipped):
        url, rest = words[0], words[1:]
        kind = url.split(":", 1)[0].lower()
        if kind == "query":  # not a feed; the caller translates it (newsboat_filters.py)
            result.queries.append((number, url))
        if kind in ("query", "exec", "filter"):
            result.skipped.append((number, line, f"{kind}: sources are newsboat's own"))
            continue
        if kind not in ("http", "https"):
            result.skipped.append((number, line, "only http and https feeds are fetched"))
            continue
        # the file is outside text like any feed: "~Title" and tags can carry escapes
        title = clean_line(next((w[1:] for w in rest if w.startswith("~")), ""))
        tags = sorted({clean_line(w) for w in rest if not w.startswith(("~", "!"))} - {""})
        result.subscriptions.append(Subscription(clean_url(url), title, tags))
    return result
