"""One sync with an aggregator account, whatever its API:

1. local read and bookmark changes queued since the last sync go up (a change is forgotten only
   once the server took it, so it is never lost; one made again meanwhile stays queued);
2. subscriptions come down as feed sources, labels as tags;
3. new items come down incrementally (since the last sync, less a margin), matched to articles
   reader already has by their link, so syncing an existing database makes no duplicates; each
   page is stored in its own transaction, so a failure half way keeps what was synced;
4. read and starred state comes down for every synced article.

Local changes go up before the server's state comes down: an article changed on both sides
since the last sync keeps the local change (the Google Reader API gives no time for a state
change to compare).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.models import ArticleDraft
from reader.sources.htmltext import html_to_text, looks_like_html
from reader.sources.text import clean_text
from reader.storage import Store
from reader.storage.clock import now_iso
from reader.storage.connection import transaction
from reader.storage.sync import SyncTable
from reader.sync.service import RemoteFeed, RemoteItem, Service

MARGIN = 24 * 3600  # seconds: items a server crawled late still come down
LAST_SYNC = "sync:{service}:last"

Progress = Callable[[str], None]


@dataclass(slots=True)
class SyncReport:
    service: str
    sent: int = 0
    feeds: int = 0
    new_feeds: int = 0
    new: int = 0
    linked: int = 0  # items matched to articles reader already had
    read_changed: int = 0
    starred_changed: int = 0
    failed: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [
            f"{self.feeds} feeds ({self.new_feeds} new)",
            f"{self.new} new article{'s' if self.new != 1 else ''}",
            f"{self.sent} change{'s' if self.sent != 1 else ''} sent",
            f"{self.read_changed} read state{'s' if self.read_changed != 1 else ''} and"
            f" {self.starred_changed} star{'s' if self.starred_changed != 1 else ''} from the server",
        ]
        if self.linked:
            parts.append(f"{self.linked} matched to stored articles")
        return "synced: " + ", ".join(parts)

    def as_json(self) -> dict[str, object]:
        return {
            "service": self.service,
            "sent": self.sent,
            "feeds": self.feeds,
            "new_feeds": self.new_feeds,
            "new": self.new,
            "linked": self.linked,
            "read_changed": self.read_changed,
            "starred_changed": self.starred_changed,
        }


def run_sync(store: Store, service: Service, progress: Progress | None = None) -> SyncReport:
    say = progress or (lambda _message: None)
    table = SyncTable(store.db)
    report = SyncReport(service.name)
    started = int(time.time())
    say("logging in")
    service.login()
    _send_changes(table, service, report, say)
    say("subscriptions")
    sources = _sync_feeds(store, table, service, report)
    last = store.state.get(LAST_SYNC.format(service=service.name))
    since = int(last) - MARGIN if last and last.isdigit() else None
    say("new articles")

    def known(remote_id: str) -> bool:
        return table.article_for(service.name, remote_id) is not None

    for page in service.items(since, known):
        _store_items(store, table, service.name, page, sources, report)
        say(f"{report.new} new articles")
    say("read state")
    _apply_states(store, table, service, report)
    store.state.set(LAST_SYNC.format(service=service.name), str(started))
    return report


def _send_changes(table: SyncTable, service: Service, report: SyncReport, say: Progress) -> None:
    pending = table.pending(service.name)
    if not pending:
        return
    say(f"sending {len(pending)} changes")
    groups: dict[tuple[str, bool], list[str]] = {}
    for change in pending:
        groups.setdefault((change.field, change.value), []).append(change.remote_id)
    for (state, value), ids in groups.items():
        service.mark(ids, state, value)
    table.sent(pending)
    report.sent = len(pending)


def _sync_feeds(
    store: Store, table: SyncTable, service: Service, report: SyncReport
) -> dict[str, int]:
    """remote feed id -> source id, creating and tagging sources as the server lists them."""
    sources: dict[str, int] = {}
    for feed in service.feeds():
        source_id = table.source_for(service.name, feed.id) or _source_for_url(store, feed)
        if source_id is None:
            source = store.sources.add("feed", feed.url, feed.title, feed.tags)
            source_id = source.id
            report.new_feeds += 1
        else:
            _merge_tags(store, source_id, feed)
        table.link_source(service.name, feed.id, source_id)
        sources[feed.id] = source_id
    report.feeds = len(sources)
    return sources


def _source_for_url(store: Store, feed: RemoteFeed) -> int | None:
    existing = store.sources.by_url(feed.url) if feed.url else None
    return existing.id if existing is not None else None


def _merge_tags(store: Store, source_id: int, feed: RemoteFeed) -> None:
    source = store.sources.get(source_id)
    if source is not None and not set(feed.tags) <= set(source.tags):
        store.sources.add(source.kind, source.url, "", feed.tags)  # adds the missing tags


def _draft(item: RemoteItem) -> ArticleDraft:
    html = item.html
    text = (
        html_to_text(html, base_url=item.link or "") if looks_like_html(html) else clean_text(html)
    )
    return ArticleDraft(
        title=item.title or (item.link or "untitled"),
        text=text,
        guid=None if item.link else f"{item.id}",
        link=item.link,
        author=item.author,
        published=item.published,
        summary=text[:500],
        content=html,
    )


def _store_items(
    store: Store,
    table: SyncTable,
    service: str,
    items: list[RemoteItem],
    sources: dict[str, int],
    report: SyncReport,
) -> None:
    with transaction(store.db):
        for item in items:
            if table.article_for(service, item.id) is not None:
                continue
            source_id = sources.get(item.feed_id)
            if source_id is None:
                continue  # an item of a feed no longer subscribed
            known = table.article_by_link(source_id, item.link) if item.link else None
            if known is not None:
                table.link_article(service, item.id, known)
                report.linked += 1
                continue
            (result,) = store.articles.upsert_in_transaction(source_id, [_draft(item)])
            if result.status == "new":
                report.new += 1
                if item.read:  # as the server has it; before linking, so it is not queued
                    store.db.execute("UPDATE articles SET is_read = 1 WHERE id = ?", (result.id,))
            table.link_article(service, item.id, result.id)


def _apply_states(store: Store, table: SyncTable, service: Service, report: SyncReport) -> None:
    synced = table.remote_articles(service.name)
    unread = service.unread_ids()
    starred = service.starred_ids()
    local_unread = table.unread(synced.values())
    local_starred = table.bookmarked(synced.values())
    # changes made locally while this sync ran are sent next time, not overwritten now
    waiting = {change.article_id for change in table.pending(service.name)}
    to_read = [a for r, a in synced.items() if r not in unread and a in local_unread]
    to_unread = [a for r, a in synced.items() if r in unread and a not in local_unread]
    to_star = [a for r, a in synced.items() if r in starred and a not in local_starred]
    to_unstar = [a for r, a in synced.items() if r not in starred and a in local_starred]
    now = now_iso()
    with table.applying_server_state():
        report.read_changed += table.set_read_from_server(
            [a for a in to_read if a not in waiting], True
        )
        report.read_changed += table.set_read_from_server(
            [a for a in to_unread if a not in waiting], False
        )
        report.starred_changed += table.set_starred_from_server(
            [a for a in to_star if a not in waiting], True, now
        )
        report.starred_changed += table.set_starred_from_server(
            [a for a in to_unstar if a not in waiting], False, now
        )
