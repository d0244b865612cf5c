//! The compare view's header: titles, outlets, coverage, counts and the legend.

use super::pct;
use crate::engine::side::Pair;
use crate::tui::app::App;
use crate::tui::compare::CompareView;
use crate::tui::geometry::{CompareAreas, GUTTER};
use crate::tui::theme::Role;
use crate::tui::widgets::{padded, truncate};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The header's warning when the two reports look like reports of different events
/// (`Comparison::unrelated`): a sign and words, not a colour only.
pub const UNRELATED: &str = "! different events?";

pub(super) fn header(app: &App, view: &CompareView, a: &CompareAreas, frame: &mut Frame) {
    let theme = &app.theme;
    let r = a.header;
    if r.height == 0 {
        return;
    }
    let w = r.width as usize;
    let Pair { left: l, right: rt } = view.displayed();
    let c = view.shown();
    let covers = |of_left: bool| match c {
        Some(c) if of_left => format!("{} covers {} of {}", rt.letter, pct(c.coverage.0), l.letter),
        Some(c) => format!("{} covers {} of {}", l.letter, pct(c.coverage.1), rt.letter),
        None => String::new(),
    };
    let counts = match c {
        Some(c) => {
            let (links, lo, ro) = c.counts();
            let d = c.discrepancies.len();
            format!(
                "{links} linked · {lo} only in {} · {ro} only in {} · {d} discrepanc{}",
                l.letter,
                rt.letter,
                if d == 1 { "y" } else { "ies" }
            )
        }
        None => "comparing…".to_string(),
    };
    let title_line =
        |side: &crate::tui::compare::CompareSide, width: usize| -> Vec<Span<'static>> {
            let letter = format!("{} ", side.letter);
            let rest = width.saturating_sub(letter.width());
            vec![
                Span::styled(truncate(&letter, width), theme.style(Role::Key)),
                padded(&side.title, rest, theme.style(Role::Title)),
            ]
        };
    let meta = |side: &crate::tui::compare::CompareSide, cov: String| {
        if cov.is_empty() {
            format!("  {}", side.outlet)
        } else {
            format!("  {} · {cov}", side.outlet)
        }
    };
    let legend: Vec<Span<'static>> = vec![
        Span::styled(" only here ", theme.style(Role::DiffOnly)),
        Span::raw(" "),
        Span::styled(" wire copy ", theme.style(Role::DiffWire)),
        Span::raw(" "),
        Span::styled(" only in this report ", theme.style(Role::DiffUnique)),
    ];
    let legend_w: usize = legend.iter().map(|s| s.content.width()).sum();
    // Reports of different events: said first, before the counts and the legend.
    let warning = match c {
        Some(c) if c.unrelated => UNRELATED,
        _ => "",
    };
    let counts_line = |width: usize| -> Line<'static> {
        let mut spans = Vec::new();
        let mut width = width;
        if !warning.is_empty() {
            let t = truncate(warning, width);
            width -= t.width();
            spans.push(Span::styled(t, theme.style(Role::StatusWarn)));
            if width > 0 {
                spans.push(Span::raw(" "));
                width -= 1;
            }
        }
        if width >= counts.width() + legend_w + 2 {
            spans.push(padded(&counts, width - legend_w, theme.style(Role::Meta)));
            spans.extend(legend.clone());
        } else {
            spans.push(padded(&counts, width, theme.style(Role::Meta)));
        }
        Line::from(spans)
    };
    let mut lines: Vec<Line> = Vec::new();
    if a.stacked {
        lines.push(Line::from(title_line(l, w)));
        lines.push(Line::from(title_line(rt, w)));
        let cov = match c {
            Some(_) => format!("{} · {}", covers(true), covers(false)),
            None => String::new(),
        };
        let outlets = format!("{} {} · {} {}", l.letter, l.outlet, rt.letter, rt.outlet);
        let line3 = if cov.is_empty() {
            outlets
        } else {
            format!("{outlets} · {cov}")
        };
        lines.push(Line::from(padded(&line3, w, theme.style(Role::Meta))));
        lines.push(counts_line(w));
    } else {
        // Each side's header sits over its column.
        let lw = a.left_w as usize + 1;
        let gap = GUTTER as usize;
        let rw = w.saturating_sub(lw + gap);
        let mut t = title_line(l, lw);
        t.push(Span::raw(" ".repeat(gap)));
        t.extend(title_line(rt, rw));
        lines.push(Line::from(t));
        lines.push(Line::from(vec![
            padded(&meta(l, covers(true)), lw + gap, theme.style(Role::Meta)),
            padded(&meta(rt, covers(false)), rw, theme.style(Role::Meta)),
        ]));
        lines.push(counts_line(w));
    }
    lines.truncate(r.height as usize);
    frame.render_widget(Paragraph::new(lines).style(theme.style(Role::Text)), r);
}
