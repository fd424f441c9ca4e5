"""The app's side of the hostile-input issue: a full disk while writing a note (case 11) and
`o` on a link that is not http(s) (case 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from reader.tui.screens.notes import DRAFT_DELAY, NotesScreen
from tests.tui.conftest import AppFactory


def notifications(app: object) -> str:
    return "\n".join(str(n.message) for n in app._notifications)  # type: ignore[attr-defined]


async def test_a_full_disk_keeps_the_typed_note(make_app: AppFactory) -> None:
    """The editor died with a traceback (exit status 0) and lost what was typed after the
    last draft. Now: one notification naming the disk, the text stays on screen and in
    memory, and ctrl+s saves it once there is room."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter", "n")
        await pilot.pause()
        article = app.main.view.article
        assert article is not None and isinstance(app.screen, NotesScreen)
        db = app.store.db
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
        typed = "A long thought. " * 20_000
        app.screen.query_one(TextArea).text = typed
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert "disk is full" in notifications(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)  # still open, the text still there
        assert app.screen.query_one(TextArea).text == typed
        assert app.store.notes.for_article(article.id) == []
        await pilot.press("escape")  # closing keeps it in memory for the session
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == typed
        db.execute("PRAGMA max_page_count = 1073741823")  # room again
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [n.body for n in app.store.notes.for_article(article.id)] == [typed]
    assert app.return_code in (None, 0)


async def test_o_opens_only_http_links(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: list[object] = []
    monkeypatch.setattr("subprocess.Popen", lambda *a, **k: launched.append(a))
    monkeypatch.setattr("webbrowser.open", lambda *a, **k: launched.append(a) or True)
    page = tmp_path / "evil.md"
    page.write_text("---\ntitle: Evil\nurl: 'javascript:alert(1)'\n---\nBody text.\n", "utf-8")
    app = make_app([page])
    app.settings.ui.browser = "firefox"
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter", "o")
        await pilot.pause(0.3)
        assert launched == []
        assert "only http and https links are opened" in notifications(app)


def test_a_background_job_on_a_full_disk_says_so() -> None:
    """A refresh worker that hits a full disk names the disk, not an OperationalError."""
    import sqlite3
    from types import SimpleNamespace

    from reader.tui.app import report_worker_failure

    said: list[str] = []
    app = SimpleNamespace(notify=lambda message, **_: said.append(message))
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    worker = SimpleNamespace(group="refresh", name="refresh_feeds", error=error)
    report_worker_failure(app, worker)  # type: ignore[arg-type]
    assert said == ["Refresh failed: the disk is full"]


async def test_notifications_never_read_feed_text_as_markup(make_app: AppFactory) -> None:
    """A feed title such as "[@click=app.quit]x[/]" quoted in a notification stays text."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        app.screen.notify("Refresh: [@click=app.quit]Evil[/] failed")  # as screens call it
        app.notify("[b]bold?[/b]")
        await pilot.pause()
        recent = list(app._notifications)[-2:]
        assert [n.markup for n in recent] == [False, False]
        assert [n.message for n in recent][0] == "Refresh: [@click=app.quit]Evil[/] failed"
