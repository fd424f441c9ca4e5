"""Key facts: counts, money and percentages with what they measure; events (visits, meetings,
summits, agreements, invitations, negotiations, elections, attacks...) with who, where and when."""

from __future__ import annotations

import calendar
import re
from datetime import date

from reader.analysis.backend import ModelSentence, SentenceIndex
from reader.analysis.model import Entity, Fact, NumberExpression, Span, TimeExpression
from reader.analysis.numwords import number_value
from reader.analysis.timex import NUM

AMOUNT = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUM[3:-1]}|twenty-one|[a-z]+-[a-z]+)"
SCALE = r"(?:\s(?:hundred|thousand|million|billion|trillion|mn|bn))?"
CURRENCY_WORDS = r"(?:dollars|euros|pounds|rupees|yuan|yen|roubles|rubles|francs|pesos|shillings)"
# Plurals without an s that news counts all the time ("29 people", "three children").
IRREGULAR_PLURALS = r"people|children|men|women|police|staff|personnel|cattle|livestock|feet|teeth"
COUNT = re.compile(
    rf"\b(?P<n>{AMOUNT}{SCALE})\s"
    rf"(?P<what>(?:[a-z][\w-]*\s){{0,2}}(?:[a-z][\w-]*s|{IRREGULAR_PLURALS}))\b",
    re.IGNORECASE,
)
MONEY = re.compile(
    rf"(?P<cur>US\$|\$|€|£|¥|₹)\s?(?P<n>\d[\d,.]*{SCALE})"
    rf"|\b(?P<n2>{AMOUNT}{SCALE})\s(?P<cur2>{CURRENCY_WORDS})\b",
    re.IGNORECASE,
)
PERCENT = re.compile(rf"\b(?P<n>{AMOUNT})\s?(?:%|per ?cent\b)", re.IGNORECASE)
NOT_COUNTED = {
    "times",
    "years",
    "days",
    "months",
    "weeks",
    "hours",
    "minutes",
    "seconds",
    "decades",
    "centuries",
    "percent",
    "others",
    "ones",
    "sides",
    "is",
    "was",
    "has",
}
# What a count counts is a noun phrase; one that opens on a function word is not one.
NOT_A_NOUN_START = {
    "on", "in", "at", "of", "for", "to", "by", "with", "from", "into", "onto", "over", "under",
    "and", "or", "but", "than", "as", "per", "the", "a", "an", "this", "that", "these", "those",
    "his", "her", "its", "their", "our", "my", "your", "who", "which", "were", "are", "had",
}  # fmt: skip
SCORE_BEFORE = re.compile(r"\d\s?[-–]\s?$")  # the 4 of a score such as "5-4"
CURRENCY_CODES = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "dollars": "USD",
    "euros": "EUR",
    "pounds": "GBP",
    "rupees": "INR",
    "yuan": "CNY",
    "yen": "JPY",
    "roubles": "RUB",
    "rubles": "RUB",
}

EVENTS: list[tuple[str, re.Pattern[str]]] = [
    ("invitation", re.compile(r"\binvit(?:ed|ation|es|e|ing)\b", re.I)),
    ("summit", re.compile(r"\bsummits?\b", re.I)),
    (
        "agreement",
        re.compile(
            r"\b(?:sign(?:ed|ing|s)?|agreements?|deals?|protocols?|treat(?:y|ies)"
            r"|accords?|agreed)\b",
            re.I,
        ),
    ),
    ("negotiation", re.compile(r"\bnegotiat\w*|\btalks\b(?! with)", re.I)),
    ("meeting", re.compile(r"\b(?:met|meet|meets|meeting|talks with|held talks)\b", re.I)),
    ("visit", re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|tour)\b", re.I)),
    ("election", re.compile(r"\b(?:elections?|elected|re-elected|polls?)\b", re.I)),
    (
        "attack",
        re.compile(r"\b(?:attack(?:s|ed)?|bombing|air ?strikes?|shelling|explosion)\b", re.I),
    ),
    ("vote", re.compile(r"\bvot(?:e|ed|es)\b", re.I)),
    ("announcement", re.compile(r"\bannounc(?:ed|es|ement)\b", re.I)),
    ("conference", re.compile(r"\b(?:conference|forum)\b", re.I)),
    ("hearing", re.compile(r"\bhearings?\b", re.I)),
    ("match", re.compile(r"\b(?:final|match|beat|beating|won|defeated)\b", re.I)),
]
RELATIONS = re.compile(
    r"\b(most recent|latest|last|next|previous|first|upcoming|forthcoming)\s+"
    r"(?:(?:annual|bilateral|joint|round of|official)\s+)?$",
    re.I,
)


def find_numbers(text: str, times: list[TimeExpression]) -> list[NumberExpression]:
    taken = [(t.start, t.end) for t in times]
    found: list[NumberExpression] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for match in MONEY.finditer(text):
        amount = number_value((match["n"] or match["n2"]).replace(",", ""))
        if amount is None or not free(match.start(), match.end()):
            continue
        currency = match["cur"] or match["cur2"]
        found.append(
            NumberExpression(
                match.start(),
                match.end(),
                match.group(0),
                "money",
                _tidy(amount),
                CURRENCY_CODES.get(currency.lower(), currency),
            )
        )
        taken.append((match.start(), match.end()))
    for match in PERCENT.finditer(text):
        amount = number_value(match["n"])
        if amount is None or not free(match.start(), match.end()):
            continue
        found.append(
            NumberExpression(
                match.start(), match.end(), match.group(0), "percent", _tidy(amount), "%"
            )
        )
        taken.append((match.start(), match.end()))
    for match in COUNT.finditer(text):
        words = match["what"].split()
        if words[-1].lower() in NOT_COUNTED or not free(match.start(), match.end("n")):
            continue
        if words[0].lower() in NOT_A_NOUN_START or SCORE_BEFORE.search(
            text, max(0, match.start() - 3), match.start()
        ):
            continue  # "5-4 on penalties", "3 of the ministers": not a count of something
        amount = number_value(match["n"])
        if amount is None or (amount < 2 and not match["n"][0].isdigit()):
            continue
        found.append(
            NumberExpression(
                match.start(),
                match.end(),
                match.group(0),
                "count",
                _tidy(amount),
                None,
                match["what"],
            )
        )
        taken.append((match.start(), match.end()))
    return sorted(found, key=lambda n: n.start)


def _tidy(value: float) -> int | float:
    return int(value) if value == int(value) else value


def find_facts(
    text: str,
    sentences: list[ModelSentence],
    entities: list[Entity],
    times: list[TimeExpression],
    numbers: list[NumberExpression],
    reference: date | None = None,
) -> list[Fact]:
    index = SentenceIndex(sentences)
    facts: list[Fact] = []
    for number in numbers:
        sentence = index.at(number.start)
        span = Span(sentence.start, sentence.end) if sentence else Span(number.start, number.end)
        facts.append(
            Fact(
                number.kind,
                number.text,
                number.value,
                number.start,
                number.end,
                span,
                about=number.counted or number.unit,
                sentences=[span],
            )
        )
    for time in times:
        if time.type not in {"DATE", "TIME"} or time.value is None:
            continue
        sentence = index.at(time.start)
        span = Span(sentence.start, sentence.end) if sentence else Span(time.start, time.end)
        kind = "range" if time.end_value else "date"
        facts.append(
            Fact(
                kind,
                time.text,
                time.value,
                time.start,
                time.end,
                span,
                end_value=time.end_value,
                sentences=[span],
                when=time.value + (f"/{time.end_value}" if time.end_value else ""),
            )
        )
    facts += _events(text, sentences, entities, times, reference)
    return _rank(_merge(facts))


def _events(
    text: str,
    sentences: list[ModelSentence],
    entities: list[Entity],
    times: list[TimeExpression],
    reference: date | None,
) -> list[Fact]:
    events: list[Fact] = []
    for sentence in sentences:
        body = text[sentence.start : sentence.end]
        kinds_here: set[str] = set()
        for kind, pattern in EVENTS:
            match = pattern.search(body)
            if match is None or kind in kinds_here:
                continue
            if kind == "meeting" and "summit" in kinds_here:
                continue
            kinds_here.add(kind)
            start, end = sentence.start + match.start(), sentence.start + match.end()
            events.append(_event(kind, text, sentence, (start, end), entities, times, reference))
    return events


def _event(
    kind: str,
    text: str,
    sentence: ModelSentence,
    where_in_text: tuple[int, int],
    entities: list[Entity],
    times: list[TimeExpression],
    reference: date | None,
) -> Fact:
    start, end = where_in_text
    inside = [
        (m.start, e)
        for e in entities
        for m in e.mentions
        if sentence.start <= m.start < sentence.end
    ]
    who = _unique(
        [
            e.name
            for _, e in sorted(inside, key=lambda x: x[0])
            if e.kind in {"person", "organisation"}
        ]
    )
    where = _unique([e.name for _, e in sorted(inside, key=lambda x: x[0]) if e.kind == "place"])
    when_times = [
        t
        for t in times
        if sentence.start <= t.start < sentence.end and t.type in {"DATE", "TIME"} and t.value
    ]
    when_time = min(when_times, key=lambda t: abs(t.start - start)) if when_times else None
    when = None
    if when_time is not None and when_time.value:
        when = when_time.value + (f"/{when_time.end_value}" if when_time.end_value else "")
    relation_match = RELATIONS.search(text[max(sentence.start, start - 40) : start])
    span = Span(sentence.start, sentence.end)
    return Fact(
        kind=kind,
        text=text[start:end],
        value=kind,
        start=start,
        end=end,
        sentence=span,
        who=who,
        where=where,
        when=when,
        when_text=when_time.text if when_time else None,
        # an invitation is issued now for a later date: its date is the invited event's
        state=_state(
            text[sentence.start : sentence.end],
            sentence.tense,
            None if kind == "invitation" else when,
            reference,
        ),
        relation=relation_match.group(1).lower() if relation_match else None,
        sentences=[span],
    )


QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def _state(sentence_text: str, tense: str, when: str | None, reference: date | None) -> str:
    """Whether the event happened, is on, or lies ahead. A resolved date against the article's
    own date decides first. Without a date, "we will..." in a quote is often the only sign that
    the event lies ahead, so quotes count; with a date, quotes speak of something else."""
    by_date = _state_by_date(when, reference)
    if by_date is not None:
        return by_date
    lowered = (QUOTED.sub(" ", sentence_text) if when else sentence_text).lower()
    if re.search(r"\bresum\w*", lowered):
        return "resumed"
    if re.search(r"\bexpected\b|\bexpects?\b|\blikely\b", lowered):
        return "expected"
    if tense == "future" or re.search(r"\bplan(?:s|ned)?\b|\bscheduled\b|\bwill\b", lowered):
        return "planned"
    if tense == "past":
        return "happened"
    return "ongoing"


def _state_by_date(when: str | None, reference: date | None) -> str | None:
    if not when or reference is None:
        return None
    start, _, end = when.partition("/")
    first, last = _bounds(start), _bounds(end or start)
    if first is None or last is None:
        return None
    if first[0] > reference:
        return "planned"
    if last[1] < reference:
        return "happened"
    return None  # the reference date falls inside: the wording says more than the calendar


def _bounds(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value covers (2024 -> Jan 1 .. Dec 31)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value)
            return day, day
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _merge(facts: list[Fact]) -> list[Fact]:
    """The same visit reported twice is one fact with two sentences."""
    merged: list[Fact] = []
    for fact in facts:
        twin = next(
            (
                m
                for m in merged
                if m.kind == fact.kind
                and m.value == fact.value
                and m.when == fact.when
                and set(m.who) == set(fact.who)
                and m.text.lower() == fact.text.lower()
                and m.sentence.start != fact.sentence.start
            ),
            None,
        )
        if twin is not None and fact.kind not in {"date", "range", "count", "money", "percent"}:
            twin.sentences.append(fact.sentence)
            continue
        merged.append(fact)
    return merged


def _rank(facts: list[Fact]) -> list[Fact]:
    def key(fact: Fact) -> tuple[int, int]:
        if fact.kind in {"date", "range"}:
            group = 3
        elif fact.kind in {"count", "money", "percent", "quantity"}:
            group = 2
        else:
            group = 0 if fact.when else 1
        return group, fact.start

    return sorted(facts, key=key)
