"""bookmark, bookmarks, note, notes and export-notes through the real entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tests.conftest import run_reader


def _import(data_dir: Path, tmp_path: Path, name: str, title: str, body: str) -> int:
    path = tmp_path / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    result = run_reader("import", "--json", "--date", "2024-05-06", str(path), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)[0]["articles"][0]["id"])


def test_bookmark_note_and_export(data_dir: Path, tmp_path: Path) -> None:
    first = _import(
        data_dir,
        tmp_path,
        "a.txt",
        "Ministers meet in Oslo",
        "Foreign ministers of Norway and Chile met in Oslo on Tuesday. They signed 3 agreements.",
    )
    hostile = _import(
        data_dir, tmp_path, "b.txt", '../../escape: "a" [bold]b[/] #c', "Body with Paris."
    )

    assert run_reader("bookmark", str(first), data_dir=data_dir).returncode == 0
    listed = json.loads(run_reader("bookmarks", "--json", data_dir=data_dir).stdout)
    assert [row["id"] for row in listed] == [first]
    assert run_reader("bookmark", "999", data_dir=data_dir).returncode == 1

    assert (
        run_reader(
            "note", str(first), "--add", "Check the 3 agreements", data_dir=data_dir
        ).returncode
        == 0
    )
    piped = run_reader(
        "note", str(hostile), "--add", "-", data_dir=data_dir, input_text="from stdin\n"
    )
    assert piped.returncode == 0
    notes = json.loads(run_reader("notes", "--json", data_dir=data_dir).stdout)
    assert [(n["article_id"], n["body"].strip()) for n in notes] == [
        (first, "Check the 3 agreements"),
        (hostile, "from stdin"),
    ]

    out = tmp_path / "out" / "notes"
    result = run_reader("export-notes", "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    files = sorted(out.glob("*.md"))
    assert len(files) == 2
    assert not list((tmp_path / "out").glob("*.md"))
    text = next(f for f in files if "Oslo" in f.read_text()).read_text()
    front = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", text, re.S).group(1))  # type: ignore[union-attr]
    assert front["title"] == "Ministers meet in Oslo"
    assert "Oslo" in front["entities"]["place"]
    assert "Check the 3 agreements" in text
    assert re.search(r"^\| Numbers \| 3 agreements \|", text, re.M)

    # an edit by the user survives a re-export, which says where the new file went
    edited = files[0]
    edited.write_text(edited.read_text() + "\nmine\n")
    run_reader("note", str(first), "--add", "second thought", data_dir=data_dir)
    run_reader("note", str(hostile), "--add", "second thought", data_dir=data_dir)
    again = run_reader("export-notes", "--out", str(out), data_dir=data_dir)
    assert "edited since the last export" in again.stdout
    assert edited.read_text().endswith("mine\n")


def test_export_with_nothing_noted(data_dir: Path, tmp_path: Path) -> None:
    result = run_reader("export-notes", "--out", str(tmp_path / "o"), data_dir=data_dir)
    assert result.returncode == 0 and "Nothing to export" in result.stdout
    missing = run_reader("export-notes", "--article", "42", data_dir=data_dir)
    assert missing.returncode == 1 and "no article with id 42" in missing.stderr


def test_export_goes_to_one_stable_place_with_the_users_umask(
    data_dir: Path, tmp_path: Path
) -> None:
    """No --out: the data dir's notes/, whatever folder reader runs in; files follow the umask
    (0644 under 022) like any file the user writes, not mkstemp's 0600."""
    article = _import(data_dir, tmp_path, "a.txt", "Ministers meet", "They met in Oslo.")
    assert run_reader("note", str(article), "--add", "mine", data_dir=data_dir).returncode == 0
    result = run_reader("export-notes", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    written = sorted((data_dir / "notes").glob("*.md"))
    assert len(written) == 1 and str(written[0]) in result.stdout, result.stdout
    assert written[0].stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_export_single_to_a_path_writes_that_path(data_dir: Path, tmp_path: Path) -> None:
    article = _import(data_dir, tmp_path, "a.txt", "Ministers meet", "They met in Oslo.")
    assert run_reader("note", str(article), "--add", "mine", data_dir=data_dir).returncode == 0
    target = tmp_path / "elsewhere" / "digest.md"
    out = tmp_path / "out"
    result = run_reader(
        "export-notes", "--out", str(out), "--single", str(target), data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    assert target.is_file() and "mine" in target.read_text(encoding="utf-8")
    assert not list(out.glob("*.md"))


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask
