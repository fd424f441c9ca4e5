"""Runs the real app headless in this process and prints one JSON line of timings.

    python benchmarks/tui_probe.py DATA_DIR MODE PARENT_START_TIME
MODE: paint (process start to the first frame showing the list's rows), keys (j held down), keys-analysing (j
held down while the background analysis works through a backlog in its worker processes),
memory (RSS after scrolling the whole list), open (article to highlights: first ever, uncached,
cached).
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

# A spawn worker (the background analysis's) imports this script again as __mp_main__: it must
# run none of it.
if __name__ == "__main__":
    data_dir, mode, parent_start = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])

    from reader.config import Settings
    from reader.storage import Store
    from reader.tui.app import ReaderApp

    figures: dict[str, float] = {}
    IDLE_BEFORE_KEY = 0.25

    def rss_mb() -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def _analysed_count(app: Any) -> int:
        row = app.store.db.execute("SELECT count(*) FROM article_analysis").fetchone()
        return int(row[0])

    def _analysed_some(app: Any) -> bool:
        return _analysed_count(app) >= 4

    def frame_times(app: Any) -> list[float]:
        """When each frame is handed over from now on (App._display; headless, the terminal
        write itself is skipped)."""
        writes: list[float] = []
        original_display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            original_display(screen, renderable)
            if renderable is not None:
                writes.append(time.perf_counter())

        app._display = timed_display
        return writes

    def send_key(app: Any, name: str) -> float:
        """The key as a terminal sends it; returns when it was sent."""
        from textual import events

        start = time.perf_counter()
        key = events.Key(name, name)
        key.set_sender(app)
        app._driver.send_message(key)
        return start

    async def probe(pilot: Any) -> None:
        app = pilot.app
        await pilot.pause()
        if mode == "paint":
            figures["first_paint"] = list_painted[0] - parent_start
            figures["settled"] = time.time() - parent_start  # every start-up message handled
        elif mode in ("keys", "keys-analysing"):
            # Key to paint: from the key event entering the app to the compositor handing over the
            # frame that shows the moved cursor. Pilot's own waits are not part of it.
            writes = frame_times(app)
            articles = app.main.articles
            if mode == "keys-analysing":  # until the workers have handed back their first articles
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and not _analysed_some(app):
                    await asyncio.sleep(0.1)
                figures["analysed_before"] = _analysed_count(app)
            times = []
            for _ in range(300):
                before = articles.cursor
                start = send_key(app, "j")
                while not (articles.cursor != before and writes and writes[-1] > start):
                    await asyncio.sleep(0.0005)
                times.append(writes[-1] - start)
                await asyncio.sleep(0.02)  # a held key repeats about every 30 ms
            times.sort()
            figures["median_key"] = statistics.median(times)
            figures["p95_key"] = times[int(len(times) * 0.95)]
            if mode == "keys-analysing":
                figures["analysed_during"] = _analysed_count(app) - figures["analysed_before"]
        elif mode == "stories":
            # The most-mentioned entity, as if chosen in the key facts, then S: from the key
            # entering the app to the frame that shows its stories in the list.
            top = app.store.entities.top(limit=1)[0]
            writes_s = frame_times(app)
            lists = []
            for _ in range(5):
                app.main._entity_name = top.name
                app.main._stories_of = None
                await pilot.press("1")
                await pilot.press("home", "enter")  # back to All between runs
                await pilot.pause(IDLE_BEFORE_KEY)
                start = send_key(app, "S")
                articles = app.main.articles
                while not (
                    "Stories about" in str(articles.border_title)
                    and writes_s
                    and writes_s[-1] > start
                ):
                    await asyncio.sleep(0.0005)
                lists.append(writes_s[-1] - start)
            figures["stories_key_to_list"] = statistics.median(lists)
            figures["stories_slowest"] = max(lists)
            figures["stories_articles"] = len(articles.article_ids)
        elif mode == "memory":
            rows = len(app.main.articles.article_ids)
            for _ in range(rows // 40 + 2):
                await pilot.press("pagedown")
            await pilot.pause()
            figures["rss_mb"] = rss_mb()
            figures["rows"] = rows
        elif mode == "open":
            # From the key to the frame that shows the highlights: the key event is sent as a
            # terminal would send it; the end is the first App._display after the article's
            # blocks were rendered with an analysis.
            from textual import events

            view = app.main.view
            applied: list[float] = []
            displayed: list[float] = []
            original_render = view._render_blocks
            original_display = app._display

            def timed_render() -> None:
                original_render()
                if view.analysis is not None:
                    applied.append(time.perf_counter())

            def timed_display(screen: Any, renderable: Any) -> None:
                original_display(screen, renderable)
                if renderable is not None:
                    displayed.append(time.perf_counter())

            view._render_blocks = timed_render
            app._display = timed_display

            async def open_until_highlighted(name: str) -> float:
                # A reader presses the key with the app idle, not within a frame of the last one
                # (that would add Textual's 60 fps frame pacing, up to 17 ms, to every figure).
                await asyncio.sleep(IDLE_BEFORE_KEY)
                applied.clear()
                start = time.perf_counter()
                key = events.Key(name, None)
                key.set_sender(app)
                app._driver.send_message(key)
                while not (applied and displayed and displayed[-1] > applied[-1]):
                    await asyncio.sleep(0.001)
                return displayed[-1] - start

            figures["cold"] = await open_until_highlighted("enter")  # loads the model
            figures["uncached"] = await open_until_highlighted("right_square_bracket")
            await open_until_highlighted("left_square_bracket")
            figures["cached"] = await open_until_highlighted("right_square_bracket")
            await open_until_highlighted("left_square_bracket")
            app.analyser.forget_recent()  # as after a restart: from the database cache
            figures["cached_db"] = await open_until_highlighted("right_square_bracket")
            # the same pair of articles back and forth, as `[`/`]` pressed at reading pace
            repeats = []
            for _ in range(5):
                app.analyser.forget_recent()
                await open_until_highlighted("left_square_bracket")
                app.analyser.forget_recent()
                repeats.append(await open_until_highlighted("right_square_bracket"))
            figures["cached_db_median"] = statistics.median(repeats)
        app.exit()

    list_painted: list[float] = []
    if mode == "paint":
        # The first frame the compositor hands over with the article list's rows in it.
        display_frame = ReaderApp._display

        def timed_display(app: ReaderApp, screen: Any, renderable: Any) -> None:
            display_frame(app, screen, renderable)
            if renderable is not None and not list_painted:
                try:
                    rows = len(app.main.articles.article_ids)
                except LookupError:
                    rows = 0
                if rows:
                    list_painted.append(time.time())

        ReaderApp._display = timed_display  # type: ignore[method-assign,assignment]

    store = Store.open(data_dir)
    settings = Settings()
    settings.analysis.enabled = mode in ("open", "keys-analysing")
    settings.analysis.backend = "spacy" if settings.analysis.enabled else "none"
    if mode == "open":
        store.db.execute("DELETE FROM analyses")
        store.db.execute("DELETE FROM app_state")
    ReaderApp(settings, store).run(headless=True, size=(160, 48), auto_pilot=probe)
    print(json.dumps(figures))
