//! The compare view's body laid out at a width: each row's sentences cut into words (byte
//! ranges of their article, each split where the diff's pieces change) and wrapped, side by
//! side at `geometry::STACK_WIDTH` columns or more, stacked (A above B) below. Built in `prepare`
//! once per (comparison, width, side order); the widget draws the visible lines.

use super::CompareView;
use crate::engine::Article;
use crate::engine::Span;
use crate::engine::compare::diff::{Change, Piece};
use crate::engine::compare::{Comparison, Row, RowRef};
use crate::engine::side::Side;
use crate::tui::geometry::compare_areas;

/// A piece of a word: a byte range of its side's article and how it compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frag {
    pub range: Span,
    pub change: Change,
}

/// One wrapped line of one side: words, each one or more fragments, drawn joined by spaces.
pub type Words = Vec<Vec<Frag>>;

/// What one side of a screen line shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// Words of a sentence; `dim` for a repeated headline (not part of the story) or a
    /// sentence only weakly linked; `lead` before the words ([`WEAK_LEAD`] on the first line
    /// of a weakly linked sentence, spaces under it after).
    Text {
        words: Words,
        dim: bool,
        lead: &'static str,
    },
    /// A sentence this row's left sentence matches that is shown in full in another row:
    /// "~ B7, see row 3" (the link's sign, the sentence, the row showing it).
    Ref(String),
    /// "not in B": the empty side of a one-sided row.
    Absent,
}

/// One screen line of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VLine {
    pub row: usize,
    /// The row's first line (carries the gutter label).
    pub first: bool,
    /// A blank line after a row.
    pub blank: bool,
    /// Stacked layout: which displayed side `left` holds.
    pub side: Option<Side>,
    pub left: Cell,
    pub right: Cell,
}

/// The body laid out at a width.
#[derive(Debug, Clone, Default)]
pub struct CompareLayout {
    pub key: (u16, bool, bool),
    pub lines: Vec<VLine>,
    /// First line of each row, and one past its last (without the blank after it).
    pub rows: Vec<(usize, usize)>,
}

/// Cuts a sentence's pieces into words (split at whitespace) and wraps them at `width`
/// display columns; a word wider than a line is cut at graphemes.
pub fn wrap_pieces(text: &str, pieces: &[Piece], width: usize) -> Vec<Words> {
    let width = width.max(1);
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return Vec::new();
    };
    let span = Span::new(first.range.start, last.range.end);
    if text.get(span.range()).is_none() {
        return Vec::new();
    }
    let frags_of = |w: Span| -> Vec<Frag> {
        let from = pieces.partition_point(|p| p.range.end <= w.start);
        pieces[from..]
            .iter()
            .take_while(|p| p.range.start < w.end)
            .map(|p| Frag {
                range: Span::new(p.range.start.max(w.start), p.range.end.min(w.end)),
                change: p.change,
            })
            .filter(|f| !f.range.is_empty())
            .collect()
    };
    let width = width.max(1);
    crate::engine::text::wrap_spans(text, span, width, width)
        .into_iter()
        .map(|line| line.into_iter().map(frags_of).collect())
        .collect()
}

/// Drawn before a weakly linked sentence (unsure: the link's sign, not a colour only).
pub const WEAK_LEAD: &str = "? ";

/// A row's sentence indices and their pieces on one side.
pub fn row_side(row: &Row, side: Side) -> (&[usize], &[Vec<Piece>]) {
    match side {
        Side::Left => (&row.left, &row.diff.left),
        // Right sentences referred to from this row (`row.refs`) are shown in their own row.
        Side::Right => {
            let shown = row.right.len().min(row.diff.right.len());
            (&row.right, &row.diff.right[..shown])
        }
    }
}

/// True when a sentence comes from a block left out of the story (a repeated headline).
fn skipped(article: &Article, c: &Comparison, side: Side, i: usize) -> bool {
    let s = match side {
        Side::Left => c.left_sentences.get(i),
        Side::Right => c.right_sentences.get(i),
    };
    s.and_then(|s| article.blocks.get(s.block))
        .is_some_and(|b| !b.kind.is_content())
}

/// The line referring to right sentence `r.right`, shown in row `r.row`: "~ B7, see row 3".
pub fn ref_text(row: &Row, r: &RowRef, letter: char) -> String {
    let sign = row
        .links
        .iter()
        .find(|l| l.right == r.right)
        .map_or('~', |l| l.sign());
    format!("{sign} {letter}{}, see row {}", r.right + 1, r.row + 1)
}

/// One side of a row wrapped: every sentence starts a new line; on the right, a weakly linked
/// sentence is led by [`WEAK_LEAD`] and dimmed, and the sentences shown in other rows follow
/// as references ([`Cell::Ref`]).
fn side_lines(
    article: &Article,
    c: &Comparison,
    (side, letter): (Side, char),
    row: &Row,
    width: usize,
) -> Vec<Cell> {
    let (idx, pieces) = row_side(row, side);
    let dims: Vec<bool> = idx.iter().map(|&i| skipped(article, c, side, i)).collect();
    // A repeated headline next to the story's own sentences is a duplicate: hidden. Alone,
    // it is shown dimmed.
    let hide_dims = dims.contains(&false);
    let weak =
        |i: usize| side == Side::Right && row.links.iter().any(|l| l.right == i && l.is_weak());
    let mut out = Vec::new();
    for (k, ps) in pieces.iter().enumerate() {
        let dim = dims.get(k).copied().unwrap_or(false);
        if dim && hide_dims {
            continue;
        }
        let weak = idx.get(k).is_some_and(|&i| weak(i));
        let lead_w = if weak { WEAK_LEAD.len() } else { 0 };
        let lines = wrap_pieces(&article.text, ps, width.saturating_sub(lead_w));
        for (n, words) in lines.into_iter().enumerate() {
            let lead = match (weak, n) {
                (false, _) => "",
                (true, 0) => WEAK_LEAD,
                (true, _) => "  ",
            };
            out.push(Cell::Text {
                words,
                dim: dim || weak,
                lead,
            });
        }
    }
    if side == Side::Right {
        out.extend(row.refs.iter().map(|r| Cell::Ref(ref_text(row, r, letter))));
    }
    out
}

/// Lays out the displayed comparison at screen width `w`.
pub fn build_layout(view: &CompareView, w: u16) -> CompareLayout {
    let a = compare_areas((w, 10));
    let key = (w, a.stacked, view.swapped);
    let mut out = CompareLayout {
        key,
        ..CompareLayout::default()
    };
    let Some(c) = view.shown() else {
        return out;
    };
    let displayed = view.displayed();
    for (ri, row) in c.rows.iter().enumerate() {
        let start = out.lines.len();
        let line = |first: bool, side: Option<Side>, left: Cell, right: Cell| VLine {
            row: ri,
            first,
            blank: false,
            side,
            left,
            right,
        };
        if a.stacked {
            let tw = a.stacked_w as usize;
            let mut first = true;
            for (side, shown) in displayed.iter() {
                for cell in side_lines(&shown.article, c, (side, shown.letter), row, tw) {
                    out.lines.push(line(first, Some(side), cell, Cell::Empty));
                    first = false;
                }
            }
            if first {
                out.lines.push(line(true, None, Cell::Empty, Cell::Empty));
            }
        } else {
            let (l, r) = (displayed.left, displayed.right);
            let lw = a.left_w as usize;
            let mut lc = side_lines(&l.article, c, (Side::Left, l.letter), row, lw);
            let mut rc = side_lines(
                &r.article,
                c,
                (Side::Right, r.letter),
                row,
                a.right_w as usize,
            );
            if lc.is_empty() && !rc.is_empty() {
                lc.push(Cell::Absent);
            }
            if rc.is_empty() && !lc.is_empty() {
                rc.push(Cell::Absent);
            }
            let n = lc.len().max(rc.len()).max(1);
            let mut li = lc.into_iter();
            let mut rj = rc.into_iter();
            for k in 0..n {
                let lcell = li.next().unwrap_or(Cell::Empty);
                let rcell = rj.next().unwrap_or(Cell::Empty);
                out.lines.push(line(k == 0, None, lcell, rcell));
            }
        }
        out.rows.push((start, out.lines.len()));
        out.lines.push(VLine {
            row: ri,
            first: false,
            blank: true,
            side: None,
            left: Cell::Empty,
            right: Cell::Empty,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::CompareSide;
    use super::super::job::{CompareJob, run};
    use super::*;
    use crate::engine::article::{Format, Source};
    use crate::engine::load::parse;
    use crate::engine::side::Pair;
    use std::sync::Arc;
    use unicode_width::UnicodeWidthStr;

    fn article(name: &str, text: &str) -> Article {
        parse(Source::File(name.into()), text.as_bytes(), Format::Text)
            .unwrap()
            .articles
            .remove(0)
    }

    fn view_of(a: Article, b: Article) -> CompareView {
        let side = |a: Article, letter| CompareSide {
            title: a.title.clone(),
            outlet: a.outlet_label(),
            article: Arc::new(a),
            letter,
        };
        let sides = Pair::new(side(a, 'A'), side(b, 'B'));
        let done = run(CompareJob {
            id: 0,
            sides: sides.as_ref().map(|s| (s.article.clone(), None)),
            story: None,
        });
        let mut view = CompareView::new(0, sides, None);
        view.done(done);
        view
    }

    fn text_of(article: &Article, cell: &Cell) -> String {
        match cell {
            Cell::Text { words, .. } => words
                .iter()
                .map(|w| w.iter().map(|f| article.slice(f.range)).collect::<String>())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        }
    }

    #[test]
    fn a_repeated_headline_beside_the_headline_is_hidden() {
        let a = article(
            "reuters--a.txt",
            "Talks open in Istanbul without Putin\nTalks open in Istanbul without Putin\n\
             Delegations met in Istanbul on Friday for the first direct talks in three years. \
             Putin stayed in Moscow.\n",
        );
        let b = article(
            "ap--b.txt",
            "Istanbul talks begin\nDelegations met in Istanbul on Friday, their first direct \
             talks in three years. Turkey hosted the meeting.\n",
        );
        let v = view_of(a, b);
        let l = build_layout(&v, 120);
        let left = &v.sides.left.article;
        let shown: Vec<String> = l.lines.iter().map(|x| text_of(left, &x.left)).collect();
        let headlines = shown
            .iter()
            .filter(|t| t.contains("Talks open in Istanbul"))
            .count();
        assert_eq!(headlines, 1, "{shown:#?}");
        // Every line fits its column, and a row's lines are contiguous.
        let a = compare_areas((120, 40));
        for x in &l.lines {
            assert!(text_of(left, &x.left).width() <= a.left_w as usize);
        }
        for (k, &(s, e)) in l.rows.iter().enumerate() {
            assert!(s < e && l.lines[s..e].iter().all(|x| x.row == k && !x.blank));
        }
    }

    #[test]
    fn wrapping_keeps_every_byte_and_fits() {
        let a = article(
            "x--a.txt",
            "Headline here\nA verylongwordthatcannotfitononeline and short words, with “quotes” and café.\n",
        );
        let v = view_of(a.clone(), a);
        let c = v.shown().unwrap();
        let text = &v.sides.left.article.text;
        for width in [1usize, 3, 7, 20, 80] {
            for row in &c.rows {
                for ps in &row.diff.left {
                    let lines = wrap_pieces(text, ps, width);
                    let mut joined = String::new();
                    for l in &lines {
                        let t: Vec<String> = l
                            .iter()
                            .map(|w| w.iter().map(|f| &text[f.range.range()]).collect())
                            .collect();
                        let t = t.join(" ");
                        assert!(t.width() <= width, "{width}: {t:?}");
                        joined.push_str(&t.replace(' ', ""));
                    }
                    let whole: String = ps
                        .iter()
                        .map(|p| &text[p.range.range()])
                        .collect::<String>()
                        .split_whitespace()
                        .collect();
                    assert_eq!(joined, whole);
                }
            }
        }
    }
}
