"""Issue 14: dates, numbers and events a reader can trust. Each rule gets a test that fails
without it; the texts are our own."""

from __future__ import annotations

import re
from datetime import date

import pytest

from reader.analysis.backend import ModelEntity, ModelSentence
from reader.analysis.events import MAX_EVENTS, find_events
from reader.analysis.model import Analysis, Entity, Mention, TimeExpression
from reader.analysis.numbers import find_numbers
from reader.analysis.summary import EVENTS_SHOWN, amount_label, fact_rows
from reader.analysis.timex import find_times
from reader.analysis.timex.words import human_value, say, say_set

NOV = date(2019, 11, 19)  # a Tuesday


def times(
    text: str, tense: str = "past", ref: date | None = NOV, model: list[ModelEntity] | None = None
) -> list[tuple[str, str, str | None, str | None]]:
    found = find_times(text, ref, [ModelSentence(0, len(text), tense)], model)
    return [(t.text, t.type, t.value, t.mod) for t in found]


def values(text: str, tense: str = "past", ref: date | None = NOV) -> dict[str, str | None]:
    return {t[0]: t[2] for t in times(text, tense, ref)}


# -- dates ------------------------------------------------------------------------------------
def test_a_game_clock_is_no_time_of_day() -> None:
    assert times("He scored at 7:14 of the second period and again at 3:02 into the third.") == []
    assert values("The polls closed at 22:30.")["22:30"] == "2019-11-19T22:30"


def test_decades_centuries_and_their_parts() -> None:
    found = times("Sales grew in the early 2020s, as in the sixties and the 20th century.")
    assert ("early 2020s", "DATE", "202", "START") in found
    assert ("the sixties", "DATE", "196", None) in found
    assert ("the 20th century", "DATE", "19", None) in found


def test_a_past_report_of_a_month_means_the_latest_one_before_the_article() -> None:
    assert values("Clark in October revealed the plan.", "present")["October"] == "2019-10"
    assert values("He left in December.", "past")["December"] == "2018-12"
    assert values("He will leave in December.", "future")["December"] == "2019-12"
    assert values("Last May he left.", "past", date(2020, 3, 2))["May"] == "2019-05"
    assert values("Last May he left.", "past")["May"] == "2019-05"


def test_a_newspaper_called_daily_is_no_repeat() -> None:
    assert times("People's Daily and the Daily Mail reported it.") == []
    assert values("The paper appears daily.", "present")["daily"] == "P1D"


def test_a_season_said_ahead_is_the_coming_one() -> None:
    text = "Officials said a deal could come perhaps in the spring."
    assert values(text)["the spring"] == "2020-SP"
    assert values("In the spring, sales fell.")["the spring"] == "2019-SP"
    assert values("Sales fell last spring.")["last spring"] == "2019-SP"
    assert values("Sales will rise next summer.", "future")["next summer"] == "2020-SU"


def test_a_weekend_reported_on_a_weekday_is_the_one_past() -> None:
    assert values("He was a guest this weekend.")["this weekend"] == "2019-W46-WE"
    assert values("He will be a guest this weekend.", "future")["this weekend"] == "2019-W47-WE"
    assert values("Talks resumed over the weekend.")["the weekend"] == "2019-W46-WE"


def test_by_a_day_in_a_past_report_is_past() -> None:
    text = "The tag had been used a million times by Thursday night."
    assert values(text)["Thursday night"] == "2019-11-14TNI"


def test_durations_without_a_number() -> None:
    found = values(
        "Talks are expected to last several months. It took a month, then for years; "
        "over the next decade and in the coming weeks, as in the past year. "
        "He eats three meals a day.",
        "present",
    )
    assert found["several months"] == "PXM"
    assert found["a month"] == "P1M"
    assert found["years"] == "PXY"
    assert found["the next decade"] == "P10Y"
    assert found["the coming weeks"] == "PXW"
    assert found["the past year"] == "P1Y"
    assert "a day" not in found  # a rate, not a length


def test_sets_by_unit_weekday_and_season() -> None:
    found = values(
        "Trains run every Sunday, twice a year, every two weeks and each season; it is paid "
        "annually and every spring.",
        "present",
    )
    assert found["every Sunday"] == "XXXX-WXX-7"
    assert found["twice a year"] == "P1Y"
    assert found["every two weeks"] == "P2W"
    assert found["each season"] == "P1Y"
    assert found["annually"] == "P1Y"
    assert found["every spring"] == "XXXX-SP"


def test_ends_of_periods_and_fiscal_years() -> None:
    found = times(
        "He quits at the end of the year, before year end, by the end of March, in fiscal "
        "2019 and FY21, and in the next fiscal year.",
        "future",
    )
    assert ("the end of the year", "DATE", "2019", "END") in found
    assert ("year end", "DATE", "2019", "END") in found
    assert ("the end of March", "DATE", "2020-03", "END") in found
    assert ("fiscal 2019", "DATE", "FY2019", None) in found
    assert ("FY21", "DATE", "FY2021", None) in found
    assert ("next fiscal year", "DATE", "FY2020", None) in found


def test_hours_earlier_count_from_the_story_not_the_article() -> None:
    assert values("Had it happened five hours earlier, more would have died.")[
        "five hours earlier"
    ] == ("PT5H")


def test_the_year_before_is_before_the_year_just_named() -> None:
    text = "It had 8.9 million visitors in 2023, up 14% from the year before."
    assert values(text, "past", date(2024, 1, 4))["the year before"] == "2022"
    assert values("This is down from the year before.", "present")["the year before"] == "2018"


def test_the_model_spans_that_name_a_length_of_time_become_durations() -> None:
    text = "Claims take twenty working days, a 14-year-old said, in the 20th minute."
    model = [
        ModelEntity(text.index("twenty"), text.index(" working") + 13, "DATE"),
        ModelEntity(text.index("14-year-old"), text.index("14-year-old") + 11, "DATE"),
        ModelEntity(text.index("the 20th"), text.index("the 20th") + 15, "TIME"),
    ]
    found = times(text, "present", model=model)
    assert found == [("twenty working days", "DURATION", "P20D", None)]


# -- wording ---------------------------------------------------------------------------------
CODES = re.compile(
    r"PRESENT_REF|PAST_REF|FUTURE_REF|XXXX|\bP[0-9]+[YMWDH]\b|\bPX[YMWD]\b|[0-9]{4}-W[0-9]{2}"
    r"|T(MO|AF|EV|NI)\b|[0-9]{4}-(SP|SU|FA|WI)\b"
)


def test_values_are_said_in_words() -> None:
    assert say("PRESENT_REF") == "now"
    assert say("PAST_REF") == "recently"
    assert say("FUTURE_REF") == "in the future"
    assert say("2019-W47-WE") == "weekend of 23-24 Nov 2019"
    assert say("2019-W48-WE") == "weekend of 30 Nov - 1 Dec 2019"
    assert say("202", "START") == "early 2020s"
    assert say("2019", "END") == "end of 2019"
    assert say("19") == "the 20th century"
    assert say("FY2019") == "fiscal year 2019"
    assert say("P5D") == "5 days"
    assert say("PXM") == "months"
    assert say("PT3H") == "3 hours"
    assert say("NOT-A-VALUE") is None
    assert human_value("PAST_REF") == "recently"
    assert human_value("2019-W47-WE") == "weekend of 23-24 Nov 2019"
    assert say_set("P2W") == "every 2 weeks"
    assert say_set("XXXX-WXX-7") == "every Sunday"
    assert say_set("TNI") == "every night"


def test_no_timex3_code_reaches_a_reader() -> None:
    text = (
        "The union is now on strike and talks will continue in the future. Ministers met "
        "this weekend and on Sunday night. Trains run every Sunday and every morning, the "
        "dispute has lasted for years, and officials said recently a deal could come in the "
        "spring or in 2019-W47. People's Daily said so."
    )
    found = find_times(text, NOV, [ModelSentence(0, len(text), "past")])
    found.append(TimeExpression(0, 3, "odd", "DATE", "2019-XX-WE"))
    analysis = Analysis(reference_date=NOV.isoformat(), times=found)
    shown = " ".join(f"{r.label} {r.detail.replace('2019-W47', '')}" for r in fact_rows(analysis))
    assert "now" in shown and "recently" in shown and "Every Sunday" in shown
    assert not CODES.search(shown), shown


def test_a_range_in_words_is_one_row_for_both_ends() -> None:
    text = "Taxes owed from 2004 to 2009 were paid."
    analysis = Analysis(
        reference_date=NOV.isoformat(),
        times=find_times(text, NOV, [ModelSentence(0, len(text), "past")]),
    )
    (row,) = [r for r in fact_rows(analysis) if r.group == "When"]
    assert row.label == "2004 – 2009"
    assert len(row.spans) == 2


# -- numbers ---------------------------------------------------------------------------------
def money(text: str) -> list[tuple[float, str | None, float | None]]:
    return [(n.value, n.unit, n.end_value) for n in find_numbers(text, []) if n.kind == "money"]


def counts(text: str) -> list[tuple[float, str | None]]:
    return [(n.value, n.counted) for n in find_numbers(text, []) if n.kind == "count"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It cost $12.9bn (£10bn).",
            [(12_900_000_000, "USD", None), (10_000_000_000, "GBP", None)],
        ),
        ("A €40k fee and USD 5m more.", [(40_000, "EUR", None), (5_000_000, "USD", None)]),
        ("It cost 3 billion yuan.", [(3_000_000_000, "CNY", None)]),
        ("Rs 5 crore and 2 lakh rupees.", [(50_000_000, "INR", None), (200_000, "INR", None)]),
        ("A$2.5 trillion", [(2_500_000_000_000, "AUD", None)]),
        ("It will cost $3-4bn.", [(3_000_000_000, "USD", 4_000_000_000)]),
        ("Bids of $2bn-$3bn came.", [(2_000_000_000, "USD", 3_000_000_000)]),
    ],
)
def test_money_keeps_its_multiplier_range_and_currency(
    text: str, expected: list[tuple[float, str, float | None]]
) -> None:
    assert money(text) == expected


def test_a_money_range_reads_as_a_range() -> None:
    from reader.analysis.model import Fact, Span

    fact = Fact("money", "", 3_000_000_000, 0, 0, Span(0, 0), about="USD")
    fact.end_value = 4_000_000_000
    assert amount_label(fact) == "USD 3 billion – 4 billion"


def test_a_count_is_a_quantity_of_a_plural_noun_not_an_identifier() -> None:
    assert counts("Roughly 400 737 Max jets are parked.") == [(400, "737 Max jets")]
    assert counts("Five 787 Dreamliner sales were cancelled.") == [(5, "787 Dreamliner sales")]
    assert counts("Services took 911 calls and 999 calls.") == []
    assert counts("Buses leave at 12:45 and 17:45 weekdays.") == []
    assert counts("She won the 1,500 metres in 44 degrees.") == []
    assert counts("The company will cut 2,500 jobs.") == [(2500, "jobs")]


# -- events ----------------------------------------------------------------------------------
def entity(text: str, name: str, kind: str) -> Entity:
    starts = [m.start() for m in re.finditer(re.escape(name), text)]
    return Entity(name, kind, None, [Mention(s, s + len(name), name) for s in starts])


def events(text: str, tense: str, *names: tuple[str, str]) -> list[tuple[str, str | None, str]]:
    found = find_events(
        text,
        [ModelSentence(0, len(text), tense)],
        [entity(text, n, k) for n, k in names],
        find_times(text, NOV, [ModelSentence(0, len(text), tense)]),
        NOV,
    )
    return [(e.kind, e.when, e.state or "") for e in found]


def test_an_event_needs_an_event_word() -> None:
    assert (
        events("Acme spent a great deal on a plan to meet demand.", "past", ("Acme", "org")) == []
    )
    assert events("Lee won 84,121 votes in Kowloon.", "past", ("Lee", "person")) == []


def test_an_event_needs_someone_somewhere_or_a_date_in_its_own_clause() -> None:
    assert events("Talks are hard.", "present") == []
    text = "Smith spoke in Leeds; talks are hard."
    assert events(text, "present", ("Smith", "person"), ("Leeds", "place")) == []


def test_winning_is_a_match_only_with_a_score_or_a_sport() -> None:
    assert events("Trump won the election in October.", "past", ("Trump", "person")) == [
        ("election", "2019-10", "happened")
    ]
    assert events("Spain beat Italy 3-1 on Sunday.", "past", ("Spain", "organisation")) == [
        ("match", "2019-11-17", "happened")
    ]


def test_a_state_agrees_with_the_date_and_the_tense() -> None:
    text = "Ministers will meet the unions, who struck on Monday."
    assert events(text, "future", ("Ministers", "organisation")) == [("meeting", None, "planned")]
    assert events("Talks continue in the future with Acme.", "present", ("Acme", "org")) == [
        ("negotiation", "FUTURE_REF", "planned")
    ]


def test_a_source_is_no_participant_nor_its_day_the_events() -> None:
    text = "Leaders will gather in Addis Ababa for a summit, the bloc told Reuters on Monday."
    found = find_events(
        text,
        [ModelSentence(0, len(text), "future")],
        [entity(text, "Reuters", "organisation"), entity(text, "Addis Ababa", "place")],
        find_times(text, NOV, [ModelSentence(0, len(text), "future")]),
        NOV,
    )
    assert [(e.kind, e.who, e.where, e.when) for e in found] == [
        ("summit", [], ["Addis Ababa"], None)
    ]


def test_events_are_ranked_and_few_are_shown() -> None:
    text = " ".join(f"Acme met Beta in Oslo on March {day}." for day in range(1, 21))
    sentences = []
    start = 0
    for piece in text.split(". "):
        end = start + len(piece) + 1
        sentences.append(ModelSentence(start, end, "past"))
        start = end + 1
    names = [entity(text, "Acme", "organisation"), entity(text, "Oslo", "place")]
    times_found = find_times(text, NOV, sentences)
    found = find_events(text, sentences, names, times_found, NOV)
    assert len(found) == MAX_EVENTS
    analysis = Analysis(NOV.isoformat(), facts=found)
    assert sum(r.group == "Events" for r in fact_rows(analysis)) == EVENTS_SHOWN


def test_years_named_by_events_ranges_and_numbers_of_years() -> None:
    found = values("Over 2000-2050 yields fall; at the World Cup 2018 it rained.", "present")
    assert (found["2000"], found["2050"], found["2018"]) == ("2000", "2050", "2018")
    assert values("It keeps a 2000 year old tradition.", "present") == {}
    assert values("FIFA World Cup 2018 day five: Spain win.", "present") == {"2018": "2018"}
    assert values('"[Ten] years ago, a browser was born."')["[Ten] years ago"] == "2009"
    assert "last years" not in values("The mayor in last years received refusals.")
    assert values("Prices rose in the past year.")["the past year"] == "P1Y"


def test_a_one_word_repeat_describes_and_is_no_row() -> None:
    text = "They hold annual summits and meet every Sunday."
    analysis = Analysis(
        reference_date=NOV.isoformat(),
        times=find_times(text, NOV, [ModelSentence(0, len(text), "present")]),
    )
    assert [r.label for r in fact_rows(analysis) if r.group == "When"] == ["Every Sunday"]


def test_the_opening_event_outranks_a_list_of_one_kind() -> None:
    lead = "The election was held in Hong Kong on Sunday. "
    results = "".join(f"Lee{i} was elected in Kowloon on Monday. " for i in range(8))
    text = lead + " " * 700 + results
    sentences, start = [], 0
    for piece in text.split(". "):
        sentences.append(ModelSentence(start, start + len(piece) + 1, "past"))
        start += len(piece) + 2
    names = [entity(text, "Hong Kong", "place"), entity(text, "Kowloon", "place")]
    names += [entity(text, f"Lee{i}", "person") for i in range(8)]
    found = find_events(text, sentences, names, find_times(text, NOV, sentences), NOV)
    assert (found[0].kind, found[0].where, found[0].when) == (
        "election",
        ["Hong Kong"],
        "2019-11-17",
    )
    assert len(found) <= MAX_EVENTS


def sentences_of(text: str, tense: str = "past") -> list[ModelSentence]:
    found, start = [], 0
    for piece in text.split(". "):
        found.append(ModelSentence(start, start + len(piece) + 1, tense))
        start += len(piece) + 2
    return found


def test_an_event_named_again_dates_what_it_led_to() -> None:
    """ "The meeting resulted in the signing of ...": the signing happened on the meeting's day."""
    text = (
        "Acme and Beta met in Oslo on Monday. "
        "The meeting resulted in the signing of two agreements at the Tromso plant."
    )
    names = [
        entity(text, "Acme", "organisation"),
        entity(text, "Beta", "organisation"),
        entity(text, "Oslo", "place"),
        entity(text, "Tromso", "place"),
    ]
    found = find_events(
        text, sentences_of(text), names, find_times(text, NOV, sentences_of(text)), NOV
    )
    assert [(e.kind, e.when) for e in found if e.kind == "agreement"] == [
        ("agreement", "2019-11-18")
    ]


def test_an_event_that_is_the_object_of_another_is_part_of_it() -> None:
    text = "Acme invited Beta to visit Oslo next year."
    assert [
        kind for kind, _, _ in events(text, "past", ("Acme", "organisation"), ("Oslo", "place"))
    ] == ["invitation"]
    text = "Acme resumed talks on a free trade agreement with Beta in Oslo."
    assert [
        kind for kind, _, _ in events(text, "past", ("Acme", "organisation"), ("Oslo", "place"))
    ] == ["negotiation"]


def test_each_kind_shows_before_a_second_of_any_kind() -> None:
    text = (
        "Acme met Beta in Oslo on Monday. Acme met Gamma in Oslo on Tuesday. "
        "Acme signed a deal in Bergen."
    )
    names = [entity(text, n, "organisation") for n in ("Acme", "Beta", "Gamma")]
    names += [entity(text, "Oslo", "place"), entity(text, "Bergen", "place")]
    found = find_events(
        text, sentences_of(text), names, find_times(text, NOV, sentences_of(text)), NOV
    )
    assert [e.kind for e in found][:2] == ["meeting", "agreement"]
