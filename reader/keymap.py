"""Every binding id and its default keys, declared once and free of Textual.

The config checks `[keys]` against this list when it loads; `reader/tui/bindings.py` builds its
`Binding`s from it. Keys use Textual's names (`question_mark`, `ctrl+s`); a single character
such as `?` in the config is turned into its name here, as Textual does for its own bindings.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Where a binding is active. Two bindings sharing a key in places that are active together
# would leave one of them unreachable; see `clashes`.
APP = "app"  # everywhere on the reading screen
LIST = "list"  # the article list has focus
ARTICLE = "article"  # the article has focus
MARKS = "marks"  # entity or fact marks are shown: these take over app keys until escape
NOTES = "notes"  # the notes editor
NOTES_LIST = "notes_list"  # the editor's list of notes


@dataclass(frozen=True, slots=True)
class KeySpec:
    id: str
    keys: str  # the defaults, comma separated
    scope: str


KEYMAP: tuple[KeySpec, ...] = (
    KeySpec("quit", "q", APP),
    KeySpec("help", "question_mark", APP),
    KeySpec("search", "slash", APP),
    KeySpec("next_pane", "tab", APP),
    KeySpec("previous_pane", "shift+tab", APP),
    KeySpec("pane_sources", "1", APP),
    KeySpec("pane_articles", "2", APP),
    KeySpec("pane_article", "3", APP),
    KeySpec("pane_facts", "4", APP),
    KeySpec("toggle_sources", "s", APP),
    KeySpec("toggle_facts", "i", APP),
    KeySpec("wider", "plus,equals_sign", APP),
    KeySpec("narrower", "minus", APP),
    KeySpec("unread_only", "u", APP),
    KeySpec("previous_article", "left_square_bracket", APP),
    KeySpec("next_article", "right_square_bracket", APP),
    KeySpec("toggle_read", "m", APP),
    KeySpec("mark_source_read", "A", APP),
    KeySpec("undo", "ctrl+z", APP),
    KeySpec("refresh_source", "r", APP),
    KeySpec("refresh_all", "R", APP),
    KeySpec("fetch_full_text", "f", APP),
    KeySpec("bookmark", "b", APP),
    KeySpec("notes", "n", APP),
    KeySpec("quote", "greater_than_sign", APP),
    KeySpec("export_article", "e", APP),
    KeySpec("open_link", "o", APP),
    KeySpec("copy_link", "y", APP),
    KeySpec("set_date", "D", APP),
    KeySpec("next_unread", "full_stop", APP),
    KeySpec("previous_unread", "comma", APP),
    KeySpec("next_unread_source", "ctrl+n", APP),
    KeySpec("save_search", "ctrl+s", APP),
    KeySpec("play_enclosure", "P", APP),
    KeySpec("stories_about", "S", APP),
    KeySpec("follow_entity", "F", APP),
    KeySpec("list_down", "j,down", LIST),
    KeySpec("list_up", "k,up", LIST),
    KeySpec("list_first", "g,home", LIST),
    KeySpec("list_last", "G,end", LIST),
    KeySpec("list_page_down", "pagedown,ctrl+f", LIST),
    KeySpec("list_page_up", "pageup,ctrl+b", LIST),
    KeySpec("list_open", "enter", LIST),
    KeySpec("article_down", "j,down", ARTICLE),
    KeySpec("article_up", "k,up", ARTICLE),
    KeySpec("article_top", "g,home", ARTICLE),
    KeySpec("article_bottom", "G,end", ARTICLE),
    KeySpec("article_page_down", "space,pagedown", ARTICLE),
    KeySpec("article_page_up", "pageup", ARTICLE),
    KeySpec("next_mention", "n", MARKS),
    KeySpec("previous_mention", "N", MARKS),
    KeySpec("clear_marks", "escape", MARKS),
    KeySpec("note_save", "ctrl+s", NOTES),
    KeySpec("note_close", "escape", NOTES),
    KeySpec("note_new", "ctrl+n", NOTES),
    KeySpec("note_delete", "d,delete", NOTES_LIST),
    KeySpec("note_undo", "u", NOTES_LIST),
)

DEFAULT_KEYS = {spec.id: spec.keys for spec in KEYMAP}

# `[keys] preset = "NAME"`: reader's actions on another reader's keys, where reader has the
# action. newsboat: n/p next/previous unread, N toggles read, J/K next/previous article, ctrl+n
# the next feed with unread articles, e plays the enclosure (newsboat enqueues it). Notes, which
# newsboat lacks, move from n to E (newsboat's edit-flags: marking an article up) and export
# from e to ctrl+e, so nothing is lost.
PRESETS: dict[str, dict[str, str]] = {
    "newsboat": {
        "next_unread": "n",
        "previous_unread": "p",
        "toggle_read": "N",
        "next_article": "J,right_square_bracket",
        "previous_article": "K,left_square_bracket",
        "next_unread_source": "ctrl+n",
        "play_enclosure": "e",
        "notes": "E",
        "export_article": "ctrl+e",
    },
}

# Scopes active at the same time, where one key must mean one thing. Marks sit above the app
# keys on purpose (n/N step through marks while they are shown), so only list and article keys,
# which would swallow them, clash with them.
_TOGETHER = (
    (APP, LIST),
    (APP, ARTICLE),
    (MARKS, LIST),
    (MARKS, ARTICLE),
    (NOTES, NOTES_LIST),
)


# Textual shortens a few Unicode names (textual.keys.KEY_NAME_REPLACEMENTS).
_SHORT_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def key_name(key: str) -> str:
    """Textual's name for one key: `?` is `question_mark`, `ctrl+s` stays as it is."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        try:
            name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        except ValueError:
            return key
        return _SHORT_NAMES.get(name, name)
    return key


def normalise(keys: str) -> str:
    """A comma-separated key list with every key in Textual's names."""
    return ",".join(key_name(key) for key in keys.split(",") if key.strip())


def effective_keys(overrides: dict[str, str]) -> dict[str, list[str]]:
    """Each binding id's keys once the overrides apply."""
    return {spec.id: normalise(overrides.get(spec.id, spec.keys)).split(",") for spec in KEYMAP}


def clashes(overrides: dict[str, str]) -> list[tuple[str, str, str]]:
    """(key, id, other id) for every key that two bindings active together would share."""
    keys = effective_keys(overrides)
    found: dict[tuple[str, str], str] = {}
    for pair in _TOGETHER:
        owner: dict[str, str] = {}
        for spec in KEYMAP:
            if spec.scope not in pair:
                continue
            for key in keys[spec.id]:
                first = owner.setdefault(key, spec.id)
                if first != spec.id:
                    found.setdefault((first, spec.id), key)
    return [(key, first, second) for (first, second), key in found.items()]
