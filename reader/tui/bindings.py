"""Every user-facing key as a Textual `Binding`, its id and default keys taken from
`reader.keymap` (one declaration, which the config checks `[keys]` against). `[keys]` overrides
any of them by id (through `App.set_keymap`); the footer, the help screen and the command palette
read these."""

from __future__ import annotations

from textual.binding import Binding

from reader.keymap import DEFAULT_KEYS


def bind(binding_id: str, action: str, description: str, show: bool = False) -> Binding:
    return Binding(DEFAULT_KEYS[binding_id], action, description, show=show, id=binding_id)


APP_BINDINGS = [
    bind("quit", "back_or_quit", "Quit", show=True),
    bind("help", "help", "Help", show=True),
    bind("search", "search", "Search", show=True),
    bind("unread_only", "toggle_unread_only", "Unread only", show=True),
    bind("previous_article", "previous_article", "Previous article"),
    bind("next_article", "next_article", "Next article"),
    bind("toggle_read", "toggle_read", "Read/unread"),
    bind("mark_source_read", "mark_source_read", "Mark all read"),
    bind("undo", "undo", "Undo mark read"),
    bind("open_link", "open_link", "Open link"),
    bind("copy_link", "copy_link", "Copy link"),
    bind("set_date", "set_date", "Set date"),
    bind("next_unread", "next_unread", "Next unread (any source)"),
    bind("previous_unread", "previous_unread", "Previous unread (any source)"),
    bind("next_unread_source", "next_unread_source", "Next source with unread"),
    bind("save_search", "save_search", "Save the search as a source"),
    bind("play_enclosure", "play_enclosure", "Play the enclosure ([ui] player)"),
    bind("stories_about", "stories_about", "Stories about the chosen entity"),
    bind("follow_entity", "follow_entity", "Follow the chosen entity (or stop)"),
    bind("refresh_source", "refresh_source", "Refresh", show=True),
    bind("refresh_all", "refresh_all", "Refresh all"),
    bind("fetch_full_text", "fetch_full_text", "Full text"),
    bind("bookmark", "toggle_bookmark", "Bookmark", show=True),
    bind("notes", "notes", "Notes", show=True),
    bind("quote", "quote", "Quote into a note"),
    bind("export_article", "export_article", "Export notes"),
    bind("pane_sources", "show_pane('sources')", "Sources"),
    bind("pane_articles", "show_pane('articles')", "Articles"),
    bind("pane_article", "show_pane('article')", "Article"),
    bind("pane_facts", "show_pane('facts')", "Facts"),
]

# On the main screen, not the app: Screen's own tab/shift+tab (focus next widget) would win over
# an app binding. The marks keys are here too, above the app's: while marks are shown, n/N step
# through them from any pane (check_action turns them off otherwise, and n writes a note).
SCREEN_BINDINGS = [
    bind("next_pane", "app.focus_next_pane", "Next pane"),
    bind("previous_pane", "app.focus_previous_pane", "Previous pane"),
    bind("toggle_sources", "toggle_pane('sources')", "Hide/show sources"),
    bind("toggle_facts", "toggle_pane('facts')", "Hide/show key facts"),
    bind("wider", "resize_pane(4)", "Wider key facts (or sources)"),
    bind("narrower", "resize_pane(-4)", "Narrower key facts (or sources)"),
]

MARK_BINDINGS = [
    bind("next_mention", "next_mention", "Next mention", show=True),
    bind("previous_mention", "previous_mention", "Previous mention"),
    bind("clear_marks", "clear_marks", "Clear marks", show=True),
]

LIST_BINDINGS = [
    bind("list_down", "cursor_down", "Down"),
    bind("list_up", "cursor_up", "Up"),
    bind("list_first", "cursor_first", "First"),
    bind("list_last", "cursor_last", "Last"),
    bind("list_page_down", "page_down", "Page down"),
    bind("list_page_up", "page_up", "Page up"),
    bind("list_open", "open", "Open", show=True),
]

ARTICLE_BINDINGS = [
    bind("article_down", "scroll_down", "Down"),
    bind("article_up", "scroll_up", "Up"),
    bind("article_top", "scroll_home", "Top"),
    bind("article_bottom", "scroll_end", "Bottom"),
    bind("article_page_down", "page_down", "Page down"),
    bind("article_page_up", "page_up", "Page up"),
]

NOTES_BINDINGS = [
    bind("note_save", "save", "Save note", show=True),
    bind("note_close", "close", "Close (draft kept)", show=True),
    bind("note_new", "new_note", "New note", show=True),
]

NOTES_LIST_BINDINGS = [
    bind("note_delete", "screen.delete_note", "Delete note", show=True),
    bind("note_undo", "screen.undo_delete", "Undo delete", show=True),
]

# What `?` shows, in this order: every binding id above.
HELP_SECTIONS = [
    ("Everywhere", [*APP_BINDINGS, *SCREEN_BINDINGS]),
    ("While marks are shown (after choosing a fact or an entity)", MARK_BINDINGS),
    ("Article list", LIST_BINDINGS),
    ("Article", ARTICLE_BINDINGS),
    ("Notes editor", NOTES_BINDINGS),
    ("Notes editor, on a note in its list", NOTES_LIST_BINDINGS),
]
