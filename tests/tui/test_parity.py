"""A newsboat user's habits in the app: next unread across sources, saved searches as sources,
the newsboat key preset, playing an enclosure, auto-reload."""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path

from reader.config import SavedQueryConfig, _checked_keys
from reader.models import ArticleDraft, Enclosure
from reader.query import parse
from reader.tui.app import ReaderApp
from reader.tui.screens.notes import NotesScreen
from tests.feedserver import FeedServer, Reply, rss
from tests.tui.conftest import AppFactory


def two_sources(app: ReaderApp) -> tuple[int, int]:
    """Source One (two articles, one already read) and Source Two (two unread), sorted so
    that the All list shows One's articles first."""
    store = app.store
    one = store.sources.add("feed", "http://example.org/one", "Source One", ["alpha"])
    two = store.sources.add("feed", "http://example.org/two", "Source Two", ["beta"])
    store.articles.upsert_many(
        one.id,
        [
            ArticleDraft("One read", "x", guid="o1", published="2024-03-09"),
            ArticleDraft("One unread", "x", guid="o2", published="2024-03-08"),
        ],
    )
    store.articles.upsert_many(
        two.id,
        [
            ArticleDraft("Two first", "x", guid="t1", published="2024-03-07"),
            ArticleDraft("Two second", "x", guid="t2", published="2024-03-06"),
        ],
    )
    read = next(r.id for r in store.articles.rows() if r.title == "One read")
    store.articles.set_read([read], True)
    return one.id, two.id


def labels(app: ReaderApp) -> list[str]:
    sources = app.main.sources
    return [str(sources.get_option_at_index(i).prompt) for i in range(sources.option_count)]


def opened(app: ReaderApp) -> str | None:
    article = app.main.view.article
    return article.title if article is not None else None


async def test_next_unread_crosses_into_the_next_source_and_back(make_app: AppFactory) -> None:
    app = make_app(files=[])
    one, two = two_sources(app)
    app.store.state.set("last_source", f"source:{one}")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("full_stop")  # the read article is passed over
        await pilot.pause()
        assert opened(app) == "One unread"
        await pilot.press("full_stop")  # none left here: on to Source Two
        await pilot.pause()
        await pilot.pause()
        assert app.main.sources.current_key == f"source:{two}"
        assert opened(app) == "Two first"
        await pilot.press("full_stop")
        await pilot.pause()
        assert opened(app) == "Two second"
        await pilot.press("full_stop")
        await pilot.pause()
        assert "No unread articles left." in [n.message for n in app._notifications]


async def test_next_source_with_unread_skips_sources_without(make_app: AppFactory) -> None:
    app = make_app(files=[])
    one, two = two_sources(app)
    app.store.articles.set_read(
        [r.id for r in app.store.articles.rows() if r.source_id == one], True
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        assert app.main.sources.current_key == f"source:{two}"
        assert opened(app) == "Two first"


async def test_save_the_search_as_a_source_with_its_unread_count(make_app: AppFactory) -> None:
    app = make_app(files=[])
    two_sources(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+s")  # nothing searched yet
        await pilot.pause()
        assert any("Search first" in n.message for n in app._notifications)
        await pilot.press("slash", *"tag:beta unread", "enter")
        await pilot.pause()
        assert sorted(app.main.articles.article_ids) == sorted(
            r.id for r in app.store.articles.rows() if r.title.startswith("Two")
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Beta news", "enter")
        await pilot.pause()
        assert "⌕ Beta news (2 unread)" in labels(app)
        app.main.sources.choose("query:Beta news")
        await pilot.pause()
        assert len(app.main.articles.article_ids) == 2


async def test_config_queries_show_in_the_sources_pane(make_app: AppFactory) -> None:
    app = make_app(files=[])
    two_sources(app)
    app.settings.queries = [SavedQueryConfig("Alpha", "tag:alpha")]
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert "⌕ Alpha (1 unread)" in labels(app)


async def test_hidden_articles_leave_the_pane_counts(make_app: AppFactory) -> None:
    app = make_app(files=[])
    two_sources(app)
    app.store.hide([parse("tag:beta")])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert "All (1 unread)" in labels(app)
        assert "Source Two" in labels(app)  # the source stays, with nothing unread shown


async def test_the_newsboat_preset_n_p_and_notes_on_e(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(files=[], keys=_checked_keys({"preset": "newsboat"}, tmp_path / "c.toml"))
    one, _ = two_sources(app)
    app.store.state.set("last_source", f"source:{one}")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert opened(app) == "One unread"
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert opened(app) == "Two first"
        earlier = next(r.id for r in app.store.articles.rows() if r.title == "One unread")
        app.store.articles.set_read([earlier], False)  # opening it had marked it read
        app.main.sources.reload()
        await pilot.press("p")  # back: previous unread, in the previous source
        await pilot.pause()
        await pilot.pause()
        assert opened(app) == "One unread"
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)


async def test_the_play_key_runs_the_player_on_http_media_only(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(files=[])
    source = app.store.sources.add("feed", "http://example.org/cast", "Cast")
    app.store.articles.upsert_many(
        source.id,
        [
            ArticleDraft(
                "Episode",
                "Talk.",
                guid="e1",
                enclosures=[Enclosure("https://example.org/e1.mp3", "audio/mpeg", 12345)],
            )
        ],
    )
    played = tmp_path / "played"
    script = f"import sys; open({str(played)!r}, 'w').write(sys.argv[1])"
    app.settings.ui.player = f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}"
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        header = str(app.main.query_one("#article-header").render())
        assert "▶ https://example.org/e1.mp3 (audio/mpeg, 12 kB)" in header
        await pilot.press("P")
        await app.workers.wait_for_complete()
        for _ in range(50):
            if played.exists() and played.read_text():
                break
            time.sleep(0.1)
        assert played.read_text() == "https://example.org/e1.mp3"


async def test_auto_reload_refreshes_quietly_and_says_when(
    make_app: AppFactory, feed_server: FeedServer
) -> None:
    app = make_app(files=[])
    app.settings.fetch.reload_minutes = 30
    items = [(f"g{n}", f"Harbour story {n}", "The port reopened.") for n in range(2)]
    app.store.sources.add("feed", feed_server.serve("/feed", Reply(body=rss("Port", items))))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert app.main.articles.border_subtitle == "auto-reload every 30 min"
        app.auto_reload()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.main.articles.article_ids) == 2
        assert (app.main.articles.border_subtitle or "").startswith(
            "auto-reload every 30 min, last at "
        )
        assert not any("Refreshing" in n.message for n in app._notifications)
