//! Popups over the panes: the help generated from the keymap, and the load messages.

use super::truncate;
use crate::engine::compare::render::wrap;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layout::notes;
use crate::tui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn popup(app: &App, frame: &mut Frame, title: &str, lines: Vec<Line<'static>>, width: u16) {
    let (w, h) = app.geometry.size;
    let area = Rect::new(0, 0, w, h);
    let rect = centered(area, width, (lines.len() as u16).saturating_add(2));
    let theme = &app.theme;
    let inner_h = rect.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner_h);
    let scroll = app.overlay.scroll.min(max_scroll);
    let more = if max_scroll > 0 { " j/k scroll ·" } else { "" };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Role::BorderFocused))
        .title(Span::styled(format!(" {title} "), theme.style(Role::Title)))
        .title_bottom(Span::styled(
            format!("{more} Esc close "),
            theme.style(Role::Meta),
        ))
        .style(theme.style(Role::Overlay));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        rect,
    );
}

/// What the reader's symbols mean, listed after the keys.
const LEGEND: &[&str] = &[
    "gutter digit: how many other reports carry the sentence (0: only this one)",
    "notes (m M a): ✔ checked · ‽ doubtful · ✎ a note (ASCII: C D N)",
];

/// The widest a popup may be on a screen `screen` columns wide: the screen less a margin on
/// each side, or all of it when it is narrow.
pub fn max_width(screen: u16) -> u16 {
    if screen >= 40 { screen - 4 } else { screen }
}

/// `text` wrapped to `width` columns, the first line after `prefix`, the others indented by
/// `indent` columns.
fn wrapped(prefix: &str, text: &str, width: usize, indent: usize) -> Vec<String> {
    let lead = prefix.width().max(indent);
    wrap(text, width.saturating_sub(lead).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{prefix}{l}")
            } else {
                format!("{}{l}", " ".repeat(indent))
            }
        })
        .collect()
}

/// The help overlay, generated from the keymap so it cannot drift from it. As wide as the
/// descriptions need, up to the screen less a margin; descriptions that still do not fit wrap
/// onto continuation lines.
pub fn help(app: &App, frame: &mut Frame) {
    let theme = &app.theme;
    // The keys of the view at hand first, then those that work everywhere, then the rest.
    let mut rows = app.keymap.help_rows();
    let here = app.view_mode();
    rows.sort_by_key(|(m, _)| (*m != here, *m != Mode::Global));
    let keys_need = rows
        .iter()
        .flat_map(|(_, rs)| rs.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0);
    let desc_need = rows
        .iter()
        .flat_map(|(_, rs)| rs.iter().map(|(_, d)| d.width()))
        .max()
        .unwrap_or(0);
    let legend_need = LEGEND.iter().map(|l| l.width() + 1).max().unwrap_or(0);
    // A line is " keys  description", inside the borders, with one column to spare.
    let keys_w = (keys_need + 2).min(22);
    let need = (keys_w + desc_need).max(legend_need) + 3;
    let width = (need.min(u16::MAX as usize) as u16).min(max_width(app.geometry.size.0));
    let inner = (width as usize).saturating_sub(3);
    let keys_w = keys_w.min(inner / 2).max(1);
    let desc_w = inner.saturating_sub(keys_w).max(1);
    let mut lines = Vec::new();
    for (mode, rows) in rows {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(
            mode.title().to_string(),
            theme.style(Role::Heading),
        ));
        for (keys, desc) in rows {
            let key_col = format!(" {:<w$}", truncate(&keys, keys_w - 1), w = keys_w - 1);
            let mut parts = wrap(desc, desc_w);
            if parts.is_empty() {
                parts.push(String::new());
            }
            for (i, part) in parts.into_iter().enumerate() {
                let key = if i == 0 {
                    key_col.clone()
                } else {
                    " ".repeat(key_col.width())
                };
                lines.push(Line::from(vec![
                    Span::styled(key, theme.style(Role::Key)),
                    Span::styled(part, theme.style(Role::Text)),
                ]));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Legend", theme.style(Role::Heading)));
    for l in LEGEND {
        for part in wrapped(" ", l, inner, 3) {
            lines.push(Line::styled(part, theme.style(Role::Text)));
        }
    }
    popup(app, frame, "Keys", lines, width);
}

/// Everything the loader had to say, then each article's notes. As wide as the longest line
/// needs, up to the screen less a margin; longer lines wrap.
pub fn messages(app: &App, frame: &mut Frame) {
    let theme = &app.theme;
    // (first-line prefix, text, continuation indent, style)
    let mut items: Vec<(&str, String, usize, Role)> = Vec::new();
    if app.model.messages.is_empty() {
        items.push(("", "Every input loaded.".to_string(), 0, Role::Meta));
    }
    for m in &app.model.messages {
        items.push(("⚠ ", m.clone(), 2, Role::Note));
    }
    for r in &app.model.reports {
        let a = &r.article;
        let ns = notes(a);
        if ns.is_empty() {
            continue;
        }
        items.push(("", a.source.label(), 2, Role::Heading));
        for n in ns {
            items.push(("  ", n, 4, Role::Text));
        }
    }
    // Inside the borders, with one column to spare.
    let need = items
        .iter()
        .map(|(p, t, _, _)| p.width() + t.width())
        .max()
        .unwrap_or(0)
        + 3;
    let width = (need.min(u16::MAX as usize) as u16).min(max_width(app.geometry.size.0));
    let w = (width as usize).saturating_sub(3);
    let mut lines = Vec::new();
    for (prefix, text, indent, role) in items {
        for part in wrapped(prefix, &text, w, indent) {
            lines.push(Line::styled(part, theme.style(role)));
        }
    }
    popup(app, frame, "Messages", lines, width);
}
