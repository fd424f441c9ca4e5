"""TIMEX3 values as calendar periods, so facts from every article sort on one calendar.

A vague value ("2025", "2024-01", "2023-Q4") is a period: it sorts at the period's first day
and the agenda says how precise it is, instead of inventing a day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date
    precision: str  # day | week | month | quarter | half | season | year | decade

    @property
    def vague(self) -> bool:
        return self.precision != "day"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_one(value: str) -> Period | None:
    if match := _DAY.match(value):
        day = date(int(match[1]), int(match[2]), int(match[3]))
        return Period(day, day, "day")
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        return Period(date(year, month, 1), _month_end(year, month), "month")
    if match := _YEAR.match(value):
        year = int(match[1])
        return Period(date(year, 1, 1), date(year, 12, 31), "year")
    if match := _WEEK.match(value):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return Period(monday, monday + timedelta(days=6), "week")
    if match := _QUARTER.match(value):
        year, first = int(match[1]), 3 * int(match[2]) - 2
        return Period(date(year, first, 1), _month_end(year, first + 2), "quarter")
    if match := _HALF.match(value):
        year, first = int(match[1]), 6 * int(match[2]) - 5
        return Period(date(year, first, 1), _month_end(year, first + 5), "half")
    if match := _SEASON.match(value):
        year = int(match[1])
        first, last = _SEASON_MONTHS[match[2]]
        end_year = year + 1 if last < first else year
        return Period(date(year, first, 1), _month_end(end_year, last), "season")
    if match := _DECADE.match(value):
        start = int(match[1]) * 10
        return Period(date(start, 1, 1), date(start + 9, 12, 31), "decade")
    return None


def period(value: str | None, end_value: str | None = None) -> Period | None:
    """The calendar period of a TIMEX3 value ("2024-02-05", "2025", "2024/2028"); None for
    what has no place on a calendar (durations, "PRESENT_REF", "XXXX-12-25")."""
    if not value:
        return None
    start_text, _, end_text = value.partition("/")
    try:
        first = _parse_one(start_text)
        if first is None:
            return None
        last = _parse_one(end_text or end_value or "") if (end_text or end_value) else None
    except ValueError:  # "2023-02-30": a value no calendar has
        return None
    if last is None or last.end < first.start:
        return first
    precision = first.precision if first.precision == last.precision else "mixed"
    return Period(first.start, last.end, precision)


def split_range(value: str | None, end_value: str | None) -> tuple[str | None, str | None]:
    """A fact's `when` as (start, end) TIMEX3 values: "2024/2028" is ("2024", "2028")."""
    if not value:
        return None, None
    start, _, end = value.partition("/")
    return start, (end or end_value or None)
