"""Mentions into entities: "Putin" is "Vladimir Putin", "Bandari" is "Bandari FC"."""

from __future__ import annotations

from collections import Counter

from reader.analysis.knowledge import Knowledge, fold
from reader.analysis.model import Entity, Mention
from reader.analysis.roles import role_before
from reader.analysis.spans import NameSpan


def link(text: str, spans: list[NameSpan], kb: Knowledge) -> list[Entity]:
    people = sorted({s.name for s in spans if s.kind == "person"}, key=len, reverse=True)
    canonical: dict[str, str] = {}
    for name in people:
        # A surname ("Warhol" of "Andy Warhol") before a first name ("Andy" of "Andy Warhol")
        longer = [full for full in people if _trailing_words_of(name, full)] or [
            full for full in people if _leading_words_of(name, full)
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
            role, _ = role_before(text, span.start, kb)
            if role:
                roles.setdefault(key, Counter())[role] += 1
    for key, counter in roles.items():
        best = max(counter.items(), key=lambda item: (item[1], len(item[0])))
        groups[key].role = best[0]
    return sorted(groups.values(), key=lambda e: e.mentions[0].start)


def _names_inside_other_kinds(
    spans: list[NameSpan], canonical: dict[str, str], short_orgs: dict[str, str]
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
        if full != name or " " in name:
            continue  # "Putin" belongs to "Vladimir Putin"; "Andy Warhol" is not his foundation
        if any(_trailing_words_of(name, person) for person in canonical):
            continue  # a surname: "Warhol" of "Andy Warhol", not of "Warhol Factory"
        holders = {
            (kind, other)
            for kind, other in others
            if other == name or _leading_words_of(name, other)
        }
        if len(holders) == 1:
            owners[name] = holders.pop()
    return owners


def _surnames_taken_for_organisations(
    spans: list[NameSpan], people: list[str], kb: Knowledge
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


def _short_org_names(spans: list[NameSpan]) -> dict[str, str]:
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
