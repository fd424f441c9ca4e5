"""Publication dates as sources write them, to ISO 8601 (keeping the source's own offset)."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, date, datetime


def iso_from_value(value: object) -> str | None:
    """A date from front matter or a feed: ISO text, RFC 822 text, or a date/datetime object."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    text = str(value).strip()
    return _iso_text(text)


def _iso_text(text: str) -> str | None:
    if len(text) == 10:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.isoformat()
    return None


def parse_day_option(text: str) -> str:
    """`--date YYYY-MM-DD`; raises ValueError with a message a user can act on."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ValueError(f"--date: expected YYYY-MM-DD, got {text!r}") from None
