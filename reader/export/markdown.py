"""An article's notes as Markdown: YAML front matter, the notes and their quotes, and the key
facts as a table. Pure functions of their input, so the same data gives the same bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

import yaml

from reader.analysis.model import Analysis
from reader.analysis.summary import fact_rows
from reader.models import Article, Note

# Characters CommonMark gives a meaning to anywhere in inline text, and the starts of a line
# that would make a list, a heading underline or a quote.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!])")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")


@dataclass(slots=True)
class ExportItem:
    """Everything one exported article needs."""

    article: Article
    notes: list[Note]
    tags: list[str] = field(default_factory=list)
    analysis: Analysis | None = None


def escape_inline(text: str) -> str:
    """Text that CommonMark shows as written: one line, every special character escaped."""
    one_line = _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", one_line)


def safe_link_target(url: str) -> str | None:
    """`url` as a CommonMark link destination inside <...>, or None when it must not be a link
    (not http or https). Everything that could end the destination or start markup is
    percent-encoded: `<`, `>`, white space, brackets, backslashes, quotes, backticks."""
    one = "".join(url.split())
    if not one.lower().startswith(("http://", "https://")) or not one.isprintable():
        return None
    return quote(one, safe="/:?#@!$&'*+,;=%-._~")


def link_line(url: str) -> str:
    """An article's address as its own paragraph: an autolink when it may be one, else text."""
    target = safe_link_target(url)
    return f"<{target}>" if target else escape_inline(url)


def _table_cell(text: str) -> str:
    return escape_inline(text) or " "


def front_matter(item: ExportItem, exported: str) -> dict[str, object]:
    article = item.article
    data: dict[str, object] = {
        "title": article.title,
        "source": article.source_title,
        "url": article.link or "",
        "author": article.author or "",
        "published": article.published or "",
        "exported": exported,
        "tags": list(item.tags),
        "reader_id": article.id,
    }
    if item.analysis is not None and not item.analysis.error:
        by_kind: dict[str, list[str]] = {}
        for entity in sorted(item.analysis.entities, key=lambda e: (e.kind, e.name)):
            by_kind.setdefault(entity.kind, []).append(entity.name)
        data["entities"] = by_kind
    return data


def dump_yaml(data: dict[str, object]) -> str:
    # safe_dump quotes whatever needs it (colons, quotes, newlines, leading dashes); width keeps
    # long titles on one line so a diff of two exports stays readable.
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def quote_link(article: Article, start: int, end: int) -> str:
    """Where a quote came from: the page with a text fragment when it has a web address,
    else the article inside reader."""
    target = safe_link_target(article.link or "")
    if target is not None:
        words = " ".join(article.text[start:end].split()[:6])
        return f"{target.split('#')[0]}#:~:text={quote(words, safe='')}"
    return f"reader://article/{article.id}#{start}-{end}"


def _note_block(article: Article, note: Note) -> list[str]:
    lines: list[str] = []
    if note.quote_start is not None and note.quote_end is not None:
        quoted = article.text[note.quote_start : note.quote_end]
        lines.append(f"> {escape_inline(quoted)}")
        lines.append(">")
        lines.append(
            f"> — [in the article](<{quote_link(article, note.quote_start, note.quote_end)}>)"
        )
        lines.append("")
    body = note.body.strip()
    if body:
        lines.append(body)
        lines.append("")
    lines.append(
        f"*Written {note.created[:16].replace('T', ' ')}"
        + (
            f", edited {note.updated[:16].replace('T', ' ')}*"
            if note.updated != note.created
            else "*"
        )
    )
    lines.append("")
    return lines


def _facts_table(analysis: Analysis | None) -> list[str]:
    if analysis is None:
        return ["Analysis is turned off; no key facts.", ""]
    if analysis.error:
        return [f"Analysis failed: {escape_inline(analysis.error)}", ""]
    rows = fact_rows(analysis)
    if not rows:
        return ["No key facts found.", ""]
    lines = ["| Kind | Fact | Detail |", "| --- | --- | --- |"]
    for row in rows:
        lines.append(f"| {row.group} | {_table_cell(row.label)} | {_table_cell(row.detail)} |")
    lines.append("")
    return lines


def article_body(item: ExportItem, heading: str = "#") -> list[str]:
    """The Markdown after the front matter; `heading` is the level of the title."""
    article = item.article
    sub = heading + "#"
    lines = [f"{heading} {escape_inline(article.title) or 'Untitled'}", ""]
    meta = [escape_inline(article.source_title), article.published or "date unknown"]
    if article.author:
        meta.insert(1, escape_inline(article.author))
    lines += [" · ".join(meta), ""]
    if article.link:
        lines += [link_line(article.link), ""]
    lines += [f"{sub} Notes", ""]
    if item.notes:
        for note in item.notes:
            lines += _note_block(article, note)
    else:
        lines += ["No notes.", ""]
    lines += [f"{sub} Key facts", ""]
    lines += _facts_table(item.analysis)
    return lines


def render_article(item: ExportItem, exported: str) -> str:
    lines = ["---", dump_yaml(front_matter(item, exported)).rstrip("\n"), "---", ""]
    lines += article_body(item)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_digest(items: list[ExportItem], exported: str) -> str:
    """Every article in one file: a front matter for the digest, then one section each."""
    header: dict[str, object] = {
        "title": "reader notes",
        "exported": exported,
        "articles": [
            {
                "title": item.article.title,
                "reader_id": item.article.id,
                "url": item.article.link or "",
            }
            for item in items
        ],
    }
    lines = ["---", dump_yaml(header).rstrip("\n"), "---", ""]
    for item in items:
        lines += article_body(item, heading="##")
    return "\n".join(lines).rstrip("\n") + "\n"
