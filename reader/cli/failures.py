"""Failures that are no bug of reader's, as one line and an exit status instead of a
traceback: a full disk, a damaged or read-only database, a closed pipe (`reader list | head`),
a hang-up or SIGTERM in the middle of a command."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from reader.cli import output
from reader.storage import is_disk_full, write_failure

EXIT_FAILED = 1


class Interrupted(Exception):
    """SIGTERM or SIGHUP: unwind (finally blocks close the store and the parse pool)."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal.Signals(signal_number).name)
        self.signal_number = signal_number


def describe(error: BaseException, data_dir: Path) -> str | None:
    """The one line for a failure of the machine rather than of reader, else None."""
    if is_disk_full(error):
        return f"the disk is full: cannot write to {data_dir} ({_where(data_dir)}); what was stored before is intact"
    reason = write_failure(error)
    return f"{data_dir}: {reason}" if reason else None


def _where(data_dir: Path) -> str:
    try:
        free = os.statvfs(data_dir if data_dir.exists() else data_dir.parent).f_bavail
    except OSError:
        return "no space left"
    return "no space left" if free == 0 else "not enough space left"


def _on_signal(signal_number: int, _frame: FrameType | None) -> None:
    raise Interrupted(signal_number)


@contextlib.contextmanager
def one_line_failures(data_dir: Path, signals: bool = True) -> Iterator[None]:
    """Around a command. `signals`: SIGTERM and SIGHUP unwind it (the TUI has its own)."""
    previous = {}
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if signals else ():
        if number is not None:
            with contextlib.suppress(ValueError):  # not the main thread (tests)
                previous[number] = signal.signal(number, _on_signal)
    try:
        yield
    except BrokenPipeError:
        _quiet_stdout()  # the reader of our output left (`| head`): not an error to report
        raise SystemExit(EXIT_FAILED) from None
    except Interrupted as stop:
        raise SystemExit(128 + stop.signal_number) from None
    except (sqlite3.Error, OSError) as error:
        line = describe(error, data_dir)
        if line is None:
            raise
        output.error(line)
        raise SystemExit(EXIT_FAILED) from None
    finally:
        for number, handler in previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, handler)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit does not raise again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
