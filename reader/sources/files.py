"""Article files on disk: plain text, Markdown, HTML pages and feed documents."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.models import ArticleDraft
from reader.sources.dates import iso_from_value
from reader.sources.feedparse import FeedError, parse_feed
from reader.sources.htmltext import html_to_text
from reader.sources.text import clean_line, clean_text, clean_url

MAX_FILE_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".json", ".feed"}
FRONT_MATTER_KEYS = {"title", "date", "published", "source", "url", "link", "author", "guid"}
STANDFIRST_MAX = 320


class LoadError(Exception):
    """A file that cannot be loaded; str() is one line naming the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(slots=True)
class LoadedFile:
    path: Path
    articles: list[ArticleDraft]
    source_name: str | None  # a feed file's own title, filed as its source


def load_file(path: Path, default_date: str | None = None) -> LoadedFile:
    """Read one file into article drafts. `default_date` fills in a missing publication date."""
    data = _read_bytes(path)
    return _load(path, data, _kind_of(path, data), default_date)


def _load(path: Path, data: bytes, kind: str, default_date: str | None) -> LoadedFile:
    try:
        if kind == "feed":
            parsed = parse_feed(data, url=path.resolve().as_uri())
            articles, source_name = parsed.entries, parsed.title or path.stem
        else:
            text = _decode(path, data)
            loader = {"markdown": _load_markdown, "html": _load_html}.get(kind, _load_plain_text)
            articles, source_name = [loader(text, path)], None
    except FeedError as error:
        raise LoadError(path, str(error)) from None
    for article in articles:
        if article.published is None and default_date is not None:
            article.published = default_date
        if not article.guid and not article.link:
            article.link = path.resolve().as_uri()
    return LoadedFile(path, articles, source_name)


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_FILE_BYTES. A FIFO would block for ever and a device
    (/dev/zero) never ends: both are refused, checked on the opened file itself so nothing can
    swap the name in between."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except PermissionError:
        raise LoadError(path, "permission denied") from None
    except IsADirectoryError:
        raise LoadError(path, "is a folder, not a file") from None
    except OSError as error:
        raise LoadError(path, f"cannot read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as handle:
        try:
            info = os.fstat(descriptor)
            if stat.S_ISDIR(info.st_mode):
                raise LoadError(path, "is a folder, not a file")
            if not stat.S_ISREG(info.st_mode):
                raise LoadError(path, f"not a regular file ({_file_kind(info.st_mode)})")
            if info.st_size > MAX_FILE_BYTES:
                raise LoadError(path, _too_large(info.st_size))
            data = handle.read(MAX_FILE_BYTES + 1)  # a file still growing stops at the cap
        except OSError as error:
            raise LoadError(path, f"cannot read: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise LoadError(path, _too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return f"too large ({size // 1_048_576} MB; the limit is {MAX_FILE_BYTES // 1_048_576} MB)"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise LoadError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise LoadError(path, f"not UTF-8 text (byte {error.start})") from None


def _kind_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FRONT_MATTER_MAX = 64 * 1024  # a few keys; a longer block is not front matter we want


def _no_alias_loader() -> type[Any]:
    """yaml's SafeLoader refusing aliases: `*a` repeated nine deep is a billion laughs (463
    bytes took 21 s and 500 MB). Front matter has no use for them."""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, "aliases are refused", event.start_mark
                )
            return super().compose_node(parent, index)

    return NoAliasLoader


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """A leading `---` YAML block and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    if len(match.group(1)) > FRONT_MATTER_MAX:
        raise LoadError(path, f"front matter longer than {FRONT_MATTER_MAX // 1024} KB")
    import yaml

    try:
        meta = yaml.load(match.group(1), Loader=_no_alias_loader()) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None)
        why = " (YAML aliases are refused)" if problem == "aliases are refused" else ""
        raise LoadError(path, f"invalid front matter{where}{why}") from None
    except RecursionError:
        raise LoadError(path, "invalid front matter: nested too deeply") from None
    if not isinstance(meta, dict):
        raise LoadError(path, "front matter is not a set of 'key: value' lines")
    return {str(k).lower(): v for k, v in meta.items()}, text[match.end() :]


def _draft_from_meta(meta: dict[str, Any], path: Path, title: str, text: str) -> ArticleDraft:
    raw_date = meta.get("date", meta.get("published"))
    published = iso_from_value(raw_date)
    if raw_date not in (None, "") and published is None:
        raise LoadError(path, f"front matter date {str(raw_date)!r} is not a date (use YYYY-MM-DD)")
    url = meta.get("url") or meta.get("link")
    return ArticleDraft(
        title=clean_line(str(meta.get("title") or title)) or path.stem,
        text=text,
        guid=str(meta["guid"]) if meta.get("guid") else None,
        link=clean_url(str(url)) or None if url else None,
        author=clean_line(str(meta["author"])) if meta.get("author") else None,
        published=published,
        source_name=clean_line(str(meta["source"])) if meta.get("source") else None,
    )


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks (hard-wrapped lines joined), else one paragraph per line."""
    text = clean_text(text).strip()
    if re.search(r"\n[ \t]*\n", text):
        blocks = re.split(r"\n[ \t]*\n", text)
        return [" ".join(block.split()) for block in blocks if block.strip()]
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _load_plain_text(raw: str, path: Path) -> ArticleDraft:
    meta, body = split_front_matter(raw, path)
    paragraphs = _paragraphs(body)
    if not paragraphs and not meta.get("title"):
        raise LoadError(path, "empty file")
    title = "" if meta.get("title") else paragraphs.pop(0)
    draft = _draft_from_meta(meta, path, title, "\n\n".join(paragraphs))
    if len(paragraphs) >= 3 and len(paragraphs[0]) <= STANDFIRST_MAX:
        draft.summary = paragraphs[0]
    return draft


def _load_markdown(raw: str, path: Path) -> ArticleDraft:
    meta, body = split_front_matter(raw, path)
    title = ""
    heading = re.match(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)", body)
    if heading and not meta.get("title"):
        title, body = heading.group(1), body[heading.end() :]
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(clean_text(body))
    text = html_to_text(html)
    if not title and not meta.get("title"):
        first, _, rest = text.partition("\n\n")
        title, text = first, rest
    if not text and not title:
        raise LoadError(path, "empty file")
    draft = _draft_from_meta(meta, path, title, text)
    draft.content = html
    return draft


def _load_html(raw: str, path: Path) -> ArticleDraft:
    from reader.sources.extract import extract_article

    extracted = extract_article(raw, url=None)
    if extracted is None or not extracted.text:
        raise LoadError(path, "no article text found in the page")
    return ArticleDraft(
        title=extracted.title or path.stem,
        text=extracted.text,
        link=clean_url(extracted.url or "") or None,
        author=extracted.author,
        published=extracted.date,
        content=raw,
        source_name=extracted.site_name,
    )


def plain_text_of(path: Path) -> str:
    """A file's whole text as one body: decoded and cleaned, no headline."""
    return clean_text(_decode(path, _read_bytes(path)))


@dataclass(slots=True)
class AnalysableText:
    text: str
    published: str | None  # the file's own date: what relative dates resolve against
    title: str | None
    whole_file: bool  # offsets point into the file as it is


def analysable_texts(path: Path) -> list[AnalysableText]:
    """What `reader analyse` reads from a file. Plain text without front matter is taken whole,
    so offsets point into the file as it is. Markdown, HTML pages, feed files and front matter
    go through their loaders (no tags, no YAML analysed as prose): one text per article."""
    data = _read_bytes(path)
    kind = _kind_of(path, data)
    if kind == "text":
        text = clean_text(_decode(path, data))
        if not _FRONT_MATTER.match(text):
            return [AnalysableText(text, None, None, whole_file=True)]
    return [
        AnalysableText(draft.text, draft.published, draft.title, whole_file=False)
        for draft in _load(path, data, kind, None).articles
    ]


__all__ = [
    "AnalysableText",
    "LoadError",
    "LoadedFile",
    "analysable_texts",
    "load_file",
    "plain_text_of",
]
