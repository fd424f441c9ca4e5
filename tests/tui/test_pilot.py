"""Pilot drives the keys a reader uses and checks what the screen shows and what was stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from reader.storage import ArticleFilter
from reader.tui.screens.main import MainScreen
from reader.tui.screens.notes import DRAFT_DELAY, NotesScreen
from reader.tui.widgets.article_list import ArticleList
from tests.feedserver import FeedServer, Reply, rss
from tests.tui.conftest import AppFactory


def header_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#article-header", Static).render())


async def test_open_article_marks_it_read(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        unread_before = app.store.articles.count(ArticleFilter(unread_only=True))
        await pilot.press("enter")
        await pilot.pause()
        opened = app.main.view.article
        assert opened is not None
        assert opened.title.split()[0] in header_text(app)
        assert app.store.articles.count(ArticleFilter(unread_only=True)) == unread_before - 1
        await pilot.press("m")  # back to unread
        await pilot.pause()
        assert app.store.articles.count(ArticleFilter(unread_only=True)) == unread_before


async def test_next_and_previous_article(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        first = app.main.view.article
        await pilot.press("right_square_bracket")
        await pilot.pause()
        second = app.main.view.article
        assert first is not None and second is not None and first.id != second.id
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.main.view.article is not None and app.main.view.article.id == first.id


async def test_bookmark_key_stores_and_marks(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter", "b")
        await pilot.pause()
        article = app.main.view.article
        assert article is not None
        assert app.store.bookmarks.ids() == [article.id]
        assert "bookmarked" in header_text(app)
        await pilot.press("b")
        assert app.store.bookmarks.ids() == []


async def test_write_a_note_in_the_modal(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        await pilot.press(*"Key point")
        await pilot.press("ctrl+s")
        await pilot.pause()
        article = app.main.view.article
        assert article is not None
        notes = app.store.notes.for_article(article.id)
        assert [n.body for n in notes] == ["Key point"]
        assert app.store.notes.draft(article.id) is None
        assert "1 note" in header_text(app)


async def test_draft_survives_closing_and_comes_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter", "n")
        await pilot.press(*"half a thought")
        await pilot.pause(DRAFT_DELAY + 0.3)
        article = app.main.view.article
        assert article is not None
        assert app.store.notes.draft(article.id) == ("half a thought", None)
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.notes.for_article(article.id) == []
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "half a thought"


async def test_delete_note_confirms_and_undo_restores(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        article = app.main.view.article
        assert article is not None
        app.store.notes.add(article.id, "to be deleted")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("shift+tab")  # to the list of notes
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.store.notes.for_article(article.id) == []
        await pilot.press("u")
        await pilot.pause()
        assert [n.body for n in app.store.notes.for_article(article.id)] == ["to be deleted"]


async def test_quote_a_fact_and_export(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(analysis=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("4", "down", "down")  # the facts pane, a When row
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        quote = str(app.screen.query_one("#notes-quote", Static).render())
        assert quote.startswith("> ")
        await pilot.press(*"worth citing", "ctrl+s")
        await pilot.pause()
        article = app.main.view.article
        assert article is not None
        (note,) = app.store.notes.for_article(article.id)
        assert note.quote_start is not None and note.quote_end is not None
        assert quote[2:12] in " ".join(article.text[note.quote_start : note.quote_end].split())
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    (exported,) = (tmp_path / "notes").glob("*.md")
    text = exported.read_text()
    assert "worth citing" in text and "\n> " in text and "| When |" in text


async def test_search_shows_results_that_open(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"telescope", "enter")
        await pilot.pause()
        articles = app.main.query_one(ArticleList)
        assert "telescope" in (articles.border_title or "").lower()
        assert len(articles.article_ids) >= 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.view.article is not None
        assert "telescope" in app.main.view.article.text.lower()


async def test_mark_all_read_and_undo(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        total = app.store.articles.count()
        await pilot.press("A")
        await pilot.pause()
        assert app.store.articles.count(ArticleFilter(unread_only=True)) == 0
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.store.articles.count(ArticleFilter(unread_only=True)) == total


async def test_one_pane_at_a_time_when_small(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [p.id for p in app.main.query("#sources, #articles, #article, #facts") if p.display]
        assert shown == ["articles"]
        await pilot.press("enter")
        await pilot.pause()
        shown = [p.id for p in app.main.query("#sources, #articles, #article, #facts") if p.display]
        assert shown == ["article"]
        await pilot.press("tab")
        await pilot.pause()
        shown = [p.id for p in app.main.query("#sources, #articles, #article, #facts") if p.display]
        assert shown == ["facts"]
        await pilot.press("q")  # back to the list, not out
        await pilot.pause()
        assert app.is_running


async def test_markup_in_a_title_is_shown_as_written(make_app: AppFactory, tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text("[bold]x[/] and [red]y\n\nBody text.\n", encoding="utf-8")
    app = make_app(files=[path])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "[bold]x[/] and [red]y" in header_text(app)


async def test_keys_come_from_the_config(make_app: AppFactory) -> None:
    app = make_app(keys={"bookmark": "B"})
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter", "B")
        await pilot.pause()
        assert len(app.store.bookmarks.ids()) == 1


async def test_set_date_re_resolves(make_app: AppFactory, tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(
        "Talks next week\n\nThe ministers will meet next Friday in Oslo.\n", encoding="utf-8"
    )
    app = make_app(files=[path], analysis=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "date unknown" in header_text(app)
        facts = app.main.facts
        labels = [str(facts.get_option_at_index(i).prompt) for i in range(facts.option_count)]
        assert any("no article date" in label for label in labels), labels
        await pilot.press("D")
        await pilot.pause()
        app.screen.query_one("Input").value = "2024-01-10"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        labels = [str(facts.get_option_at_index(i).prompt) for i in range(facts.option_count)]
        assert any("Fri 12 Jan 2024" in label for label in labels), labels


async def test_refresh_all_from_the_tui(make_app: AppFactory, feed_server: FeedServer) -> None:
    items = [(f"g{n}", f"Harbour story {n}", "The port of Gdansk reopened.") for n in range(3)]
    app = make_app(files=[])
    app.store.sources.add("feed", feed_server.serve("/feed", Reply(body=rss("Port news", items))))
    app.store.sources.add("feed", "http://127.0.0.1:9/dead.xml")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        articles = app.main.query_one(ArticleList)
        assert len(articles.article_ids) == 3
        messages = [n.message for n in app._notifications]
        assert any(
            "1 refreshed, 3 new articles" in m and "connection refused" in m for m in messages
        )
        sources = app.main.sources
        labels = [str(sources.get_option_at_index(i).prompt) for i in range(sources.option_count)]
        assert "Port news (3 unread)" in labels and any(label.startswith("⚠") for label in labels)


async def test_full_text_key_stores_the_page(make_app: AppFactory, feed_server: FeedServer) -> None:
    paragraph = (
        "The harbour authority in Gdansk said on Monday that the terminal opens in May. " * 6
    )
    page = (
        "<html><body><nav>Home | World</nav><article><h1>Terminal</h1>"
        f"<p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    )
    link = feed_server.serve(
        "/story", Reply(body=page.encode(), headers={"Content-Type": "text/html"})
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><guid>s</guid>'
        f"<title>Terminal opens</title><link>{link}</link><description>Short.</description>"
        "</item></channel></rss>"
    )
    app = make_app(files=[])
    app.store.sources.add("feed", feed_server.serve("/f", Reply(body=feed.encode())))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        article = app.main.view.article
        assert article is not None and "harbour authority in Gdansk" in article.text
        stored = app.store.articles.get(article.id)
        assert stored is not None and "harbour authority" in stored.text


async def test_copy_link(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter", "y")
        await pilot.pause()
        article = app.main.view.article
        assert article is not None and article.link and app.clipboard == article.link


async def test_after_a_restart_an_analysed_article_opens_highlighted_at_once(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_app(analysis=True)
    async with first.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await first.workers.wait_for_complete()
        await pilot.pause()
        analysed = first.main.view.analysis
        opened = first.main.view.article
    assert analysed is not None and opened is not None

    restarted = make_app(analysis=True)  # same data folder, fresh process state
    asked_the_worker: list[int] = []
    monkeypatch.setattr(
        restarted.analyser, "for_article", lambda article: asked_the_worker.append(article.id)
    )
    async with restarted.run_test(size=(160, 48)) as pilot:
        await pilot.pause()  # the last article comes back
        view = restarted.main.view
        assert view.article is not None and view.article.id == opened.id
        # the stored result came with the text, in the same frame: no analysis worker ran
        assert asked_the_worker == []
        assert view.analysis is not None
        assert view.analysis.to_json() == analysed.to_json()
        facts = restarted.main.facts
        labels = [str(facts.get_option_at_index(i).prompt) for i in range(facts.option_count)]
        assert not any("Analysing" in label for label in labels), labels


async def test_header_shows_the_day_as_the_list_does(make_app: AppFactory, tmp_path: Path) -> None:
    story = tmp_path / "timed.md"
    story.write_text(
        "---\ntitle: A timed story\ndate: 2019-11-18T20:00:00+00:00\n---\n\nText of it.\n",
        encoding="utf-8",
    )
    app = make_app([story])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        header = header_text(app)
        assert "2019-11-18" in header and "T20:00" not in header, header
