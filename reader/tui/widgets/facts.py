"""The key-facts sidebar: When, Events, Numbers and Entities, each row linked to the text."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.analysis.model import Analysis
from reader.analysis.summary import GROUPS, FactRow, fact_rows
from reader.storage.entities import EntityRow
from reader.storage.entities import FactRow as IndexedFact
from reader.tui.messages import EntityChosen, FactChosen, SentenceWanted, StoriesWanted

# An entity's timeline in the sidebar: the latest dated facts a reader can take in (a top
# entity has thousands, and building their rows took most of the time from S to the list).
TIMELINE_SHOWN = 50


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
        # while it shows an entity's stories: what each timeline and related row leads to
        self._leads: dict[str, SentenceWanted | StoriesWanted] = {}

    def show_message(self, message: str) -> None:
        self._rows, self._leads = {}, {}
        self.clear_options()
        self.add_option(Option(Content(message).stylize("dim"), disabled=True))

    def show_analysis(self, analysis: Analysis) -> None:
        self._rows, self._leads = {}, {}
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

    def show_entity(
        self, entity: EntityRow, facts: list[IndexedFact], related: list[EntityRow]
    ) -> None:
        """An entity across articles: its timeline (enter opens the article at the sentence)
        and the entities that appear with it (enter lists their stories)."""
        from reader.export.dossier import when_label

        self._rows, self._leads = {}, {}
        self.clear_options()
        heading = f"{entity.name} · {entity.kind} · {entity.articles} articles"
        options = [Option(Content(heading).stylize("bold"), disabled=True)]
        if entity.aliases:
            options.append(
                Option(Content("also " + ", ".join(entity.aliases)).stylize("dim"), disabled=True)
            )
        options.append(Option(Content("TIMELINE").stylize("bold $reader-accent"), disabled=True))
        dated = [fact for fact in facts if fact.date is not None]
        if len(dated) > TIMELINE_SHOWN:  # the latest ones; the rest is in `reader entity`
            earlier = len(dated) - TIMELINE_SHOWN
            dated = dated[-TIMELINE_SHOWN:]
            note = f"{earlier} earlier dated facts: reader entity {entity.name!r} lists them all"
            options.append(Option(Content(note).stylize("dim"), disabled=True))
        for index, fact in enumerate(dated):
            option_id = f"timeline-{index}"
            self._leads[option_id] = SentenceWanted(
                fact.article_id, fact.sentence_start, fact.sentence_end
            )
            detail = " ".join([fact.text, *fact.who, *fact.where])
            text = Content(when_label(fact).split(" (a ")[0]).stylize("bold") + Content(
                f"  {fact.kind}: {detail}"
            ).stylize("dim")
            options.append(Option(text, id=option_id))
        if not dated:
            options.append(Option(Content("No dated facts.").stylize("dim"), disabled=True))
        if related:
            options.append(
                Option(Content("APPEARS WITH").stylize("bold $reader-accent"), disabled=True)
            )
        for index, other in enumerate(related):
            option_id = f"related-{index}"
            self._leads[option_id] = StoriesWanted(other.id)
            text = Content(other.name).stylize("bold") + Content(
                f"  {other.kind}, {other.articles} articles together"
            ).stylize("dim")
            options.append(Option(text, id=option_id))
        self.add_options(options)

    def highlighted_row(self) -> FactRow | None:
        if self.highlighted is None:
            return None
        return self._rows.get(self.get_option_at_index(self.highlighted).id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        lead = self._leads.get(event.option_id or "")
        if lead is not None:
            self.post_message(
                SentenceWanted(lead.article_id, lead.start, lead.end)
                if isinstance(lead, SentenceWanted)
                else StoriesWanted(lead.entity_id)
            )
            return
        row = self._rows.get(event.option_id or "")
        if row is None:
            return
        if row.group == "Entities":
            self.post_message(EntityChosen(row.spans, row.label))
        else:
            start, end = row.sentence or row.spans[0]
            self.post_message(FactChosen(start, end))
