"""A background job that fails must say so on screen: every worker runs with
exit_on_error=False, and a failure that nobody reports is a silent key (the old `R`)."""

from __future__ import annotations

import pytest

from reader.tui.widgets.article_list import ArticleList
from tests.tui.conftest import AppFactory


def shown(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


async def test_a_refresh_that_crashes_is_reported(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.feeds.refresh

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("bad value(s) in fds_to_keep")

    monkeypatch.setattr(reader.feeds.refresh, "run_refresh", broken)
    app = make_app()
    app.store.sources.add("feed", "http://127.0.0.1:9/feed.xml", "A feed")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(
            "Refresh failed" in message and "fds_to_keep" in message for message in shown(app)
        ), shown(app)
        assert app.is_running  # and the app goes on
        assert app.main.query_one(ArticleList).border_subtitle == ""  # no progress left behind


async def test_an_export_that_crashes_is_reported(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.export.selection

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(reader.export.selection, "chosen_articles", broken)
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Export failed" in m and "disk caught fire" in m for m in shown(app)), shown(app)
