"""Numbers written as words or digits: "five", "twenty-one", "1.3", "27,000", "9.5 million"."""

from __future__ import annotations

import re

SMALL = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "couple": 2,
    "a couple of": 2,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "m": 1_000_000,
    "k": 1_000,
}
VAGUE = {"several", "few", "a few", "many", "some"}


def number_value(text: str) -> float | None:
    """The value of a number phrase, or None when it is vague ("several") or not a number."""
    words = text.lower().replace("-", " ").replace(",", "").split()
    if not words or " ".join(words) in VAGUE:
        return None
    if " ".join(words) in SMALL:
        return float(SMALL[" ".join(words)])
    total, current = 0.0, 0.0
    seen = False
    for word in words:
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
            seen = True
        elif word in SMALL and word not in {"a", "an"}:
            current += SMALL[word]
            seen = True
        elif word in SCALES and seen:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total += current
                current = 0
        elif word == "and":
            continue
        else:
            return None
    return total + current if seen else None
