"""The analyser's version: what a stored analysis was made by. Kept apart from the rules so
that asking it (every `reader agenda`, `entities`, `entity` checks the index is up to date)
does not import them."""

from __future__ import annotations

from typing import Protocol

# Bump when a rule changes what an analysis holds: stored analyses and the index are redone.
RULES_VERSION = "5"


class Versioned(Protocol):
    name: str
    version: str


def analyser_version(backend: Versioned) -> str:
    # RULES_VERSION is read at call time, so a test (or a caller) may set it on this module
    return f"{backend.name}-{backend.version}+rules{RULES_VERSION}"
