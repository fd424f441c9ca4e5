"""Entity colours made from the theme's own colours, readable on the pane's background.

Headings in the accent colour get the same treatment (`$reader-accent`).

A theme's warning or success colour is chosen to fill a badge, not to colour letters on its
background: on textual-light, orange text on light grey is 1.5:1. Each kind starts from a theme
colour and is moved toward the theme's text colour just far enough for 4.5:1 (WCAG AA), so it
keeps its hue on any theme. The results are theme variables (`$entity-person`, ...) that the
article's highlight styles name.
"""

from __future__ import annotations

from textual.color import Color, ColorParseError

MIN_CONTRAST = 4.5
_MARGIN = 0.1  # rounding to hex must not land just under the line
_STEPS = 40

# Which theme colour each kind starts from. Dates mix two, so no two kinds share a hue on themes
# where accent and warning are one colour (textual-dark, textual-light).
KIND_COLOURS: dict[str, tuple[str, ...]] = {
    "person": ("warning",),
    "place": ("success",),
    "organisation": ("primary",),
    "date": ("primary", "error"),
    "number": ("error",),
}


def contrast(first: Color, second: Color) -> float:
    """The WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    brighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (brighter + 0.05) / (darker + 0.05)


def _luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        value_1 = value / 255
        return value_1 / 12.92 if value_1 <= 0.03928 else ((value_1 + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def readable(colour: Color, backgrounds: list[Color], text: Color) -> Color:
    """`colour`, moved toward the text colour until it reads on every one of `backgrounds`."""
    for step in range(_STEPS + 1):
        candidate = colour.blend(text, step / _STEPS)
        if all(contrast(candidate, b) >= MIN_CONTRAST + _MARGIN for b in backgrounds):
            return candidate
    return text


def readable_variables(variables: dict[str, str]) -> dict[str, str]:
    """`entity-KIND` for each kind, and `reader-accent` (headings, on panes and on modal
    boxes), from a theme's variables (see App.get_css_variables)."""
    try:
        background = Color.parse(variables["background"])
        surface = Color.parse(variables["surface"])
        accent = Color.parse(variables["accent"])
        text = Color.parse(variables["foreground"])
        starts = {
            kind: [Color.parse(variables[name]) for name in names]
            for kind, names in KIND_COLOURS.items()
        }
    except (KeyError, ColorParseError):
        return _as_they_are(variables)
    if background.ansi is not None or text.ansi is not None:
        return _as_they_are(variables)
    result = {"reader-accent": readable(accent.with_alpha(1.0), [background, surface], text).hex}
    for kind, colours in starts.items():
        start = colours[0] if len(colours) == 1 else colours[0].blend(colours[1], 0.5)
        result[f"entity-{kind}"] = readable(start.with_alpha(1.0), [background], text).hex
    return result


def _as_they_are(variables: dict[str, str]) -> dict[str, str]:
    """A theme of terminal (ANSI) colours: the terminal's palette decides, as for all text."""
    result = {f"entity-{kind}": variables.get(names[0], "") for kind, names in KIND_COLOURS.items()}
    result["reader-accent"] = variables.get("accent", "")
    return result
