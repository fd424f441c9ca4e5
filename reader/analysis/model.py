"""What analysis produces: entities with mentions, TIMEX3 times, numbers and facts.

Offsets are Unicode code points into the analysed text. `to_json` is the documented, versioned
shape printed by `reader analyse` and `reader facts --json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1
ENTITY_KINDS = ("person", "place", "organisation")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity:
    name: str
    kind: str  # person | place | organisation
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TIMEX3 value, None when it cannot be resolved
    end_value: str | None = None  # ranges: the end's value
    reason: str | None = None  # why the value is missing or partial
    duration: str | None = None  # "P5D" when the text states one ("a five-day visit")
    # "from 2004 to 2009": TIMEX3 marks each end, and both ends carry the whole, "2004/2009"
    range: str | None = None
    mod: str | None = None  # TIMEX3 mod: START, MID, END ("the end of the year"), APPROX


@dataclass(slots=True)
class NumberExpression:
    start: int
    end: int
    text: str
    kind: str  # count | money | percent | quantity | ordinal
    value: float | int
    unit: str | None = None
    counted: str | None = None  # what a count counts: "annual summits"
    end_value: float | int | None = None  # a range's upper end: "$3-4bn" is 3e9 to 4e9


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Fact:
    kind: str  # date | range | count | money | percent | visit | meeting | summit | ...
    text: str  # the phrase as written
    value: Any  # resolved value: TIMEX3 string, number, or a short description
    start: int
    end: int
    sentence: Span
    who: list[str] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    when: str | None = None  # a TIMEX3 value (or "start/end" for a range)
    when_text: str | None = None
    end_value: Any = None
    about: str | None = None  # what the fact is about: the counted thing, the event's object
    state: str | None = None  # planned | happened | resumed | expected | ...
    relation: str | None = None  # most recent | next | previous | first | ...
    sentences: list[Span] = field(default_factory=list)  # every sentence reporting it


@dataclass(slots=True)
class Analysis:
    reference_date: str | None
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    numbers: list[NumberExpression] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "version": SCHEMA_VERSION,
            "reference_date": self.reference_date,
            "entities": [
                {
                    "name": e.name,
                    "kind": e.kind,
                    "role": e.role,
                    "mentions": [
                        {"start": m.start, "end": m.end, "text": m.text} for m in e.mentions
                    ],
                }
                for e in self.entities
            ],
            "times": [
                {
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "type": t.type,
                    "value": t.value,
                    "end_value": t.end_value,
                    "duration": t.duration,
                    "reason": t.reason,
                    "range": t.range,
                    "mod": t.mod,
                }
                for t in self.times
            ],
            "numbers": [
                {
                    "start": n.start,
                    "end": n.end,
                    "text": n.text,
                    "kind": n.kind,
                    "value": n.value,
                    "unit": n.unit,
                    "counted": n.counted,
                    "end_value": n.end_value,
                }
                for n in self.numbers
            ],
            "facts": [_fact_json(f) for f in self.facts],
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            **({"error": self.error} if self.error else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            reference_date=data.get("reference_date"),
            entities=[
                Entity(
                    e["name"],
                    e["kind"],
                    e.get("role"),
                    [Mention(m["start"], m["end"], m["text"]) for m in e["mentions"]],
                )
                for e in data.get("entities", [])
            ],
            times=[
                TimeExpression(
                    t["start"],
                    t["end"],
                    t["text"],
                    t["type"],
                    t.get("value"),
                    t.get("end_value"),
                    t.get("reason"),
                    t.get("duration"),
                    t.get("range"),
                    t.get("mod"),
                )
                for t in data.get("times", [])
            ],
            numbers=[
                NumberExpression(
                    n["start"],
                    n["end"],
                    n["text"],
                    n["kind"],
                    n["value"],
                    n.get("unit"),
                    n.get("counted"),
                    n.get("end_value"),
                )
                for n in data.get("numbers", [])
            ],
            facts=[_fact_from_json(f) for f in data.get("facts", [])],
            sentences=[Span(s["start"], s["end"]) for s in data.get("sentences", [])],
            error=data.get("error"),
        )


def _fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "text": fact.text,
        "value": fact.value,
        "end_value": fact.end_value,
        "start": fact.start,
        "end": fact.end,
        "sentence": {"start": fact.sentence.start, "end": fact.sentence.end},
        "who": fact.who,
        "where": fact.where,
        "when": fact.when,
        "when_text": fact.when_text,
        "about": fact.about,
        "state": fact.state,
        "relation": fact.relation,
        "sentences": [{"start": s.start, "end": s.end} for s in fact.sentences],
    }


def _fact_from_json(data: dict[str, Any]) -> Fact:
    return Fact(
        kind=data["kind"],
        text=data["text"],
        value=data.get("value"),
        start=data["start"],
        end=data["end"],
        sentence=Span(data["sentence"]["start"], data["sentence"]["end"]),
        who=list(data.get("who") or []),
        where=list(data.get("where") or []),
        when=data.get("when"),
        when_text=data.get("when_text"),
        end_value=data.get("end_value"),
        about=data.get("about"),
        state=data.get("state"),
        relation=data.get("relation"),
        sentences=[Span(s["start"], s["end"]) for s in data.get("sentences", [])],
    )
