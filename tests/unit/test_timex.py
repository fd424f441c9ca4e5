from datetime import date

import pytest

from reader.analysis.backend import ModelSentence
from reader.analysis.timex import find_times

REF = date(2026, 3, 12)  # a Thursday


def times(
    text: str, tense: str = "present", ref: date | None = REF
) -> list[tuple[str, str | None, str | None]]:
    found = find_times(text, ref, [ModelSentence(0, len(text), tense)])
    return [(t.text, t.value, t.end_value) for t in found]


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("The talks ended on Tuesday.", "past", [("Tuesday", "2026-03-10", None)]),
        ("They will meet on Friday.", "future", [("Friday", "2026-03-13", None)]),
        ("They met on Thursday.", "past", [("Thursday", "2026-03-12", None)]),
        ("It happened yesterday.", "past", [("yesterday", "2026-03-11", None)]),
        ("Sales rose last month.", "past", [("last month", "2026-02", None)]),
        ("The plant opens next year.", "future", [("next year", "2027", None)]),
        ("Talks resume in January next year.", "future", [("January next year", "2027-01", None)]),
        ("It was held in December 2021.", "past", [("December 2021", "2021-12", None)]),
        (
            "A visit from March 25 to 29.",
            "present",
            [("March 25 to 29", "2026-03-25", "2026-03-29")],
        ),
        ("Held March 10-11, 2025.", "past", [("March 10-11, 2025", "2025-03-10", "2025-03-11")]),
        # TIMEX3 marks each end of a range said in words; both keep the whole (see below)
        ("It ran between 2019 and 2021.", "past", [("2019", "2019", None), ("2021", "2021", None)]),
        ("The plan for 2024-28 was signed.", "past", [("2024-28", "2024", "2028")]),
        (
            "Results in the first quarter of 2027.",
            "future",
            [("the first quarter of 2027", "2027-Q1", None)],
        ),
        ("Three days ago the rain stopped.", "past", [("Three days ago", "2026-03-09", None)]),
        ("A five-day visit.", "present", [("five-day", "P5D", None)]),
        ("It lasted 18 months.", "past", [("18 months", "P18M", None)]),
        ("Earlier this week they met.", "past", [("Earlier this week", "2026-W11", None)]),
        ("He spoke on 4 July 2024.", "past", [("4 July 2024", "2024-07-04", None)]),
        ("The 1990s were different.", "past", [("The 1990s", "199", None)]),
        ("Prices are now higher.", "present", [("now", "PRESENT_REF", None)]),
        ("It sold 27,000 tickets and 2,021 cars.", "past", []),
        ("We will go in May.", "future", [("May", "2026-05", None)]),
        ("May I say something?", "present", []),
        # the verb right before the date, and a reported future, beat the sentence's tense
        (
            "They arrived on Tuesday and will leave soon.",
            "future",
            [("Tuesday", "2026-03-10", None), ("soon", "FUTURE_REF", None)],
        ),
        ("She said it would open in June.", "past", [("June", "2026-06", None)]),
        ("He said they would have met in June.", "past", [("June", "2025-06", None)]),
        (
            "It reported revenue for the fourth quarter.",
            "past",
            [("the fourth quarter", "2025-Q4", None)],
        ),
        (
            "It will report in the first quarter.",
            "future",
            [("the first quarter", "2026-Q1", None)],
        ),
    ],
)
def test_values(text: str, tense: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert times(text, tense) == expected


def test_past_december_in_a_january_article_is_last_year() -> None:
    assert times("They met on December 28.", "past", date(2024, 1, 5)) == [
        ("December 28", "2023-12-28", None)
    ]


def test_without_a_reference_date_nothing_is_guessed() -> None:
    found = find_times(
        "They met on December 25 and will meet again next year.",
        None,
        [ModelSentence(0, 60, "past")],
    )
    assert [(t.text, t.value, t.reason) for t in found] == [
        ("December 25", "XXXX-12-25", "no article date"),
        ("next year", None, "no article date"),
    ]


def test_each_end_of_a_range_in_words_is_a_date_that_keeps_the_whole() -> None:
    for text, whole in [
        ("It ran between 2019 and 2021.", "2019/2021"),
        ("It is to be held from November 20 to December 11.", "2026-11-20/2026-12-11"),
        ("Surveyed between July 2003 and December 2004.", "2003-07/2004-12"),
    ]:
        found = find_times(text, REF, [ModelSentence(0, len(text), "present")])
        assert [t.range for t in found] == [whole, whole], text
        assert [t.end_value for t in found] == [None, None], text
