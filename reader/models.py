"""Plain records shared by every layer: sources, storage, analysis, export and the front ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True, frozen=True)
class Enclosure:
    """A podcast episode or other media attached to an entry (RSS <enclosure>, Atom
    rel="enclosure", JSON Feed attachments). Only http(s) URLs are kept."""

    url: str
    type: str = ""
    length: int | None = None


@dataclass(slots=True)
class ArticleDraft:
    """An article as a source produced it, before storage gave it an id."""

    title: str
    text: str
    guid: str | None = None
    link: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as precise as the source said
    updated: str | None = None
    summary: str = ""
    content: str = ""  # the original markup (HTML) when there was some
    source_name: str | None = None  # a name the file itself gives ("source:" in front matter)
    enclosures: list[Enclosure] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A stored article."""

    id: int
    source_id: int
    source_title: str
    title: str
    text: str
    guid: str | None
    link: str | None
    author: str | None
    published: str | None
    updated: str | None
    summary: str
    content: str
    is_read: bool
    first_seen: str
    content_hash: str
    bookmarked: bool = False
    note_count: int = 0
    enclosures: list[Enclosure] = field(default_factory=list)

    @property
    def reference_date(self) -> date | None:
        """The day relative expressions in the text are resolved against, if known."""
        return parse_iso_day(self.published)

    @property
    def reference_key(self) -> str:
        """What a stored interpretation was resolved against: the day, or "" for none."""
        day = self.reference_date
        return day.isoformat() if day else ""


@dataclass(slots=True)
class ArticleRow:
    """The light row the article list and `reader list` show (no body)."""

    id: int
    source_id: int
    source_title: str
    title: str
    link: str | None
    author: str | None
    published: str | None
    is_read: bool
    bookmarked: bool
    note_count: int


@dataclass(slots=True)
class Source:
    id: int
    kind: str  # "feed" or "local"
    url: str
    title: str
    tags: list[str] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    last_refresh: str | None = None
    last_error: str | None = None
    error_count: int = 0
    retry_after: str | None = None
    article_count: int = 0
    unread_count: int = 0


@dataclass(slots=True)
class Note:
    id: int
    article_id: int
    body: str
    created: str
    updated: str
    quote_start: int | None = None
    quote_end: int | None = None

    @property
    def first_line(self) -> str:
        """What a list of notes shows for this one."""
        body = self.body.strip()
        return body.splitlines()[0] if body else ""


def parse_iso_day(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or datetime, in its own time zone."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
