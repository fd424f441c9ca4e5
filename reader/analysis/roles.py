"""Titles and roles in front of a name: "External Affairs Minister", "PM", "Mr"."""

from __future__ import annotations

import re

from reader.analysis.knowledge import Knowledge
from reader.analysis.spans import NameSpan

_ROLE_TAIL = re.compile(r"((?:(?:[A-Z][\w.'’-]*|of|for)\s+){1,6})$")


def role_before(text: str, start: int, kb: Knowledge) -> tuple[str | None, int]:
    """A title in front of a name: "External Affairs Minister", "PM", "Russian Foreign Minister"."""
    window = text[max(0, start - 60) : start]
    match = _ROLE_TAIL.search(window)
    if not match:
        return None, start
    words = match.group(1).split()
    ends = [i for i, word in enumerate(words) if _ends_sentence(word, kb)]
    if ends:
        words = words[ends[-1] + 1 :]  # "… at the Stadium. Goalkeeper Peter Odhiambo"
    for cut in range(len(words)):
        candidate = words[cut:]
        if not candidate[0][:1].isupper():
            continue
        last = candidate[-1]
        phrase = " ".join(candidate)
        if last in kb.role_abbreviations and len(candidate) == 1:
            return kb.role_abbreviations[last], start - len(match.group(1))
        if (
            last in kb.roles
            or last.rstrip(".") in kb.roles
            or phrase in kb.roles
            # "Minister of Finance", "Secretary for Health"
            or (len(candidate) >= 3 and candidate[0] in kb.roles and candidate[1] in {"of", "for"})
        ):
            if phrase in {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Sir", "Dame"}:
                return None, start
            return phrase, start - len(" ".join(candidate)) - 1
    return None, start


def _ends_sentence(word: str, kb: Knowledge) -> bool:
    if word[-1:] in "!?":
        return True
    bare = word.rstrip(".")
    return (
        word.endswith(".")
        and len(bare) > 3
        and bare not in kb.role_abbreviations
        and f"{bare}." not in kb.role_abbreviations
    )


def strip_title(text: str, start: int, end: int, kb: Knowledge) -> tuple[int, int, str]:
    words = text[start:end].split(" ")
    while len(words) > 1 and (words[0] in kb.roles or words[0] in kb.role_abbreviations):
        start += len(words[0]) + 1
        words = words[1:]
    return start, end, text[start:end]


def drop_words_of_titles(text: str, spans: list[NameSpan], kb: Knowledge) -> list[NameSpan]:
    """ "State" in "Secretary of State Antony Blinken" is part of a title, not an organisation."""
    titles: list[tuple[int, int]] = []
    for span in spans:
        if span.kind == "person":
            role, role_start = role_before(text, span.start, kb)
            if role:
                titles.append((role_start, span.start))
    return [
        span
        for span in spans
        if not (
            span.kind == "organisation"
            and text[max(0, span.start - 4) : span.start] in {" of ", "for "}
            and any(a <= span.start and span.end <= b for a, b in titles)
        )
    ]


_SPOKES = frozenset(["Spokesperson", "Spokesman", "Spokeswoman", "spokesperson", "spokesman",
                     "spokeswoman"])  # fmt: skip


def drop_trailing_role(text: str, start: int, end: int, kb: Knowledge) -> int:
    """ "State Department Spokesperson": the role after an organisation is not its name."""
    words = text[start:end].split(" ")
    while len(words) > 1 and (words[-1] in kb.roles or words[-1] in _SPOKES):
        end -= len(words[-1]) + 1
        words = words[:-1]
    return end
