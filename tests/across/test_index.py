"""The index across articles: one entity per person over articles, aliases, re-analysis,
failures and crashes half way."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import service
from reader.analysis.backend import Parsed
from reader.analysis.background import AnalysisRunner, index_rows
from reader.analysis.calendar import period
from reader.analysis.model import Analysis, Entity, Fact, Mention, Span
from reader.models import ArticleDraft
from reader.storage import Store
from reader.storage.entities import IndexedEntity, PendingArticle


class QuietBackend:
    """No model: the tests give each article's analysis through `interpret`."""

    name = "quiet"
    version = "1"

    def parse(self, text: str) -> Parsed:
        return Parsed(sentences=[], entities=[])


def _entity(text: str, name: str, kind: str = "person", *written: str) -> Entity:
    mentions = []
    for form in written or (name,):
        start = text.index(form)
        mentions.append(Mention(start, start + len(form), form))
    return Entity(name, kind, None, mentions)


def _entities_from_text(text: str) -> Analysis:
    """A stand-in for the rules: 'Name=Full Name' lines name people."""
    entities = []
    for line in text.splitlines():
        if "=" in line:
            written, _, name = line.partition("=")
            entities.append(_entity(text, name.strip(), "person", written.strip()))
    return Analysis(reference_date=None, entities=entities)


@pytest.fixture
def fake_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "interpret", lambda text, parsed, ref: _entities_from_text(text))


def _store_articles(data_dir: Path, texts: list[str]) -> list[int]:
    with Store.open(data_dir) as store:
        source = store.sources.local("tests")
        drafts = [
            ArticleDraft(title=f"Article {i}", text=t, published=f"2024-01-{i + 1:02d}")
            for i, t in enumerate(texts)
        ]
        return [r.id for r in store.articles.upsert_many(source.id, drafts)]


def _runner(data_dir: Path) -> AnalysisRunner:
    return AnalysisRunner(data_dir, backend=QuietBackend())


def _record(store: Store, article_id: int, *people: str) -> None:
    article = store.articles.get(article_id)
    assert article is not None
    pending = PendingArticle(article.id, article.content_hash, article.published)
    rows = [IndexedEntity(name, "person", 1, 0, [name]) for name in people]
    assert store.entities.record(pending, "v", rows, [])


def _assert_counts_consistent(store: Store) -> None:
    """The counts kept on each entity row are what its article rows add up to."""
    kept = store.db.execute(
        "SELECT id, articles, mentions, first_seen, last_seen FROM entities ORDER BY id"
    ).fetchall()
    summed = store.db.execute(
        "SELECT entity_id, count(*), sum(mentions), min(seen), max(seen) FROM entity_articles"
        " GROUP BY entity_id ORDER BY entity_id"
    ).fetchall()
    assert [tuple(r) for r in kept] == [tuple(r) for r in summed]


def test_a_surname_joins_the_one_full_name_in_either_order(store: Store) -> None:
    ids = _store_articles(store.path.parent, ["a", "b", "c"])
    _record(store, ids[0], "Modi")  # the short name first
    _record(store, ids[1], "Narendra Modi")
    _record(store, ids[2], "Modi")
    people = store.entities.top(kind="person")
    assert [(p.name, p.articles) for p in people] == [("Narendra Modi", 3)]
    assert people[0].aliases == ["Modi"]
    assert [e.name for e in store.entities.find("modi")] == ["Narendra Modi"]
    _assert_counts_consistent(store)
    # one article naming both (its analysis left them apart): one entity, mentions added up
    _record(store, ids[2], "Narendra Modi", "Modi")
    people = store.entities.top(kind="person")
    assert [(p.name, p.articles, p.mentions) for p in people] == [("Narendra Modi", 3, 4)]
    _assert_counts_consistent(store)


def test_two_people_sharing_a_surname_stay_apart(store: Store) -> None:
    ids = _store_articles(store.path.parent, ["a", "b", "c"])
    _record(store, ids[0], "John Smith")
    _record(store, ids[1], "Jane Smith")
    _record(store, ids[2], "Smith")
    names = sorted(p.name for p in store.entities.top(kind="person"))
    assert names == ["Jane Smith", "John Smith", "Smith"]
    assert [e.name for e in store.entities.find("John Smith")] == ["John Smith"]


def test_a_surname_is_not_folded_into_a_second_full_name(store: Store) -> None:
    ids = _store_articles(store.path.parent, ["a", "b", "c"])
    _record(store, ids[0], "Smith")
    _record(store, ids[1], "John Smith")  # takes over "Smith": the only Smith so far
    _record(store, ids[2], "Jane Smith")
    by_name = {p.name: p.articles for p in store.entities.top(kind="person")}
    assert by_name == {"John Smith": 2, "Jane Smith": 1}
    # re-analysed, its "Smith" is no longer the only one's: it stays apart now
    _record(store, ids[0], "Smith", "John Smith")
    assert {p.name: p.mentions for p in store.entities.top(kind="person")} == {
        "John Smith": 2,
        "Jane Smith": 1,
        "Smith": 1,
    }
    _assert_counts_consistent(store)


def test_pending_articles_come_newest_first_and_analysis_records_them(
    data_dir: Path, fake_rules: None
) -> None:
    ids = _store_articles(data_dir, ["Modi=Narendra Modi", "Putin=Vladimir Putin"])
    with Store.open(data_dir) as store:
        assert [p.id for p in store.entities.pending("quiet-1+rules" + service.RULES_VERSION)] == [
            ids[1],
            ids[0],
        ]
    report = _runner(data_dir).run()
    assert (report.analysed, report.failed) == (2, 0)
    with Store.open(data_dir) as store:
        assert store.entities.pending(_runner(data_dir).version()) == []
        # the finished analysis is cached too: opening the article needs no work
        article = store.articles.get(ids[0])
        assert article is not None
        assert store.analyses.interpreted(
            article.content_hash, _runner(data_dir).version(), "2024-01-01"
        )
    assert _runner(data_dir).run().analysed == 0  # nothing left to do


def test_a_better_analysis_renames_the_entity(
    data_dir: Path, fake_rules: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store_articles(data_dir, ["Narendra=Narendra"])
    _runner(data_dir).run()
    with Store.open(data_dir) as store:
        assert [p.name for p in store.entities.top()] == ["Narendra"]
    # new rules see the whole name: the index follows, and the old name is gone
    import reader.analysis.version

    monkeypatch.setattr(reader.analysis.version, "RULES_VERSION", service.RULES_VERSION + "-better")
    monkeypatch.setattr(
        service,
        "interpret",
        lambda text, parsed, ref: Analysis(
            None, [_entity(text, "Narendra Modi", "person", "Narendra")]
        ),
    )
    assert _runner(data_dir).run().analysed == 1
    with Store.open(data_dir) as store:
        rows = store.entities.top()
        assert [(p.name, p.articles, p.mentions) for p in rows] == [("Narendra Modi", 1, 1)]
        assert store.entities.find("Narendra")[0].name == "Narendra Modi"
        _assert_counts_consistent(store)


def test_a_failed_analysis_records_its_reason_and_the_rest_go_on(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rules(text: str, parsed: Parsed, ref: object) -> Analysis:
        if "broken" in text:
            raise ValueError("cannot read this one")
        return _entities_from_text(text)

    monkeypatch.setattr(service, "interpret", rules)
    ids = _store_articles(data_dir, ["Modi=Narendra Modi", "broken", "Putin=Vladimir Putin"])
    report = _runner(data_dir).run()
    assert (report.analysed, report.failed) == (2, 1)
    with Store.open(data_dir) as store:
        assert store.entities.failures() == [(ids[1], "ValueError: cannot read this one")]
        assert sorted(p.name for p in store.entities.top()) == ["Narendra Modi", "Vladimir Putin"]
        assert store.entities.progress(_runner(data_dir).version()).pending == 0


def test_a_crash_mid_indexing_leaves_whole_articles_and_the_next_run_finishes(
    data_dir: Path, fake_rules: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f"Modi=Narendra Modi\nP{i}=Person Number{i}" for i in range(5)]
    _store_articles(data_dir, texts)
    from reader.storage.entities import EntityIndex

    real = EntityIndex._add_facts
    calls = {"n": 0}

    def crash_on_third(self: EntityIndex, article_id: int, facts: list) -> None:  # type: ignore[type-arg]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the process dies half way through writing an article
        real(self, article_id, facts)

    monkeypatch.setattr(EntityIndex, "_add_facts", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        _runner(data_dir).run()
    with Store.open(data_dir) as store:
        modi = store.entities.find("Narendra Modi")[0]
        assert modi.articles == 2  # the two written whole; nothing of the third
        assert len(store.entities.pending(_runner(data_dir).version())) == 3
    monkeypatch.setattr(EntityIndex, "_add_facts", real)
    assert _runner(data_dir).run().analysed == 3
    with Store.open(data_dir) as store:
        modi = store.entities.find("Modi")[0]
        assert (modi.articles, modi.mentions) == (5, 5)
        assert len(store.entities.top(kind="person")) == 6
        _assert_counts_consistent(store)


def _analysis_with_facts(text: str) -> Analysis:
    sentence = Span(0, len(text))

    def fact(kind: str, when: str | None, phrase: str) -> Fact:
        start = text.index(phrase)
        return Fact(
            kind, phrase, when, start, start + len(phrase), sentence, who=["Ann Lee"], when=when
        )

    return Analysis(
        None,
        [_entity(text, "Ann Lee", "person", "Ann Lee")],
        facts=[
            fact("visit", "2024-02-05", "visit"),
            fact("summit", "2024", "summit"),
            fact("negotiation", "2024-01", "talks"),
            fact("count", None, "three"),
        ],
    )


def test_the_agenda_is_in_date_order_with_vague_dates_at_their_start(store: Store) -> None:
    text = "Ann Lee will visit, hold a summit and three talks."
    (article_id,) = _store_articles(store.path.parent, [text])
    entities, facts = index_rows(text, _analysis_with_facts(text))
    article = store.articles.get(article_id)
    assert article is not None
    store.entities.record(
        PendingArticle(article_id, article.content_hash, article.published), "v", entities, facts
    )
    agenda = store.entities.agenda("2024-01-01", "2024-12-31")
    assert [(f.date, f.precision) for f in agenda] == [
        ("2024", "year"),
        ("2024-01", "month"),
        ("2024-02-05", "day"),
    ]
    # a month that starts before the window still meets it; the year too
    assert [f.date for f in store.entities.agenda("2024-01-15", "2024-01-31")] == [
        "2024",
        "2024-01",
    ]
    assert [f.date for f in store.entities.agenda("2024-03-01", None)] == ["2024"]
    ann = store.entities.find("Ann Lee")[0]
    assert [f.kind for f in store.entities.facts(ann.id)][:3] == ["summit", "negotiation", "visit"]


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2024-02-05", "2024-02-05", "2024-02-05", "day"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2025", "2025-01-01", "2025-12-31", "year"),
        ("2023-Q4", "2023-10-01", "2023-12-31", "quarter"),
        ("2024-W01", "2024-01-01", "2024-01-07", "week"),
        ("2023-12-25/2023-12-29", "2023-12-25", "2023-12-29", "day"),
        ("2024/2028", "2024-01-01", "2028-12-31", "year"),
    ],
)
def test_timex_values_become_calendar_periods(
    value: str, start: str, end: str, precision: str
) -> None:
    found = period(value)
    assert found is not None
    assert (found.start.isoformat(), found.end.isoformat(), found.precision) == (
        start,
        end,
        precision,
    )


@pytest.mark.parametrize("value", ["P5D", "PRESENT_REF", "XXXX-12-25", None, "2023-02-30"])
def test_values_without_a_calendar_place_have_none(value: str | None) -> None:
    assert period(value) is None


def test_since_counts_only_later_articles_and_the_query_language_hook(store: Store) -> None:
    from reader.storage.entities import articles_for_entity

    ids = _store_articles(store.path.parent, ["a", "b", "c"])  # 2024-01-01, -02, -03
    _record(store, ids[0], "Narendra Modi", "Vladimir Putin")
    _record(store, ids[1], "Narendra Modi")
    _record(store, ids[2], "Modi")
    recent = store.entities.top(since="2024-01-02")
    assert [(p.name, p.articles) for p in recent] == [("Narendra Modi", 2)]
    assert [p.name for p in store.entities.top(limit=1)] == ["Narendra Modi"]
    assert articles_for_entity(store.db, "modi") == [ids[2], ids[1], ids[0]]
    assert articles_for_entity(store.db, "Nobody") == []


def test_a_runner_without_a_backend_of_its_own_uses_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking the analyser's version makes a backend in this process; that must not send a
    large backlog through one core (the runner ran at half speed on two)."""
    import reader.analysis.background as background

    _store_articles(tmp_path, [f"Story number {n}." for n in range(background.PARALLEL_FROM)])
    used: list[int] = []

    def pool(self: AnalysisRunner, jobs: object, workers: int) -> list[object]:
        used.append(workers)
        return []

    monkeypatch.setattr(AnalysisRunner, "_pool", pool)
    monkeypatch.setattr(service, "make_backend", lambda name="spacy": QuietBackend())
    AnalysisRunner(tmp_path, jobs=2).run()
    assert used == [2]
