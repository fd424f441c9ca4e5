"""Schema versions. `PRAGMA user_version` holds the schema version (not the app version).

Each migration takes the database from version N-1 to N and runs in one transaction. Never edit a
released migration: add the next one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from reader.storage.connection import StorageError, transaction


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Statement by statement: `executescript` would COMMIT the migration's transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise StorageError(f"incomplete SQL in a migration: {statement.strip()[:60]}")


def _v1_sources_and_articles(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('feed', 'local')),
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            etag TEXT,
            last_modified TEXT,
            last_refresh TEXT,
            last_error TEXT,
            error_count INTEGER NOT NULL DEFAULT 0,
            retry_after TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE source_tags (
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (source_id, tag)
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            dedup_key TEXT NOT NULL,
            guid TEXT,
            link TEXT,
            title TEXT NOT NULL DEFAULT '',
            author TEXT,
            published TEXT,
            updated TEXT,
            sort_time REAL NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL,
            is_read INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT NOT NULL,
            UNIQUE (source_id, dedup_key)
        );
        CREATE INDEX articles_by_time ON articles (sort_time DESC, id DESC);
        CREATE INDEX articles_by_source ON articles (source_id, sort_time DESC);
        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            title, text, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """,
    )


def _v2_bookmarks_notes_analyses(db: sqlite3.Connection) -> None:
    # RESTRICT: a clean-up that tried to delete a kept article fails instead of losing notes.
    _run_script(
        db,
        """
        CREATE TABLE bookmarks (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE RESTRICT,
            created TEXT NOT NULL
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
            body TEXT NOT NULL,
            quote_start INTEGER,
            quote_end INTEGER,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        CREATE INDEX notes_by_article ON notes (article_id);
        CREATE TABLE note_drafts (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            note_id INTEGER,
            body TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (article_id)
        );
        CREATE TABLE analyses (
            content_hash TEXT NOT NULL,
            analyser_version TEXT NOT NULL,
            result TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (content_hash, analyser_version)
        );
        CREATE TABLE app_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )


def _v3_exports(db: sqlite3.Connection) -> None:
    # What we last wrote to each exported file, so a file the user edited since is never
    # overwritten silently.
    _run_script(
        db,
        """
        CREATE TABLE exports (
            path TEXT PRIMARY KEY,
            article_id INTEGER,
            digest TEXT NOT NULL,
            exported TEXT NOT NULL
        );
        """,
    )


def _v4_count_indexes(db: sqlite3.Connection) -> None:
    # The sources pane counts unread articles per source at every start: with 100,000 articles
    # these covering indexes take that from ~0.4 s to a few ms.
    _run_script(
        db,
        """
        CREATE INDEX articles_by_source_read ON articles (source_id, is_read);
        CREATE INDEX articles_by_read ON articles (is_read, source_id);
        """,
    )


def _v5_interpreted_analyses(db: sqlite3.Connection) -> None:
    # The finished analysis (entities, times, facts) for one reference date beside the model's
    # output: reopening an article after a restart reads it in well under a millisecond, so
    # text and highlights paint together, with no worker and no second frame.
    _run_script(
        db,
        """
        ALTER TABLE analyses ADD COLUMN interpreted TEXT;
        ALTER TABLE analyses ADD COLUMN interpreted_for TEXT;
        """,
    )


def _v6_sync(db: sqlite3.Connection) -> None:
    # Which server item and feed each article and source is, and the local read and bookmark
    # changes not yet sent. Triggers queue a change wherever it is made (CLI, app, another
    # process), except while a sync applies the server's own state (the app_state flag).
    _run_script(
        db,
        """
        CREATE TABLE sync_items (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            service TEXT NOT NULL,
            remote_id TEXT NOT NULL,
            UNIQUE (service, remote_id)
        );
        CREATE TABLE sync_feeds (
            source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
            service TEXT NOT NULL,
            remote_id TEXT NOT NULL,
            UNIQUE (service, remote_id)
        );
        CREATE TABLE sync_changes (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            field TEXT NOT NULL CHECK (field IN ('read', 'starred')),
            value INTEGER NOT NULL,
            changed TEXT NOT NULL,
            PRIMARY KEY (article_id, field)
        );
        CREATE TRIGGER sync_queue_read AFTER UPDATE OF is_read ON articles
        WHEN old.is_read != new.is_read
            AND EXISTS (SELECT 1 FROM sync_items WHERE article_id = new.id)
            AND NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'sync:applying')
        BEGIN
            INSERT OR REPLACE INTO sync_changes (article_id, field, value, changed)
            VALUES (new.id, 'read', new.is_read, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        END;
        CREATE TRIGGER sync_queue_bookmark AFTER INSERT ON bookmarks
        WHEN EXISTS (SELECT 1 FROM sync_items WHERE article_id = new.article_id)
            AND NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'sync:applying')
        BEGIN
            INSERT OR REPLACE INTO sync_changes (article_id, field, value, changed)
            VALUES (new.article_id, 'starred', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        END;
        CREATE TRIGGER sync_queue_unbookmark AFTER DELETE ON bookmarks
        WHEN EXISTS (SELECT 1 FROM sync_items WHERE article_id = old.article_id)
            AND NOT EXISTS (SELECT 1 FROM app_state WHERE key = 'sync:applying')
        BEGIN
            INSERT OR REPLACE INTO sync_changes (article_id, field, value, changed)
            VALUES (old.article_id, 'starred', 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        END;
        """,
    )


def _v7_enclosures(db: sqlite3.Connection) -> None:
    # Media attached to an entry (podcasts); replaced whole when the entry changes.
    _run_script(
        db,
        """
        CREATE TABLE enclosures (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            url TEXT NOT NULL,
            type TEXT NOT NULL DEFAULT '',
            length INTEGER,
            PRIMARY KEY (article_id, position)
        );
        """,
    )


def _v8_clean_outside_text(db: sqlite3.Connection) -> None:
    # Text stored before links, reason phrases and newsboat titles went through the cleaner
    # can hold terminal escapes: clean the one-line fields once, as they are cleaned on entry
    # now. No schema change. Guids stay as they were: they are what a feed's entries match.
    from reader.sources.text import clean_line, clean_url

    db.create_function("reader_clean_line", 1, clean_line, deterministic=True)
    db.create_function("reader_clean_url", 1, clean_url, deterministic=True)
    for table, column, cleaner, empty in (
        ("articles", "title", "reader_clean_line", "'(untitled)'"),
        ("articles", "author", "reader_clean_line", "NULL"),
        ("articles", "link", "reader_clean_url", "NULL"),
        ("sources", "title", "reader_clean_line", "''"),
        ("sources", "last_error", "reader_clean_line", "NULL"),
    ):
        db.execute(
            f"UPDATE {table} SET {column} = coalesce(nullif({cleaner}({column}), ''), {empty})"
            f" WHERE {column} IS NOT NULL AND {column} != {cleaner}({column})"
        )
    db.execute(
        "UPDATE OR IGNORE source_tags SET tag = reader_clean_line(tag)"
        " WHERE tag != reader_clean_line(tag) AND reader_clean_line(tag) != ''"
    )
    db.execute("DELETE FROM source_tags WHERE tag != reader_clean_line(tag)")  # duplicates left


def _v9_entity_index(db: sqlite3.Connection) -> None:
    # Across articles: which analysis each article has (or why it failed), the entities of all
    # articles with their aliases and per-article mentions, and every fact (dated ones make the
    # agenda). Counts per entity (and per alias) are kept on their rows, so the most-mentioned
    # list needs no aggregate over millions of rows. Rows go with their article (CASCADE).
    _run_script(
        db,
        """
        CREATE TABLE article_analysis (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            content_hash TEXT NOT NULL,
            analyser_version TEXT NOT NULL,
            reference TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
            error TEXT,
            analysed TEXT NOT NULL
        );
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            surname TEXT,
            articles INTEGER NOT NULL DEFAULT 0,
            mentions INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_seen TEXT,
            UNIQUE (kind, key)
        );
        CREATE INDEX entities_by_mentions ON entities (mentions DESC);
        CREATE INDEX entities_by_kind ON entities (kind, mentions DESC);
        CREATE INDEX entities_by_surname ON entities (surname) WHERE surname IS NOT NULL;
        CREATE TABLE entity_articles (
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            first_offset INTEGER NOT NULL,
            seen TEXT NOT NULL,
            aliases TEXT NOT NULL,
            PRIMARY KEY (entity_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX entity_articles_by_article ON entity_articles (article_id);
        CREATE INDEX entity_articles_by_seen ON entity_articles (entity_id, seen);
        CREATE TABLE entity_aliases (
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            alias TEXT NOT NULL,
            uses INTEGER NOT NULL,
            PRIMARY KEY (entity_id, key)
        ) WITHOUT ROWID;
        CREATE INDEX entity_aliases_by_key ON entity_aliases (key);
        CREATE TABLE article_facts (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            date TEXT,
            end_date TEXT,
            sort_start TEXT,
            sort_end TEXT,
            precision TEXT,
            on_agenda INTEGER NOT NULL,
            who TEXT NOT NULL,
            place TEXT NOT NULL,
            state TEXT,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            sentence TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX article_facts_agenda ON article_facts (sort_start) WHERE on_agenda = 1;
        CREATE INDEX article_facts_periods ON article_facts (precision, sort_start, sort_end)
            WHERE on_agenda = 1 AND sort_end > sort_start;
        CREATE INDEX articles_for_analysis ON articles (sort_time DESC, content_hash, published);
        CREATE TABLE entity_follows (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (kind, key)
        );
        """,
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1_sources_and_articles,
    _v2_bookmarks_notes_analyses,
    _v3_exports,
    _v4_count_indexes,
    _v5_interpreted_analyses,
    _v6_sync,
    _v7_enclosures,
    _v8_clean_outside_text,
    _v9_entity_index,
]
LATEST_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the schema up to `target`, one version per transaction; returns the version."""
    current = schema_version(db)
    if current > LATEST_VERSION:
        raise StorageError(
            f"the database has schema version {current}, newer than this reader knows"
            f" ({LATEST_VERSION}); upgrade reader"
        )
    for version in range(current + 1, target + 1):
        with transaction(db):
            # Re-read under the write lock: another process may have migrated meanwhile.
            if schema_version(db) >= version:
                continue
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
    return schema_version(db)
