//! The reading pane's lines for one article at one width: wrapped at word boundaries by
//! display width, computed once per (article, width) and cached by the app, so a 5 MB article
//! scrolls by slicing a vector.

pub use crate::engine::article::{meta_line, notes};
use crate::engine::text::wrap_spans;
use crate::engine::{Article, BlockKind, Span};

/// What a line shows; the theme styles each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Note,
    Heading,
    Body,
    Bullet,
    Blank,
}

/// A line's content: words of the article text (byte spans, joined by one space when drawn)
/// or text made up for display (title, metadata).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineContent {
    Words(Vec<Span>),
    Owned(String),
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    pub kind: LineKind,
    pub indent: u16,
    pub content: LineContent,
}

/// An article laid out at a width.
#[derive(Debug, Clone, Default)]
pub struct DocLayout {
    pub width: u16,
    pub lines: Vec<DocLine>,
}

fn blank() -> DocLine {
    DocLine {
        kind: LineKind::Blank,
        indent: 0,
        content: LineContent::Blank,
    }
}

/// Lays out an article at `width` columns.
pub fn layout(a: &Article, width: u16) -> DocLayout {
    let w = width.max(1);
    let mut lines = Vec::new();
    wrap_owned(&a.title, w, LineKind::Title, &mut lines);
    wrap_owned(&meta_line(a), w, LineKind::Meta, &mut lines);
    for n in notes(a) {
        wrap_owned(&n, w, LineKind::Note, &mut lines);
    }
    let mut prev = None;
    for block in a.content_blocks() {
        let (kind, indent) = match block.kind {
            BlockKind::Title if !a.title_derived => continue,
            BlockKind::Heading => (LineKind::Heading, 0),
            BlockKind::Bullet => (LineKind::Bullet, 2),
            _ => (LineKind::Body, 0),
        };
        // A list is drawn tight; everything else is separated by a blank line.
        if !(kind == LineKind::Bullet && prev == Some(LineKind::Bullet)) {
            lines.push(blank());
        }
        prev = Some(kind);
        wrap_words(&a.text, block.span, w, kind, indent, &mut lines);
    }
    DocLayout { width, lines }
}

/// Wraps the words of `span` ([`wrap_spans`]): the first line at `width`, the others
/// indented by `indent`.
pub fn wrap_words(
    text: &str,
    span: Span,
    width: u16,
    kind: LineKind,
    indent: u16,
    out: &mut Vec<DocLine>,
) {
    let width = width as usize;
    let rest = width.saturating_sub(indent as usize).max(1);
    for (k, words) in wrap_spans(text, span, width, rest).into_iter().enumerate() {
        out.push(DocLine {
            kind,
            indent: if k == 0 { 0 } else { indent },
            content: LineContent::Words(words),
        });
    }
}

fn wrap_owned(s: &str, width: u16, kind: LineKind, out: &mut Vec<DocLine>) {
    let mut tmp = Vec::new();
    wrap_words(s, Span::new(0, s.len()), width, kind, 0, &mut tmp);
    for l in tmp {
        if let LineContent::Words(ws) = l.content {
            let text = ws
                .iter()
                .map(|w| &s[w.range()])
                .collect::<Vec<_>>()
                .join(" ");
            out.push(DocLine {
                kind,
                indent: 0,
                content: LineContent::Owned(text),
            });
        }
    }
}

/// The text of a line as drawn (for tests and plain output).
pub fn line_text(text: &str, line: &DocLine) -> String {
    let body = match &line.content {
        LineContent::Words(ws) => ws
            .iter()
            .map(|w| text.get(w.range()).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" "),
        LineContent::Owned(s) => s.clone(),
        LineContent::Blank => String::new(),
    };
    format!("{}{}", " ".repeat(line.indent as usize), body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load::{Input, LoadOptions, load_input};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn every_line_fits_and_no_word_is_lost() {
        let a = load_input(&Input::Seed(2), &LoadOptions::default())
            .unwrap()
            .articles
            .remove(0);
        for width in [1u16, 5, 17, 40, 80, 200] {
            let l = layout(&a, width);
            let mut words = 0;
            for line in &l.lines {
                let t = line_text(&a.text, line);
                assert!(t.width() <= width as usize || width < 3, "{width}: {t:?}");
                if let LineContent::Words(ws) = &line.content {
                    words += ws.len();
                }
            }
            let expected: usize = a
                .content_blocks()
                .filter(|b| b.kind != BlockKind::Title || a.title_derived)
                .map(|b| a.slice(b.span).split_whitespace().count())
                .sum();
            assert!(words >= expected, "width {width}: {words} < {expected}");
        }
    }

    #[test]
    fn bullets_hang() {
        let text = "• one two three four five six";
        let mut out = Vec::new();
        wrap_words(
            text,
            Span::new(0, text.len()),
            12,
            LineKind::Bullet,
            2,
            &mut out,
        );
        let lines: Vec<String> = out.iter().map(|l| line_text(text, l)).collect();
        assert_eq!(lines, vec!["• one two", "  three four", "  five six"]);
    }
}
