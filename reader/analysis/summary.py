"""Key facts as a reader sees them: grouped rows (When, Events, Numbers, Entities), each linked
to the text it came from. Shared by the TUI sidebar, `reader facts` and the Markdown export."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.analysis.model import Analysis, Fact, TimeExpression
from reader.analysis.timex.words import human_value, say, say_set

GROUPS = ("When", "Events", "Numbers", "Entities")
TIME_FACTS = {"date", "range", "duration"}
EVENTS_SHOWN = 6  # the events come ranked: a reader sees the few that matter
NUMBER_FACTS = {"count", "money", "percent", "quantity"}


@dataclass(slots=True)
class FactRow:
    group: str
    label: str  # the headline of the row: a resolved value or an event
    detail: str  # the phrase as written, or who/where/when
    spans: list[tuple[int, int]] = field(default_factory=list)  # what to mark when chosen
    sentence: tuple[int, int] | None = None


def human_amount(value: object) -> str:
    """12000 -> "12,000", 20000000000 -> "20 billion", 1.5e6 -> "1.5 million"."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size and round(value / size, 2) * size == value:
            return f"{value / size:g} {word}"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.10g}"


def amount_label(fact: Fact) -> str:
    """How a count, sum or share reads: "12,000 people", "USD 20 billion", "2.3%"."""
    amount = human_amount(fact.value)
    if fact.kind in NUMBER_FACTS and isinstance(fact.end_value, int | float):
        amount = f"{amount} – {human_amount(fact.end_value)}"  # "$3-4bn": 3 billion – 4 billion
    if fact.kind == "percent":
        return f"{amount}%"
    if fact.kind == "money" and fact.about and fact.about.isupper() and len(fact.about) == 3:
        return f"{fact.about} {amount}"  # a currency code goes first
    return f"{amount} {fact.about}" if fact.about else amount


def _range_label(start: str | None, end: str | None) -> str:
    return f"{human_value(start)} – {human_value(end)}"


def _time_label(time: TimeExpression) -> str | None:
    """What the When row says: words for the value, or None when there are none to say (the
    row is then left out rather than show a code)."""
    if time.type == "SET":
        words = say_set(time.value)
        return words[0].upper() + words[1:] if words else None
    if time.range:
        first, _, last = time.range.partition("/")
        return _range_label(first, last)
    if time.end_value:
        return _range_label(time.value, time.end_value)
    if time.value is None or time.value.startswith("XXXX"):
        # the phrase beside it says which day or month; the label says why no date
        return f"date unknown ({time.reason or 'no article date'})"
    return say(time.value, time.mod)


def _when_rows(analysis: Analysis) -> list[FactRow]:
    rows: list[FactRow] = []
    ranges: dict[str, FactRow] = {}
    for time in analysis.times:
        if time.type == "DURATION" and not time.end_value:
            continue
        if time.type == "SET" and " " not in time.text:
            continue  # "annual summits", "daily flights": the word describes, it says no when
        if time.range in ranges:  # the second end of "from 2004 to 2009": one row for both
            ranges[time.range].spans.append((time.start, time.end))
            ranges[time.range].detail = ranges[time.range].detail[:-1] + f" … {time.text}”"
            continue
        label = _time_label(time)
        if label is None:
            continue
        same = next((r for r in rows if r.label == label and r.detail == f"“{time.text}”"), None)
        if same is not None:  # "on Wednesday" said twice is one row marking both places
            same.spans.append((time.start, time.end))
            continue
        rows.append(FactRow("When", label, f"“{time.text}”", [(time.start, time.end)]))
        if time.range:
            ranges[time.range] = rows[-1]
    return rows


def _event_detail(fact: Fact) -> str:
    parts = []
    if fact.who:
        parts.append(", ".join(fact.who))
    if fact.where:
        parts.append("in " + ", ".join(fact.where))
    if fact.when:
        start, _, end = fact.when.partition("/")
        when = _range_label(start, end) if end else say(start)
        if when:
            parts.append(when)
    if fact.state:
        parts.append(fact.state)
    return " · ".join(parts) or f"“{fact.text}”"


def _event_label(fact: Fact) -> str:
    label = fact.kind.capitalize()
    if fact.relation:
        label = f"{fact.relation.capitalize()} {fact.kind}"
    if fact.about:
        label += f": {fact.about}"
    return label


def _add(rows: list[FactRow], row: FactRow) -> None:
    """A fact reported twice in the same words is one row that marks both places."""
    twin = next(
        (r for r in rows if (r.group, r.label, r.detail) == (row.group, row.label, row.detail)),
        None,
    )
    if twin is None:
        rows.append(row)
    else:
        twin.spans.extend(span for span in row.spans if span not in twin.spans)


def fact_rows(analysis: Analysis) -> list[FactRow]:
    rows = _when_rows(analysis)
    for fact in analysis.facts:
        sentence = (fact.sentence.start, fact.sentence.end)
        if fact.kind in TIME_FACTS:
            continue
        if fact.kind in NUMBER_FACTS:
            _add(
                rows,
                FactRow(
                    "Numbers",
                    amount_label(fact),
                    f"“{fact.text}”",
                    [(fact.start, fact.end)],
                    sentence,
                ),
            )
        elif sum(r.group == "Events" for r in rows) < EVENTS_SHOWN:
            _add(
                rows,
                FactRow("Events", _event_label(fact), _event_detail(fact), [sentence], sentence),
            )
    for entity in sorted(analysis.entities, key=lambda e: (-len(e.mentions), e.name)):
        detail = f"{entity.kind}, {len(entity.mentions)}×"
        if entity.role:
            detail = f"{entity.role} · {detail}"
        rows.append(
            FactRow("Entities", entity.name, detail, [(m.start, m.end) for m in entity.mentions])
        )
    return rows
