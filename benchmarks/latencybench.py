"""Refresh over a real network, and feedparser's own HTML passes.

1. 200 feeds from a server on 127.0.0.1 that waits a random 50-300 ms before each response (the
   same wait for a given feed in every run), as servers across the internet answer. reader (8
   connections; per_host 8, as 200 feeds would be on many hosts) against newsboat at its default
   `reload-threads 1` and at 8; cold (empty cache) and warm (every feed answers 304, after the
   same wait).
2. feedparser with its sanitiser and relative-URI resolution (its defaults) against without
   them (what reader asks for: it converts HTML to text itself), on one core: the parse time
   saved, and whether the text reader stores changes.

    python benchmarks/latencybench.py            # prints the figures as JSON
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.feedbench import run_newsboat, run_reader, write_feeds  # noqa: E402

DELAY_MS = (50, 300)


def run_latency(work: Path, feeds: int = 200, entries: int = 50) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    write_feeds(work / "www", feeds, entries)
    server = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "feedbench.py"),
            "serve",
            str(work / "www"),
            *map(str, DELAY_MS),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        urls = [f"http://127.0.0.1:{port}/feed{f}.xml" for f in range(feeds)]
        figures: dict[str, Any] = {"reader": run_reader(work, urls)}
        for threads in (1, 8):
            theirs = run_newsboat(work, urls, threads)
            if theirs is not None:
                figures[f"newsboat-{threads}"] = theirs
        return figures
    finally:
        server.terminate()
        server.wait()


# -- feedparser's sanitiser and relative-URI resolution ----------------------------------------
# Besides the benchmark's own documents, entries with what the two passes exist for: scripts,
# event handlers, styles and relative links. reader turns HTML into text (scripts and styles
# dropped, links made absolute against the entry), so the stored text should not change.
HOSTILE = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>H</title>
<link>http://example.org/</link><description>d</description>
<item><guid>h1</guid><title>Scripts</title><link>http://example.org/h1</link><description>
&lt;p onclick="steal()"&gt;Before&lt;script&gt;alert("x")&lt;/script&gt; after.&lt;/p&gt;
&lt;style&gt;p{color:red}&lt;/style&gt;&lt;p&gt;A &lt;a href="/relative/page"&gt;relative
link&lt;/a&gt; and &lt;img src="pic.png" alt="a picture"&gt;.&lt;/p&gt;</description></item>
<item><guid>h2</guid><title>Frames</title><link>http://example.org/h2</link><description>
&lt;iframe src="http://evil.example/"&gt;&lt;/iframe&gt;&lt;p&gt;Text &lt;b
style="x:expression(alert(1))"&gt;bold&lt;/b&gt;, &lt;a href="../up"&gt;up&lt;/a&gt;.&lt;/p&gt;
&lt;object data="x.swf"&gt;&lt;/object&gt;&lt;form&gt;&lt;input name="q"&gt;&lt;/form&gt;</description></item>
</channel></rss>"""


def _parse(documents: list[bytes], passes: bool) -> list[Any]:
    import feedparser

    headers = {"content-type": "application/rss+xml; charset=utf-8"}
    return [
        feedparser.parse(
            document,
            response_headers=headers,
            sanitize_html=passes,
            resolve_relative_uris=passes,
        )
        for document in documents
    ]


def _texts(parsed: list[Any]) -> list[tuple[str, str]]:
    from reader.sources.feedparse import _entry_from_feedparser

    drafts = [_entry_from_feedparser(entry, "") for feed in parsed for entry in feed.entries]
    return [(draft.title, draft.text) for draft in drafts]


def run_parse_passes(folder: Path, runs: int = 3) -> dict[str, Any]:
    documents = [path.read_bytes() for path in sorted(folder.glob("feed*.xml"))]

    def timed(passes: bool) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            _parse(documents, passes)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    timed(False)  # warm the imports and caches
    with_passes, without = timed(True), timed(False)
    samples = [*documents, HOSTILE]
    before, after = _texts(_parse(samples, True)), _texts(_parse(samples, False))
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    return {
        "documents": len(documents),
        "with_passes": with_passes,
        "without": without,
        "entries_compared": len(before),
        "texts_changed": len(changed),
        "changed_examples": [{"with": a[1][:200], "without": b[1][:200]} for a, b in changed[:3]],
    }


if __name__ == "__main__":
    work = HERE / ".work" / "latency-200x50"
    result = {"latency": run_latency(work), "passes": run_parse_passes(work / "www")}
    print(json.dumps(result, indent=2))
