"""Analysing every stored article and keeping the index across articles up to date.

Articles with no analysis under the current rules (or whose text or date changed since) are
analysed newest first, in worker processes when there are many, and each is written to the
analysis cache and the entity index as it finishes: a crash or a quit loses at most the articles
in flight, and the next run carries on. A failed article records its reason and the rest go on.
One runner per data dir at a time (a lock file); others wait for it or leave it the work.

`python -m reader.analysis.background DATA_DIR BACKEND` is the detached runner the CLI starts
after an import or a refresh, so the command answers at once.
"""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from reader.analysis.backend import Backend
from reader.analysis.calendar import period, split_range
from reader.analysis.model import ENTITY_KINDS, Analysis
from reader.models import parse_iso_day
from reader.processes import die_with_parent, stderr_with_a_descriptor
from reader.storage import Store
from reader.storage.entities import IndexedEntity, IndexedFact, PendingArticle

# Fewer articles than this are analysed in this process: a worker's model load costs more.
PARALLEL_FROM = 16
LOCK_FILE = "analysis.lock"
NOT_EVENTS = {"date", "range", "count", "money", "percent", "quantity", "ordinal"}

Progress = Callable[[int, int], None]  # (finished, total)


@dataclass(slots=True)
class RunReport:
    analysed: int = 0
    failed: int = 0
    stopped: bool = False
    busy: bool = False  # another process holds the lock: it does the work


@dataclass(slots=True, frozen=True)
class Job:
    article: PendingArticle
    text: str
    cached: str | None  # the model's output stored earlier (only the date changed)


@dataclass(slots=True, frozen=True)
class Outcome:
    article: PendingArticle
    parsed: str | None
    finished: str | None
    error: str | None


def index_rows(text: str, analysis: Analysis) -> tuple[list[IndexedEntity], list[IndexedFact]]:
    """What the index keeps of one analysis."""
    entities = [
        IndexedEntity(
            name=e.name,
            kind=e.kind,
            mentions=len(e.mentions),
            first_offset=min((m.start for m in e.mentions), default=0),
            aliases=sorted({m.text for m in e.mentions}),
        )
        for e in analysis.entities
        if e.kind in ENTITY_KINDS
    ]
    dated_event_sentences = {
        f.sentence.start for f in analysis.facts if f.kind not in NOT_EVENTS and f.when
    }
    facts = []
    for fact in analysis.facts:
        start, end = split_range(fact.when, fact.end_value)
        place = period(fact.when, fact.end_value)
        is_event = fact.kind not in NOT_EVENTS
        plain_date = fact.kind in ("date", "range")
        on_agenda = place is not None and (
            is_event or (plain_date and fact.sentence.start not in dated_event_sentences)
        )
        facts.append(
            IndexedFact(
                kind=fact.kind,
                text=fact.text,
                date=start,
                end_date=end,
                sort_start=place.start.isoformat() if place else None,
                sort_end=place.end.isoformat() if place else None,
                precision=place.precision if place else None,
                on_agenda=on_agenda,
                who=list(fact.who),
                where=list(fact.where),
                state=fact.state,
                sentence_start=fact.sentence.start,
                sentence_end=fact.sentence.end,
                sentence=text[fact.sentence.start : fact.sentence.end].strip(),
            )
        )
    return entities, facts


def analyse_job(job: Job, backend: Backend) -> Outcome:
    """The model (unless cached) and the rules for one article; never raises for the article's
    own sake, so one bad article cannot stop the rest."""
    from reader.analysis.service import interpret, parsed_from_json, parsed_to_json

    try:
        parsed = parsed_from_json(job.cached) if job.cached else backend.parse(job.text)
        analysis = interpret(job.text, parsed, parse_iso_day(job.article.published))
        finished = json.dumps(analysis.to_json(), ensure_ascii=False, separators=(",", ":"))
        return Outcome(job.article, job.cached or parsed_to_json(parsed), finished, None)
    except Exception as error:  # the reason is recorded on the article
        return Outcome(job.article, None, None, f"{type(error).__name__}: {error}"[:500])


_worker_backend: Backend | None = None


def _worker_init(backend_name: str) -> None:
    global _worker_backend
    die_with_parent()  # a killed runner leaves no worker holding the database
    from reader.analysis.service import make_backend

    _worker_backend = make_backend(backend_name)


def _in_worker(job: Job) -> Outcome:
    assert _worker_backend is not None
    return analyse_job(job, _worker_backend)


def save_outcome(store: Store, version: str, outcome: Outcome) -> bool:
    """The finished analysis into the cache (opening the article is then instant) and the
    index; a failure records its reason. False when it failed."""
    article = outcome.article
    if outcome.error is not None or outcome.finished is None or outcome.parsed is None:
        store.entities.record(article, version, None, None, outcome.error or "no result")
        return False
    analysis = Analysis.from_json(json.loads(outcome.finished))
    stored = store.articles.get(article.id)
    if stored is None or stored.content_hash != article.content_hash:
        return True  # changed while it was analysed: the next run picks it up
    store.analyses.put(
        article.content_hash, version, outcome.parsed, outcome.finished, stored.reference_key
    )
    entities, facts = index_rows(stored.text, analysis)
    store.entities.record(article, version, entities, facts)
    return True


class AnalysisRunner:
    """Brings one data dir's analyses and index up to date."""

    def __init__(
        self,
        data_dir: Path,
        backend_name: str = "spacy",
        backend: Backend | None = None,
        jobs: int = 0,
    ) -> None:
        self.data_dir = data_dir
        self.backend_name = backend_name
        self._backend = backend
        # A backend handed in (tests, the app's own) is used here; else workers load their own.
        # Not "a backend exists": version() makes one, and that must not keep the pool away.
        self._backend_given = backend is not None
        self.jobs = jobs or min(os.cpu_count() or 1, 4)

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            from reader.analysis.backend import SpacyBackend

            # the model loads at the first parse; the rules are not imported here at all
            self._backend = SpacyBackend()
        return self._backend

    def version(self) -> str:
        from reader.analysis.version import analyser_version

        return analyser_version(self.backend)  # cheap: no model, no rules imported

    def run(
        self,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
        wait: bool = False,
        in_process: bool | None = None,
    ) -> RunReport:
        """Analyse what is pending. Without `wait`, leave the work to a runner already at it."""
        report = RunReport()
        with _runner_lock(self.data_dir, wait, self._waiting(progress)) as held:
            if not held:
                report.busy = True
                return report
            with Store.open(self.data_dir) as store:
                self._run_locked(store, report, progress, should_stop, in_process)
        return report

    def _waiting(self, progress: Progress | None) -> Callable[[], None]:
        """While another process holds the lock: report its progress from the database."""

        def poll() -> None:
            if progress is None:
                return
            with Store.open(self.data_dir) as store:
                state = store.entities.progress(self.version())
            progress(state.done + state.failed, state.total)

        return poll

    def _run_locked(
        self,
        store: Store,
        report: RunReport,
        progress: Progress | None,
        should_stop: Callable[[], bool] | None,
        in_process: bool | None,
    ) -> None:
        version = self.version()
        pending = store.entities.pending(version)
        total = len(pending)
        if progress is not None:
            progress(0, total)
        if not pending:
            return
        jobs = (self._job(store, version, a) for a in pending)
        local = (
            in_process
            if in_process is not None
            else (self._backend_given or total < PARALLEL_FROM or self.jobs <= 1)
        )
        outcomes = self._local(jobs) if local else self._pool(jobs, min(self.jobs, total))
        try:
            for outcome in outcomes:
                if save_outcome(store, version, outcome):
                    report.analysed += 1
                else:
                    report.failed += 1
                if progress is not None:
                    progress(report.analysed + report.failed, total)
                if should_stop is not None and should_stop():
                    report.stopped = True
                    break
        finally:
            close = getattr(outcomes, "close", None)
            if close is not None:
                close()

    def _job(self, store: Store, version: str, pending: PendingArticle) -> Job:
        article = store.articles.get(pending.id)
        text = article.text if article is not None else ""
        return Job(pending, text, store.analyses.get(pending.content_hash, version))

    def _local(self, jobs: Iterator[Job]) -> Iterator[Outcome]:
        for job in jobs:
            yield analyse_job(job, self.backend)

    def _pool(self, jobs: Iterator[Job], workers: int) -> Iterator[Outcome]:
        # spawn, not fork: the app has threads running, and a forked lock can hang a worker
        context = multiprocessing.get_context("spawn")
        with stderr_with_a_descriptor():  # the pool's queues start the resource tracker
            pool = context.Pool(workers, initializer=_worker_init, initargs=(self.backend_name,))
        try:
            yield from pool.imap_unordered(_in_worker, jobs, chunksize=2)
        finally:
            pool.terminate()
            pool.join()


@contextmanager
def _runner_lock(data_dir: Path, wait: bool, poll: Callable[[], None]) -> Iterator[bool]:
    data_dir.mkdir(parents=True, exist_ok=True)
    handle: IO[str] = open(data_dir / LOCK_FILE, "a")  # noqa: SIM115 - held for the block
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    yield False
                    return
                poll()
                time.sleep(0.2)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


def background_enabled(enabled: bool) -> bool:
    """`[analysis] background`, which READER_BACKGROUND_ANALYSIS=0 turns off for one run."""
    return enabled and os.environ.get("READER_BACKGROUND_ANALYSIS", "1") != "0"


def start_detached(data_dir: Path, backend_name: str) -> None:
    """A runner in its own session that outlives the command which started it."""
    subprocess.Popen(
        [sys.executable, "-m", "reader.analysis.background", str(data_dir), backend_name],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def main(argv: list[str]) -> int:
    data_dir, backend_name = Path(argv[0]), argv[1]
    AnalysisRunner(data_dir, backend_name).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
