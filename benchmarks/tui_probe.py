"""Runs the real app headless in this process and prints one JSON line of timings.

    python benchmarks/tui_probe.py DATA_DIR MODE PARENT_START_TIME
MODE: paint (process start to first painted list), keys (j held down), memory (RSS after
scrolling the whole list), open (article to highlights: first ever, uncached, cached).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

data_dir, mode, parent_start = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])

from reader.config import Settings  # noqa: E402
from reader.storage import Store  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402

figures: dict[str, float] = {}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def probe(pilot: Any) -> None:
    app = pilot.app
    await pilot.pause()
    if mode == "paint":
        figures["first_paint"] = time.time() - parent_start
    elif mode == "keys":
        await pilot.press("j")
        times = []
        for _ in range(300):
            start = time.perf_counter()
            await pilot.press("j")
            times.append(time.perf_counter() - start)
        times.sort()
        figures["median_key"] = statistics.median(times)
        figures["p95_key"] = times[int(len(times) * 0.95)]
    elif mode == "memory":
        rows = len(app.main.articles.article_ids)
        for _ in range(rows // 40 + 2):
            await pilot.press("pagedown")
        await pilot.pause()
        figures["rss_mb"] = rss_mb()
        figures["rows"] = rows
    elif mode == "open":
        view = app.main.view

        async def open_until_highlighted(key: str) -> float:
            start = time.perf_counter()
            await pilot.press(key)
            while view.analysis is None:
                await pilot.pause(0.002)
            return time.perf_counter() - start

        figures["cold"] = await open_until_highlighted("enter")  # loads the model
        figures["uncached"] = await open_until_highlighted("right_square_bracket")
        await open_until_highlighted("left_square_bracket")
        figures["cached"] = await open_until_highlighted("right_square_bracket")
    app.exit()


store = Store.open(data_dir)
settings = Settings()
settings.analysis.enabled = mode == "open"
settings.analysis.backend = "spacy" if mode == "open" else "none"
if mode == "open":
    store.db.execute("DELETE FROM analyses")
    store.db.execute("DELETE FROM app_state")
ReaderApp(settings, store).run(headless=True, size=(160, 48), auto_pilot=probe)
print(json.dumps(figures))
