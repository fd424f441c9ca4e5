"""Sync timings against a real FreshRSS on loopback (../shared/freshrss/serve): the first
`reader sync` of FEEDS x ITEMS, then an incremental one after 5% of the items changed read state
on the server. Usage: python benchmarks/syncbench.py [FEEDS] [ITEMS]"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx

HERE = Path(__file__).resolve().parent
SERVE = HERE.parent.parent / "shared" / "freshrss" / "serve"


def write_feeds(folder: Path, feeds: int, items: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(feeds):
        entries = "".join(
            f"<item><guid>f{number}-{i}</guid><title>Story {number}-{i}</title>"
            f"<link>http://example.org/{number}/{i}</link>"
            f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>"
            f"<description>Text of story {i} in feed {number}, with a sentence or two.</description></item>"
            for i in range(items)
        )
        (folder / f"feed{number}.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {number}</title>'
            f"<link>http://example.org/</link><description>d</description>{entries}</channel></rss>"
        )


class Quiet(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {".xml": "application/rss+xml"}

    def log_message(self, *args: object) -> None:
        pass


def main() -> int:
    feeds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    items = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    print(json.dumps(measure(feeds, items)))
    return 0


def measure(feeds: int, items: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="syncbench."))
    write_feeds(work / "www", feeds, items)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(work / "www")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    info = json.loads(
        subprocess.run([str(SERVE)], capture_output=True, text=True, check=True).stdout
    )
    api = info["greader"]
    try:
        auth = httpx.post(
            f"{api}/accounts/ClientLogin", data={"Email": "reader", "Passwd": "reader-api"}
        ).text
        token = auth.split("Auth=", 1)[1].strip()
        headers = {"Authorization": f"GoogleLogin auth={token}"}
        write = httpx.get(f"{api}/reader/api/0/token", headers=headers).text.strip()
        port = server.server_address[1]
        for number in range(feeds):
            httpx.post(
                f"{api}/reader/api/0/subscription/quickadd",
                headers=headers,
                timeout=60,
                data={"quickadd": f"http://127.0.0.1:{port}/feed{number}.xml", "T": write},
            )
        config = work / "config.toml"
        config.write_text(
            f'[sync]\nservice = "greader"\nurl = "{api}"\nuser = "reader"\npassword = "reader-api"\n'
        )
        command = [
            sys.executable,
            "-m",
            "reader",
            "--config",
            str(config),
            "--data-dir",
            str(work / "data"),
            "sync",
            "--json",
        ]
        start = time.perf_counter()
        first = subprocess.run(command, capture_output=True, text=True, check=True)
        first_seconds = time.perf_counter() - start
        ids = httpx.get(
            f"{api}/reader/api/0/stream/items/ids",
            headers=headers,
            params={"s": "user/-/state/com.google/reading-list", "n": 100000, "output": "json"},
        ).json()["itemRefs"]
        changed = [ref["id"] for ref in ids[::20]]  # 5%
        for start_at in range(0, len(changed), 200):
            httpx.post(
                f"{api}/reader/api/0/edit-tag",
                headers=headers,
                timeout=60,
                data={
                    "i": changed[start_at : start_at + 200],
                    "a": "user/-/state/com.google/read",
                    "T": write,
                },
            )
        start = time.perf_counter()
        second = subprocess.run(command, capture_output=True, text=True, check=True)
        second_seconds = time.perf_counter() - start
        return {
            "items": len(ids),
            "first": round(first_seconds, 2),
            "first_report": json.loads(first.stdout),
            "changed": len(changed),
            "incremental": round(second_seconds, 2),
            "incremental_report": json.loads(second.stdout),
        }
    finally:
        os.kill(info["pid"], signal.SIGTERM)
        server.shutdown()


if __name__ == "__main__":
    raise SystemExit(main())
