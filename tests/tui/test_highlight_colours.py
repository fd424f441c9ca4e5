"""Entity highlights read on the pane in the dark and the light theme (WCAG AA, 4.5:1), and each
kind differs from the others by more than its colour. The colours are read off the rendered
article, the background from the theme's own variables."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.geometry import Region

from reader.analysis.model import Analysis, Entity, Mention, NumberExpression, TimeExpression
from reader.tui.widgets.article_view import KIND_STYLES, ArticleView
from tests.tui.conftest import AppFactory

WORDS = {
    "person": "Amina",
    "place": "Oslo",
    "organisation": "Unicef",
    "date": "Tuesday",
    "number": "forty",
}


def luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def ratio(first: Color, second: Color) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def one_of_each() -> tuple[str, Analysis]:
    text = " met ".join(WORDS.values()) + "."
    spans = {kind: (text.index(word), text.index(word) + len(word)) for kind, word in WORDS.items()}
    entities = [
        Entity(word, kind, mentions=[Mention(*spans[kind], word)])
        for kind, word in WORDS.items()
        if kind in ("person", "place", "organisation")
    ]
    time = TimeExpression(*spans["date"], WORDS["date"], "DATE", None)
    number = NumberExpression(*spans["number"], WORDS["number"], "count", 40)
    return text, Analysis(None, entities=entities, times=[time], numbers=[number])


def rendered_words(view: ArticleView) -> dict[str, Segment]:
    """The segment each highlighted word was drawn with."""
    found: dict[str, Segment] = {}
    for block in view.query(".article-block"):
        if not block.display:
            continue
        region = Region(0, 0, block.size.width, block.size.height)
        for strip in block.render_lines(region):
            for segment in strip:
                for kind, word in WORDS.items():
                    if segment.text.strip() == word:
                        found[kind] = segment
    return found


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_entity_colour_reads_on_the_pane(make_app: AppFactory, theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        app.theme = theme
        await pilot.press("enter")
        await pilot.pause()
        view = app.main.view
        assert view.article is not None
        text, analysis = one_of_each()
        view.article.text = text
        view.show(view.article, analysis)
        await pilot.pause()
        background = Color.parse(app.get_css_variables()["background"])
        assert view.background_colors[1] == background  # the pane shows the theme's background
        segments = rendered_words(view)
        assert set(segments) == set(WORDS)
        for kind, segment in segments.items():
            assert segment.style is not None and segment.style.color is not None
            colour = Color.from_rich_color(segment.style.color)
            assert ratio(colour, background) >= 4.5, (theme, kind, colour.hex, background.hex)
        colours = {Color.from_rich_color(s.style.color).hex for s in segments.values() if s.style}
        assert len(colours) == len(WORDS), "each kind has its own colour"


def test_kinds_differ_by_more_than_colour() -> None:
    cues = {
        kind: frozenset(word for word in style.split() if not word.startswith("$"))
        for kind, style in KIND_STYLES.items()
    }
    assert all(cues.values())
    assert len(set(cues.values())) == len(cues), cues


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_fact_headings_read_on_the_pane(make_app: AppFactory, theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        app.theme = theme
        _, analysis = one_of_each()
        app.main.facts.show_analysis(analysis)
        await pilot.pause()
        background = Color.parse(app.get_css_variables()["background"])
        facts = app.main.facts
        headings = [
            segment
            for y in range(facts.size.height)
            for segment in facts.render_line(y)
            if segment.text.strip() in {"WHEN", "NUMBERS", "ENTITIES"}
        ]
        assert headings
        for segment in headings:
            assert segment.style is not None and segment.style.color is not None
            colour = Color.from_rich_color(segment.style.color)
            assert ratio(colour, background) >= 4.5, (theme, segment.text, colour.hex)
