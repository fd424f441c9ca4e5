"""Handing an article's link to a browser. The link is the feed's: only http(s) goes out, and
always as one argument that cannot read as an option (`--help`, `-e`)."""

from __future__ import annotations

import shlex
from urllib.parse import urlsplit


class LinkRefused(Exception):
    """A link reader will not open; the message says why."""


def openable(link: str) -> str:
    """`link` if a browser may be given it, else LinkRefused: http and https only (no
    `javascript:`, no `file:///etc/passwd`), no white space or control characters."""
    if not link.isprintable() or any(c.isspace() for c in link):
        raise LinkRefused("the link holds spaces or control characters")
    try:
        scheme = urlsplit(link).scheme.lower()
    except ValueError:
        raise LinkRefused("the link is not a valid address") from None
    if scheme not in ("http", "https"):
        raise LinkRefused(f"only http and https links are opened (this one is {scheme or 'bare'}:)")
    return link


def browser_command(command: str, link: str) -> list[str]:
    """The argument list for `[ui] browser`: "{url}" replaced by the link (write `-- {url}`
    for a browser that takes `--`), else the link appended. The link is one argument whatever
    it holds, and being http(s) it never starts with a dash."""
    link = openable(link)
    parts = shlex.split(command)
    if any("{url}" in part for part in parts):
        return [part.replace("{url}", link) for part in parts]
    return [*parts, link]
