"""The Google Reader API, as FreshRSS, Miniflux, Inoreader, The Old Reader and others serve it:
ClientLogin, a write token, subscription/list, stream/items/ids and stream/items/contents with
continuation, and edit-tag for read and starred."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from reader.config import FetchConfig
from reader.sources.text import clean_line
from reader.sync.http import ServerSession
from reader.sync.service import LoginRefused, RemoteFeed, RemoteItem, SyncError

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
STATES = {"read": READ, "starred": STARRED}
LONG_ID_PREFIX = "tag:google.com,2005:reader/item/"
PAGE = 1000  # ids per stream/items/ids call
CONTENTS_PAGE = 100  # items per stream/items/contents call
DEFAULT_LABELS = {"Uncategorized"}  # FreshRSS's "no label" folder, not a tag a user chose


def short_id(item_id: str) -> str:
    """Items are named by a long hex form in contents and a decimal form in id lists: one
    decimal string for both."""
    if item_id.startswith(LONG_ID_PREFIX):
        return str(int(item_id[len(LONG_ID_PREFIX) :], 16))
    return str(int(item_id))


class GoogleReader:
    name = "greader"

    def __init__(self, url: str, user: str, password: str, settings: FetchConfig) -> None:
        self._session = ServerSession(url, settings)
        self._user, self._password = user, password
        self._auth = ""
        self._token = ""

    # -- plumbing ------------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"GoogleLogin auth={self._auth}"}

    def _get(self, path: str, params: dict[str, Any] | list[tuple[str, Any]]) -> Any:
        return self._session.json("GET", path, params=params, headers=self._headers())

    def _post(self, path: str, data: dict[str, str | list[str]]) -> str:
        if not self._token:
            self._token = self._session.request(
                "GET", "/reader/api/0/token", headers=self._headers()
            ).text.strip()
        response = self._session.request(
            "POST", path, data={**data, "T": self._token}, headers=self._headers()
        )
        return response.text

    # -- the interface ---------------------------------------------------------------------------
    def login(self) -> None:
        try:
            response = self._session.request(
                "POST",
                "/accounts/ClientLogin",
                data={"Email": self._user, "Passwd": self._password},
            )
        except LoginRefused:
            raise LoginRefused(
                f"{self._session.host}: login refused for user {self._user!r}"
                " (check sync.user and the API password)"
            ) from None
        for line in response.text.splitlines():
            if line.startswith("Auth="):
                self._auth = line[len("Auth=") :].strip()
        if not self._auth:
            raise SyncError(f"{self._session.host}: ClientLogin gave no Auth token")

    def feeds(self) -> list[RemoteFeed]:
        listing = self._get("/reader/api/0/subscription/list", {"output": "json"})
        feeds = []
        for entry in listing.get("subscriptions", []):
            labels = [
                clean_line(str(category.get("label", "")))
                for category in entry.get("categories", [])
            ]
            feeds.append(
                RemoteFeed(
                    id=str(entry["id"]),
                    url=clean_line(str(entry.get("url", ""))),
                    title=clean_line(str(entry.get("title", ""))),
                    tags=[label for label in labels if label and label not in DEFAULT_LABELS],
                )
            )
        return feeds

    def _ids(self, stream: str, exclude: str | None = None, since: int | None = None) -> list[str]:
        ids: list[str] = []
        continuation = ""
        while True:
            params: list[tuple[str, Any]] = [("s", stream), ("n", PAGE), ("output", "json")]
            if exclude:
                params.append(("xt", exclude))
            if since is not None:
                params.append(("ot", since))
            if continuation:
                params.append(("c", continuation))
            page = self._get("/reader/api/0/stream/items/ids", params)
            ids += [short_id(str(ref["id"])) for ref in page.get("itemRefs") or []]
            continuation = str(page.get("continuation") or "")
            if not continuation or not page.get("itemRefs"):
                return ids

    def items(self, since: int | None, known: Callable[[str], bool]) -> Iterator[list[RemoteItem]]:
        wanted = [item for item in self._ids(READING_LIST, since=since) if not known(item)]
        for start in range(0, len(wanted), CONTENTS_PAGE):
            chunk = wanted[start : start + CONTENTS_PAGE]
            response = self._session.json(
                "POST",
                "/reader/api/0/stream/items/contents",
                params={"output": "json"},
                data={"i": chunk},
                headers=self._headers(),
            )
            yield [_item(raw) for raw in response.get("items", [])]

    def unread_ids(self) -> set[str]:
        return set(self._ids(READING_LIST, exclude=READ))

    def starred_ids(self) -> set[str]:
        return set(self._ids(STARRED))

    def mark(self, ids: list[str], state: str, value: bool) -> None:
        tag = STATES[state]
        for start in range(0, len(ids), 100):
            chunk = ids[start : start + 100]
            answer = self._post(
                "/reader/api/0/edit-tag",
                {"i": chunk, ("a" if value else "r"): tag},
            )
            if answer.strip() != "OK":
                raise SyncError(
                    f"{self._session.host}: edit-tag answered {clean_line(answer)[:60]!r}"
                )

    def close(self) -> None:
        self._session.close()


def _item(raw: dict[str, Any]) -> RemoteItem:
    links = raw.get("canonical") or raw.get("alternate") or []
    link = clean_line(str(links[0].get("href", ""))) if links else ""
    body = raw.get("content") or raw.get("summary") or {}
    published = raw.get("published")
    categories = set(raw.get("categories") or [])
    return RemoteItem(
        id=short_id(str(raw["id"])),
        feed_id=str((raw.get("origin") or {}).get("streamId", "")),
        title=clean_line(str(raw.get("title", ""))),
        link=link or None,
        html=str(body.get("content", "")),
        author=clean_line(str(raw.get("author", ""))) or None,
        published=(
            datetime.fromtimestamp(int(published), UTC).isoformat()
            if isinstance(published, int | float | str) and str(published).isdigit()
            else None
        ),
        read=any(c.endswith("/state/com.google/read") for c in categories),
        starred=any(c.endswith("/state/com.google/starred") for c in categories),
    )
