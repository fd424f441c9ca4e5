"""The real `reader` process in a real terminal: tmux runs it, sends keys and reads the screen.

Journeys drive what a person does on day one, so a bug that only shows with the real process,
its real stderr and a real terminal (a busy loop at start, a worker that cannot start a process
pool, a process left behind when the window closes) fails here even when Pilot is green.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest


def reader_command() -> list[str]:
    """The console script pip installed next to this Python, as a user starts it."""
    script = Path(sys.executable).parent / "reader"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for tmux to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def descendants(pid: int) -> list[int]:
    """Every process below pid (children, their children...), from /proc."""
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        children_file = Path(f"/proc/{parent}/task/{parent}/children")
        try:
            children = [int(c) for c in children_file.read_text().split()]
        except OSError:
            children = []
        found.extend(children)
        frontier.extend(children)
    return found


class Terminal:
    """One tmux server of our own (its own socket), one window running reader."""

    def __init__(self, home: Path) -> None:
        self.socket = f"reader-journey-{uuid.uuid4().hex[:8]}"
        self.sockets = [self.socket]
        self.home = home
        self.pid: int | None = None
        self.seen: set[int] = set()  # every reader pid and child seen, killed at teardown

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def start(
        self,
        data_dir: Path,
        size: tuple[int, int] = (160, 48),
        config: Path | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        env = {
            "XDG_CONFIG_HOME": str(self.home / "xdg-config"),
            "XDG_DATA_HOME": str(self.home / "xdg-data"),
            "TERM": "xterm-256color",
            **(extra_env or {}),
        }
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        options = ["--data-dir", str(data_dir)]
        if config is not None:
            options += ["--config", str(config)]
        program = " ".join(shlex.quote(part) for part in [*reader_command(), *options])
        # exec: the pane's process is reader itself. COLUMNS/LINES from the test runner would
        # pin the app to their size, not the window's.
        command = f"exec env -u COLUMNS -u LINES -u READER_CONFIG {exports} {program}"
        self.tmux("kill-server")
        # A new server per start: the last one may still be shutting down after its pane's
        # process left, and a new session would race it for the socket.
        self.socket = f"reader-journey-{uuid.uuid4().hex[:8]}"
        self.sockets.append(self.socket)
        self.tmux("new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]), command)
        self.pid = int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())
        self.seen.add(self.pid)

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, want: str | Callable[[str], bool], timeout: float = 20) -> str:
        test = want if callable(want) else (lambda screen: want in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{want!r} never showed within {timeout} s; the screen was:\n{screen}")

    def children(self) -> list[int]:
        found = descendants(self.pid) if self.pid is not None else []
        self.seen.update(found)
        return found

    def wait_gone(self, pids: list[int], timeout: float = 5) -> list[int]:
        """The pids still running after timeout seconds."""
        deadline = time.monotonic() + timeout
        left = [pid for pid in pids if alive(pid)]
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = [pid for pid in left if alive(pid)]
        return left

    def quit(self, timeout: float = 5) -> None:
        """q, as a person leaves; the process must be gone within timeout seconds."""
        assert self.pid is not None
        self.keys("q")
        left = self.wait_gone([self.pid], timeout)
        assert not left, f"reader did not quit on q within {timeout} s:\n{self.screen()}"

    def close_window(self) -> None:
        """The terminal goes away: tmux's server ends and the pane's process gets SIGHUP."""
        self.tmux("kill-server")

    def cleanup(self) -> None:
        for socket in self.sockets:
            subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)
        for pid in self.seen:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def require_tmux() -> None:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing in CI: `make test` installs it")
        pytest.skip("tmux is not installed (make test installs it where it may)")
