"""Enclosures (podcast episodes, media): what to show under an article and how to play one."""

from __future__ import annotations

import shlex

from reader.models import Enclosure

PLAYABLE_SCHEMES = ("http://", "https://")


def playable(url: str) -> bool:
    """Only web URLs reach a player: a feed must not make it open a local file or run a scheme
    handler."""
    return url.lower().startswith(PLAYABLE_SCHEMES)


def describe(enclosure: Enclosure) -> str:
    """`URL (audio/mpeg, 12.3 MB)`, the parts the feed gave."""
    details = [enclosure.type] if enclosure.type else []
    if enclosure.length:
        details.append(_size(enclosure.length))
    return enclosure.url + (f" ({', '.join(details)})" if details else "")


def _size(length: int) -> str:
    if length >= 1_000_000:
        return f"{length / 1_000_000:.1f} MB"
    if length >= 1_000:
        return f"{length / 1_000:.0f} kB"
    return f"{length} bytes"


def command_for(template: str, url: str) -> list[str]:
    """The argv for a `[ui] player` or `browser` command: "{url}" is replaced by the URL, else
    the URL is appended. Raises ValueError for a command shlex cannot split."""
    parts = shlex.split(template)
    if not parts:
        raise ValueError("the command is empty")
    if "{url}" in template:
        return [part.replace("{url}", url) for part in parts]
    return [*parts, url]
