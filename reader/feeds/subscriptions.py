"""Subscribing: add (with feed discovery), remove, the config's feed list, OPML and newsboat
lists in and out, and the full text of one article from its page."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass, field

from reader.config import FeedConfig, FetchConfig
from reader.models import Source
from reader.sources.discovery import feed_links
from reader.sources.feedparse import FeedError, parse_feed
from reader.sources.htmltext import looks_like_html
from reader.sources.http import Fetcher, FetchError, check_scheme
from reader.sources.opml import Subscription
from reader.storage import Store


class SubscriptionError(Exception):
    """The subscription change cannot be made; the message says why."""


@dataclass(slots=True)
class Added:
    source: Source
    messages: list[str] = field(default_factory=list)  # what discovery did, or why it could not
    existed: bool = False  # the feed was subscribed already: its title is kept as it was


@dataclass(slots=True)
class Imported:
    added: list[Source] = field(default_factory=list)
    existing: list[Source] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # url, why


def sync_config_feeds(store: Store, feeds: list[FeedConfig]) -> list[Source]:
    """The config's [[feeds]] become sources (tags merged, titles kept if the config has none)."""
    return [store.sources.add("feed", feed.url, feed.title, feed.tags) for feed in feeds]


def add_feed(
    store: Store, url: str, settings: FetchConfig, title: str = "", tags: list[str] | None = None
) -> Added:
    """Subscribe to `url`. A web page is searched for its feeds and the first is taken. A host
    that cannot be reached now is still subscribed (refresh will say how it goes)."""
    try:
        check_scheme(url)
    except FetchError as error:
        raise SubscriptionError(f"{url}: {error}") from None
    existing = store.sources.by_url(url)
    if existing is None:
        feed_url, found_title, messages = asyncio.run(_discover(url, settings))
        existing = store.sources.by_url(feed_url)
    else:
        feed_url, found_title, messages = url, "", []
    if existing is not None:
        # A URL that leads (by a redirect or a page's link) to a feed we have is that feed:
        # re-adding never renames it; new tags are merged in.
        source = store.sources.add(existing.kind, existing.url, "", tags or [])
        return Added(source, messages, existed=True)
    source = store.sources.add("feed", feed_url, title or found_title, tags or [])
    return Added(source, messages)


async def _discover(url: str, settings: FetchConfig) -> tuple[str, str, list[str]]:
    async with Fetcher(settings) as fetcher:
        try:
            response = await fetcher.get(url)
        except FetchError as error:
            return url, "", [f"could not check {url} now ({error}); subscribed anyway"]
        target = response.permanent_url or url
        try:
            parsed = parse_feed(response.body, response.headers, response.url)
            return target, parsed.title, []
        except FeedError as error:
            text = response.body.decode("utf-8", errors="replace")
            if not _is_html(text, response.headers.get("content-type", "")):
                raise SubscriptionError(f"{url}: not a feed ({error})") from None
        links = feed_links(text, response.url)
        if not links:
            raise SubscriptionError(
                f"{url}: a web page that names no feed (no <link rel=alternate>)"
            )
        chosen = links[0]
        try:
            feed_response = await fetcher.get(chosen.url)
            parsed = parse_feed(feed_response.body, feed_response.headers, feed_response.url)
        except (FetchError, FeedError) as error:
            raise SubscriptionError(
                f"{url}: its feed {chosen.url} does not work: {error}"
            ) from None
        others = f" (the first of {len(links)})" if len(links) > 1 else ""
        label = chosen.title or parsed.title or chosen.type
        message = f"found the feed {chosen.url}{others} on the page: {label}"
        return feed_response.permanent_url or chosen.url, parsed.title, [message]


def _is_html(text: str, content_type: str) -> bool:
    if "html" in content_type.lower():
        return True
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or looks_like_html(text)


def find_source(store: Store, url_or_id: str) -> Source:
    source = (
        store.sources.get(int(url_or_id))
        if url_or_id.isdigit()
        else store.sources.by_url(url_or_id)
    )
    if source is None:
        raise SubscriptionError(f"no source {url_or_id!r} (see 'reader feeds')")
    return source


def remove_source(store: Store, url_or_id: str) -> tuple[Source, int]:
    source = find_source(store, url_or_id)
    try:
        return source, store.sources.remove(source.id)
    except sqlite3.IntegrityError:
        raise SubscriptionError(
            f"{source.title or source.url}: it holds bookmarked or noted articles; remove the"
            " bookmarks and notes first (nothing was deleted)"
        ) from None


def import_subscriptions(store: Store, subscriptions: list[Subscription]) -> Imported:
    result = Imported()
    for subscription in subscriptions:
        try:
            check_scheme(subscription.url)
        except FetchError as error:
            result.refused.append((subscription.url, str(error)))
            continue
        existed = store.sources.by_url(subscription.url) is not None
        source = store.sources.add("feed", subscription.url, subscription.title, subscription.tags)
        (result.existing if existed else result.added).append(source)
    return result


def subscriptions_of(store: Store) -> list[Subscription]:
    return [
        Subscription(source.url, source.title, list(source.tags))
        for source in store.sources.all()
        if source.kind == "feed"
    ]
