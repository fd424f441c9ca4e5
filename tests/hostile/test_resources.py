"""Cases 5-10 of the hostile-input issue: a dripping server, deep HTML, a YAML alias bomb, a
huge title, a far-future Retry-After, a FIFO and a device to import. Each fails alone and
fast, and what is stored around it stays."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FetchConfig
from reader.feeds.refresh import Refresher
from reader.importing import import_files
from reader.models import ArticleDraft
from reader.sources.files import LoadError, load_file
from reader.sources.htmltext import html_to_text
from reader.sources.http import retry_after_time
from reader.storage import Store
from reader.storage.articles import FIELD_LIMITS
from tests.conftest import run_reader
from tests.feedserver import FeedServer, Reply, rss


@pytest.fixture
def drip_server() -> Iterator[str]:
    """/body sends its headers at once and its body a byte every 0.5 s; /headers drips the
    status line and headers themselves."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                request = conn.recv(65536)
                head = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"
                if b"/headers" in request.split(b"\r\n")[0]:
                    for byte in head:
                        if stop.wait(0.5):
                            return
                        conn.sendall(bytes([byte]))
                conn.sendall(head)
                while not stop.wait(0.5):
                    conn.sendall(b"<")
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def test_a_dripping_server_cannot_hold_a_refresh_past_its_timeout(
    store: Store, drip_server: str
) -> None:
    """Case 5: httpx's timeout is per read; a byte every 0.5 s never trips it."""
    for path in ("/body", "/headers"):
        store.sources.add("feed", drip_server + path)
    started = time.monotonic()
    summary = Refresher(store, FetchConfig(timeout=1.5), force=True).run(store.sources.all())
    took = time.monotonic() - started
    assert [o.message for o in summary.failed] == ["timed out after 1.5 s"] * 2
    assert took < 4, f"the refresh took {took:.1f} s with timeout = 1.5"
    assert all("timed out" in (s.last_error or "") for s in store.sources.all())


def test_deep_html_fails_nothing_and_costs_little(
    store: Store, feed_server: FeedServer, tmp_path: Path
) -> None:
    """Case 6: 1,000 levels raised RecursionError and failed the whole feed; 200,000 cost
    245 s. The walk has its own stack and the depth is capped before parsing."""
    deep = "&lt;div&gt;" * 1000 + "deep words" + "&lt;/div&gt;" * 1000
    body = rss("Deep", [("d1", "Deep one", deep), ("d2", "Plain one", "plain words")])
    store.sources.add("feed", feed_server.serve("/deep", Reply(body=body)))
    summary = Refresher(store, FetchConfig(timeout=5), force=True).run(store.sources.all())
    assert summary.failed == [] and summary.new == 2
    row = next(r for r in store.articles.rows() if r.title == "Deep one")
    assert "deep words" in store.articles.get(row.id).text  # type: ignore[union-attr]

    started = time.monotonic()
    text = html_to_text("<div>" * 200_000 + "bottom" + "</div>" * 200_000)
    assert text == "bottom" and time.monotonic() - started < 5

    (tmp_path / "ok.txt").write_text("Good one\n\nOn Tuesday the council met.\n", "utf-8")
    (tmp_path / "deep.md").write_text(
        "---\ntitle: Deep\n---\n" + "<div>" * 3000 + "deep text" + "</div>" * 3000, "utf-8"
    )
    (tmp_path / "other.txt").write_text("Good two\n\nOn Monday the mayor spoke.\n", "utf-8")
    report = import_files(store, [tmp_path / n for n in ("ok.txt", "deep.md", "other.txt")])
    assert report.errors == [] and len(report.article_ids) == 3


BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
title: *i
---
Body text.
"""


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """Case 7: 463 bytes took 21 s and 500 MB; this one never finished."""
    bomb = tmp_path / "bomb.md"
    bomb.write_text(BOMB, "utf-8")
    started = time.monotonic()
    with pytest.raises(LoadError, match="aliases are refused"):
        load_file(bomb)
    assert time.monotonic() - started < 1
    plain = tmp_path / "anchor.md"  # an anchor alone is harmless and still loads
    plain.write_text("---\ntitle: &t Anchored\n---\nBody.\n", "utf-8")
    assert load_file(plain).articles[0].title == "Anchored"


def test_every_stored_field_is_capped(store: Store, feed_server: FeedServer) -> None:
    """Case 8: a 9 MB title froze the app for 27 s."""
    huge = "Headline " * 1_000_000
    body = rss("Big", [("b1", huge, "Body.")])
    store.sources.add("feed", feed_server.serve("/big", Reply(body=body)))
    summary = Refresher(store, FetchConfig(timeout=10, max_size=20_000_000), force=True).run(
        store.sources.all()
    )
    assert summary.failed == []
    (row,) = store.articles.rows()
    assert 0 < len(row.title) <= 2000 and row.title.startswith("Headline Headline")
    # and storage caps whatever reaches it, whichever source made the draft
    local = store.sources.local(None)
    (result,) = store.articles.upsert_many(
        local.id, [ArticleDraft(title="T" * 9_000_000, text="x", link="http://e/" + "a" * 10**6)]
    )
    stored = store.articles.get(result.id)
    assert stored is not None
    assert len(stored.title) == FIELD_LIMITS["title"] and len(stored.link or "") <= 4096


def test_a_far_future_retry_after_date_is_capped(store: Store, feed_server: FeedServer) -> None:
    """Case 9: `Retry-After: Fri, 31 Dec 9999 ...` parked the feed until 9999."""
    now = datetime(2024, 3, 5, tzinfo=UTC)
    far = retry_after_time("Fri, 31 Dec 9999 23:59:59 GMT", now)
    assert far == (now + timedelta(days=7)).isoformat(timespec="seconds")
    assert retry_after_time("99999999999999999999999", now) == far
    store.sources.add(
        "feed",
        feed_server.serve(
            "/busy", Reply(503, headers={"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"})
        ),
    )
    Refresher(store, FetchConfig(timeout=5), force=True).run(store.sources.all())
    (source,) = store.sources.all()
    assert source.retry_after is not None
    waiting = datetime.fromisoformat(source.retry_after) - datetime.now(UTC)
    assert timedelta(days=6) < waiting <= timedelta(days=7, minutes=1)


def test_import_refuses_a_fifo_and_a_device_and_loads_the_rest(tmp_path: Path) -> None:
    """Case 10: a FIFO blocked for ever; /dev/zero read until MemoryError."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("Good\n\nThe text.\n", "utf-8")
    result = run_reader(
        "import", str(fifo), "/dev/zero", str(good), data_dir=tmp_path / "data"
    )
    assert result.returncode == 1, result.stderr
    assert f"{fifo}: not a regular file (a FIFO)" in result.stderr
    assert "/dev/zero: not a regular file (a device)" in result.stderr
    assert "Traceback" not in result.stderr
    assert "new" in result.stdout and str(good) in result.stdout
