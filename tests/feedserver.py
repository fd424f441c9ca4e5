"""A real HTTP server on 127.0.0.1 for the feed tests: each route is a small function, so a test
says exactly what the server answers (status, headers, body, slowness)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body
    endless: bool = False  # keep sending until the client gives up
    reason: str | None = None  # the status line's reason phrase (default: the standard one)


Route = Callable[[dict[str, str]], Reply]  # request headers (lower-case) -> reply


@dataclass
class FeedServer:
    base: str
    routes: dict[str, Route]
    log: list[tuple[str, int, dict[str, str]]]

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, route: Route | Reply) -> str:
        self.routes[path] = route if callable(route) else (lambda _h, r=route: r)
        return self.url(path)

    def statuses(self, path: str) -> list[int]:
        return [status for p, status, _ in self.log if p == path]


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    routes: dict[str, Route] = {}
    log: list[tuple[str, int, dict[str, str]]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as two writes

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            route = routes.get(self.path)
            reply = route(headers) if route else Reply(404, b"not here")
            log.append((self.path, reply.status, headers))
            self.send_response(reply.status, reply.reason)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if reply.endless:
                self.send_header("Content-Type", "application/rss+xml")
                self.end_headers()
                try:
                    while True:
                        self.wfile.write(b"<!-- " + b"x" * 65536 + b" -->")
                except (BrokenPipeError, ConnectionResetError):
                    return
            if "content-length" not in {k.lower() for k in reply.headers}:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.delay:
                time.sleep(reply.delay)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128  # the default 5 drops SYNs under load: 1 s retransmits

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FeedServer(f"http://127.0.0.1:{server.server_address[1]}", routes, log)
    finally:
        server.shutdown()
        server.server_close()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """RSS 2.0 with (guid, title, description) items."""
    body = "".join(
        f"<item><guid>{g}</guid><title>{t}</title><link>http://example.org/{g}</link>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>{d}</description></item>"
        for g, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.org/</link><description>d</description>{body}</channel></rss>"
    ).encode()
