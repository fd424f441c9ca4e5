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


# Words that open a caption or a credit, never part of the name before them: "… in Washington
# D.C. Image: United States Navy", "Ahmed Mohamed Image: Twitter", "NASA Administrator\n\nFile".
CAPTION_WORDS = frozenset(["Image", "Photo", "Picture", "File", "Credit", "Credits", "Archived",
                           "Video", "Source", "Caption", "Reuters/", "AFP/", "AP/"])  # fmt: skip
_ABBREVIATION = re.compile(
    r"(?:(?<![\w.])(?:[A-Z]\.){1,3}[A-Z]|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|Bros))$"
)
# Lower-case words in front of a name describe it: "pro-Beijing", "nonpartisan", "Pan-democrat".
_DESCRIPTOR = re.compile(r"(?:(?:[a-z][\w]*-?[\w]*|[A-Z][a-z]+-[a-z]+)\s+)+(?=[A-Z])")
_LOWER_NAME = re.compile(r"(?:al|el|la|le|de|da|van|von|bin|ibn|e|i)[-A-Z ]")  # "al-Ikhbariya"
# Where one name stops and the text goes on: an opening bracket, or a "the" after a name
# ("According to Rathbun the Scientology property"); "of the" and "and the" stay inside.
_INNER_BREAK = re.compile(r"\s+\(|(?<!\bof)(?<!\band)(?<!\bfor)(?<!\bat) the\s")
_SCORE_AFTER = re.compile(r"(?<=\w) \d{1,3}$")
_CAPTION = re.compile(r"\s+(?:" + "|".join(sorted(map(re.escape, CAPTION_WORDS))) + r")(?![\w'])")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a caption or credit run into the name, and a trailing possessive
    or punctuation; an abbreviation keeps its full stop ("U.S.", "D.C.", "Acme Inc.")."""
    end = start + _before_caption(text[start:end])
    span = text[start:end]
    if span in CAPTION_WORDS or span.rstrip(":") in CAPTION_WORDS:
        return start, start
    for prefix in ("the ", "The ", "THE "):
        if span.startswith(prefix):
            start += len(prefix)
            span = span[len(prefix) :]
    descriptor = _DESCRIPTOR.match(span)
    if descriptor:  # "pro-Beijing New People Party", "nonpartisan Paul Tse"
        start += descriptor.end()
        span = span[descriptor.end() :]
    if not span[:1].isupper() and not _LOWER_NAME.match(span):
        return start, start  # "pro-Beijing", "nonpartisan pan-democrat": no name at all
    cut = _INNER_BREAK.search(span)
    if cut:  # "World Health Organisation (WHO", "Rathbun the Scientology"
        end = start + cut.start()
        span = span[: cut.start()]
    for suffix in ("'s", "’s", "'", "’", "'S", "’S"):
        if span.endswith(suffix):
            end -= len(suffix)
            span = span[: -len(suffix)]
    score = _SCORE_AFTER.search(span)
    if score and re.match(r"\s*[-–:]\s*\d|\s*$|\s+[A-Z]", text[end : end + 5]):
        end -= len(score.group(0))  # "Sweden 1 – 0", "LIVERPOOL 2 EVERTON 1": a score
        span = span[: -len(score.group(0))]
    while span and span[-1] in '.,;:-–)("“”':
        end -= 1
        span = span[:-1]
    if text[end : end + 1] == "." and _ABBREVIATION.search(span):
        end += 1
    if text.startswith(" D.C.", end):
        end += len(" D.C.")  # "Washington D.C.", cut in two by the model
    return start, end


def _before_caption(span: str) -> int:
    """Where the name ends: before a line break or a caption word ("Image:", "Photo")."""
    cut = len(span)
    newline = span.find("\n")
    if newline > 0:
        cut = newline
    caption = _CAPTION.search(span, 0, cut)
    if caption and caption.start() > 0:
        cut = caption.start()
    return len(span[:cut].rstrip())


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


# "Foundation for the Visual Arts", "Council for the Welfare of Immigrants": the model often
# stops an organisation's name at "for".
_FOR_TAIL = re.compile(r" for (?:the )?[A-Z][\w'’&-]*(?: (?:of |and |the |for )*[A-Z][\w'’&-]*)*")


def join_org_tails(text: str, spans: list[NameSpan]) -> list[NameSpan]:
    """An organisation's name goes on over "for the …" when capitalised words follow."""
    ordered = sorted(spans, key=lambda s: s.start)
    joined: list[NameSpan] = []
    for span in ordered:
        if joined and span.end <= joined[-1].end:
            continue  # swallowed by the name before it
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and span.kind == "person"
            and text[previous.end : span.start] == " "
            and " " not in previous.name
            and previous.kind != "place"
            and " " not in span.name
        ):  # "Dries" + "Mertens", cut in two by the model
            joined[-1] = NameSpan(
                previous.start, span.end, "person", text[previous.start : span.end]
            )
            continue
        tail = _FOR_TAIL.match(text, span.end) if span.kind == "organisation" else None
        if tail:
            span = NameSpan(span.start, tail.end(), span.kind, text[span.start : tail.end()])
        joined.append(span)
    return joined
