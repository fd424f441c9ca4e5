"""Apps for Pilot and snapshot tests: a temporary store, our own sample articles, no user config."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.config import Settings
from reader.importing import import_files, sample_files
from reader.storage import Store
from reader.tui.app import ReaderApp

AppFactory = Callable[..., ReaderApp]


FIXED_NOW = "2026-05-04T03:02:01+00:00"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes and bookmarks stamped at one fixed time: snapshots repeat."""
    import reader.storage.keeping

    monkeypatch.setattr(reader.storage.keeping, "now_iso", lambda: FIXED_NOW)


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[AppFactory]:
    stores: list[Store] = []

    def factory(
        files: list[Path] | None = None,
        analysis: bool = False,
        default_date: str | None = None,
        keys: dict[str, str] | None = None,
    ) -> ReaderApp:
        data_dir = tmp_path / "data"
        data_dir.mkdir(exist_ok=True)
        store = Store.open(data_dir)
        stores.append(store)
        import_files(store, files if files is not None else sample_files(), default_date)
        settings = Settings()
        settings.analysis.enabled = analysis
        settings.analysis.backend = "spacy" if analysis else "none"
        settings.export.notes_dir = str(tmp_path / "notes")
        settings.keys = keys or {}
        return ReaderApp(settings, store)

    yield factory
    for store in stores:
        store.close()
