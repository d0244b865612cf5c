//! The store's schema, as numbered migrations. `PRAGMA user_version` holds the number of the
//! last one applied; opening a store applies the rest, each in its own transaction, so a
//! store is always at some whole version. A store from a newer parallax (a higher number
//! than this one knows) is refused rather than written.
//!
//! Tables:
//! - `sources`: what was asked for (a subscription or a URL given to `fetch`): its kind
//!   (feed or page), title, validators (`ETag`, `Last-Modified`), last status and times.
//! - `articles`: one row per article URL (its identity), the source it came from, the
//!   outlet, when first and last seen, and the time it sorts by (published, else first seen).
//! - `versions`: every distinct text an article had, never overwritten: number (from 1),
//!   when fetched, stated date, title, format, the SHA-256 of the raw bytes it was read from
//!   and of its text, the text, its blocks and metadata (JSON), the loader's notes.
//! - `fetch_log`: one row per source per fetch: when, status, outcome, counts, error.
//! - `notes` (migration 2): a reader's notes on an article, optionally on one version and a
//!   byte range of its text, with the quoted text so a note can be found again in a later
//!   version. Later features keep their data beside it, in further migrations.

use rusqlite::Connection;

/// Migrations in order; migration `i` takes the store from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, their versions, sources and the fetch log.
    "CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        final_url TEXT,
        kind TEXT,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        last_fetched INTEGER,
        last_ok INTEGER
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        outlet TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        sort_time INTEGER NOT NULL
    );
    CREATE INDEX articles_sort ON articles(sort_time DESC);
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        published TEXT,
        title TEXT NOT NULL,
        title_derived INTEGER NOT NULL,
        format TEXT NOT NULL,
        raw_sha256 TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        text TEXT NOT NULL,
        blocks TEXT NOT NULL,
        meta TEXT NOT NULL,
        notes TEXT NOT NULL,
        UNIQUE (article_id, number)
    );
    CREATE TABLE fetch_log (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        at INTEGER NOT NULL,
        status INTEGER,
        outcome TEXT NOT NULL,
        new INTEGER NOT NULL DEFAULT 0,
        changed INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        error TEXT
    );
    CREATE INDEX fetch_log_source ON fetch_log(source_id, at);",
    // 2: notes on articles (for the reader's notes).
    "CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL,
        span_start INTEGER,
        span_end INTEGER,
        quote TEXT,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK ((span_start IS NULL) = (span_end IS NULL)),
        CHECK (span_start IS NULL OR span_start <= span_end)
    );
    CREATE INDEX notes_article ON notes(article_id);",
];

/// The schema version this build writes.
pub const VERSION: u32 = MIGRATIONS.len() as u32;

/// The store's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Why migrating failed.
#[derive(Debug)]
pub enum MigrateError {
    /// The store is newer than this build.
    TooNew {
        found: u32,
    },
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(e: rusqlite::Error) -> Self {
        MigrateError::Sql(e)
    }
}

/// Applies the migrations the store lacks, up to `target` (normally [`VERSION`]).
pub fn migrate(conn: &mut Connection, target: u32) -> Result<(), MigrateError> {
    let found = version(conn)?;
    if found > VERSION {
        return Err(MigrateError::TooNew { found });
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found as usize)
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
