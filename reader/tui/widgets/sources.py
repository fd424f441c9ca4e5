"""The sources pane: All, Unread, Bookmarked, Noted, saved queries, then tags and sources, each
with its number of unread articles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.query import Query, QueryError
from reader.storage import ArticleFilter, Store
from reader.tui.messages import SourceChosen


class SourcesPane(OptionList):
    BINDINGS = [("j", "cursor_down", "Down"), ("k", "cursor_up", "Up")]

    def __init__(
        self,
        store: Store,
        queries: Callable[[], list[tuple[str, Query]]] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._store = store
        self._queries = queries or list  # saved queries, (name, query), read at each reload
        self._choices: dict[str, tuple[ArticleFilter, str]] = {}
        self._chosen: str | None = None  # the entry the article list shows now

    def reload(self) -> None:
        """Rebuild the entries with fresh counts, keeping the highlighted one."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        articles = self._store.articles
        sources = self._store.sources.all()
        entries: list[tuple[str, str, ArticleFilter, int | None]] = [
            ("all", "All", ArticleFilter(), articles.count(ArticleFilter(unread_only=True))),
            ("unread", "Unread", ArticleFilter(unread_only=True), None),
            (
                "bookmarked",
                "Bookmarked",
                ArticleFilter(bookmarked=True),
                articles.count(ArticleFilter(bookmarked=True, unread_only=True)),
            ),
            (
                "noted",
                "Noted",
                ArticleFilter(noted=True),
                articles.count(ArticleFilter(noted=True, unread_only=True)),
            ),
        ]
        entries += self._query_entries()
        for tag in self._store.sources.tags():
            entries.append(
                (
                    f"tag:{tag}",
                    f"#{tag}",
                    ArticleFilter(tag=tag),
                    articles.count(ArticleFilter(tag=tag, unread_only=True)),
                )
            )
        for source in sources:
            label = source.title or source.url
            if source.last_error:
                label = "⚠ " + label
            entries.append(
                (
                    f"source:{source.id}",
                    label,
                    ArticleFilter(source_id=source.id),
                    source.unread_count,
                )
            )
        self._choices = {key: (selection, label) for key, label, selection, _ in entries}
        self.clear_options()
        options = []
        for key, label, _, count in entries:
            # every count here is of unread articles, and says so (the list title counts all)
            text = Content(label)
            if count or key == "all":
                text = text + Content(f" ({count or 0} unread)").stylize("dim")
            options.append(Option(text, id=key))
        self.add_options(options)
        if keep and keep in self._choices:
            self.highlighted = self.get_option_index(keep)
        elif self.option_count:
            self.highlighted = 0

    def _query_entries(self) -> list[tuple[str, str, ArticleFilter, int | None]]:
        entries: list[tuple[str, str, ArticleFilter, int | None]] = []
        for name, query in self._queries():
            selection = ArticleFilter(query=query)
            try:
                unread = self._store.articles.count(replace(selection, unread_only=True))
            except QueryError:  # a term this database cannot answer yet (entity:)
                continue
            entries.append((f"query:{name}", f"⌕ {name}", selection, unread))
        return entries

    def choose(self, key: str) -> None:
        if key in self._choices:
            self._chosen = key
            self.highlighted = self.get_option_index(key)
            selection, label = self._choices[key]
            self.post_message(SourceChosen(selection, label))

    @property
    def current_key(self) -> str | None:
        return self.highlighted_option.id if self.highlighted_option else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.choose(event.option_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # Highlight events arrive after the fact: one about a row the cursor has already left
        # (a restore moving it, then the screen's auto-focus) must not choose that row, or two
        # stale events choose each other back and forth for ever.
        if event.option_index != self.highlighted:
            return
        # focus arriving on the pane highlights the entry already shown: no second query
        if event.option_id and self.has_focus and event.option_id != self._chosen:
            self.choose(event.option_id)
