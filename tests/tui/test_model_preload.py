"""The analysis model loads in the background from start-up, so the first article opened is
analysed as fast as the rest; never when analysis is off; and a model that fails says so."""

from __future__ import annotations

import time

import pytest

import reader.analysis.service
from reader.analysis.backend import Parsed
from reader.tui.screens.main import PRELOAD_AFTER
from tests.tui.conftest import AppFactory


class SlowToLoad:
    """A backend whose first use takes a while, as loading spaCy does."""

    name = "slow"
    version = "1"

    def __init__(self, fail: bool = False) -> None:
        self.loaded_at: float | None = None
        self.fail = fail

    def parse(self, text: str) -> Parsed:
        if self.fail:
            raise RuntimeError("model files missing")
        if self.loaded_at is None:
            time.sleep(0.5)
            self.loaded_at = time.monotonic()
        return Parsed()


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch) -> SlowToLoad:
    made = SlowToLoad()
    monkeypatch.setattr(reader.analysis.service, "make_backend", lambda name="spacy": made)
    return made


async def test_the_model_loads_before_the_first_article_is_opened(
    make_app: AppFactory, backend: SlowToLoad
) -> None:
    app = make_app(analysis=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause(PRELOAD_AFTER + 0.2)
        await app.workers.wait_for_complete()
        assert app.main.view.article is None  # nothing opened yet
        assert backend.loaded_at is not None
        opened_at = time.monotonic()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert backend.loaded_at < opened_at
        assert app.main.view.analysis is not None


async def test_nothing_loads_when_analysis_is_off(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    monkeypatch.setattr(
        reader.analysis.service, "make_backend", lambda name="spacy": made.append(name)
    )
    app = make_app(analysis=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause(PRELOAD_AFTER + 0.2)
        await app.workers.wait_for_complete()
        assert made == []


async def test_a_model_that_fails_to_load_says_so(
    make_app: AppFactory, backend: SlowToLoad
) -> None:
    backend.fail = True
    app = make_app(analysis=True)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause(PRELOAD_AFTER + 0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("model did not load: model files missing" in m for m in messages), messages
        assert app.is_running
