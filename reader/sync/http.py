"""One HTTP session with an aggregator server: our client settings ([fetch] timeout, size cap,
user agent), and every failure turned into a one-line SyncError that names the server."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reader.config import FetchConfig
from reader.sources.http import USER_AGENT
from reader.sources.text import clean_line
from reader.sync.service import LoginRefused, SyncError

if TYPE_CHECKING:
    import httpx


class ServerSession:
    def __init__(self, base_url: str, settings: FetchConfig) -> None:
        import httpx

        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SyncError(f"sync.url must be an http(s) URL, got {base_url!r}")
        self.base = base_url.rstrip("/")
        self.host = parts.netloc
        self.max_size = settings.max_size
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent or USER_AGENT},
            timeout=httpx.Timeout(settings.timeout or 20.0),
            follow_redirects=True,
            trust_env=False,
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        data: Any = None,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        import httpx

        try:
            with self._client.stream(
                method,
                self.base + path,
                params=params,
                data=data,
                json=json_body,
                headers=headers,
            ) as response:
                body = b""
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_size:
                        raise SyncError(f"{self.host}: answer over {self.max_size:,} bytes")
                response._content = body  # read once, within the cap
        except httpx.TimeoutException:
            raise SyncError(f"{self.host}: timed out") from None
        except httpx.HTTPError as error:
            raise SyncError(
                f"{self.host}: {clean_line(str(error)) or type(error).__name__}"
            ) from None
        if response.status_code in (401, 403):
            raise LoginRefused(f"{self.host}: login refused (HTTP {response.status_code})")
        if response.status_code >= 400:
            reason = clean_line(response.reason_phrase)[:80]
            raise SyncError(f"{self.host}: HTTP {response.status_code} {reason}".rstrip())
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.request(method, path, **kwargs)
        try:
            return json.loads(response.content)
        except ValueError:
            raise SyncError(f"{self.host}: {path} did not answer JSON") from None

    def close(self) -> None:
        self._client.close()
