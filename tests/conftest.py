"""Every test runs with its own config and data dirs: no user config, no user data."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.storage import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seed-article.txt"
SEED_DATE = "2023-12-27"
DATA = Path(__file__).parent / "data"

# the feed_server fixture: a real HTTP server on 127.0.0.1
pytest_plugins = ["tests.feedserver"]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    # no detached analysis runner outliving a test (tests that want one turn it back on)
    monkeypatch.setenv("READER_BACKGROUND_ANALYSIS", "0")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir) as opened:
        yield opened


@pytest.fixture
def seed_path() -> Path:
    if not SEED_TEXT.exists():
        pytest.skip("../shared/seed-article.txt is not here (a fresh clone outside CI)")
    return SEED_TEXT


def run_reader(
    *args: str,
    data_dir: Path | None = None,
    input_text: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The real entry point, as a user runs it."""
    command = [sys.executable, "-m", "reader"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        input=input_text,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
