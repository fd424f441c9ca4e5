"""Refresh N feeds of M entries from a server on 127.0.0.1, reader against newsboat, cold (an
empty cache) and warm (every feed answers 304). Each refresh is its own process; peak memory is
that process's maximum resident set.

    python benchmarks/feedbench.py serve DIR [MIN_MS MAX_MS]   # the server alone (prints its
                                                              # port), optionally slow
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONNECTIONS = 8  # reader's fetch.concurrency and per_host, and newsboat's reload-threads


def write_feeds(folder: Path, feeds: int, entries: int) -> None:
    stamp = folder / f".made-{feeds}x{entries}"
    if stamp.exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    base = datetime(2024, 3, 1, 12, tzinfo=UTC)
    paragraph = (
        "<p>The council of {city} met on Tuesday to approve {n} new schools. Mayor Ana Ruiz said "
        "the work would start next year and end in 2026, after talks with the regional "
        "government in {city}.</p>"
    )
    for f in range(feeds):
        items = []
        for e in range(entries):
            when = format_datetime(base - timedelta(hours=f * entries + e))
            body = (paragraph.format(city=f"City {f}", n=e + 3) * 3).replace("<", "&lt;")
            items.append(
                f"<item><guid>urn:bench:{f}:{e}</guid><title>Council {f}-{e} approves schools</title>"
                f"<link>http://127.0.0.1/{f}/{e}</link><pubDate>{when}</pubDate>"
                f"<description>{body}</description></item>"
            )
        document = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Bench feed {f}</title><link>http://127.0.0.1/</link><description>d</description>"
            + "".join(items)
            + "</channel></rss>"
        )
        (folder / f"feed{f}.xml").write_text(document, encoding="utf-8")
    stamp.touch()


def serve(folder: Path, delay_ms: tuple[int, int] | None = None) -> None:
    """Serve the folder with ETag and Last-Modified. With `delay_ms`, every response waits a
    random time in that range first, as a real server across the internet answers; each file has
    its own delay, the same in every run, so two readers face the same server."""
    cache: dict[str, tuple[bytes, str]] = {}
    modified = "Fri, 01 Mar 2024 12:00:00 GMT"

    def wait(name: str) -> None:
        if delay_ms is not None:
            low, high = delay_ms
            time.sleep(random.Random(name).uniform(low, high) / 1000)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as two writes

        def do_GET(self) -> None:
            name = self.path.lstrip("/")
            wait(name)
            if name not in cache:
                path = folder / name
                if not path.is_file():
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = path.read_bytes()
                cache[name] = (body, '"' + hashlib.md5(body).hexdigest() + '"')
            body, etag = cache[name]
            if (
                self.headers.get("If-None-Match") == etag
                or self.headers.get("If-Modified-Since") == modified
            ):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 256  # the default 5 drops SYNs under load: 1 s retransmits

    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def peak_of(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one process, through GNU time (Debian's `time`
    package; `make bench` installs it). RUSAGE_CHILDREN would only give the max over all runs."""
    timer = "/usr/bin/time"
    start = time.perf_counter()
    result = subprocess.run([timer, "-f", "%M", *command], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{command[0]} failed: {result.stderr[-500:]}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024


def run_reader(work: Path, urls: list[str]) -> dict[str, tuple[float, float]]:
    data = work / "reader-data"
    shutil.rmtree(data, ignore_errors=True)
    config = work / "reader.toml"
    config.write_text(f"[fetch]\nconcurrency = {CONNECTIONS}\nper_host = {CONNECTIONS}\n")
    (work / "urls.opml").write_bytes(opml(urls))
    env = {**os.environ, "XDG_CONFIG_HOME": str(work / "xdg"), "XDG_DATA_HOME": str(work / "xdg")}
    base = [sys.executable, "-m", "reader", "--config", str(config), "--data-dir", str(data)]
    subprocess.run(
        [*base, "import-opml", str(work / "urls.opml")], check=True, capture_output=True, env=env
    )
    cold = peak_of([*base, "refresh"], env)
    warm = peak_of([*base, "refresh"], env)
    return {"cold": cold, "warm": warm}


def opml(urls: list[str]) -> bytes:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from reader.sources.opml import Subscription, write_opml

    return write_opml([Subscription(url, f"Bench {n}") for n, url in enumerate(urls)])


def run_newsboat(
    work: Path, urls: list[str], threads: int = CONNECTIONS
) -> dict[str, tuple[float, float]] | None:
    if shutil.which("newsboat") is None:
        return None
    home = work / f"newsboat-{threads}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    (home / "urls").write_text("\n".join(urls) + "\n")
    (home / "config").write_text(f"reload-threads {threads}\nuse-proxy no\nshow-read-feeds yes\n")
    command = [
        "newsboat",
        "-x",
        "reload",
        "-u",
        str(home / "urls"),
        "-c",
        str(home / "cache.db"),
        "-C",
        str(home / "config"),
    ]
    env = {**os.environ, "HOME": str(home), "http_proxy": "", "https_proxy": "", "no_proxy": "*"}
    cold = peak_of(command, env)
    warm = peak_of(command, env)
    return {"cold": cold, "warm": warm}


def run_comparison(
    work: Path, feeds: int, entries: int
) -> dict[str, dict[str, tuple[float, float]]]:
    work.mkdir(parents=True, exist_ok=True)
    write_feeds(work / "www", feeds, entries)
    server = subprocess.Popen(
        [sys.executable, __file__, "serve", str(work / "www")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        urls = [f"http://127.0.0.1:{port}/feed{f}.xml" for f in range(feeds)]
        figures = {"reader": run_reader(work, urls)}
        theirs = run_newsboat(work, urls)
        if theirs is not None:
            figures["newsboat"] = theirs
        return figures
    finally:
        server.terminate()
        server.wait()


def _feedparser_only(document: bytes) -> int:
    import feedparser

    headers = {"content-type": "application/rss+xml; charset=utf-8"}
    parsed = feedparser.parse(
        document, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    return len(parsed.entries)


def parse_floor(folder: Path) -> float:
    """Wall seconds for feedparser alone to parse every served feed on every core: no network,
    no storage, no text conversion. The cold refresh cannot be faster than this."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import feedparser  # noqa: F401  (imported before the fork, as reader's pool does)

    documents = [path.read_bytes() for path in sorted(folder.glob("feed*.xml"))]
    workers = os.cpu_count() or 1
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        list(pool.map(int, range(workers)))  # every worker started
        start = time.perf_counter()
        list(pool.map(_feedparser_only, documents, chunksize=4))
        return time.perf_counter() - start


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        serve(Path(sys.argv[2]))
    elif len(sys.argv) == 5 and sys.argv[1] == "serve":
        serve(Path(sys.argv[2]), (int(sys.argv[3]), int(sys.argv[4])))
    else:
        print(__doc__)
