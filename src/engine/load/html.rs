//! HTML pages: the article found by dom_smoothie (a port of Mozilla's Readability), rendered
//! as our blocks; the page's own text when no article is found.
//!
//! Extraction is guarded: a page over [`MAX_READABILITY_BYTES`] or nested deeper than
//! [`MAX_NESTING`] skips Readability (its recursion could overflow the stack), and the rest
//! runs on a worker thread with a [`TIME_BUDGET`]; a late worker is abandoned. On any failure
//! the `<body>` is rendered without scripts, styles, navigation, headers, footers and asides,
//! with a note saying so. [`render`] (HTML → blocks) is shared with feeds and JSON.

mod guard;
mod render;

pub use guard::{defuse, nesting_depth, strip_tags};

pub use render::{
    PARSE_BUDGET, Rendered, assemble, collapse, over_budget, render, render_fragment, render_plain,
    within_budget,
};

use super::default_meta;
use super::encoding::Decoded;
use super::structure::{Hint, classify};
use crate::engine::article::{Article, Format, Meta, Source, SourceMap};
use crate::engine::sanitize::sanitize_line;
use dom_query::Document;
use std::sync::mpsc;
use std::time::Duration;

/// Pages larger than this skip Readability.
pub const MAX_READABILITY_BYTES: usize = 5 * 1024 * 1024;
/// Pages nested deeper than this skip Readability.
pub const MAX_NESTING: usize = 512;
/// How long Readability may take before the page text is shown instead.
pub const TIME_BUDGET: Duration = Duration::from_secs(3);

/// Builds an article from rendered pieces. `meta` strings must already be sanitized lines.
pub fn build(
    source: Source,
    format: Format,
    mut rendered: Rendered,
    title: Option<String>,
    meta: Meta,
    mut notes: Vec<String>,
) -> Article {
    let title = title.filter(|t| !t.is_empty());
    // The headline is part of the text (as plain-text files have it), once.
    if let Some(t) = &title {
        let first = rendered
            .pieces
            .first()
            .map(|(_, p)| collapse(p).to_lowercase());
        if first.as_deref() != Some(t.to_lowercase().as_str()) {
            rendered.pieces.insert(0, (Hint::Heading(1), t.clone()));
        }
    }
    notes.append(&mut rendered.notes);
    let (text, raw) = assemble(&rendered.pieces);
    if rendered.cleaned > 0 {
        notes.push(format!(
            "{} control or invisible character{} removed from the markup",
            rendered.cleaned,
            if rendered.cleaned == 1 { "" } else { "s" }
        ));
    }
    let s = classify(&text, &raw, title.as_deref());
    let mut meta = default_meta(&source, meta);
    if meta.byline.is_none() {
        meta.byline = s.byline.map(|b| sanitize_line(&b));
    }
    Article {
        source,
        format,
        text,
        title: sanitize_line(&s.title),
        title_derived: s.title_derived,
        meta,
        blocks: s.blocks,
        // Rendered text is not a copy of the markup: offsets are into the rendered text.
        source_map: SourceMap::identity(),
        notes,
        words: Default::default(),
        key: Default::default(),
    }
}

/// A metadata string made safe: entities decoded, tags stripped, whitespace collapsed,
/// sanitized for one line. `None` when nothing is left.
pub fn clean_line(s: &str) -> Option<String> {
    let s = if s.contains('<') {
        render_fragment(s)
            .pieces
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        html_escape::decode_html_entities(s).into_owned()
    };
    let s = collapse(&sanitize_line(&s));
    (!s.is_empty()).then_some(s)
}

/// A byline as one clean line, without a leading "By ".
pub fn clean_byline(s: &str) -> Option<String> {
    let line = clean_line(s)?;
    let name = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(&line)
        .trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// What Readability found, in owned strings (the worker thread's answer).
struct Extracted {
    title: String,
    byline: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    content: String,
}

/// Parses a decoded HTML page into an article.
pub fn parse(source: Source, decoded: Decoded) -> Article {
    let mut notes = decoded.notes;
    let (html, note) = defuse(&decoded.text);
    notes.extend(note);
    let html = html.into_owned();
    let base_meta = Meta {
        encoding: decoded.encoding,
        ..Meta::default()
    };
    let extracted = if html.len() > MAX_READABILITY_BYTES || nesting_depth(&html) > MAX_NESTING {
        Err("the page is too large or too deeply nested for article extraction")
    } else {
        extract(html.clone())
    };
    if let Ok(ex) = extracted {
        let rendered = render_fragment(&ex.content);
        let words: usize = rendered
            .pieces
            .iter()
            .map(|(_, t)| t.split_whitespace().count())
            .sum();
        if words >= 20 {
            let meta = Meta {
                outlet: ex.site_name.as_deref().and_then(clean_line),
                byline: ex.byline.as_deref().and_then(clean_byline),
                date: ex.published.as_deref().and_then(clean_line),
                language: ex.lang.as_deref().and_then(clean_line),
                ..base_meta
            };
            return build(
                source,
                Format::Html,
                rendered,
                clean_line(&ex.title),
                meta,
                notes,
            );
        }
        notes.push("readability found no article; showing the page text".to_string());
    } else if let Err(why) = extracted {
        notes.push(format!("{why}; showing the page text"));
    }
    if html.len() <= render::BUDGETED_BYTES {
        return fallback(source, &html, base_meta, notes);
    }
    let (s, m, n) = (source.clone(), base_meta.clone(), notes.clone());
    let owned = html.clone();
    within_budget(move || fallback(s, &owned, m, n)).unwrap_or_else(|| {
        let rendered = over_budget(&html);
        build(source, Format::Html, rendered, None, base_meta, notes)
    })
}

/// The page's text without furniture, with what metadata the `<head>` states.
fn fallback(source: Source, html: &str, meta: Meta, notes: Vec<String>) -> Article {
    let doc = Document::from(html);
    let content = |sel: &str| doc.select(sel).attr("content").and_then(|v| clean_line(&v));
    let title =
        content("meta[property='og:title']").or_else(|| clean_line(&doc.select("title").text()));
    let meta = Meta {
        outlet: content("meta[property='og:site_name']"),
        byline: content("meta[name='author']").and_then(|b| clean_byline(&b)),
        date: content("meta[property='article:published_time']"),
        language: doc.select("html").attr("lang").and_then(|v| clean_line(&v)),
        ..meta
    };
    let rendered = match doc.body() {
        Some(body) => render(body, true),
        None => render(doc.root(), true),
    };
    build(source, Format::Html, rendered, title, meta, notes)
}

/// Runs Readability on a worker thread with a time budget.
fn extract(html: String) -> Result<Extracted, &'static str> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("readability".into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let result = dom_smoothie::Readability::new(html, None, None)
                .and_then(|mut r| r.parse())
                .map(|a| Extracted {
                    title: a.title,
                    byline: a.byline,
                    site_name: a.site_name,
                    published: a.published_time,
                    lang: a.lang,
                    content: a.content.to_string(),
                });
            // The receiver is gone when we were too late: nothing to do.
            let _ = tx.send(result.ok());
        });
    if spawned.is_err() {
        return Err("could not start article extraction");
    }
    match rx.recv_timeout(TIME_BUDGET) {
        Ok(Some(ex)) => Ok(ex),
        Ok(None) | Err(mpsc::RecvTimeoutError::Disconnected) => Err("readability found no article"),
        Err(mpsc::RecvTimeoutError::Timeout) => Err("extraction took too long"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_lines_are_clean() {
        assert_eq!(
            clean_line("AT&amp;T <b>News</b>").as_deref(),
            Some("AT&T News")
        );
        assert_eq!(
            clean_line("Fish &amp; Chips").as_deref(),
            Some("Fish & Chips")
        );
        assert_eq!(clean_line("a\u{1b}[2J b\u{9b}1m").as_deref(), Some("a b"));
        assert_eq!(clean_line("  \n "), None);
        assert_eq!(
            clean_byline("By Erin Cunningham").as_deref(),
            Some("Erin Cunningham")
        );
        assert_eq!(clean_byline("Bye Bye").as_deref(), Some("Bye Bye"));
    }
}
