"""Cases 15-19 of the hostile-input issue: what `o` hands a browser, Markdown exports a
CommonMark renderer reads, a symlink in the export folder, bad input that gave tracebacks,
and config values reader cannot work with."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.export.markdown import ExportItem, render_article, render_digest
from reader.export.writer import Exporter
from reader.links import LinkRefused, browser_command, openable
from reader.models import ArticleDraft, Note
from reader.storage import Store
from tests.conftest import run_reader
from tests.feedserver import FeedServer, Reply
from tests.unit.test_export import STAMP, make_article


# -- 15 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "file:///etc/passwd", "--help", "-e", "http://a b/", ""]
)
def test_only_http_links_reach_a_browser(link: str) -> None:
    with pytest.raises(LinkRefused):
        openable(link)
    with pytest.raises(LinkRefused):
        browser_command("firefox", link)


def test_a_link_is_one_argument_where_the_command_says() -> None:
    link = "https://example.org/a?b=1&c=$(id);--x"
    assert browser_command("firefox --new-tab", link) == ["firefox", "--new-tab", link]
    assert browser_command("open -a Safari -- {url}", link) == ["open", "-a", "Safari", "--", link]


# -- 16 -----------------------------------------------------------------------------------
HOSTILE_LINKS = [
    "https://x.example/a>[click](javascript:alert(1))",
    "https://x.example/a\n\n<script>alert(1)</script>",
    "javascript:alert(1)",
    "https://x.example/<img src=x onerror=alert(1)>",
    'https://x.example/a" onclick="alert(1)',
]


def _tokens(markdown: str) -> Iterator[object]:
    """CommonMark tokens of the body; the front matter is YAML, read as YAML tools read it."""
    for token in MarkdownIt("commonmark").use(front_matter_plugin).parse(markdown):
        yield token
        yield from token.children or []


@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_exports_render_with_no_html_and_no_other_links(link: str) -> None:
    article = dataclasses.replace(
        make_article("Title <script>x</script> [click](javascript:alert(1))"),
        link=link,
        author="<b onmouseover=alert(1)>Eve</b>",
        source_title="Source\n\n<iframe src=javascript:alert(1)>",
        text="Quoted <script>bad</script> words [here](javascript:x) and more.",
    )
    note = Note(1, 1, "My note.", STAMP, STAMP, quote_start=0, quote_end=40)
    item = ExportItem(article, [note])
    for markdown in (render_article(item, STAMP), render_digest([item], STAMP)):
        kinds = {getattr(t, "type", "") for t in _tokens(markdown)}
        assert not kinds & {"html_block", "html_inline"}, markdown
        for token in _tokens(markdown):
            if getattr(token, "type", "") == "link_open":
                href = str(token.attrGet("href"))  # type: ignore[attr-defined]
                # http(s), or reader's own way back to the quote (made of numbers only)
                ours = re.fullmatch(r"reader://article/\d+#\d+-\d+", href)
                assert href.startswith(("https://", "http://")) or ours, (href, markdown)
                assert "javascript" not in href.lower().replace("%28", "(").split("/")[2]


# -- 17 -----------------------------------------------------------------------------------
def test_a_symlinked_file_is_skipped_and_the_rest_written(tmp_path: Path, store: Store) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "elsewhere.txt"
    target.write_text("not yours\n", "utf-8")
    (out / "2024-03-05-two.md").symlink_to(target)
    items = [ExportItem(make_article(t, i), []) for i, t in enumerate(["One", "Two", "Three"], 1)]
    report = Exporter(out, store.exports).export(items, STAMP)
    assert sorted(p.name for p in report.written) == ["2024-03-05-one.md", "2024-03-05-three.md"]
    assert [p.name for p, _ in report.skipped] == ["2024-03-05-two.md"]
    assert "symbolic link" in report.skipped[0][1]
    assert target.read_text("utf-8") == "not yours\n"


# -- 18 -----------------------------------------------------------------------------------
def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode in (1, 2), (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith("usage:")]
    assert len(errors) == 1, result.stderr
    for word in words:
        assert word in errors[0], result.stderr


def test_bad_addresses_are_one_line(tmp_path: Path, feed_server: FeedServer) -> None:
    data = tmp_path / "data"
    one_line_error(run_reader("add", "http://[::1", data_dir=data), "not a valid address")
    one_line_error(run_reader("add", "http://127.0.0.1:99999/", data_dir=data), "Port")
    page = b'<html><head><link rel="alternate" type="application/rss+xml" href="/f&#27;[2J">'
    feed_server.serve("/page", Reply(body=page + b"</head><body>x</body></html>"))
    result = run_reader("add", feed_server.url("/page"), data_dir=data)
    one_line_error(result, "does not work")
    assert "\x1b" not in result.stderr
    with Store.open(data) as store:
        local = store.sources.local(None)
        (stored,) = store.articles.upsert_many(
            local.id, [ArticleDraft("Old", "Text.", link="http://127.0.0.1:1/a\x1b[2Jb")]
        )
    one_line_error(
        run_reader("fetch-article", str(stored.id), data_dir=data), "control characters"
    )
    one_line_error(run_reader("show", "99999999999999999999", data_dir=data), "article")
    one_line_error(run_reader("facts", "-5", data_dir=data), "article")


def test_a_closed_pipe_is_no_traceback(tmp_path: Path) -> None:
    """`reader list | head`: more output than a pipe holds, so the write after head left
    always fails."""
    data = tmp_path / "data"
    with Store.open(data) as store:
        local = store.sources.local(None)
        drafts = [ArticleDraft(f"Headline {n} " + "word " * 60, f"Body {n}.") for n in range(400)]
        for result in store.articles.upsert_many(local.id, drafts):
            store.notes.add(result.id, f"Note on {result.id} " + "word " * 60)
    for command in ("list", "notes", "search Headline", "bookmarks", "list --json"):
        pipeline = subprocess.run(
            f"{sys.executable} -m reader --data-dir {data} {command} | head -n 3",
            shell=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert pipeline.stdout.strip() or command == "bookmarks", command
        assert "Traceback" not in pipeline.stderr and "Broken" not in pipeline.stderr, command


def test_a_damaged_database_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (tmp_path / "a.txt").write_text("A\n\n" + "Some words. " * 20_000, "utf-8")
    assert run_reader("import", str(tmp_path / "a.txt"), data_dir=data).returncode == 0
    database = data / "reader.db"
    raw = bytearray(database.read_bytes())
    page = 4096
    for start in range(3 * page, len(raw), page):  # every page after the schema's
        raw[start : start + page] = b"\xff" * page
    database.write_bytes(bytes(raw))
    for command in (["list"], ["show", "1"], ["search", "words"]):
        result = run_reader(*command, data_dir=data)
        one_line_error(result, "database")


@pytest.fixture
def read_only_data(tmp_path: Path) -> Iterator[Path]:
    """A data folder whose database cannot be written: a read-only mount as root (root may
    write any file), a read-only file otherwise."""
    data = tmp_path / "data"
    (tmp_path / "a.txt").write_text("A\n\nText.\n", "utf-8")
    if os.geteuid() != 0:
        assert run_reader("import", str(tmp_path / "a.txt"), data_dir=data).returncode == 0
        (data / "reader.db").chmod(0o444)
        data.chmod(0o555)
        yield data
        data.chmod(0o755)
        return
    data.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(data)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        assert run_reader("import", str(tmp_path / "a.txt"), data_dir=data).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
        yield data
    finally:
        subprocess.run(["umount", "-l", str(data)], check=False)


def test_a_read_only_database_is_one_line(read_only_data: Path) -> None:
    for command in (["note", "1", "--add", "x"], ["bookmark", "1"]):
        result = run_reader(*command, data_dir=read_only_data)
        one_line_error(result)
        assert result.stdout == ""


# -- 19 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("[fetch]\ntimeout = 0\n", "fetch.timeout: expected more than 0"),
        ("[fetch]\nmax_size = -1\n", "fetch.max_size"),
        ("[fetch]\nconcurrency = 0\n", "fetch.concurrency: expected more than 0"),
        ('[[feeds]]\nurl = "file:///etc/passwd"\n', "feeds[0].url: expected an http"),
        ('[[feeds]]\nurl = "http://[::1"\n', "feeds[0].url: not a valid address"),
        ('[export]\nfile_name = "{slug.__class__.__mro__}"\n', "unknown field 'slug.__class__"),
        ('[export]\nfile_name = "{slug!r}"\n', "export.file_name"),
    ],
)
def test_config_values_reader_cannot_use_stop_at_load(
    tmp_path: Path, config: str, words: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(config, "utf-8")
    result = run_reader("--config", str(path), "feeds", data_dir=tmp_path / "data")
    assert result.returncode == 2, result.stderr
    one_line_error(result, words, str(path))
    assert not (tmp_path / "data").exists() or "passwd" not in run_reader(
        "feeds", data_dir=tmp_path / "data"
    ).stdout


def test_the_documented_file_name_fields_still_work(tmp_path: Path, store: Store) -> None:
    exporter = Exporter(tmp_path / "out", store.exports, "{source}/{date:.4}-{id}-{slug}.md")
    report = exporter.export([ExportItem(make_article("Hello there"), [])], STAMP)
    assert [p.name for p in report.written] == ["local-files-2024-1-hello-there.md"]

