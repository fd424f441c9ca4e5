"""The one place storage reads the time, so tests can fix it."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sort_time(published: str | None, fallback_iso: str) -> float:
    """Seconds since the epoch for ordering; a date-only value counts as its noon UTC."""
    for value in (published, fallback_iso):
        if not value:
            continue
        try:
            if len(value) == 10:
                moment = datetime.fromisoformat(value + "T12:00:00+00:00")
            else:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.timestamp()
        except ValueError:
            continue
    return 0.0
