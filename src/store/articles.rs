//! Articles and their versions: saving what a fetch brought (a new version only when the text
//! differs from the latest kept one), and reading back the newest articles, the versions of
//! one URL, or one version.

use super::time::{now, parse_iso};
use super::{Store, StoreError};
use crate::engine::article::{Article, Format, Source};
use crate::engine::fetch::sha256_hex;
use crate::engine::saved::SavedArticle;
use rusqlite::{OptionalExtension, Transaction, params};

/// One article to save, with its identity and the hash of the bytes it was read from.
pub struct Incoming<'a> {
    pub article: &'a Article,
    /// The article's URL: its identity across fetches ([`article_url`]).
    pub url: String,
    pub raw_sha256: String,
}

/// What saving a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveCounts {
    /// URLs never seen before.
    pub new: usize,
    /// Known URLs whose text changed (a new version was kept).
    pub changed: usize,
    /// Known URLs whose text is the latest version's.
    pub unchanged: usize,
}

impl SaveCounts {
    pub fn add(&mut self, o: SaveCounts) {
        self.new += o.new;
        self.changed += o.changed;
        self.unchanged += o.unchanged;
    }
}

/// One version of an article, as `parallax versions` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    pub number: u32,
    pub fetched_at: i64,
    pub published: Option<String>,
    pub title: String,
    pub words: usize,
    pub text_sha256: String,
    pub raw_sha256: String,
}

/// The URL an article is known by: its own link (a feed entry's, or the page's after
/// redirects), else its feed's URL and position.
pub fn article_url(a: &Article) -> String {
    if let Some(u) = a
        .meta
        .url
        .as_deref()
        .and_then(|u| crate::engine::fetch::parse_http(u).ok())
    {
        return u.to_string();
    }
    match &a.source {
        Source::Url(u) | Source::Stored { url: u, .. } => u.clone(),
        Source::Entry { of, index } => format!("{}#{}", of.label(), index + 1),
        other => other.label(),
    }
}

fn format_name(f: Format) -> &'static str {
    f.name()
}

fn format_of_name(s: &str) -> Format {
    match s {
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        "feed" => Format::Feed,
        "json" => Format::Json,
        _ => Format::Text,
    }
}

/// Saves the articles of one source inside `tx` (the caller commits).
pub(super) fn save_in(
    tx: &Transaction<'_>,
    source_id: Option<i64>,
    items: &[Incoming<'_>],
    at: i64,
) -> rusqlite::Result<SaveCounts> {
    let mut counts = SaveCounts::default();
    for item in items {
        let a = item.article;
        let text_sha = sha256_hex(a.text.as_bytes());
        let known: Option<(i64, Option<String>, u32)> = tx
            .query_row(
                "SELECT a.id,
                        (SELECT text_sha256 FROM versions v WHERE v.article_id = a.id
                         ORDER BY number DESC LIMIT 1),
                        (SELECT coalesce(max(number), 0) FROM versions v WHERE v.article_id = a.id)
                 FROM articles a WHERE a.url = ?1",
                params![item.url],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let published_ts = a.meta.date.as_deref().and_then(parse_iso);
        let (article_id, number) = match known {
            Some((id, Some(latest), _)) if latest == text_sha => {
                tx.execute(
                    "UPDATE articles SET last_seen = ?2 WHERE id = ?1",
                    params![id, at],
                )?;
                counts.unchanged += 1;
                continue;
            }
            Some((id, latest, n)) => {
                tx.execute(
                    "UPDATE articles SET last_seen = ?2, outlet = coalesce(?3, outlet),
                     source_id = coalesce(source_id, ?4) WHERE id = ?1",
                    params![id, at, a.meta.outlet, source_id],
                )?;
                if latest.is_some() {
                    counts.changed += 1;
                } else {
                    counts.new += 1;
                }
                (id, n + 1)
            }
            None => {
                tx.execute(
                    "INSERT INTO articles (url, source_id, outlet, first_seen, last_seen, sort_time)
                     VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                    params![
                        item.url,
                        source_id,
                        a.meta.outlet,
                        at,
                        published_ts.unwrap_or(at)
                    ],
                )?;
                counts.new += 1;
                (tx.last_insert_rowid(), 1)
            }
        };
        let saved = SavedArticle::of(a, &item.url);
        tx.execute(
            "INSERT INTO versions (article_id, number, fetched_at, published, title,
                 title_derived, format, raw_sha256, text_sha256, text, blocks, meta, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                article_id,
                number,
                at,
                a.meta.date,
                a.title,
                a.title_derived,
                format_name(a.format),
                item.raw_sha256,
                text_sha,
                a.text,
                saved.blocks_json(),
                serde_json::to_string(&a.meta).unwrap_or_else(|_| "{}".into()),
                serde_json::to_string(&a.notes).unwrap_or_else(|_| "[]".into()),
            ],
        )?;
    }
    Ok(counts)
}

const VERSION_COLUMNS: &str = "a.url, v.number, v.format, v.title, v.title_derived, v.text, \
    v.blocks, v.meta, v.notes";

fn saved_of_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SavedArticle> {
    let blocks: String = r.get(6)?;
    let meta: String = r.get(7)?;
    let notes: String = r.get(8)?;
    let format: String = r.get(2)?;
    Ok(SavedArticle {
        url: r.get(0)?,
        version: r.get(1)?,
        format: format_of_name(&format),
        title: r.get(3)?,
        title_derived: r.get(4)?,
        text: r.get(5)?,
        // A damaged column is repaired by SavedArticle::to_article (it re-reads the text).
        blocks: SavedArticle::parse_blocks(&blocks).unwrap_or_default(),
        meta: serde_json::from_str(&meta).unwrap_or_default(),
        notes: serde_json::from_str(&notes).unwrap_or_default(),
    })
}

impl Store {
    /// Saves a batch of articles with no source (tests, imports) in one transaction.
    pub fn save_articles(&mut self, items: &[Incoming<'_>]) -> Result<SaveCounts, StoreError> {
        let path = self.path.display().to_string();
        let err = |e: rusqlite::Error| StoreError::Sql {
            path: path.clone(),
            reason: e.to_string(),
        };
        let tx = self.conn.transaction().map_err(err)?;
        let counts = save_in(&tx, None, items, now()).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(counts)
    }

    /// How many articles are kept.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// The latest version of each article, newest first (published date, else first seen),
    /// at most `limit`.
    pub fn latest(&self, limit: usize) -> Result<Vec<SavedArticle>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM articles a
             JOIN versions v ON v.article_id = a.id
              AND v.number = (SELECT max(number) FROM versions w WHERE w.article_id = a.id)
             ORDER BY a.sort_time DESC, a.id DESC LIMIT ?1"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![limit as i64], saved_of_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The latest versions of what `url` names: one article, or every article of a source
    /// (a feed) of that URL, newest first.
    pub fn latest_for(&self, url: &str) -> Result<Vec<SavedArticle>, StoreError> {
        if let Some(u) = self.resolve_url(url)? {
            let last = self.versions(&u)?.last().map(|v| v.number);
            return Ok(match last {
                Some(n) => self.version(&u, n)?.into_iter().collect(),
                None => Vec::new(),
            });
        }
        let norm = url::Url::parse(url.trim()).map_or_else(|_| url.to_string(), String::from);
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM sources s JOIN articles a ON a.source_id = s.id
             JOIN versions v ON v.article_id = a.id
              AND v.number = (SELECT max(number) FROM versions w WHERE w.article_id = a.id)
             WHERE s.url = ?1 OR s.final_url = ?1
             ORDER BY a.sort_time DESC, a.id DESC"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![norm], saved_of_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The URL the store knows an article by, for a URL a user gives: itself, or the
    /// article a page source of that URL gave (a page fetched through a redirect).
    pub fn resolve_url(&self, url: &str) -> Result<Option<String>, StoreError> {
        let norm = url::Url::parse(url.trim()).map_or_else(|_| url.to_string(), String::from);
        self.conn
            .query_row(
                "SELECT url FROM articles WHERE url = ?1
                 UNION ALL
                 SELECT a.url FROM sources s JOIN articles a ON a.source_id = s.id
                  WHERE (s.url = ?1 OR s.final_url = ?1) AND s.kind = 'page'
                 LIMIT 1",
                params![norm],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The versions kept of `url`, oldest first.
    pub fn versions(&self, url: &str) -> Result<Vec<VersionInfo>, StoreError> {
        let Some(url) = self.resolve_url(url)? else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT {VERSION_COLUMNS}, v.fetched_at, v.published, v.text_sha256, v.raw_sha256
             FROM versions v JOIN articles a ON a.id = v.article_id
             WHERE a.url = ?1 ORDER BY v.number"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![url], |r| {
                let saved = saved_of_row(r)?;
                Ok(VersionInfo {
                    number: saved.version,
                    fetched_at: r.get(9)?,
                    published: r.get(10)?,
                    // Counted as the reader counts them (its content blocks' words).
                    words: saved.to_article().word_count(),
                    title: saved.title,
                    text_sha256: r.get(11)?,
                    raw_sha256: r.get(12)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One version of `url` (numbers from 1, as [`Store::versions`] lists them).
    pub fn version(&self, url: &str, number: u32) -> Result<Option<SavedArticle>, StoreError> {
        let Some(url) = self.resolve_url(url)? else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM versions v JOIN articles a ON a.id = v.article_id
             WHERE a.url = ?1 AND v.number = ?2"
        );
        self.conn
            .query_row(&sql, params![url, number], saved_of_row)
            .optional()
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load;
    use crate::store::tests::temp_store;

    pub fn page(url: &str, body: &str) -> Article {
        load::parse(
            Source::Url(url.into()),
            format!("Headline of {url}\n\n{body}").as_bytes(),
            Format::Text,
        )
        .unwrap()
        .articles
        .remove(0)
    }

    fn incoming(a: &Article) -> Incoming<'_> {
        Incoming {
            article: a,
            url: article_url(a),
            raw_sha256: sha256_hex(a.text.as_bytes()),
        }
    }

    #[test]
    fn a_version_counts_its_words_as_the_reader_does() {
        let (mut store, _dir) = temp_store("version-words");
        // Dashes and bullets are not words; the headline is read as the title.
        let a = page(
            "http://h/w",
            "The council met — again — on Monday.\n\n* * *\n\nIt voted 7 to 2.",
        );
        store.save_articles(&[incoming(&a)]).unwrap();
        let listed = store.versions("http://h/w").unwrap();
        let read = store
            .version("http://h/w", 1)
            .unwrap()
            .unwrap()
            .to_article();
        assert_eq!(listed[0].words, read.word_count());
        assert_eq!(listed[0].words, a.word_count());
        assert_ne!(listed[0].words, a.text.split_whitespace().count());
    }

    #[test]
    fn a_changed_text_is_a_new_version_and_the_old_one_stays() {
        let (mut store, _dir) = temp_store("versions");
        let v1 = page("http://h/a", "The council met on Monday.");
        let v2 = page("http://h/a", "The council met on Tuesday.");
        let c = store.save_articles(&[incoming(&v1)]).unwrap();
        assert_eq!((c.new, c.changed, c.unchanged), (1, 0, 0));
        let c = store.save_articles(&[incoming(&v1)]).unwrap();
        assert_eq!((c.new, c.changed, c.unchanged), (0, 0, 1));
        let c = store.save_articles(&[incoming(&v2)]).unwrap();
        assert_eq!((c.new, c.changed, c.unchanged), (0, 1, 0));
        let versions = store.versions("http://h/a").unwrap();
        assert_eq!(
            versions.iter().map(|v| v.number).collect::<Vec<_>>(),
            vec![1, 2]
        );
        let old = store.version("http://h/a", 1).unwrap().unwrap();
        assert_eq!(old.text, v1.text);
        let new = store
            .version("http://h/a", 2)
            .unwrap()
            .unwrap()
            .to_article();
        assert_eq!(new.text, v2.text);
        assert_eq!(
            new.source,
            Source::Stored {
                url: "http://h/a".into(),
                version: 2
            }
        );
        // The latest is what the library shows.
        let latest = store.latest(10).unwrap();
        assert_eq!(latest.len(), 1);
        assert_eq!(latest[0].version, 2);
        let path = store.path().to_path_buf();
        let crate::store::LastTwo::Two { older, newer, kept } =
            crate::store::last_two_versions(&path, "http://h/a").unwrap()
        else {
            panic!("two versions")
        };
        assert!(older.article.text.contains("Monday") && newer.article.text.contains("Tuesday"));
        assert_eq!((older.info.number, newer.info.number, kept), (1, 2, 2));
        assert!(
            newer.label(kept).starts_with("version 2 of 2 · 20"),
            "{}",
            newer.label(kept)
        );
        assert!(matches!(
            crate::store::last_two_versions(&path, "http://h/none").unwrap(),
            crate::store::LastTwo::NotKept
        ));
        assert_eq!(
            crate::store::stored_inputs(&path, 10)
                .unwrap()
                .map(|i| i.len()),
            Some(1)
        );
    }

    #[test]
    fn newest_first_by_published_date() {
        let (mut store, _dir) = temp_store("order");
        let mut old = page("http://h/old", "An older report.");
        old.meta.date = Some("2020-01-01T00:00:00Z".into());
        let mut new = page("http://h/new", "A newer report.");
        new.meta.date = Some("2026-01-01T00:00:00Z".into());
        store
            .save_articles(&[incoming(&old), incoming(&new)])
            .unwrap();
        let urls: Vec<String> = store
            .latest(10)
            .unwrap()
            .into_iter()
            .map(|s| s.url)
            .collect();
        assert_eq!(urls, vec!["http://h/new", "http://h/old"]);
        assert_eq!(store.article_count().unwrap(), 2);
    }
}
