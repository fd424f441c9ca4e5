"""The refresh engine: every feed fetched concurrently through one Fetcher, parsed off the event
loop, stored one transaction per source. It reports progress through a callback and knows nothing
of Rich or Textual; the CLI and the TUI each draw it their own way."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from reader.config import FetchConfig, Settings
from reader.models import Source
from reader.processes import die_with_parent, stderr_with_a_descriptor
from reader.sources.feedparse import FeedError, ParsedFeed, parse_feed
from reader.sources.http import Fetcher, FetchError
from reader.storage import FetchState, Store

# A source that keeps failing is tried less often: after 3 failures in a row, wait
# 30 min, doubling per further failure, at most a day.
BACKOFF_AFTER = 3
BACKOFF_FIRST = timedelta(minutes=30)
BACKOFF_MOST = timedelta(days=1)


@dataclass(slots=True)
class Outcome:
    """What happened to one source."""

    source_id: int
    title: str
    url: str
    status: str  # "refreshed" | "not-modified" | "failed" | "waiting"
    new: int = 0
    updated: int = 0
    message: str = ""  # the error, the bozo warning, or why the source waits


@dataclass(slots=True)
class RefreshSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def new(self) -> int:
        return sum(outcome.new for outcome in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    def line(self) -> str:
        parts = [
            f"{self.count('refreshed')} refreshed",
            f"{self.new} new article{'s' if self.new != 1 else ''}",
            f"{self.count('not-modified')} not modified",
            f"{len(self.failed)} failed",
        ]
        if self.count("waiting"):
            parts.append(f"{self.count('waiting')} waiting (backing off)")
        return ", ".join(parts)


ProgressCallback = Callable[[Outcome, int, int], None]  # outcome, done, total

# Below this many feeds, starting worker processes costs more than it saves.
PROCESS_POOL_FROM = 8
def make_parse_pool(feeds: int, threads_running: bool = False) -> Executor:
    """feedparser is pure Python: only processes parse in parallel. The CLI forks (cheap, and
    nothing else runs yet); a process with threads (the TUI) must not fork, so it uses a
    forkserver, started clean."""
    if feeds < PROCESS_POOL_FROM or (os.cpu_count() or 1) < 2:
        return ThreadPoolExecutor(max_workers=2, thread_name_prefix="parse")
    workers = min(os.cpu_count() or 2, 4)
    if threads_running:
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(
            ["feedparser", "selectolax.lexbor", "reader.sources.feedparse"]
        )
        with stderr_with_a_descriptor():  # the pool's queues start the resource tracker
            pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=server, initializer=die_with_parent
            )
            pool.submit(int).result()  # and its first task the forkserver and the workers
        return pool
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=die_with_parent,
    )
    # A fork pool starts every worker at its first task: start them now, while this process has
    # no threads yet. They import the parser only when a feed needs parsing (a run of 304s never
    # pays for it).
    pool.submit(int).result()
    return pool


async def _all_or_none(tasks: Sequence[asyncio.Future[Outcome]]) -> list[Outcome]:
    """Every outcome; or, when one task raises (the disk is full), the others cancelled and
    awaited first. With a bare gather they ran on against a closed client and stored "client
    has been closed" as the error of sources that had nothing wrong."""
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def backoff_until(source: Source) -> datetime | None:
    """When a failing source may be tried again: the server's Retry-After, else our backoff."""
    waits: list[datetime] = []
    if source.retry_after:
        with contextlib.suppress(ValueError):
            waits.append(datetime.fromisoformat(source.retry_after))
    if source.error_count >= BACKOFF_AFTER and source.last_refresh:
        try:
            last = datetime.fromisoformat(source.last_refresh)
        except ValueError:
            last = None
        if last is not None:
            delay = min(BACKOFF_FIRST * 2 ** (source.error_count - BACKOFF_AFTER), BACKOFF_MOST)
            waits.append(last + delay)
    return max(waits) if waits else None


def run_refresh(
    store: Store,
    settings: Settings,
    sources: list[Source],
    on_progress: ProgressCallback | None = None,
    *,
    force: bool = False,
    threads_running: bool = False,
    while_running: AbstractContextManager[object] | None = None,
) -> tuple[RefreshSummary, int]:
    """A whole refresh as the CLI and the TUI run it: the parse pool, the run, and the clean-up
    of articles older than [storage] keep_days. Returns the summary and how many went.
    `while_running` (a progress bar, say) is entered only once the pool exists: a fork pool
    must start before any thread does."""
    pool = make_parse_pool(len(sources), threads_running)
    try:
        with while_running or nullcontext():
            refresher = Refresher(
                store, settings.fetch, on_progress, pool, force, settings.storage.keep_days
            )
            summary = refresher.run(sources)
    finally:
        pool.shutdown(cancel_futures=True)
    return summary, clean_up(store, settings.storage.keep_days)


def keep_cutoff(keep_days: int, now: datetime | None = None) -> str | None:
    """The oldest date `[storage] keep_days` keeps, as an ISO date; None keeps everything."""
    if keep_days <= 0:
        return None
    return ((now or datetime.now(UTC)) - timedelta(days=keep_days)).date().isoformat()


def clean_up(store: Store, keep_days: int) -> int:
    """Drop articles older than keep_days (bookmarked and noted ones stay); returns how many."""
    cutoff = keep_cutoff(keep_days)
    return store.articles.delete_older_than(cutoff) if cutoff else 0


class Refresher:
    """One refresh run. `force` ignores backoff (sources the user named). Entries older than
    `keep_days` are not stored, so a clean-up does not bring them back as new."""

    def __init__(
        self,
        store: Store,
        settings: FetchConfig,
        on_progress: ProgressCallback | None = None,
        parse_pool: Executor | None = None,
        force: bool = False,
        keep_days: int = 0,
    ) -> None:
        self.store = store
        self.settings = settings
        self.on_progress = on_progress
        self.parse_pool = parse_pool
        self.force = force
        self.cutoff = keep_cutoff(keep_days)
        self._done = 0
        self._total = 0

    def run(self, sources: list[Source]) -> RefreshSummary:
        return asyncio.run(self.refresh(sources))

    async def refresh(self, sources: list[Source]) -> RefreshSummary:
        feeds = [source for source in sources if source.kind == "feed"]
        self._done, self._total = 0, len(feeds)
        summary = RefreshSummary()
        own_pool = self.parse_pool is None
        pool = self.parse_pool or make_parse_pool(len(feeds))
        try:
            async with Fetcher(self.settings) as fetcher:
                tasks = [
                    asyncio.ensure_future(self._refresh_one(fetcher, pool, source))
                    for source in feeds
                ]
                summary.outcomes.extend(await _all_or_none(tasks))
        finally:
            if own_pool:
                pool.shutdown(wait=False, cancel_futures=True)
        return summary

    async def _refresh_one(self, fetcher: Fetcher, pool: Executor, source: Source) -> Outcome:
        """One source. An error here is not the source's (a full disk, a closed database):
        it ends the whole run, and _all_or_none stops the others before the client closes."""
        outcome = await self._attempt(fetcher, pool, source)
        self._done += 1
        if self.on_progress is not None:
            self.on_progress(outcome, self._done, self._total)
        return outcome

    async def _attempt(self, fetcher: Fetcher, pool: Executor, source: Source) -> Outcome:
        title = source.title or source.url
        waiting = None if self.force else backoff_until(source)
        if waiting is not None and waiting > datetime.now(UTC):
            reason = f"{source.error_count} failures in a row" if source.error_count else "asked"
            return Outcome(
                source.id,
                title,
                source.url,
                "waiting",
                message=f"waiting until {waiting.isoformat(timespec='minutes')} ({reason})",
            )
        try:
            response = await fetcher.get(source.url, source.etag, source.last_modified)
            if response.not_modified:
                self.store.sources.record_fetch(
                    source.id, FetchState(new_url=response.permanent_url)
                )
                return Outcome(source.id, title, source.url, "not-modified")
            loop = asyncio.get_running_loop()
            parsed: ParsedFeed = await loop.run_in_executor(
                pool, parse_feed, response.body, response.headers, response.url
            )
        except (FetchError, FeedError) as error:
            return self._failed(source, title, str(error), getattr(error, "retry_after", None))
        except sqlite3.Error:
            raise  # the database's trouble (a full disk), not this source's: stop the run
        except Exception as error:  # one broken source must not stop the others
            return self._failed(source, title, f"unexpected {type(error).__name__}: {error}", None)
        state = FetchState(
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            new_url=response.permanent_url,
            title=parsed.title or None,
        )
        entries = parsed.entries
        if self.cutoff is not None:
            cutoff = self.cutoff
            entries = [e for e in entries if not e.published or e.published[:10] >= cutoff]
        results = self.store.save_feed(source.id, entries, state)
        return Outcome(
            source.id,
            source.title or parsed.title or source.url,
            source.url,
            "refreshed",
            new=sum(1 for r in results if r.status == "new"),
            updated=sum(1 for r in results if r.status == "updated"),
            message=parsed.warning or "",
        )

    def _failed(self, source: Source, title: str, message: str, retry_after: str | None) -> Outcome:
        self.store.sources.record_fetch(
            source.id, FetchState(error=message, retry_after=retry_after)
        )
        return Outcome(source.id, title, source.url, "failed", message=message)
