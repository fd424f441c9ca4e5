"""Text as it enters reader: Unicode NFC, no terminal escapes, no control characters, no bidi
overrides. Every string from outside (a feed, a page, a file, an HTTP header, a urls file, an
OPML list) goes through `clean_text` (bodies) or `clean_line` / `clean_url` (one-line fields)
where it enters; `terminal_safe` is the last gate before a terminal."""

from __future__ import annotations

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences, and C1 CSI.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
# Bidi embeddings, overrides and isolates reorder what follows them ("abc\u202etxt.exe" shows
# as "abcexe.txt"), even in a title that is otherwise plain.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Zero-width characters hide text and misalign columns. In a body, the joiners (U+200C,
# U+200D) stay: scripts and emoji sequences need them.
ZERO_WIDTH = "\u200b-\u200d\u2060-\u2064\ufeff"
# C0 controls except tab and newline, DEL, C1 controls, and the bidi controls.
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\u200b\u2060-\u2064\ufeff]")
_LINE_ONLY = re.compile(rf"[{ZERO_WIDTH}]")
# What a terminal must never receive: every control but tab and newline, and the bidi controls.
_TERMINAL_UNSAFE = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")

# How long a one-line field may be once cleaned: a 9 MB "title" is an attack, not a headline.
LINE_MAX = 2000
URL_MAX = 4096


def clean_text(text: str) -> str:
    """NFC text with line breaks as \\n and no escape or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(text: str, limit: int = LINE_MAX) -> str:
    """One line of text (a title, an author, a tag): cleaned, zero-width characters removed,
    runs of white space folded, at most `limit` characters."""
    return " ".join(_LINE_ONLY.sub("", clean_text(text[: limit * 4])).split())[:limit]


def clean_url(text: str) -> str:
    """An address from outside: cleaned as a line, with no white space inside (a newline in a
    link is how Markdown and terminals are tricked)."""
    return "".join(clean_line(text, URL_MAX).split())


def terminal_safe(text: str) -> str:
    """What may reach a terminal: escape sequences and control characters (tab and newline
    aside) removed, whatever their origin."""
    if _TERMINAL_UNSAFE.search(text) is None:  # ESC is one of them: the usual case is one scan
        return text
    return _TERMINAL_UNSAFE.sub("", _ESCAPE_SEQUENCE.sub("", text.replace("\r\n", "\n")))


_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def tidy_paragraphs(text: str) -> str:
    """At most one blank line between paragraphs, no trailing spaces, no edge blank lines."""
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")
