//! HTML pages: the article found by dom_smoothie (a port of Mozilla's Readability), rendered
//! as our blocks; the page's own text when no article is found.
//!
//! Extraction is guarded: a page over [`MAX_READABILITY_BYTES`] or nested deeper than
//! [`MAX_NESTING`] skips Readability (its recursion could overflow the stack), and the rest
//! runs on a worker thread with a [`TIME_BUDGET`]; a late worker is abandoned. On any failure
//! the `<body>` is rendered without scripts, styles, navigation, headers, footers and asides,
//! with a note saying so. [`render`] (HTML → blocks) is shared with feeds and JSON.

use super::default_meta;
use super::encoding::Decoded;
use super::structure::{Hint, RawBlock, classify};
use crate::engine::article::{Article, Format, Meta, Source, SourceMap, Span};
use crate::engine::sanitize::{sanitize, sanitize_line};
use dom_query::{Document, NodeRef};
use std::sync::mpsc;
use std::time::Duration;

/// Pages larger than this skip Readability.
pub const MAX_READABILITY_BYTES: usize = 5 * 1024 * 1024;
/// Pages nested deeper than this skip Readability.
pub const MAX_NESTING: usize = 512;
/// How long Readability may take before the page text is shown instead.
pub const TIME_BUDGET: Duration = Duration::from_secs(3);

/// Elements never rendered.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "head",
    "title", "button", "select", "option", "textarea", "input", "canvas", "audio", "video",
    "picture", "img", "form",
];
/// Page furniture, skipped when rendering a whole page rather than an extracted article.
const FURNITURE: &[&str] = &["nav", "header", "footer", "aside", "menu", "dialog"];
/// Elements that start and end a block.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "nav",
    "header",
    "footer",
    "aside",
    "caption",
    "fieldset",
    "legend",
    "hgroup",
];

/// Blocks rendered from HTML: each a hint and its clean, one-line text.
#[derive(Debug, Default)]
pub struct Rendered {
    pub pieces: Vec<(Hint, String)>,
    /// Characters the sanitizer removed or replaced (escape sequences hidden in the markup).
    pub cleaned: usize,
}

/// Renders the children of `root` as blocks. `page` also skips page furniture.
pub fn render(root: NodeRef<'_>, page: bool) -> Rendered {
    let mut r = Renderer::default();
    // An explicit stack: real pages nest deeply, and recursion could overflow.
    let mut stack: Vec<(NodeRef<'_>, bool)> = root.children_it(true).map(|n| (n, false)).collect();
    while let Some((node, exit)) = stack.pop() {
        if exit {
            r.flush();
            continue;
        }
        if node.is_text() {
            r.buf.push_str(&node.text());
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        if SKIP.contains(&name.as_str()) || (page && FURNITURE.contains(&name.as_str())) {
            continue;
        }
        if name == "br" {
            r.buf.push('\n');
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            let keep_bullet = r.hint == Hint::Bullet && r.buf.trim().is_empty();
            r.flush();
            r.hint = match name.as_bytes() {
                [b'h', d @ b'1'..=b'6'] => Hint::Heading(d - b'0'),
                b"li" => Hint::Bullet,
                _ if keep_bullet => Hint::Bullet,
                _ => Hint::Para,
            };
            stack.push((node, true));
        }
        stack.extend(node.children_it(true).map(|n| (n, false)));
    }
    r.flush();
    Rendered {
        pieces: r.pieces,
        cleaned: r.cleaned,
    }
}

/// Renders an HTML fragment (feed content, an escaped summary) as blocks.
pub fn render_fragment(html: &str) -> Rendered {
    let doc = Document::fragment(html);
    render(doc.root(), false)
}

struct Renderer {
    buf: String,
    hint: Hint,
    pieces: Vec<(Hint, String)>,
    cleaned: usize,
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer {
            buf: String::new(),
            hint: Hint::Para,
            pieces: Vec::new(),
            cleaned: 0,
        }
    }
}

impl Renderer {
    /// Ends the current block: `<br><br>` splits paragraphs, whitespace collapses, and the
    /// text is sanitized.
    fn flush(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        let hint = std::mem::replace(&mut self.hint, Hint::Para);
        for (i, para) in split_double_breaks(&buf).into_iter().enumerate() {
            let (clean, report, _) = sanitize(&collapse(para));
            self.cleaned += report.total();
            let text = collapse(&clean);
            if text.is_empty() || text.chars().all(|c| c == '\u{FFFD}') {
                continue;
            }
            let hint = if i == 0 { hint } else { Hint::Para };
            let text = if hint == Hint::Bullet {
                format!("• {text}")
            } else {
                text
            };
            self.pieces.push((hint, text));
        }
    }
}

/// Splits at blank lines (two `<br>` in a row), keeping single breaks inside a paragraph.
fn split_double_breaks(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut last_break: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c == '\n' {
            if let Some(prev) = last_break
                && s[prev + 1..i].trim().is_empty()
            {
                out.push(&s[start..prev]);
                start = i + 1;
                last_break = None;
                continue;
            }
            last_break = Some(i);
        } else if !c.is_whitespace() {
            last_break = None;
        }
    }
    out.push(&s[start..]);
    out
}

/// Collapses runs of whitespace (including no-break spaces) to one space and trims.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins pieces into one text with "\n\n" between blocks, and their raw blocks.
pub fn assemble(pieces: &[(Hint, String)]) -> (String, Vec<RawBlock>) {
    let mut text = String::new();
    let mut raw = Vec::with_capacity(pieces.len());
    for (hint, piece) in pieces {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(piece);
        raw.push(RawBlock {
            span: Span::new(start, text.len()),
            hint: *hint,
        });
    }
    (text, raw)
}

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
    let html = decoded.text;
    let mut notes = decoded.notes;
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
                byline: ex.byline.as_deref().and_then(clean_line),
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
    fallback(source, &html, base_meta, notes)
}

/// The page's text without furniture, with what metadata the `<head>` states.
fn fallback(source: Source, html: &str, meta: Meta, notes: Vec<String>) -> Article {
    let doc = Document::from(html);
    let content = |sel: &str| doc.select(sel).attr("content").and_then(|v| clean_line(&v));
    let title =
        content("meta[property='og:title']").or_else(|| clean_line(&doc.select("title").text()));
    let meta = Meta {
        outlet: content("meta[property='og:site_name']"),
        byline: content("meta[name='author']"),
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

/// An upper estimate of element nesting: open tags minus close tags, skipping void elements,
/// self-closing tags, comments, and the insides of scripts and styles.
pub fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "option",
    ];
    let b = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i, b"-->").unwrap_or(b.len());
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let end = start
            + b[start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
        if end == start {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        if close {
            depth = depth.saturating_sub(1);
            continue;
        }
        let tag_end = memchr(b'>', &b[end..]).map_or(b.len(), |p| end + p);
        if VOID.contains(&name.as_str()) || b[..tag_end].ends_with(b"/") {
            continue;
        }
        if name == "script" || name == "style" {
            let closer = format!("</{name}");
            i = find_ci(html, tag_end, &closer).unwrap_or(b.len());
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p + needle.len())
}

fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = hay.as_bytes().get(from..)?;
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        .map(|p| from + p)
}
