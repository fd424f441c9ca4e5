"""How commands print: JSON for scripts, Rich tables for people at a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from reader.models import Article, ArticleRow


def print_json(data: Any) -> None:
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
    lines += ["", article.text, ""]
    sys.stdout.write("\n".join(lines))


def error(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr)
