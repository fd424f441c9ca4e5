"""The notes editor: an article's notes, a Markdown TextArea, and a draft saved as it is typed."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from reader.models import Article, Note
from reader.storage import write_failure
from reader.tui.bindings import NOTES_BINDINGS, NOTES_LIST_BINDINGS

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

DRAFT_DELAY = 0.4  # seconds of quiet before the draft is written


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(self._question, markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NotesList(OptionList):
    """The article's notes above the editor. Keys here, not on the screen: in the editor
    ctrl+d and ctrl+z already mean delete-character and undo-typing."""

    BINDINGS = [
        *NOTES_LIST_BINDINGS,
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]


class NotesScreen(ModalScreen[None]):
    """Write a new note, or pick one above to edit or delete it. Nothing typed is lost: the
    text goes to the draft table while typing and is offered back next time."""

    BINDINGS = [*NOTES_BINDINGS]

    def __init__(self, article: Article, quote: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.article = article
        self.quote = quote
        self.editing: int | None = None  # the note being edited, None for a new one
        self._draft_timer: Timer | None = None
        self._draft_failing = False  # said once, not at every keystroke

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Label(Content(f"Notes · {self.article.title}"), id="notes-title")
            yield NotesList(id="notes-list")
            yield Static("", id="notes-quote")
            yield TextArea(language="markdown", id="notes-editor", soft_wrap=True)
            yield Label(
                self._keys_help(),
                id="notes-help",
                markup=False,
            )

    def _keys_help(self) -> str:
        """The editor's keys as bound now, so a `[keys]` override is what the line says."""
        keys = {b.id: self.reader.keys_display(b) for b in NOTES_BINDINGS + NOTES_LIST_BINDINGS}
        return (
            f"{keys['note_save']} save · {keys['note_close']} close (draft kept) · "
            f"{keys['note_new']} new note · shift+tab to your notes: enter edits, "
            f"{keys['note_delete']} deletes, {keys['note_undo']} undoes"
        )

    def on_mount(self) -> None:
        self._reload_list()
        self._show_quote()
        editor = self.query_one(TextArea)
        # text the disk had no room for, kept in memory, comes before the stored draft
        draft = self.reader.unsaved_drafts.get(self.article.id) or self.reader.store.notes.draft(
            self.article.id
        )
        if draft is not None and draft[0].strip():
            body, note_id = draft
            self.editing = note_id
            self._set_text(body)
            self.notify("Your unsaved draft is back.")
        editor.focus()

    # -- list of notes ------------------------------------------------------------------------
    def _notes(self) -> list[Note]:
        return self.reader.store.notes.for_article(self.article.id)

    def _reload_list(self) -> None:
        notes = self._notes()
        option_list = self.query_one("#notes-list", OptionList)
        option_list.clear_options()
        undoable = any(n.article_id == self.article.id for n in self.reader.deleted_notes)
        option_list.display = bool(notes) or undoable
        if not notes and undoable:
            option_list.add_option(
                Option(Content("No notes left; u brings back the one deleted.").stylize("dim"))
            )
        for note in notes:
            first = note.first_line or "(quote)"
            label = Content(f"{note.updated[:16].replace('T', ' ')}  ").stylize("dim") + Content(
                first
            )
            option_list.add_option(Option(label, id=str(note.id)))
        if notes:
            option_list.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        note = self.reader.store.notes.get(int(event.option_id or 0))
        if note is None:
            return
        self.editing = note.id
        self.quote = (
            (note.quote_start, note.quote_end)
            if note.quote_start is not None and note.quote_end is not None
            else None
        )
        self._show_quote()
        self._set_text(note.body)
        self.query_one(TextArea).focus()

    def _show_quote(self) -> None:
        quote = self.query_one("#notes-quote", Static)
        if self.quote is None:
            quote.display = False
            return
        start, end = self.quote
        quote.update(Content("> " + " ".join(self.article.text[start:end].split())))
        quote.display = True

    def _set_text(self, text: str) -> None:
        self.query_one(TextArea).text = text

    # -- drafts -------------------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._save_draft)

    def _save_draft(self) -> bool:
        """Write the draft; on a full disk say so once and keep the text in memory."""
        body = self.query_one(TextArea).text
        try:
            self.reader.store.notes.save_draft(self.article.id, body, self.editing)
        except (sqlite3.Error, OSError) as error:
            reason = write_failure(error)
            if reason is None:
                raise
            self.reader.unsaved_drafts[self.article.id] = (body, self.editing)
            if not self._draft_failing:
                self.notify(
                    f"The draft was not saved: {reason}. Your text stays here; ctrl+s tries"
                    " again.",
                    severity="error",
                    timeout=10,
                )
            self._draft_failing = True
            return False
        self.reader.unsaved_drafts.pop(self.article.id, None)
        self._draft_failing = False
        return True

    def save_draft_now(self) -> None:
        """The terminal is going away: what was typed in the last DRAFT_DELAY goes now."""
        self._stop_draft_timer()
        if self.query_one(TextArea).text.strip():
            self._save_draft()

    # -- actions ------------------------------------------------------------------------------
    def action_save(self) -> None:
        body = self.query_one(TextArea).text
        if not body.strip() and self.quote is None:
            self.notify("The note is empty; nothing saved.", severity="warning")
            return
        notes = self.reader.store.notes
        with self.reader.writing("The note") as attempt:
            if self.editing is not None and notes.get(self.editing) is not None:
                notes.update(self.editing, body)
                message = "Note updated."
            else:
                notes.add(self.article.id, body, self.quote)
                message = "Note saved."
        if not attempt.ok:  # the text stays in the editor; ctrl+s again once there is room
            self.reader.unsaved_drafts[self.article.id] = (body, self.editing)
            return
        self.reader.unsaved_drafts.pop(self.article.id, None)
        with self.reader.writing("Clearing the draft"):
            self._finish_draft()
        self.notify(message)
        self.dismiss(None)

    def action_close(self) -> None:
        self._stop_draft_timer()
        if self.query_one(TextArea).text.strip():
            if not self._save_draft():
                self.notify("Your text is kept in memory for this session: n brings it back.")
        else:
            self.reader.unsaved_drafts.pop(self.article.id, None)
            with self.reader.writing("Clearing the draft"):
                self.reader.store.notes.discard_draft(self.article.id)
        self.dismiss(None)

    def action_new_note(self) -> None:
        self.editing = None
        self.quote = None
        self._show_quote()
        self._set_text("")
        self.query_one(TextArea).focus()

    def action_delete_note(self) -> None:
        option_list = self.query_one("#notes-list", OptionList)
        target = self.editing
        if option_list.has_focus and option_list.highlighted_option is not None:
            target = int(option_list.highlighted_option.id or 0)
        if not target:
            self.notify("Pick a note above first (shift+tab).", severity="warning")
            return

        def confirmed(answer: bool | None) -> None:
            if not answer:
                return
            note = self.reader.store.notes.delete(target)
            if note is not None:
                self.reader.deleted_notes.append(note)
            if self.editing == target:
                self.action_new_note()
            self._reload_list()
            option_list.focus()
            self.notify("Note deleted. u brings it back.")

        self.app.push_screen(ConfirmScreen("Delete this note?"), confirmed)

    def action_undo_delete(self) -> None:
        if not self.reader.deleted_notes:
            self.notify("Nothing to undo.")
            return
        note = self.reader.deleted_notes.pop()
        self.reader.store.notes.restore(note)
        self._reload_list()
        self.notify("Note restored.")

    def _finish_draft(self) -> None:
        self._stop_draft_timer()
        self.reader.store.notes.discard_draft(self.article.id)

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
