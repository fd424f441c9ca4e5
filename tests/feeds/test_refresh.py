"""The refresh engine against a real server: formats, conditional GET, redirects, failures,
limits; every case checks what is stored and that nothing stored before is lost."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from reader.config import FetchConfig
from reader.feeds.refresh import Refresher, RefreshSummary
from reader.storage import ArticleFilter, Store
from tests.conftest import run_reader
from tests.feedserver import FeedServer, Reply, rss

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.org/"><title>RSS one</title><link>http://example.org/</link>
<description>d</description></channel>
<item rdf:about="http://example.org/r1"><title>Dam opens in Laos</title>
<link>http://example.org/r1</link><description>The dam opened on Monday.</description>
<dc:date>2024-03-04T09:00:00Z</dc:date></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title><id>urn:a</id>
<updated>2024-03-05T10:00:00Z</updated>
<entry><id>urn:a:1</id><title>Port strike ends</title><updated>2024-03-05T10:00:00Z</updated>
<link href="http://example.org/a1"/><content type="html">&lt;p&gt;Dockers in &lt;b&gt;Rotterdam&lt;/b&gt;
returned.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content></entry></feed>"""

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON news",
        "items": [
            {
                "id": "j1",
                "url": "http://example.org/j1",
                "title": "Rail link approved",
                "content_text": "The rail link to Tallinn was approved on Friday.",
                "date_published": "2024-03-01T08:00:00Z",
            }
        ],
    }
).encode()


def fast_settings(**overrides: object) -> FetchConfig:
    settings = FetchConfig(timeout=2.0, max_size=1_000_000)
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


def refresh(store: Store, settings: FetchConfig | None = None) -> RefreshSummary:
    return Refresher(store, settings or fast_settings(), force=True).run(store.sources.all())


def subscribe(store: Store, url: str) -> int:
    return store.sources.add("feed", url).id


def titles(store: Store) -> set[str]:
    return {row.title for row in store.articles.rows()}


def test_every_format_is_read(store: Store, feed_server: FeedServer) -> None:
    subscribe(
        store, feed_server.serve("/rss2", Reply(body=rss("R2", [("g1", "Budget passes", "Text")])))
    )
    subscribe(store, feed_server.serve("/rss1", Reply(body=RSS1)))
    subscribe(store, feed_server.serve("/atom", Reply(body=ATOM)))
    subscribe(store, feed_server.serve("/json", Reply(body=JSON_FEED)))
    summary = refresh(store)
    assert summary.line() == "4 refreshed, 4 new articles, 0 not modified, 0 failed"
    assert titles(store) == {
        "Budget passes",
        "Dam opens in Laos",
        "Port strike ends",
        "Rail link approved",
    }
    atom = next(r for r in store.articles.rows() if r.title == "Port strike ends")
    text = store.articles.get(atom.id).text  # type: ignore[union-attr]
    assert "Rotterdam" in text and "alert" not in text
    assert {s.title for s in store.sources.all()} == {"R2", "RSS one", "Atom news", "JSON news"}


def test_conditional_get_answers_304_and_adds_nothing(
    store: Store, feed_server: FeedServer
) -> None:
    body = rss("C", [("g1", "One", "x")])

    def conditional(headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(304)
        return Reply(
            body=body, headers={"ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT"}
        )

    subscribe(store, feed_server.serve("/c", conditional))
    refresh(store)
    second = refresh(store)
    assert second.line() == "0 refreshed, 0 new articles, 1 not modified, 0 failed"
    assert feed_server.statuses("/c") == [200, 304]
    request_headers = feed_server.log[-1][2]
    assert request_headers["if-modified-since"] == "Tue, 05 Mar 2024 10:00:00 GMT"
    assert request_headers["user-agent"].startswith("reader/")


def test_permanent_redirect_updates_the_url_temporary_does_not(
    store: Store, feed_server: FeedServer
) -> None:
    feed_server.serve("/new", Reply(body=rss("N", [("g", "Moved", "x")])))
    permanent = subscribe(
        store, feed_server.serve("/old", Reply(301, headers={"Location": "/new"}))
    )
    feed_server.serve("/new2", Reply(body=rss("N2", [("g2", "Moved too", "x")])))
    temporary = subscribe(
        store, feed_server.serve("/tmp", Reply(302, headers={"Location": "/new2"}))
    )
    assert refresh(store).failed == []
    assert store.sources.get(permanent).url == feed_server.url("/new")  # type: ignore[union-attr]
    assert store.sources.get(temporary).url == feed_server.url("/tmp")  # type: ignore[union-attr]


def test_redirect_loop_and_too_many_redirects(store: Store, feed_server: FeedServer) -> None:
    subscribe(store, feed_server.serve("/loop-a", Reply(302, headers={"Location": "/loop-b"})))
    feed_server.serve("/loop-b", Reply(302, headers={"Location": "/loop-a"}))
    for hop in range(7):
        feed_server.serve(f"/hop{hop}", Reply(302, headers={"Location": f"/hop{hop + 1}"}))
    subscribe(store, feed_server.url("/hop0"))
    messages = sorted(o.message for o in refresh(store).failed)
    assert messages == [
        "redirect loop at " + feed_server.url("/loop-a"),
        "too many redirects (more than 5)",
    ]


def test_http_errors_keep_what_was_stored(store: Store, feed_server: FeedServer) -> None:
    answers = iter([Reply(body=rss("E", [("g", "Kept", "x")])), Reply(500), Reply(404)])
    source = subscribe(store, feed_server.serve("/e", lambda _h: next(answers)))
    refresh(store)
    for expected in ("HTTP 500", "HTTP 404"):
        (failed,) = refresh(store).failed
        assert failed.message.startswith(expected)
        assert titles(store) == {"Kept"}
    stored = store.sources.get(source)
    assert (
        stored is not None and stored.error_count == 2 and stored.last_error.startswith("HTTP 404")
    )  # type: ignore[union-attr]


def test_retry_after_is_honoured(store: Store, feed_server: FeedServer) -> None:
    subscribe(store, feed_server.serve("/busy", Reply(429, headers={"Retry-After": "3600"})))
    (failed,) = refresh(store).failed
    assert "429" in failed.message and "retry after" in failed.message
    waiting = Refresher(store, fast_settings()).run(store.sources.all())
    assert waiting.count("waiting") == 1 and feed_server.statuses("/busy") == [429]


def test_slow_server_times_out(store: Store, feed_server: FeedServer) -> None:
    subscribe(store, feed_server.serve("/slow", Reply(body=rss("S", []), delay=3)))
    started = time.monotonic()
    (failed,) = refresh(store, fast_settings(timeout=0.5)).failed
    assert failed.message == "timed out after 0.5 s"
    assert time.monotonic() - started < 3


def test_endless_response_stops_at_the_cap(store: Store, feed_server: FeedServer) -> None:
    subscribe(store, feed_server.serve("/endless", Reply(endless=True)))
    (failed,) = refresh(store, fast_settings(max_size=300_000)).failed
    assert failed.message.startswith("response too large")


def test_gzip_bomb_stops_at_the_cap(store: Store, feed_server: FeedServer) -> None:
    bomb = gzip.compress(b"<rss>" + b" " * 50_000_000)
    assert len(bomb) < 100_000
    subscribe(
        store, feed_server.serve("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    )
    (failed,) = refresh(store, fast_settings(max_size=1_000_000)).failed
    assert "after decompression" in failed.message


def test_invalid_utf8_and_control_characters(store: Store, feed_server: FeedServer) -> None:
    body = rss("Bad bytes", [("g", "Caf\xe9 &amp; bar \x1b[31mred", "Text \x07 here")])
    body = body.replace("Caf\xe9".encode(), b"Caf\xe9")  # a Latin-1 byte inside a UTF-8 document
    subscribe(store, feed_server.serve("/bad", Reply(body=body)))
    summary = refresh(store)
    assert summary.failed == []
    (row,) = store.articles.rows()
    assert "\x1b" not in row.title and "& bar" in row.title
    assert "\x07" not in store.articles.get(row.id).text  # type: ignore[union-attr]


def test_not_a_feed_is_a_clear_failure(store: Store, feed_server: FeedServer) -> None:
    subscribe(store, feed_server.serve("/junk", Reply(body=b"\x00\x01 not xml at all")))
    (failed,) = refresh(store).failed
    assert failed.message


def test_entry_update_keeps_read_state_bookmark_and_notes(
    store: Store, feed_server: FeedServer
) -> None:
    versions = iter(
        [rss("U", [("g", "First", "old")]), rss("U", [("g", "First (updated)", "new")])]
    )
    subscribe(store, feed_server.serve("/u", lambda _h: Reply(body=next(versions))))
    refresh(store)
    (row,) = store.articles.rows()
    store.articles.set_read([row.id], True)
    store.bookmarks.add(row.id)
    store.notes.add(row.id, "mine")
    refresh(store)
    article = store.articles.get(row.id)
    assert article is not None and article.title == "First (updated)" and "new" in article.text
    assert article.is_read and article.bookmarked and article.note_count == 1


def test_cli_summary_and_exit_status(data_dir: Path, feed_server: FeedServer) -> None:
    good = feed_server.serve("/ok", Reply(body=rss("OK", [("g", "Fine", "x")])))
    assert run_reader("add", good, data_dir=data_dir).returncode == 0
    added_dead = run_reader("add", "http://127.0.0.1:9/dead.xml", data_dir=data_dir)
    assert added_dead.returncode == 0 and "subscribed anyway" in added_dead.stdout
    result = run_reader("refresh", data_dir=data_dir)
    assert result.returncode == 1
    assert "1 refreshed, 1 new article, 0 not modified, 1 failed" in result.stdout
    assert "failed: http://127.0.0.1:9/dead.xml" in result.stderr and "refused" in result.stderr
    feeds = json.loads(run_reader("feeds", "--json", data_dir=data_dir).stdout)
    dead = next(f for f in feeds if f["url"].endswith("dead.xml"))
    assert dead["failures"] == 1 and "refused" in dead["last_error"]
    assert len(json.loads(run_reader("list", "--json", data_dir=data_dir).stdout)) == 1


def test_only_http_and_https(data_dir: Path) -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/feed", "javascript:alert(1)"):
        result = run_reader("add", url, data_dir=data_dir)
        assert result.returncode == 1 and "only http and https" in result.stderr


@pytest.mark.parametrize("pages", [1, 2])
def test_add_discovers_the_feed_of_a_page(
    data_dir: Path, feed_server: FeedServer, pages: int
) -> None:
    feed_server.serve("/feed.xml", Reply(body=rss("Site feed", [("g", "Hello", "x")])))
    links = '<link rel="alternate" type="application/rss+xml" title="Main" href="/feed.xml">'
    if pages == 2:
        links += '<link rel="alternate" type="application/atom+xml" href="/other.xml">'
    page = feed_server.serve(
        "/",
        Reply(
            body=f"<html><head>{links}</head><body>Hi</body></html>".encode(),
            headers={"Content-Type": "text/html"},
        ),
    )
    result = run_reader("add", page, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "found the feed " + feed_server.url("/feed.xml") in result.stdout
    assert ("the first of 2" in result.stdout) == (pages == 2)
    feeds = json.loads(run_reader("feeds", "--json", data_dir=data_dir).stdout)
    assert [f["url"] for f in feeds] == [feed_server.url("/feed.xml")]


def test_fetch_article_stores_the_page_text(data_dir: Path, feed_server: FeedServer) -> None:
    paragraph = (
        "The harbour authority in Gdansk said on Monday that the new terminal will open in May. "
        * 6
    )
    page = f"<html><head><title>Terminal</title></head><body><nav>Home | World</nav><article><h1>Terminal opens</h1><p>{paragraph}</p><p>{paragraph}</p></article><footer>Share</footer></body></html>"
    feed_server.serve(
        "/story", Reply(body=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"})
    )
    item = f"<item><guid>s</guid><title>Terminal opens</title><link>{feed_server.url('/story')}</link><description>Short.</description></item>"
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{item}</channel></rss>'
    )
    run_reader("add", feed_server.serve("/f", Reply(body=feed.encode())), data_dir=data_dir)
    run_reader("refresh", data_dir=data_dir)
    (row,) = json.loads(run_reader("list", "--json", data_dir=data_dir).stdout)
    result = run_reader("fetch-article", str(row["id"]), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    text = json.loads(run_reader("show", "--json", str(row["id"]), data_dir=data_dir).stdout)[
        "text"
    ]
    assert "harbour authority in Gdansk" in text and "Home | World" not in text


def test_concurrent_refresh_counts(store: Store, feed_server: FeedServer) -> None:
    for index in range(12):
        items = [(f"f{index}-{n}", f"Story {index}-{n}", "x") for n in range(5)]
        subscribe(store, feed_server.serve(f"/many{index}", Reply(body=rss(f"M{index}", items))))
    summary = refresh(store, fast_settings(concurrency=4))
    assert summary.new == 60 and store.articles.count(ArticleFilter()) == 60


def test_keep_days_drops_old_entries_but_never_kept_ones(
    store: Store, feed_server: FeedServer
) -> None:
    from datetime import UTC, datetime, timedelta

    from reader.feeds.refresh import clean_up

    recent = (datetime.now(UTC) - timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = rss("K", [("old", "Old story", "x"), ("kept", "Old but noted", "x")]).replace(
        b"</channel>",
        f"<item><guid>new</guid><title>New story</title><pubDate>{recent}</pubDate></item></channel>".encode(),
    )
    subscribe(store, feed_server.serve("/k", Reply(body=body)))
    refresh(store)  # keeps everything
    noted = next(r.id for r in store.articles.rows() if r.title == "Old but noted")
    store.notes.add(noted, "keep this")
    assert clean_up(store, 30) == 1
    assert titles(store) == {"New story", "Old but noted"}
    Refresher(store, fast_settings(), force=True, keep_days=30).run(store.sources.all())
    assert titles(store) == {"New story", "Old but noted"}  # the old entry does not come back
