"""Events (visits, meetings, summits, agreements, invitations, negotiations, elections,
attacks...) with who, where and when, as few and as right as the text allows.

An event is kept only when its trigger is an event word in that sentence (not "a great deal",
"votes" counted, "meet demand"), when its own clause names at least one participant, place or
date, and when the state its tense gives agrees with its date. What is kept is ranked: the
best-attested first, at most MAX_EVENTS of them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from reader.analysis.backend import ModelSentence
from reader.analysis.model import Entity, Fact, Span, TimeExpression

MAX_EVENTS = 12  # in the analysis; the sidebar shows fewer (summary.EVENTS_SHOWN)
ICASE = re.IGNORECASE
EVENTS: list[tuple[str, re.Pattern[str]]] = [
    ("invitation", re.compile(r"\binvit(?:ed|ation|es|e|ing)\b", ICASE)),
    ("summit", re.compile(r"\bsummits?\b", ICASE)),
    (
        "agreement",
        re.compile(
            r"\b(?:signed|signing|agreements?|(?<!great )(?<!good )deals?(?! with)|protocols?"
            r"|treat(?:y|ies)|accords?|agreed (?:to|on|a|an|the)\b)",
            ICASE,
        ),
    ),
    ("negotiation", re.compile(r"\bnegotiat\w*|\btalks\b(?! with)", ICASE)),
    (
        "meeting",
        re.compile(
            r"\b(?:met|meet|meets|meeting|talks with|held talks)\b(?!\s+(?:with\s+)?(?:the\s+)?"
            r"(?:demand|target|needs|criteria|deadline|standards?|requirements|expectations"
            r"|criticism|opposition|resistance|protests?|scepticism|skepticism)\b)",
            ICASE,
        ),
    ),
    ("visit", re.compile(r"\b(?:visit(?:s|ed|ing)?|trip|tour)\b", ICASE)),
    ("election", re.compile(r"\b(?:elections?|elected|re-elected)\b", ICASE)),
    (
        "attack",
        re.compile(r"\b(?:attack(?:s|ed)?|bombing|air ?strikes?|shelling|explosion)\b", ICASE),
    ),
    (
        "vote",
        re.compile(r"\b(?:voted|voting|vote (?:on|for|against|to|in)|(?:a|the) vote)\b", ICASE),
    ),
    ("announcement", re.compile(r"\bannounc(?:ed|es|ement)\b", ICASE)),
    ("conference", re.compile(r"\b(?:conference|forum)\b", ICASE)),
    ("hearing", re.compile(r"\bhearings?\b", ICASE)),
    (
        "match",
        re.compile(
            r"\b(?:match|fixture|(?:semi-|quarter-)?final)\b(?!\s+(?:say|word|decision))", ICASE
        ),
    ),
]
# "Beat", "won" and "defeated" are matches only with a score or a sport beside them: "won
# the vote" and "won the election" are not.
RESULT = re.compile(
    r"\b(?:beat|beating|defeated|won|drew)\b(?:[^.]*?\b\d{1,2}\s?[-–]\s?\d{1,2}\b"
    r"|(?:\s+[\w'’,-]+){0,4}?\s+(?:metres|meters|race|title|cup|final|match|game|gold|medal"
    r"|championships?|tournament|grand prix|stage|league|trophy|derby|bout|fight)\b)",
    ICASE,
)
# The trigger's own tense, when it has one: "met", "signed" are past; "will meet", "to visit"
# lie ahead. A date in the clause that says otherwise is not the event's date.
TRIGGER_AHEAD = re.compile(
    r"\b(?:will|would|shall|to|'ll|going to|plans? to|set to|due to)\s+(?:\w+\s+)?$", ICASE
)
TRIGGER_PAST = re.compile(r"^(?:\w+ed|met|held|won|beat)$", ICASE)
PASSIVE_OR_AHEAD = re.compile(r"\b(?:be|been|being|is|are|will|would|to)\s+(?:\w+\s+)?$", ICASE)
# "..., the ministry said on Monday": the date of the saying, not of the event
SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|added|announced)(?:\s+[A-Z][\w.]*){0,2}\s+(?:on\s+|late\s+)?$"
)
RELATIONS = re.compile(
    r"\b(most recent|latest|last|next|previous|first|upcoming|forthcoming)\s+"
    r"(?:(?:annual|bilateral|joint|round of|official)\s+)?$",
    ICASE,
)
# Where a clause ends inside a sentence: the event's who, where and when come from its own.
CLAUSE_BREAK = re.compile(
    r"\n\s*\n|;|:|\s[—–]\s|\(|\)|,\s+(?:and|but|while|whereas|although|though|as|which|who)\b"
    r"|\b(?:while|whereas|although|because)\b",
    ICASE,
)
# A news agency or a source is no participant: "(Reuters)", "according to the ministry".
SOURCE_BEFORE = re.compile(r"(?:according to|told|reported by|\(|via|said)\s+(?:the\s+)?$", ICASE)
SOURCE_AFTER = re.compile(r"^\s*(?:reported|reports|reporting|said|says|\))", ICASE)
# "The meeting resulted in the signing of ...": an event named again by a definite noun. An event
# with no date of its own in such a sentence happened when the named one did.
REFERENCE = re.compile(r"\b(?:the|this|that|these|those)\s+((?:[\w-]+\s+){1,2})", ICASE)
# An event that is the object of another is part of it: "invited Modi to visit Russia" is one
# invitation, "talks on a free trade agreement" one negotiation.
GOVERNS = {"invitation": {"visit", "meeting", "summit"}, "negotiation": {"agreement"}}
GOVERNED_WITHIN = 60  # characters from the governing trigger
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
REFS = {"PRESENT_REF": "ongoing", "PAST_REF": "happened", "FUTURE_REF": "planned"}


@dataclass(slots=True)
class Clause:
    start: int
    end: int


def find_events(
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
        triggers = _triggers(body)
        for kind, start, end in triggers:
            if kind in kinds_here or _governed(kind, start, body, triggers):
                continue
            where_in_text = (sentence.start + start, sentence.start + end)
            event = _event(kind, text, sentence, where_in_text, entities, times, reference)
            if event is not None:
                if event.when is None:
                    _date_by_reference(event, body[:start], events)
                kinds_here.add(kind)
                events.append(event)
    return _ranked(events, len(text))


def _governed(kind: str, start: int, body: str, triggers: list[tuple[str, int, int]]) -> bool:
    """The trigger names what an earlier trigger of its sentence is about."""
    return any(
        kind in GOVERNS.get(other, set())
        and other_end <= start < other_end + GOVERNED_WITHIN
        and not CLAUSE_BREAK.search(body, other_end, start)
        for other, _, other_end in triggers
    )


def _date_by_reference(event: Fact, before_trigger: str, earlier: list[Fact]) -> None:
    """Give `event` the date of the earlier event its sentence names ("the meeting")."""
    for match in REFERENCE.finditer(before_trigger):
        words = match.group(1).split()  # "the meeting", "the bilateral meeting"
        kinds = {kind for kind, pattern in EVENTS for word in words if pattern.fullmatch(word)}
        named = [e for e in earlier if e.kind in kinds and e.when is not None]
        if named:
            event.when, event.when_text = named[-1].when, named[-1].when_text
            return


def _triggers(body: str) -> list[tuple[str, int, int]]:
    found = []
    for kind, pattern in EVENTS:
        match = pattern.search(body)
        if match is not None:
            found.append((kind, match.start(), match.end()))
    result = RESULT.search(body)
    if result is not None and not any(kind == "match" for kind, _, _ in found):
        found.append(("match", result.start(), result.start() + len(result.group(0).split()[0])))
    kinds = {kind for kind, _, _ in found}
    if kinds & {"match", "summit"}:  # "met for a summit", "the Diamond League meeting"
        found = [f for f in found if f[0] != "meeting"]
    return sorted(found, key=lambda f: f[1])


def _clause(text: str, sentence: ModelSentence, start: int, end: int) -> Clause:
    breaks = [m for m in CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    first = max((m.end() for m in breaks if m.end() <= start), default=sentence.start)
    last = min((m.start() for m in breaks if m.start() >= end), default=sentence.end)
    return Clause(first, last)


def _event(
    kind: str,
    text: str,
    sentence: ModelSentence,
    where_in_text: tuple[int, int],
    entities: list[Entity],
    times: list[TimeExpression],
    reference: date | None,
) -> Fact | None:
    start, end = where_in_text
    clause = _clause(text, sentence, start, end)
    inside = sorted(
        (
            (m.start, e)
            for e in entities
            for m in e.mentions
            if clause.start <= m.start < clause.end and not _a_source(text, m.start, m.end)
        ),
        key=lambda pair: pair[0],
    )
    who = _unique([e.name for _, e in inside if e.kind in {"person", "organisation"}])
    where = _unique([e.name for _, e in inside if e.kind == "place"])
    when_time = _when(times, clause, start, text, kind)
    sentence_text = text[sentence.start : sentence.end]
    # an invitation is issued now for a later date: its date is the invited event's
    by_date = (
        None if kind == "invitation" or when_time is None else _state_by_date(when_time, reference)
    )
    own = _trigger_tense(text, sentence.start, start, end)
    if by_date is not None and own is not None and _disagree(by_date, own):
        when_time, by_date = None, None  # the date in its clause is not the event's
    by_tense = own or _state_by_words(sentence_text, sentence.tense, quoted=when_time is not None)
    if not who and not where and when_time is None:
        return None  # nobody, nowhere, no time: a word, not an event
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
        when=_when_value(when_time),
        when_text=when_time.text if when_time else None,
        state=by_date or by_tense,
        relation=relation_match.group(1).lower() if relation_match else None,
        sentences=[span],
    )


def _a_source(text: str, start: int, end: int) -> bool:
    return bool(
        SOURCE_BEFORE.search(text, max(0, start - 20), start) or SOURCE_AFTER.match(text, end)
    )


def _trigger_tense(text: str, sentence_start: int, start: int, end: int) -> str | None:
    """ "happened" or "planned" when the trigger word itself says so, else None."""
    before = text[max(sentence_start, start - 24) : start]
    if TRIGGER_AHEAD.search(before):
        return "planned"
    if TRIGGER_PAST.match(text[start:end]) and not PASSIVE_OR_AHEAD.search(before):
        return "happened"
    return None


def _when(
    times: list[TimeExpression], clause: Clause, trigger: int, text: str, kind: str
) -> TimeExpression | None:
    """The date or time in the event's clause nearest its trigger; a duration is no date, nor
    is the day a source said so."""
    here = [
        t
        for t in times
        if clause.start <= t.start < clause.end
        and t.type in {"DATE", "TIME"}
        and t.value
        and not t.value.startswith("XXXX")
        and (kind == "announcement" or not SAID_BEFORE.search(text, max(0, t.start - 20), t.start))
    ]
    return min(here, key=lambda t: abs(t.start - trigger)) if here else None


def _when_value(time: TimeExpression | None) -> str | None:
    if time is None or time.value is None:
        return None
    if time.range:
        return time.range
    return time.value + (f"/{time.end_value}" if time.end_value else "")


def _disagree(by_date: str, by_tense: str) -> bool:
    """ "Will meet" with a date already past, "met" with one still ahead."""
    ahead = {"planned", "expected"}
    return (by_date == "happened" and by_tense in ahead) or (
        by_date in ahead and by_tense == "happened"
    )


def _state_by_words(sentence_text: str, tense: str, quoted: bool) -> str:
    """Whether the event happened, is on, or lies ahead, by its sentence's words. Without a
    date, "we will..." in a quote is often the only sign that the event lies ahead, so quotes
    count; with a date, quotes speak of something else."""
    lowered = (QUOTED.sub(" ", sentence_text) if quoted else sentence_text).lower()
    if re.search(r"\bresum\w*", lowered):
        return "resumed"
    if re.search(r"\bexpected\b|\bexpects?\b|\blikely\b", lowered):
        return "expected"
    if tense == "future" or re.search(r"\bplan(?:s|ned)?\b|\bscheduled\b|\bwill\b", lowered):
        return "planned"
    if tense == "past":
        return "happened"
    return "ongoing"


def _state_by_date(time: TimeExpression, reference: date | None) -> str | None:
    """The state the calendar gives: a date after the article's is ahead, one before it past;
    "now", "recently", "in the future" say so in words."""
    value = _when_value(time)
    if value in REFS:
        return REFS[value]
    if not value or reference is None:
        return None
    start, _, end = value.partition("/")
    first, last = _bounds(start), _bounds(end or start)
    if first is None or last is None:
        return None
    if first[0] > reference:
        return "planned"
    if last[1] < reference:
        return "happened"
    return None  # the reference date falls inside: the wording says more than the calendar


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _bounds(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value covers (2024 -> Jan 1 .. Dec 31, 2020-SP ->
    Mar 1 .. May 31, 2019-W47 -> its Monday .. Sunday, 196 -> the 1960s)."""
    value = value.split("T")[0]
    try:
        return _calendar_bounds(value)
    except ValueError:
        return None


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), date(
        end_year, end_month, calendar.monthrange(end_year, end_month)[1]
    )


def _calendar_bounds(value: str) -> tuple[date, date] | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = date.fromisoformat(value)
        return day, day
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return _months(int(value[:4]), int(value[5:]), int(value[5:]))
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), date(int(value), 12, 31)
    week = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if week:
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        first = monday + timedelta(days=5 if week[3] else 0)
        return first, monday + timedelta(days=6)
    part = re.fullmatch(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)", value)
    if part:
        year, code = int(part[1]), part[2]
        if code in SEASON_MONTHS:
            return _months(year, *SEASON_MONTHS[code])
        size = 3 if code[0] == "Q" else 6
        index = int(code[1]) - 1
        return _months(year, index * size + 1, index * size + size)
    if re.fullmatch(r"\d{3}", value):
        return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    return None


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _ranked(events: list[Fact], length: int) -> list[Fact]:
    """The best-attested events first: a date, someone, a place, a stated relation, and a place
    in the article's opening (where news puts what matters); each kind's best comes before any
    kind's second, so a long list of one kind (every result of an election) gives way to the
    other kinds. At most MAX_EVENTS."""

    def score(event: Fact) -> int:
        return (
            3 * bool(event.when)
            + 2 * bool(event.who)
            + 2 * bool(event.where)
            + bool(event.relation)
            + 2 * (event.start < max(600, length // 5))
        )

    best = sorted(events, key=lambda e: (-score(e), e.start))
    seen: dict[str, int] = {}
    first: list[Fact] = []
    rest: list[Fact] = []
    for event in best:
        seen[event.kind] = seen.get(event.kind, 0) + 1
        (first if seen[event.kind] <= 1 else rest).append(event)
    return (first + rest)[:MAX_EVENTS]
