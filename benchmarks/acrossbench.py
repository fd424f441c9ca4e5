"""Across articles at scale: an index over 100,000 stored articles (written through the same
`EntityIndex.record` the runner uses, from synthetic analyses: running the model over 100,000
articles would take hours and measure the model, not the index), then `reader entities`, one
entity's article list, a month of `reader agenda`, the index's size per article; and the
background runner's real throughput (model and rules) on a corpus of 600-word articles.

    python benchmarks/acrossbench.py [index|throughput]   # prints JSON figures
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
sys.path.insert(0, str(ROOT))

ARTICLES = 100_000
PEOPLE, PLACES, ORGANISATIONS = 6_000, 2_000, 1_000
FIRST = ["Anna", "Boris", "Chen", "Dara", "Emil", "Farah", "Goran", "Hana", "Ivan", "Jia"]
EVENTS = ("visit", "meeting", "summit", "agreement", "conference", "election", "vote")


def _names(rng: random.Random) -> dict[str, list[str]]:
    def word() -> str:
        return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    people = [f"{rng.choice(FIRST)} {word().capitalize()}" for _ in range(PEOPLE)]
    places = [word().capitalize() for _ in range(PLACES)]
    organisations = [f"{word().capitalize()} Council" for _ in range(ORGANISATIONS)]
    return {"person": people, "place": places, "organisation": organisations}


def _zipf(rng: random.Random, items: list[str]) -> str:
    """Names by Zipf's law (weight 1/rank^0.9): the top person is in about a quarter of the
    articles, as a head of state is in a year of news."""
    weights = _WEIGHTS.get(len(items))
    if weights is None:
        total, weights = 0.0, []
        for rank in range(1, len(items) + 1):
            total += rank**-0.9
            weights.append(total)
        _WEIGHTS[len(items)] = weights
    return rng.choices(items, cum_weights=weights)[0]


_WEIGHTS: dict[int, list[float]] = {}


def index_database() -> tuple[Path, dict[str, float]]:
    """100,000 short articles and their index; built once and reused. (The text is short:
    the index, not the text, is measured; it does not change what is indexed.)"""
    from reader.analysis.background import AnalysisRunner
    from reader.models import ArticleDraft
    from reader.storage import Store

    data_dir = WORK / f"across-{ARTICLES}-v3"
    stamp = data_dir / "built.json"
    if stamp.exists():
        return data_dir, json.loads(stamp.read_text())
    shutil.rmtree(data_dir, ignore_errors=True)
    rng = random.Random(15)
    names = _names(rng)
    version = AnalysisRunner(data_dir).version()
    with Store.open(data_dir) as store:
        source = store.sources.add("feed", "http://bench.example/across", "Across")
        for first in range(0, ARTICLES, 1000):
            drafts = [
                ArticleDraft(
                    title=f"Story {n}",
                    text=f"Story {n}. " * 20,
                    guid=f"urn:across:{n}",
                    published=(dt.date(2021, 1, 1) + dt.timedelta(days=n % 1500)).isoformat(),
                )
                for n in range(first, first + 1000)
            ]
            store.articles.upsert_many(source.id, drafts)
        store.db.execute("VACUUM")
        before = store.path.stat().st_size
        pending = store.entities.pending(version)
        start = time.perf_counter()
        for article in pending:
            entities, facts = _analysis(rng, names, article.published or "2021-01-01")
            store.entities.record(article, version, entities, facts)
        seconds = time.perf_counter() - start
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("VACUUM")
        after = store.path.stat().st_size
    figures = {
        "index_seconds": seconds,
        "bytes_per_article": (after - before) / ARTICLES,
        "articles": ARTICLES,
    }
    stamp.write_text(json.dumps(figures))
    return data_dir, figures


def _analysis(
    rng: random.Random, names: dict[str, list[str]], published: str
) -> tuple[list[object], list[object]]:
    from reader.storage.entities import IndexedEntity, IndexedFact

    chosen: dict[tuple[str, str], IndexedEntity] = {}
    for kind, count in (("person", 5), ("place", 4), ("organisation", 2)):
        for _ in range(count):
            name = _zipf(rng, names[kind])
            surname = name.split()[-1]
            aliases = [name, surname] if kind == "person" else [name]
            chosen[(kind, name)] = IndexedEntity(name, kind, rng.randint(1, 6), 0, aliases)
    people = [e.name for e in chosen.values() if e.kind == "person"]
    places = [e.name for e in chosen.values() if e.kind == "place"]
    day = dt.date.fromisoformat(published)
    facts = []
    for number in range(4):  # two dated events on the agenda, two undated facts
        when = day + dt.timedelta(days=rng.randint(-30, 120))
        value = when.isoformat() if number % 3 else when.isoformat()[:7]
        facts.append(
            IndexedFact(
                kind=rng.choice(EVENTS),
                text="visit",
                date=value,
                end_date=None,
                sort_start=value if len(value) == 10 else value + "-01",
                sort_end=value if len(value) == 10 else value + "-28",
                precision="day" if len(value) == 10 else "month",
                on_agenda=number < 2,
                who=rng.sample(people, min(2, len(people))),
                where=rng.sample(places, 1),
                state="planned",
                sentence_start=0,
                sentence_end=40,
                sentence="A sentence of about forty characters.",
            )
        )
    return list(chosen.values()), facts


def _timed(command: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_index() -> dict[str, float]:
    from reader.storage import ArticleFilter, Store

    data_dir, figures = index_database()
    reader = [sys.executable, "-m", "reader", "--data-dir", str(data_dir)]
    figures["entities_cli"] = _timed([*reader, "entities", "--json"])
    figures["entities_cli_top50"] = _timed([*reader, "entities", "--limit", "50"])
    figures["agenda_month_cli"] = _timed(
        [*reader, "agenda", "--from", "2022-03-01", "--to", "2022-03-31", "--json"]
    )
    with Store.open(data_dir) as store:
        index = store.entities
        top = index.top(limit=1)[0]
        figures["top_entity_articles"] = top.articles
        lists, sidebars, agendas = [], [], []
        selection = ArticleFilter(entity_id=top.id)
        for _ in range(9):
            # what S does before the list paints: every id, then the first screen of rows
            start = time.perf_counter()
            ids = store.articles.ids(selection)
            store.articles.rows(ArticleFilter(ids=tuple(ids[:60])))
            lists.append(time.perf_counter() - start)
            start = time.perf_counter()
            index.facts(top.id)
            index.related(top.id)
            sidebars.append(time.perf_counter() - start)
            start = time.perf_counter()
            index.agenda("2022-03-01", "2022-03-31")
            agendas.append(time.perf_counter() - start)
        figures["entity_list_ms"] = statistics.median(lists) * 1000
        figures["entity_sidebar_ms"] = statistics.median(sidebars) * 1000
        figures["agenda_month_ms"] = statistics.median(agendas) * 1000
        figures["agenda_month_items"] = len(index.agenda("2022-03-01", "2022-03-31"))
        figures["entities"] = int(store.db.execute("SELECT count(*) FROM entities").fetchone()[0])
    return figures


def measure_throughput(count: int = 300) -> dict[str, float]:
    """The runner over `count` stored 600-word articles in a fresh data dir: model load in
    each worker included, as a user's first start after an import would see it."""
    from benchmarks.run import corpus
    from reader.analysis.background import AnalysisRunner
    from reader.importing import import_files
    from reader.storage import Store

    data_dir = WORK / "across-throughput"
    shutil.rmtree(data_dir, ignore_errors=True)
    with Store.open(data_dir) as store:
        import_files(store, corpus()[:count], "2026-03-12")
    runner = AnalysisRunner(data_dir)
    start = time.perf_counter()
    report = runner.run()
    seconds = time.perf_counter() - start
    return {
        "articles": report.analysed,
        "failed": report.failed,
        "seconds": seconds,
        "rate": report.analysed / seconds,
        "jobs": runner.jobs,
    }


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "index"
    result = measure_index() if which == "index" else measure_throughput()
    print(json.dumps(result))
