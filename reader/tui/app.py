"""The reader application: wiring settings, storage and analysis to the main screen."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import webbrowser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape as escape_markup
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from reader.analysis.service import AnalysisService

from reader.config import Settings
from reader.locations import styles_dir
from reader.models import Article, Note
from reader.sources.dates import parse_day_option
from reader.storage import Store, write_failure
from reader.tui.bindings import APP_BINDINGS, HELP_SECTIONS
from reader.tui.colours import readable_variables
from reader.tui.screens.main import MainScreen
from reader.tui.screens.modals import HelpScreen, PromptScreen

# What each group of background work is called in a failure message.
WORKER_JOBS = {
    "refresh": "Refresh",
    "fulltext": "Fetching the full text",
    "export": "Export",
    "browser": "Opening the link",
    "player": "Playing the enclosure",
    "analyse": "Analysis",
    "preload": "Loading the analysis model",
}

# How long a leaving app waits for its thread workers. A thread cannot be interrupted: the model
# loading, a page fetch waiting on a slow host, a parse in progress. asyncio joins them all before
# `run()` returns, so without a bound a closed window or a `q` leaves reader running for as long
# as the slowest of them. Every write is its own transaction, so nothing saved is at risk.
LEAVE_GRACE = 0.5


@dataclass(slots=True)
class WriteAttempt:
    ok: bool = True


class ReaderApp(App[None]):
    TITLE = "reader"
    CSS_PATH = [str(styles_dir() / name) for name in ("app.tcss", "main.tcss", "modals.tcss")]
    BINDINGS = [*APP_BINDINGS]

    def __init__(
        self,
        settings: Settings,
        store: Store,
        initial_ids: Iterable[int] = (),
        *,
        leave_promptly: bool = False,
    ) -> None:
        super().__init__()
        self._leave_promptly = leave_promptly  # the real process; never under Pilot or pytest
        self.settings = settings
        self.store = store
        self._analyser: AnalysisService | None = None
        self._analyser_lock = threading.Lock()
        self.unread_only = settings.ui.unread_only
        self._initial_ids = list(initial_ids)
        self.deleted_notes: list[Note] = []  # undo, for this session
        # note drafts the disk had no room for: article id -> (text, note id)
        self.unsaved_drafts: dict[int, tuple[str, int | None]] = {}
        self._model_settled = False
        self._hanging_up = False
        self.last_auto_reload: str | None = None  # HH:MM of the last automatic refresh

    def on_mount(self) -> None:
        self._watch_the_terminal()
        if self.settings.ui.theme in self.available_themes:
            self.theme = self.settings.ui.theme
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.push_screen(MainScreen(self._initial_ids))
        minutes = self.settings.fetch.reload_minutes
        if minutes > 0:
            self.set_interval(minutes * 60, self.auto_reload, name="auto-reload")
            self.call_after_refresh(lambda: self.main.show_auto_reload(self.auto_reload_line()))

    # -- auto-reload ([fetch] reload_minutes) ----------------------------------------------------
    def auto_reload(self) -> None:
        """Every feed, politely: the same engine as R (conditional GET, each source's backoff
        honoured, never forced), and never over a refresh already running."""
        if any(w.group == "refresh" and not w.is_finished for w in self.workers):
            return
        self.last_auto_reload = datetime.now().strftime("%H:%M")
        if self.settings.sync.enabled:
            self.sync_with_server()
        else:
            self.refresh_feeds(None, "every feed", quiet=True)

    def auto_reload_line(self) -> str:
        """What the list's lower border says about auto-reload ("" when it is off)."""
        minutes = self.settings.fetch.reload_minutes
        if minutes <= 0:
            return ""
        last = f", last at {self.last_auto_reload}" if self.last_auto_reload else ""
        return f"auto-reload every {minutes} min{last}"

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables plus `$entity-KIND` and `$reader-accent`, colours made
        readable on it (reader/tui/colours.py)."""
        variables = super().get_css_variables()
        return {**variables, **readable_variables(variables)}

    @property
    def analyser(self) -> AnalysisService:
        """Made on first use: its imports are not needed for the first frame."""
        with self._analyser_lock:  # the preload worker and the UI thread may ask at once
            if self._analyser is None:
                from reader.analysis.service import AnalysisService

                self._analyser = AnalysisService(
                    self.store.path.parent, self.settings.analysis.backend
                )
        return self._analyser

    def _watch_the_terminal(self) -> None:
        """Leave when the terminal goes away (its window closed, ssh dropped). A hang-up sends
        SIGHUP, unless a parent such as make took it; then the input thread would read EOF in a
        loop at full CPU. Everything is saved as it happens, so leaving loses nothing."""
        if self.is_headless or sys.__stdin__ is None or not sys.__stdin__.isatty():
            return
        terminal = sys.__stdin__.fileno()
        # add_signal_handler exists only on Unix loops in the main thread; elsewhere the
        # once-a-second check below is the only watch.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)

        def check() -> None:
            if not os.isatty(terminal):
                self.hang_up()

        self.set_interval(1.0, check, name="terminal-watch")

    @contextlib.contextmanager
    def writing(self, what: str) -> Iterator[WriteAttempt]:
        """Around a write to storage on the UI thread: a full disk (or a read-only or damaged
        database) becomes one notification naming it, and the app goes on; `attempt.ok`
        tells the caller whether the write happened."""
        attempt = WriteAttempt()
        try:
            yield attempt
        except (sqlite3.Error, OSError) as error:
            reason = write_failure(error)
            if reason is None:
                raise
            attempt.ok = False
            self.notify(f"{what} was not saved: {reason}.", severity="error", timeout=10)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: they quote feed titles, errors and file names,
        and "[@click=app.quit]" in a feed title must stay those characters. (Screens pass
        markup=True explicitly, so the argument is ignored, not defaulted.)"""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def hang_up(self) -> None:
        """The terminal is gone: save what the notes editor holds now (keys typed in the
        last DRAFT_DELAY were lost), then leave. Leaving must not depend on a terminal that
        no longer answers: if the app has not ended in HANG_UP_GRACE seconds, the process
        ends anyway (everything is saved by then)."""
        from reader.tui.screens.notes import NotesScreen

        for screen in self.screen_stack:
            if isinstance(screen, NotesScreen):
                with contextlib.suppress(Exception):  # saving is best effort; leaving is not
                    screen.save_draft_now()
        self.exit()
        if not self._hanging_up:
            self._hanging_up = True
            leave_within(HANG_UP_GRACE, lambda: 128 + signal.SIGHUP)

    def settle_heap(self) -> None:
        """Take what exists now (imports, the screen, later the language model) out of the
        cyclic garbage collector's reach. Once the model was loaded, a full collection scanned
        it on the UI thread for ~35 ms, long enough to drop frames; frozen objects are never
        scanned again. Freezing is a pointer swap, not a collection."""
        gc.freeze()

    def settle_heap_after_model(self) -> None:
        """settle_heap once, after the first analysis has loaded the model."""
        if not self._model_settled:
            self._model_settled = True
            self.settle_heap()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker runs with exit_on_error=False, so that one failure does not end the app;
        this is where such a failure reaches the user instead of vanishing."""
        if event.state == WorkerState.ERROR:
            report_worker_failure(self, event.worker)

    def on_unmount(self) -> None:
        for article_id, (body, note_id) in list(self.unsaved_drafts.items()):
            with contextlib.suppress(sqlite3.Error, OSError):  # one more try: room may be back
                self.store.notes.save_draft(article_id, body, note_id)
        if self._analyser is not None:
            self._analyser.close()
        if self._leave_promptly:
            leave_within(LEAVE_GRACE, lambda: self.return_code or 0)

    @property
    def main(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not open")

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Export all notes",
            # the palette reads help as markup: the brackets must stay text
            escape_markup("Write every noted article to Markdown ([export] notes_dir)"),
            lambda: self.export_notes(None),
        )
        for binding in APP_BINDINGS:
            action = binding.action
            yield SystemCommand(
                binding.description,
                escape_markup(f"{binding.description} ({self.keys_display(binding)})"),
                lambda action=action: self.run_action(action),
            )

    # -- actions -------------------------------------------------------------------------------
    def action_back_or_quit(self) -> None:
        main = self.main
        if main.has_class("-single") and main.focused is not None and main.focused.id != "articles":
            main.focus_pane("articles")
            return
        self.exit()

    def keys_display(self, binding: Binding) -> str:
        """The keys bound now (the config's `[keys]` applied), as a user types them."""
        keys = self.settings.keys.get(binding.id or "", binding.key)
        return ", ".join(self.get_key_display(binding.with_key(key)) for key in keys.split(","))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(HELP_SECTIONS, self.keys_display))

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if query and query.strip():
                self.main.show_search_results(query.strip())

        self.push_screen(
            PromptScreen("Search all articles", 'words "a phrase" tag:T unread -word…'), done
        )

    def action_focus_next_pane(self) -> None:
        self.main.cycle_pane(1)

    def action_focus_previous_pane(self) -> None:
        self.main.cycle_pane(-1)

    def action_show_pane(self, name: str) -> None:
        self.main.focus_pane(name)

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.main.reload_list()
        self.notify(
            "Showing unread articles only." if self.unread_only else "Showing all articles."
        )

    def action_previous_article(self) -> None:
        self.main.step_article(-1)

    def action_next_article(self) -> None:
        self.main.step_article(1)

    def action_toggle_read(self) -> None:
        self.main.toggle_read()

    def action_mark_source_read(self) -> None:
        self.main.mark_selection_read()

    def action_undo(self) -> None:
        self.main.undo_mark_read()

    def _open_article_link(self) -> str | None:
        article = self._open_or_warn()
        if article is not None and not article.link:
            self.notify("This article has no link.", severity="warning")
        return article.link if article is not None else None

    def action_copy_link(self) -> None:
        link = self._open_article_link()
        if link:
            self.copy_to_clipboard(link)  # OSC 52
            self.notify("Link copied.")

    def action_open_link(self) -> None:
        from reader.links import LinkRefused, openable

        link = self._open_article_link()
        if not link:
            return
        try:
            self._launch_browser(openable(link))
        except LinkRefused as refused:
            self.notify(f"Not opened: {refused}.", severity="warning")

    @work(thread=True, group="browser", exit_on_error=False)
    def _launch_browser(self, link: str) -> None:
        from reader.links import LinkRefused, browser_command

        command = self.settings.ui.browser
        try:
            if command:
                parts = browser_command(command, link)
                subprocess.Popen(parts, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elif not webbrowser.open(link):
                raise OSError("no browser found; set ui.browser in the config")
        except (OSError, ValueError, LinkRefused) as error:
            self.call_from_thread(self.notify, f"Cannot open the link: {error}", severity="error")

    # -- next unread, saved searches, enclosures --------------------------------------------------
    def action_next_unread(self) -> None:
        self.main.step_unread(1)

    def action_previous_unread(self) -> None:
        self.main.step_unread(-1)

    def action_next_unread_source(self) -> None:
        if not self.main.next_unread_source(1):
            self.notify("No other source has unread articles.")

    def action_save_search(self) -> None:
        query = self.main.search_query
        if query is None:
            key = self.keys_display(next(b for b in APP_BINDINGS if b.id == "search"))
            self.notify(f"Search first ({key}), then save the search.", severity="warning")
            return

        def done(name: str | None) -> None:
            if not name or not name.strip():
                return
            from reader.query import QueryError
            from reader.saved import save_query

            try:
                save_query(self.store, name, query)
            except QueryError as error:
                self.notify(str(error), severity="error")
                return
            self.main.sources.reload()
            self.notify(f"Saved “{name.strip()}”: it is in the sources pane.")

        self.push_screen(PromptScreen(f"Save the search “{query}” as", "a name", query), done)

    def action_play_enclosure(self) -> None:
        from reader.feeds.media import playable

        article = self._open_or_warn()
        if article is None:
            return
        media = [e for e in article.enclosures if playable(e.url)]
        if not media:
            self.notify("This article has no media to play.", severity="warning")
            return
        if len(media) > 1:
            self.notify(f"Playing the first of {len(media)}; 'reader show' lists them all.")
        self._launch_player(media[0].url)

    @work(thread=True, group="player", exit_on_error=False)
    def _launch_player(self, url: str) -> None:
        from reader.feeds.media import command_for

        command = self.settings.ui.player or self.settings.ui.browser
        try:
            if command:
                subprocess.Popen(
                    command_for(command, url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            elif not webbrowser.open(url):
                raise OSError("no player found; set ui.player in the config")
        except (OSError, ValueError) as error:
            self.call_from_thread(self.notify, f"Cannot play it: {error}", severity="error")
    def action_stories_about(self) -> None:
        self.main.show_stories()

    def action_follow_entity(self) -> None:
        self.main.toggle_follow()

    def action_set_date(self) -> None:
        article = self._open_or_warn()
        if article is None:
            return

        def done(value: str | None) -> None:
            if not value:
                return
            try:
                day = parse_day_option(value)
            except ValueError as error:
                self.notify(str(error).replace("--date: ", ""), severity="error")
                return
            with self.writing("The date") as attempt:
                self.store.articles.set_published(article.id, day)
            if not attempt.ok:
                return
            updated = self.store.articles.get(article.id)
            if updated is not None:
                self.main.open_article(updated)
                self.main.articles.forget_rows([article.id])
                self.notify(f"Article date set to {day}; dates re-resolved.")

        self.push_screen(
            PromptScreen("Article date (YYYY-MM-DD)", "2024-01-31", article.published or ""), done
        )

    # -- feeds ---------------------------------------------------------------------------------
    def action_refresh_source(self) -> None:
        key = self.main.sources.current_key or "all"
        if key.startswith("source:"):
            source = self.store.sources.get(int(key.split(":", 1)[1]))
            if source is None or source.kind != "feed":
                self.notify("Local files have nothing to refresh; R refreshes every feed.")
                return
            self.refresh_feeds([source.id], source.title or source.url)
        elif key.startswith("tag:"):
            tag = key.split(":", 1)[1]
            ids = [s.id for s in self.store.sources.all() if s.kind == "feed" and tag in s.tags]
            self.refresh_feeds(ids, f"#{tag}")
        else:
            self.action_refresh_all()

    def action_refresh_all(self) -> None:
        if self.settings.sync.enabled:
            self.sync_with_server()  # the server fetches the feeds
            return
        self.refresh_feeds(None, "every feed")

    @work(thread=True, group="refresh", exclusive=True, exit_on_error=False)
    def sync_with_server(self) -> None:
        """[sync] is set: R syncs with the server. The app keeps showing what is stored; the
        list follows when the sync is done."""
        from reader.sync import LoginRefused, SyncError, make_service, run_sync

        store = Store.open(self.store.path.parent)
        self.call_from_thread(self.notify, f"Syncing with {self.settings.sync.url}…")

        def progress(message: str) -> None:
            self.call_from_thread(self.main.show_sync_progress, message)

        try:
            service = make_service(self.settings)
            try:
                report = run_sync(store, service, progress)
            finally:
                service.close()
            self.call_from_thread(self.notify, report.line(), title="Sync done")
        except (LoginRefused, SyncError) as error:
            self.call_from_thread(
                self.notify, f"Sync failed: {error}", severity="error", timeout=12
            )
        finally:
            store.close()
            self.call_from_thread(self.main.show_refresh_progress, None, 0, 0)

    @work(thread=True, group="refresh", exclusive=True, exit_on_error=False)
    def refresh_feeds(self, source_ids: list[int] | None, label: str, quiet: bool = False) -> None:
        """The feeds engine in a worker thread with its own connection; the list updates as
        each source lands."""
        from reader.feeds.refresh import Outcome, run_refresh
        from reader.feeds.subscriptions import sync_config_feeds

        store = Store.open(self.store.path.parent)
        try:
            sync_config_feeds(store, self.settings.feeds)
            feeds = [s for s in store.sources.all() if s.kind == "feed"]
            if source_ids is not None:
                feeds = [s for s in feeds if s.id in source_ids]
            if not feeds:
                self.call_from_thread(
                    self.notify, "No feeds to refresh: add one with 'reader add URL'."
                )
                return
            if not quiet:  # auto-reload says so under the list, not in a toast each time
                self.call_from_thread(self.notify, f"Refreshing {label} ({len(feeds)} feeds)…")

            def progress(outcome: Outcome, done: int, total: int) -> None:
                self.call_from_thread(self.main.show_refresh_progress, outcome, done, total)

            summary, _ = run_refresh(
                store,
                self.settings,
                feeds,
                progress,
                force=source_ids is not None,
                threads_running=True,
            )
            failed = "".join(f"\n{o.title}: {o.message}" for o in summary.failed)
            if quiet and not failed and not summary.count("new"):
                return
            self.call_from_thread(
                self.notify,
                summary.line() + failed,
                title="Refresh done",
                severity="warning" if summary.failed else "information",
                timeout=12 if summary.failed else 5,
            )
        finally:
            store.close()
            self.call_from_thread(self.main.show_refresh_progress, None, 0, 0)

    def action_fetch_full_text(self) -> None:
        article = self._open_or_warn()
        if article is not None:
            self.notify("Fetching the full text…")
            self.fetch_full_text(article.id)

    @work(thread=True, group="fulltext", exclusive=True, exit_on_error=False)
    def fetch_full_text(self, article_id: int) -> None:
        from reader.feeds.fulltext import FullTextError, fetch_full_text

        store = Store.open(self.store.path.parent)
        try:
            article = store.articles.get(article_id)
            if article is None:
                return
            updated = fetch_full_text(store, article, self.settings.fetch)
        except FullTextError as error:
            self.call_from_thread(self.notify, str(error), severity="error")
            return
        finally:
            store.close()
        if updated.text == article.text:
            self.call_from_thread(self.notify, "The page has no more text than the feed.")
            return
        self.call_from_thread(self._show_full_text, article_id)

    def _show_full_text(self, article_id: int) -> None:
        updated = self.store.articles.get(article_id)
        if (
            updated is not None
            and self.main.view.article
            and self.main.view.article.id == article_id
        ):
            self.main.open_article(updated)
        self.notify("Full text stored; it reads offline now.")

    # -- bookmarks, notes, export --------------------------------------------------------------
    def _open_or_warn(self) -> Article | None:
        article = self.main.view.article
        if article is None:
            self.notify("Open an article first.", severity="warning")
        return article

    def action_toggle_bookmark(self) -> None:
        article = self._open_or_warn()
        if article is None:
            return
        with self.writing("The bookmark") as attempt:
            now_bookmarked = self.store.bookmarks.toggle(article.id)
        if not attempt.ok:
            return
        self.main.refresh_article_marks(article.id)
        self.notify("Bookmarked." if now_bookmarked else "Bookmark removed.")

    def action_notes(self) -> None:
        article = self._open_or_warn()
        if article is not None:
            self._edit_notes(article, None)

    def action_quote(self) -> None:
        article = self._open_or_warn()
        if article is None:
            return
        span = self.main.quote_target()
        if span is None:
            self.notify(
                "Choose a fact or an entity in the key-facts pane, then press > to quote it.",
                severity="warning",
            )
            return
        self._edit_notes(article, span)

    def _edit_notes(self, article: Article, quote: tuple[int, int] | None) -> None:
        from reader.tui.screens.notes import NotesScreen  # TextArea is not needed to start

        self.push_screen(
            NotesScreen(article, quote), lambda _: self.main.refresh_article_marks(article.id)
        )

    def action_export_article(self) -> None:
        article = self._open_or_warn()
        if article is not None:
            self.export_notes([article.id])

    @work(thread=True, group="export", exclusive=True, exit_on_error=False)
    def export_notes(self, article_ids: list[int] | None) -> None:
        """Off the UI thread: the analysis behind the facts table may need the model."""
        from reader.export.selection import (
            ExportChoice,
            chosen_articles,
            describe,
            export_notes,
            notes_folder,
        )
        from reader.export.writer import Exporter, ExportError

        store = Store.open(self.store.path.parent)  # sqlite connections stay in their thread
        store.hide(self.settings.ignore_rules())
        try:
            articles = chosen_articles(store, ExportChoice(article_ids=article_ids))
            if not articles:
                self.call_from_thread(self.notify, "No notes to export yet.", severity="warning")
                return
            exporter = Exporter(
                notes_folder(self.settings.export.notes_dir, self.store.path.parent),
                store.exports,
                self.settings.export.file_name,
            )
            analyse = self.analyser.for_article if self.settings.analysis.active else None
            report = export_notes(store, articles, exporter, analyse)
            self.call_from_thread(self.notify, "\n".join(describe(report)), title="Exported")
        except (ExportError, OSError) as error:
            self.call_from_thread(self.notify, f"Export failed: {error}", severity="error")
        finally:
            store.close()


HANG_UP_GRACE = 3.0  # from the hang-up, however far the app got in leaving


def report_worker_failure(app: App[Any], worker: Worker[Any]) -> None:
    job = WORKER_JOBS.get(worker.group, worker.name or "A background job")
    error = worker.error
    reason = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
    if error is not None and write_failure(error):  # a full disk, not a bug: say it so
        reason = str(write_failure(error))
    app.notify(f"{job} failed: {reason}", title="Error", severity="error", timeout=15)


def leave_within(seconds: float, exit_code: Callable[[], int]) -> None:
    """End the process after `seconds` unless it has ended by then, with every process it
    started (the parse pool). The terminal is restored before this is armed."""

    def leave() -> None:
        time.sleep(seconds)
        for child in multiprocessing.active_children():
            child.kill()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(exit_code())

    threading.Thread(target=leave, name="leave-within", daemon=True).start()


def run_app(settings: Settings, store: Store, initial_ids: list[int]) -> int:
    from reader.importing import import_samples_if_empty

    if not initial_ids:
        import_samples_if_empty(store, feeds_configured=bool(settings.feeds))
    app = ReaderApp(settings, store, initial_ids, leave_promptly=True)
    app.run()
    return app.return_code or 0
