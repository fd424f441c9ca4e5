"""OPML and newsboat lists in and out."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from reader.sources.newsboat import read_urls
from reader.sources.opml import OPMLError, Subscription, read_opml, write_opml
from tests.conftest import run_reader
from tests.feedserver import FeedServer, Reply, rss

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<opml version="2.0"><body><outline text="&lol4;" xmlUrl="http://a/x"/></body></opml>"""


def test_opml_round_trip_keeps_subscriptions_and_tags() -> None:
    subscriptions = [
        Subscription("https://a.example/feed", 'A: "quoted" & <b>', ["news", "world"]),
        Subscription("https://b.example/rss", "B", []),
        Subscription("https://c.example/atom", "", ["tech"]),
    ]
    back = read_opml(write_opml(subscriptions))
    merged: dict[str, Subscription] = {}
    for sub in back:
        if sub.url in merged:
            merged[sub.url].tags = sorted(set(merged[sub.url].tags) | set(sub.tags))
        else:
            merged[sub.url] = sub
    assert {s.url: (s.tags) for s in merged.values()} == {s.url: s.tags for s in subscriptions}
    assert merged["https://a.example/feed"].title == 'A: "quoted" & <b>'


def test_billion_laughs_is_one_line_error() -> None:
    started = time.monotonic()
    with pytest.raises(OPMLError, match="refused, the file declares XML entities"):
        read_opml(BILLION_LAUGHS, "evil.opml")
    assert time.monotonic() - started < 1


def test_not_opml() -> None:
    with pytest.raises(OPMLError, match="not well-formed"):
        read_opml(b"<opml><body>", "broken.opml")


def test_newsboat_urls_file() -> None:
    listing = read_urls(
        "# my feeds\n"
        'https://a.example/feed news "world news" "~Alpha Times"\n'
        "http://b.example/rss\n"
        '"query:Unread:unread = \\"yes\\""\n'
        "exec:~/bin/feed.sh\n"
        "filter:~/f.sh:https://c.example/x\n"
        "gopher://old.example/\n"
    )
    assert [(s.url, s.title, s.tags) for s in listing.subscriptions] == [
        ("https://a.example/feed", "Alpha Times", ["news", "world news"]),
        ("http://b.example/rss", "", []),
    ]
    assert [number for number, _, _ in listing.skipped] == [4, 5, 6, 7]


def test_cli_import_export_opml_and_newsboat(data_dir: Path, tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    opml.write_bytes(write_opml([Subscription("https://a.example/feed", "A", ["news"])]))
    assert run_reader("import-opml", str(opml), data_dir=data_dir).returncode == 0
    urls = tmp_path / "urls"
    urls.write_text('https://b.example/rss tech "~Bee"\nexec:foo\nfile:///etc/passwd\n')
    result = run_reader("import-newsboat", str(urls), data_dir=data_dir)
    assert result.returncode == 0
    assert "skipped 'exec:foo'" in result.stderr and "file:///etc/passwd" in result.stderr
    out = tmp_path / "out.opml"
    assert run_reader("export-opml", str(out), data_dir=data_dir).returncode == 0
    again = {(s.url, s.title, tuple(s.tags)) for s in read_opml(out.read_bytes())}
    assert again == {
        ("https://a.example/feed", "A", ("news",)),
        ("https://b.example/rss", "Bee", ("tech",)),
    }
    evil = tmp_path / "evil.opml"
    evil.write_bytes(BILLION_LAUGHS)
    refused = run_reader("import-opml", str(evil), data_dir=data_dir)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    feeds = json.loads(run_reader("feeds", "--json", data_dir=data_dir).stdout)
    assert len(feeds) == 2


def test_remove_refuses_to_lose_kept_articles(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nBody.\n")
    run_reader("import", str(path), data_dir=data_dir)
    run_reader("note", "1", "--add", "keep me", data_dir=data_dir)
    result = run_reader("remove", "1", data_dir=data_dir)
    assert result.returncode == 1 and "bookmarked or noted" in result.stderr
    assert (
        json.loads(run_reader("notes", "--json", data_dir=data_dir).stdout)[0]["body"] == "keep me"
    )


def test_re_adding_a_feed_names_it_and_keeps_its_title(
    data_dir: Path, feed_server: FeedServer
) -> None:
    feed = feed_server.serve("/feed.xml", Reply(body=rss("The Real Title", [("a", "A", "B")])))
    moved = feed_server.serve("/moved", Reply(301, headers={"Location": "/feed.xml"}))
    first = run_reader("add", feed, data_dir=data_dir)
    assert first.returncode == 0 and first.stdout.startswith("Subscribed 1"), first.stdout
    again = run_reader("add", moved, "--title", "Other name", data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    assert "Already subscribed as 1" in again.stdout, again.stdout
    listed = json.loads(run_reader("feeds", "--json", data_dir=data_dir).stdout)
    assert [(s["id"], s["title"]) for s in listed] == [(1, "The Real Title")]


def test_json_feed_items_with_a_url_and_no_id_are_read() -> None:
    from reader.sources.feedparse import parse_feed

    document = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Only urls",
            "items": [
                {"url": "https://x.example/one", "title": "One", "content_text": "First."},
                {"url": "https://x.example/two", "title": "Two", "content_text": "Second."},
            ],
        }
    ).encode()
    parsed = parse_feed(document, {"content-type": "application/feed+json"}, "https://x.example/")
    assert [(e.guid, e.title) for e in parsed.entries] == [
        ("https://x.example/one", "One"),
        ("https://x.example/two", "Two"),
    ]
    assert parsed.warning is None
