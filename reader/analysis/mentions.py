"""Mentions the model passed over: gazetteer places, known organisations, repeats of a name
and a person's surname alone."""

from __future__ import annotations

import re

from reader.analysis.knowledge import Knowledge, fold, knowledge
from reader.analysis.spans import PLACE_BEFORE, NameSpan, display_name, overlaps

_CAPITALISED_RUN = re.compile(r"(?<![\w-])[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}(?![\w-])")


_NOT_PLACE_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "police",
        "union",
        "university",
        "parliament",
        "government",
        "court",
        "council",
        "congress",
        "senate",
        "state",
        "city",
        "republic",
        "kingdom",
    ]
)


def gazetteer_places(text: str, spans: list[NameSpan], kb: Knowledge) -> list[NameSpan]:
    """Places the model missed or mislabelled, from the gazetteer. A name of two or more words
    ("French Guiana", "Addis Ababa") wins over a one-word person or organisation inside it; a
    one-word name counts only right after "in", "at", "through"... (plenty of towns are called
    "Nice" or "Reading"), and never a month, a weekday or a word like "Police"."""
    kept = list(spans)
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split(" ")
        for size in range(len(words), 0, -1):
            for first in range(len(words) - size + 1):
                surface = " ".join(words[first : first + size])
                start = match.start() + len(" ".join(words[:first])) + (1 if first else 0)
                end = start + len(surface)
                if not _gazetteer_place(text, start, surface, size, kb):
                    continue
                inside = [s for s in kept if s.start < end and start < s.end]
                replaceable = all(
                    s.start >= start and s.end <= end and s.kind != "place" and size > 1
                    for s in inside
                )
                if inside and not replaceable:
                    continue
                kept = [s for s in kept if s not in inside]
                kept.append(NameSpan(start, end, "place", display_name(surface)))
    return kept


def _gazetteer_place(text: str, start: int, surface: str, size: int, kb: Knowledge) -> bool:
    folded = fold(surface)
    if folded not in kb.places or folded in kb.demonyms:
        return False
    if size > 1:
        return True
    return (
        len(surface) >= 4
        and folded not in _NOT_PLACE_WORDS
        and PLACE_BEFORE.search(text[max(0, start - 12) : start]) is not None
    )


def dictionary_mentions(text: str, spans: list[NameSpan], kb: Knowledge) -> list[NameSpan]:
    """Known organisations and landmark places the model passed over."""
    added: list[NameSpan] = []
    pattern = _known_pattern()
    for match in pattern.finditer(text):
        surface = match.group(0)
        if overlaps(match.start(), match.end(), spans + added):
            continue
        if surface in kb.org_acronyms:
            added.append(
                NameSpan(match.start(), match.end(), "organisation", kb.org_acronyms[surface])
            )
        elif fold(surface) in kb.org_names:
            added.append(
                NameSpan(match.start(), match.end(), "organisation", kb.org_names[fold(surface)])
            )
        elif fold(surface) in kb.landmark_places:
            added.append(
                NameSpan(match.start(), match.end(), "place", kb.landmark_places[fold(surface)])
            )
    return added


_KNOWN: list[re.Pattern[str]] = []


def _known_pattern() -> re.Pattern[str]:
    if not _KNOWN:
        kb = knowledge()
        names = sorted(
            {*kb.org_acronyms, *(v for v in kb.org_names.values()), *kb.landmark_places.values()},
            key=len,
            reverse=True,
        )
        names = [n for n in names if len(n) > 1 and n not in {"IS", "AU", "Fed", "Quad"}]
        _KNOWN.append(
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
        )
    return _KNOWN[0]


def repeat_mentions(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """A name the model found once is the same entity wherever else it stands; a name of two
    or more words wins over the pieces the model cut it into elsewhere ("Environment" and
    "Canada" where "Environment Canada" is named)."""
    kept = list(spans)
    covered = bytearray(len(text))  # characters inside a name already
    for span in spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    seen = {text[s.start : s.end]: s for s in spans}
    for surface, example in sorted(seen.items(), key=lambda item: -len(item[0])):
        if len(surface) < 3:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            taken = any(covered[match.start() : match.end()])
            if taken and " " not in surface:
                continue
            inside = (
                [s for s in kept if s.start < match.end() and match.start() < s.end]
                if taken
                else []
            )
            if inside and not (
                " " in surface
                and all(match.start() <= s.start and s.end <= match.end() for s in inside)
                and all((s.start, s.end) != (match.start(), match.end()) for s in inside)
            ):
                continue
            kept = [s for s in kept if s not in inside] if inside else kept
            kept.append(NameSpan(match.start(), match.end(), example.kind, example.name))
            covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return kept


def surname_mentions(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """ "Delors led the Commission" after "Jacques Delors": a surname alone, where the model
    saw nothing, is that person (when one person in the text has it)."""
    by_surname: dict[str, set[str]] = {}
    for span in spans:
        words = span.name.split()
        if span.kind == "person" and len(words) > 1:
            by_surname.setdefault(words[-1], set()).add(span.name)
    added: list[NameSpan] = []
    for surname, owners in by_surname.items():
        if len(owners) != 1 or len(surname) < 3 or surname.lower() in _NOT_PLACE_WORDS:
            continue
        (owner,) = owners
        pattern = rf"(?<![\w-])(?<![A-Z][\w'’-] ){re.escape(surname)}(?![\w-])(?! \d)"
        for match in re.finditer(pattern, text):
            if not overlaps(match.start(), match.end(), spans + added):
                added.append(NameSpan(match.start(), match.end(), "person", owner))
    return added
