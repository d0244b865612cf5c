//! Cutting and wrapping text to a number of terminal columns (display width,
//! `unicode-width`), for any front end that prints in columns: the reader's panes, its
//! widgets and the command line's listings. [`wrap_spans`] is the one word wrapper: the
//! reading pane, the compare view and plain strings ([`wrap`]) all wrap through it.

use crate::engine::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The words of `text[span]` (split at whitespace), as spans of `text`.
pub fn words_of(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let body = text.get(span.range()).unwrap_or("");
    let base = span.start;
    body.split_whitespace().map(move |w| {
        // split_whitespace yields subslices: recover their offsets.
        let start = base + (w.as_ptr() as usize - body.as_ptr() as usize);
        Span::new(start, start + w.len())
    })
}

/// Greedy word wrap of `text[span]`: each line is the spans of its words (in `text`); the
/// first line holds `first` columns, the others `rest`. A word wider than a line is cut at
/// grapheme boundaries into pieces of `rest` columns.
pub fn wrap_spans(text: &str, span: Span, first: usize, rest: usize) -> Vec<Vec<Span>> {
    let rest = rest.max(1);
    let mut lines: Vec<Vec<Span>> = Vec::new();
    let mut line: Vec<Span> = Vec::new();
    let mut used = 0usize;
    for word in words_of(text, span) {
        let avail = if lines.is_empty() { first } else { rest };
        let wtext = &text[word.range()];
        let ww = wtext.width();
        let need = if line.is_empty() { ww } else { used + 1 + ww };
        if need <= avail {
            used = need;
            line.push(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if ww <= rest {
            used = ww;
            line.push(word);
            continue;
        }
        // Cut a long word into pieces that fit.
        let mut piece_start = word.start;
        let mut piece_w = 0;
        for (off, g) in wtext.grapheme_indices(true) {
            let gw = g.width();
            if piece_w + gw > rest && piece_w > 0 {
                line.push(Span::new(piece_start, word.start + off));
                lines.push(std::mem::take(&mut line));
                piece_start = word.start + off;
                piece_w = 0;
            }
            piece_w += gw;
        }
        line.push(Span::new(piece_start, word.end));
        used = piece_w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Word-wraps `text` to `width` columns (hard-breaking words longer than a line); words on
/// a line are joined by one space.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    wrap_spans(text, Span::new(0, text.len()), width, width)
        .into_iter()
        .map(|l| {
            l.iter()
                .map(|w| &text[w.range()])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Cuts `s` to at most `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out: String = fitting(s.chars(), width).collect();
    if width > 0 {
        out.push('…');
    }
    out
}

/// Keeps the last `width` columns of `s`, led by `…` when cut (the mirror of [`truncate`]).
pub fn truncate_left(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let kept: Vec<char> = fitting(s.chars().rev(), width).collect();
    let mut out = String::with_capacity(kept.len() + 3);
    if width > 0 {
        out.push('…');
    }
    out.extend(kept.iter().rev());
    out
}

/// The characters of `chars`, in order, while they fit in `width` columns with one column
/// left for `…` (none when `width` is 0).
fn fitting(chars: impl Iterator<Item = char>, width: usize) -> impl Iterator<Item = char> {
    let mut used = 0;
    chars.take_while(move |c| {
        let cw = c.width().unwrap_or(0);
        let fits = used + cw < width;
        used += cw;
        fits
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_within_the_width_and_every_word() {
        let text = "the talks in Istanbul ended after six hours without a date for the next round";
        for width in 1..40 {
            let lines = wrap(text, width);
            assert!(
                lines.iter().all(|l| l.width() <= width),
                "{width}: {lines:?}"
            );
            assert_eq!(lines.join(" ").replace(' ', ""), text.replace(' ', ""));
        }
        assert_eq!(wrap("peace talks resumed", 11), ["peace talks", "resumed"]);
        // A word wider than the line is cut at graphemes, never into an empty line.
        assert_eq!(wrap("直接会谈", 3), ["直", "接", "会", "谈"]);
        assert_eq!(wrap("直接", 1), ["直", "接"]);
        // The first line can be wider than the rest (a hanging indent).
        let t = "one two three four";
        let spans = wrap_spans(t, Span::new(0, t.len()), 9, 5);
        let lines: Vec<Vec<&str>> = spans
            .iter()
            .map(|l| l.iter().map(|w| &t[w.range()]).collect())
            .collect();
        assert_eq!(lines, [vec!["one", "two"], vec!["three"], vec!["four"]]);
    }

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

/// `n` with thousands separated by commas: 44850 → "44,850".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod thousands_tests {
    #[test]
    fn groups_of_three() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(44850), "44,850");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
