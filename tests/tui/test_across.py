"""Across articles in the app: stories about an entity, the entity and agenda sources, following,
and the background analysis that fills the index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reader.analysis.background import AnalysisRunner
from reader.tui.app import ReaderApp
from reader.tui.widgets.facts import FactsPane
from reader.tui.widgets.sources import SourcesPane
from tests.tui.conftest import AppFactory

TRIP = """Japanese leader to travel to Paris next month

TOKYO: Prime Minister Fumio Kishida will visit Paris on May 14 for talks with President
Emmanuel Macron, officials said on Monday. Kishida last met Macron in 2022.
"""
FORUM = """Ministers meet in Vienna

VIENNA: Japanese Foreign Minister Yoko Kamikawa met Prime Minister Fumio Kishida in Vienna on
Tuesday. Kishida will host a conference in Osaka on June 3.
"""


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("trip.txt", TRIP), ("forum.txt", FORUM)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _indexed_app(make_app: AppFactory, files: list[Path]) -> ReaderApp:
    # dated today, so "May 14" and "June 3" are upcoming and make the agenda
    app = make_app(files, analysis=True, default_date=date.today().isoformat())
    AnalysisRunner(app.store.path.parent).run()
    return app


async def _until(pilot: object, condition: object, seconds: float = 60) -> None:
    for _ in range(int(seconds / 0.1)):
        if condition():  # type: ignore[operator]
            return
        await pilot.pause(0.1)  # type: ignore[attr-defined]
    raise AssertionError("the app never got there")


def _option_ids(pane: object) -> list[str]:
    return [
        pane.get_option_at_index(i).id or ""  # type: ignore[attr-defined]
        for i in range(pane.option_count)  # type: ignore[attr-defined]
    ]


async def test_stories_about_the_entity_chosen_in_the_key_facts(
    make_app: AppFactory, files: list[Path]
) -> None:
    app = _indexed_app(make_app, files)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        facts = app.main.query_one(FactsPane)
        await _until(pilot, lambda: any(r.label == "Fumio Kishida" for r in facts._rows.values()))
        option = next(k for k, r in facts._rows.items() if r.label == "Fumio Kishida")
        await pilot.press("4")
        facts.highlighted = facts.get_option_index(option)
        await pilot.press("enter", "S")
        await pilot.pause()
        assert app.main.articles.border_title == "Stories about Fumio Kishida · 2 articles"
        ids = _option_ids(facts)
        assert any(i.startswith("timeline-") for i in ids)
        assert any(i.startswith("related-") for i in ids)
        # enter on a timeline row opens its article with the sentence marked
        await pilot.press("4")
        facts.highlighted = ids.index("timeline-0")
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.view.article is not None
        assert app.main.view.has_marks


async def test_people_and_agenda_among_the_sources(make_app: AppFactory, files: list[Path]) -> None:
    app = _indexed_app(make_app, files)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        sources = app.main.query_one(SourcesPane)
        labels = [str(sources.get_option_at_index(i).prompt) for i in range(sources.option_count)]
        assert "People" in labels and "Agenda" in labels
        kishida = next(label for label in labels if "Fumio Kishida" in label)
        assert "(2 unread)" in kishida
        key = _option_ids(sources)[labels.index(kishida)]
        sources.choose(key)
        await pilot.pause()
        assert app.main.articles.border_title == "Stories about Fumio Kishida · 2 articles"
        agenda = [i for i in _option_ids(sources) if i.startswith("agenda:")]
        assert agenda
        sources.choose(agenda[0])
        await pilot.pause()
        assert app.main.view.article is not None and app.main.view.has_marks


async def test_following_an_entity_puts_it_among_the_sources(
    make_app: AppFactory, files: list[Path]
) -> None:
    app = _indexed_app(make_app, files)
    async with app.run_test(size=(160, 48)) as pilot:
        sources = app.main.query_one(SourcesPane)
        people = [i for i in _option_ids(sources) if i.startswith("entity:People:")]
        sources.choose(people[0])  # the list shows its stories: F follows that entity
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        followed = app.store.entities.followed()
        assert len(followed) == 1
        assert any(i.startswith("entity:Following:") for i in _option_ids(sources))
        await pilot.press("F")
        await pilot.pause()
        assert app.store.entities.followed() == []


async def test_the_app_analyses_the_backlog_in_the_background(
    make_app: AppFactory, files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_BACKGROUND_ANALYSIS", "1")
    app = make_app(files, analysis=True, default_date=date.today().isoformat())
    async with app.run_test(size=(160, 48)) as pilot:
        sources = app.main.query_one(SourcesPane)
        await _until(pilot, lambda: any(i.startswith("entity:") for i in _option_ids(sources)))
        assert len(app.store.entities.pending(AnalysisRunner(app.store.path.parent).version())) == 0
        # what a long backlog shows while it runs, and that it goes when done
        app.main.show_analysis_progress(3, 10)
        assert sources.border_subtitle == "analysed 3/10"
        app.main.show_analysis_progress(None, 0)
        assert sources.border_subtitle == ""


async def test_stories_about_is_in_the_command_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Stories about the chosen entity" in titles
        assert "Follow the chosen entity (or stop)" in titles


async def test_a_long_timeline_shows_its_latest_facts_and_says_where_the_rest_are(
    make_app: AppFactory,
) -> None:
    from reader.storage.entities import EntityRow
    from reader.storage.entities import FactRow as IndexedFact
    from reader.tui.widgets.facts import TIMELINE_SHOWN

    def fact(day: int) -> IndexedFact:
        when = date.fromordinal(date(2024, 1, 1).toordinal() + day).isoformat()
        return IndexedFact(
            1,
            "A",
            "visit",
            "visit",
            when,
            None,
            when,
            "day",
            ["Kishida"],
            [],
            "happened",
            0,
            5,
            "He went.",
        )

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        facts = app.main.query_one(FactsPane)
        entity = EntityRow(1, "Fumio Kishida", "person", 80, 90, None, None)
        facts.show_entity(entity, [fact(day) for day in range(TIMELINE_SHOWN + 30)], [])
        await pilot.pause()
        ids = _option_ids(facts)
        assert sum(i.startswith("timeline-") for i in ids) == TIMELINE_SHOWN
        labels = [str(facts.get_option_at_index(n).prompt) for n in range(facts.option_count)]
        assert any("30 earlier dated facts" in label for label in labels), labels
        shown = " ".join(labels)
        assert "2024-03-20" in shown and "2024-01-01" not in shown  # the latest, not the first
