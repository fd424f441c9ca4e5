"""Polite HTTP for feeds and pages: one shared httpx.AsyncClient, bounded concurrency per host,
conditional GET, a size cap enforced while streaming, redirects followed by hand (so a permanent
one can update the stored URL), and errors turned into one readable line."""

from __future__ import annotations

import asyncio
import email.utils
import os
import ssl
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.config import FetchConfig
from reader.sources.text import clean_line

if TYPE_CHECKING:
    import httpx

# httpx's __init__ imports its command-line client, httpx._main (click, pygments and rich:
# ~30 ms of a 0.4 s refresh), whenever those happen to be installed. We never run it; a None
# entry in sys.modules makes that one import fail, and httpx falls back to its own stub.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

USER_AGENT = f"reader/{__version__} (terminal news reader; +https://pypi.org/project/reader-tui/)"
ALLOWED_SCHEMES = ("http", "https")
PERMANENT = {301, 308}
REDIRECTS = {301, 302, 303, 307, 308}
RETRY_AFTER_MOST = timedelta(days=7)  # the longest a server's Retry-After parks a feed


class FetchError(Exception):
    """A fetch that failed; the message is what the user reads."""

    def __init__(self, message: str, retry_after: str | None = None) -> None:
        # Messages quote servers (reason phrases, exceptions, addresses): cleaned here, once.
        super().__init__(clean_line(message, 500))
        self.retry_after = retry_after


@dataclass(slots=True)
class Response:
    url: str  # where the content finally came from
    status: int
    headers: dict[str, str]
    body: bytes = b""
    permanent_url: str | None = None  # set when every redirect on the way was permanent

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_scheme(url: str) -> None:
    """Refuse what we must not or cannot fetch, in words: another scheme, a broken address
    (`http://[::1`, port 99999), control characters or spaces in it."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            shown = f"{scheme}:" if scheme else "no scheme"
            raise FetchError(f"refused: only http and https addresses are fetched ({shown})")
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise FetchError(f"not a valid address: {clean_line(str(error))}") from None
    if not parts.hostname:
        raise FetchError("not a valid address: no host name")
    if not url.isprintable() or any(c.isspace() for c in url):
        raise FetchError("not a valid address: it holds spaces or control characters")


def retry_after_time(value: str | None, now: datetime | None = None) -> str | None:
    """Retry-After as an ISO time: it is either seconds or an HTTP date."""
    if not value:
        return None
    now = now or datetime.now(UTC)
    value = value.strip()
    if value.isdigit():
        return (now + min(timedelta(seconds=int(value[:12])), RETRY_AFTER_MOST)).isoformat(
            timespec="seconds"
        )
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # a date is capped as a number is: "until 9999" would park the feed for ever
    moment = min(moment.astimezone(UTC), now + RETRY_AFTER_MOST)
    return moment.isoformat(timespec="seconds")


class Fetcher:
    """Use as `async with Fetcher(settings) as fetcher:`; `get` may be called concurrently."""

    def __init__(self, settings: FetchConfig) -> None:
        self.settings = settings
        self._client: httpx.AsyncClient | None = None
        self._all = asyncio.Semaphore(max(1, settings.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(max(1, settings.per_host))
        )

    async def __aenter__(self) -> Fetcher:
        import httpx

        self._client = httpx.AsyncClient(
            headers={
                "User-Agent": self.settings.user_agent or USER_AGENT,
                "Accept-Encoding": "gzip, deflate, br",
            },
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            limits=httpx.Limits(
                max_connections=max(1, self.settings.concurrency),
                max_keepalive_connections=max(1, self.settings.concurrency),
            ),
            trust_env=False,
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "application/rss+xml, application/atom+xml, application/feed+json,"
        " application/json, application/xml, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
    ) -> Response:
        """GET with redirects (at most max_redirects), conditional headers and the size cap."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, permanent, seen = url, True, {url}
        for _ in range(self.settings.max_redirects + 1):
            check_scheme(current)
            response = await self._get_once(current, headers)
            if response.status not in REDIRECTS:
                if current != url and permanent:
                    response.permanent_url = current
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status} redirect without a Location")
            permanent = permanent and response.status in PERMANENT
            current = urljoin(current, location)
            if current in seen:
                raise FetchError(f"redirect loop at {current}")
            seen.add(current)
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})")

    async def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        assert self._client is not None, "use Fetcher as an async context manager"
        import httpx

        host = urlsplit(url).netloc.lower()
        timeout = self.settings.timeout
        async with self._all, self._hosts[host]:
            try:
                # httpx's timeout bounds each read; this bounds the whole request, so a server
                # dripping a byte a second (headers or body) cannot hold a refresh
                async with asyncio.timeout(timeout), self._client.stream(
                    "GET", url, headers=headers
                ) as streamed:
                    status = streamed.status_code
                    response_headers = {k.lower(): v for k, v in streamed.headers.items()}
                    if status in REDIRECTS or status == 304:
                        # read the (empty or tiny) body so the connection goes back to the pool
                        await self._read_capped(streamed)
                        return Response(str(streamed.url), status, response_headers)
                    if status >= 400:
                        raise _http_error(status, streamed.reason_phrase, response_headers)
                    body = await self._read_capped(streamed)
                    return Response(str(streamed.url), status, response_headers, body)
            except TimeoutError:
                raise FetchError(f"timed out after {timeout:g} s") from None
            except httpx.HTTPError as error:
                raise FetchError(_describe(error, timeout)) from None
            except httpx.InvalidURL as error:
                raise FetchError(f"not a valid address: {clean_line(str(error))}") from None
            except ssl.SSLError as error:
                raise FetchError(f"TLS error: {clean_line(str(error.reason or error))}") from None

    async def _read_capped(self, streamed: httpx.Response) -> bytes:
        limit = self.settings.max_size
        declared = streamed.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"response too large: {int(declared):,} bytes (limit {limit:,})")
        chunks: list[bytes] = []
        size = 0
        # aiter_bytes yields decompressed bytes: a gzip bomb hits the cap as it inflates.
        async for chunk in streamed.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"response too large: over {limit:,} bytes after decompression")
            chunks.append(chunk)
        return b"".join(chunks)


def _http_error(status: int, reason: str, headers: dict[str, str]) -> FetchError:
    retry_after = retry_after_time(headers.get("retry-after")) if status in (429, 503) else None
    # the reason phrase is the server's text: "500 Bad\x1b[2J" must not clear a screen
    message = f"HTTP {status} {clean_line(reason, 80)}".strip()
    if retry_after:
        message += f" (retry after {retry_after})"
    return FetchError(message, retry_after)


def _os_reason(error: BaseException) -> str | None:
    """The operating system's words ("Connection refused") under httpx's own wrappers."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and (current.errno or current.strerror):
            code = current.errno or 0
            return os.strerror(code) if code > 0 else clean_line(current.strerror or "")
        current = current.__cause__ or current.__context__
    return None


def _describe(error: Exception, timeout: float) -> str:
    import httpx

    if isinstance(error, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    if isinstance(error, httpx.ConnectError):
        reason = _os_reason(error) or str(error) or "connection failed"
        if "refused" in reason.lower():
            return "cannot connect: connection refused"
        if "name" in reason.lower() or "resolve" in reason.lower():
            return f"cannot connect: host not found ({reason})"
        return f"cannot connect: {reason}"
    if isinstance(error, httpx.DecodingError):
        return f"cannot decode the response: {error}"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke the connection: {error}"
    return f"network error: {error}"
