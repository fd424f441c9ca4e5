"""Cases 11-14 of the hostile-input issue: a full disk, parse workers outliving their parent,
leaked processes, and keys typed just before the terminal closed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.storage import Store
from tests.conftest import run_reader
from tests.feedserver import FeedServer, Reply, rss


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs: the real ENOSPC, as a user with a full disk gets it."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def one_line_disk_full(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "disk is full" in lines[0], result.stderr


def test_a_full_disk_is_one_line_and_touches_nothing_else(
    small_disk: Path, feed_server: FeedServer, tmp_path: Path
) -> None:
    """Case 11: import, note, bookmark and refresh ended in tracebacks, and refresh wrote
    "client has been closed" into sources that had nothing wrong."""
    data = small_disk / "data"
    first = tmp_path / "first.txt"
    first.write_text("First\n\nThe first text.\n", "utf-8")
    assert run_reader("import", str(first), data_dir=data).returncode == 0
    for n in range(6):
        feed_server.serve(f"/f{n}", Reply(body=rss(f"F{n}", [(f"g{n}", f"Old {n}", "x")])))
        assert run_reader("add", feed_server.url(f"/f{n}"), data_dir=data).returncode == 0
    assert run_reader("refresh", data_dir=data).returncode == 0
    for n in range(6):  # every feed has a new, long entry to store now
        items = [(f"g{n}", f"Old {n}", "x"), (f"n{n}", f"New {n}", "words " * 50_000)]
        feed_server.serve(f"/f{n}", Reply(body=rss(f"F{n}", items)))
    big = tmp_path / "big.txt"
    big.write_text("Big\n\n" + "word " * 400_000, "utf-8")

    with Store.open(data) as holder:  # keeps the -wal and -shm files, as a running app does
        filler = fill(small_disk)
        holder.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every write must now grow it
        one_line_disk_full(run_reader("import", str(big), data_dir=data))
        note = run_reader("note", "1", "--add", "-", data_dir=data, input_text="x " * 300_000)
        one_line_disk_full(note)
        one_line_disk_full(run_reader("refresh", data_dir=data))
        one_line_disk_full(run_reader("bookmark", "1", data_dir=data))
        filler.unlink()
        sources = [s for s in holder.sources.all() if s.kind == "feed"]
        assert [s.last_error for s in sources] == [None] * 6
        assert holder.articles.count() == 7 and holder.notes.all() == []
    # with no process holding the database, it cannot even be opened: still one line
    filler = fill(small_disk)
    one_line_disk_full(run_reader("list", data_dir=data))
    one_line_disk_full(run_reader("bookmark", "1", data_dir=data))
    filler.unlink()
    assert run_reader("bookmark", "1", data_dir=data).returncode == 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_parse_workers_die_with_their_parent(
    how: signal.Signals, feed_server: FeedServer, tmp_path: Path
) -> None:
    """Case 12: kill -9, SIGTERM or SIGHUP of a refresh with 8+ feeds left two parse workers
    running for ever, holding the database open."""
    data = tmp_path / "data"
    with Store.open(data) as store:
        for n in range(10):  # 8 or more feeds: the refresh parses in worker processes
            body = rss(f"S{n}", [(f"g{n}", "T", "x")])
            store.sources.add("feed", feed_server.serve(f"/s{n}", Reply(body=body, delay=30)))
    refresh = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data), "refresh"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            workers = _children(refresh.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the refresh started no parse pool"
        time.sleep(0.5)
        refresh.send_signal(how)
        refresh.wait(10)
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in workers if _alive(pid)]
    finally:
        if refresh.poll() is None:
            refresh.kill()
            refresh.wait()
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"parse workers outlived a refresh ended by {how.name}"
