//! The compare view: a header (titles, outlets, coverage, counts, legend), the body of
//! aligned rows laid out by `tui::compare`, its status line, and the row detail popup.

mod detail;
mod header;

pub use detail::detail;
use header::header;

use super::reader::highlighted;
use super::{padded, truncate};
use crate::engine::Article;
use crate::engine::compare::Row;
use crate::engine::compare::diff::Change;
use crate::engine::entities::Extraction;
use crate::engine::side::{Pair, Side};
use crate::tui::app::App;
use crate::tui::compare::CompareView;
use crate::tui::compare::layout::{Cell, VLine};
use crate::tui::geometry::{CompareAreas, GUTTER, STACK_GUTTER};
use crate::tui::theme::{Role, Theme};
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

/// The gutter label of a row: `= .81` same, `~ .42` partial, `? .17` weak (unsure),
/// `A only` / `B only`.
pub fn row_label(row: &Row, letters: (char, char)) -> String {
    match row.sign() {
        Some(sign) => {
            let score = format!("{:.2}", row.score.clamp(0.0, 0.99));
            format!("{sign} {}", score.trim_start_matches('0'))
        }
        None if row.right.is_empty() => format!("{} only", letters.0),
        None => format!("{} only", letters.1),
    }
}

/// The style of a fragment: one-sided rows are shaded whole; inside linked rows words only
/// this side has are highlighted and wire copy is marked.
fn frag_style(theme: &Theme, base: Style, change: Change, one_sided: bool) -> Style {
    match change {
        _ if one_sided => base,
        Change::Only => base.patch(theme.style(Role::DiffOnly)),
        Change::Wire => base.patch(theme.style(Role::DiffWire)),
        Change::Equal | Change::Moved => base,
    }
}

/// One side's text, its entities and the search's hits in the row drawn.
pub(super) type SideText<'a, 'b> = (
    &'a Article,
    Option<&'b Extraction>,
    &'b [(crate::engine::Span, bool)],
);

/// The spans of one wrapped line of one side, padded to `width` in the cell's base style.
fn cell_spans<'a>(
    app: &App,
    cell: &Cell,
    (article, ex, hits): SideText<'a, '_>,
    one_sided: bool,
    absent: &str,
    width: usize,
) -> Vec<Span<'a>> {
    let theme = &app.theme;
    let shade = if one_sided {
        theme.style(Role::Text).patch(theme.style(Role::DiffUnique))
    } else {
        theme.style(Role::Text)
    };
    let mut out: Vec<Span<'a>> = Vec::new();
    let mut used = 0usize;
    match cell {
        Cell::Empty => {}
        Cell::Absent => {
            let t = truncate(absent, width);
            used = t.width();
            out.push(Span::styled(t, theme.style(Role::Dim)));
        }
        Cell::Ref(text) => {
            let t = truncate(text, width);
            used = t.width();
            out.push(Span::styled(t, theme.style(Role::Meta)));
        }
        Cell::Text { words, dim, lead } => {
            let base = if *dim {
                shade.patch(theme.style(Role::Dim))
            } else {
                shade
            };
            if !lead.is_empty() {
                out.push(Span::styled(*lead, theme.style(Role::Note)));
                used += lead.width();
            }
            let ex = ex.filter(|_| app.reader.highlight);
            // A repeated headline is not part of the story: no diff marks.
            let one_sided = one_sided || *dim;
            let mut prev: Option<Change> = None;
            for (k, word) in words.iter().enumerate() {
                if k > 0 {
                    // The space takes the highlight when the words on both sides share it.
                    let next = word.first().map(|f| f.change);
                    let c = match (prev, next) {
                        (Some(p), Some(n)) if p == n => p,
                        _ => Change::Equal,
                    };
                    out.push(Span::styled(" ", frag_style(theme, base, c, one_sided)));
                    used += 1;
                }
                for f in word {
                    let st = frag_style(theme, base, f.change, one_sided);
                    used += article.slice(f.range).width();
                    for (piece, hit) in super::search::split(f.range, hits) {
                        let st = super::search::hit_style(theme, st, hit);
                        highlighted(&article.text, piece, st, ex, None, theme, &mut out);
                    }
                }
                prev = word.last().map(|f| f.change);
            }
            if one_sided && used < width {
                out.push(Span::styled(" ".repeat(width - used), shade));
                used = width;
            }
        }
    }
    if used < width {
        out.push(Span::raw(" ".repeat(width - used)));
    }
    out
}

/// Draws the compare view (header, body, status).
pub fn render(app: &App, view: &CompareView, frame: &mut Frame) {
    let a = app.geometry.compare;
    header(app, view, &a, frame);
    body(app, view, &a, frame);
    status(app, view, &a, frame);
}

fn pct(x: f32) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

fn body(app: &App, view: &CompareView, a: &CompareAreas, frame: &mut Frame) {
    let theme = &app.theme;
    if a.rule.height > 0 {
        let rule = Line::styled("─".repeat(a.rule.width as usize), theme.style(Role::Border));
        frame.render_widget(Paragraph::new(rule), a.rule);
    }
    let text = a.body;
    if text.height == 0 || text.width == 0 {
        return;
    }
    let Some(c) = view.shown() else {
        let Pair { left: l, right: rt } = view.displayed();
        let msg = format!(
            "Comparing {} ({}) with {} ({})…",
            l.letter, l.outlet, rt.letter, rt.outlet
        );
        frame.render_widget(
            Paragraph::new(truncate(&msg, text.width as usize)).style(theme.style(Role::Dim)),
            text,
        );
        return;
    };
    if c.rows.is_empty() {
        frame.render_widget(
            Paragraph::new("No sentences to compare.").style(theme.style(Role::Dim)),
            text,
        );
        return;
    }
    let sides = view.displayed();
    let exs = view.displayed_extractions();
    let letters = (sides.left.letter, sides.right.letter);
    let height = text.height as usize;
    let lines: Vec<Line> = view
        .layout
        .lines
        .iter()
        .skip(view.scroll)
        .take(height)
        .map(|vl| {
            let row = &c.rows[vl.row];
            if a.stacked {
                stacked_line(app, view, vl, row, letters, exs, a)
            } else {
                wide_line(app, view, vl, row, letters, exs, a)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text);
    let total = view.layout.lines.len();
    if total > height {
        let mut state = ScrollbarState::new(total - height).position(view.scroll);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .style(theme.style(Role::Scrollbar)),
            text,
            &mut state,
        );
    }
}

/// The search's hits in row `row` on the displayed side `side`.
fn row_hits(
    app: &App,
    view: &CompareView,
    row: usize,
    side: Side,
) -> Vec<(crate::engine::Span, bool)> {
    let scope = crate::tui::search::Scope::Compare {
        job: view.job,
        swapped: view.swapped,
    };
    app.search.row_hits(scope, row, side)
}

/// The column left of a row: its note's mark on the row's first line, else `▌` on the
/// current row's lines.
fn marker(app: &App, vl: &VLine, current: bool, blank: bool) -> Span<'static> {
    if vl.first
        && !blank
        && let Some(b) = app.notes.rows.get(&vl.row)
    {
        return Span::styled(b.symbol(), app.theme.style(super::story::note_role(*b)));
    }
    if current && !blank {
        Span::styled("▌", app.theme.style(Role::BorderFocused))
    } else {
        Span::raw(" ")
    }
}

fn gutter_style(app: &App, row: &Row, current: bool) -> Style {
    let theme = &app.theme;
    if current {
        theme.style(Role::Selected)
    } else if row.is_one_sided() {
        theme.style(Role::Note)
    } else {
        theme.style(Role::Meta)
    }
}

fn wide_line<'a>(
    app: &App,
    view: &'a CompareView,
    vl: &VLine,
    row: &Row,
    letters: (char, char),
    exs: Option<Pair<&Extraction>>,
    a: &CompareAreas,
) -> Line<'a> {
    let theme = &app.theme;
    let Pair {
        left: ls,
        right: rs,
    } = view.displayed();
    let current = vl.row == view.row;
    let one = row.is_one_sided();
    // One side's cell: the same drawing for A and B.
    let side = |cell, article, ex, side, letter, width: u16| {
        cell_spans(
            app,
            cell,
            (article, ex, &row_hits(app, view, vl.row, side)),
            one,
            &format!("· not in {letter} ·"),
            width as usize,
        )
    };
    let mut spans = vec![marker(app, vl, current, vl.blank)];
    spans.extend(side(
        &vl.left,
        &ls.article,
        exs.map(|e| e.left),
        Side::Left,
        letters.0,
        a.left_w,
    ));
    let border = theme.style(Role::Border);
    let inner_w = GUTTER as usize - 2;
    let label = if vl.first {
        row_label(row, letters)
    } else {
        String::new()
    };
    spans.push(Span::styled("│", border));
    if vl.first {
        let t = truncate(&label, inner_w);
        let pad = inner_w.saturating_sub(t.width());
        let st = gutter_style(app, row, current);
        spans.push(Span::raw(" ".repeat(pad / 2)));
        spans.push(Span::styled(t, st));
        spans.push(Span::raw(" ".repeat(pad - pad / 2)));
    } else {
        spans.push(Span::raw(" ".repeat(inner_w)));
    }
    spans.push(Span::styled("│", border));
    spans.extend(side(
        &vl.right,
        &rs.article,
        exs.map(|e| e.right),
        Side::Right,
        letters.1,
        a.right_w,
    ));
    Line::from(spans)
}

fn stacked_line<'a>(
    app: &App,
    view: &'a CompareView,
    vl: &VLine,
    row: &Row,
    letters: (char, char),
    exs: Option<Pair<&Extraction>>,
    a: &CompareAreas,
) -> Line<'a> {
    let theme = &app.theme;
    let current = vl.row == view.row;
    let one = row.is_one_sided();
    let mut spans = vec![marker(app, vl, current, vl.blank)];
    if vl.blank {
        return Line::from(spans);
    }
    let gw = STACK_GUTTER as usize;
    if vl.first {
        // The side letter follows, so a one-sided row reads "only B …".
        let label = if row.is_one_sided() {
            "only".to_string()
        } else {
            row_label(row, letters)
        };
        let t = truncate(&label, gw - 1);
        let st = gutter_style(app, row, current);
        spans.push(Span::styled(t.clone(), st));
        spans.push(Span::raw(" ".repeat(gw - t.width())));
    } else {
        spans.push(Span::raw(" ".repeat(gw)));
    }
    let Some(side) = vl.side else {
        return Line::from(spans);
    };
    let article = &view.displayed()[side].article;
    let ex = exs.map(|e| e[side]);
    let letter = match side {
        Side::Left => letters.0,
        Side::Right => letters.1,
    };
    // The letter on the first line of each side's block.
    let starts_side = view
        .layout
        .rows
        .get(vl.row)
        .and_then(|&(s, _)| {
            view.layout.lines[s..]
                .iter()
                .position(|l| l.side == Some(side))
                .map(|k| s + k)
        })
        .is_some_and(|first| std::ptr::eq(&view.layout.lines[first], vl));
    let label = if starts_side {
        format!("{letter} ")
    } else {
        "  ".to_string()
    };
    spans.push(Span::styled(label, theme.style(Role::Key)));
    let width = a.stacked_w as usize;
    let hits = row_hits(app, view, vl.row, side);
    spans.extend(cell_spans(
        app,
        &vl.left,
        (article, ex, &hits),
        one,
        "",
        width,
    ));
    Line::from(spans)
}

fn status(app: &App, view: &CompareView, a: &CompareAreas, frame: &mut Frame) {
    let theme = &app.theme;
    let width = a.status.width as usize;
    if width == 0 || a.status.height == 0 {
        return;
    }
    let n = view.rows().len();
    let pos = if view.comparisons.is_some() {
        format!(" row {}/{n} ", (view.row + 1).min(n))
    } else {
        " comparing… ".to_string()
    };
    // A notice of the app (a search's `match K/N`) before the view's own note.
    let note = app.notice.as_deref().unwrap_or(&view.note);
    // The note first (a confirmation must be read): the hints get what it leaves.
    let note_w = note.width();
    let base = theme.style(Role::Status);
    let pos_w = pos.width();
    let spans = if width <= pos_w {
        vec![padded(&pos, width, base)]
    } else {
        let room = width - pos_w;
        let hints = super::status::status_hints(
            app,
            room.saturating_sub(if note_w > 0 { note_w + 1 } else { 4 }),
        )
        .unwrap_or_default();
        let mid_w = room.saturating_sub(hints.width());
        vec![
            Span::styled(pos, base),
            padded(note, mid_w, base),
            Span::styled(hints, base),
        ]
    };
    frame.render_widget(Paragraph::new(Line::from(spans)).style(base), a.status);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compare::align::LinkKind;

    #[test]
    fn labels() {
        let row = Row {
            left: vec![1],
            right: vec![2],
            refs: vec![],
            links: vec![],
            kind: Some(LinkKind::Same),
            score: 0.812,
            diff: Default::default(),
        };
        assert_eq!(row_label(&row, ('A', 'B')), "= .81");
        let one = Row {
            left: vec![],
            right: vec![2],
            refs: vec![],
            links: vec![],
            kind: None,
            score: 0.0,
            diff: Default::default(),
        };
        assert_eq!(row_label(&one, ('A', 'B')), "B only");
        // A weak best link is unsure: '?', not '~'.
        let weak = crate::engine::compare::align::Link {
            left: 1,
            right: 2,
            kind: LinkKind::Partial,
            score: 0.17,
        };
        let unsure = Row {
            links: vec![weak],
            kind: Some(LinkKind::Partial),
            score: 0.17,
            ..row
        };
        assert_eq!(row_label(&unsure, ('A', 'B')), "? .17");
    }
}
