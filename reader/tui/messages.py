"""Messages the panes post up to the screen (attributes go down, messages go up)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.storage import ArticleFilter


@dataclass
class SourceChosen(Message):
    selection: ArticleFilter
    label: str


@dataclass
class ArticleOpened(Message):
    article_id: int


@dataclass
class FactChosen(Message):
    start: int
    end: int


@dataclass
class EntityChosen(Message):
    spans: list[tuple[int, int]]
    name: str = ""


@dataclass
class SentenceWanted(Message):
    """Open an article at a sentence (an agenda item, a timeline row)."""

    article_id: int
    start: int
    end: int


@dataclass
class StoriesWanted(Message):
    """List every article about an entity (a related entity in the sidebar)."""

    entity_id: int
    source_key: str | None = None  # the sources pane's entry it came from, to come back to
