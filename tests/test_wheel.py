"""A non-editable install works: the wheel carries styles/, the samples and the analysis data.
The wheel goes into a fresh venv; its dependencies come from the test environment (no network),
but `reader` itself is only the wheel's copy."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

HEADLESS_START = """
import asyncio, sys
from pathlib import Path
import reader
assert "site-packages" in reader.__file__ and "/reader/" in reader.__file__, reader.__file__
from reader.config import Settings
from reader.importing import import_samples_if_empty
from reader.storage import Store
from reader.tui.app import ReaderApp

store = Store.open(Path(sys.argv[1]))
import_samples_if_empty(store, feeds_configured=False)
settings = Settings()
settings.analysis.enabled = False
seen = []

async def look(pilot):
    await pilot.pause()
    seen.append(len(pilot.app.main.articles.article_ids))
    seen.append(str(pilot.app.main.query_one("#sources").styles.width))
    pilot.app.exit()

ReaderApp(settings, store).run(headless=True, size=(120, 40), auto_pilot=look)
print(seen)
"""


def test_wheel_installs_and_starts(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob("reader_tui-*.whl")

    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    purelib = next(target.glob("lib/python3*/site-packages"))
    # the test environment's packages as dependencies, after the venv's own site-packages
    (purelib / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    python = target / "bin" / "python"
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--target",
            str(purelib),
            str(wheel),
        ],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "PYTHONNOUSERSITE": "1"}
    version = subprocess.run(
        [python, "-c", "import sys; from reader.cli import main; sys.exit(main(['--version']))"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert version.returncode == 0 and version.stdout.startswith("reader "), version.stderr
    start = subprocess.run(
        [python, "-c", HEADLESS_START, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert start.returncode == 0, start.stderr[-3000:]
    assert start.stdout.strip().splitlines()[-1] == "[4, '24']"  # four samples, styles loaded (sources width)
