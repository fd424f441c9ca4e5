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
from reader.tui.messages import SentenceWanted, SourceChosen, StoriesWanted

TOP_ENTITIES = 5  # per kind: People, Places, Organisations
AGENDA_ITEMS = 8  # upcoming dated events
ENTITY_SECTIONS = (("person", "People"), ("place", "Places"), ("organisation", "Organisations"))


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
        # Followed entities, the top ones and the agenda: rebuilt when the index changes
        # (reload_index), not at every article opened.
        self._index_options: list[Option] = []
        self._agenda: dict[str, SentenceWanted] = {}
        self._entity_ids: dict[str, int] = {}

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
        self.add_options(options + self._index_options)
        if keep and (keep in self._choices or keep in self._agenda or keep in self._entity_ids):
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

    def reload_index(self) -> None:
        """Following, People, Places, Organisations (with unread counts) and the Agenda."""
        from datetime import date

        index = self._store.entities
        options: list[Option] = []
        self._entity_ids, self._agenda = {}, {}
        sections = [("Following", index.followed())]
        sections += [
            (title, index.top(kind, limit=TOP_ENTITIES)) for kind, title in ENTITY_SECTIONS
        ]
        for title, rows in sections:
            if not rows:
                continue
            options.append(Option(Content(title).stylize("bold dim"), disabled=True))
            unread = index.unread_counts([row.id for row in rows])
            for row in rows:
                key = f"entity:{title}:{row.id}"
                self._entity_ids[key] = row.id
                text = Content("  " + row.name)
                if unread.get(row.id):
                    text = text + Content(f" ({unread[row.id]} unread)").stylize("dim")
                options.append(Option(text, id=key))
        upcoming = index.agenda(date.today().isoformat(), None)[:AGENDA_ITEMS]
        if upcoming:
            options.append(Option(Content("Agenda").stylize("bold dim"), disabled=True))
        for number, item in enumerate(upcoming):
            key = f"agenda:{number}"
            self._agenda[key] = SentenceWanted(
                item.article_id, item.sentence_start, item.sentence_end
            )
            who = ", ".join(item.who[:2] + item.where[:1])
            options.append(
                Option(Content(f"  {item.date} {item.kind}" + (f" · {who}" if who else "")), id=key)
            )
        self._index_options = options
        self.reload()


    def choose(self, key: str) -> None:
        if key in self._agenda:
            self._chosen = key
            wanted = self._agenda[key]
            self.post_message(SentenceWanted(wanted.article_id, wanted.start, wanted.end))
            return
        if key in self._entity_ids:
            self._chosen = key
            self.highlighted = self.get_option_index(key)
            self.post_message(StoriesWanted(self._entity_ids[key], key))
            return
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
            if event.option_id in self._agenda:
                return  # enter opens an agenda item; passing over it does not
            self.choose(event.option_id)
