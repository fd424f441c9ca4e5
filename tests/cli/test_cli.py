"""The `reader` command through its real entry point."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED_DATE, run_reader


def test_help_and_version_load_no_heavy_modules() -> None:
    for args in (["--help"], ["--version"]):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "reader", *args],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0
        heavy = [
            line
            for line in result.stderr.splitlines()
            if any(f"| {name}" in line for name in ("textual", "spacy", "trafilatura", "rich"))
        ]
        assert heavy == []
    assert run_reader("--version").stdout.startswith("reader ")


def test_core_never_imports_textual() -> None:
    code = (
        "import sys, reader.storage, reader.sources.files, reader.analysis.service, "
        "reader.importing, reader.cli.articles, reader.cli.analysis; "
        "print([m for m in sys.modules if m.split('.')[0] in ('textual',)])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_import_list_search_show(data_dir: Path, seed_path: Path) -> None:
    imported = run_reader(
        "import", "--json", "--date", SEED_DATE, str(seed_path), data_dir=data_dir
    )
    assert imported.returncode == 0, imported.stderr
    (stored,) = json.loads(imported.stdout)
    article_id = stored["articles"][0]["id"]
    rows = json.loads(run_reader("list", "--json", data_dir=data_dir).stdout)
    assert [r["id"] for r in rows] == [article_id]
    assert rows[0]["published"] == SEED_DATE
    hits = json.loads(run_reader("search", "Kudankulam", "--json", data_dir=data_dir).stdout)
    assert hits[0]["id"] == article_id
    shown = json.loads(run_reader("show", str(article_id), "--json", data_dir=data_dir).stdout)
    assert "Kudankulam" in shown["text"] and shown["title"].startswith("Will be glad")
    assert "Kudankulam" in run_reader("show", str(article_id), data_dir=data_dir).stdout


def test_a_bad_file_is_named_and_the_others_load(data_dir: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Good one\ndate: 2024-02-01\n---\nBody in Oslo.\n")
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel><title>oops")
    result = run_reader(
        "import", str(good), str(broken), str(tmp_path / "missing.txt"), data_dir=data_dir
    )
    assert result.returncode == 1
    assert "missing.txt: no such file" in result.stderr
    assert "broken.xml" in result.stderr
    rows = json.loads(run_reader("list", "--json", data_dir=data_dir).stdout)
    assert [r["title"] for r in rows] == ["Good one"]


def test_bad_config_stops_with_status_2(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[fetch]\nconcurrency = 'x'\n")
    result = run_reader("--config", str(config), "list")
    assert result.returncode == 2
    assert str(config) in result.stderr and "fetch.concurrency" in result.stderr


def test_bad_date_is_a_usage_error(data_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nBody.\n")
    result = run_reader("import", "--date", "27/12/2023", str(article), data_dir=data_dir)
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_analyse_jsonl(seed_path: Path) -> None:
    result = run_reader("analyse", "--date", SEED_DATE, "--jsonl", str(seed_path))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    data = json.loads(line)
    assert data["reference_date"] == SEED_DATE
    text = seed_path.read_text(encoding="utf-8")
    mention = data["entities"][0]["mentions"][0]
    assert text[mention["start"] : mention["end"]] == mention["text"]


def test_analyse_reads_pages_and_front_matter_as_a_reader_would(tmp_path: Path) -> None:
    page = tmp_path / "talks.html"
    page.write_text(
        "<html><head><title>Talks</title><script>var Oslo = 1;</script></head><body>"
        "<article><h1>Ministers meet in Oslo</h1>"
        + "<p>The ministers of Norway and Canada met in Oslo on Tuesday to talk about fishing"
        " quotas and the ice in the Barents Sea, officials said after the meeting.</p>"
        * 3
        + "</article></body></html>",
        encoding="utf-8",
    )
    notes = tmp_path / "dated.md"
    notes.write_text(
        "---\ntitle: A visit\ndate: 2024-03-06\nauthor: Desk\n---\n"
        "The delegation arrived on Tuesday and will leave next week.\n",
        encoding="utf-8",
    )
    result = run_reader("analyse", "--jsonl", str(page), str(notes))
    assert result.returncode == 0, result.stderr
    from_page, from_notes = (json.loads(line) for line in result.stdout.splitlines())
    # the page's text, not its markup: offsets point into the "text" it reports
    assert "<" not in from_page["text"] and "var Oslo" not in from_page["text"]
    for entity in from_page["entities"]:
        for mention in entity["mentions"]:
            assert from_page["text"][mention["start"] : mention["end"]] == mention["text"]
    # the front matter is metadata, not prose: its date is the reference, its keys are not read
    assert from_notes["reference_date"] == "2024-03-06"
    assert not any("title" in t["text"] or t["text"] == "2024-03-06" for t in from_notes["times"])
    assert {t["text"]: t["value"] for t in from_notes["times"]}["Tuesday"] == "2024-03-05"


def test_facts_command(data_dir: Path, seed_path: Path) -> None:
    run_reader("import", "--date", SEED_DATE, str(seed_path), data_dir=data_dir)
    result = run_reader("facts", "1", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Mon 25 Dec 2023 – Fri 29 Dec 2023" in result.stdout
    assert "annual summits" in result.stdout
