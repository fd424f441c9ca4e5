"""People, places and organisations: the model's spans, checked against general knowledge,
widened to every mention in the article, and linked ("Putin" is "Vladimir Putin")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.analysis.backend import ModelEntity
from reader.analysis.knowledge import Knowledge, fold, knowledge
from reader.analysis.model import Entity, Mention

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


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    kind: str
    name: str


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive or punctuation."""
    span = text[start:end]
    for prefix in ("the ", "The "):
        if span.startswith(prefix):
            start += len(prefix)
            span = span[len(prefix) :]
    for suffix in ("'s", "’s", "'", "’"):
        if span.endswith(suffix):
            end -= len(suffix)
            span = span[: -len(suffix)]
    while span and span[-1] in '.,;:-–)("“”':
        end -= 1
        span = span[:-1]
    return start, end


def _display_name(name: str) -> str:
    if name.isupper() and len(name) > 4:
        return name.title()  # a dateline: "MOSCOW", "PORTO ALEGRE"
    return name


def _classify(text: str, label: str, kb: Knowledge, following: str) -> tuple[str, str] | None:
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
        if next_word in kb.roles or next_word in {"Minister", "Ministry", "Secretary"}:
            return None  # "External Affairs" in "External Affairs Minister"
        if folded in kb.places and label != "ORG":
            return "place", _display_name(text)
    if kind == "person":
        if folded in kb.places and len(text.split()) == 1:
            return "place", _display_name(text)
        if any(ch.isdigit() for ch in text):
            return None
    if re.search(r"\d:\d", text):
        return None  # a clock time swept into a name: "14:05 - Rescue"
    return kind, _display_name(text)


_ROLE_TAIL = re.compile(r"((?:(?:[A-Z][\w.'’-]*|of|for)\s+){1,6})$")


def _role_before(text: str, start: int, kb: Knowledge) -> tuple[str | None, int]:
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


_FEATURE_AFTER = re.compile(
    r" (?:river|lake|sea|bay|valley|mountains?|island|islands|strait|desert|canal|delta|basin"
    r"|peninsula|glacier|coast|gulf|dam|reservoir|volcano|forest)\b"
)


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


# Words that close an organisation's name: a "person" the model saw in front of one is the
# organisation ("Bandari FC", "Acme Ltd").
ORG_SUFFIXES = frozenset(
    ["FC", "F.C.", "AFC", "SC", "CF", "Inc", "Inc.", "Ltd", "Ltd.", "plc", "PLC", "LLC", "GmbH",
     "AG", "Corp", "Corp.", "Co.", "Group", "Holdings"]
)  # fmt: skip
_NEXT_WORD = re.compile(r" ([\w.]+)")


def _org_by_suffix(text: str, start: int, end: int) -> int | None:
    """Where the organisation ends when a suffix follows the span, else None."""
    following = _NEXT_WORD.match(text, end)
    suffix = following.group(1).rstrip(",;:") if following else ""
    if following is None or suffix not in ORG_SUFFIXES:
        return None
    if suffix.rstrip(".") in ORG_SUFFIXES:
        suffix = suffix.rstrip(".")  # "Acme Ltd." at a sentence end keeps its full stop out
    return following.start(1) + len(suffix)


def find_entities(text: str, model_entities: list[ModelEntity]) -> list[Entity]:
    kb = knowledge()
    spans: list[_Span] = []
    for entity in model_entities:
        start, end = _trim(text, entity.start, entity.end)
        if end <= start:
            continue
        surface = text[start:end]
        label = entity.label
        if label == "PERSON":
            start, end, surface = _strip_title(text, start, end, kb)
            org_end = _org_by_suffix(text, start, end)
            if org_end is not None:
                end, surface, label = org_end, text[start:org_end], "ORG"
        elif (
            label == "ORG"
            and " " not in surface
            and fold(surface) in kb.places
            and _PLACE_BEFORE.search(text[max(0, start - 12) : start])
        ):
            label = "GPE"  # "an institute in Heidelberg"
        if label in {"ORG", "PERSON"} and _FEATURE_AFTER.match(text, end):
            label = "LOC"  # "the Guaiba river", "Kariba dam"
        classified = _classify(surface, label, kb, text[end : end + 20])
        if classified is not None:
            spans.append(_Span(start, end, *classified))
    spans = _drop_words_of_titles(text, _join_name_particles(text, spans), kb)
    spans = _gazetteer_places(text, spans, kb)
    spans += _dictionary_mentions(text, spans, kb)
    spans += _repeat_mentions(text, spans)
    spans += _surname_mentions(text, spans)
    return _link(text, spans, kb)


_CAPITALISED_RUN = re.compile(r"(?<![\w-])[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}(?![\w-])")
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|through|via|across|around|visited|visiting|toured)\s+$"
)
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


# Particles inside personal names, where the model tends to cut one name in two:
# "Abdulaziz bin Salman", "Ursula von der Leyen", "Luiz Inácio da Silva".
_NAME_PARTICLE = re.compile(
    r" (?:bin|bint|ibn|ben|abu|al|el|van|von|de|da|di|du|del|della|dos|das|do)(?: (?:der|den|la))? "
)
_NAME_WORD = re.compile(r"[A-Z][\w'’-]+")


def _drop_words_of_titles(text: str, spans: list[_Span], kb: Knowledge) -> list[_Span]:
    """ "State" in "Secretary of State Antony Blinken" is part of a title, not an organisation."""
    titles: list[tuple[int, int]] = []
    for span in spans:
        if span.kind == "person":
            role, role_start = _role_before(text, span.start, kb)
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


_PLACE_PARTICLE = re.compile(r" (?:do|da|de|del|dos|das|di|du) ")  # "Rio Grande do Sul"


def _join_name_particles(text: str, spans: list[_Span]) -> list[_Span]:
    """A person, a particle, and a person or a bare capitalised word is one person; a place
    and a Romance particle and a capitalised word is one place."""
    joined: list[_Span] = []
    ordered = sorted(spans, key=lambda s: s.start)
    particles = {"person": _NAME_PARTICLE, "place": _PLACE_PARTICLE}
    for index, span in enumerate(ordered):
        particle_of_kind = particles.get(span.kind)
        previous = joined[-1] if joined else None
        if (
            particle_of_kind is not None
            and previous is not None
            and previous.kind == span.kind
            and (
                particle_of_kind.fullmatch(text, previous.end, span.start)
                # "Abdulaziz" + "bin Salman": the particle opens the second span
                or (
                    text[previous.end : span.start] == " "
                    and particle_of_kind.match(text, span.start - 1) is not None
                )
            )
        ):
            joined[-1] = _joined(text, previous.start, span.end, span.kind)
            continue
        if particle_of_kind is not None:
            particle = particle_of_kind.match(text, span.end)
            word = _NAME_WORD.match(text, particle.end()) if particle else None
            following = ordered[index + 1] if index + 1 < len(ordered) else None
            if word and (following is None or following.start >= word.end()):
                span = _joined(text, span.start, word.end(), span.kind)
        joined.append(span)
    return joined


def _joined(text: str, start: int, end: int, kind: str) -> _Span:
    return _Span(start, end, kind, _display_name(text[start:end]))


def _gazetteer_places(text: str, spans: list[_Span], kb: Knowledge) -> list[_Span]:
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
                kept.append(_Span(start, end, "place", _display_name(surface)))
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
        and _PLACE_BEFORE.search(text[max(0, start - 12) : start]) is not None
    )


def _strip_title(text: str, start: int, end: int, kb: Knowledge) -> tuple[int, int, str]:
    words = text[start:end].split(" ")
    while len(words) > 1 and (words[0] in kb.roles or words[0] in kb.role_abbreviations):
        start += len(words[0]) + 1
        words = words[1:]
    return start, end, text[start:end]


def _overlaps(start: int, end: int, spans: list[_Span]) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _dictionary_mentions(text: str, spans: list[_Span], kb: Knowledge) -> list[_Span]:
    """Known organisations and landmark places the model passed over."""
    added: list[_Span] = []
    pattern = _known_pattern()
    for match in pattern.finditer(text):
        surface = match.group(0)
        if _overlaps(match.start(), match.end(), spans + added):
            continue
        if surface in kb.org_acronyms:
            added.append(
                _Span(match.start(), match.end(), "organisation", kb.org_acronyms[surface])
            )
        elif fold(surface) in kb.org_names:
            added.append(
                _Span(match.start(), match.end(), "organisation", kb.org_names[fold(surface)])
            )
        elif fold(surface) in kb.landmark_places:
            added.append(
                _Span(match.start(), match.end(), "place", kb.landmark_places[fold(surface)])
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


def _repeat_mentions(text: str, spans: list[_Span]) -> list[_Span]:
    """A name the model found once is the same entity wherever else it stands."""
    added: list[_Span] = []
    seen = {text[s.start : s.end]: s for s in spans}
    for surface, example in seen.items():
        if len(surface) < 3:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            if not _overlaps(match.start(), match.end(), spans + added):
                added.append(_Span(match.start(), match.end(), example.kind, example.name))
    return added


def _surname_mentions(text: str, spans: list[_Span]) -> list[_Span]:
    """ "Delors led the Commission" after "Jacques Delors": a surname alone, where the model
    saw nothing, is that person (when one person in the text has it)."""
    by_surname: dict[str, set[str]] = {}
    for span in spans:
        words = span.name.split()
        if span.kind == "person" and len(words) > 1:
            by_surname.setdefault(words[-1], set()).add(span.name)
    added: list[_Span] = []
    for surname, owners in by_surname.items():
        if len(owners) != 1 or len(surname) < 3 or surname.lower() in _NOT_PLACE_WORDS:
            continue
        (owner,) = owners
        pattern = rf"(?<![\w-])(?<![A-Z][\w'’-] ){re.escape(surname)}(?![\w-])(?! \d)"
        for match in re.finditer(pattern, text):
            if not _overlaps(match.start(), match.end(), spans + added):
                added.append(_Span(match.start(), match.end(), "person", owner))
    return added


def _link(text: str, spans: list[_Span], kb: Knowledge) -> list[Entity]:
    people = sorted({s.name for s in spans if s.kind == "person"}, key=len, reverse=True)
    canonical: dict[str, str] = {}
    for name in people:
        longer = [
            full
            for full in people
            if _trailing_words_of(name, full) or _leading_words_of(name, full)
        ]
        targets = {canonical.get(full, full) for full in longer}
        canonical[name] = targets.pop() if len(targets) == 1 else name
    short_orgs = _short_org_names(spans)
    owners = _names_inside_other_kinds(spans, canonical, short_orgs)
    surnames = _surnames_taken_for_organisations(spans, people, kb)
    groups: dict[tuple[str, str], Entity] = {}
    roles: dict[tuple[str, str], Counter[str]] = {}
    for span in sorted(spans, key=lambda s: s.start):
        kind, name = span.kind, span.name
        if kind == "person":
            kind, name = owners.get(name) or ("person", canonical.get(name, name))
        elif kind == "organisation" and name in surnames:
            kind, name = "person", canonical.get(surnames[name], surnames[name])
        elif kind == "organisation":
            name = short_orgs.get(name, name)
        key = (kind, fold(name))
        entity = groups.setdefault(key, Entity(name=name, kind=kind))
        if entity.name.isupper() and not name.isupper() and len(name) > 4:
            entity.name = name  # the body's "Porto Alegre" over the dateline's capitals
        entity.mentions.append(Mention(span.start, span.end, text[span.start : span.end]))
        if kind == "person":
            role, _ = _role_before(text, span.start, kb)
            if role:
                roles.setdefault(key, Counter())[role] += 1
    for key, counter in roles.items():
        best = max(counter.items(), key=lambda item: (item[1], len(item[0])))
        groups[key].role = best[0]
    return sorted(groups.values(), key=lambda e: e.mentions[0].start)


def _names_inside_other_kinds(
    spans: list[_Span], canonical: dict[str, str], short_orgs: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """A "person" that is only the first words of an organisation or place named in the same
    text is that organisation or place: "Bandari" after "Bandari FC", "Morgan" beside "Morgan
    Stanley". A person the text also names in full keeps its full name."""
    others = {
        (s.kind, short_orgs.get(s.name, s.name) if s.kind == "organisation" else s.name)
        for s in spans
        if s.kind != "person"
    }
    owners: dict[str, tuple[str, str]] = {}
    for name, full in canonical.items():
        if full != name:
            continue  # "Putin" belongs to "Vladimir Putin"
        holders = {
            (kind, other)
            for kind, other in others
            if other == name or _leading_words_of(name, other)
        }
        if len(holders) == 1:
            owners[name] = holders.pop()
    return owners


def _surnames_taken_for_organisations(
    spans: list[_Span], people: list[str], kb: Knowledge
) -> dict[str, str]:
    """An "organisation" that is the surname of exactly one person in the text, and no
    organisation we know, is that person: "Lindqvist said" after "Tor Lindqvist"."""
    taken: dict[str, str] = {}
    for name in {s.name for s in spans if s.kind == "organisation"}:
        folded = fold(name)
        if name in kb.org_acronyms or folded in kb.org_names or name.isupper():
            continue
        owners = [person for person in people if _trailing_words_of(name, person)]
        if len(owners) == 1:
            taken[name] = owners[0]
    return taken


def _short_org_names(spans: list[_Span]) -> dict[str, str]:
    """An organisation named once in full and elsewhere by its first words: "Bandari" for
    "Bandari FC", "Nairobi City" for "Nairobi City Stars" (when only one full name fits)."""
    names = {s.name for s in spans if s.kind == "organisation"}
    short: dict[str, str] = {}
    for name in names:
        longer = [other for other in names if _leading_words_of(name, other)]
        if len(longer) == 1:
            short[name] = longer[0]
    return short


def _leading_words_of(name: str, other: str) -> bool:
    """ "Bandari" of "Bandari FC"; never a name of itself."""
    tokens, others = name.split(), other.split()
    return len(others) > len(tokens) and others[: len(tokens)] == tokens


def _trailing_words_of(name: str, other: str) -> bool:
    """ "Putin" of "Vladimir Putin"; never a name of itself."""
    tokens, others = name.split(), other.split()
    return len(others) > len(tokens) and others[-len(tokens) :] == tokens
