//! Widgets, each named for what it shows. They borrow the app and compute nothing expensive.

pub mod compare;
pub mod entities;
pub mod library;
pub mod overlay;
pub mod reader;
pub mod status;
pub mod story;

use ratatui::text::Span;
use unicode_width::UnicodeWidthStr;

/// Cuts `s` to at most `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// Keeps the last `width` columns of `s`, led by `…` when cut (the mirror of [`truncate`]).
pub fn truncate_left(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out.iter().rev().collect()
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
    fn truncate_left_keeps_the_end_within_the_width() {
        assert_eq!(truncate_left("peace talks", 20), "peace talks");
        assert_eq!(truncate_left("peace talks", 6), "…talks");
        assert_eq!(truncate_left("直接会谈", 5), "…会谈");
        assert_eq!(truncate_left("abc", 0), "");
        for w in 0..12 {
            assert!(truncate_left("peace talks in Istanbul", w).width() <= w);
        }
    }
}
