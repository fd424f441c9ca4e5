"""How commands print: JSON for scripts, Rich tables for people at a terminal.

The one way out to a terminal. `safe_streams()` (entered by `reader.cli.main`) puts a filter
on sys.stdout and sys.stderr that removes every escape sequence and control character but tab
and newline, whatever prints. Rich draws its own styles, so a Rich console writes to the real
stream (`console()`), and every string it is given goes through `terminal_safe` first."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any

from reader.feeds import media
from reader.models import Article, ArticleRow, Enclosure
from reader.sources.text import BIDI_CONTROLS, terminal_safe


class SafeStream(io.TextIOBase):
    """A text stream that passes on only what a terminal may show."""

    def __init__(self, raw: IO[str]) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")

    @property
    def buffer(self) -> Any:  # export-opml writes its XML bytes here
        return getattr(self.raw, "buffer", None)


def _raw(stream: Any) -> Any:
    return stream.raw if isinstance(stream, SafeStream) else stream


@contextlib.contextmanager
def safe_streams() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None:
        sys.stdout = SafeStream(_raw(sys.stdout))
    if sys.stderr is not None:
        sys.stderr = SafeStream(_raw(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def console(stderr: bool = False) -> Any:
    """A Rich console on the real stream (its style codes are ours; give it safe text)."""
    from rich.console import Console

    stream = _raw(sys.stderr if stderr else sys.stdout)
    return Console(file=stream, markup=False, highlight=False)


def say(*values: object, sep: str = " ", end: str = "\n", file: IO[str] | None = None) -> None:
    """print(), through terminal_safe whatever the stream."""
    stream = file if file is not None else sys.stdout
    stream.write(terminal_safe(sep.join(map(str, values)) + end))


# json.dumps(ensure_ascii=False) escapes C0 controls but writes C1 controls and bidi overrides
# as they are; as \uXXXX escapes they are the same JSON and no terminal acts on them.
_JSON_UNSAFE = re.compile(rf"[\x7f-\x9f{BIDI_CONTROLS}]")


def _json_safe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def print_json_line(data: Any) -> None:
    """One JSON object on one line (JSON lines), flushed."""
    out = _raw(sys.stdout)
    out.write(_json_safe(json.dumps(data, ensure_ascii=False)) + "\n")
    out.flush()


def print_json(data: Any) -> None:
    """A list prints one object per line: readable, and fast for 100,000 rows (json's C
    encoder only runs without indent)."""
    out = _raw(sys.stdout)
    if isinstance(data, list):
        encode = json.JSONEncoder(ensure_ascii=False).encode
        out.write("[\n")
        out.write(_json_safe(",\n".join(map(encode, data))))
        out.write("\n]\n" if data else "]\n")
        return
    out.write(_json_safe(json.dumps(data, ensure_ascii=False, indent=2)))
    out.write("\n")


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
        write = sys.stdout.write
        for row in rows:
            mark = " " if row.is_read else "N"
            write(f"{row.id}\t{mark}\t{(row.published or '')[:10]}\t{row.source_title}\t{row.title}\n")
        return
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
            terminal_safe((row.published or "")[:10]),
            terminal_safe(row.source_title),
            terminal_safe(row.title),
            style=None if row.is_read else "bold",
        )
    # Feed text is data: markup=False keeps "[bold]" in a headline as those characters.
    console().print(table)


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
    sys.stdout.write(terminal_safe("\n".join(lines)))


def describe_enclosure(enclosure: Enclosure) -> str:
    """`URL (audio/mpeg, 12.1 MB)`: what `reader show` and the app print under an article."""
    return media.describe(enclosure)


def error(message: str) -> None:
    say(f"reader: {message}", file=sys.stderr)


def print_sources(rows: Sequence[dict[str, Any]]) -> None:
    if not sys.stdout.isatty():
        for row in rows:
            error = row["last_error"] or ""
            sys.stdout.write(
                f"{row['id']}\t{row['kind']}\t{row['articles']}\t{row['unread']}\t"
                f"{(row['last_refresh'] or '')[:16]}\t{row['title'] or row['url']}\t{error}\n"
            )
        return
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
            terminal_safe(title),
            str(row["articles"]),
            str(row["unread"]),
            terminal_safe((row["last_refresh"] or "")[:16].replace("T", " ")),
            terminal_safe(status),
            style="red" if row["last_error"] else None,
        )
    console().print(table)


class ProgressBar:
    """A Rich progress bar on stderr while a long command runs (a refresh, bringing the index
    up to date); silent when not at a terminal. Style codes are ours, so it writes on the raw
    stream; the text it shows is made terminal-safe here."""

    def __init__(self, label: str, total: int | None, enabled: bool) -> None:
        self._total = total
        self._progress: Any = None
        self._task: Any = None
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn(label, markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}", markup=False),
                console=console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> ProgressBar:
        if self._progress is not None:
            self._progress.__enter__()
            self._task = self._progress.add_task("", total=self._total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def advance(self, title: str, status: str) -> None:
        """One more done: `title (status)` beside the bar."""
        if self._progress is not None:
            description = terminal_safe(f"{title} ({status})")
            self._progress.update(self._task, advance=1, description=description)

    def update(self, finished: int, total: int) -> None:
        """`finished` of `total` done (the total may grow while the work runs)."""
        if self._progress is not None and total:
            self._progress.update(self._task, completed=finished, total=total)


def status_line(message: str | None) -> None:
    """A one-line status on stderr at a terminal, rewritten in place; None clears it."""
    stream = _raw(sys.stderr)
    if message is None:
        stream.write("\r\x1b[K")
    else:
        stream.write(f"\r{terminal_safe(' '.join(message.split()))}\x1b[K")
    stream.flush()
