"""The key-facts sidebar: When, Events, Numbers and Entities, each row linked to the text."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.analysis.model import Analysis
from reader.analysis.summary import GROUPS, FactRow, fact_rows
from reader.tui.messages import EntityChosen, FactChosen


class FactsPane(OptionList):
    BINDINGS = [
        ("j", "cursor_down", "Down"),
        ("k", "cursor_up", "Up"),
        ("g", "first", "First"),
        ("G", "last", "Last"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._rows: dict[str, FactRow] = {}

    def show_message(self, message: str) -> None:
        self._rows = {}
        self.clear_options()
        self.add_option(Option(Content(message).stylize("dim"), disabled=True))

    def show_analysis(self, analysis: Analysis) -> None:
        self._rows = {}
        self.clear_options()
        if analysis.error:
            self.add_option(Option(Content(f"Analysis failed: {analysis.error}"), disabled=True))
        rows = fact_rows(analysis)
        options: list[Option] = []
        for group in GROUPS:
            members = [row for row in rows if row.group == group]
            if not members:
                continue
            options.append(
                Option(Content(group.upper()).stylize("bold $reader-accent"), disabled=True)
            )
            for index, row in enumerate(members):
                option_id = f"{group}-{index}"
                self._rows[option_id] = row
                # one line when it fits; the option list wraps the rest at word boundaries
                text = Content(row.label).stylize("bold") + Content("  " + row.detail).stylize(
                    "dim"
                )
                options.append(Option(text, id=option_id))
        if not options:
            options.append(
                Option(Content("No facts found in this article.").stylize("dim"), disabled=True)
            )
        self.add_options(options)

    def highlighted_row(self) -> FactRow | None:
        if self.highlighted is None:
            return None
        return self._rows.get(self.get_option_at_index(self.highlighted).id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self._rows.get(event.option_id or "")
        if row is None:
            return
        if row.group == "Entities":
            self.post_message(EntityChosen(row.spans))
        else:
            start, end = row.sentence or row.spans[0]
            self.post_message(FactChosen(start, end))
