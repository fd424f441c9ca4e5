"""Key facts: counts, money and percentages with what they measure; events (visits, meetings,
summits, agreements, invitations, negotiations, elections, attacks...) with who, where and when."""

from __future__ import annotations

import calendar
import re
from datetime import date

from reader.analysis.backend import ModelSentence, SentenceIndex
from reader.analysis.model import Entity, Fact, NumberExpression, Span, TimeExpression
from reader.analysis.numbers import find_numbers

__all__ = ["find_facts", "find_numbers"]

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
                end_value=number.end_value,
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
