"""The article: header, then the body as wrapped text with entities highlighted by kind.

Feed text is data, never markup: it goes in as plain `Content` and highlights are spans over it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader.analysis.model import Analysis
from reader.feeds.media import describe as describe_enclosure
from reader.models import Article
from reader.tui.bindings import ARTICLE_BINDINGS

BLOCK_CHARS = 4000  # paragraphs are grouped into blocks so a 1 MB article mounts quickly

# Colours from the theme, made readable on it (reader/tui/colours.py), and a second cue besides
# colour, different for every kind, so kinds tell apart on any terminal and to any eye.
KIND_STYLES = {
    "person": "bold $entity-person",
    "place": "underline $entity-place",
    "organisation": "bold underline $entity-organisation",
    "date": "italic $entity-date",
    "number": "bold italic $entity-number",
}
MARK_STYLE = "reverse"
KIND_LABELS = {
    "person": "person",
    "place": "place",
    "organisation": "organisation",
    "date": "date",
    "number": "number",
}


@dataclass(slots=True)
class _Block:
    start: int
    end: int
    widget: Static


def legend() -> Content:
    parts: list[Content] = []
    for kind, style in KIND_STYLES.items():
        parts.append(Content(KIND_LABELS[kind]).stylize(style))
    return Content(" ").join(parts)


class ArticleView(VerticalScroll, can_focus=True):
    BINDINGS = [*ARTICLE_BINDINGS]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self._blocks: list[_Block] = []
        self._spare: list[Static] = []  # block widgets the current article does not need
        self._marks: list[tuple[int, int]] = []
        self._mark_index = -1

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="article-header", markup=False)
        yield Static("Choose an article from the list.", id="article-empty", markup=False)

    def show(self, article: Article, analysis: Analysis | None = None) -> None:
        """The article, highlighted at once when its analysis is already known."""
        self.article, self.analysis = article, analysis
        self._marks, self._mark_index = [], -1
        self.query_one("#article-header", Static).update(self._header(article))
        self._mount_blocks(article.text)
        self.scroll_home(animate=False)

    def _header(self, article: Article) -> Content:
        lines = [Content(article.title).stylize("bold")]
        meta = " · ".join(
            p
            for p in (
                article.source_title,
                article.author or "",
                (article.published or "")[:10] or "date unknown",  # the day, as the list shows
            )
            if p
        )
        lines.append(Content(meta).stylize("dim"))
        kept = []
        if article.bookmarked:
            kept.append("★ bookmarked")
        if article.note_count:
            kept.append(f"✎ {article.note_count} note{'s' if article.note_count != 1 else ''} (n)")
        if kept:
            lines.append(Content("  ".join(kept)).stylize("$reader-accent"))
        if article.link:
            lines.append(Content(article.link).stylize("dim underline"))
        for enclosure in article.enclosures:  # podcasts: the play key opens the first
            lines.append(Content("▶ " + describe_enclosure(enclosure)).stylize("$reader-accent"))
        return Content("\n").join(lines)

    def _mount_blocks(self, text: str) -> None:
        """Cut the text into blocks; widgets from the previous article are reused (mounting
        and removing widgets is most of the cost of opening an article)."""
        empty = self.query("#article-empty")
        if empty:
            empty.remove()
        ranges: list[tuple[int, int]] = []
        start = 0
        while start < len(text):
            end = min(len(text), start + BLOCK_CHARS)
            if end < len(text):
                cut = text.rfind("\n\n", start + 1, end)
                end = cut + 2 if cut > start else (text.rfind(" ", start + 1, end) + 1 or end)
            ranges.append((start, end))
            start = end
        widgets = [block.widget for block in self._blocks] + self._spare
        fresh = [
            Static(classes="article-block", markup=False) for _ in range(len(ranges) - len(widgets))
        ]
        widgets += fresh
        self._blocks = [
            _Block(start, end, widget)
            for (start, end), widget in zip(ranges, widgets, strict=False)
        ]
        self._spare = widgets[len(ranges) :]
        for block in self._blocks:
            block.widget.display = True
        for widget in self._spare:
            widget.display = False
        if fresh:
            self.mount_all(fresh)
        self._render_blocks()

    def refresh_header(self) -> None:
        if self.article is not None:
            self.query_one("#article-header", Static).update(self._header(self.article))

    def apply_analysis(self, analysis: Analysis | None) -> None:
        self.analysis = analysis
        self._render_blocks()

    def mark(self, spans: list[tuple[int, int]], focus_first: bool = True) -> None:
        self._marks = sorted(spans)
        self._mark_index = 0 if spans else -1
        self._render_blocks()
        if spans and focus_first:
            self._scroll_to_offset(self._marks[0][0])

    def _spans(self) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        if self.analysis is not None:
            for entity in self.analysis.entities:
                style = KIND_STYLES.get(entity.kind)
                if style:
                    spans += [(m.start, m.end, style) for m in entity.mentions]
            spans += [(t.start, t.end, KIND_STYLES["date"]) for t in self.analysis.times]
            spans += [(n.start, n.end, KIND_STYLES["number"]) for n in self.analysis.numbers]
        spans += [(start, end, MARK_STYLE) for start, end in self._marks]
        return spans

    def _render_blocks(self) -> None:
        if self.article is None:
            return
        text = self.article.text
        spans = self._spans()
        for block in self._blocks:
            content = Content(text[block.start : block.end].rstrip("\n"))
            for start, end, style in spans:
                if end > block.start and start < block.end:
                    content = content.stylize(
                        style, max(0, start - block.start), min(block.end, end) - block.start
                    )
            block.widget.update(content)

    def _scroll_to_offset(self, offset: int) -> None:
        for block in self._blocks:
            if block.start <= offset < block.end:
                text = self.article.text if self.article else ""
                width = max(20, block.widget.content_region.width or self.size.width - 4)
                line = _line_of(text[block.start : offset], width)
                target_y = block.widget.virtual_region.y + line - 2
                self.scroll_to(y=max(0, target_y), animate=False)
                return

    @property
    def has_marks(self) -> bool:
        return bool(self._marks)

    def current_mark(self) -> tuple[int, int] | None:
        return self._marks[self._mark_index] if self._marks else None

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The analysed sentence holding `offset`, else the paragraph."""
        if self.analysis is not None:
            for sentence in self.analysis.sentences:
                if sentence.start <= offset < sentence.end:
                    return sentence.start, sentence.end
        for block in self._blocks:
            if block.start <= offset < block.end:
                return block.start, block.end
        return None

    def clear_marks(self) -> None:
        self.mark([], focus_first=False)

    def step_mark(self, step: int) -> None:
        if not self._marks:
            return
        self._mark_index = (self._mark_index + step) % len(self._marks)
        self._scroll_to_offset(self._marks[self._mark_index][0])


def _line_of(text_before: str, width: int) -> int:
    """Roughly which wrapped line an offset falls on (paragraph breaks and word wrap)."""
    lines = 0
    for paragraph in text_before.split("\n"):
        lines += max(1, -(-len(paragraph) // width))
    return max(0, lines - 1)
