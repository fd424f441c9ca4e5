"""Cases 1-4 of the hostile-input issue: every field of every format carries terminal escapes,
bidi overrides and zero-width characters; nothing of them reaches the terminal (the bytes of
every command's output are checked), the store, or an export."""

from __future__ import annotations

import json
import re
from pathlib import Path

from reader.storage import Store
from tests.conftest import run_reader
from tests.feedserver import FeedServer, Reply

# OSC 52 (writes the clipboard), clear screen, a window title, C1 CSI, RLO, a zero-width space
EVIL = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b]0;PWNED\x07\x9b31m\u202etxt.exe\u200b"
# XML cannot hold ESC raw: a feed writes it as a character reference
XML_EVIL = "&#27;]52;c;cHduZWQ=&#7;&#27;[2J&#27;]0;PWNED&#7;&#155;31m&#8238;txt.exe&#8203;"
TERMINAL_BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LINE_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")

RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>RSS {XML_EVIL}</title>
<link>http://127.0.0.1/{XML_EVIL}</link><description>d</description>
<item><guid>r1{XML_EVIL}</guid><title>RSS item {XML_EVIL}</title>
<link>http://127.0.0.1/r1{XML_EVIL}</link><author>x@example.org (Eve {XML_EVIL})</author>
<category>cat {XML_EVIL}</category>
<description>Body on Tuesday {XML_EVIL} in Paris.</description></item></channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom {XML_EVIL}</title><id>urn:a{XML_EVIL}</id><updated>2024-03-05T10:00:00Z</updated>
<entry><id>urn:a:1{XML_EVIL}</id><title>Atom item {XML_EVIL}</title>
<updated>2024-03-05T10:00:00Z</updated><author><name>Mallory {XML_EVIL}</name></author>
<link href="http://127.0.0.1/a1{XML_EVIL}"/><summary>Short {XML_EVIL}</summary>
<content type="html">&lt;p&gt;Dockers {XML_EVIL} returned.&lt;a href="http://x/{XML_EVIL}"&gt;l&lt;/a&gt;&lt;/p&gt;</content>
</entry></feed>"""

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"JSON {EVIL}",
        "home_page_url": f"http://127.0.0.1/{EVIL}",
        "items": [
            {
                "id": f"j1{EVIL}",
                "url": f"http://127.0.0.1/j1{EVIL}",
                "title": f"JSON item {EVIL}",
                "summary": f"Summary {EVIL}",
                "content_text": f"Text {EVIL} about Berlin.",
                "authors": [{"name": f"Trudy {EVIL}"}],
            },
            {
                "id": "j2",
                "url": "http://127.0.0.1/j2",
                "title": "HTML item",
                "content_html": f"<p>Para {EVIL}</p>",
            },
        ],
    }
)

Y = json.dumps(EVIL)[1:-1]  # YAML's double quotes take JSON's escapes (raw ESC is not YAML)
MARKDOWN = f"""---
title: "Front {Y}"
url: "http://127.0.0.1/md{Y}"
author: "Author {Y}"
source: "Source {Y}"
guid: "g{Y}"
---
Body of the file {EVIL} on Monday.
"""

PAGE = f"""<!doctype html><html><head><title>Page {XML_EVIL}</title>
<meta name="author" content="Page author {XML_EVIL}">
<link rel="canonical" href="http://127.0.0.1/page{XML_EVIL}"></head><body><article>
<h1>Page {XML_EVIL}</h1>""" + "".join(
    f"<p>Paragraph {n} of the page {XML_EVIL}, long enough to be the article's text.</p>"
    for n in range(8)
) + "</article></body></html>"

OPML_EVIL = "&#155;31m&#8238;txt.exe&#8203;"  # what XML 1.0 can hold: no ESC, no BEL
OPML = f"""<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
<outline text="Folder {OPML_EVIL}" title="Folder {OPML_EVIL}">
<outline type="rss" text="OPML {OPML_EVIL}" title="OPML {OPML_EVIL}" xmlUrl="URL/opml.xml"/>
</outline></body></opml>"""


def _no_bad_bytes(output: str, where: str) -> None:
    found = TERMINAL_BAD.findall(output)
    assert not found, f"{where} printed {found!r}:\n{output!r}"


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text('[fetch]\ntimeout = 3.0\n\n[analysis]\nbackend = "none"\n', "utf-8")
    return config


def test_no_escape_reaches_the_terminal_the_store_or_an_export(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    data = tmp_path / "data"
    config = _config(tmp_path)
    feed_server.serve("/rss", Reply(body=RSS.encode(), headers={"Content-Type": "text/xml"}))
    feed_server.serve("/atom", Reply(body=ATOM.encode()))
    feed_server.serve("/json", Reply(body=JSON_FEED.encode()))
    reason = f"Bad{EVIL} thing".encode().decode("latin-1")  # the bytes an attacker sends
    feed_server.serve("/status", Reply(500, reason=reason))
    feed_server.serve("/opml.xml", Reply(body=RSS.encode()))
    (tmp_path / "evil.md").write_text(MARKDOWN, "utf-8")
    (tmp_path / "evil.txt").write_text(f"Title {EVIL}\n\nText {EVIL}.\n", "utf-8")
    (tmp_path / "evil.html").write_text(PAGE, "utf-8")
    (tmp_path / "list.opml").write_text(OPML.replace("URL", feed_server.base), "utf-8")
    (tmp_path / "urls").write_text(
        f'{feed_server.url("/rss")} "~Evil{EVIL}" "tag{EVIL}" plain\n', "utf-8"
    )

    def reader(*args: str) -> str:
        result = run_reader("--config", str(config), *args, data_dir=data)
        _no_bad_bytes(result.stdout + result.stderr, "reader " + " ".join(args))
        return result.stdout + result.stderr

    for path in ("/rss", "/atom", "/json", "/status"):
        reader("add", feed_server.url(path))
    reader("import", *(str(tmp_path / f"evil.{kind}") for kind in ("md", "txt", "html")))
    reader("import-opml", str(tmp_path / "list.opml"))
    reader("import-newsboat", str(tmp_path / "urls"))
    assert "HTTP 500 Bad" in reader("refresh")  # the reason phrase, cleaned, is still said
    assert "HTTP 500 Bad" in reader("feeds")
    reader("feeds", "--json")
    listing = reader("list")
    reader("list", "--json")
    ids = [row["id"] for row in json.loads(run_reader("list", "--json", data_dir=data).stdout)]
    assert len(ids) >= 8, reader("feeds") + reader("list")
    for article_id in ids:
        reader("show", str(article_id))
        reader("show", str(article_id), "--json")
        reader("note", str(article_id), "--add", "a note")
        reader("bookmark", str(article_id))
    reader("notes")
    reader("bookmarks")
    reader("search", "Berlin")
    reader("export-notes", "--out", str(tmp_path / "notes"))
    assert "JSON item" in listing and "Front" in listing and "Page" in listing

    with Store.open(data) as store:
        for source in store.sources.all():
            for value in (source.title, source.url, source.last_error or "", *source.tags):
                assert not LINE_BAD.search(value), f"stored source field {value!r}"
        for article_id in ids:
            article = store.articles.get(article_id)
            assert article is not None
            # (guids are what entries match on, never shown raw: they stay as the feed gave)
            for value in (article.title, article.link, article.author):
                assert not LINE_BAD.search(value or ""), f"stored field {value!r}"
            for value in (article.text, article.summary):
                assert not TERMINAL_BAD.search(value), f"stored body {value!r}"
    exported = "".join(p.read_text("utf-8") for p in (tmp_path / "notes").glob("*.md"))
    assert exported and not LINE_BAD.search(exported.replace("\n", ""))


def test_newsboat_title_and_tags_are_cleaned(tmp_path: Path) -> None:
    from reader.sources.newsboat import read_urls

    listing = read_urls(f'http://e.example/f "~Evil{EVIL}" "tag\x1b[31mred" {EVIL}\n')
    (sub,) = listing.subscriptions
    assert sub.title == "Eviltxt.exe"
    assert sub.tags == ["tagred", "txt.exe"]


def test_the_output_path_cannot_emit_a_control_character(capsys: object) -> None:
    from reader.cli import output

    with output.safe_streams():
        print(f"raw print {EVIL}")
        output.say(f"say {EVIL}")
        output.error(f"error {EVIL}")
        output.print_json({"title": EVIL})
    captured = capsys.readouterr()  # type: ignore[attr-defined]
    _no_bad_bytes(captured.out + captured.err, "the output path")
    assert json.loads(captured.out.split("\n", 2)[2])["title"] == EVIL  # JSON keeps the data


def test_text_stored_before_the_cleaner_is_cleaned_once(tmp_path: Path) -> None:
    """A database written by an older reader holds escapes in links, titles, errors and
    tags: the v7 migration cleans them as entry cleans them now."""
    from reader.locations import database_file
    from reader.storage.connection import connect
    from reader.storage.migrations import migrate

    data = tmp_path / "old"
    db = connect(database_file(data))
    migrate(db, target=6)
    db.execute(
        "INSERT INTO sources (kind, url, title, created, last_error)"
        " VALUES ('feed', 'http://e.example/f', ?, 'now', ?)",
        (f"Feed {EVIL}", f"HTTP 500 Bad{EVIL}"),
    )
    db.execute("INSERT INTO source_tags (source_id, tag) VALUES (1, ?), (1, 'tag')", (f"tag{EVIL}",))
    db.execute(
        "INSERT INTO articles (source_id, dedup_key, title, author, link, text, sort_time,"
        " content_hash, first_seen) VALUES (1, 'guid:a', ?, ?, ?, 'Body', 0, 'h', 'now')",
        (f"Title {EVIL}", f"Eve {EVIL}", f"http://e.example/a{EVIL}"),
    )
    db.close()
    with Store.open(data) as store:
        (source,) = store.sources.all()
        article = store.articles.get(1)
        assert article is not None
        assert (article.title, article.author, article.link) == (
            "Title txt.exe",
            "Eve txt.exe",
            "http://e.example/atxt.exe",
        )
        assert (source.title, source.last_error, source.tags) == (
            "Feed txt.exe",
            "HTTP 500 Badtxt.exe",
            ["tag", "tagtxt.exe"],
        )
