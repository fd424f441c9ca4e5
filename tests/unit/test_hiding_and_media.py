"""Ignore rules hide without deleting; enclosures are stored with their article."""

from __future__ import annotations

from pathlib import Path

from reader.export.selection import ExportChoice, chosen_articles
from reader.feeds.media import command_for, describe, playable
from reader.locations import database_file
from reader.models import ArticleDraft, Enclosure
from reader.query import parse
from reader.sources.feedparse import parse_feed
from reader.storage import ArticleFilter, Store
from reader.storage.connection import connect
from reader.storage.migrations import migrate


def stock(store: Store) -> tuple[int, int]:
    kept = store.sources.add("feed", "http://example.org/a", "Kept", ["alpha"])
    hidden = store.sources.add("feed", "http://example.org/b", "Hidden", ["beta"])
    store.articles.upsert_many(
        kept.id, [ArticleDraft(f"A{n}", "text", guid=f"a{n}") for n in range(3)]
    )
    store.articles.upsert_many(
        hidden.id, [ArticleDraft(f"B{n}", "text", guid=f"b{n}") for n in range(2)]
    )
    return kept.id, hidden.id


def test_ignore_rules_hide_from_lists_counts_and_exports_and_keep_the_articles(
    store: Store,
) -> None:
    kept, hidden = stock(store)
    hidden_ids = [r.id for r in store.articles.rows(ArticleFilter(source_id=hidden))]
    store.notes.add(hidden_ids[0], "a note on a hidden article")
    store.hide([parse("tag:beta")])
    assert store.articles.count() == 3
    assert len(store.articles.rows()) == 3
    assert store.articles.count(ArticleFilter(hidden=True)) == 2
    assert store.articles.search("text") and all(
        r.source_id == kept for r in store.articles.search("text")
    )
    counts = {s.title: (s.article_count, s.unread_count) for s in store.sources.all()}
    assert counts == {"Kept": (3, 3), "Hidden": (0, 0)}
    assert chosen_articles(store, ExportChoice()) == []
    store.hide([])
    assert store.articles.count() == 5  # nothing was deleted
    assert store.articles.count(ArticleFilter(hidden=True)) == 0
    assert [a.id for a in chosen_articles(store, ExportChoice())] == [hidden_ids[0]]


def test_any_of_several_rules_hides(store: Store) -> None:
    stock(store)
    store.hide([parse("tag:beta"), parse('"A1"')])
    assert sorted(r.title for r in store.articles.rows()) == ["A0", "A2"]


PODCAST = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Cast</title>
<item><guid>e1</guid><title>Episode one</title><description>Talk.</description>
<enclosure url="https://example.org/e1.mp3" type="audio/mpeg" length="12345"/></item>
<item><guid>e2</guid><title>Episode two</title><description>Talk.</description>
<enclosure url="file:///etc/passwd" type="audio/mpeg" length="1"/>
<enclosure url="javascript:alert(1)" type="audio/mpeg"/>
<enclosure url="http://example.org/e2.ogg" type="audio/ogg" length="many"/></item>
</channel></rss>"""


def test_feeds_give_enclosures_and_only_http_ones() -> None:
    entries = parse_feed(PODCAST).entries
    assert entries[0].enclosures == [Enclosure("https://example.org/e1.mp3", "audio/mpeg", 12345)]
    assert entries[1].enclosures == [Enclosure("http://example.org/e2.ogg", "audio/ogg", None)]


def test_json_feed_attachments_are_enclosures() -> None:
    document = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1",'
        b' "content_text": "x", "attachments": [{"url": "https://example.org/a.mp3",'
        b' "mime_type": "audio/mpeg", "size_in_bytes": 99}, {"url": "ftp://x/y"}, 7]}]}'
    )
    (entry,) = parse_feed(document).entries
    assert entry.enclosures == [Enclosure("https://example.org/a.mp3", "audio/mpeg", 99)]


def test_enclosures_are_stored_replaced_and_shown(store: Store) -> None:
    source = store.sources.add("feed", "http://example.org/cast", "Cast")
    first = parse_feed(PODCAST).entries[0]
    (result,) = store.articles.upsert_many(source.id, [first])
    article = store.articles.get(result.id)
    assert article is not None and article.enclosures == first.enclosures
    first.enclosures = [Enclosure("https://example.org/e1-fixed.mp3", "audio/mpeg", 1)]
    store.articles.upsert_many(source.id, [first])
    assert store.articles.enclosures(result.id) == first.enclosures


def test_the_enclosures_migration_keeps_articles(data_dir: Path) -> None:
    db = connect(database_file(data_dir))
    migrate(db, target=6)
    db.execute("INSERT INTO sources (kind, url, title, created) VALUES ('feed', 'u', 'S', 'now')")
    db.execute(
        "INSERT INTO articles (source_id, dedup_key, title, sort_time, content_hash, first_seen)"
        " VALUES (1, 'k', 'T', 0, 'h', 'now')"
    )
    db.commit()
    migrate(db)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM enclosures").fetchone()[0] == 0
    db.close()


def test_media_helpers() -> None:
    assert playable("https://x/a.mp3") and playable("HTTP://x/a.mp3")
    assert not playable("file:///etc/passwd") and not playable("javascript:x")
    assert describe(Enclosure("https://x/a.mp3", "audio/mpeg", 12_300_000)) == (
        "https://x/a.mp3 (audio/mpeg, 12.3 MB)"
    )
    assert command_for("mpv --no-video", "https://x/a") == ["mpv", "--no-video", "https://x/a"]
    assert command_for("vlc '{url}' --play", "https://x/a") == ["vlc", "https://x/a", "--play"]
