"""What every command needs: settings and an open store, with errors turned into exit status 2."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reader.cli import output
from reader.config import ConfigError, Settings, load_settings
from reader.models import Article
from reader.query import QueryError
from reader.storage import DiskFull, StorageError, Store


@dataclass
class Context:
    settings: Settings
    data_dir: Path
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        settings = load_settings(args.config)
        return cls(settings, settings.data_dir(args.data_dir))

    @property
    def store(self) -> Store:
        if self._store is None:
            with fail_on_setup_errors():
                self._store = Store.open(self.data_dir)
                try:
                    self._store.hide(self.settings.ignore_rules())
                except QueryError as error:  # a term this database cannot answer (entity:)
                    raise ConfigError(f"{self.settings.path}: ignore: {error}") from None
        return self._store

    def article(self, article_id: int) -> Article | None:
        """The stored article, or None after saying on stderr that there is none."""
        article = self.store.articles.get(article_id)
        if article is None:
            output.error(f"no article with id {article_id}")
        return article

    def analyse_in_background(self) -> None:
        """After an import or a refresh: a detached runner analyses and indexes what is new,
        so the command answers now ([analysis] background turns it off)."""
        analysis = self.settings.analysis
        from reader.analysis.background import background_enabled, start_detached

        if analysis.active and background_enabled(analysis.background):
            start_detached(self.data_dir, analysis.backend)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


@contextmanager
def fail_on_setup_errors() -> Iterator[None]:
    """A bad config or an unusable database stops here with one line and exit status 2."""
    try:
        yield
    except DiskFull as error:  # not a setup mistake: the machine's state (exit status 1)
        output.error(str(error))
        raise SystemExit(1) from None
    except (ConfigError, StorageError) as error:
        output.error(str(error))
        raise SystemExit(2) from None


ID_MAX = 2**63 - 1  # SQLite's largest integer: a larger "id" overflowed with a traceback


def article_id(value: str) -> int:
    """argparse type for an article id: a whole number SQLite can hold."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an article id: {value!r}") from None
    if not 0 < number <= ID_MAX:
        raise argparse.ArgumentTypeError(f"no article has the id {value} (ids are 1 to {ID_MAX})")
    return number
