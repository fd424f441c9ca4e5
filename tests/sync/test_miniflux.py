"""reader sync with the Miniflux REST API, against a local fake that answers as Miniflux's API
documentation says (Miniflux itself cannot be installed here)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from reader.storage import ArticleFilter, Store
from tests.conftest import run_reader

TOKEN = "secret-token"


class FakeMiniflux:
    def __init__(self) -> None:
        self.entries = [
            {
                "id": n,
                "feed_id": 7,
                "title": f"Entry {n}",
                "url": f"http://example.org/{n}",
                "content": f"<p>Body {n}.</p>",
                "author": "",
                "status": "read" if n == 1 else "unread",
                "starred": False,
                "published_at": "2024-03-01T10:00:00Z",
            }
            for n in range(1, 6)
        ]
        self.feeds = [
            {
                "id": 7,
                "title": "Example",
                "feed_url": "http://example.org/feed.xml",
                "category": {"id": 1, "title": "world"},
            }
        ]


@pytest.fixture
def miniflux() -> Iterator[tuple[str, FakeMiniflux]]:
    state = FakeMiniflux()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: object = None) -> None:
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            if self.headers.get("X-Auth-Token") != TOKEN:
                self._answer(401, {"error_message": "Access Unauthorized"})
                return False
            return True

        def do_GET(self) -> None:
            if not self._authorised():
                return
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/v1/me":
                return self._answer(200, {"id": 1, "username": "reader"})
            if url.path == "/v1/feeds":
                return self._answer(200, state.feeds)
            if url.path == "/v1/entries":
                found = [e for e in state.entries if e["id"] > int(query.get("after_entry_id", 0))]
                if "status" in query:
                    found = [e for e in found if e["status"] == query["status"]]
                if query.get("starred") == "true":
                    found = [e for e in found if e["starred"]]
                found = found[: int(query.get("limit", 100))]
                return self._answer(200, {"total": len(found), "entries": found})
            self._answer(404, {"error_message": "not found"})

        def do_PUT(self) -> None:
            if not self._authorised():
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"null")
            if self.path == "/v1/entries":
                for entry in state.entries:
                    if entry["id"] in body["entry_ids"]:
                        entry["status"] = body["status"]
                return self._answer(204)
            if self.path.endswith("/bookmark"):
                number = int(self.path.split("/")[3])
                for entry in state.entries:
                    if entry["id"] == number:
                        entry["starred"] = not entry["starred"]
                return self._answer(204)
            self._answer(404, {"error_message": "not found"})

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()


def config(path: Path, url: str, token: str = TOKEN) -> str:
    path.write_text(f'[sync]\nservice = "miniflux"\nurl = "{url}"\ntoken = "{token}"\n')
    return str(path)


def test_miniflux_entries_state_and_bookmarks(
    miniflux: tuple[str, FakeMiniflux], tmp_path: Path, data_dir: Path
) -> None:
    url, state = miniflux
    settings = config(tmp_path / "c.toml", url)
    done = run_reader("--config", settings, "sync", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    with Store.open(data_dir) as store:
        assert store.articles.count() == 5
        assert store.articles.count(ArticleFilter(unread_only=True)) == 4
        assert store.sources.all()[0].tags == ["world"]
        first = store.articles.ids()[0]
        store.bookmarks.add(first)
    again = run_reader("--config", settings, "sync", "--json", data_dir=data_dir)
    assert json.loads(again.stdout)["sent"] == 1
    assert sum(e["starred"] for e in state.entries) == 1


def test_miniflux_wrong_token_is_refused(
    miniflux: tuple[str, FakeMiniflux], tmp_path: Path, data_dir: Path
) -> None:
    url, _ = miniflux
    done = run_reader(
        "--config", config(tmp_path / "c.toml", url, "nope"), "sync", data_dir=data_dir
    )
    assert done.returncode == 1 and "login refused" in done.stderr
