//! Notes on articles, for the reader's notes (the polish issue): a note belongs to an article
//! (by URL), and optionally to one version and a byte range of that version's text. The
//! quoted text is kept with it, so a note made on version 1 can be placed again in version 2
//! after an edit (by finding the quote), and survives when the range no longer fits.

use super::time::now;
use super::{Store, StoreError};
use crate::engine::article::Span;
use rusqlite::{OptionalExtension, params};

/// A note to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote<'a> {
    pub url: &'a str,
    /// The version the range is in (`None`: on the article as a whole).
    pub version: Option<u32>,
    pub span: Option<Span>,
    pub body: &'a str,
}

/// A kept note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: i64,
    pub url: String,
    pub version: Option<u32>,
    pub span: Option<Span>,
    /// The text of `span` in that version when the note was made.
    pub quote: Option<String>,
    pub body: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Store {
    /// Adds a note; the article (and version) must be in the store. Returns its id.
    pub fn add_note(&mut self, n: &NewNote<'_>) -> Result<i64, StoreError> {
        let url = self.resolve_url(n.url)?.ok_or_else(|| StoreError::Sql {
            path: self.path.display().to_string(),
            reason: format!("no article {} in the store", n.url),
        })?;
        let at = now();
        let tx = self.conn.transaction().map_err(|e| sql(&self.path, e))?;
        let (article_id, version_id, text): (i64, Option<i64>, Option<String>) = tx
            .query_row(
                "SELECT a.id, v.id, v.text FROM articles a
                 LEFT JOIN versions v ON v.article_id = a.id AND v.number = ?2
                 WHERE a.url = ?1",
                params![url, n.version],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| sql(&self.path, e))?;
        if n.version.is_some() && version_id.is_none() {
            return Err(StoreError::Sql {
                path: self.path.display().to_string(),
                reason: format!("{url} has no version {}", n.version.unwrap_or(0)),
            });
        }
        let quote = n
            .span
            .and_then(|s| text.as_deref().and_then(|t| t.get(s.range())))
            .map(str::to_string);
        tx.execute(
            "INSERT INTO notes (article_id, version_id, span_start, span_end, quote, body,
                                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                article_id,
                version_id,
                n.span.map(|s| s.start as i64),
                n.span.map(|s| s.end as i64),
                quote,
                n.body,
                at
            ],
        )
        .map_err(|e| sql(&self.path, e))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| sql(&self.path, e))?;
        Ok(id)
    }

    /// The notes of an article, oldest first.
    pub fn notes(&self, url: &str) -> Result<Vec<Note>, StoreError> {
        let Some(url) = self.resolve_url(url)? else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT n.id, a.url, v.number, n.span_start, n.span_end, n.quote, n.body,
                        n.created_at, n.updated_at
                 FROM notes n JOIN articles a ON a.id = n.article_id
                 LEFT JOIN versions v ON v.id = n.version_id
                 WHERE a.url = ?1 ORDER BY n.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![url], |r| {
                let (s, e): (Option<i64>, Option<i64>) = (r.get(3)?, r.get(4)?);
                Ok(Note {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    version: r.get(2)?,
                    span: s.zip(e).map(|(s, e)| Span::new(s as usize, e as usize)),
                    quote: r.get(5)?,
                    body: r.get(6)?,
                    created_at: r.get(7)?,
                    updated_at: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Changes a note's text. Returns false when there is no such note.
    pub fn update_note(&mut self, id: i64, body: &str) -> Result<bool, StoreError> {
        self.conn
            .execute(
                "UPDATE notes SET body = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, body, now()],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Deletes a note. Returns false when there is no such note.
    pub fn delete_note(&mut self, id: i64) -> Result<bool, StoreError> {
        let existed = self
            .conn
            .query_row("SELECT 1 FROM notes WHERE id = ?1", params![id], |_| Ok(()))
            .optional()
            .map_err(|e| self.err(e))?
            .is_some();
        self.conn
            .execute("DELETE FROM notes WHERE id = ?1", params![id])
            .map_err(|e| self.err(e))?;
        Ok(existed)
    }
}

fn sql(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
    StoreError::Sql {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::{Format, Source};
    use crate::engine::fetch::sha256_hex;
    use crate::engine::load;
    use crate::store::Incoming;
    use crate::store::tests::temp_store;

    #[test]
    fn notes_keep_their_quote_across_versions() {
        let (mut store, _dir) = temp_store("notes");
        let a = load::parse(
            Source::Url("http://h/a".into()),
            b"Talks\n\nThe council met on Monday in the old hall.",
            Format::Text,
        )
        .unwrap()
        .articles
        .remove(0);
        store
            .save_articles(&[Incoming {
                article: &a,
                url: "http://h/a".into(),
                raw_sha256: sha256_hex(a.text.as_bytes()),
            }])
            .unwrap();
        let at = a.text.find("Monday").unwrap();
        let id = store
            .add_note(&NewNote {
                url: "http://h/a",
                version: Some(1),
                span: Some(Span::new(at, at + 6)),
                body: "other reports say Tuesday",
            })
            .unwrap();
        let notes = store.notes("http://h/a").unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].quote.as_deref(), Some("Monday"));
        assert_eq!(notes[0].version, Some(1));
        assert!(store.update_note(id, "checked: Tuesday").unwrap());
        assert_eq!(
            store.notes("http://h/a").unwrap()[0].body,
            "checked: Tuesday"
        );
        assert!(store.delete_note(id).unwrap());
        assert!(!store.delete_note(id).unwrap());
        assert!(
            store
                .add_note(&NewNote {
                    url: "http://h/unknown",
                    version: None,
                    span: None,
                    body: "x"
                })
                .is_err()
        );
    }
}
