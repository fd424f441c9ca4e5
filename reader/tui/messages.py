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
