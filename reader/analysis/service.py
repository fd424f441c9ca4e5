"""Analysis as a service: the model's output is cached by content hash and analyser version;
times and facts are re-resolved from it for any reference date without running the model."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reader.analysis.backend import Backend, ModelEntity, ModelSentence, Parsed, SpacyBackend
from reader.analysis.entities import find_entities
from reader.analysis.facts import find_facts, find_numbers
from reader.analysis.model import Analysis, Span
from reader.analysis.timex import find_times
from reader.analysis.version import RULES_VERSION as RULES_VERSION  # re-exported
from reader.analysis.version import analyser_version
from reader.models import Article

if TYPE_CHECKING:
    from reader.storage import Store
    from reader.storage.cache import AnalysisCache

RECENT_ANALYSES = 64


def make_backend(name: str = "spacy") -> Backend:
    return SpacyBackend()


def interpret(text: str, parsed: Parsed, reference: date | None) -> Analysis:
    """Everything after the model: pure rules, fast, re-run when the reference date changes."""
    entities = find_entities(text, parsed.entities)
    times = find_times(text, reference, parsed.sentences, parsed.entities)
    numbers = find_numbers(text, times)
    facts = find_facts(text, parsed.sentences, entities, times, numbers, reference)
    return Analysis(
        reference_date=reference.isoformat() if reference else None,
        entities=entities,
        times=times,
        numbers=numbers,
        facts=facts,
        sentences=[Span(s.start, s.end) for s in parsed.sentences],
    )


def analyse_text(text: str, reference: date | None, backend: Backend | None = None) -> Analysis:
    backend = backend or make_backend()
    return interpret(text, backend.parse(text), reference)


def parsed_to_json(parsed: Parsed) -> str:
    return json.dumps(
        {
            "sentences": [[s.start, s.end, s.tense] for s in parsed.sentences],
            "entities": [[e.start, e.end, e.label] for e in parsed.entities],
        }
    )


def parsed_from_json(data: str) -> Parsed:
    raw = json.loads(data)
    return Parsed(
        sentences=[ModelSentence(*row) for row in raw["sentences"]],
        entities=[ModelEntity(*row) for row in raw["entities"]],
    )


class AnalysisService:
    """For the TUI and CLI: analyse stored articles, caching the model's part in SQLite.

    It keeps its own connection, used only from worker threads, behind a lock.
    """

    def __init__(
        self, data_dir: Path, backend_name: str = "spacy", backend: Backend | None = None
    ) -> None:
        self._data_dir = data_dir
        self._backend_name = backend_name
        self._backend: Backend | None = backend
        self._lock = threading.Lock()
        self._store: Store | None = None
        # The last analyses handed out, by what they depend on: re-opening an article in the
        # same session needs no thread and no database (see `ready`).
        self._recent: OrderedDict[tuple[str, str | None], Analysis] = OrderedDict()

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = make_backend(self._backend_name)
        return self._backend

    def preload(self) -> None:
        """Load the model and run it once, so the first article opened waits no longer than the
        rest (loading takes seconds on a busy machine). For a worker thread at start-up."""
        self.backend.parse("Reader started on Monday in Oslo.")

    def _cache(self) -> AnalysisCache:
        from reader.storage import Store

        if self._store is None:
            self._store = Store.open(self._data_dir)
        return self._store.analyses

    def for_article(self, article: Article) -> Analysis:
        """The finished analysis: the one ready (see `ready`), else resolved from the model's
        cached output, else from the model. Either is then stored finished, in one write."""
        analysis = self.ready(article)
        if analysis is not None:
            return analysis
        version = analyser_version(self.backend)
        with self._lock:
            raw = self._cache().get(article.content_hash, version)
        parsed = parsed_from_json(raw) if raw is not None else self.backend.parse(article.text)
        analysis = interpret(article.text, parsed, article.reference_date)
        finished = json.dumps(analysis.to_json(), ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            self._cache().put(
                article.content_hash,
                version,
                raw if raw is not None else parsed_to_json(parsed),
                finished,
                article.reference_key,
            )
        self._remember(article, analysis)
        return analysis

    def ready(self, article: Article) -> Analysis | None:
        """The finished analysis for this text and date when it needs no work: handed out
        earlier in this session, or stored finished by an earlier one. Cheap enough for the UI
        thread (a dictionary, else one indexed row and ~0.2 ms of JSON)."""
        with self._lock:
            key = (article.content_hash, article.published)
            analysis = self._recent.get(key)
            if analysis is not None:
                self._recent.move_to_end(key)
                return analysis
            raw = self._cache().interpreted(
                article.content_hash, analyser_version(self.backend), article.reference_key
            )
        if raw is None:
            return None
        try:
            analysis = Analysis.from_json(json.loads(raw))
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable row is only a missed shortcut: the worker redoes it
        self._remember(article, analysis)
        return analysis

    def forget_recent(self) -> None:
        with self._lock:
            self._recent.clear()

    def _remember(self, article: Article, analysis: Analysis) -> None:
        with self._lock:
            self._recent[(article.content_hash, article.published)] = analysis
            while len(self._recent) > RECENT_ANALYSES:
                self._recent.popitem(last=False)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
