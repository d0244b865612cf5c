//! An article as kept outside the process (the local store): its clean text, blocks and
//! metadata, enough to rebuild the same [`Article`] without the network or the original
//! bytes. What comes back is checked like any input — a store can be edited by hand: spans
//! must lie inside the text on character boundaries, in order, and the text, title and
//! metadata are sanitized again; a saved article that fails the checks is re-read as plain
//! text instead.

use crate::engine::article::{Article, Block, Format, Meta, Source, SourceMap};
use crate::engine::load;
use crate::engine::sanitize::{sanitize, sanitize_line};
use std::sync::Arc;

/// One saved version of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedArticle {
    /// The article's own URL (its identity in the store).
    pub url: String,
    /// Which kept version this is, from 1.
    pub version: u32,
    pub format: Format,
    pub title: String,
    pub title_derived: bool,
    pub text: String,
    pub blocks: Vec<Block>,
    pub meta: Meta,
    pub notes: Vec<String>,
}

impl SavedArticle {
    /// What to keep of `a`, known by `url`.
    pub fn of(a: &Article, url: &str) -> Self {
        SavedArticle {
            url: url.to_string(),
            version: 1,
            format: a.format,
            title: a.title.clone(),
            title_derived: a.title_derived,
            text: a.text.clone(),
            blocks: a.blocks.clone(),
            meta: a.meta.clone(),
            notes: a.notes.clone(),
        }
    }

    /// The blocks as JSON (`[{"span":{"start":0,"end":12},"kind":"title"}, …]`).
    pub fn blocks_json(&self) -> String {
        serde_json::to_string(&self.blocks).unwrap_or_else(|_| "[]".into())
    }

    /// Blocks from [`Self::blocks_json`]'s form.
    pub fn parse_blocks(json: &str) -> Result<Vec<Block>, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// True when every block lies inside the text, on character boundaries, in order.
    fn blocks_fit(&self) -> bool {
        let mut end = 0;
        !self.blocks.is_empty()
            && self.blocks.iter().all(|b| {
                let ok = b.span.start >= end
                    && b.span.start <= b.span.end
                    && b.span.end <= self.text.len()
                    && self.text.is_char_boundary(b.span.start)
                    && self.text.is_char_boundary(b.span.end);
                end = b.span.end;
                ok
            })
    }

    /// The article again. Its source is [`Source::Stored`].
    pub fn to_article(&self) -> Article {
        let source = Source::Stored {
            url: self.url.clone(),
            version: self.version,
        };
        let clean = |o: &Option<String>| o.as_deref().map(sanitize_line);
        let meta = Meta {
            outlet: clean(&self.meta.outlet),
            byline: clean(&self.meta.byline),
            date: clean(&self.meta.date),
            url: clean(&self.meta.url),
            language: clean(&self.meta.language),
            encoding: clean(&self.meta.encoding),
            outlet_derived: self.meta.outlet_derived,
        };
        let notes: Vec<String> = self.notes.iter().map(|n| sanitize_line(n)).collect();
        let (sanitized, _, _) = sanitize(&self.text);
        if sanitized == self.text && self.blocks_fit() {
            return Article {
                source,
                format: self.format,
                text: self.text.clone(),
                title: sanitize_line(&self.title),
                title_derived: self.title_derived,
                meta,
                blocks: self.blocks.clone(),
                source_map: SourceMap::identity(),
                notes,
                words: Default::default(),
                key: Default::default(),
            };
        }
        // Damaged: read the text again as plain text, keeping what is known about it.
        let reread = load::parse(source.clone(), self.text.as_bytes(), Format::Text)
            .ok()
            .and_then(|l| l.articles.into_iter().next());
        let mut a = reread.unwrap_or_else(|| Article {
            source,
            format: Format::Text,
            text: String::new(),
            title: sanitize_line(&self.title),
            title_derived: self.title_derived,
            meta: Meta::default(),
            blocks: Vec::new(),
            source_map: SourceMap::identity(),
            notes: Vec::new(),
            words: Default::default(),
            key: Default::default(),
        });
        a.meta = meta;
        a.notes = notes;
        a.notes
            .push("the stored copy was damaged; its text was read again as plain text".into());
        a
    }
}

/// A saved article as an input (for `--offline` and the reader's versions).
pub fn input(saved: SavedArticle) -> load::Input {
    load::Input::Saved(Arc::new(saved))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::Span;

    fn article() -> Article {
        let html = "<html><head><title>Talks resume</title></head><body><article>\
            <h1>Talks resume</h1><p>Delegations met in Istanbul on Friday for the first \
            direct talks in three years, officials said.</p><p>A second round is planned \
            for next week, according to both sides, who spoke to reporters.</p></article>\
            </body></html>";
        load::parse(
            Source::Url("http://h/a".into()),
            html.as_bytes(),
            Format::Html,
        )
        .unwrap()
        .articles
        .remove(0)
    }

    #[test]
    fn round_trip_is_exact() {
        let a = article();
        let saved = SavedArticle::of(&a, "http://h/a");
        let json = saved.blocks_json();
        let back = SavedArticle {
            blocks: SavedArticle::parse_blocks(&json).unwrap(),
            ..saved.clone()
        }
        .to_article();
        assert_eq!(back.text, a.text);
        assert_eq!(back.blocks, a.blocks);
        assert_eq!(back.title, a.title);
        assert_eq!(back.meta, a.meta);
        assert_eq!(
            back.source,
            Source::Stored {
                url: "http://h/a".into(),
                version: 1
            }
        );
        assert!(back.notes.iter().all(|n| !n.contains("damaged")));
    }

    #[test]
    fn damaged_copies_are_reread_and_sanitized() {
        let a = article();
        let mut saved = SavedArticle::of(&a, "http://h/a");
        saved.blocks.push(Block {
            span: Span::new(3, 99_999),
            kind: crate::engine::article::BlockKind::Body,
        });
        saved.title = "\u{1b}[31mred".into();
        let back = saved.to_article();
        assert!(back.notes.iter().any(|n| n.contains("damaged")));
        assert!(!back.title.contains('\u{1b}'));
        assert!(back.blocks.iter().all(|b| b.span.end <= back.text.len()));
        let mut escaped = SavedArticle::of(&a, "http://h/a");
        escaped.text.push_str("\u{1b}]0;owned\u{7}");
        let back = escaped.to_article();
        assert!(!back.text.contains('\u{1b}'));
    }
}
