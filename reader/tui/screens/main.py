"""The reading screen: sources, article list, article, key facts."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from reader.analysis.model import Analysis
from reader.models import Article
from reader.query import Query, QueryError
from reader.storage import ArticleFilter
from reader.storage.entities import EntityRow, name_key
from reader.tui.bindings import MARK_BINDINGS, SCREEN_BINDINGS
from reader.tui.messages import (
    ArticleOpened,
    EntityChosen,
    FactChosen,
    SentenceWanted,
    SourceChosen,
    StoriesWanted,
)
from reader.tui.screens.layout import SIDE_PANES, SidePanes
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.article_view import ArticleView, legend
from reader.tui.widgets.facts import FactsPane
from reader.tui.widgets.sources import SourcesPane

if TYPE_CHECKING:
    from reader.feeds.refresh import Outcome
    from reader.tui.app import ReaderApp

PANES = ("sources", "articles", "article", "facts")
RELOAD_EVERY = 0.5  # seconds between list reloads while a refresh lands articles
NARROW = 120  # below this the sources pane folds away
MEDIUM = 140  # below this the key-facts pane is narrower by default
SINGLE = 100  # below this one pane shows at a time
BACKLOG_EVERY = 0.5  # seconds between progress updates of the background analysis
INDEX_RELOAD_EVERY = 10.0  # seconds between refreshes of the entity sections while analysing
PRELOAD_AFTER = 0.3  # seconds after the first frame before the analysis model starts loading


class MainScreen(Screen[None]):
    BINDINGS = [*SCREEN_BINDINGS, *MARK_BINDINGS]

    def __init__(self, initial_ids: list[int] | None = None) -> None:
        super().__init__()
        self._initial_ids = initial_ids or []
        self._selection = ArticleFilter()
        self._effective = ArticleFilter()  # the selection with "unread only" applied
        self._label = "All"
        self._reload_due = False  # a refresh landed articles; the list reloads soon
        self._undo_read: list[int] = []
        self._current_pane = "articles"
        self._restore_id: int | None = None  # the article open when reader last closed
        self._side_panes: SidePanes | None = None
        self._search: str | None = None  # the query the list shows, when it is a search
        self._then_open: str | None = None  # "first"/"last" unread, once a source is shown
        self._entity_name = ""  # the entity last chosen in the key facts
        self._stories_of: int | None = None  # the entity whose stories the list shows
        self._index_shown = 0.0  # when the entity sections were last rebuilt

    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    @property
    def side_panes(self) -> SidePanes:
        if self._side_panes is None:
            self._side_panes = SidePanes(self, self.reader.store.state)
        return self._side_panes

    def compose(self) -> ComposeResult:
        store = self.reader.store
        with Horizontal(id="panes"):
            yield SourcesPane(store, self._saved_queries, id="sources")
            # the list above the article: both get the width between the side panes
            with Vertical(id="reading"):
                yield ArticleList(store, id="articles")
                yield ArticleView(id="article")
            yield FactsPane(id="facts")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sources").border_title = "Sources"
        self.query_one("#articles").border_title = "Articles"
        view = self.query_one(ArticleView)
        view.border_title = "Article"
        view.border_subtitle = legend()
        self.query_one("#facts").border_title = "Key facts"
        self.facts.show_message("Open an article to see its key facts.")
        self.side_panes.restore()
        self.sources.reload_index()
        self.call_after_refresh(self._after_first_frame)
        if self._initial_ids:
            self._show(ArticleFilter(ids=tuple(self._initial_ids)), "Opened files")
            self.articles.focus()
            self.post_message(ArticleOpened(self.articles.article_ids[0]))
            return
        state = self.reader.store.state
        last_source = state.get("last_source") or "all"
        last_article = state.get("last_article")
        self.sources.choose(last_source)
        if last_article and last_article.isdigit():
            # opened once the chosen source has filled the list (see _show)
            self._restore_id = int(last_article)
        self.articles.focus()

    def _saved_queries(self) -> list[tuple[str, Query]]:
        from reader.saved import saved_queries

        return [(q.name, q.query) for q in saved_queries(self.reader.settings, self.reader.store)]

    def _after_first_frame(self) -> None:
        self.reader.settle_heap()
        if self.reader.settings.analysis.active:
            # not at once: the first frame is still on its way to the terminal, and importing
            # spaCy holds the interpreter for most of a second
            self.set_timer(PRELOAD_AFTER, self.preload_model)
            self.set_timer(PRELOAD_AFTER, self.start_background_analysis)

    @work(thread=True, group="preload", exit_on_error=False)
    def preload_model(self) -> None:
        """The model loads while the reader looks at the list, not after the first Enter."""
        try:
            self.reader.analyser.preload()
        except Exception as error:  # the app still reads; analysis says so when asked
            self.app.call_from_thread(
                self.notify, f"The analysis model did not load: {error}", severity="error"
            )
            return
        self.app.call_from_thread(self.reader.settle_heap_after_model)

    # -- panes ---------------------------------------------------------------------------------
    @property
    def sources(self) -> SourcesPane:
        return self.query_one(SourcesPane)

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def facts(self) -> FactsPane:
        return self.query_one(FactsPane)

    def on_resize(self, event: Resize) -> None:
        width = event.size.width
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < MEDIUM, "-medium")
        self.set_class(width < SINGLE, "-single")
        self.side_panes.apply_widths()
        self._show_focused_pane()

    # -- side panes: hidden or resized by the reader, remembered (see layout.py) ---------------
    def action_toggle_pane(self, pane: str) -> None:
        self.notify(self.side_panes.toggle(pane), timeout=2)
        if self.side_panes.is_hidden(pane) and self._current_pane == pane:
            self.focus_pane("articles")

    def action_resize_pane(self, step: int) -> None:
        pane = "sources" if self._current_pane == "sources" else "facts"
        self.notify(self.side_panes.resize(pane, step), timeout=2)

    def _show_focused_pane(self) -> None:
        focused = self.focused
        if focused is not None and focused.id in PANES:
            self._current_pane = focused.id
        self._mark_current_pane()

    def _mark_current_pane(self) -> None:
        for pane in PANES:
            self.query_one(f"#{pane}").set_class(pane == self._current_pane, "-current")
        reading = self._current_pane in ("articles", "article")
        self.query_one("#reading").set_class(reading, "-current")

    def on_descendant_focus(self) -> None:
        self._show_focused_pane()

    def focus_pane(self, name: str) -> None:
        # On a one-pane screen the target is hidden until it is current, and a hidden widget
        # cannot take focus: show it first, focus it once it is laid out.
        if name in SIDE_PANES and self.side_panes.is_hidden(name):
            self.side_panes.set_hidden(name, False)  # asking for a hidden pane brings it back
        self._current_pane = name
        self._mark_current_pane()
        target = self.query_one(f"#{name}")
        self.call_after_refresh(target.focus)

    def cycle_pane(self, step: int) -> None:
        order = list(PANES)
        if self.has_class("-narrow") and not self.has_class("-single"):
            order.remove("sources")
        order = [pane for pane in order if not self.side_panes.is_hidden(pane)]
        current = self._current_pane if self._current_pane in order else "articles"
        self.focus_pane(order[(order.index(current) + step) % len(order)])

    # -- selection -----------------------------------------------------------------------------
    def _show(self, selection: ArticleFilter, label: str, keep: int | None = None) -> None:
        self._selection, self._label = selection, label
        effective = selection
        if self.reader.unread_only and not selection.unread_only and selection.ids is None:
            effective = replace(selection, unread_only=True)
        self._effective = effective
        ids = self.reader.store.articles.ids(effective)
        restore, self._restore_id = self._restore_id, None
        if restore is not None and restore in ids:
            keep = restore
            self.post_message(ArticleOpened(restore))
        self.articles.show_ids(ids, keep=keep)
        suffix = " (unread)" if effective.unread_only and not selection.unread_only else ""
        self.articles.border_title = f"{label}{suffix} · {_articles(len(ids))}"

    def on_source_chosen(self, message: SourceChosen) -> None:
        with self.reader.writing("The chosen source"):
            self.reader.store.state.set("last_source", self.sources.current_key or "all")
        self._search = None
        self._show(message.selection, message.label)
        then, self._then_open = self._then_open, None
        if then is not None:
            self._open_unread_in_list(then == "first")

    def reload_list(self) -> None:
        self._show(self._selection, self._label, keep=self.articles.current_id)
        self.sources.reload()

    def on_article_opened(self, message: ArticleOpened) -> None:
        article = self.reader.store.articles.get(message.article_id)
        if article is None:
            self.notify(f"Article {message.article_id} is no longer stored.", severity="warning")
            return
        self.open_article(article)
        if self.has_class("-single"):
            self.focus_pane("article")

    def open_article(self, article: Article) -> None:
        analysis_on = self.reader.settings.analysis.active
        known = self.reader.analyser.ready(article) if analysis_on else None
        self.view.show(article, known)  # one pass: text and highlights together
        self._entity_name = ""  # an entity chosen in the last article's facts went with it
        self.refresh_bindings()  # the marks went with the last article
        with self.reader.writing("The read mark"):
            if not article.is_read:
                self.reader.store.articles.set_read([article.id], True)
                self.articles.forget_rows([article.id])
                self.sources.reload()
            self.reader.store.state.set("last_article", str(article.id))
        if not analysis_on:
            self.facts.show_message("Analysis is off in the config.")
        elif known is not None:
            self.workers.cancel_group(self, "analyse")
            self.facts.show_analysis(known)
        else:
            self.facts.show_message("Analysing…")
            self.analyse(article)  # the database cache lookup happens in the worker

    @work(thread=True, group="analyse", exclusive=True, exit_on_error=False)
    def analyse(self, article: Article) -> None:
        worker = get_current_worker()
        try:
            result = self.reader.analyser.for_article(article)
        except Exception as error:  # the article still reads; the failure is a message
            if not worker.is_cancelled:
                self.app.call_from_thread(self.facts.show_message, f"Analysis failed: {error}")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._apply_analysis, article.id, result)

    def _apply_analysis(self, article_id: int, analysis: Analysis) -> None:
        if self.view.article is None or self.view.article.id != article_id:
            return
        self.view.apply_analysis(analysis)
        self.facts.show_analysis(analysis)
        self.reader.settle_heap_after_model()

    def on_fact_chosen(self, message: FactChosen) -> None:
        self.view.mark([(message.start, message.end)])
        self.refresh_bindings()

    def on_entity_chosen(self, message: EntityChosen) -> None:
        self._entity_name = message.name
        self.view.mark(message.spans)
        self.refresh_bindings()
        keys = {b.id: self.reader.keys_display(b) for b in MARK_BINDINGS}
        self.notify(
            f"{len(message.spans)} mention(s): {keys['next_mention']} / "
            f"{keys['previous_mention']} step through them from any pane, "
            f"{keys['clear_marks']} clears the marks",
            timeout=4,
        )

    # -- marks: while shown, n/N step through them wherever focus is ---------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_mention", "previous_mention", "clear_marks"):
            return self.view.has_marks  # otherwise the keys fall through (n writes a note)
        return True

    def action_next_mention(self) -> None:
        self.view.step_mark(1)

    def action_previous_mention(self) -> None:
        self.view.step_mark(-1)

    def action_clear_marks(self) -> None:
        self.view.clear_marks()
        self.refresh_bindings()

    # -- actions the app routes here ---------------------------------------------------------
    def step_article(self, step: int) -> None:
        self.articles.cursor += step
        current = self.articles.current_id
        if current is not None:
            self.post_message(ArticleOpened(current))

    def show_refresh_progress(self, outcome: Outcome | None, done: int, total: int) -> None:
        """Progress under the article list; the list and counts follow as articles land."""
        if outcome is None:
            self.articles.border_subtitle = self.reader.auto_reload_line()
            self.reload_list()
            self.start_background_analysis()
            return
        self.articles.border_subtitle = f"refreshing {done}/{total}"
        if (outcome.new or outcome.updated or outcome.status == "failed") and not self._reload_due:
            # at most twice a second: 200 feeds landing must not mean 200 list queries here
            self._reload_due = True
            self.set_timer(RELOAD_EVERY, self._reload_after_refresh)

    def show_sync_progress(self, message: str) -> None:
        self.articles.border_subtitle = f"syncing: {message}"

    def _reload_after_refresh(self) -> None:
        self._reload_due = False
        self.reload_list()

    def refresh_article_marks(self, article_id: int) -> None:
        """Bookmark and note marks changed: the list row, the counts, and the open article."""
        self.articles.forget_rows([article_id])
        self.sources.reload()
        if self.view.article is not None and self.view.article.id == article_id:
            updated = self.reader.store.articles.get(article_id)
            if updated is not None:
                self.view.article = updated
                self.view.refresh_header()

    # -- across articles: background analysis, stories about an entity, the agenda -----------
    def start_background_analysis(self) -> None:
        from reader.analysis.background import background_enabled

        analysis = self.reader.settings.analysis
        if analysis.active and background_enabled(analysis.background):
            self.analyse_backlog()

    @work(thread=True, group="backlog", exclusive=True, exit_on_error=False)
    def analyse_backlog(self) -> None:
        """Every article not analysed yet, newest first, in worker processes when there are
        many; the index (People, Places, the Agenda) follows as they finish."""
        from reader.analysis.background import AnalysisRunner

        worker = get_current_worker()
        runner = AnalysisRunner(
            self.reader.store.path.parent, self.reader.settings.analysis.backend
        )
        shown = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if total and (done in (0, total) or now - shown[0] >= BACKLOG_EVERY):
                shown[0] = now
                self.app.call_from_thread(self.show_analysis_progress, done, total)

        # always in worker processes: the model in this one would hold the interpreter (and
        # the UI) for ~100 ms an article
        report = runner.run(
            progress=progress, should_stop=lambda: worker.is_cancelled, in_process=False
        )
        if not worker.is_cancelled and (report.analysed or report.failed):
            self.app.call_from_thread(self.show_analysis_progress, None, 0)

    def show_analysis_progress(self, done: int | None, total: int) -> None:
        """Progress under the sources; the entity sections follow every few seconds."""
        if done is None or done >= total:
            self.sources.border_subtitle = ""
            self.sources.reload_index()
            return
        self.sources.border_subtitle = f"analysed {done}/{total}"
        now = time.monotonic()
        if now - self._index_shown >= INDEX_RELOAD_EVERY:
            self._index_shown = now
            self.sources.reload_index()

    def chosen_entity(self) -> EntityRow | None:
        """The entity chosen in the key facts, else the one whose stories are listed."""
        index = self.reader.store.entities
        if self._entity_name:
            found = index.find(self._entity_name)
            exact = [e for e in found if name_key(e.name) == name_key(self._entity_name)]
            if exact or found:
                return (exact or found)[0]
        return index.get(self._stories_of) if self._stories_of is not None else None

    def show_stories(self, entity_id: int | None = None, focus_list: bool = True) -> None:
        index = self.reader.store.entities
        entity = index.get(entity_id) if entity_id is not None else self.chosen_entity()
        if entity is None:
            what = f"{self._entity_name} is" if self._entity_name else "Nothing is chosen:"
            self.notify(
                f"{what} not in the index yet. Choose a person, place or organisation in the"
                " key facts (enter on it); articles join the index as they are analysed.",
                severity="warning",
            )
            return
        self._stories_of, self._entity_name = entity.id, ""
        self._show(ArticleFilter(entity_id=entity.id), f"Stories about {entity.name}")

        def timeline() -> None:  # after the list has painted: the list is what was asked for
            if self._stories_of == entity.id:
                self.facts.show_entity(entity, index.facts(entity.id), index.related(entity.id))

        self.call_after_refresh(timeline)
        if focus_list:
            self.focus_pane("articles")

    def on_stories_wanted(self, message: StoriesWanted) -> None:
        if message.source_key is not None:
            self.reader.store.state.set("last_source", message.source_key)
        self.show_stories(message.entity_id, focus_list=message.source_key is None)

    def on_sentence_wanted(self, message: SentenceWanted) -> None:
        article = self.reader.store.articles.get(message.article_id)
        if article is None:
            self.notify(f"Article {message.article_id} is no longer stored.", severity="warning")
            return
        self.open_article(article)
        self.view.mark([(message.start, message.end)])
        self.refresh_bindings()

    def toggle_follow(self) -> None:
        entity = self.chosen_entity()
        if entity is None:
            self.notify("Choose a person, place or organisation in the key facts first.")
            return
        index = self.reader.store.entities
        if any(row.id == entity.id for row in index.followed()):
            index.unfollow(entity)
            self.notify(f"No longer following {entity.name}.")
        else:
            index.follow(entity)
            self.notify(f"Following {entity.name}: it is among the sources now.")
        self.sources.reload_index()

    def quote_target(self) -> tuple[int, int] | None:
        """What `>` quotes: the highlighted fact's sentence, else the sentence of the current
        mark in the article."""
        if self.facts.has_focus:
            row = self.facts.highlighted_row()
            if row is not None:
                if row.sentence is not None:
                    return row.sentence
                if row.spans:
                    return self.view.sentence_at(row.spans[0][0])
        mark = self.view.current_mark()
        return self.view.sentence_at(mark[0]) if mark else None

    def toggle_read(self) -> None:
        article_id = self.articles.current_id
        if article_id is None:
            return
        row = self.reader.store.articles.get(article_id)
        if row is None:
            return
        with self.reader.writing("The read mark"):
            self.reader.store.articles.set_read([article_id], not row.is_read)
        self.articles.forget_rows([article_id])
        self.sources.reload()

    def mark_selection_read(self) -> None:
        store = self.reader.store.articles
        already = set(store.read_ids(self._effective))
        changed = [i for i in self.articles.article_ids if i not in already]
        if not changed:
            self.notify("Nothing unread here.")
            return
        with self.reader.writing("The read marks") as attempt:
            store.set_read(changed, True)
        if not attempt.ok:
            return
        self._undo_read = changed
        self.articles.forget_rows()
        self.sources.reload()
        self.notify(f"Marked {len(changed)} article(s) read. ctrl+z undoes.")

    def undo_mark_read(self) -> None:
        if not self._undo_read:
            self.notify("Nothing to undo.")
            return
        with self.reader.writing("The unread marks") as attempt:
            self.reader.store.articles.set_read(self._undo_read, False)
        if not attempt.ok:
            return
        self.notify(f"{len(self._undo_read)} article(s) unread again.")
        self._undo_read = []
        self.articles.forget_rows()
        self.sources.reload()

    def show_search_results(self, query: str) -> None:
        try:
            rows = self.reader.store.articles.search(query, limit=500)
        except QueryError as error:
            self.notify(f"Search: {error}", severity="error")
            return
        self._search = query
        self._selection = self._effective = ArticleFilter(ids=tuple(row.id for row in rows))
        self._label = f"Search “{query}”"
        self.articles.show_ids([row.id for row in rows])
        self.articles.border_title = f"{self._label} · {_articles(len(rows))}"
        self.focus_pane("articles")
        if not rows:
            self.notify(f"No article matches “{query}”.")

    @property
    def search_query(self) -> str | None:
        """The query behind the list, when it shows a search (what save_search saves)."""
        return self._search

    # -- next/previous unread, across sources (newsboat's n and p) ------------------------------
    def step_unread(self, step: int) -> None:
        """The next (or previous) unread article in the list, else in the next (previous)
        source with unread articles."""
        if self._step_unread_in_list(step):
            return
        if not self.next_unread_source(step, "first" if step > 0 else "last"):
            self.notify("No unread articles left.")

    def _unread_in_list(self) -> set[int]:
        return set(self.reader.store.articles.ids(replace(self._effective, unread_only=True)))

    def _step_unread_in_list(self, step: int) -> bool:
        unread = self._unread_in_list()
        ids, cursor = self.articles.article_ids, self.articles.cursor
        positions = range(cursor + 1, len(ids)) if step > 0 else range(cursor - 1, -1, -1)
        current = self.view.article.id if self.view.article is not None else None
        if current is None and 0 <= cursor < len(ids) and ids[cursor] in unread:
            positions = range(cursor, len(ids)) if step > 0 else range(cursor, -1, -1)
        for position in positions:
            if ids[position] in unread:
                self.articles.cursor = position
                self.post_message(ArticleOpened(ids[position]))
                return True
        return False

    def _open_unread_in_list(self, first: bool) -> None:
        unread = self._unread_in_list()
        ids = self.articles.article_ids
        for position in range(len(ids)) if first else range(len(ids) - 1, -1, -1):
            if ids[position] in unread:
                self.articles.cursor = position
                self.post_message(ArticleOpened(ids[position]))
                return

    def next_unread_source(self, step: int = 1, then_open: str | None = "first") -> bool:
        """Show the next (step 1) or previous source with unread articles, in the sources
        pane's order, wrapping round; False when no other source has any."""
        sources = self.reader.store.sources.all()
        keys = [f"source:{s.id}" for s in sources]
        current = self.sources.current_key or ""
        start = keys.index(current) if current in keys else (-1 if step > 0 else len(keys))
        for offset in range(1, len(keys) + 1):
            index = (start + step * offset) % len(keys)
            if sources[index].unread_count and keys[index] != current:
                self._then_open = then_open
                self.sources.choose(keys[index])
                return True
        return False

    def show_auto_reload(self, text: str) -> None:
        """Auto-reload's line under the list (when no refresh is showing progress)."""
        if not (self.articles.border_subtitle or "").startswith(("refreshing", "syncing")):
            self.articles.border_subtitle = text


def _articles(count: int) -> str:
    """The list title's count says what it counts: the sources pane counts unread ones."""
    return f"{count} article{'' if count == 1 else 's'}"
