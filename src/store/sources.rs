//! Sources (what was asked for: a feed or a page URL), their validators for conditional
//! requests, and the fetch log. Saving a fetched source writes its articles, its validators
//! and its log row in one transaction: the validators are never ahead of the articles (a
//! crash cannot leave an `ETag` that would make the next fetch skip articles never saved).

use super::articles::{Incoming, SaveCounts, save_in};
use super::time::now;
use super::{Store, StoreError};
use crate::engine::fetch::Conditional;
use rusqlite::{OptionalExtension, params};

/// What the store knows of a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceInfo {
    pub url: String,
    pub kind: Option<String>,
    pub title: Option<String>,
    pub validators: Conditional,
    pub last_status: Option<u16>,
    pub last_fetched: Option<i64>,
}

/// One row of the fetch log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub at: i64,
    pub status: Option<u16>,
    /// `ok`, `not-modified` or `failed`.
    pub outcome: String,
    pub error: Option<String>,
}

/// A successful fetch of one source, to save.
pub struct Fetch<'a> {
    pub url: &'a str,
    pub final_url: &'a str,
    /// `feed` or `page`.
    pub kind: &'a str,
    pub title: Option<&'a str>,
    pub status: u16,
    pub validators: Conditional,
    pub articles: &'a [Incoming<'a>],
}

impl Store {
    /// The source `url`, if it was fetched before.
    pub fn source(&self, url: &str) -> Result<Option<SourceInfo>, StoreError> {
        self.conn
            .query_row(
                "SELECT url, kind, title, etag, last_modified, last_status, last_fetched
                 FROM sources WHERE url = ?1",
                params![url],
                |r| {
                    Ok(SourceInfo {
                        url: r.get(0)?,
                        kind: r.get(1)?,
                        title: r.get(2)?,
                        validators: Conditional {
                            etag: r.get(3)?,
                            last_modified: r.get(4)?,
                        },
                        last_status: r.get(5)?,
                        last_fetched: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every source fetched successfully before, oldest first.
    pub fn source_urls(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT url FROM sources WHERE last_ok IS NOT NULL ORDER BY id")
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Saves a fetched source: its articles, validators and a log row, atomically.
    pub fn save_fetch(&mut self, f: &Fetch<'_>) -> Result<SaveCounts, StoreError> {
        let at = now();
        let path = crate::engine::sanitize::shown_path(&self.path);
        let err = |e: rusqlite::Error| StoreError::Sql {
            path: path.clone(),
            reason: e.to_string(),
        };
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "INSERT INTO sources (url, final_url, kind, title, etag, last_modified,
                                  last_status, last_fetched, last_ok)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
             ON CONFLICT(url) DO UPDATE SET final_url = ?2, kind = ?3,
                title = coalesce(?4, title), etag = ?5, last_modified = ?6,
                last_status = ?7, last_fetched = ?8, last_ok = ?8",
            params![
                f.url,
                f.final_url,
                f.kind,
                f.title,
                f.validators.etag,
                f.validators.last_modified,
                f.status,
                at
            ],
        )
        .map_err(err)?;
        let source_id: i64 = tx
            .query_row(
                "SELECT id FROM sources WHERE url = ?1",
                params![f.url],
                |r| r.get(0),
            )
            .map_err(err)?;
        let counts = save_in(&tx, Some(source_id), f.articles, at).map_err(err)?;
        tx.execute(
            "INSERT INTO fetch_log (source_id, url, at, status, outcome, new, changed, unchanged)
             VALUES (?1, ?2, ?3, ?4, 'ok', ?5, ?6, ?7)",
            params![
                source_id,
                f.url,
                at,
                f.status,
                counts.new as i64,
                counts.changed as i64,
                counts.unchanged as i64
            ],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(counts)
    }

    /// Records a 304 Not Modified for `url`.
    pub fn record_not_modified(&mut self, url: &str) -> Result<(), StoreError> {
        self.record(url, Some(304), "not-modified", None)
    }

    /// Records a failed fetch of `url` (the message names the reason).
    pub fn record_failure(
        &mut self,
        url: &str,
        status: Option<u16>,
        message: &str,
    ) -> Result<(), StoreError> {
        self.record(url, status, "failed", Some(message))
    }

    fn record(
        &mut self,
        url: &str,
        status: Option<u16>,
        outcome: &str,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let at = now();
        let path = crate::engine::sanitize::shown_path(&self.path);
        let err = |e: rusqlite::Error| StoreError::Sql {
            path: path.clone(),
            reason: e.to_string(),
        };
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "INSERT INTO sources (url, last_status, last_fetched) VALUES (?1, ?2, ?3)
             ON CONFLICT(url) DO UPDATE SET last_status = ?2, last_fetched = ?3,
                last_ok = CASE WHEN ?4 = 'not-modified' THEN ?3 ELSE last_ok END",
            params![url, status, at, outcome],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT INTO fetch_log (source_id, url, at, status, outcome, error)
             VALUES ((SELECT id FROM sources WHERE url = ?1), ?1, ?2, ?3, ?4, ?5)",
            params![url, at, status, outcome, error],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// The fetch log of `url`, newest first.
    pub fn fetch_log(&self, url: &str) -> Result<Vec<LogEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT at, status, outcome, error FROM fetch_log WHERE url = ?1
                 ORDER BY id DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![url], |r| {
                Ok(LogEntry {
                    at: r.get(0)?,
                    status: r.get(1)?,
                    outcome: r.get(2)?,
                    error: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::temp_store;

    #[test]
    fn validators_and_log() {
        let (mut store, _dir) = temp_store("sources");
        assert!(store.source("http://h/feed").unwrap().is_none());
        let validators = Conditional {
            etag: Some("\"v1\"".into()),
            last_modified: Some("Tue, 01 Dec 2026 08:00:00 GMT".into()),
        };
        store
            .save_fetch(&Fetch {
                url: "http://h/feed",
                final_url: "http://h/feed",
                kind: "feed",
                title: Some("H News"),
                status: 200,
                validators: validators.clone(),
                articles: &[],
            })
            .unwrap();
        store.record_not_modified("http://h/feed").unwrap();
        store
            .record_failure("http://h/feed", Some(500), "HTTP 500")
            .unwrap();
        assert_eq!(store.source_urls().unwrap(), vec!["http://h/feed"]);
        let s = store.source("http://h/feed").unwrap().unwrap();
        assert_eq!(s.validators, validators);
        assert_eq!(s.title.as_deref(), Some("H News"));
        assert_eq!(s.last_status, Some(500));
        let outcomes: Vec<String> = store
            .fetch_log("http://h/feed")
            .unwrap()
            .into_iter()
            .map(|e| e.outcome)
            .collect();
        assert_eq!(outcomes, vec!["failed", "not-modified", "ok"]);
    }
}
