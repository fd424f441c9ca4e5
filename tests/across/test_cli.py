"""`reader entities`, `entity`, `agenda` and `export-entity` as a user runs them (real model)."""

from __future__ import annotations

import fcntl
import json
import time
from pathlib import Path

import pytest

from reader.storage import Store
from tests.conftest import run_reader

TRIP = """Japanese leader to travel to Paris next month

TOKYO: Prime Minister Fumio Kishida will visit Paris on May 14 for talks with President Emmanuel Macron, officials
said on Monday. Kishida last met Macron in 2022.
"""
FORUM = """Ministers meet in Vienna

VIENNA: Japanese Foreign Minister Yoko Kamikawa met Prime Minister Fumio Kishida in Vienna on Tuesday.
Kishida will host a conference in Osaka on June 3.
"""


@pytest.fixture
def articles(tmp_path: Path, data_dir: Path) -> Path:
    for name, text, day in (("trip.txt", TRIP, "2024-04-08"), ("forum.txt", FORUM, "2024-04-10")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run_reader("import", "--date", day, str(path), data_dir=data_dir)
        assert result.returncode == 0, result.stderr
    return data_dir


def test_one_person_across_articles_and_the_agenda(articles: Path) -> None:
    result = run_reader("entity", "Kishida", "--json", data_dir=articles)
    assert result.returncode == 0, result.stderr
    kishida = json.loads(result.stdout)
    assert (kishida["name"], kishida["kind"]) == ("Fumio Kishida", "person")
    assert "Kishida" in kishida["aliases"]
    assert sorted(a["title"] for a in kishida["articles"]) == [
        "Japanese leader to travel to Paris next month",
        "Ministers meet in Vienna",
    ]
    assert any(f["date"] == "2024-05-14" and f["kind"] == "visit" for f in kishida["facts"])
    assert "Emmanuel Macron" in [r["name"] for r in kishida["related"]]

    result = run_reader("entities", "--kind", "person", "--json", data_dir=articles)
    people = {p["name"]: p for p in json.loads(result.stdout)}
    assert "Kishida" not in people
    assert people["Fumio Kishida"]["articles"] == 2
    assert set(people["Fumio Kishida"]) >= {
        "name",
        "kind",
        "aliases",
        "articles",
        "mentions",
        "last_seen",
    }
    limited = json.loads(run_reader("entities", "--limit", "1", "--json", data_dir=articles).stdout)
    assert len(limited) == 1

    result = run_reader(
        "agenda", "--from", "2024-05-01", "--to", "2024-06-30", "--json", data_dir=articles
    )
    agenda = json.loads(result.stdout)
    dates = [item["date"] for item in agenda]
    assert dates == sorted(dates) and dates[0] == "2024-05-14" and "2024-06-03" in dates
    hamburg = next(i for i in agenda if i["date"] == "2024-06-03")
    assert "Osaka" in hamburg["where"] and hamburg["article"]["title"] == "Ministers meet in Vienna"
    assert "Osaka" in hamburg["sentence"]
    text = run_reader("agenda", "--from", "2024-05-01", data_dir=articles).stdout
    assert text.index("2024-05-14") < text.index("2024-06-03")
    # by default from today: these 2024 plans are past
    assert json.loads(run_reader("agenda", "--json", data_dir=articles).stdout) == []
    shown = run_reader("entity", "fumio kishida", data_dir=articles).stdout
    assert shown.startswith("Fumio Kishida (person)")
    assert "Timeline" in shown and "Appears with" in shown
    assert run_reader("agenda", "--from", "May 1", data_dir=articles).returncode == 2


def test_an_ambiguous_name_lists_the_candidates_and_exits_2(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text(
        "Two in court\n\nJohn Smith and Jane Smith appeared in court in Leeds on Monday.\n",
        encoding="utf-8",
    )
    run_reader("import", "--date", "2024-04-08", str(path), data_dir=data_dir)
    result = run_reader("entity", "Smith", data_dir=data_dir)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "John Smith" in result.stderr and "Jane Smith" in result.stderr
    assert run_reader("entity", "Nobody Here", data_dir=data_dir).returncode == 1


def test_export_entity_writes_a_dossier_safely(articles: Path, tmp_path: Path) -> None:
    with Store.open(articles) as store:
        first = store.articles.ids()[0]
        store.notes.add(first, "Check the date of the Paris trip")
    out = tmp_path / "dossiers"
    result = run_reader("export-entity", "Kishida", "--out", str(out), data_dir=articles)
    assert result.returncode == 0, result.stderr
    (dossier,) = out.glob("*.md")
    text = dossier.read_text(encoding="utf-8")
    assert text.startswith("---\nname: Fumio Kishida\nkind: person\n")
    assert "## Timeline" in text and "2024-05-14" in text
    assert "reader://article/" in text  # links to the sentences
    assert "Check the date of the Paris trip" in text
    # edited by hand: kept, the new one goes beside it
    dossier.write_text(text + "\nmy own words\n", encoding="utf-8")
    again = run_reader("export-entity", "Fumio Kishida", "--out", str(out), data_dir=articles)
    assert "Kept" in again.stdout
    assert "my own words" in dossier.read_text(encoding="utf-8")


def test_import_analyses_in_the_background_and_the_runner_ends(
    tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "trip.txt"
    path.write_text(TRIP, encoding="utf-8")
    result = run_reader(
        "import", "--date", "2024-04-08", str(path), data_dir=data_dir,
        env={"READER_BACKGROUND_ANALYSIS": "1"},
    )  # fmt: skip
    assert result.returncode == 0
    deadline = time.monotonic() + 90
    done = False
    while time.monotonic() < deadline and not done:
        time.sleep(0.3)
        with Store.open(data_dir) as store:
            done = bool(store.entities.top())
    assert done, "the background runner indexed nothing"
    # the runner lets go of its lock when it ends: no process is left behind
    with open(data_dir / "analysis.lock", "a") as handle:
        while time.monotonic() < deadline:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                time.sleep(0.2)
        else:
            pytest.fail("the background runner is still running")
