"""The latency benchmark's pieces: the slow server waits as told, and feedparser's own HTML
passes, which reader turns off, change none of the text reader stores."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks.feedbench import write_feeds
from benchmarks.latencybench import run_parse_passes

ROOT = Path(__file__).resolve().parents[2]


def test_the_slow_server_waits_before_each_response(tmp_path: Path) -> None:
    write_feeds(tmp_path, 1, 2)
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "benchmarks/feedbench.py"),
            "serve",
            str(tmp_path),
            "200",
            "250",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        start = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/feed0.xml", timeout=10) as reply:
            assert b"<rss" in reply.read()
        assert time.perf_counter() - start >= 0.2
    finally:
        server.terminate()
        server.wait()


def test_without_feedparsers_passes_the_stored_text_is_the_same(tmp_path: Path) -> None:
    write_feeds(tmp_path, 2, 3)
    result = run_parse_passes(tmp_path, runs=1)
    assert result["entries_compared"] == 2 * 3 + 2  # and the hostile entries
    assert result["texts_changed"] == 0, result["changed_examples"]
