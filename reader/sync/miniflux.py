"""Miniflux's REST API (https://miniflux.app/docs/api.html): /v1/me to log in, /v1/feeds,
/v1/entries (paged by after_entry_id), PUT /v1/entries for read/unread and
PUT /v1/entries/{id}/bookmark, which toggles, for starred."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from typing import Any

from reader.config import FetchConfig
from reader.sources.text import clean_line
from reader.sync.http import ServerSession
from reader.sync.service import LoginRefused, RemoteFeed, RemoteItem

PAGE = 250


class Miniflux:
    name = "miniflux"

    def __init__(
        self, url: str, token: str, user: str, password: str, settings: FetchConfig
    ) -> None:
        self._session = ServerSession(url, settings)
        if token:
            self._headers = {"X-Auth-Token": token}
        else:
            pair = base64.b64encode(f"{user}:{password}".encode()).decode()
            self._headers = {"Authorization": f"Basic {pair}"}
        self._last_entry = 0

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._session.json(method, path, headers=self._headers, **kwargs)

    def login(self) -> None:
        try:
            self._json("GET", "/v1/me")
        except LoginRefused:
            raise LoginRefused(
                f"{self._session.host}: login refused (check sync.token, or sync.user and"
                " sync.password)"
            ) from None

    def feeds(self) -> list[RemoteFeed]:
        feeds = []
        for feed in self._json("GET", "/v1/feeds"):
            category = (feed.get("category") or {}).get("title", "")
            tags = [clean_line(str(category))] if category and category != "All" else []
            feeds.append(
                RemoteFeed(
                    id=str(feed["id"]),
                    url=clean_line(str(feed.get("feed_url", ""))),
                    title=clean_line(str(feed.get("title", ""))),
                    tags=[tag for tag in tags if tag],
                )
            )
        return feeds

    def _entries(self, **filters: Any) -> Iterator[list[dict[str, Any]]]:
        after = 0
        while True:
            params = {"limit": PAGE, "order": "id", "direction": "asc", **filters}
            if after:
                params["after_entry_id"] = after
            page = self._json("GET", "/v1/entries", params=params).get("entries") or []
            if not page:
                return
            yield page
            after = max(int(entry["id"]) for entry in page)
            if len(page) < PAGE:
                return

    def items(self, since: int | None, known: Callable[[str], bool]) -> Iterator[list[RemoteItem]]:
        filters = {"changed_after": since} if since is not None else {}
        for page in self._entries(**filters):  # entries come with their content: nothing to skip
            yield [_item(entry) for entry in page if not known(str(entry["id"]))]

    def unread_ids(self) -> set[str]:
        return {str(e["id"]) for page in self._entries(status="unread") for e in page}

    def starred_ids(self) -> set[str]:
        return {str(e["id"]) for page in self._entries(starred="true") for e in page}

    def mark(self, ids: list[str], state: str, value: bool) -> None:
        if state == "read":
            self._session.request(
                "PUT",
                "/v1/entries",
                json_body={
                    "entry_ids": [int(i) for i in ids],
                    "status": "read" if value else "unread",
                },
                headers=self._headers,
            )
            return
        # the bookmark endpoint toggles: only entries not already as wanted are toggled
        starred_now = self.starred_ids()
        for item in ids:
            if (item in starred_now) != value:
                self._session.request("PUT", f"/v1/entries/{item}/bookmark", headers=self._headers)

    def close(self) -> None:
        self._session.close()


def _item(entry: dict[str, Any]) -> RemoteItem:
    return RemoteItem(
        id=str(entry["id"]),
        feed_id=str(entry.get("feed_id", "")),
        title=clean_line(str(entry.get("title", ""))),
        link=clean_line(str(entry.get("url", ""))) or None,
        html=str(entry.get("content", "")),
        author=clean_line(str(entry.get("author", ""))) or None,
        published=str(entry.get("published_at") or "") or None,
        read=entry.get("status") == "read",
        starred=bool(entry.get("starred")),
    )
