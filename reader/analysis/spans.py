"""A name's span in the text: trimmed of articles, possessives, captions and credits, and
widened over particles ("bin Salman") and suffixes ("FC", "Inc")."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(slots=True)
class NameSpan:
    start: int
    end: int
    kind: str
    name: str


def trim(text: str, start: int, end: int) -> tuple[int, int]:
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


def display_name(name: str) -> str:
    if name.isupper() and len(name) > 4:
        return name.title()  # a dateline: "MOSCOW", "PORTO ALEGRE"
    return name


FEATURE_AFTER = re.compile(
    r" (?:river|lake|sea|bay|valley|mountains?|island|islands|strait|desert|canal|delta|basin"
    r"|peninsula|glacier|coast|gulf|dam|reservoir|volcano|forest)\b"
)


# Words that close an organisation's name: a "person" the model saw in front of one is the
# organisation ("Bandari FC", "Acme Ltd").
ORG_SUFFIXES = frozenset(
    ["FC", "F.C.", "AFC", "SC", "CF", "Inc", "Inc.", "Ltd", "Ltd.", "plc", "PLC", "LLC", "GmbH",
     "AG", "Corp", "Corp.", "Co.", "Group", "Holdings"]
)  # fmt: skip


_NEXT_WORD = re.compile(r" ([\w.]+)")


def org_by_suffix(text: str, start: int, end: int) -> int | None:
    """Where the organisation ends when a suffix follows the span, else None."""
    following = _NEXT_WORD.match(text, end)
    suffix = following.group(1).rstrip(",;:") if following else ""
    if following is None or suffix not in ORG_SUFFIXES:
        return None
    if suffix.rstrip(".") in ORG_SUFFIXES:
        suffix = suffix.rstrip(".")  # "Acme Ltd." at a sentence end keeps its full stop out
    return following.start(1) + len(suffix)


PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|through|via|across|around|visited|visiting|toured)\s+$"
)


# Particles inside personal names, where the model tends to cut one name in two:
# "Abdulaziz bin Salman", "Ursula von der Leyen", "Luiz Inácio da Silva".
_NAME_PARTICLE = re.compile(
    r" (?:bin|bint|ibn|ben|abu|al|el|van|von|de|da|di|du|del|della|dos|das|do)(?: (?:der|den|la))? "
)


_NAME_WORD = re.compile(r"[A-Z][\w'’-]+")


_PLACE_PARTICLE = re.compile(r" (?:do|da|de|del|dos|das|di|du) ")  # "Rio Grande do Sul"


def join_name_particles(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """A person, a particle, and a person or a bare capitalised word is one person; a place
    and a Romance particle and a capitalised word is one place."""
    joined: list[NameSpan] = []
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


def _joined(text: str, start: int, end: int, kind: str) -> NameSpan:
    return NameSpan(start, end, kind, display_name(text[start:end]))


def overlaps(start: int, end: int, spans: list[NameSpan]) -> bool:
    return any(s.start < end and start < s.end for s in spans)
