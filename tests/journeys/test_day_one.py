"""Day one, as a person lives it: start reader, choose a source, quit, start again; press R and r
with 1, 8 and 50 feeds; close the terminal mid-refresh and mid-note. The real process in tmux."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.importing import import_files, sample_files
from reader.storage import Store
from tests.feedserver import FeedServer, Reply, rss
from tests.journeys.terminal import Terminal, require_tmux

ITEMS_PER_FEED = 5


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    require_tmux()
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.cleanup()


def serve_feeds(server: FeedServer, count: int, delay: float = 0.0) -> list[str]:
    urls = []
    for number in range(count):
        items = [
            (f"f{number}-i{item}", f"Feed {number} story {item}", f"Body {item} of feed {number}.")
            for item in range(ITEMS_PER_FEED)
        ]
        urls.append(
            server.serve(
                f"/feed{number}.xml",
                Reply(body=rss(f"Feed number {number}", items), delay=delay),
            )
        )
    return urls


def config_with_feeds(path: Path, urls: list[str], tag: str | None = None) -> Path:
    lines = ["[fetch]", "timeout = 10.0", ""]
    for url in urls:
        lines += ["[[feeds]]", f'url = "{url}"']
        if tag:
            lines.append(f'tags = ["{tag}"]')
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def list_title(screen: str) -> str:
    """The article list's border title, e.g. 'Bookmarked · 1'."""
    match = re.search(r"─ ([^─│]+ · \d+[^─│]*) ─", screen)
    return match.group(1).strip() if match else ""


def toasts(screen: str) -> str:
    """The text of the notifications on screen, their wrapped lines joined."""
    lines = [line.rsplit("▌", 1)[1] for line in screen.splitlines() if "▌" in line]
    return " ".join(" ".join(line.strip(" │").split()) for line in lines)


def stored_articles(data_dir: Path) -> int:
    with Store.open(data_dir) as store:
        return store.articles.count()


# -- restart after choosing each kind of source -------------------------------------------------
@pytest.fixture
def day_one_store(tmp_path: Path, feed_server: FeedServer) -> tuple[Path, dict[str, int]]:
    """Samples, one bookmark, one note, a tagged feed with articles and an empty feed; returns
    the data dir and each source kind's row in the sources pane."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    full = feed_server.serve("/full.xml", Reply(body=rss("Full feed", [("a", "A story", "Text.")])))
    empty = feed_server.serve("/empty.xml", Reply(body=rss("Empty feed", [])))
    with Store.open(data_dir) as store:
        import_files(store, sample_files())
        first, second = store.articles.ids()[:2]
        store.bookmarks.add(first)
        store.notes.add(second, "a note of mine")
        tagged = store.sources.add("feed", full, "Full feed", ["world"])
        store.sources.add("feed", empty, "Empty feed")
        from reader.config import Settings
        from reader.feeds.refresh import run_refresh

        run_refresh(store, Settings(), [tagged], None)
        sources = [source.url for source in store.sources.all()]
        tags = store.sources.tags()
    fixed = ["all", "unread", "bookmarked", "noted"]
    rows = {name: index for index, name in enumerate(fixed)}
    rows["tag"] = len(fixed) + tags.index("world")
    rows["feed"] = len(fixed) + len(tags) + sources.index(full)
    rows["empty"] = len(fixed) + len(tags) + sources.index(empty)
    return data_dir, rows


@pytest.mark.parametrize("kind", ["all", "unread", "bookmarked", "noted", "tag", "feed", "empty"])
def test_restart_after_choosing_a_source(
    terminal: Terminal, day_one_store: tuple[Path, dict[str, int]], kind: str
) -> None:
    data_dir, rows = day_one_store
    terminal.start(data_dir)
    terminal.wait_for("Sources")
    terminal.keys("1", *["j"] * rows[kind], "enter")
    chosen = terminal.wait_for(lambda s: list_title(s) != "", timeout=5)
    title = list_title(chosen)
    terminal.quit()

    terminal.start(data_dir)
    screen = terminal.wait_for(lambda s: list_title(s) != "", timeout=15)
    assert list_title(screen).split(" · ")[0] == title.split(" · ")[0], screen
    terminal.quit()


# -- R and r in the app ---------------------------------------------------------------------------
@pytest.mark.parametrize("feeds", [1, 8, 50])
def test_R_refreshes_every_feed(
    terminal: Terminal, tmp_path: Path, feed_server: FeedServer, feeds: int
) -> None:
    data_dir = tmp_path / "data"
    config = config_with_feeds(tmp_path / "config.toml", serve_feeds(feed_server, feeds))
    terminal.start(data_dir, config=config)
    terminal.wait_for("Sources")
    terminal.keys("R")
    terminal.wait_for("Refresh done", timeout=60)
    summary = terminal.wait_for(lambda s: "failed" in toasts(s), timeout=5)
    assert f"{feeds} refreshed" in toasts(summary) and "0 failed" in toasts(summary), summary
    assert stored_articles(data_dir) == feeds * ITEMS_PER_FEED
    assert len({path for path, status, _ in feed_server.log if status == 200}) == feeds
    terminal.quit()


def test_r_refreshes_the_chosen_feed(
    terminal: Terminal, tmp_path: Path, feed_server: FeedServer
) -> None:
    data_dir = tmp_path / "data"
    urls = serve_feeds(feed_server, 2)
    with Store.open(data_dir) as store:
        chosen = store.sources.add("feed", urls[0], "Chosen feed")
        store.sources.add("feed", urls[1], "Other feed")
        rows = [source.id for source in store.sources.all()]
    terminal.start(data_dir)
    terminal.wait_for("Chosen feed")
    terminal.keys("1", *["j"] * (4 + rows.index(chosen.id)), "enter", "r")
    terminal.wait_for("Refresh done", timeout=30)
    paths = {path for path, _, _ in feed_server.log}
    assert paths == {"/feed0.xml"}
    assert stored_articles(data_dir) == ITEMS_PER_FEED
    terminal.quit()


# -- the terminal goes away -----------------------------------------------------------------------
def test_closing_the_terminal_mid_refresh_leaves_nothing_running(
    terminal: Terminal, tmp_path: Path, feed_server: FeedServer
) -> None:
    data_dir = tmp_path / "data"
    # slow answers: the refresh is still running (with its parse workers) when the window closes
    config = config_with_feeds(tmp_path / "config.toml", serve_feeds(feed_server, 10, delay=4))
    terminal.start(data_dir, config=config)
    terminal.wait_for("Sources")
    terminal.keys("R")
    terminal.wait_for("Refreshing every feed", timeout=15)
    time.sleep(1.5)  # the pool has started its workers
    assert terminal.pid is not None
    everything = [terminal.pid, *terminal.children()]
    terminal.close_window()
    left = terminal.wait_gone(everything, timeout=6)
    assert not left, f"still running 6 s after the terminal closed: {left}"
    with Store.open(data_dir) as store:  # and the store is intact
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_closing_the_terminal_mid_note_leaves_nothing_running(
    terminal: Terminal, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    terminal.start(data_dir)
    terminal.wait_for("Norway")  # the bundled samples, on a first start
    terminal.keys("enter")
    terminal.wait_for("reader sample desk ·")
    terminal.keys("n")
    terminal.wait_for("Notes ·")
    terminal.type("half a thought")
    time.sleep(1)
    assert terminal.pid is not None
    everything = [terminal.pid, *terminal.children()]
    terminal.close_window()
    left = terminal.wait_gone(everything, timeout=6)
    assert not left, f"still running 6 s after the terminal closed: {left}"


def test_quitting_while_a_page_is_fetched_does_not_wait_for_it(
    terminal: Terminal, tmp_path: Path, feed_server: FeedServer
) -> None:
    """A thread worker cannot be interrupted: `f` on a host that takes 20 s to answer must not
    keep reader running for 20 s after `q` (nor after the window closes)."""
    data_dir = tmp_path / "data"
    page = feed_server.serve("/slow.html", Reply(body=b"<html><p>late</p></html>", delay=20))
    story = tmp_path / "story.md"
    story.write_text(
        f"---\ntitle: A slow page\nurl: {page}\ndate: 2024-03-05\n---\n\nA story from a slow host.\n",
        encoding="utf-8",
    )
    with Store.open(data_dir) as store:
        import_files(store, [story])
    config = tmp_path / "config.toml"
    config.write_text("[fetch]\ntimeout = 30.0\n", encoding="utf-8")
    terminal.start(data_dir, config=config)
    terminal.wait_for("A slow page")
    terminal.keys("enter")
    terminal.wait_for("A story from a slow host")
    terminal.keys("f")
    time.sleep(1)  # the fetch is waiting on the host
    assert any(path == "/slow.html" for path, _, _ in feed_server.log)
    terminal.quit(timeout=3)


def test_a_worker_that_fails_says_so_on_screen(
    terminal: Terminal, tmp_path: Path, feed_server: FeedServer
) -> None:
    """The real process, its real stderr: a refresh that raises (as the process pool once did
    under Textual's stderr) must show its failure, and the app must go on."""
    breaker = tmp_path / "breaker"
    breaker.mkdir()
    (breaker / "sitecustomize.py").write_text(
        "import reader.feeds.refresh as refresh\n"
        "def broken(*args, **kwargs):\n"
        "    raise ValueError('bad value(s) in fds_to_keep')\n"
        "refresh.run_refresh = broken\n",
        encoding="utf-8",
    )
    data_dir = tmp_path / "data"
    config = config_with_feeds(tmp_path / "config.toml", serve_feeds(feed_server, 1))
    terminal.start(data_dir, config=config, extra_env={"PYTHONPATH": str(breaker)})
    terminal.wait_for("Sources")
    terminal.keys("R")
    screen = terminal.wait_for(lambda s: "Refresh failed" in toasts(s), timeout=15)
    assert "fds_to_keep" in toasts(screen), screen
    terminal.keys("?")
    terminal.wait_for("refresh_all")  # the help screen: still answering keys
    terminal.keys("escape")
    terminal.quit()
