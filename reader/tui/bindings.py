"""Every user-facing key, declared once with an id. `[keys]` in the config overrides any of them
by id (through `App.set_keymap`); the footer, the help screen and the command palette read these."""

from __future__ import annotations

from textual.binding import Binding

APP_BINDINGS = [
    Binding("q", "back_or_quit", "Quit", id="quit"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("slash", "search", "Search", id="search"),
    Binding("u", "toggle_unread_only", "Unread only", id="unread_only"),
    Binding(
        "left_square_bracket",
        "previous_article",
        "Previous article",
        show=False,
        id="previous_article",
    ),
    Binding("right_square_bracket", "next_article", "Next article", show=False, id="next_article"),
    Binding("m", "toggle_read", "Read/unread", show=False, id="toggle_read"),
    Binding("A", "mark_source_read", "Mark all read", show=False, id="mark_source_read"),
    Binding("o", "open_link", "Open link", show=False, id="open_link"),
    Binding("y", "copy_link", "Copy link", show=False, id="copy_link"),
    Binding("D", "set_date", "Set date", show=False, id="set_date"),
    Binding("r", "refresh_source", "Refresh", id="refresh_source"),
    Binding("R", "refresh_all", "Refresh all", show=False, id="refresh_all"),
    Binding("f", "fetch_full_text", "Full text", show=False, id="fetch_full_text"),
    Binding("b", "toggle_bookmark", "Bookmark", id="bookmark"),
    Binding("n", "notes", "Notes", id="notes"),
    Binding("greater_than_sign", "quote", "Quote into a note", show=False, id="quote"),
    Binding("e", "export_article", "Export notes", show=False, id="export_article"),
    Binding("1", "show_pane('sources')", "Sources", show=False, id="pane_sources"),
    Binding("2", "show_pane('articles')", "Articles", show=False, id="pane_articles"),
    Binding("3", "show_pane('article')", "Article", show=False, id="pane_article"),
    Binding("4", "show_pane('facts')", "Facts", show=False, id="pane_facts"),
]

# On the main screen, not the app: Screen's own tab/shift+tab (focus next widget) would win over
# an app binding.
SCREEN_BINDINGS = [
    Binding("tab", "app.focus_next_pane", "Next pane", show=False, id="next_pane"),
    Binding(
        "shift+tab", "app.focus_previous_pane", "Previous pane", show=False, id="previous_pane"
    ),
]

LIST_BINDINGS = [
    Binding("j,down", "cursor_down", "Down", show=False, id="list_down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="list_up"),
    Binding("g,home", "cursor_first", "First", show=False, id="list_first"),
    Binding("G,end", "cursor_last", "Last", show=False, id="list_last"),
    Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="list_page_down"),
    Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="list_page_up"),
    Binding("enter", "open", "Open", id="list_open"),
]

ARTICLE_BINDINGS = [
    Binding("j,down", "scroll_down", "Down", show=False, id="article_down"),
    Binding("k,up", "scroll_up", "Up", show=False, id="article_up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="article_top"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="article_bottom"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="article_page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="article_page_up"),
    Binding("n", "next_mention", "Next mention", show=False, id="next_mention"),
    Binding("N", "previous_mention", "Previous mention", show=False, id="previous_mention"),
    Binding("escape", "clear_marks", "Clear marks", show=False, id="clear_marks"),
]
