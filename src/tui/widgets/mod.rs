//! Widgets, each named for what it shows. They borrow the app and compute nothing expensive.

pub mod ascii;
pub mod compare;
pub mod entities;
pub mod library;
pub mod overlay;
pub mod reader;
pub mod search;
pub mod status;
pub mod story;
pub mod web;

pub use crate::engine::text::{truncate, truncate_left};
use ratatui::text::Span;
use unicode_width::UnicodeWidthStr;

/// Styled spans cut to at most `width` columns, ending in `…` when cut (the spans' form of
/// [`truncate`]).
pub fn truncate_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    if spans.iter().map(|s| s.content.width()).sum::<usize>() <= width {
        return spans;
    }
    let mut out = Vec::with_capacity(spans.len());
    let mut used = 0;
    for s in spans {
        let w = s.content.width();
        if used + w < width {
            used += w;
            out.push(s);
            continue;
        }
        // The span that reaches the edge, with more after it: cut, and `…` in its style.
        let cut = truncate(&format!("{}…", s.content), width - used);
        out.push(Span::styled(cut, s.style));
        break;
    }
    out
}

/// A span padded with spaces to exactly `width` columns.
pub fn padded(s: &str, width: usize, style: ratatui::style::Style) -> Span<'static> {
    let t = truncate(s, width);
    let pad = width.saturating_sub(t.width());
    Span::styled(format!("{t}{}", " ".repeat(pad)), style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_spans_end_in_an_ellipsis_and_keep_their_styles() {
        let bold = ratatui::style::Style::default().bold();
        let spans = || {
            vec![
                Span::raw("ab "),
                Span::styled("cdef", bold),
                Span::raw(" gh"),
            ]
        };
        let text = |v: &[Span]| v.iter().map(|s| s.content.as_ref()).collect::<String>();
        assert_eq!(text(&truncate_spans(spans(), 10)), "ab cdef gh");
        assert_eq!(text(&truncate_spans(spans(), 9)), "ab cdef …");
        // A span that fits exactly with more after it gives way to the `…`.
        let cut = truncate_spans(spans(), 7);
        assert_eq!(text(&cut), "ab cde…");
        assert_eq!(cut[1].style, bold);
        assert_eq!(text(&truncate_spans(spans(), 3)), "ab…");
        assert_eq!(text(&truncate_spans(spans(), 1)), "…");
        assert_eq!(text(&truncate_spans(spans(), 0)), "");
        for w in 0..12 {
            assert!(text(&truncate_spans(spans(), w)).width() <= w, "{w}");
        }
    }
}
