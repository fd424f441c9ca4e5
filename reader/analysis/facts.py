"""Key facts: counts, money and percentages with what they measure; events (visits, meetings,
summits, agreements, invitations, negotiations, elections, attacks...) with who, where and when."""

from __future__ import annotations

import re
from datetime import date

from reader.analysis.backend import ModelSentence, SentenceIndex
from reader.analysis.events import find_events
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
    ranges_done: set[str] = set()
    for time in times:
        if time.type not in {"DATE", "TIME"} or time.value is None or time.range in ranges_done:
            continue
        sentence = index.at(time.start)
        span = Span(sentence.start, sentence.end) if sentence else Span(time.start, time.end)
        first, _, last = (time.range or "").partition("/")
        end_value = last or time.end_value  # "from 2004 to 2009": one range fact for both ends
        if time.range:
            ranges_done.add(time.range)
        facts.append(
            Fact(
                "range" if end_value else "date",
                time.text,
                first or time.value,
                time.start,
                time.end,
                span,
                end_value=end_value,
                sentences=[span],
                when=(first or time.value) + (f"/{end_value}" if end_value else ""),
            )
        )
    facts += find_events(text, sentences, entities, times, reference)
    return _rank(_merge(facts))


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
            return 0, 0  # events keep the order find_events ranked them in (sorted is stable)
        return group, fact.start

    return sorted(facts, key=key)
