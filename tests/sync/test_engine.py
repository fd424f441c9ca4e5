"""The sync engine with a fake service: a failure half way keeps what was synced, and a change
is sent once and never lost."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from reader.storage import Store
from reader.sync.engine import run_sync
from reader.sync.service import RemoteFeed, RemoteItem, SyncError


class FakeService:
    name = "fake"

    def __init__(self, pages: list[list[RemoteItem]], fail_after: int | None = None) -> None:
        self.pages = pages
        self.fail_after = fail_after
        self.unread: set[str] = {item.id for page in pages for item in page}
        self.starred: set[str] = set()
        self.marks: list[tuple[list[str], str, bool]] = []

    def login(self) -> None:
        pass

    def feeds(self) -> list[RemoteFeed]:
        return [RemoteFeed("feed/1", "http://example.org/feed.xml", "Example", ["world"])]

    def items(self, since: int | None, known: Callable[[str], bool]) -> Iterator[list[RemoteItem]]:
        for number, page in enumerate(self.pages):
            if self.fail_after is not None and number >= self.fail_after:
                raise SyncError("example.org: HTTP 502 Bad Gateway")
            yield [item for item in page if not known(item.id)]

    def unread_ids(self) -> set[str]:
        return set(self.unread)

    def starred_ids(self) -> set[str]:
        return set(self.starred)

    def mark(self, ids: list[str], state: str, value: bool) -> None:
        self.marks.append((ids, state, value))
        target = self.unread if state == "read" else self.starred
        for item in ids:
            if (state == "read") == value:
                target.discard(item)
            else:
                target.add(item)

    def close(self) -> None:
        pass


def item(number: int) -> RemoteItem:
    return RemoteItem(
        str(number),
        "feed/1",
        f"Story {number}",
        f"http://example.org/{number}",
        f"<p>Text of story {number}.</p>",
        published="2024-03-01T10:00:00+00:00",
    )


def test_a_failure_half_way_keeps_the_pages_already_synced(store: Store) -> None:
    service = FakeService([[item(1), item(2)], [item(3)]], fail_after=1)
    with pytest.raises(SyncError):
        run_sync(store, service)
    assert store.articles.count() == 2
    assert store.sources.all()[0].tags == ["world"]
    service.fail_after = None
    report = run_sync(store, service)
    assert (report.new, store.articles.count()) == (1, 3)


def test_a_local_change_is_sent_once(store: Store) -> None:
    service = FakeService([[item(1), item(2)]])
    run_sync(store, service)
    first = store.articles.ids()[0]
    store.bookmarks.add(first)
    store.articles.set_read([first], True)
    report = run_sync(store, service)
    assert report.sent == 2 and len(service.marks) == 2
    assert run_sync(store, service).sent == 0 and len(service.marks) == 2
    assert store.articles.get(first).bookmarked  # type: ignore[union-attr]


def test_the_servers_state_is_not_queued_as_a_local_change(store: Store) -> None:
    service = FakeService([[item(1)]])
    run_sync(store, service)
    service.starred.add("1")
    service.unread.discard("1")
    report = run_sync(store, service)
    assert (report.read_changed, report.starred_changed) == (1, 1)
    assert run_sync(store, service).sent == 0  # nothing of the server's went back up
