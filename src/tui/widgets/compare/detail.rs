//! The compare view's row detail popup.

use super::cell_spans;
use crate::engine::Article;
use crate::engine::compare::Row;
use crate::engine::compare::diff::Piece;
use crate::engine::entities::Extraction;
use crate::engine::side::Side;
use crate::tui::app::App;
use crate::tui::compare::layout::{Cell, ref_text, row_side, wrap_pieces};
use crate::tui::theme::Role;
use crate::tui::widgets::overlay;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Plain text wrapped into lines of one style.
fn wrapped(text: &str, width: usize, indent: &str, style: Style, out: &mut Vec<Line<'static>>) {
    for l in crate::engine::compare::render::wrap(text, width.saturating_sub(indent.width()).max(1))
    {
        out.push(Line::styled(format!("{indent}{l}"), style));
    }
}

fn side_detail(
    app: &App,
    article: &Article,
    ex: &Extraction,
    row: &Row,
    side: Side,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let theme = &app.theme;
    let (idx, pieces) = row_side(row, side);
    if idx.is_empty() {
        if side == Side::Right && !row.refs.is_empty() {
            // Its matches are shown in other rows: listed after.
            return;
        }
        out.push(Line::styled(
            "  (nothing on this side)",
            theme.style(Role::Dim),
        ));
        return;
    }
    let one = row.is_one_sided();
    for ps in pieces {
        sentence_lines(app, (article, ex), ps, one, width, out);
    }
}

/// One sentence's pieces wrapped to `width`, indented by two columns.
fn sentence_lines(
    app: &App,
    (article, ex): (&Article, &Extraction),
    ps: &[Piece],
    one: bool,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    for words in wrap_pieces(&article.text, ps, width.saturating_sub(2)) {
        let cell = Cell::Text {
            words,
            dim: false,
            lead: "",
        };
        let mut spans = vec![Span::raw("  ")];
        spans.extend(
            cell_spans(app, &cell, (article, Some(ex), &[]), one, "", 0)
                .into_iter()
                .map(|s| Span::styled(s.content.into_owned(), s.style)),
        );
        out.push(Line::from(spans));
    }
}

/// The detail popup: the current row's sentences in full, its link, what both sides name and
/// what only one does, and its discrepancies.
pub fn detail(app: &App, frame: &mut Frame) {
    let Some(view) = app.compare.as_ref() else {
        return;
    };
    let (Some(c), Some(exs), Some(facts)) = (
        view.shown(),
        view.displayed_extractions(),
        view.detail.as_ref(),
    ) else {
        return;
    };
    let Some(row) = c.rows.get(view.row) else {
        return;
    };
    let theme = &app.theme;
    let width = app.geometry.size.0.min(100);
    let w = width.saturating_sub(2) as usize;
    let sides = view.displayed();
    let (ls, rs) = (sides.left, sides.right);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let link = match row.kind {
        Some(_) if row.is_weak() => format!(
            "weak link, score {:.2} (unsure: the sentences may tell different things)",
            row.score
        ),
        Some(k) => format!("{} link, score {:.2}", k.label(), row.score),
        None if row.right.is_empty() => format!("only in {} ({})", ls.letter, ls.outlet),
        None => format!("only in {} ({})", rs.letter, rs.outlet),
    };
    wrapped(
        &format!("Row {}/{} · {link}", view.row + 1, c.rows.len()),
        w,
        "",
        theme.style(Role::Heading),
        &mut lines,
    );
    for side in Side::BOTH {
        let (shown, ex) = (sides[side], exs[side]);
        lines.push(Line::default());
        wrapped(
            &format!("{} · {} — {}", shown.letter, shown.outlet, shown.title),
            w,
            "",
            theme.style(Role::Title),
            &mut lines,
        );
        side_detail(app, &shown.article, ex, row, side, w, &mut lines);
        if side == Side::Right {
            // The sentences shown in other rows, in full: what the row is matched with.
            for (k, r) in row.refs.iter().enumerate() {
                let text = format!("also {}:", ref_text(row, r, shown.letter));
                wrapped(&text, w, "  ", theme.style(Role::Meta), &mut lines);
                if let Some(ps) = row.diff.right.get(row.right.len() + k) {
                    sentence_lines(app, (&shown.article, ex), ps, false, w, &mut lines);
                }
            }
        }
    }
    lines.push(Line::default());
    let meta = theme.style(Role::Meta);
    for text in [
        format!("Both name: {}", facts.shared),
        format!("Only {}: {}", ls.letter, facts.only_left),
        format!("Only {}: {}", rs.letter, facts.only_right),
    ] {
        wrapped(&text, w, "", meta, &mut lines);
    }
    for d in &facts.discrepancies {
        wrapped(d, w, "", theme.style(Role::StatusWarn), &mut lines);
    }
    overlay::popup(app, frame, "Row detail", lines, width);
}
