"""Resolving time expressions: TIMEX3 values by rules in the spirit of HeidelTime.

Relative expressions resolve against the article's reference date; where the words leave the
direction open ("on Wednesday", "December 25"), the tense of the sentence decides. With no
reference date a value keeps only what the text says (`XXXX-12-25`) and the reason is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from reader.analysis.backend import SentenceIndex
from reader.analysis.numwords import number_value

NO_DATE = "no article date"

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "last": 4,
}
UNIT_CODES = {
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "hour": "H",
    "minute": "M",
    "second": "S",
    "fortnight": "W",
}


def month_number(text: str) -> int:
    return MONTHS[text.strip(". ").lower()[:3]]


def day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@dataclass(slots=True)
class Context:
    text: str
    reference: date | None
    sentences: SentenceIndex
    match_end: int | None = None  # where the expression being resolved ends

    def tense_at(self, offset: int, end: int | None = None) -> str:
        """The direction an open date points: the words just before it first ("until
        Thursday", "would meet ... on February 5"), then a past verb right after it ("Clark in
        October revealed"), else the tense of its sentence."""
        sentence = self.sentences.at(offset)
        start = sentence.start if sentence is not None else 0
        tense = sentence.tense if sentence is not None else "present"
        clause = self.text[max(start, offset - 48) : offset].lower()
        if BY.search(clause) and tense == "past":
            return "past"  # "had been used a million times by Thursday night"
        if LOCAL_FUTURE.search(clause):
            return "future"
        if LOCAL_PAST.search(clause):
            return "past"  # "arrived on Tuesday and will leave next week"
        if REPORTED_FUTURE.search(self.text, start, offset):
            return "future"  # "ESA said it would point the telescope at it again in June"
        stop = sentence.end if sentence is not None else len(self.text)
        end = self.match_end if end is None else end
        if end is not None and PAST_AFTER.match(self.text[end : min(stop, end + 40)]):
            return "past"
        return tense

    def before(self, offset: int, width: int = 24) -> str:
        return self.text[max(0, offset - width) : offset].lower()


Result = tuple[str, str | None, str | None, str | None] | None  # type, value, end_value, reason

# Words right before an open date that point it forward whatever the sentence's main verb says.
LOCAL_FUTURE = re.compile(
    r"(?:\b(?:until|till|by)\s+$)|\b(?:will|would|shall|'ll|is due|are due|is set to|are set to"
    r"|is to|are to|plans? to|aims? to|intends? to|hopes? to|could|might)\b"
    r"(?!\s+(?:have|not)\b)[^.;:,]*$"
)
BY = re.compile(r"\bby\s+$")
PAST_VERB = (
    r"(?:\w{3,}ed|said|met|left|came|went|told|held|began|gave|took|made|won|lost|saw|flew|spoke"
    r"|wrote|sent|kept|brought|found|became|rose|fell|struck|led|ran|paid|sold|bought|built"
    r"|fought|chose|broke|spent|heard|beat|signed|was|were|did)"
)
# The verb right after the date, its subject between: "Clark in October revealed", "In
# October, the ministry said".
PAST_AFTER = re.compile(
    r"(?:,?\s+(?:the\s+)?[\w'’-]+){0,2}?,?\s+(?!(?:scheduled|expected|planned|needed)\b)"
    + PAST_VERB
    + r"\b"
)
# A past-tense verb governing the date, a few words before it, in a sentence whose main tense
# says otherwise. Participles that look ahead ("scheduled for", "expected on") are not past.
LOCAL_PAST = re.compile(
    r"\b(?!(?:scheduled|expected|planned|slated|proposed|needed|intended)\b)"
    r"(?:\w{3,}ed|said|met|left|came|went|told|held|began|gave|took|made|won|lost|saw|flew|spoke"
    r"|wrote|sent|kept|brought|found|became|rose|fell|struck|led|ran|paid|sold|bought|built"
    r"|fought|chose|broke|spent|heard|beat|signed|was|were|did)\b"
    r"(?:\s+[\w'’-]+){0,2}\s+(?:on|last)\s+$"
)
# "would" earlier in the sentence, not "would have": in a report, the future as it was said.
REPORTED_FUTURE = re.compile(
    r"\b(?:would|was to|were to|could|might|perhaps)\b(?!\s+(?:have|not)\b)[^.;:!?]*$", re.I
)
Handler = Callable[[re.Match[str], Context], Result]


# -- resolution helpers -------------------------------------------------------------------------
def _pick_year(month: int, day: int, ctx: Context, offset: int) -> int | None:
    ref = ctx.reference
    if ref is None:
        return None
    tense = ctx.tense_at(offset)
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(date(year, month, min(day, 28) if day > 28 else day))
        except ValueError:
            continue
    if tense == "past":
        past = [c for c in candidates if c <= ref]
        if past:
            return max(past).year
    if tense == "future":
        future = [c for c in candidates if c >= ref]
        if future:
            return min(future).year
    return min(candidates, key=lambda c: (abs((c - ref).days), c > ref)).year


def _pick_year_guarded(month: int, day: int, ctx: Context, offset: int) -> int | None:
    """A date without its year is almost never most of a year away from the report: when the
    tense points 250+ days off and the other side is within 90 days, the near one wins."""
    year = _pick_year(month, day, ctx, offset)
    ref = ctx.reference
    if year is None or ref is None:
        return year
    try:
        chosen = date(year, month, min(day, 28))
        near = min(
            (date(y, month, min(day, 28)) for y in (ref.year - 1, ref.year, ref.year + 1)),
            key=lambda c: abs((c - ref).days),
        )
    except ValueError:
        return year
    if abs((chosen - ref).days) > 250 and abs((near - ref).days) <= 90:
        return near.year
    return year


def _ymd(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"


def _ym(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"


def _week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _year_of(year_text: str | None, ctx: Context, month: int, day: int, offset: int) -> int | None:
    if year_text:
        return int(year_text)
    return _pick_year_guarded(month, day, ctx, offset)


def _reason(ctx: Context, value: str | None) -> str | None:
    if ctx.reference is None and (value is None or "X" in value):
        return NO_DATE
    return None


# -- handlers ---------------------------------------------------------------------------------
def _date_range_same_month(m: re.Match[str], ctx: Context) -> Result:
    month = month_number(m["m"])
    d1, d2 = day_number(m["d1"]), day_number(m["d2"])
    if d2 <= d1:
        return None
    year = _year_of(m["y"], ctx, month, d1, m.start())
    start, end = _ymd(year, month, d1), _ymd(year, month, d2)
    return "DATE", start, end, _reason(ctx, start)


def _date_range_two_months(m: re.Match[str], ctx: Context) -> Result:
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    d1, d2 = day_number(m["d1"]), day_number(m["d2"])
    y2 = _year_of(m["y"], ctx, m2, d2, m.start())
    y1 = (y2 - 1 if m1 > m2 else y2) if y2 else None
    start, end = _ymd(y1, m1, d1), _ymd(y2, m2, d2)
    return "DATE", start, end, _reason(ctx, start)


def _full_date(m: re.Match[str], ctx: Context) -> Result:
    month, day = month_number(m["m"]), day_number(m["d"])
    try:
        date(int(m["y"]), month, day)
    except ValueError:
        return None
    return "DATE", _ymd(int(m["y"]), month, day), None, None


def _month_day(m: re.Match[str], ctx: Context) -> Result:
    month, day = month_number(m["m"]), day_number(m["d"])
    if day > 31:
        return None
    year = _pick_year_guarded(month, day, ctx, m.start())
    value = _ymd(year, month, day)
    return "DATE", value, None, _reason(ctx, value)


def _iso_date(m: re.Match[str], ctx: Context) -> Result:
    try:
        return "DATE", date.fromisoformat(m.group(0)).isoformat(), None, None
    except ValueError:
        return None


def _month_year(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", _ym(int(m["y"]), month_number(m["m"])), None, None


def _month_relative_year(m: re.Match[str], ctx: Context) -> Result:
    month = month_number(m["m"])
    if ctx.reference is None:
        return "DATE", _ym(None, month), None, NO_DATE
    year = ctx.reference.year + {"next": 1, "last": -1, "this": 0, "previous": -1}[m["rel"].lower()]
    return "DATE", _ym(year, month), None, None


def _month_range(m: re.Match[str], ctx: Context) -> Result:
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    y2 = int(m["y2"]) if m["y2"] else None
    y1 = int(m["y1"]) if m["y1"] else None
    if y2 is None and m["rel"] and ctx.reference is not None:
        y2 = ctx.reference.year + {"next": 1, "last": -1, "this": 0}[m["rel"].lower()]
    if y2 is None and y1 is None:
        y2 = _pick_year(m2, 1, ctx, m.start())
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if m1 > m2 else y2
    if y2 is None and y1 is not None:
        y2 = y1 + 1 if m2 < m1 else y1
    return "DATE", _ym(y1, m1), _ym(y2, m2), _reason(ctx, _ym(y1, m1))


def _month_alone(m: re.Match[str], ctx: Context) -> Result:
    month = month_number(m["m"])
    value = _ym(_bare_month_year(month, ctx, m.start()), month)
    return "DATE", value, None, _reason(ctx, value)


def _bare_month_year(month: int, ctx: Context, offset: int) -> int | None:
    """The year of a bare month: "last May" is the latest May before the article's month, "next
    May" the first after; otherwise a past report means the latest one begun by the article's
    date ("Clark in October revealed" in November: this October), a future one the first not
    yet over, and no tense the nearest."""
    ref = ctx.reference
    if ref is None:
        return None
    before = ctx.before(offset, 16)
    here = ref.year * 12 + ref.month
    if re.search(r"\b(?:last|this past|previous)\s+$", before):
        return ref.year if month < ref.month else ref.year - 1
    if re.search(r"\b(?:next|this coming|coming)\s+$", before):
        return ref.year if month > ref.month else ref.year + 1
    tense = ctx.tense_at(offset)
    if tense == "past":
        return ref.year if month <= ref.month else ref.year - 1
    if tense == "future":
        return ref.year if month >= ref.month else ref.year + 1
    return min(
        (y for y in (ref.year - 1, ref.year, ref.year + 1)),
        key=lambda y: abs(y * 12 + month - here),
    )


def _year_range(m: re.Match[str], ctx: Context) -> Result:
    y1 = int(m["y1"])
    tail = m["y2"]
    y2 = int(tail) if len(tail) == 4 else int(str(y1)[: 4 - len(tail)] + tail)
    if not y1 < y2 <= y1 + 100:
        return None
    return "DATE", str(y1), str(y2), None


def _year(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", m["y"], None, None


def _decade(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", m["y"][:3], None, None


def _quarter(m: re.Match[str], ctx: Context) -> Result:
    quarter = ORDINALS.get((m["q"] or "").lower()) or int(m["qn"] or 0)
    if not quarter:
        return None
    year = _relative_year(m["y"], m["rel"], ctx)
    if year is None:
        return "DATE", f"XXXX-Q{quarter}", None, NO_DATE
    if not m["y"] and not m["rel"] and ctx.reference is not None:
        # "revenue for the fourth quarter" in a January report is last year's
        current = (ctx.reference.month - 1) // 3 + 1
        tense = ctx.tense_at(m.start())
        if tense == "past" and quarter >= current:
            year -= 1
        elif tense == "future" and quarter < current:
            year += 1
    return "DATE", f"{year}-Q{quarter}", None, None


def _half(m: re.Match[str], ctx: Context) -> Result:
    half = 1 if m["h"].lower() in {"first", "1st"} else 2
    year = _relative_year(m["y"], m["rel"], ctx)
    if year is None:
        return "DATE", f"XXXX-H{half}", None, NO_DATE
    return "DATE", f"{year}-H{half}", None, None


def _relative_year(year: str | None, rel: str | None, ctx: Context) -> int | None:
    if year:
        return int(year)
    if ctx.reference is None:
        return None
    return ctx.reference.year + {"next": 1, "last": -1, "previous": -1, "this": 0, None: 0}.get(
        rel.lower() if rel else None, 0
    )


def _season(m: re.Match[str], ctx: Context) -> Result:
    code = SEASONS[m["s"].lower()]
    year_written = m.groupdict().get("y")
    if year_written:
        return "DATE", f"{year_written}-{code}", None, None
    if ctx.reference is None:
        return "DATE", f"XXXX-{code}", None, NO_DATE
    rel = (m["rel"] or "this").lower()
    return "DATE", f"{_season_year(code, rel, ctx, m.start())}-{code}", None, None


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # WI runs into Feb


def _season_year(code: str, rel: str, ctx: Context, offset: int) -> int:
    """ "Last spring" is the latest over before the article, "next spring" the first not begun;
    "this" or "the" spring follows the tense: "perhaps in the spring" said in November is
    the coming one, "in the spring, sales fell" the one past."""
    assert ctx.reference is not None
    ref = ctx.reference
    here = ref.year * 12 + ref.month
    first, last = SEASON_MONTHS[code]

    def over(year: int) -> bool:
        return year * 12 + last < here

    def begun(year: int) -> bool:
        return year * 12 + first <= here

    years = (ref.year - 1, ref.year, ref.year + 1)
    tense = "past" if rel == "last" else "future" if rel == "next" else ctx.tense_at(offset)
    if rel == "last":
        return max(y for y in years if over(y))
    if rel == "next":
        return min(y for y in years if not begun(y))
    if tense == "past":
        return max(y for y in years if begun(y))
    if tense == "future":
        return min(y for y in years if not over(y))
    if code == "WI" and ref.month <= 2:
        return ref.year - 1  # January is in the winter that began in December
    return ref.year


def _today_like(m: re.Match[str], ctx: Context) -> Result:
    word = m.group(0).lower()
    ref = ctx.reference
    shifts = {
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    if word in shifts:
        if ref is None:
            return "DATE", None, None, NO_DATE
        return "DATE", (ref + timedelta(days=shifts[word])).isoformat(), None, None
    parts = word.split()
    if ref is None:
        return "TIME", None, None, NO_DATE
    if word in {"tonight", "overnight"}:
        return "TIME", f"{ref.isoformat()}TNI", None, None
    day = ref - timedelta(days=1) if parts[0] in {"last", "yesterday"} else ref
    if parts[0] == "tomorrow":
        day = ref + timedelta(days=1)
    return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[parts[-1]]}", None, None


def _weekday(m: re.Match[str], ctx: Context) -> Result:
    weekday = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    ref = ctx.reference
    part = (m["part"] or "").lower()
    if ref is None:
        return ("TIME" if part else "DATE"), f"XXXX-WXX-{weekday + 1}", None, NO_DATE
    back = (ref.weekday() - weekday) % 7
    forward = (weekday - ref.weekday()) % 7
    if rel == "last" or rel == "past":
        day = ref - timedelta(days=back or 7)
    elif rel == "next" or rel == "coming":
        day = ref + timedelta(days=forward or 7)
    else:
        tense = ctx.tense_at(m.start())
        if tense == "past":
            day = ref - timedelta(days=back)
        elif tense == "future":
            day = ref + timedelta(days=forward)
        else:
            day = ref - timedelta(days=back) if back <= forward else ref + timedelta(days=forward)
    if part:
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part]}", None, None
    return "DATE", day.isoformat(), None, None


def _relative_unit(m: re.Match[str], ctx: Context) -> Result:
    rel, unit, ref = m["rel"].lower(), m["unit"].lower(), ctx.reference
    if unit == "weekend" and rel in {"this", "the"} and ref is not None:
        return "DATE", _weekend(ref, ctx.tense_at(m.start())), None, None
    return _relative(rel, unit, ctx)


def _weekend(ref: date, tense: str) -> str:
    """ "This weekend" or "over the weekend": on a weekday, the one past when the sentence
    reports ("was a guest this weekend", said on a Tuesday), else the coming one."""
    if ref.weekday() >= 5:
        return _week(ref) + "-WE"
    if tense == "past":
        return _week(ref - timedelta(days=ref.weekday() + 2)) + "-WE"
    return _week(ref + timedelta(days=5 - ref.weekday())) + "-WE"


def _relative_to_story(m: re.Match[str], ctx: Context) -> Result:
    """ "The year before", "a year earlier", "the year after": one step from the article's own
    period, the nearest anchor a rule can know."""
    after = re.search(r"\b(?:after|later|following)\b", m.group(0), re.I)
    unit = (m["unit"] or m["unit2"]).lower()
    sentence = ctx.sentences.at(m.start())
    said = re.findall(
        r"\b(?:1[6-9]|20)\d\d\b", ctx.text[sentence.start if sentence else 0 : m.start()]
    )
    if unit == "year" and said:  # "8.9 million visitors in 2023, up 14% from the year before"
        return "DATE", str(int(said[-1]) + (1 if after else -1)), None, None
    return _relative("next" if after else "last", unit, ctx)


DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
}  # fmt: skip


def _decade_words(m: re.Match[str], ctx: Context) -> Result:
    """ "The sixties", "the '80s": the last century's unless the 2000s are meant."""
    word = m["w"].lower().lstrip("'’")
    digit = DECADE_WORDS.get(word) or int(word[0])
    century = (
        "20" if digit <= 2 and ctx.reference is not None and ctx.reference.year >= 2035 else "19"
    )
    return "DATE", f"{century}{digit}", None, None


def _century(m: re.Match[str], ctx: Context) -> Result:
    """ "The 20th century" is TIMEX3 19 (its years begin 19..)."""
    word = m["n"].lower()
    number = ORDINAL_WORDS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= number <= 22:
        return None
    return "DATE", f"{number - 1:02d}", None, None


def _part_of_period(m: re.Match[str], ctx: Context) -> Result:
    """ "The end of the year", "year end", "the start of next month", "the end of March", "the
    end of 2019": the period's value; its part is the TIMEX3 mod, set from the words."""
    found = {k: v for k, v in m.groupdict().items() if v}
    if "y" in found:
        return "DATE", found["y"], None, None
    if "m" in found:
        month = month_number(found["m"])
        year = int(found["y1"]) if "y1" in found else _bare_month_year(month, ctx, m.start())
        value = _ym(year, month)
        return "DATE", value, None, _reason(ctx, value)
    unit = found.get("unit") or found["unit2"]
    return _relative(found.get("rel", "this").lower(), unit.lower(), ctx)


def _relative(rel: str, unit: str, ctx: Context) -> Result:
    """This/last/next week, month, year...: the period `rel` steps away from the reference."""
    ref = ctx.reference
    if ref is None:
        return "DATE", None, None, NO_DATE
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "this": 0,
        "current": 0,
        "following": 1,
    }[rel]
    if unit == "day":
        return "DATE", (ref + timedelta(days=step)).isoformat(), None, None
    if unit in {"week", "weekend"}:
        week = _week(ref + timedelta(weeks=step))
        return "DATE", week + ("-WE" if unit == "weekend" else ""), None, None
    if unit == "month":
        year, month = _shift_month(ref, step)
        return "DATE", _ym(year, month), None, None
    if unit == "quarter":
        year, month = _shift_month(ref, 3 * step)
        return "DATE", f"{year}-Q{(month - 1) // 3 + 1}", None, None
    if unit == "decade":
        return "DATE", str(ref.year + 10 * step)[:3], None, None
    if unit == "century":
        return "DATE", str(ref.year + 100 * step)[:2], None, None
    return "DATE", str(ref.year + step), None, None


def _ago(m: re.Match[str], ctx: Context) -> Result:
    amount = number_value(m["n"])
    unit = m["unit"].lower()
    ref = ctx.reference
    if amount is None or amount != int(amount):
        return None
    n = int(amount)
    if unit in {"hour", "minute"}:
        # "five hours earlier" counts from the event told of, not from the article's date
        return "DURATION", f"PT{n}{UNIT_CODES[unit]}", None, None
    if ref is None:
        return "DATE", None, None, NO_DATE
    if unit == "day":
        return "DATE", (ref - timedelta(days=n)).isoformat(), None, None
    if unit == "week":
        return "DATE", _week(ref - timedelta(weeks=n)), None, None
    if unit == "month":
        return "DATE", _ym(*_shift_month(ref, -n)), None, None
    if unit == "decade":
        return "DATE", str(ref.year - 10 * n)[:3], None, None
    return "DATE", str(ref.year - n), None, None


def _duration(m: re.Match[str], ctx: Context) -> Result:
    found = m.groupdict()
    unit = m["unit"].lower().replace("centurie", "century")
    if "n" not in found:  # "the past year", "for years"
        plural = m.group(0).lower().endswith("s")
        return _duration_of(None if plural else 1, unit)
    return _duration_of(number_value(m["n"]), unit)


def _duration_of(amount: float | None, unit: str) -> Result:
    code = UNIT_CODES[unit]
    if amount is None:  # "several months", "for years": TIMEX3 writes the unknown number X
        if unit in {"hour", "minute", "second"}:
            return "DURATION", f"PTX{code}", None, None
        return "DURATION", f"PX{'W' if unit == 'fortnight' else code}", None, None
    number = int(amount) if amount == int(amount) else amount
    code = UNIT_CODES[unit]
    if code == "DE":
        return "DURATION", f"P{int(number) * 10}Y", None, None
    if code == "CE":
        return "DURATION", f"P{int(number) * 100}Y", None, None
    if unit in {"hour", "minute", "second"}:
        return "DURATION", f"PT{number}{code}", None, None
    if unit == "fortnight":
        return "DURATION", f"P{int(number) * 2}W", None, None
    return "DURATION", f"P{number}{code}", None, None


def _clock(m: re.Match[str], ctx: Context) -> Result:
    hour = int(m["h"])
    minute = int(m["min"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    day = ctx.reference.isoformat() if ctx.reference else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", None, _reason(ctx, day)


def _noon(m: re.Match[str], ctx: Context) -> Result:
    day = ctx.reference.isoformat() if ctx.reference else "XXXX-XX-XX"
    clock = "12:00" if m.group(0).lower() == "noon" else "24:00"
    return "TIME", f"{day}T{clock}", None, _reason(ctx, day)


def _ref_word(value: str) -> Handler:
    return lambda m, ctx: ("DATE", value, None, None)


def _this_period(m: re.Match[str], ctx: Context) -> Result:
    return _relative("this", m["unit"].lower(), ctx)


SET_PERIODS = {"day": "D", "week": "W", "month": "M", "year": "Y", "season": "Y", "decade": "DE"}


def _set(m: re.Match[str], ctx: Context) -> Result:
    """How often: "every two weeks" P2W, "every Sunday" XXXX-WXX-7, "each spring" XXXX-SP,
    "twice a year" P1Y (the frequency goes in TIMEX3's freq, which we do not keep)."""
    found = {k: v.lower() for k, v in m.groupdict().items() if v}
    unit = found.get("unit") or found.get("unit2")
    if unit is not None:
        return "SET", _set_value(unit, found.get("n")), None, None
    word = m.group(0).lower()
    for key, code in (
        ("day", "P1D"),
        ("daily", "P1D"),
        ("week", "P1W"),
        ("weekly", "P1W"),
        ("month", "P1M"),
        ("monthly", "P1M"),
        ("year", "P1Y"),
        ("annual", "P1Y"),
        ("night", "TNI"),
        ("quarter", "P3M"),
    ):
        if key in word:
            return "SET", code, None, None
    return None


def _set_value(unit: str, amount_text: str | None) -> str:
    if unit in SET_PERIODS:
        every = 2 if amount_text == "other" else number_value(amount_text or "1") or 1
        return f"P{int(every)}{SET_PERIODS[unit]}"
    if unit in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[unit] + 1}"
    if unit in SEASONS:
        return f"XXXX-{SEASONS[unit]}"
    if unit in PARTS_OF_DAY:
        return f"T{PARTS_OF_DAY[unit]}"
    if unit == "weekend":
        return "XXXX-WXX-WE"
    return f"XXXX-{month_number(unit):02d}"


def _fiscal_year(m: re.Match[str], ctx: Context) -> Result:
    """ "Fiscal 2019", "FY19", "the 2019 fiscal year", "next fiscal year": TIMEX3 FY2019. A split
    year ("fiscal 2019-20") is named by the year it ends in, as most fiscal calendars do."""
    found = {k: v for k, v in m.groupdict().items() if v}
    written = found.get("y2") or found.get("y") or found.get("y0") or found.get("fy")
    if written is not None:
        year = int(written) + (2000 if len(written) == 2 else 0)
        return "DATE", f"FY{year}", None, None
    if ctx.reference is None:
        return "DATE", None, None, NO_DATE
    step = {"next": 1, "last": -1, "previous": -1}.get(found.get("rel", "").lower(), 0)
    return "DATE", f"FY{ctx.reference.year + step}", None, None


def _season_of_year(m: re.Match[str], ctx: Context) -> Result:
    return _relative((m["rel"] or "this").lower(), "year", ctx)
