"""What every aggregator service offers reader, whatever its API: the records and the interface
the sync engine works with. Nothing here knows HTTP or SQLite."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol


class SyncError(Exception):
    """A sync that cannot go on; the message says which server and why, in one line."""


class LoginRefused(SyncError):
    """The server refused the user name, password or token."""


@dataclass(slots=True)
class RemoteFeed:
    id: str
    url: str
    title: str
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RemoteItem:
    id: str
    feed_id: str
    title: str
    link: str | None
    html: str
    author: str | None = None
    published: str | None = None  # ISO 8601
    read: bool | None = None  # as the item said, when the listing gives it
    starred: bool | None = None


class Service(Protocol):
    """One aggregator account. Ids are strings in the service's own form."""

    name: str

    def login(self) -> None: ...

    def feeds(self) -> list[RemoteFeed]: ...

    def items(self, since: int | None, known: Callable[[str], bool]) -> Iterator[list[RemoteItem]]:
        """Items in pages, all of them when since (a Unix time) is None; the ones known() says
        reader already has may be left out (an incremental sync fetches no content twice)."""
        ...

    def unread_ids(self) -> set[str]: ...

    def starred_ids(self) -> set[str]: ...

    def mark(self, ids: list[str], state: str, value: bool) -> None:
        """state is "read" or "starred"."""
        ...

    def close(self) -> None: ...
