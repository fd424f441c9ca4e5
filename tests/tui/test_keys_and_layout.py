"""What a newcomer meets on day one: keys that say what they are and do what the screen says,
counts that say what they count, and the width going to the text a person reads."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.command import CommandList
from textual.widgets import Static

from reader.keymap import DEFAULT_KEYS
from reader.tui.app import ReaderApp
from reader.tui.screens.main import MainScreen
from reader.tui.screens.modals import HelpScreen
from reader.tui.screens.notes import NotesList, NotesScreen
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView
from tests.tui.conftest import AppFactory


def ids_of(*holders: type) -> set[str]:
    found: set[str] = set()
    for holder in holders:
        for binding in holder.BINDINGS:  # type: ignore[attr-defined]
            if isinstance(binding, Binding) and binding.id:
                found.add(binding.id)
    return found


def test_every_binding_id_is_declared_once_in_the_keymap() -> None:
    live = ids_of(ReaderApp, MainScreen, ArticleList, ArticleView, NotesScreen, NotesList)
    assert live == set(DEFAULT_KEYS)


def help_text(app: ReaderApp) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query(Static))


async def test_help_shows_keys_as_typed_and_every_binding_id(make_app: AppFactory) -> None:
    app = make_app(keys={"search": "slash,ctrl+k"})
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "question_mark" not in text and "greater_than_sign" not in text
        lines = text.splitlines()
        assert any(line.split() == [">", "Quote", "into", "a", "note", "quote"] for line in lines)
        assert any(line.split()[:1] == ["?"] and line.endswith("help") for line in lines)
        assert any(line.split()[:2] == ["/,", "^k"] for line in lines), "the override shows"
        words = set(text.split())
        missing = [binding_id for binding_id in DEFAULT_KEYS if binding_id not in words]
        assert missing == []
        assert "Save note" in text and "Delete note" in text  # the notes editor's keys


async def test_command_palette_shows_config_section_names_as_written(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export all")
        await pilot.pause(0.5)
        commands = app.screen.query_one(CommandList)
        shown = [
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        ]
        assert any("([export] notes_dir)" in line for line in shown), shown


async def test_sources_count_unread_and_the_list_counts_articles(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")  # one of the four samples is read now
        await pilot.pause()
        sources = app.main.sources
        first = str(sources.get_option_at_index(0).prompt)
        assert first == "All (3 unread)"
        assert app.main.articles.border_title == "All · 4 articles"
        await pilot.press("1", "j", "enter")  # the Unread entry
        await pilot.pause()
        assert app.main.articles.border_title == "Unread · 3 articles"


async def test_the_article_gets_the_width_at_120_columns(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.view
        assert view.display and view.scrollable_content_region.width >= 60


async def test_headlines_show_45_characters_at_160_columns(
    make_app: AppFactory, tmp_path: Path
) -> None:
    title = "Harbour authority opens the northern terminal after twelve years of argument"
    path = tmp_path / "long.txt"
    path.write_text(f"{title}\n\nBody.\n", encoding="utf-8")
    app = make_app(files=[path])
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        row = app.main.articles.render_line(0).text
        assert title[:45] in row, row


async def test_side_panes_hide_and_resize_from_the_keyboard_and_stay_so(
    make_app: AppFactory,
) -> None:
    first = make_app()
    async with first.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        facts = first.main.facts
        before = facts.outer_size.width
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert facts.outer_size.width == before + 8
        await pilot.press("1", "minus")  # with the sources pane focused, it is the one resized
        await pilot.pause()
        sources_width = first.main.sources.outer_size.width
        await pilot.press("s", "i")
        await pilot.pause()
        assert not first.main.sources.display and not facts.display
        assert first.main.articles.has_focus  # focus left the hidden pane
    restarted = make_app()
    async with restarted.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        main = restarted.main
        assert not main.sources.display and not main.facts.display
        assert main.view.scrollable_content_region.width > 120
        await pilot.press("4")  # asking for a hidden pane brings it back, as wide as it was
        await pilot.press("1")
        await pilot.pause()
        assert main.facts.display and main.facts.outer_size.width == before + 8
        assert main.sources.display and main.sources.outer_size.width == sources_width
        await pilot.press("s")
        await pilot.pause()
        assert not main.sources.display


async def test_hidden_side_panes_still_show_one_at_a_time_when_small(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter", "tab")
        await pilot.pause()
        shown = [p.id for p in app.main.query("#sources, #articles, #article, #facts") if p.display]
        assert shown == ["facts"]
        assert app.main.facts.outer_size.width == 80


async def test_n_steps_through_marks_from_any_pane_then_writes_notes(
    make_app: AppFactory,
) -> None:
    app = make_app(analysis=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        facts = app.main.facts
        await pilot.press("4")
        await pilot.pause()
        facts.highlighted = facts.get_option_index("Entities-0")
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.view
        marks = view._marks
        assert marks, "choosing an entity marks its mentions"
        toast = [n.message for n in app._notifications][-1]
        assert "n / N step through them from any pane" in toast
        for pane in ("4", "2", "1"):  # facts, list, sources: n means the same everywhere
            await pilot.press(pane)
            await pilot.pause()
            before = view.current_mark()
            await pilot.press("n")
            await pilot.pause()
            assert not isinstance(app.screen, NotesScreen)
            if len(marks) > 1:
                assert view.current_mark() != before
        await pilot.press("escape")
        await pilot.pause()
        assert view.current_mark() is None
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
