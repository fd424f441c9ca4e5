"""What the screen looks like, pinned: the main screen at 160x48 and 80x24, the facts sidebar on
the seed with its date set, the help screen and a modal. Regenerate after a deliberate change
with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.conftest import SEED_DATE
from tests.tui.conftest import AppFactory


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


def test_main_screen_wide(make_app: AppFactory, snap_compare: Any) -> None:
    async def open_first(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(analysis=True), terminal_size=(160, 48), run_before=open_first)


def test_main_screen_small(make_app: AppFactory, snap_compare: Any) -> None:
    async def open_first(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(analysis=True), terminal_size=(80, 24), run_before=open_first)


def test_facts_on_the_seed(make_app: AppFactory, seed_path: Path, snap_compare: Any) -> None:
    async def open_seed(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert pilot.app.main.query_one("#article").display is False  # type: ignore[attr-defined]

    # One pane at a time, the facts pane alone: the seed's text is not ours to keep in the repo,
    # only what we derived from it.
    app = make_app(files=[seed_path], analysis=True, default_date=SEED_DATE)
    assert snap_compare(app, terminal_size=(90, 48), run_before=open_seed)


def test_help_screen(make_app: AppFactory, snap_compare: Any) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 40), press=["question_mark"])


def test_confirm_modal(make_app: AppFactory, snap_compare: Any) -> None:
    app = make_app()

    async def ask_to_delete(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        article = pilot.app.main.view.article  # type: ignore[attr-defined]
        pilot.app.store.notes.add(article.id, "a note to delete")  # type: ignore[attr-defined]
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("shift+tab", "d")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=ask_to_delete)
