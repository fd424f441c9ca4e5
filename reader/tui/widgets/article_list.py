"""The article list: virtual rows over any number of articles (only visible rows are fetched)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.models import ArticleRow
from reader.storage import ArticleFilter, Store
from reader.tui.bindings import LIST_BINDINGS
from reader.tui.messages import ArticleOpened

PAGE = 200


def _fit(text: str, width: int) -> str:
    """Cut at a word boundary with an ellipsis, never mid-word when a word boundary exists."""
    if len(text) <= width:
        return text.ljust(width)
    if width <= 1:
        return "…"[:width]
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return (cut.rstrip() + "…").ljust(width)


class ArticleList(ScrollView, can_focus=True):
    BINDINGS = [*LIST_BINDINGS]
    COMPONENT_CLASSES = {"article-list--cursor", "article-list--unread"}

    cursor: reactive[int] = reactive(0)

    def __init__(self, store: Store, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._store = store
        self._ids: list[int] = []
        self._rows: dict[int, ArticleRow] = {}

    @property
    def article_ids(self) -> list[int]:
        return self._ids

    @property
    def current_id(self) -> int | None:
        return self._ids[self.cursor] if 0 <= self.cursor < len(self._ids) else None

    def show_ids(self, ids: list[int], keep: int | None = None) -> None:
        self._ids = ids
        self._rows.clear()
        self.virtual_size = Size(self.size.width, len(ids))
        self.set_reactive(ArticleList.cursor, ids.index(keep) if keep in ids else 0)
        self.scroll_to(y=self._scroll_y_for(self.cursor), animate=False, immediate=True)
        self.refresh()

    def forget_rows(self, ids: list[int] | None = None) -> None:
        """Rows whose marks changed are fetched again on the next paint."""
        if ids is None:
            self._rows.clear()
        for article_id in ids or []:
            self._rows.pop(article_id, None)
        self.refresh()

    def _row(self, index: int) -> ArticleRow | None:
        article_id = self._ids[index]
        if article_id not in self._rows:
            start = max(0, index - PAGE // 4)
            page = tuple(self._ids[start : start + PAGE])
            for row in self._store.articles.rows(ArticleFilter(ids=page)):
                self._rows[row.id] = row
        return self._rows.get(article_id)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self._ids):
            return Strip.blank(width, self.rich_style)
        row = self._row(index)
        if row is None:
            return Strip.blank(width, self.rich_style)
        marks = (
            ("●" if not row.is_read else " ")
            + ("★" if row.bookmarked else " ")
            + ("✎" if row.note_count else " ")
        )
        date = (row.published or "")[:10] or "no date"
        source_width = 16 if width >= 70 else 0
        title_width = max(1, width - 3 - 1 - 10 - 1 - (source_width + 1 if source_width else 0))
        parts = [marks, " ", date.ljust(10), " "]
        if source_width:
            parts += [_fit(row.source_title, source_width), " "]
        parts.append(_fit(row.title, title_width))
        style = self.rich_style
        if not row.is_read:
            style += self.get_component_rich_style("article-list--unread")
        if index == self.cursor:
            style += self.get_component_rich_style("article-list--cursor")
            if not self.has_focus:
                style += Style(dim=True)
        return Strip([Segment("".join(parts)[:width].ljust(width), style)], width)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._ids) - 1))

    def watch_cursor(self) -> None:
        if not self._ids:
            return
        self.scroll_to(y=self._scroll_y_for(self.cursor), animate=False, immediate=True)
        self.refresh()

    def _scroll_y_for(self, index: int) -> float:
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if index < top:
            return index
        if index >= top + height:
            return index - height + 1
        return top

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: object) -> None:
        offset = getattr(event, "offset", None)
        if offset is not None:
            self.cursor = self.scroll_offset.y + offset.y
            self.action_open()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self.cursor = len(self._ids) - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_open(self) -> None:
        current = self.current_id
        if current is not None:
            self.post_message(ArticleOpened(current))
