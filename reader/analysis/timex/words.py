"""Wording: TIMEX3 values as a person says them. The JSON keeps the codes; nothing a person
reads (sidebar, `reader facts`, export) shows one: a value these rules cannot word is left
out, and the phrase as written stands in for it."""

from __future__ import annotations

import re
from datetime import date, timedelta

SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
DAY_PARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night"}
REFS = {"PRESENT_REF": "now", "PAST_REF": "recently", "FUTURE_REF": "in the future"}
UNITS = {
    "Y": "year", "M": "month", "W": "week", "D": "day", "DE": "decade", "CE": "century",
    "H": "hour", "S": "second",
}  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MODS = {"START": "early {}", "MID": "mid-{}", "END": "end of {}", "APPROX": "about {}"}
# A recurring time (TIMEX3 SET) is no calendar date: say how often.
REPEATS = {"P1D": "Every day", "P1W": "Every week", "P1M": "Every month", "P1Y": "Every year"}


def human_value(value: str | None) -> str:
    """A TIMEX3 value for people: 2023-12-27 -> "Wed 27 Dec 2023", 2026-W10 -> "week of Mon 2
    Mar 2026", 2027-Q1 -> "Q1 2027", PRESENT_REF -> "now"; "date unknown" when the value is
    missing or only partly known, and never the code itself."""
    if not value or value.startswith("XXXX"):
        return "date unknown"  # "on Saturday" in an article without a date
    return say(value) or "date unknown"


def say(value: str | None, mod: str | None = None) -> str | None:
    """The words for a date, time, duration or reference value, or None."""
    if not value:
        return None
    words = REFS.get(value) or _calendar(value) or _duration(value)
    if words is None:
        return None
    if mod not in MODS:
        return words
    return MODS[mod].format(words.removeprefix("the "))  # "early 2020s", "end of 2019"


def say_set(value: str | None) -> str | None:
    """How often a TIMEX3 SET repeats: P1D "every day", P2W "every 2 weeks", XXXX-WXX-7
    "every Sunday", XXXX-SP "every spring", TNI "every night"."""
    if not value:
        return None
    period = re.fullmatch(r"P(\d+)(DE|CE|[YMWD])", value)
    if period:
        count, unit = int(period[1]), UNITS[period[2]]
        return f"every {unit}" if count == 1 else f"every {count} {_plural(unit)}"
    weekday = re.fullmatch(r"XXXX-WXX-([1-7])", value)
    if weekday:
        return f"every {WEEKDAYS[int(weekday[1]) - 1]}"
    if value == "XXXX-WXX-WE":
        return "every weekend"
    if value.startswith("XXXX-") and value[5:] in SEASONS:
        return f"every {SEASONS[value[5:]]}"
    if re.fullmatch(r"XXXX-(0[1-9]|1[0-2])", value):
        return "every " + date(2000, int(value[5:]), 1).strftime("%B")
    if value.startswith("T") and value[1:] in DAY_PARTS:
        return f"every {DAY_PARTS[value[1:]]}"
    return None


def _calendar(value: str) -> str | None:
    if value.startswith("XXXX"):
        return None
    try:
        return _calendar_words(value)
    except ValueError:
        return None


def _calendar_words(value: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return date.fromisoformat(value).strftime("%a %-d %b %Y")
    clock = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(.+)", value)
    if clock:
        part = DAY_PARTS.get(clock[2]) or (
            clock[2] if re.fullmatch(r"\d\d:\d\d", clock[2]) else None
        )
        return f"{_calendar_words(clock[1])}, {part}" if part else None
    if re.fullmatch(r"\d{4}-\d\d", value):
        return date.fromisoformat(value + "-01").strftime("%b %Y")
    if re.fullmatch(r"\d{4}", value):
        return value
    week = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value)
    if week:
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return _weekend(monday) if week[3] else "week of " + monday.strftime("%a %-d %b %Y")
    part = re.fullmatch(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)", value)
    if part:
        return f"{SEASONS.get(part[2], part[2])} {part[1]}"
    if re.fullmatch(r"\d{3}", value):
        return f"the {value}0s"
    if re.fullmatch(r"\d\d", value):
        return f"the {_ordinal(int(value) + 1)} century"
    if re.fullmatch(r"FY\d{4}", value):
        return f"fiscal year {value[2:]}"
    return None


def _weekend(monday: date) -> str:
    """ "weekend of 23-24 Nov 2019", or "30 Nov - 1 Dec 2019" across a month's end."""
    saturday, sunday = monday + timedelta(days=5), monday + timedelta(days=6)
    if saturday.month == sunday.month:
        return f"weekend of {saturday.day}-{sunday.strftime('%-d %b %Y')}"
    first = saturday.strftime("%-d %b") + (
        "" if saturday.year == sunday.year else saturday.strftime(" %Y")
    )
    return f"weekend of {first} - {sunday.strftime('%-d %b %Y')}"


def _duration(value: str) -> str | None:
    """P5D "5 days", PT3H "3 hours", PXM "months", P1Y "a year", P10Y "10 years"."""
    found = re.fullmatch(r"P(T?)(X|\d+(?:\.\d+)?)(DE|CE|[YMWDHS])", value)
    if found is None:
        return None
    unit = "minute" if found[1] and found[3] == "M" else UNITS[found[3]]
    if found[2] == "X":
        return _plural(unit)
    amount = float(found[2])
    if amount == 1:
        return f"an {unit}" if unit == "hour" else f"a {unit}"
    return f"{amount:g} {_plural(unit)}"


def _plural(unit: str) -> str:
    return "centuries" if unit == "century" else unit + "s"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
