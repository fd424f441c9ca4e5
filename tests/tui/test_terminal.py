"""reader in a real terminal: tmux runs it, sends keys and reads the screen back."""

from __future__ import annotations

import contextlib
import itertools
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.storage import Store


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., str]]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing in CI: `make test` installs it")
        pytest.skip("tmux is not installed (make test installs it)")
    socket = f"reader-test-{uuid.uuid4().hex[:8]}"

    def run(*args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", socket, *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    yield run
    run("kill-server")
    # No test leaves a reader running (one such process ran for over an hour): whatever was
    # started on this test's files must be gone soon after its terminal closed.
    deadline = time.monotonic() + 10
    while readers_of(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = readers_of(tmp_path)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert left == [], f"reader processes outlived their terminal: {left}"


def readers_of(folder: Path) -> list[int]:
    """Live `python -m reader` processes whose command line names `folder` (the readers a
    test started; not the shell around one)."""
    found = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True)
    pids = [int(pid) for pid in found.stdout.split()]
    return [pid for pid in pids if _alive(pid) and _is_reader(pid)]


def _is_reader(pid: int) -> bool:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(a == b"-m" and b == b"reader" for a, b in itertools.pairwise(argv))


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def start(tmux: Callable[..., str], data_dir: Path, size: tuple[int, int] = (160, 48)) -> None:
    env = {"XDG_CONFIG_HOME": str(data_dir / "xdg-config"), "TERM": "xterm-256color"}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # COLUMNS/LINES from the test runner would pin the app to their size, not the window's
    command = f"env -u COLUMNS -u LINES {exports} {shlex.quote(sys.executable)} -m reader --data-dir {shlex.quote(str(data_dir))}"
    tmux("new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]), command)


def wait_for(tmux: Callable[..., str], text: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", "t")
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never showed; the screen was:\n{screen}")


def test_first_start_shows_samples_and_opens_one(tmux: Callable[..., str], tmp_path: Path) -> None:
    start(tmux, tmp_path)
    wait_for(tmux, "Norway")  # the bundled samples, imported on first start
    tmux("send-keys", "-t", "t", "Enter")
    screen = wait_for(tmux, "reader sample desk ·")  # the opened article's header
    assert "Key facts" in screen and "Traceback" not in screen
    tmux("resize-window", "-t", "t", "-x", "80", "-y", "24")
    time.sleep(1)
    small = tmux("capture-pane", "-p", "-t", "t")
    assert (
        "Traceback" not in small
        and len([line for line in small.splitlines() if line.strip()]) >= 10
    )
    tmux("send-keys", "-t", "t", "q", "q")


def test_draft_survives_a_killed_app(tmux: Callable[..., str], tmp_path: Path) -> None:
    start(tmux, tmp_path)
    wait_for(tmux, "Norway")
    tmux("send-keys", "-t", "t", "Enter")
    wait_for(tmux, "reader sample desk ·")
    tmux("send-keys", "-t", "t", "n")
    wait_for(tmux, "Notes ·")
    tmux("send-keys", "-t", "t", "-l", "typed before the crash")
    time.sleep(1.5)  # past the draft delay
    # the reader itself, not the pane's shell: killing the shell left reader running on
    (pid,) = readers_of(tmp_path)
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    tmux("kill-server")
    with Store.open(tmp_path) as store:
        drafts = [store.notes.draft(article_id) for article_id in store.articles.ids()]
    assert ("typed before the crash", None) in drafts
    start(tmux, tmp_path)
    wait_for(tmux, "Norway")
    tmux("send-keys", "-t", "t", "n")  # the last article is open again
    wait_for(tmux, "typed before the crash")
    wait_for(tmux, "draft is back")


def test_the_app_leaves_when_its_terminal_goes_away(
    tmux: Callable[..., str], tmp_path: Path
) -> None:
    """Under `make run` the hang-up reaches make, not reader: reader must notice the terminal
    is gone and leave, not spin on end-of-file at full CPU."""
    data_dir = tmp_path / "hang-up-data"
    command = (
        f"env -u COLUMNS -u LINES XDG_CONFIG_HOME={shlex.quote(str(tmp_path / 'xdg'))}"
        f" {shlex.quote(sys.executable)} -m reader --data-dir {shlex.quote(str(data_dir))}"
    )
    makefile = tmp_path / "Makefile"
    makefile.write_text(f"run:\n\t{command}\n", encoding="utf-8")
    tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", f"make -f {makefile} run")
    wait_for(tmux, "Norway")

    def running() -> list[str]:
        found = subprocess.run(["pgrep", "-f", str(data_dir)], capture_output=True, text=True)
        return found.stdout.split()

    assert running()
    tmux("kill-server")
    deadline = time.monotonic() + 10
    while running() and time.monotonic() < deadline:
        time.sleep(0.2)
    left = running()
    for pid in left:
        os.kill(int(pid), signal.SIGKILL)
    assert left == [], "reader kept running after its terminal closed"
    with Store.open(data_dir) as store:  # and what it stored is intact
        assert store.articles.count() == 4


def test_keys_typed_just_before_the_terminal_closed_are_kept(
    tmux: Callable[..., str], tmp_path: Path
) -> None:
    """Keys typed less than the draft delay before the window closed were lost (3 of 3), and
    reader could stay alive with the notes editor open. The hang-up saves the draft, and
    reader leaves (the tmux fixture fails the test if it does not)."""
    start(tmux, tmp_path)
    wait_for(tmux, "Norway")
    tmux("send-keys", "-t", "t", "Enter")
    wait_for(tmux, "reader sample desk ·")
    tmux("send-keys", "-t", "t", "n")
    wait_for(tmux, "Notes ·")
    tmux("send-keys", "-t", "t", "-l", "typed at the last moment")
    wait_for(tmux, "typed at the last moment")  # on screen, the draft timer not yet run
    tmux("kill-server")  # the window closes: reader gets SIGHUP
    deadline = time.monotonic() + 10
    while readers_of(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert readers_of(tmp_path) == [], "reader stayed alive after its terminal closed"
    with Store.open(tmp_path) as store:
        drafts = [store.notes.draft(article_id) for article_id in store.articles.ids()]
    assert ("typed at the last moment", None) in drafts
