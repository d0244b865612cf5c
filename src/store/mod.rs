//! The local store: a SQLite database (rusqlite, the bundled library) of everything
//! `parallax fetch` brought in — each article with its source URL, feed, outlet and dates,
//! every distinct version of its text (never overwritten), the sources' validators and the
//! fetch log — and the place later features keep their data (notes first; see [`schema`]).
//!
//! Where: `--store PATH`, else `$PARALLAX_STORE`, else `$XDG_DATA_HOME/parallax/store.sqlite3`,
//! else `~/.local/share/parallax/store.sqlite3` ([`location`]).
//!
//! Safety: WAL mode, every write is one transaction (a whole source per fetch: its articles,
//! validators and log row together), so a crash or `kill -9` in the middle of a fetch leaves
//! the store as it was after the last source saved. A busy timeout lets a reader and a
//! fetch share it. The engine never depends on this module; it depends on the engine.

mod articles;
mod notes;
pub mod schema;
mod sources;
pub mod sync;
pub mod time;

pub use articles::{Incoming, SaveCounts, VersionInfo};
pub use notes::{NewNote, Note};
pub use sources::{LogEntry, SourceInfo};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Stored articles the reader opens at most (the newest).
pub const READER_LIMIT: usize = 2_000;

/// The store file's name inside `parallax/` of the data directory.
pub const FILE_NAME: &str = "store.sqlite3";

/// A problem with the store, naming its file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {reason}")]
    Open { path: String, reason: String },
    #[error(
        "store {path}: written by a newer parallax (schema {found}; this one knows up to {known})"
    )]
    TooNew {
        path: String,
        found: u32,
        known: u32,
    },
    #[error("store {path}: {reason}")]
    Sql { path: String, reason: String },
}

impl StoreError {
    /// The message, safe to print.
    pub fn display(&self) -> String {
        crate::engine::sanitize::sanitize_line(&self.to_string())
    }
}

/// The open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Where the store is: `flag` (`--store`), else `PARALLAX_STORE`, else the XDG data
/// directory. `env` reads an environment variable (a parameter, for tests).
pub fn location(flag: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = env("PARALLAX_STORE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    Some(crate::engine::dirs::data(env)?.join(FILE_NAME))
}

impl Store {
    /// Opens (creating it and its directory when missing) and migrates the store.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let label = crate::engine::sanitize::shown_path(path);
        let open_err = |reason: String| StoreError::Open {
            path: label.clone(),
            reason,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| open_err(format!("cannot create {}: {e}", dir.display())))?;
        }
        let conn = Connection::open(path).map_err(|e| open_err(e.to_string()))?;
        Store::setup(conn, path)
    }

    /// Opens the store only if it exists (reading offline must not create one).
    pub fn open_existing(path: &Path) -> Result<Option<Store>, StoreError> {
        if !path.exists() {
            return Ok(None);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::Open {
            path: crate::engine::sanitize::shown_path(path),
            reason: e.to_string(),
        })?;
        Store::setup(conn, path).map(Some)
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<Store, StoreError> {
        let sql = |e: rusqlite::Error| StoreError::Sql {
            path: crate::engine::sanitize::shown_path(path),
            reason: e.to_string(),
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(sql)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| StoreError::Open {
                path: crate::engine::sanitize::shown_path(path),
                reason: format!("not a parallax store? ({e})"),
            })?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Open {
                path: crate::engine::sanitize::shown_path(path),
                reason: format!("could not turn on WAL mode (journal mode is {mode})"),
            });
        }
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
            .map_err(sql)?;
        schema::migrate(&mut conn, schema::VERSION).map_err(|e| match e {
            schema::MigrateError::TooNew { found } => StoreError::TooNew {
                path: crate::engine::sanitize::shown_path(path),
                found,
                known: schema::VERSION,
            },
            schema::MigrateError::Sql(e) => sql(e),
        })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::version(&self.conn).map_err(|e| self.err(e))
    }

    /// `PRAGMA integrity_check`: `ok`, or what is wrong.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        }
    }
}

/// The newest stored articles (at most `limit`) as inputs, for the reader; `None` when
/// there is no store there, or it keeps nothing. Never creates a store.
pub fn stored_inputs(
    path: &Path,
    limit: usize,
) -> Result<Option<Vec<crate::engine::load::Input>>, StoreError> {
    let Some(store) = Store::open_existing(path)? else {
        return Ok(None);
    };
    let latest = store.latest(limit)?;
    Ok((!latest.is_empty()).then(|| {
        latest
            .into_iter()
            .map(crate::engine::saved::input)
            .collect()
    }))
}

/// One kept version of an article: when it was fetched (and more), and its text.
#[derive(Debug)]
pub struct KeptVersion {
    pub info: VersionInfo,
    pub article: crate::engine::Article,
}

impl KeptVersion {
    /// `version 2 of 3 · 2026-12-01 14:52 UTC`: which one, and when it was fetched.
    pub fn label(&self, kept: usize) -> String {
        format!(
            "version {} of {kept} · {}",
            self.info.number,
            time::format_utc(self.info.fetched_at)
        )
    }
}

/// What the store keeps of an article, for comparing an edit.
#[derive(Debug)]
pub enum LastTwo {
    /// No such article (or no store).
    NotKept,
    /// One version: it has not changed since first fetched.
    One,
    /// The two newest versions, and how many are kept.
    Two {
        older: Box<KeptVersion>,
        newer: Box<KeptVersion>,
        kept: usize,
    },
}

/// The two newest versions of the article `url`, for comparing an edit.
pub fn last_two_versions(path: &Path, url: &str) -> Result<LastTwo, StoreError> {
    let Some(store) = Store::open_existing(path)? else {
        return Ok(LastTwo::NotKept);
    };
    let versions = store.versions(url)?;
    let kept = versions.len();
    let (a, b) = match versions.as_slice() {
        [] => return Ok(LastTwo::NotKept),
        [_] => return Ok(LastTwo::One),
        [.., a, b] => (a.clone(), b.clone()),
    };
    Ok(
        match (store.version(url, a.number)?, store.version(url, b.number)?) {
            (Some(o), Some(n)) => LastTwo::Two {
                older: Box::new(KeptVersion {
                    info: a,
                    article: o.to_article(),
                }),
                newer: Box::new(KeptVersion {
                    info: b,
                    article: n.to_article(),
                }),
                kept,
            },
            _ => LastTwo::NotKept,
        },
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A store in a fresh temporary directory (removed by the caller's guard).
    pub fn temp_store(name: &str) -> (Store, TempDir) {
        let dir = TempDir::new(name);
        let store = Store::open(&dir.0.join(FILE_NAME)).unwrap();
        (store, dir)
    }

    pub struct TempDir(pub PathBuf);
    impl TempDir {
        pub fn new(name: &str) -> Self {
            let p = std::env::temp_dir().join(format!(
                "parallax-store-{name}-{}-{:?}",
                std::process::id(),
                std::thread::current().id()
            ));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            TempDir(p)
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn location_order() {
        let env = |k: &str| match k {
            "PARALLAX_STORE" => Some("/env/s.db".to_string()),
            "XDG_DATA_HOME" => Some("/data".to_string()),
            "HOME" => Some("/home/u".to_string()),
            _ => None,
        };
        assert_eq!(
            location(Some(Path::new("/flag.db")), &env),
            Some(PathBuf::from("/flag.db"))
        );
        assert_eq!(location(None, &env), Some(PathBuf::from("/env/s.db")));
        let xdg = |k: &str| env(k).filter(|_| k != "PARALLAX_STORE");
        assert_eq!(
            location(None, &xdg),
            Some(PathBuf::from("/data/parallax/store.sqlite3"))
        );
        let home = |k: &str| env(k).filter(|_| k == "HOME");
        assert_eq!(
            location(None, &home),
            Some(PathBuf::from("/home/u/.local/share/parallax/store.sqlite3"))
        );
    }

    #[test]
    fn opens_in_wal_at_the_current_schema() {
        let (store, _dir) = temp_store("open");
        assert_eq!(store.schema_version().unwrap(), schema::VERSION);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn migrations_run_in_order_and_a_newer_store_is_refused() {
        let dir = TempDir::new("migrate");
        let path = dir.0.join(FILE_NAME);
        {
            let mut conn = Connection::open(&path).unwrap();
            schema::migrate(&mut conn, 1).unwrap();
            assert_eq!(schema::version(&conn).unwrap(), 1);
            conn.execute(
                "INSERT INTO articles (url, first_seen, last_seen, sort_time) VALUES ('u', 1, 1, 1)",
                [],
            )
            .unwrap();
        }
        // Opening applies the rest and keeps the data.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::VERSION);
        let n: i64 = store
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        store
            .conn
            .pragma_update(None, "user_version", schema::VERSION + 1)
            .unwrap();
        drop(store);
        assert!(matches!(Store::open(&path), Err(StoreError::TooNew { .. })));
    }

    #[test]
    fn a_file_that_is_not_a_store_is_an_error_not_a_panic() {
        let dir = TempDir::new("garbage");
        let path = dir.0.join(FILE_NAME);
        std::fs::write(&path, b"this is not a database, just some text".repeat(200)).unwrap();
        let e = Store::open(&path).err().expect("refused");
        assert!(e.to_string().contains(FILE_NAME), "{e}");
    }
}
