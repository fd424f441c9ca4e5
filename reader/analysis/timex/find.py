"""Finding time expressions: our own patterns, longest and most specific first, plus the
model's DATE/TIME spans as candidates; each match is handed to `resolve` for its value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from reader.analysis.backend import ModelEntity, ModelSentence, SentenceIndex
from reader.analysis.model import TimeExpression
from reader.analysis.numwords import number_value
from reader.analysis.timex.resolve import (
    SEASONS,
    Context,
    Handler,
    Result,
    _ago,
    _century,
    _clock,
    _date_range_same_month,
    _date_range_two_months,
    _decade,
    _decade_words,
    _duration,
    _duration_of,
    _fiscal_year,
    _full_date,
    _half,
    _iso_date,
    _month_alone,
    _month_day,
    _month_range,
    _month_relative_year,
    _month_year,
    _noon,
    _part_of_period,
    _quarter,
    _ref_word,
    _relative_to_story,
    _relative_unit,
    _season,
    _season_of_year,
    _season_year,
    _set,
    _this_period,
    _today_like,
    _weekday,
    _year,
    _year_range,
)

M = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
Y = r"(?:1[6-9]\d\d|20\d\d)"
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|hundred|several|a few|few|a couple of)"
)
NUM_HYPHEN = r"(?:\d+|[a-z]+(?:-[a-z]+)?)"
UNIT = r"(?:day|week|month|year|decade|century|hour|minute|fortnight)"
DASH = r"\s*(?:-|–|—|to|through|until|till|and)\s*"


# -- patterns, longest and most specific first --------------------------------------------------
def _p(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


ICASE = re.IGNORECASE
PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (
        _p(rf"\b(?P<m1>{M}) (?P<d1>{D}){DASH}(?P<m2>{M}) (?P<d2>{D})(?:,? (?P<y>{Y}))?\b"),
        _date_range_two_months,
    ),
    (
        _p(rf"\b(?P<d1>{D}) (?P<m1>{M}){DASH}(?P<d2>{D}) (?P<m2>{M})(?:,? (?P<y>{Y}))?\b"),
        _date_range_two_months,
    ),
    (
        _p(rf"\b(?P<m>{M}) (?P<d1>{D}){DASH}(?P<d2>{D})(?:,? (?P<y>{Y}))?\b(?![-–/:.,]?\d)"),
        _date_range_same_month,
    ),
    (_p(rf"\b(?P<d1>{D}){DASH}(?P<d2>{D}) (?P<m>{M})(?:,? (?P<y>{Y}))?\b"), _date_range_same_month),
    (_p(rf"\b(?:{WD},? )?(?P<m>{M}) (?P<d>{D}),? (?P<y>{Y})\b"), _full_date),
    (_p(rf"\b(?:{WD},? )?(?:the )?(?P<d>{D}) (?:of )?(?P<m>{M}),? (?P<y>{Y})\b"), _full_date),
    (_p(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"), _iso_date),
    (
        _p(
            rf"\b(?P<m1>{M})(?: (?P<y1>{Y}))?{DASH}(?P<m2>{M})(?: (?P<y2>{Y})| (?P<rel>next|last|this) year)?\b"
        ),
        _month_range,
    ),
    (_p(rf"\b(?P<m>{M}),? (?P<y>{Y})\b"), _month_year),
    (_p(rf"\b(?P<m>{M}) (?:of )?(?P<rel>next|last|this|previous) year\b"), _month_relative_year),
    (_p(rf"\b(?:{WD},? )?(?P<m>{M}) (?P<d>{D})\b(?![,.]?\d)"), _month_day),
    (_p(rf"\b(?:{WD},? )?(?:the )?(?P<d>{D}) (?:of )?(?P<m>{M})\b"), _month_day),
    (_p(rf"\b(?P<y1>{Y}){DASH}(?P<y2>{Y}|\d\d)\b(?![-–/:.]\d)"), _year_range),
    (
        _p(
            rf"\b(?:the |[Tt]his )?(?P<pos>end|close|start|beginning|middle|turn) of"
            rf" (?:(?:the |this )?(?:(?P<rel>next|last|this|current|previous) )?"
            rf"(?P<unit>year|month|week|decade|century)|(?:(?P<m>{M})(?: (?P<y1>{Y}))?)|(?P<y>{Y}))\b",
            ICASE,
        ),
        _part_of_period,
    ),
    (
        _p(
            r"\b(?:the |this |next |last )?(?P<unit>year|month)[- ]end\b|\b(?:the )?(?P<unit2>year)['’]s end\b",
            ICASE,
        ),
        _part_of_period,
    ),
    (_p(rf"\b(?P<pos>early|mid|late)[- ](?P<y>{Y})\b(?!s)", ICASE), _part_of_period),
    (
        _p(
            rf"\b(?:(?:the )?(?P<y0>{Y}) fiscal year|fiscal(?: year)? (?P<y>{Y}|\d\d)(?:[-–/](?P<y2>\d\d))?"
            rf"|FY ?(?P<fy>{Y}|\d\d)|(?:the |(?P<rel>this|next|last|current|previous) )(?:fiscal|financial) year)\b",
            ICASE,
        ),
        _fiscal_year,
    ),
    (_p(r"\b(?:(?:[Tt]he|[Ee]arly|[Mm]id|[Ll]ate)[- ]+)?(?P<y>(?:1[6-9]|20)\d0)s\b"), _decade),
    (
        _p(
            r"\b[Tt]he (?:(?:early|mid|late)[- ])?(?P<w>twenties|thirties|forties|fifties|sixties"
            r"|seventies|eighties|nineties|['’]?[2-9]0s)\b"
        ),
        _decade_words,
    ),
    (
        _p(
            r"\b(?:[Tt]he |[Tt]his |[Ll]ast |[Nn]ext )?(?:(?:early|mid|late)[- ])?(?P<n>\d{1,2}(?:st|nd|rd|th)"
            r"|(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
            r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
            r"|nineteenth|twentieth))[- ]century\b",
            ICASE,
        ),
        _century,
    ),
    (
        _p(
            r"\b(?:the (?P<unit>year|month|week|day) (?:before|earlier|after|later)"
            r"|a (?P<unit2>year|month|week|day) (?:earlier|later))\b",
            ICASE,
        ),
        _relative_to_story,
    ),
    # "next year's budget"; "this years festival" without its apostrophe ("last years" is
    # "the last few years", no date)
    (_p(r"\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext) (?P<unit>week|month|year)['’]s\b"), _relative_unit),
    (_p(r"\b(?P<rel>[Tt]his) (?P<unit>week|month|year)s\b"), _relative_unit),
    # a sports or parliamentary season is the article's year: "her third win of the season"
    (
        _p(r"\b(?:(?P<rel>this|last|next|current|previous)|(?<=\bof )the) season\b", ICASE),
        _season_of_year,
    ),
    (
        _p(
            rf"\b(?:the )?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last) quarter|Q(?P<qn>[1-4]))"
            rf"(?:(?: of)? (?P<y>{Y})| of (?P<rel>next|last|this) year)?\b",
            ICASE,
        ),
        _quarter,
    ),
    (
        _p(
            rf"\b(?:the )?(?P<h>first|second|1st|2nd) half of (?:(?P<y>{Y})|(?P<rel>next|last|this) year)\b",
            ICASE,
        ),
        _half,
    ),
    (
        _p(
            rf"\b(?:(?P<rel>this|last|next) )?(?P<s>spring|summer|autumn|fall|winter)(?: of)? (?P<y>{Y})\b",
            ICASE,
        ),
        _season,
    ),
    # "the spring" in a report means this year's
    (
        _p(r"\b(?P<rel>this|last|next|the) (?P<s>spring|summer|autumn|fall|winter)\b", ICASE),
        _season,
    ),
    (
        _p(
            r"\b(?:the day before yesterday|the day after tomorrow|today|yesterday|tomorrow)\b",
            ICASE,
        ),
        _today_like,
    ),
    (
        _p(
            r"\b(?:tonight|overnight|(?:this|yesterday|tomorrow|last) (?:morning|afternoon|evening|night))\b",
            ICASE,
        ),
        _today_like,
    ),
    (
        _p(
            rf"\b(?:(?P<rel>last|next|this|past|coming) )?(?P<wd>{WD})(?: (?P<part>morning|afternoon|evening|night))?\b"
        ),
        _weekday,
    ),
    (
        _p(
            r"\b(?:(?:earlier|later) )?(?P<rel>last|next|this|past|coming|previous|current|following)"
            r" (?P<unit>week|weekend|month|year|quarter|decade)\b",
            ICASE,
        ),
        _relative_unit,
    ),
    (
        _p(
            r"(?:(?<=\bover )|(?<=\bduring )|(?<=\bthroughout )|(?<=\bat ))(?P<rel>the) (?P<unit>weekend)\b"
        ),
        _relative_unit,
    ),
    (
        _p(
            r"\b(?:earlier|later|early|late) (?:in )?(?:the )?(?P<unit>week|month|year)\b(?! (?:of|before|after|ago))",
            ICASE,
        ),
        _this_period,
    ),
    # "[Ten] years ago": an editor's brackets round the number
    (_p(rf"(?:\[|\b)(?P<n>{NUM})\]? (?P<unit>{UNIT})s? (?:ago|earlier)\b", ICASE), _ago),
    (
        _p(
            rf"\b(?:the (?:past|last|next|coming|first|previous|following) )?(?P<n>a few|a couple of"
            rf"|{NUM_HYPHEN})[- ](?P<unit>{UNIT})s?(?:-long)?\b(?![- ]old)",
            ICASE,
        ),
        _duration,
    ),
    # "for years", "within days", "in the coming weeks": a stretch of time without a number
    (
        _p(
            r"(?:(?<=\bfor )|(?<=\bwithin )|(?<=\bover )|(?<=\bafter )|(?<=\bfor many )"
            r"|(?<=\btook )|(?<=\blasted )|(?<=\bspent )|\bthe (?:coming|next|past|last) )"
            r"(?P<unit>day|week|month|year|decade|hour|minute|centurie)s\b",
            ICASE,
        ),
        _duration,
    ),
    # "the past year", "the next decade": TIMEX3 durations; "last year" stays a date
    (
        _p(r"\bthe (?:past|next|coming|last) (?P<unit>week|month|year|decade|century)\b", ICASE),
        _duration,
    ),
    (
        _p(r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)(?=\W|$)", ICASE),
        _clock,
    ),
    (
        _p(
            r"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?P<ampm>)(?=\s*(?:GMT|UTC|BST|CET|EST|ET|PT|local time|hours?)\b)"
        ),
        _clock,
    ),
    # a 24-hour clock at the start of a line (live-blog entries) or after "at"
    (
        _p(
            r"(?:^|(?<=\bat ))(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?P<ampm>)\b"
            r"(?!\s+(?:of|into|left in|remaining)\b)",  # "at 7:14 of the second period": a game clock
            re.MULTILINE,
        ),
        _clock,
    ),
    (_p(r"\b(?:noon|midnight)\b", ICASE), _noon),
    (
        _p(r"\b(?:now|currently|at present|nowadays|these days|at the moment)\b", ICASE),
        _ref_word("PRESENT_REF"),
    ),
    (
        _p(
            r"\b(?:recently|in recent (?:years|months|weeks|days)|formerly|previously"
            r"|in the past(?! (?:\w+ )?(?:years?|months?|weeks?|days?|decades?|few|several)\b))\b",
            ICASE,
        ),
        _ref_word("PAST_REF"),
    ),
    (_p(r"\b(?:in the (?:near )?future|soon)\b", ICASE), _ref_word("FUTURE_REF")),
    (
        _p(
            rf"\b(?:[Ee]very|[Ee]ach|[Pp]er) (?:(?P<n>other|{NUM_HYPHEN}) )?(?P<unit>day|week|month|year"
            rf"|season|decade|morning|afternoon|evening|night|weekend|spring|summer|autumn|fall|winter"
            rf"|{WD}|{M})s?\b(?!\.\w)"
            r"|\b(?:once|twice|thrice|(?:one|two|three|four|five|six|\d+) times) (?:a|an|per|each|every)"
            r" (?P<unit2>day|week|month|year)\b"
            # lower case only: "People's Daily" and the Daily Mail are no repeats
            r"|(?<![’']s )\b(?:daily|weekly|monthly|annually|yearly|nightly|quarterly|annual)\b",
        ),
        _set,
    ),
    (_p(rf"\b(?P<m>{M})\b"), _month_alone),
    (
        _p(
            rf"(?<![\d$£€.,])\b(?P<y>{Y})\b(?![\d%]|[.,]\d| ?(?:per ?cent|percent|people|million|billion))"
        ),
        _year,
    ),
]

_YEAR_CUES = re.compile(
    r"(?:\b(?:in|since|by|until|till|of|from|before|after|during|early|late|mid|around|through"
    r"|for|throughout|between|and|to|the|year|season|fiscal|budget|election|census|summer"
    r"|winter|spring|autumn)\W*|-)$",
    re.IGNORECASE,
)
YEAR_AS_NUMBER = re.compile(r"[- ]years?\b", re.IGNORECASE)
# "World Cup 2018", "Expo 2020": a year after the name of an event is its year
EVENT_NAME_BEFORE = re.compile(
    r"\b(?:Cup|Games|Olympics|Expo|Euro|Championships?|Open|Festival|Summit|Conference"
    r"|Election|Census|Budget|Awards|Fair|Biennale|Congress)\s+$"
)
_MONTH_CUES = re.compile(
    r"\b(?:in|since|by|until|till|of|from|before|after|during|early|late|mid|through|throughout"
    r"|last|next|this|until|end of|start of|beginning of|middle of)\W*$",
    re.IGNORECASE,
)
_RANGE_WORDS = re.compile(r"\b(?:and)\b", re.IGNORECASE)


def _accept(pattern_index: int, match: re.Match[str], ctx: Context) -> bool:
    handler = PATTERNS[pattern_index][1]
    text = match.group(0)
    before = ctx.before(match.start())
    if handler is _year:
        if _a_number(ctx, match.start(), match.end()):
            return False
        cue = _YEAR_CUES.search(before.rstrip()) or EVENT_NAME_BEFORE.search(
            ctx.text, max(0, match.start() - 24), match.start()
        )
        return bool(cue) or before.endswith("(")
    if handler is _month_alone:
        if text.rstrip(".") in {
            "May",
            "March",
            "Mar",
            "Jan",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Sept",
            "Oct",
            "Nov",
            "Dec",
            "Feb",
            "Apr",
        } and not _MONTH_CUES.search(before):
            return False
        return bool(_MONTH_CUES.search(before))
    if (
        handler in (_year_range, _month_range, _date_range_same_month)
        and _RANGE_WORDS.search(text)
        and not re.search(r"\bbetween\W*$", before)
    ):
        return False
    if handler is _duration and match.groupdict().get("n"):
        if re.fullmatch(rf"{Y} \w+", text):
            return False  # "World Cup 2018 day five": a year before a word, not 2018 days
        return _a_duration(match["n"].lower(), before)
    return True


VAGUE_AMOUNTS = {"several", "few", "a few", "many", "a couple of"}


def _a_duration(amount: str, before: str) -> bool:
    """ "Several months" and "for a month" are durations; "once a month", "three meals a day"
    and "$50,000 a year" are rates, and "the first" alone is no amount."""
    if amount in VAGUE_AMOUNTS:
        return True
    if amount in {"a", "an"}:
        return not re.search(
            rf"(?:\b(?:once|twice|thrice|times|per)|\d|\b{NUM} [a-z]+s)\s*$", before
        )
    return number_value(amount) is not None


Candidate = tuple[int, int, int, Result, str | None]  # start, end, pattern, result, range


def _candidates(ctx: Context) -> Iterator[Candidate]:
    for index, (pattern, handler) in enumerate(PATTERNS):
        for match in pattern.finditer(ctx.text):
            if not _accept(index, match, ctx):
                continue
            result = handler(match, ctx)
            if result is None:
                continue
            halves = _halves(match, handler)
            if halves is None or result[2] is None:
                yield match.start(), match.end(), index, result, None
                continue
            type_, first, last, reason = result
            whole = f"{first}/{last}"
            yield match.start(), halves[0], index, (type_, first, None, reason), whole
            yield halves[1], match.end(), index, (type_, last, None, reason), whole


def _halves(match: re.Match[str], handler: Handler) -> tuple[int, int] | None:
    """Where the first end of a range stops and the second starts, for ranges whose ends are
    dates in their own right ("from November 20 to December 11", "between 2000 and 2050");
    "1990-1995" too; "March 10-11" and "2024-28" stay one expression, their second half being no date alone."""
    if handler is _date_range_two_months:
        return max(match.end("d1"), match.end("m1")), min(match.start("m2"), match.start("d2"))
    if handler is _month_range:
        first_end, second_start = max(match.end("m1"), match.end("y1")), match.start("m2")
    elif handler is _year_range and len(match["y2"]) == 4:
        first_end, second_start = match.end("y1"), match.start("y2")
    else:
        return None
    said_in_words = re.search(r"[a-z]", match.string[first_end:second_start])
    if said_in_words or (handler is _month_range and match["y1"]) or handler is _year_range:
        return first_end, second_start
    return None


def find_times(
    text: str,
    reference: date | None,
    sentences: list[ModelSentence],
    model_spans: list[ModelEntity] | None = None,
) -> list[TimeExpression]:
    ctx = Context(text, reference, SentenceIndex(sentences))
    found = sorted(_candidates(ctx), key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    chosen: list[TimeExpression] = []
    last_end = -1
    for start, end, _, result, whole in found:
        if start < last_end or result is None:
            continue
        type_, value, end_value, reason = result
        time = TimeExpression(start, end, text[start:end], type_, value, end_value, reason)
        time.range = whole
        chosen.append(time)
        last_end = end
    for time in chosen:
        time.mod = _mod(time)
    _add_model_years(chosen, model_spans or [], ctx)
    _add_model_spans(chosen, model_spans or [], ctx)
    _attach_durations(chosen, text)
    return sorted(chosen, key=lambda t: t.start)


MODS = (
    ("END", re.compile(r"^(?:the |this )?(?:end|close|late)\b|\b(?:end|['’]s end)$", re.I)),
    ("START", re.compile(r"^(?:the |this )?(?:start|beginning|early|dawn)\b", re.I)),
    ("MID", re.compile(r"^(?:the |this )?(?:middle|mid)\b", re.I)),
)


def _mod(time: TimeExpression) -> str | None:
    """The TIMEX3 mod of a part of a period: "the end of the year" is 2019 with mod END."""
    if time.type != "DATE":
        return None
    return next((mod for mod, words in MODS if words.search(time.text)), None)


def _a_number(ctx: Context, start: int, end: int) -> bool:
    """ "A 2000 year old tradition", "a 1500-year history": numbers of years, no years."""
    return bool(YEAR_AS_NUMBER.match(ctx.text, end))


def _add_model_years(chosen: list[TimeExpression], spans: list[ModelEntity], ctx: Context) -> None:
    """The model's DATE spans may hold a bare year our context rules passed over."""
    taken = [(t.start, t.end) for t in chosen]
    for span in spans:
        if span.label != "DATE":
            continue
        for match in re.finditer(rf"\b{Y}\b", ctx.text[span.start : span.end]):
            start, end = span.start + match.start(), span.start + match.end()
            if any(s < end and start < e for s, e in taken) or _a_number(ctx, start, end):
                continue
            chosen.append(TimeExpression(start, end, match.group(0), "DATE", match.group(0)))
            taken.append((start, end))


MODEL_DURATION = re.compile(
    rf"(?:(?:the |a |an |about |some |nearly |almost |over )?(?P<n>{NUM}|[a-z]+-[a-z]+) )?"
    r"(?:(?:working|business|calendar|full|straight|consecutive) )?"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))(?P<s>s)?",
    re.IGNORECASE,
)
MODEL_SEASON = re.compile(r"(?:(?:the|this) )?(?P<s>spring|summer|autumn|fall|winter)", re.I)


def _add_model_spans(chosen: list[TimeExpression], spans: list[ModelEntity], ctx: Context) -> None:
    """The model's DATE/TIME spans that no pattern took, when their words name a length of
    time ("twenty working days", "73 seconds", "weeks") or a season. Ages, match minutes and
    halves, which the model tags too, name neither and are left out."""
    taken = [(t.start, t.end) for t in chosen]
    for span in spans:
        if span.label not in {"DATE", "TIME"}:
            continue
        if any(s < span.end and span.start < e for s, e in taken):
            continue
        words = ctx.text[span.start : span.end].strip()
        end = span.start + len(words)
        result = _model_value(words, ctx, span.start, end)
        if result is None:
            continue
        type_, value, _, reason = result
        chosen.append(TimeExpression(span.start, end, words, type_, value, None, reason))
        taken.append((span.start, end))


def _model_value(words: str, ctx: Context, start: int, end: int) -> Result:
    duration = MODEL_DURATION.fullmatch(words)
    if duration is not None and not re.search(r"\bold\b", ctx.text[end : end + 5]):
        amount_text = duration["n"]
        if amount_text is None and not duration["s"]:
            return None  # "year", "the day": a word, not a length
        amount = number_value(amount_text) if amount_text else None
        if amount_text and amount is None and amount_text.lower() not in VAGUE_AMOUNTS:
            return None
        unit = duration["unit"].lower().replace("centurie", "century")
        return _duration_of(amount, "century" if unit.startswith("centur") else unit)
    season = MODEL_SEASON.fullmatch(words)
    if season is not None and ctx.reference is not None:
        code = SEASONS[season["s"].lower()]
        return "DATE", f"{_season_year(code, 'this', ctx, start)}-{code}", None, None
    return None


def _attach_durations(chosen: list[TimeExpression], text: str) -> None:
    """ "a five-day visit from December 25 to 29": the range carries the stated duration."""
    durations = [t for t in chosen if t.type == "DURATION"]
    for time in chosen:
        if not time.end_value and not time.range:
            continue
        for duration in durations:
            if 0 <= time.start - duration.end <= 40 and "." not in text[duration.end : time.start]:
                time.duration = duration.value
