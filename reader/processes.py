"""What every worker process reader starts needs: to die with its parent, and to start under a
TUI whose sys.stderr has no file descriptor. The feed parse pool and the background analysis
pool both start workers; one copy serves both."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> None:
    """A pool's initializer: a worker must not outlive the process that started it (kill -9
    of a refresh left two workers holding the database open for ever). Linux sends the death
    signal when the parent goes; elsewhere, and in the instant before prctl, a thread notices
    the parent is gone (the worker is handed to another parent) and leaves."""
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


@contextlib.contextmanager
def stderr_with_a_descriptor() -> Iterator[None]:
    """multiprocessing hands sys.stderr's file descriptor to the helper processes it starts (the
    resource tracker, the forkserver). A TUI replaces sys.stderr with an object whose fileno()
    is -1, and starting them then fails with "bad value(s) in fds_to_keep": give them the
    process's real stderr while they start."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable or sys.__stderr__ is None:
        yield
        return
    replaced, sys.stderr = sys.stderr, sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = replaced
