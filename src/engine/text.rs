//! Cutting text to a number of terminal columns (display width, `unicode-width`), for any
//! front end that prints in columns: the reader's widgets and the command line's listings.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
        let cw = c.width().unwrap_or(0);
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
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_within_the_width() {
        assert_eq!(truncate("peace talks", 20), "peace talks");
        assert_eq!(truncate("peace talks", 6), "peace…");
        assert_eq!(truncate_left("peace talks", 6), "…talks");
        assert_eq!(truncate_left("直接会谈", 5), "…会谈");
        assert_eq!(truncate_left("abc", 0), "");
        for w in 0..12 {
            assert!(truncate("peace talks in Istanbul", w).width() <= w);
            assert!(truncate_left("peace talks in Istanbul", w).width() <= w);
        }
    }
}
