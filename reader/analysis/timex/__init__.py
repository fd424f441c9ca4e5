"""Time expressions, by job: `find` spots them (patterns and the model's spans), `resolve`
gives them TIMEX3 values against the article's date, `words` says those values to a person."""

from reader.analysis.timex.find import NUM, find_times
from reader.analysis.timex.resolve import NO_DATE

__all__ = ["NO_DATE", "NUM", "find_times"]
