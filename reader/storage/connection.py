"""Opening the database: pragmas that keep it safe when two processes share it."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000


class StorageError(Exception):
    """The database cannot be opened or used; the message says which file and why."""


class DiskFull(StorageError):
    """The disk holding the database has no room left (SQLite then says "disk I/O error")."""


def _no_space_left(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except OSError:
        return False


def connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly by `transaction()`, so a
        # multi-row write is one transaction and nothing hides an implicit BEGIN.
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StorageError(f"{path}: cannot switch to WAL mode (got {mode})")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = NORMAL")
    except (sqlite3.Error, OSError) as error:
        if is_disk_full(error) or _no_space_left(path.parent):
            raise DiskFull(
                f"{path}: cannot open the database: the disk is full (no space left on the"
                f" disk holding {path.parent})"
            ) from None
        raise StorageError(f"{path}: cannot open the database: {error}") from None
    return connection


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE takes the write lock up front, so two writers queue instead of failing."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        # SQLite has already rolled back after some errors (a full disk): a second ROLLBACK
        # would fail and hide the error that matters.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    else:
        connection.execute("COMMIT")


def is_disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return code == sqlite3.SQLITE_FULL or "disk is full" in str(error)
    return False


def write_failure(error: BaseException) -> str | None:
    """What went wrong with the machine, in words, when `error` is a storage failure that is
    no bug (a full disk, a read-only or damaged database); else None."""
    if is_disk_full(error):
        return "the disk is full"
    if isinstance(error, sqlite3.OperationalError) and "readonly" in str(error).replace("-", ""):
        return f"the database is read-only ({error})"
    if isinstance(error, sqlite3.DatabaseError):
        return f"the database is damaged or unusable ({error})"
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename or 'the data folder'}: {error.strerror}"
    return None
