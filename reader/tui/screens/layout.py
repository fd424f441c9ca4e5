"""The side panes (sources, key facts) as the reader set them: hidden or a chosen width,
remembered in the store's state table so they come back at the next start."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.storage.cache import AppState

SIDE_PANES = ("sources", "facts")
SIDE_WIDTH = (16, 80)  # the range a side pane may be resized in
TITLES = {"sources": "Sources", "facts": "Key facts"}


class SidePanes:
    """Classes on the screen (`-hide-sources`, `-hide-facts`) hide a pane in the stylesheet; a
    chosen width is set inline. One pane at a time (`-single`) ignores both: there the pane
    shown takes the whole screen."""

    def __init__(self, screen: Screen[None], state: AppState) -> None:
        self._screen = screen
        self._state = state

    def restore(self) -> None:
        for pane in SIDE_PANES:
            self._screen.set_class(self._state.get(f"layout.{pane}.hidden") == "1", f"-hide-{pane}")
        self.apply_widths()

    def apply_widths(self) -> None:
        single = self._screen.has_class("-single")
        for pane in SIDE_PANES:
            width = None if single else self._chosen_width(pane)
            self._screen.query_one(f"#{pane}").styles.width = width

    def _chosen_width(self, pane: str) -> int | None:
        value = self._state.get(f"layout.{pane}.width") or ""
        return int(value) if value.isdigit() else None

    def is_hidden(self, pane: str) -> bool:
        return self._screen.has_class(f"-hide-{pane}") and not self._screen.has_class("-single")

    def set_hidden(self, pane: str, hidden: bool) -> None:
        self._screen.set_class(hidden, f"-hide-{pane}")
        self._state.set(f"layout.{pane}.hidden", "1" if hidden else "0")

    def toggle(self, pane: str) -> str:
        """Hide or show the pane; what the reader is told."""
        hidden = not self._screen.has_class(f"-hide-{pane}")
        self.set_hidden(pane, hidden)
        return f"{TITLES[pane]} pane {'hidden' if hidden else 'shown'}."

    def resize(self, pane: str, step: int) -> str:
        """Widen (or narrow, with a negative step) the pane; what the reader is told."""
        widget = self._screen.query_one(f"#{pane}")
        if self.is_hidden(pane) or not widget.display or self._screen.has_class("-single"):
            return "Show the pane first to resize it."
        low, high = SIDE_WIDTH
        width = max(low, min(high, widget.outer_size.width + step))
        self._state.set(f"layout.{pane}.width", str(width))
        self.apply_widths()
        return f"{TITLES[pane]} pane: {width} columns."
