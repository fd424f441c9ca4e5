"""Wording: TIMEX3 values as a person says them. The JSON keeps the codes; nothing a person
reads (sidebar, `reader facts`, export) shows one."""

from __future__ import annotations

from datetime import date

# A recurring time (TIMEX3 SET) is no calendar date: say how often.
REPEATS = {"P1D": "Every day", "P1W": "Every week", "P1M": "Every month", "P1Y": "Every year"}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
DAY_PARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night"}


def human_value(value: str | None) -> str:
    """A TIMEX3 value for people: 2023-12-27 -> "Wed 27 Dec 2023", 2026-W10 -> "week of Mon 2
    Mar 2026", 2027-Q1 -> "Q1 2027"; others as they are."""
    if not value:
        return "unresolved"
    if value.startswith("XXXX"):
        return "date unknown"  # "on Saturday" in an article without a date
    year, _, rest = value.partition("-")
    try:
        if len(value) == 10:
            return date.fromisoformat(value).strftime("%a %-d %b %Y")
        if len(value) > 11 and value[10] == "T":
            day = human_value(value[:10])
            clock = value[11:]
            return f"{day}, {DAY_PARTS.get(clock, clock)}"  # "Sunday night", "at 14:05"
        if len(value) == 7 and value[4] == "-" and rest.isdigit():
            return date.fromisoformat(value + "-01").strftime("%b %Y")
        if year.isdigit() and rest[:1] == "W" and rest[1:].isdigit():
            monday = date.fromisocalendar(int(year), int(rest[1:]), 1)
            return "week of " + monday.strftime("%a %-d %b %Y")
        if year.isdigit() and rest in {"Q1", "Q2", "Q3", "Q4", "H1", "H2"}:
            return f"{rest} {year}"
        if year.isdigit() and rest in SEASONS:
            return f"{SEASONS[rest]} {year}"
    except ValueError:
        pass
    return value
