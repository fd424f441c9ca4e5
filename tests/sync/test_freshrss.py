"""reader sync against a real FreshRSS (../shared/freshrss/serve) through the Google Reader API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from reader.storage import Store
from tests.conftest import SHARED, run_reader
from tests.feedserver import FeedServer, Reply, rss

SERVE = SHARED / "freshrss" / "serve"


@dataclass
class FreshRSS:
    api: str
    auth: str

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"GoogleLogin auth={self.auth}"}

    def get(self, path: str, **params: object) -> dict:  # type: ignore[type-arg]
        answer = httpx.get(
            f"{self.api}/reader/api/0/{path}",
            params={**params, "output": "json"},
            headers=self._headers(),
        )
        return answer.json()  # type: ignore[no-any-return]

    def post(self, path: str, data: dict[str, object]) -> str:
        token = httpx.get(f"{self.api}/reader/api/0/token", headers=self._headers()).text.strip()
        return httpx.post(
            f"{self.api}/reader/api/0/{path}", data={**data, "T": token}, headers=self._headers()
        ).text

    def subscribe(self, url: str) -> str:
        answer = self.post("subscription/quickadd", {"quickadd": url})
        assert '"numResults":1' in answer, answer
        return answer

    def ids(self, stream: str, exclude: str | None = None) -> list[str]:
        params: dict[str, object] = {"s": stream, "n": 1000}
        if exclude:
            params["xt"] = exclude
        return [ref["id"] for ref in self.get("stream/items/ids", **params).get("itemRefs") or []]


READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
ALL = "user/-/state/com.google/reading-list"


@pytest.fixture
def freshrss() -> Iterator[FreshRSS]:
    if not SERVE.exists():
        pytest.skip("../shared/freshrss is not here (a fresh clone outside CI)")
    started = subprocess.run([str(SERVE)], capture_output=True, text=True, timeout=600)
    if started.returncode == 3 and not os.environ.get("CI"):
        pytest.skip(f"FreshRSS needs PHP: {started.stderr.strip()[-200:]}")
    assert started.returncode == 0, started.stderr[-500:]
    info = json.loads(started.stdout)
    try:
        login = httpx.post(
            f"{info['greader']}/accounts/ClientLogin",
            data={"Email": info["user"], "Passwd": info["api_password"]},
        )
        auth = next(line[5:] for line in login.text.splitlines() if line.startswith("Auth="))
        yield FreshRSS(info["greader"], auth)
    finally:
        os.kill(info["pid"], signal.SIGTERM)


def write_config(path: Path, api: str, password: str = "reader-api") -> Path:
    path.write_text(
        f'[sync]\nservice = "greader"\nurl = "{api}"\nuser = "reader"\npassword = "{password}"\n',
        encoding="utf-8",
    )
    return path


def serve_feeds(server: FeedServer, count: int, items: int) -> list[str]:
    return [
        server.serve(
            f"/feed{n}.xml",
            Reply(
                headers={"Content-Type": "application/rss+xml"},
                body=rss(
                    f"Feed {n}",
                    [(f"f{n}-{i}", f"Story {n}-{i}", f"Text {i}.") for i in range(items)],
                ),
            ),
        )
        for n in range(count)
    ]


def sync(data_dir: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_reader("--config", str(config), "sync", *args, data_dir=data_dir)


def test_first_sync_brings_feeds_articles_and_read_state(
    freshrss: FreshRSS, feed_server: FeedServer, tmp_path: Path, data_dir: Path
) -> None:
    for url in serve_feeds(feed_server, 2, 3):
        freshrss.subscribe(url)
    first = freshrss.ids(ALL)[0]
    freshrss.post("edit-tag", {"i": first, "a": READ})
    config = write_config(tmp_path / "config.toml", freshrss.api)
    done = sync(data_dir, config)
    assert done.returncode == 0, done.stderr
    assert "6 new articles" in done.stdout
    with Store.open(data_dir) as store:
        assert store.articles.count() == 6
        assert len(store.articles.ids(store_filter(unread=True))) == 5
        assert sorted(s.title for s in store.sources.all()) == ["Feed 0", "Feed 1"]


def store_filter(unread: bool = False):  # type: ignore[no-untyped-def]
    from reader.storage import ArticleFilter

    return ArticleFilter(unread_only=unread)


def test_local_changes_go_up_once_and_a_second_sync_changes_nothing(
    freshrss: FreshRSS, feed_server: FeedServer, tmp_path: Path, data_dir: Path
) -> None:
    for url in serve_feeds(feed_server, 1, 4):
        freshrss.subscribe(url)
    config = write_config(tmp_path / "config.toml", freshrss.api)
    assert sync(data_dir, config).returncode == 0
    with Store.open(data_dir) as store:
        starred_one, read_one = store.articles.ids()[:2]
    assert run_reader("bookmark", str(starred_one), data_dir=data_dir).returncode == 0
    with Store.open(data_dir) as store:
        store.articles.set_read([read_one], True)
    second = sync(data_dir, config, "--json")
    assert json.loads(second.stdout)["sent"] == 2, second.stdout + second.stderr
    assert len(freshrss.ids(STARRED)) == 1
    assert len(freshrss.ids(ALL, exclude=READ)) == 3
    third = json.loads(sync(data_dir, config, "--json").stdout)
    assert (third["sent"], third["new"], third["read_changed"], third["starred_changed"]) == (
        0,
        0,
        0,
        0,
    )
    with Store.open(data_dir) as store:  # the server's answer did not undo the local changes
        assert store.articles.get(starred_one).bookmarked  # type: ignore[union-attr]
        assert store.articles.get(read_one).is_read  # type: ignore[union-attr]


def test_a_change_made_offline_waits_for_the_next_sync(
    freshrss: FreshRSS, feed_server: FeedServer, tmp_path: Path, data_dir: Path
) -> None:
    for url in serve_feeds(feed_server, 1, 2):
        freshrss.subscribe(url)
    config = write_config(tmp_path / "config.toml", freshrss.api)
    assert sync(data_dir, config).returncode == 0
    with Store.open(data_dir) as store:
        article = store.articles.ids()[0]
        store.bookmarks.add(article)
    down = write_config(tmp_path / "down.toml", "http://127.0.0.1:9/api/greader.php")
    failed = sync(data_dir, down)
    assert (
        failed.returncode == 1
        and "sync failed" in failed.stderr
        and "Traceback" not in failed.stderr
    )
    assert freshrss.ids(STARRED) == []
    again = sync(data_dir, config, "--json")
    assert json.loads(again.stdout)["sent"] == 1
    assert len(freshrss.ids(STARRED)) == 1


def test_a_wrong_password_is_refused_and_loses_nothing(
    freshrss: FreshRSS, feed_server: FeedServer, tmp_path: Path, data_dir: Path
) -> None:
    for url in serve_feeds(feed_server, 1, 2):
        freshrss.subscribe(url)
    assert sync(data_dir, write_config(tmp_path / "good.toml", freshrss.api)).returncode == 0
    refused = sync(data_dir, write_config(tmp_path / "bad.toml", freshrss.api, "wrong"))
    assert refused.returncode == 1
    assert "login refused" in refused.stderr and "Traceback" not in refused.stderr
    with Store.open(data_dir) as store:
        assert store.articles.count() == 2


def test_articles_fetched_before_the_sync_are_not_duplicated(
    freshrss: FreshRSS, feed_server: FeedServer, tmp_path: Path, data_dir: Path
) -> None:
    (url,) = serve_feeds(feed_server, 1, 3)
    assert run_reader("add", url, data_dir=data_dir).returncode == 0
    assert run_reader("refresh", data_dir=data_dir).returncode == 0
    freshrss.subscribe(url)
    done = sync(data_dir, write_config(tmp_path / "config.toml", freshrss.api), "--json")
    assert json.loads(done.stdout)["linked"] == 3, done.stdout
    with Store.open(data_dir) as store:
        assert store.articles.count() == 3
        assert len(store.sources.all()) == 1


def test_refresh_syncs_when_a_server_is_set(
    freshrss: FreshRSS, feed_server: FeedServer, tmp_path: Path, data_dir: Path
) -> None:
    for url in serve_feeds(feed_server, 1, 2):
        freshrss.subscribe(url)
    done = run_reader(
        "--config",
        str(write_config(tmp_path / "c.toml", freshrss.api)),
        "refresh",
        data_dir=data_dir,
    )
    assert done.returncode == 0 and "synced:" in done.stdout, done.stdout + done.stderr
