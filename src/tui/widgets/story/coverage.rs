//! The coverage matrix: the share of each row report's words the column's report covers.

use super::{Ctx, Parts, heat, wrap};
use crate::tui::geometry::StoryGeometry;
use crate::tui::story::Pane;
use crate::tui::theme::Role;
use crate::tui::widgets::{padded, truncate, truncate_spans};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The coverage matrix's row-label width and how many columns (6 wide each) fit in `width`.
pub(super) fn coverage_columns(c: &Ctx, width: usize) -> (usize, usize) {
    let label_w = (0..c.m.n)
        .map(|r| c.label(r).width())
        .max()
        .unwrap_or(0)
        .clamp(6, 22);
    let fit = width.saturating_sub(label_w + 1) / 6;
    (label_w, c.m.n.min(fit))
}

pub(super) fn coverage(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    let (label_w, cols) = coverage_columns(c, width);
    let mut head = format!("{:<w$} ", "", w = label_w);
    for j in 0..cols {
        head.push_str(&format!("{:>5} ", c.short_label(j, 5)));
    }
    if cols < m.n {
        head.push_str(&format!(" (+{} columns)", m.n - cols));
    }
    let header = Line::styled(truncate(&head, width), theme.style(Role::Meta));
    let rows = (0..m.n)
        .skip(c.offset)
        .take(c.height)
        .map(|r| {
            let mut spans = vec![padded(&c.label(r), label_w, theme.style(Role::Text))];
            spans.push(Span::raw(" "));
            for j in 0..cols {
                if j == r {
                    spans.push(Span::styled("    —", theme.style(Role::Dim)));
                } else {
                    let x = m.coverage[r][j];
                    let pct = (x * 100.0).round() as u32;
                    let (shade, role) = heat(pct);
                    spans.push(Span::styled(format!("{shade}{pct:>4}"), theme.style(role)));
                }
                spans.push(Span::raw(" "));
            }
            Line::from(spans)
        })
        .collect();
    let sel = c.app.story_view.selected_in(Pane::Coverage);
    let legend = vec![
        Span::styled("░", theme.style(Role::Heat0)),
        Span::raw(" <25%  "),
        Span::styled("▒", theme.style(Role::Heat1)),
        Span::raw(" 25–49%  "),
        Span::styled("▓", theme.style(Role::Heat2)),
        Span::raw(" 50–74%  "),
        Span::styled("█", theme.style(Role::Heat3)),
        // The cells are made ASCII one by one; `≥` needs two.
        Span::raw(if theme.ascii {
            " >=75%  of the row's words the column covers"
        } else {
            " ≥75%  of the row's words the column covers"
        }),
    ];
    let mut detail = vec![Line::from(truncate_spans(legend, width))];
    if let Some(o) = m.originality.get(sel) {
        let best = (0..m.n)
            .filter(|&j| j != sel)
            .max_by(|&a, &b| m.coverage[sel][a].total_cmp(&m.coverage[sel][b]));
        let mut text = format!(
            "{}: {} words, {:.0}% in wire-copy runs shared with another report",
            c.label(sel),
            o.words,
            o.wire_share() * 100.0
        );
        if let Some(b) = best {
            text.push_str(&format!(
                "; covered most by {} ({:.0}%)",
                c.label(b),
                m.coverage[sel][b] * 100.0
            ));
        }
        for l in wrap(&text, width, 3) {
            detail.push(Line::raw(l));
        }
        let col = c.app.story_view.column;
        let hint = if col != sel && col < m.n {
            format!(
                "Enter: compare {} (A) with {} (B), {:.0}% covered · ←/→ column",
                c.label(sel),
                c.label(col),
                m.coverage[sel][col] * 100.0
            )
        } else {
            "Enter: read this report · ←/→ column".to_string()
        };
        for l in wrap(&hint, width, 2) {
            detail.push(Line::styled(l, theme.style(Role::Dim)));
        }
    }
    (header, rows, detail)
}
