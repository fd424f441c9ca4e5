"""Small modal screens: help (generated from the bindings), a one-line prompt."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class HelpScreen(ModalScreen[None]):
    """Every binding id with the keys bound to it now, what it does, and its id for `[keys]`."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(
        self,
        sections: Iterable[tuple[str, list[Binding]]],
        keys_display: Callable[[Binding], str],
    ) -> None:
        super().__init__()
        self._sections = list(sections)
        self._keys_display = keys_display

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Label("Keys", id="help-title")
            with VerticalScroll():
                for title, bindings in self._sections:
                    yield Static(
                        Content(title).stylize("bold $reader-accent"), classes="help-section"
                    )
                    lines = [
                        Content(f"{self._keys_display(binding):>12}  ").stylize("bold")
                        + Content(f"{binding.description or binding.action:<32} ")
                        + Content(binding.id or "").stylize("dim")
                        for binding in bindings
                    ]
                    yield Static(Content("\n").join(lines), markup=False)
            yield Label(
                "escape closes · ids go in the config's [keys] table", classes="dim", markup=False
            )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line; dismisses with the text, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self._title, self._placeholder, self._value = title, placeholder, value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(self._title, id="prompt-title", markup=False)
            yield Input(value=self._value, placeholder=self._placeholder, id="prompt-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
