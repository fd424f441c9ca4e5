"""Quality on our own gold set (tests/data/gold, written and annotated by us) stays at or above
the issue's targets: entity F1 >= 0.9, time value accuracy >= 0.9, fact F1 >= 0.8."""

from benchmarks.gold import evaluate


def test_gold_set_meets_the_targets() -> None:
    tallies, values, notes, pieces = evaluate()
    assert pieces >= 20
    report = "\n".join(notes)
    assert tallies["entities"].scores()[2] >= 0.9, report
    assert values["right"] / (values["right"] + values["wrong"]) >= 0.9, report
    assert tallies["times"].scores()[1] >= 0.85, report  # time expressions found at all
    assert tallies["facts"].scores()[2] >= 0.8, report
