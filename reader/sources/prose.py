"""An article body as a person reads it: sentences that markup glued together set apart again,
and the lines that are not the story (bylines, promotion, captions and credits) left out.

Feeds and pages carry these in the body itself: a byline above the first paragraph, "Listen to
... live at ..." under the last, "The post ... appeared first on ..." after every WordPress item.
They are noise in the text and worse in the analysis (a byline's agency becomes an organisation,
a programme's air time a date). Only whole paragraphs that match are dropped, so the story's own
sentences are never cut.
"""

from __future__ import annotations

import re

# "on Wednesday.The stabbing": adjacent inline elements with no space between sentences. Two
# lower-case letters before the stop keep initials ("J.K.") and abbreviations ("U.S.") whole.
_GLUED_SENTENCES = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")

_PROMOTION = re.compile(
    r"^(?:"
    r"(?:listen|watch)\b.*\b(?:live at|listen back|watch again|on demand|catch up|podcast)\b.*"
    r"|(?:follow|like|join)\s+(?:us|@\w+|\w+(?:\s\w+)?)\s+on\s+(?:twitter|x|facebook|instagram|"
    r"tiktok|threads|bluesky|linkedin|youtube|whatsapp|telegram)\b.*"
    r"|(?:sign up|subscribe)\b.{0,80}\b(?:newsletter|updates|alerts|for free)\b.*"
    r"|(?:click|tap) here\b.*"
    r"|(?:read|see) (?:more|also)(?:\s*:.*|\W*)"
    r"|related(?: articles| stories| coverage| content)?\s*(?::.*)?"
    r"|the post\b.+\bappeared first on\b.*"
    r"|(?:share|share this(?: article| story)?|advertisement|advert|skip advert"
    r"|story continues below(?: advertisement)?)\W*"
    r"|(?:image|photo|picture|video)(?: caption| copyright| source| credit)?\s*:\s.*"
    r"|(?:image|photo|picture) (?:caption|copyright|source|credit)\b.*"
    r"|(?:©|copyright ©|copyright \d{4}\b).*"
    r"|all rights reserved\W*"
    r")$",
    re.IGNORECASE,
)
_PROMOTION_MAX_CHARS = 200  # a long paragraph is a story paragraph, whatever it starts with

_MONTHS = (
    "JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    "|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC"
)
_BYLINE_WORDS = re.compile(
    rf"\b(?:BY|STAFF|REPORTER|CORRESPONDENT|EDITOR|WRITER|UPDATED|PUBLISHED|{_MONTHS})\b|\d"
)
_BYLINE = re.compile(
    r"^(?:[Bb]y\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,|in))*"
    r"|(?i:published|updated|posted|last updated)\b.{0,60})$"
)
_LEADING_LINES = 3  # bylines and datelines stand above the story
_BYLINE_MAX_WORDS = 10


def readable_body(text: str) -> str:
    """The body with glued sentences set apart and non-story paragraphs left out. A body that
    would be left empty is returned as it was: something is better than nothing."""
    paragraphs = [_GLUED_SENTENCES.sub(" ", p) for p in text.split("\n\n")]
    kept = [
        paragraph
        for index, paragraph in enumerate(paragraphs)
        if not _is_promotion(paragraph) and not (index < _LEADING_LINES and _is_byline(paragraph))
    ]
    if not any(p.strip() for p in kept):
        return "\n\n".join(paragraphs)
    return "\n\n".join(kept)


def _is_promotion(paragraph: str) -> bool:
    line = " ".join(paragraph.split())
    return len(line) <= _PROMOTION_MAX_CHARS and _PROMOTION.match(line) is not None


def _is_byline(paragraph: str) -> bool:
    """"JERUSALEM POST STAFF NOVEMBER 18, 2019", "By Jane Doe and John Roe", "Updated: ..."."""
    line = " ".join(paragraph.split())
    words = line.split()
    if not words or len(words) > _BYLINE_MAX_WORDS or line.endswith((".", "?", "!", '"', "”")):
        return False
    letters = [c for c in line if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    if all_caps and _BYLINE_WORDS.search(line):
        return True
    return _BYLINE.match(line) is not None
