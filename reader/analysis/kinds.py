"""What kind a name is: the model's label checked against knowledge and context."""

from __future__ import annotations

import re
from collections import Counter

from reader.analysis.knowledge import Knowledge, fold
from reader.analysis.spans import NameSpan, display_name

MODEL_KINDS = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organisation",
}


NOT_ORG_HEADS = {
    "agreement",
    "treaty",
    "deal",
    "protocol",
    "act",
    "accord",
    "pact",
    "bill",
    "law",
    "plan",
    "programme",
    "program",
    "initiative",
    "declaration",
    "summit",
}


def classify(text: str, label: str, kb: Knowledge, following: str) -> tuple[str, str] | None:
    folded = fold(text)
    if text in kb.org_acronyms:
        return "organisation", kb.org_acronyms[text]
    if folded in kb.org_names:
        return "organisation", kb.org_names[folded]
    if folded in kb.landmark_places:
        return "place", kb.landmark_places[folded]
    if folded in kb.demonyms or label == "NORP":
        return None
    kind = MODEL_KINDS.get(label)
    if kind is None:
        return None
    if kind == "organisation":
        words = text.split()
        if words[0].lower() in {"a", "an"} or words[-1].lower() in NOT_ORG_HEADS:
            return None
        next_word = following.split()[0].strip(",.") if following.split() else ""
        speaks_for = next_word.lower() in {"spokesperson", "spokesman", "spokeswoman"}
        if not speaks_for and (next_word in kb.roles or next_word in {"Minister", "Secretary"}):
            return None  # "External Affairs" in "External Affairs Minister"
        if folded in kb.places and label != "ORG":
            return "place", display_name(text)
    if kind in {"person", "place"} and " " not in text and any(ch.isdigit() for ch in text):
        return None  # "IE6", "STS-1"
    if kind == "person" and any(ch.isdigit() for ch in text):
        return None
    if re.search(r"\d:\d", text):
        return None  # a clock time swept into a name: "14:05 - Rescue"
    return kind, display_name(text)


# Feasts and pilgrimages the model takes for people or places: none of our kinds.
_OCCASIONS = frozenset(["Hajj", "Umrah", "Ramadan", "Eid", "Christmas", "Easter", "Diwali",
                        "Hanukkah", "Passover", "Lent", "Thanksgiving", "Halloween"])  # fmt: skip


def drop_common_words(text: str, spans: list[NameSpan], kb: Knowledge) -> list[NameSpan]:
    """A one-word "name" the article also writes in lower case is a common noun ("Iodine …
    iodine deficiency", "Homeopathy"), not a name; nor is a feast ("Hajj") or a bare role
    ("Sheriff")."""
    spans = [s for s in spans if s.name not in _OCCASIONS and s.name not in kb.roles]
    counts = Counter(re.findall(r"(?<=[a-z,;] )[a-z]{4,}(?=[ ,;:)]|\.\s)", text))
    return [
        s
        for s in spans
        if " " in s.name
        or s.name.isupper()
        or s.kind == "organisation"  # "the Church", "the Court": short for a full name
        or counts[s.name.lower()] < 2
    ]


# Words in front of a vehicle's name: "Space Shuttle Atlantis", "the shuttle Discovery", "HMS
# Victory". Vehicles are none of our kinds, and their names alone ("Atlantis") are not either.
_VEHICLE = re.compile(
    r"(?:\b(?:Space Shuttle|[Ss]huttle|[Ss]pacecraft|[Oo]rbiter|HMS|USS|RMS|MV|MS)\s+)$"
)
_VEHICLE_NAME = re.compile(r"^(?:Space Shuttle|Shuttle|HMS|USS|RMS)\b")


def drop_vehicles(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    names = set()
    for span in spans:
        if _VEHICLE.search(text[max(0, span.start - 20) : span.start]):
            names.add(span.name)
        elif _VEHICLE_NAME.match(span.name):
            names.add(span.name)
            names.add(_VEHICLE_NAME.sub("", span.name).strip())
    return [s for s in spans if s.name not in names]
