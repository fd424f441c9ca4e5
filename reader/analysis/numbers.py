"""Numbers a reader can check: sums of money with their multiplier and currency, shares, and
counts, which are quantities of a plural noun and never an identifier (a model, a phone or
emergency number, the minutes of a clock)."""

from __future__ import annotations

import re

from reader.analysis.model import NumberExpression, TimeExpression
from reader.analysis.numwords import number_value
from reader.analysis.timex import NUM

AMOUNT = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{NUM[3:-1]}|twenty-one|[a-z]+-[a-z]+)"
SCALE = r"(?:\s(?:hundred|thousand|million|billion|trillion|mn|bn))?"
MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
    "bn": 1e9, "b": 1e9, "billion": 1e9, "tn": 1e12, "trn": 1e12, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "hundred": 1e2,
}  # fmt: skip
# A multiplier written onto the figure ("$12.9bn", "£3m", "$40k") or as a word after it.
MONEY_SCALE = (
    r"(?:\s?(?:bn|mn|mln|tn|trn|m|b|k)(?![\w])"
    r"|\s(?:hundred|thousand|million|billion|trillion|lakhs?|crores?)\b)?"
)
SYMBOLS = {
    "US$": "USD", "$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "Rs": "INR", "Rs.": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₦": "NGN", "₱": "PHP",
}  # fmt: skip
CODES = (
    "USD|EUR|GBP|JPY|INR|CNY|RMB|AUD|CAD|CHF|NZD|HKD|SGD|BRL|RUB|KRW|ZAR|MXN|SEK|NOK|DKK|PLN"
    "|TRY|NGN|KES|PKR|BDT|IDR|PHP|THB|SAR|AED|ILS|EGP"
)
CURRENCY_WORDS = {
    "dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "sterling": "GBP",
    "rupees": "INR", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "roubles": "RUB",
    "rubles": "RUB", "francs": "CHF", "pesos": "MXN", "shillings": "KES", "reais": "BRL", "rand": "ZAR", "naira": "NGN", "lira": "TRY",
}  # fmt: skip
SYMBOL = r"(?:US\$|A\$|AU\$|C\$|CA\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹|₩|₽|₺|₦|₱|Rs\.?(?=\s?\d))"
FIGURE = r"\d[\d,]*(?:\.\d+)?"
MONEY = re.compile(
    rf"(?:(?P<sym>{SYMBOL})\s?|\b(?P<code>{CODES})\s?)(?P<n>{FIGURE}){MONEY_SCALE}"
    rf"(?:\s?(?:-|–|to)\s?(?:{SYMBOL}|(?:{CODES})\s?)?(?P<n_end>{FIGURE}){MONEY_SCALE})?"
    rf"|\b(?P<w>{AMOUNT}){MONEY_SCALE}\s(?P<cur>{'|'.join(CURRENCY_WORDS)}|{CODES})\b",
)
PERCENT = re.compile(rf"\b(?P<n>{AMOUNT})\s?(?:%|per ?cent\b)", re.IGNORECASE)

# Plurals without an s that news counts all the time ("29 people", "three children").
IRREGULAR_PLURALS = r"people|children|men|women|police|staff|personnel|cattle|livestock|feet|teeth"
# The number, then up to three words of its noun phrase (which may hold a model number or a
# name: "400 737 Max jets"), ending on a plural noun in lower case.
COUNT = re.compile(
    rf"(?<![\w:.,$£€¥₹-])(?P<n>{AMOUNT}{SCALE})\s"
    rf"(?P<what>(?:[\w][\w'’-]*\s){{0,3}}?(?:[a-z][\w-]*s|{IRREGULAR_PLURALS}))\b"
    rf"(?![:.,]?\d)",
    re.IGNORECASE,
)
NOT_COUNTED = {
    "times", "years", "days", "months", "weeks", "hours", "minutes", "seconds", "decades",
    "centuries", "percent", "others", "ones", "sides", "is", "was", "has", "weekdays", "weekends",
    "nights", "mornings", "evenings", "afternoons", "this", "thus", "its", "his", "as", "us",
    "yes", "plus", "less", "unless", "always", "perhaps", "whereas", "across", "towards",
    # units of measure: "1,500 metres" and "44 degrees" are quantities, not things counted
    "metres", "meters", "kilometres", "kilometers", "miles", "feet", "inches", "yards",
    "degrees", "kilograms", "kilos", "grams", "tonnes", "tons", "pounds", "litres", "liters",
    "gallons", "acres", "hectares", "watts", "megawatts", "gigawatts", "volts",
    "kms", "kgs", "mph",
}  # fmt: skip
# What a count counts is a noun phrase; one that opens on a function word is not one.
NOT_A_NOUN_START = {
    "on", "in", "at", "of", "for", "to", "by", "with", "from", "into", "onto", "over", "under",
    "and", "or", "but", "than", "as", "per", "the", "a", "an", "this", "that", "these", "those",
    "his", "her", "its", "their", "our", "my", "your", "who", "which", "were", "are", "had",
}  # fmt: skip
SCORE_BEFORE = re.compile(r"\d\s?[-–]\s?$")  # the 4 of a score such as "5-4"
# Numbers people dial: "911 calls" are calls to 911, not 911 of them.
EMERGENCY = {"911", "999", "112", "000", "111", "101", "311", "988", "100", "108"}
DIALLED = re.compile(r"(?:calls?|line|lines|operators?|dispatchers?|cent(?:re|er)s?|services?)\b")


def find_numbers(text: str, times: list[TimeExpression]) -> list[NumberExpression]:
    taken = [(t.start, t.end) for t in times]
    found: list[NumberExpression] = []
    for finder in (_money, _percentages, _counts):
        for number, (start, end) in finder(text):
            # a count clashes with a time only over its figure: "21 annual summits"
            if any(s < end and start < e for s, e in taken):
                continue
            found.append(number)
            taken.append((number.start, number.end))
    return sorted(found, key=lambda n: n.start)


Found = list[tuple[NumberExpression, tuple[int, int]]]  # each with the span that may not clash


def _money(text: str) -> Found:
    found: Found = []
    for match in MONEY.finditer(text):
        figure = match["n"] or match["w"]
        scale = _scale(match, "n") if match["n"] else _scale(match, "w")
        amount = number_value(figure.replace(",", ""))
        if amount is None:
            continue
        currency = _currency(match)
        value = amount * scale
        end_value: int | float | None = None
        if match["n_end"]:
            end_scale = _scale(match, "n_end")
            end = float(match["n_end"].replace(",", ""))
            # "$3-4bn": the multiplier after the second figure is the first's too
            scale = scale if scale != 1 else end_scale
            value, end_value = amount * scale, _tidy(round(end * end_scale, 6))
        number = NumberExpression(
            match.start(), match.end(), match.group(0), "money", _tidy(round(value, 6)), currency
        )
        number.end_value = end_value
        found.append((number, (number.start, number.end)))
    return found


def _scale(match: re.Match[str], group: str) -> float:
    """The multiplier written right after a figure: "12.9bn", "10 million", "5 crore"."""
    after = match.string[match.end(group) : match.end()]
    word = re.match(r"\s?([A-Za-z]+)", after)
    return MULTIPLIERS.get(word[1].lower(), 1.0) if word else 1.0


def _currency(match: re.Match[str]) -> str:
    if match["sym"]:
        return SYMBOLS.get(match["sym"], SYMBOLS.get(match["sym"].rstrip("."), match["sym"]))
    if match["code"]:
        return "CNY" if match["code"] == "RMB" else match["code"]
    word = match["cur"]
    return CURRENCY_WORDS.get(word.lower(), "CNY" if word == "RMB" else word)


def _percentages(text: str) -> Found:
    found: Found = []
    for match in PERCENT.finditer(text):
        amount = number_value(match["n"])
        if amount is not None:
            number = NumberExpression(
                match.start(), match.end(), match.group(0), "percent", _tidy(amount), "%"
            )
            found.append((number, (number.start, number.end)))
    return found


def _counts(text: str) -> Found:
    found: Found = []
    for match in COUNT.finditer(text):
        what = match["what"]
        words = what.split()
        if not _counts_things(match, words, text):
            continue
        amount = number_value(match["n"].replace(",", ""))
        if amount is None or (amount < 2 and not match["n"][0].isdigit()):
            continue
        number = NumberExpression(
            match.start(), match.end(), match.group(0), "count", _tidy(amount), None, what
        )
        found.append((number, match.span("n")))
    return found


def _counts_things(match: re.Match[str], words: list[str], text: str) -> bool:
    """Whether the number counts the noun after it, rather than naming something: "737 Max
    jets" (a model), "911 calls" (a number dialled), "5-4 on penalties" (a score)."""
    if words[-1].lower() in NOT_COUNTED or words[0].lower() in NOT_A_NOUN_START:
        return False
    if SCORE_BEFORE.search(text, max(0, match.start() - 3), match.start()):
        return False  # "5-4 on penalties", "3 of the ministers"
    figure = match["n"]
    if figure.isdigit() and len(words) > 1 and words[0][:1].isupper():
        return False  # "737 Max jets", "787 Dreamliner sales": a model's number
    if figure in EMERGENCY and DIALLED.match(words[0].lower()):
        return False
    return not any(w[:1].isdigit() for w in words[1:]) or words[0][:1].isdigit()


def _tidy(value: float) -> int | float:
    return int(value) if value == int(value) else value
