"""Markdown export: valid YAML and CommonMark whatever the title holds, stable bytes, safe names,
atomic writes, and a user's edits never overwritten silently."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from reader.export.markdown import ExportItem, render_article, render_digest
from reader.export.selection import ExportChoice, chosen_articles
from reader.export.writer import Exporter, ExportError, file_name, slugify
from reader.models import Article, ArticleDraft, Note
from reader.storage import Store

GOLDEN = Path(__file__).parent.parent / "data" / "export" / "article.md"
STAMP = "2026-01-02T03:04:05+00:00"

HOSTILE_TITLES = [
    "../../etc/passwd",
    'Minister: "we will" — it\'s [bold]done[/] #1',
    "Line one\nline two: three",
    "--- front matter? ---",
    "🎉 Fête: ça marche | a | table",
    "مرحبا: عالم",
    "- a list? * b `code` <script>",
    "key: value\n---\nevil: true",
]


def make_article(
    title: str, article_id: int = 1, text: str = "Alpha beta. Gamma delta."
) -> Article:
    return Article(
        id=article_id,
        source_id=1,
        source_title="Local files",
        title=title,
        text=text,
        guid=None,
        link="https://example.org/news/1",
        author="A. Writer",
        published="2024-03-05",
        updated=None,
        summary="",
        content="",
        is_read=True,
        first_seen="2024-03-05T10:00:00+00:00",
        content_hash="x",
    )


def make_note(body: str, quote: tuple[int, int] | None = None) -> Note:
    return Note(
        id=1,
        article_id=1,
        body=body,
        created="2024-03-06T09:00:00+00:00",
        updated="2024-03-06T09:30:00+00:00",
        quote_start=quote[0] if quote else None,
        quote_end=quote[1] if quote else None,
    )


def front_matter_of(text: str) -> dict[str, object]:
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, text[:200]
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data


def test_golden_file() -> None:
    item = ExportItem(
        make_article('Talks resume: a "fresh" start'),
        [make_note("My **own** words.\n\n- one\n- two", quote=(0, 11))],
        tags=["world"],
    )
    text = render_article(item, STAMP)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_stay_valid_yaml_and_commonmark(title: str) -> None:
    item = ExportItem(make_article(title), [make_note("note | with pipe")], tags=["a: b"])
    text = render_article(item, STAMP)
    data = front_matter_of(text)
    assert data["title"] == title
    assert data["tags"] == ["a: b"]
    tokens = MarkdownIt("commonmark").enable("table").parse(text.split("\n---\n", 1)[1])
    headings = [t for i, t in enumerate(tokens) if i and tokens[i - 1].type == "heading_open"]
    # the title is the first heading, on one line, with its characters shown as written
    assert headings[0].children is not None
    shown = "".join(child.content for child in headings[0].children)
    assert shown == " ".join(title.split())


def test_same_data_same_bytes() -> None:
    item = ExportItem(make_article("Same"), [make_note("n")])
    assert render_article(item, STAMP) == render_article(item, STAMP)
    other = render_article(item, "2027-01-01T00:00:00+00:00")
    differing = [
        pair
        for pair in zip(render_article(item, STAMP).splitlines(), other.splitlines(), strict=True)
        if pair[0] != pair[1]
    ]
    assert len(differing) == 1 and differing[0][0].startswith("exported:")


def test_file_names_stay_in_the_folder(tmp_path: Path, store: Store) -> None:
    for title in HOSTILE_TITLES:
        name = file_name("{date}-{slug}.md", ExportItem(make_article(title), []))
        assert "/" not in name and "\\" not in name and not name.startswith(".")
    exporter = Exporter(tmp_path / "out", store.exports, "../{slug}.md")
    report = exporter.export([ExportItem(make_article("../../etc/passwd"), [])], STAMP)
    assert [p.parent for p in report.written] == [(tmp_path / "out").resolve()]
    assert slugify("", "article-3") == "article-3"


def test_bad_pattern_is_a_clear_error(tmp_path: Path, store: Store) -> None:
    exporter = Exporter(tmp_path, store.exports, "{title}.md")
    with pytest.raises(ExportError, match="unknown field 'title'"):
        exporter.export([ExportItem(make_article("x"), [])], STAMP)


def test_colliding_slugs_get_distinct_names(tmp_path: Path, store: Store) -> None:
    items = [ExportItem(make_article("Same title", i), [make_note("n")]) for i in (1, 2)]
    report = Exporter(tmp_path, store.exports).export(items, STAMP)
    assert len({p.name for p in report.written}) == 2
    # a later export of the second alone keeps its own name, not the first's
    again = Exporter(tmp_path, store.exports).export(items[1:], STAMP)
    assert again.unchanged == [report.written[1]]


def test_edited_file_is_kept_and_new_export_goes_beside(tmp_path: Path, store: Store) -> None:
    item = ExportItem(make_article("Edited"), [make_note("first")])
    exporter = Exporter(tmp_path, store.exports)
    (path,) = exporter.export([item], STAMP).written
    path.write_text(path.read_text() + "\nMy own addition.\n", encoding="utf-8")
    item.notes = [make_note("second")]
    report = exporter.export([item], STAMP)
    assert report.written == [] and report.kept and report.kept[0][0] == path
    assert "My own addition." in path.read_text()
    assert "second" in report.kept[0][1].read_text()
    forced = Exporter(tmp_path, store.exports, force=True).export([item], STAMP)
    assert forced.written == [path] and "second" in path.read_text()


def test_unchanged_export_does_not_rewrite(tmp_path: Path, store: Store) -> None:
    item = ExportItem(make_article("Stable"), [make_note("n")])
    exporter = Exporter(tmp_path, store.exports)
    (path,) = exporter.export([item], STAMP).written
    report = exporter.export([item], "2030-01-01T00:00:00+00:00")
    assert report.unchanged == [path] and STAMP in path.read_text()


def test_atomic_write_leaves_no_temp_files(tmp_path: Path, store: Store) -> None:
    Exporter(tmp_path / "out", store.exports).export([ExportItem(make_article("A"), [])], STAMP)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["2024-03-05-a.md"]


def test_single_digest(tmp_path: Path, store: Store) -> None:
    items = [
        ExportItem(make_article(t, i), [make_note(f"note {i}")])
        for i, t in enumerate(HOSTILE_TITLES[:3], 1)
    ]
    report = Exporter(tmp_path, store.exports).export_single("digest", items, STAMP)
    (path,) = report.written
    assert path == (tmp_path / "digest.md").resolve()  # a bare name goes into the folder
    text = path.read_text()
    data = front_matter_of(text)
    assert [a["reader_id"] for a in data["articles"]] == [1, 2, 3]  # type: ignore[index]
    assert len(re.findall(r"^### Notes$", text, re.M)) == 3


def test_choice_keeps_noted_and_bookmarked(store: Store) -> None:
    source = store.sources.local(None)
    results = store.articles.upsert_many(
        source.id, [ArticleDraft(title=f"T{i}", text=f"text {i}") for i in range(3)]
    )
    first, second, third = (result.id for result in results)
    store.notes.add(first, "a note")
    store.bookmarks.add(second)
    assert [a.id for a in chosen_articles(store, ExportChoice())] == [first]
    both = chosen_articles(store, ExportChoice(bookmarked=True))
    assert [a.id for a in both] == [first, second]
    assert [a.id for a in chosen_articles(store, ExportChoice(article_ids=[third]))] == [third]
    assert chosen_articles(store, ExportChoice(since="2999-01-01")) == []


def test_digest_renders_every_item() -> None:
    items = [ExportItem(make_article("One"), [make_note("x")])]
    assert "## One" in render_digest(items, STAMP)
