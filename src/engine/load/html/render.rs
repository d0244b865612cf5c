//! HTML → blocks: one walk over the DOM (an explicit stack, so deep nesting cannot overflow)
//! that turns headings, paragraphs and list items into one-line, sanitized pieces of text.
//! Used for extracted articles, whole pages (skipping page furniture), feed content and JSON
//! bodies.

use super::guard::{defuse, strip_tags};
use crate::engine::article::Span;
use crate::engine::load::structure::{Hint, RawBlock};
use crate::engine::sanitize::sanitize;
use dom_query::{Document, NodeRef};
use std::sync::mpsc;
use std::time::Duration;

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
    /// What the reader should know about how the markup was read (pathological markup cut,
    /// a parse over its time budget).
    pub notes: Vec<String>,
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
        notes: Vec::new(),
    }
}

/// Fragments larger than this are parsed on a worker thread with [`PARSE_BUDGET`].
pub const BUDGETED_BYTES: usize = 256 * 1024;
/// How long parsing one document may take before its text is shown without markup.
pub const PARSE_BUDGET: Duration = Duration::from_secs(10);

/// Renders an HTML fragment (feed content, an escaped summary, a JSON body) as blocks, after
/// [`defuse`] and, for a large one, within [`PARSE_BUDGET`].
pub fn render_fragment(html: &str) -> Rendered {
    let (html, note) = defuse(html);
    let mut rendered = if html.len() <= BUDGETED_BYTES {
        render(Document::fragment(html.as_ref()).root(), false)
    } else {
        let owned = html.clone().into_owned();
        within_budget(move || render(Document::fragment(owned).root(), false))
            .unwrap_or_else(|| over_budget(&html))
    };
    rendered.notes.extend(note);
    rendered
}

/// The text of markup whose parse ran over budget: tags stripped, a note saying so.
pub fn over_budget(html: &str) -> Rendered {
    let mut r = render_plain(&strip_tags(html), "\n\n");
    r.notes.push(format!(
        "parsing the markup took over {} s; showing its text without structure",
        PARSE_BUDGET.as_secs()
    ));
    r
}

/// Runs `work` on a worker thread and waits at most [`PARSE_BUDGET`] for it; a late worker
/// is abandoned (its answer is dropped).
pub fn within_budget<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("html-parse".into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(work());
        })
        .ok()?;
    rx.recv_timeout(PARSE_BUDGET).ok()
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

/// Plain text (no markup) as paragraphs split on `sep`, each sanitized and collapsed to one
/// line. Shared by feeds with `text/plain` content and JSON bodies without tags.
pub fn render_plain(body: &str, sep: &str) -> Rendered {
    let mut out = Rendered::default();
    for para in body.split(sep) {
        let (clean, report, _) = sanitize(&collapse(para));
        out.cleaned += report.total();
        let text = collapse(&clean);
        if !text.is_empty() {
            out.pieces.push((Hint::Para, text));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(html: &str) -> Vec<(Hint, String)> {
        render_fragment(html).pieces
    }

    #[test]
    fn blocks_headings_bullets_and_breaks() {
        let p = pieces(
            "<h2>Head</h2><p>One &amp; <b>two</b>\n  three</p><ul><li><p>Item</p></li></ul><p>a<br>b<br><br>c</p><script>x()</script>",
        );
        assert_eq!(
            p,
            vec![
                (Hint::Heading(2), "Head".to_string()),
                (Hint::Para, "One & two three".to_string()),
                (Hint::Bullet, "• Item".to_string()),
                (Hint::Para, "a b".to_string()),
                (Hint::Para, "c".to_string()),
            ]
        );
    }

    #[test]
    fn numeric_references_to_controls_are_sanitized() {
        let r = render_fragment("<p>a&#x1b;[2Jb &#x9b;c</p>");
        assert!(
            r.pieces[0].1.chars().all(|c| !c.is_control()),
            "{:?}",
            r.pieces
        );
        assert!(r.cleaned > 0);
    }

    #[test]
    fn assembled_spans_index_the_text() {
        let (text, raw) = assemble(&[(Hint::Para, "a b".into()), (Hint::Bullet, "• c".into())]);
        assert_eq!(text, "a b\n\n• c");
        assert_eq!(&text[raw[1].span.range()], "• c");
    }
}
