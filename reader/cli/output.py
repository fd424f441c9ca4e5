"""How commands print: JSON for scripts, Rich tables for people at a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from reader.feeds import media
from reader.models import Article, ArticleRow, Enclosure


def print_json(data: Any) -> None:
    """A list prints one object per line: readable, and fast for 100,000 rows (json's C
    encoder only runs without indent)."""
    if isinstance(data, list):
        encode = json.JSONEncoder(ensure_ascii=False).encode
        sys.stdout.write("[\n")
        sys.stdout.write(",\n".join(map(encode, data)))
        sys.stdout.write("\n]\n" if data else "]\n")
        return
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def row_to_json(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source_title,
        "source_id": row.source_id,
        "published": row.published,
        "link": row.link,
        "author": row.author,
        "read": row.is_read,
        "bookmarked": row.bookmarked,
        "notes": row.note_count,
    }


def article_to_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source_id": article.source_id,
        "source": article.source_title,
        "guid": article.guid,
        "link": article.link,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "updated": article.updated,
        "summary": article.summary,
        "content": article.content,
        "text": article.text,
        "read": article.is_read,
        "first_seen": article.first_seen,
        "content_hash": article.content_hash,
        "bookmarked": article.bookmarked,
        "notes": article.note_count,
        "enclosures": [
            {"url": e.url, "type": e.type, "length": e.length} for e in article.enclosures
        ],
    }


def print_rows(rows: Sequence[ArticleRow]) -> None:
    if not sys.stdout.isatty():
        for row in rows:
            mark = " " if row.is_read else "N"
            sys.stdout.write(
                f"{row.id}\t{mark}\t{(row.published or '')[:10]}\t{row.source_title}\t{row.title}\n"
            )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for name, justify in (
        ("id", "right"),
        ("", "left"),
        ("date", "left"),
        ("source", "left"),
        ("title", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=name != "title")  # type: ignore[arg-type]
    for row in rows:
        marks = ("N" if not row.is_read else " ") + ("B" if row.bookmarked else " ")
        table.add_row(
            str(row.id),
            marks,
            (row.published or "")[:10],
            row.source_title,
            row.title,
            style=None if row.is_read else "bold",
        )
    # Feed text is data: markup=False keeps "[bold]" in a headline as those characters.
    Console(markup=False, highlight=False).print(table)


def print_article(article: Article) -> None:
    lines = [article.title, ""]
    lines.append(f"Source: {article.source_title}")
    if article.author:
        lines.append(f"Author: {article.author}")
    lines.append(f"Date:   {article.published or 'date unknown'}")
    if article.link:
        lines.append(f"Link:   {article.link}")
    for enclosure in article.enclosures:
        lines.append(f"Media:  {describe_enclosure(enclosure)}")
    lines += ["", article.text, ""]
    sys.stdout.write("\n".join(lines))


def describe_enclosure(enclosure: Enclosure) -> str:
    """`URL (audio/mpeg, 12.1 MB)`: what `reader show` and the app print under an article."""
    return media.describe(enclosure)


def error(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr)


def print_sources(rows: Sequence[dict[str, Any]]) -> None:
    if not sys.stdout.isatty():
        for row in rows:
            error = row["last_error"] or ""
            sys.stdout.write(
                f"{row['id']}\t{row['kind']}\t{row['articles']}\t{row['unread']}\t"
                f"{(row['last_refresh'] or '')[:16]}\t{row['title'] or row['url']}\t{error}\n"
            )
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for name in ("id", "source", "articles", "unread", "last refresh", "status"):
        table.add_column(name, justify="right" if name in ("id", "articles", "unread") else "left")
    for row in rows:
        status = "ok" if not row["last_error"] else f"failed: {row['last_error']}"
        if row["kind"] == "local":
            status = "local files"
        elif row["retry_after"]:
            status += f" (backing off until {row['retry_after']})"
        elif not row["last_refresh"]:
            status = "not refreshed yet"
        title = row["title"] or row["url"]
        if row["tags"]:
            title += f"  [{', '.join(row['tags'])}]"
        table.add_row(
            str(row["id"]),
            title,
            str(row["articles"]),
            str(row["unread"]),
            (row["last_refresh"] or "")[:16].replace("T", " "),
            status,
            style="red" if row["last_error"] else None,
        )
    Console(markup=False, highlight=False).print(table)


class RefreshProgress:
    """A Rich progress bar on stderr while a refresh runs; silent when not at a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self._total = total
        self._progress: Any = None
        self._task: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("Refreshing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}", markup=False),
                console=Console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> RefreshProgress:
        if self._progress is not None:
            self._progress.__enter__()
            self._task = self._progress.add_task("", total=self._total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def advance(self, title: str, status: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=f"{title} ({status})")
