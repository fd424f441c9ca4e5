from pathlib import Path

import pytest

from reader.sources.files import LoadError, load_file
from reader.sources.htmltext import html_to_text


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_text_headline_standfirst_body(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.txt", "Headline here\nA short standfirst.\nFirst para.\nSecond para.\n"
    )
    (draft,) = load_file(path).articles
    assert draft.title == "Headline here"
    assert draft.summary == "A short standfirst."
    assert draft.text == "A short standfirst.\n\nFirst para.\n\nSecond para."
    assert draft.published is None


def test_front_matter_and_default_date(tmp_path: Path) -> None:
    path = write(
        tmp_path, "b.txt", "---\ntitle: From meta\nauthor: Ann\nsource: Wire\n---\nBody.\n"
    )
    (draft,) = load_file(path, default_date="2024-05-01").articles
    assert (draft.title, draft.author, draft.source_name, draft.published) == (
        "From meta",
        "Ann",
        "Wire",
        "2024-05-01",
    )


def test_front_matter_date_wins_over_the_flag(tmp_path: Path) -> None:
    path = write(tmp_path, "c.md", "---\ndate: 2023-01-02\n---\n# Title\n\nBody *text*.\n")
    (draft,) = load_file(path, default_date="2024-05-01").articles
    assert (draft.title, draft.text, draft.published) == ("Title", "Body text.", "2023-01-02")


def test_control_and_escape_characters_are_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, "d.txt", "Head\x1b[31mline\x07\n\nBo\u0301dy \x1b]0;title\x07text\n")
    (draft,) = load_file(path).articles
    assert draft.title == "Headline"
    assert draft.text == "Bódy text"


def test_html_page_main_text(tmp_path: Path) -> None:
    html = """<html><head><title>Port news</title><meta name="author" content="Jo Lee">
    <meta property="article:published_time" content="2024-03-05"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Harbour reopens</h1><p>The harbour in Gdansk reopened on Monday after
    two weeks of repairs, the port authority said.</p><p>Ships waiting outside the harbour began
    to enter at dawn, and officials expect traffic to return to normal by Friday.</p></article>
    <footer>Share on social media. Related stories.</footer></body></html>"""
    (draft,) = load_file(write(tmp_path, "p.html", html)).articles
    assert "Gdansk reopened on Monday" in draft.text
    assert "Related stories" not in draft.text and "Home" not in draft.text
    assert draft.published == "2024-03-05"


def test_feed_files(tmp_path: Path) -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><guid>a1</guid><title>One &amp; two</title><link>http://x/1</link>"
        "<pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate>"
        "<description>&lt;p&gt;Hello &lt;b&gt;Oslo&lt;/b&gt;&lt;/p&gt;</description></item>"
        "</channel></rss>"
    )
    loaded = load_file(write(tmp_path, "f.xml", rss))
    (draft,) = loaded.articles
    assert loaded.source_name == "Wire"
    assert (draft.title, draft.text, draft.guid) == ("One & two", "Hello Oslo", "a1")
    assert draft.published == "2024-03-05T10:00:00+01:00"
    jf = (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": '
        '[{"id": "1", "title": "T", "content_text": "Body", "date_published": "2024-01-02T03:04:05Z"}]}'
    )
    (jdraft,) = load_file(write(tmp_path, "f.json", jf)).articles
    assert (jdraft.title, jdraft.text, jdraft.published) == (
        "T",
        "Body",
        "2024-01-02T03:04:05+00:00",
    )


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("x.txt", "", "empty file"),
        ("x.json", "{not json", "invalid JSON"),
        ("x.json", '{"items": []}', "not a JSON Feed"),
        ("x.xml", "<html><body>hi</body></html>", "not a feed"),
        ("x.md", "---\ndate: [oops\n---\nbody", "invalid front matter"),
        ("x.md", "---\ndate: someday\n---\nbody", "is not a date"),
    ],
)
def test_bad_files_give_one_line_naming_them(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    with pytest.raises(LoadError) as caught:
        load_file(write(tmp_path, name, content))
    message = str(caught.value)
    assert name in message and reason in message and "\n" not in message


def test_html_to_text_lists_links_and_images_and_drops_scripts() -> None:
    text = html_to_text(
        '<p>See <a href="http://a/">this</a>.<script>x()</script>'
        '<img src="http://i/1.png" alt="Map"><img src="http://t/p.gif" width="1" height="1"></p>'
        "<ul><li>one</li><li>two</li></ul><blockquote>Quoted</blockquote>"
    )
    assert text == (
        "See this[1].[image 1: Map]\n\n• one\n• two\n\n> Quoted\n\n"
        "Links:\n[1]: http://a/\n\nImages:\n[image 1]: http://i/1.png (Map)"
    )
