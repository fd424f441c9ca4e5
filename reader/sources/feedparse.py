"""Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.0/1.1) to article drafts.

Pure functions of bytes and headers: the network side and local files both call them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from reader.models import ArticleDraft, Enclosure
from reader.sources.dates import iso_from_value
from reader.sources.htmltext import html_to_text, looks_like_html
from reader.sources.prose import readable_body
from reader.sources.text import clean_line, clean_text, clean_url

JSON_FEED_VERSIONS = ("https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1")


class FeedError(Exception):
    """A document that is not a feed we can read; the message says why."""


@dataclass(slots=True)
class ParsedFeed:
    title: str
    link: str | None
    entries: list[ArticleDraft] = field(default_factory=list)
    warning: str | None = None  # a recoverable problem (feedparser's "bozo" with entries)


def parse_feed(data: bytes, headers: dict[str, str] | None = None, url: str = "") -> ParsedFeed:
    """Parse bytes with their HTTP headers (so the declared charset is honoured)."""
    if _looks_like_json(data):
        return parse_json_feed(data)
    return _parse_xml_feed(data, headers or {}, url)


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _parse_xml_feed(data: bytes, headers: dict[str, str], url: str) -> ParsedFeed:
    import feedparser

    # No sanitizing or URI rewriting inside feedparser: we never render feed HTML, we turn it
    # into text (scripts and styles dropped) and make link targets absolute there. The two
    # passes were a third of the parse time.
    parsed: Any = feedparser.parse(
        data,
        response_headers={k.lower(): v for k, v in headers.items()},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if url:
        parsed.feed.setdefault("link", url)
    entries = [_entry_from_feedparser(entry, url) for entry in parsed.entries]
    warning = None
    benign = type(parsed.get("bozo_exception")).__name__ in BENIGN_BOZO
    if parsed.get("bozo") and not (benign and (entries or parsed.get("version"))):
        reason = _bozo_reason(parsed.get("bozo_exception"))
        if not entries:
            version = parsed.get("version") or ""
            if not version and not parsed.feed.get("title"):
                raise FeedError(f"not a feed: {reason}")
            raise FeedError(f"broken feed with no entries: {reason}")
        warning = f"feed has errors but was read: {reason}"
    elif not parsed.get("version") and not entries:
        raise FeedError("not a feed: no RSS, Atom or JSON Feed document found")
    return ParsedFeed(
        title=clean_line(_text_of(parsed.feed, "title")),
        link=clean_url(parsed.feed.get("link") or "") or None,
        entries=entries,
        warning=warning,
    )


# feedparser flags a missing or mismatched Content-Type even when the document itself is fine.
BENIGN_BOZO = {"NonXMLContentType", "CharacterEncodingOverride"}


def _bozo_reason(exception: object) -> str:
    text = " ".join(str(exception).split()) if exception else "malformed document"
    return text[:200]


def _text_of(container: Any, key: str) -> str:
    value = container.get(key) or ""
    detail = container.get(f"{key}_detail") or {}
    if detail.get("type") == "text/html" or looks_like_html(value):
        return html_to_text(value, base_links=False)
    return str(value)


def _entry_from_feedparser(entry: Any, feed_url: str) -> ArticleDraft:
    content_html = ""
    for part in entry.get("content") or []:
        if len(part.get("value", "")) > len(content_html):
            content_html = part.get("value", "")
    summary_raw = entry.get("summary") or ""
    body = content_html or summary_raw
    base = clean_url(dict.get(entry, "link") or "") or feed_url
    text = readable_body(_readable(body, base))
    # without full content the summary is the body: convert it once
    summary = _readable(summary_raw, base, links=False) if content_html else text
    published = _entry_date(entry, "published") or _entry_date(entry, "updated")
    return ArticleDraft(
        title=clean_line(_text_of(entry, "title")) or "(untitled)",
        text=text,
        guid=entry.get("id") or None,  # matched, never shown raw (JSON escapes it): kept as is
        link=clean_url(entry.get("link") or "") or None,
        author=clean_line(entry.get("author") or "") or None,
        published=published,
        updated=_entry_date(entry, "updated"),
        summary=summary if summary != text else "",
        content=body,
        enclosures=_enclosures(
            (e.get("href"), e.get("type"), e.get("length")) for e in entry.get("enclosures") or []
        ),
    )


def _enclosures(items: Any) -> list[Enclosure]:
    """(url, type, length) triples as the feed gave them to Enclosures: http(s) URLs only, each
    once, a length only when it is a whole number of bytes."""
    found: dict[str, Enclosure] = {}
    for url, kind, length in items:
        if not isinstance(url, str) or not url.strip().lower().startswith(("http://", "https://")):
            continue
        url = clean_line(url.strip())
        size = _length(length)
        found.setdefault(
            url, Enclosure(url, clean_line(kind) if isinstance(kind, str) else "", size)
        )
    return list(found.values())


def _length(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()) or None
    return None


def _readable(value: str, base_url: str, links: bool = True) -> str:
    if looks_like_html(value):
        return html_to_text(value, base_links=links, base_url=base_url)
    return clean_text(value).strip()


def _entry_date(entry: Any, key: str) -> str | None:
    # The raw string keeps the source's own offset; the parsed tuple is UTC. dict.get, not
    # entry.get: feedparser maps a missing "updated" to "published" with a deprecation warning.
    return iso_from_value(dict.get(entry, key)) or iso_from_value(dict.get(entry, f"{key}_parsed"))


def parse_json_feed(data: bytes) -> ParsedFeed:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FeedError(
            f"JSON Feed is not valid UTF-8: {error.reason} at byte {error.start}"
        ) from None
    except json.JSONDecodeError as error:
        raise FeedError(f"not a feed: invalid JSON at line {error.lineno}: {error.msg}") from None
    if not isinstance(document, dict):
        raise FeedError("not a JSON Feed: the document is not an object")
    version = document.get("version")
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise FeedError("not a JSON Feed: missing or unknown 'version'")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedError("broken feed with no entries: JSON Feed has no 'items' list")
    entries: list[ArticleDraft] = []
    skipped = 0
    for item in items:
        draft = _entry_from_json(item)
        if draft is None:
            skipped += 1
        else:
            entries.append(draft)
    warning = (
        f"feed has errors but was read: {skipped} item(s) without an id or url skipped"
        if skipped
        else None
    )
    if skipped and not entries:
        raise FeedError("broken feed with no entries: no JSON Feed item has an id or url")
    title = document.get("title")
    link = document.get("home_page_url")
    return ParsedFeed(
        title=clean_line(title) if isinstance(title, str) else "",
        link=clean_url(link) or None if isinstance(link, str) else None,
        entries=entries,
        warning=warning,
    )


def _json_item_id(item: dict[str, Any]) -> str | None:
    """The item's `id`; real feeds often give only `url`, which identifies the item as well
    (JSON Feed 1.1 requires an id, but readers take the url where it is missing)."""
    for key in ("id", "url"):
        value = item.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def _entry_from_json(item: object) -> ArticleDraft | None:
    if not isinstance(item, dict):
        return None
    guid = _json_item_id(item)
    if guid is None:
        return None

    def string(key: str) -> str:
        value = item.get(key)
        return value if isinstance(value, str) else ""

    content_html, content_text = string("content_html"), string("content_text")
    text = readable_body(
        html_to_text(content_html) if content_html else clean_text(content_text).strip()
    )
    summary = clean_text(string("summary")).strip()
    raw_authors = item.get("authors")
    authors: list[Any] = raw_authors if isinstance(raw_authors, list) else [item.get("author")]
    names = [
        str(a["name"]) for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)
    ]
    title = string("title")
    if looks_like_html(title):
        title = html_to_text(title, base_links=False)
    return ArticleDraft(
        title=clean_line(title) or clean_line(summary)[:80] or "(untitled)",
        text=text or summary,
        guid=guid,  # as the feed gives it: entries are matched on it, never shown
        link=clean_url(string("url")) or None,
        author=clean_line(", ".join(names)) or None,
        published=iso_from_value(string("date_published"))
        or iso_from_value(string("date_modified")),
        updated=iso_from_value(string("date_modified")),
        summary=summary if summary != text else "",
        content=content_html or content_text,
        enclosures=_json_attachments(item.get("attachments")),
    )


def _json_attachments(attachments: object) -> list[Enclosure]:
    items = attachments if isinstance(attachments, list) else []
    return _enclosures(
        (a.get("url"), a.get("mime_type"), a.get("size_in_bytes"))
        for a in items
        if isinstance(a, dict)
    )
