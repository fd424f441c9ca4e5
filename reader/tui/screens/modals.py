"""Small modal screens: help (generated from the bindings), a one-line prompt."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


def _key_label(app_keys: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "space": "space",
    }
    return ", ".join(names.get(key.strip(), key.strip()) for key in app_keys.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="close_help")]

    def __init__(self, sections: Iterable[tuple[str, list[Binding]]], keymap: dict[str, str]):
        super().__init__()
        self._sections = list(sections)
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Label("Keys", id="help-title")
            with VerticalScroll():
                for title, bindings in self._sections:
                    yield Static(Content(title).stylize("bold $accent"), classes="help-section")
                    lines = []
                    for binding in bindings:
                        keys = self._keymap.get(binding.id or "", binding.key)
                        lines.append(
                            Content(f"{_key_label(keys):>14}  ").stylize("bold")
                            + Content(binding.description or binding.action)
                        )
                    yield Static(Content("\n").join(lines), markup=False)
            yield Label("escape closes", classes="dim")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line; dismisses with the text, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_prompt")]

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
