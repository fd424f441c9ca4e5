import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from reader.locations import database_file
from reader.models import ArticleDraft
from reader.storage import ArticleFilter, StorageError, Store
from reader.storage.connection import connect
from reader.storage.migrations import LATEST_VERSION, migrate, schema_version


def draft(n: int, **extra: str) -> ArticleDraft:
    fields = {
        "title": f"Title {n}",
        "text": f"Body number {n} about Lisbon.",
        "guid": f"g{n}",
        "published": f"2024-01-{n % 28 + 1:02d}",
    }
    fields.update(extra)
    return ArticleDraft(**fields)  # type: ignore[arg-type]


def test_fresh_database_is_at_latest_version_in_wal_mode(store: Store) -> None:
    assert schema_version(store.db) == LATEST_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_each_version_upgrades_without_losing_data(data_dir: Path) -> None:
    """A database made at every older version opens under the latest with its rows intact."""
    for old in range(1, LATEST_VERSION):
        path = data_dir / f"v{old}"
        db = connect(database_file(path))
        migrate(db, target=old)
        db.execute(
            "INSERT INTO sources (kind, url, title, created) VALUES ('local', 'local:x', 'X', 'now')"
        )
        db.execute(
            "INSERT INTO articles (source_id, dedup_key, title, text, sort_time, content_hash,"
            " first_seen, is_read) VALUES (1, 'guid:a', 'Kept title', 'Kept body', 0, 'h', 'now', 1)"
        )
        db.close()
        with Store.open(path) as store:
            assert schema_version(store.db) == LATEST_VERSION
            article = store.articles.get(1)
            assert article is not None
            assert (article.title, article.text, article.is_read) == (
                "Kept title",
                "Kept body",
                True,
            )
            assert [row.id for row in store.articles.search("kept")] == [1]


def test_newer_schema_is_refused_with_a_message(data_dir: Path) -> None:
    db = connect(database_file(data_dir))
    db.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    db.close()
    with pytest.raises(StorageError, match="newer than this reader knows"):
        Store.open(data_dir)


def test_garbage_file_is_refused_with_a_message(data_dir: Path) -> None:
    database_file(data_dir).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="reader.db"):
        Store.open(data_dir)


def test_dedup_by_guid_then_link_then_content(store: Store) -> None:
    source = store.sources.local(None)
    first = store.articles.upsert_many(
        source.id,
        [
            draft(1),
            draft(2, guid="", link="http://x/2"),
            draft(3, guid=""),
        ],
    )
    again = store.articles.upsert_many(
        source.id,
        [
            draft(1),
            draft(2, guid="", link="http://x/2"),
            draft(3, guid=""),
        ],
    )
    assert [r.status for r in first] == ["new"] * 3
    assert [r.status for r in again] == ["unchanged"] * 3
    assert store.articles.count() == 3


def test_update_keeps_read_state_bookmark_and_notes(store: Store) -> None:
    source = store.sources.local(None)
    (result,) = store.articles.upsert_many(source.id, [draft(1)])
    store.articles.set_read([result.id], True)
    store.bookmarks.add(result.id)
    store.notes.add(result.id, "my note")
    (updated,) = store.articles.upsert_many(source.id, [draft(1, text="New body about Porto.")])
    assert updated == result.__class__(result.id, "updated")
    article = store.articles.get(result.id)
    assert article is not None
    assert article.text == "New body about Porto."
    assert article.is_read and article.bookmarked and article.note_count == 1
    assert [r.id for r in store.articles.search("porto")] == [result.id]
    assert store.articles.search("lisbon") == []


def test_cleanup_never_deletes_bookmarked_or_noted(store: Store) -> None:
    source = store.sources.local(None)
    ids = [r.id for r in store.articles.upsert_many(source.id, [draft(n) for n in range(1, 5)])]
    store.bookmarks.add(ids[0])
    store.notes.add(ids[1], "keep me")
    removed = store.articles.delete_older_than("9999-01-01")
    assert removed == 2
    assert sorted(store.articles.ids()) == sorted(ids[:2])


def test_removing_a_source_with_kept_articles_is_refused(store: Store) -> None:
    source = store.sources.local(None)
    (result,) = store.articles.upsert_many(source.id, [draft(1)])
    store.bookmarks.add(result.id)
    with pytest.raises(sqlite3.IntegrityError):
        store.sources.remove(source.id)
    assert store.articles.get(result.id) is not None


def test_search_is_ranked_and_safe_with_fts_syntax(store: Store) -> None:
    source = store.sources.local(None)
    store.articles.upsert_many(
        source.id,
        [
            draft(1, title="Budget talks", text="Nothing about the harbour."),
            draft(2, title="Harbour bridge approved", text="The harbour bridge will cost money."),
            draft(3, title="Weather", text="Rain."),
        ],
    )
    assert [r.title for r in store.articles.search("harbour")][0] == "Harbour bridge approved"
    assert store.articles.search('"unbalanced AND (NEAR') == []
    assert store.articles.search("") == []
    assert [r.title for r in store.articles.search("harb")][0] == "Harbour bridge approved"


def test_filters(store: Store) -> None:
    a = store.sources.add("feed", "http://a/feed", "A", tags=["news"])
    b = store.sources.local("B")
    ids_a = [r.id for r in store.articles.upsert_many(a.id, [draft(1), draft(2)])]
    ids_b = [r.id for r in store.articles.upsert_many(b.id, [draft(3)])]
    store.articles.set_read([ids_a[0]], True)
    store.bookmarks.add(ids_b[0])
    assert store.articles.count(ArticleFilter(tag="news")) == 2
    assert store.articles.ids(ArticleFilter(unread_only=True, source_id=a.id)) == [ids_a[1]]
    assert store.articles.ids(ArticleFilter(bookmarked=True)) == ids_b
    assert [s.unread_count for s in store.sources.all()] == [1, 1]


def _write_many(data_dir: str, worker: int, count: int) -> None:
    with Store.open(Path(data_dir)) as store:
        source = store.sources.local(f"writer {worker}")
        for n in range(count):
            store.articles.upsert_many(source.id, [draft(n, guid=f"w{worker}-{n}")])
            store.notes.add(1, f"note {worker}-{n}") if n == 0 and worker == 0 else None


def test_two_processes_writing_at_once_do_not_corrupt(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.articles.upsert_many(store.sources.local(None).id, [draft(0, guid="base")])
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(str(data_dir), w, 150)) for w in range(2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    with Store.open(data_dir) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.articles.count() == 301
        assert store.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 301
