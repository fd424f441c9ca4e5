"""The analysis service's caches: the model's output, and the finished analysis per date."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.analysis.backend import ModelEntity, ModelSentence, Parsed
from reader.analysis.service import AnalysisService
from reader.models import Article, ArticleDraft
from reader.storage import Store

TEXT = "The ministers met in Oslo on Tuesday. They will meet again next week."


class CountingBackend:
    name = "counting"
    version = "1"

    def __init__(self) -> None:
        self.calls = 0

    def parse(self, text: str) -> Parsed:
        self.calls += 1
        second = text.index("They")
        return Parsed(
            sentences=[
                ModelSentence(0, second - 1, "past"),
                ModelSentence(second, len(text), "future"),
            ],
            entities=[ModelEntity(text.index("Oslo"), text.index("Oslo") + 4, "GPE")],
        )


class RefusingBackend(CountingBackend):
    def parse(self, text: str) -> Parsed:
        raise AssertionError("the model must not run for an article analysed before")


@pytest.fixture
def article(tmp_path: Path) -> Article:
    with Store.open(tmp_path) as store:
        source = store.sources.local("files")
        draft = ArticleDraft(title="Talks", text=TEXT, published="2024-03-05T09:00:00+00:00")
        (result,) = store.articles.upsert_many(source.id, [draft])
        stored = store.articles.get(result.id)
    assert stored is not None
    return stored


def test_a_restarted_session_reads_the_finished_analysis(tmp_path: Path, article: Article) -> None:
    backend = CountingBackend()
    first = AnalysisService(tmp_path, backend=backend)
    analysed = first.for_article(article)
    first.close()
    assert backend.calls == 1
    assert any(t.value == "2024-03-05" for t in analysed.times), analysed.times

    after_restart = AnalysisService(tmp_path, backend=RefusingBackend())
    ready = after_restart.ready(article)
    after_restart.close()
    assert ready is not None
    assert ready.to_json() == analysed.to_json()


def test_a_new_article_date_is_resolved_again_without_the_model(
    tmp_path: Path, article: Article
) -> None:
    first = AnalysisService(tmp_path, backend=CountingBackend())
    first.for_article(article)
    first.close()

    redated = replace(article, published="2025-01-10T09:00:00+00:00")
    service = AnalysisService(tmp_path, backend=RefusingBackend())
    assert service.ready(redated) is None  # stored for the old date only
    analysis = service.for_article(redated)  # from the model's cached output
    assert any(t.value == "2025-01-07" for t in analysis.times), analysis.times
    service.forget_recent()
    again = service.ready(redated)
    service.close()
    assert again is not None and again.to_json() == analysis.to_json()
