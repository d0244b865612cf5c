//! The entities pane: the story's entities grouped by type, each with its mention count in
//! every report (`●3` mentioned three times, `·` not at all; the open report's column
//! bold), and below the list where the selected entity is mentioned.
//!
//! ```text
//!  Entities (41, and 4 dates and figures)  1  2  3  4  5
//! people
//!  Vladimir Putin      12  ●3 ●2 ·  ●4 ●3
//! ```
//!
//! When the columns do not fit, a spread column (`4/5`) replaces them.

use super::reader::entity_role;
use super::{padded, truncate};
use crate::engine::entities::EntityKind;
use crate::tui::app::{App, Focus};
use crate::tui::entities::EntityRow;
use crate::tui::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// A type's heading: its users' word, and for dates and numbers which of them are listed.
fn type_name(kind: EntityKind) -> String {
    match kind {
        EntityKind::Date | EntityKind::Number => {
            format!("{} · shared by 2+ reports", kind.plural())
        }
        _ => kind.plural().to_string(),
    }
}

/// Width of a report's column.
const CELL: usize = 4;

/// Column cell for a count: ` ●3 `, ` ●12`, `  · `, [`CELL`] columns wide (99+ shows as 99).
fn cell(n: usize) -> String {
    match n {
        0 => "  · ".to_string(),
        _ => format!(" ●{:<2}", n.min(99)),
    }
}

pub struct EntitiesPane<'a> {
    pub app: &'a App,
}

impl Widget for EntitiesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let index = &app.model.index;
        let state = &app.entities;
        let open_report = app.reader.open;
        let focused = app.focus == Focus::Library && app.overlay.open.is_none();
        let border = theme.style(if focused {
            Role::BorderFocused
        } else {
            Role::Border
        });
        // Counted as the story screen counts its entities (names), dates and figures apart.
        let values = index
            .entries
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Date | EntityKind::Number))
            .count();
        let names = index.entries.len() - values;
        let title = if values == 0 {
            format!(" Entities ({names}) ")
        } else {
            format!(" Entities ({names}, and {values} dates and figures) ")
        };
        Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(
                truncate(&title, area.width.saturating_sub(2) as usize),
                border,
            ))
            .render(area, buf);
        let inner = app.geometry.main.library_list;
        let width = inner.width as usize;
        let g = app.geometry.entities;
        if index.entries.is_empty() {
            let msg = if app.model.load.finished || app.model.load.cancelled {
                "No entities found."
            } else {
                "Extracting…"
            };
            Paragraph::new(Line::styled(truncate(msg, width), theme.style(Role::Dim)))
                .render(inner, buf);
            return;
        }
        let n = index.articles;
        let total_w = 4usize;
        // Per-report columns when they leave a name at least 12 columns wide.
        let columns = 1 + 12 + total_w + n * CELL <= width;
        let tail_w = total_w + if columns { n * CELL } else { 6 };
        let name_w = width.saturating_sub(tail_w + 1);
        let dim = theme.style(Role::Dim);
        let meta = theme.style(Role::Meta);
        // Column header: report numbers over their columns.
        if g.header.height > 0 {
            let mut head = format!("{:<w$}", "", w = 1 + name_w + total_w);
            if columns {
                for i in 0..n {
                    head.push_str(&format!("{:>3} ", i + 1));
                }
            } else {
                head.push_str(" in/of");
            }
            let mut spans = vec![Span::styled(truncate(&head, width), meta)];
            if let (true, Some(open)) = (columns, open_report) {
                // The open report's number, marked.
                let label = format!("{}", open + 1);
                let prefix = 1 + name_w + total_w + open * CELL + 3 - label.len();
                if prefix + label.len() <= width {
                    let base = &head[..prefix.min(head.len())];
                    let rest = head.get(prefix + label.len()..).unwrap_or("");
                    spans = vec![
                        Span::styled(base.to_string(), meta),
                        Span::styled(label, theme.style(Role::Key)),
                        Span::styled(rest.to_string(), meta),
                    ];
                }
            }
            Paragraph::new(Line::from(spans)).render(g.header, buf);
        }
        let mut lines: Vec<Line> = Vec::new();
        for row in state
            .rows
            .iter()
            .skip(state.offset)
            .take(g.list.height as usize)
        {
            match *row {
                EntityRow::Header(kind) => {
                    let count = index.of_kind(kind).count();
                    let text = format!("{} ({count})", type_name(kind));
                    lines.push(Line::styled(
                        truncate(&text, width),
                        theme.style(entity_role(kind)).add_modifier(Modifier::BOLD),
                    ));
                }
                EntityRow::Entry(k) => {
                    let Some(e) = index.entries.get(k) else {
                        continue;
                    };
                    let sel = k == state.selected;
                    let chosen = state
                        .chosen
                        .as_ref()
                        .is_some_and(|(kind, c)| *kind == e.kind && *c == e.canonical);
                    let row_style = if sel {
                        theme.style(if focused {
                            Role::Selected
                        } else {
                            Role::SelectedUnfocused
                        })
                    } else {
                        theme.style(Role::Text)
                    };
                    let marker = if chosen { "▸" } else { " " };
                    let name = format!("{marker}{}", e.display);
                    let mut spans = vec![
                        padded(&name, 1 + name_w, row_style),
                        Span::styled(format!("{:>w$}", e.total, w = total_w), row_style),
                    ];
                    if columns {
                        for i in 0..n {
                            let c = &e.count(i);
                            let mut st = if sel {
                                row_style
                            } else if *c == 0 {
                                dim
                            } else {
                                theme.style(entity_role(e.kind))
                            };
                            if open_report == Some(i) {
                                st = st.add_modifier(Modifier::BOLD);
                            }
                            spans.push(Span::styled(cell(*c), st));
                        }
                    } else {
                        spans.push(Span::styled(
                            format!("{:>6}", format!("{}/{}", e.spread, n)),
                            if sel { row_style } else { meta },
                        ));
                    }
                    let used: usize = spans.iter().map(|s| s.content.width()).sum();
                    if used > width {
                        // Never draw past the pane: keep the name, cut the rest.
                        spans.truncate(1);
                    }
                    lines.push(Line::from(spans));
                }
            }
        }
        Paragraph::new(lines).render(g.list, buf);
        if g.detail.height > 0 {
            detail(app, g.detail, buf);
        }
    }
}

/// Where the selected entity is mentioned: one line per report that mentions it.
fn detail(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let width = area.width as usize;
    let Some(e) = app.selected_entry() else {
        return;
    };
    let mut lines = vec![
        Line::styled("─".repeat(width), theme.style(Role::Border)),
        Line::from(vec![Span::styled(
            truncate(
                &format!(
                    "{} · in {} of {} reports",
                    e.display, e.spread, app.model.index.articles
                ),
                width,
            ),
            theme.style(entity_role(e.kind)),
        )]),
    ];
    let room = (area.height as usize).saturating_sub(2);
    let mentioned = &e.mentioned;
    for (shown, &(i, c)) in mentioned.iter().enumerate() {
        if shown + 1 == room && mentioned.len() > room {
            lines.push(Line::styled(
                truncate(&format!("  … and {} more", mentioned.len() - shown), width),
                theme.style(Role::Dim),
            ));
            break;
        }
        let outlet = app
            .model
            .article(i)
            .map(|a| a.outlet_label())
            .unwrap_or_default();
        let open = app.reader.open == Some(i);
        let text = format!("{}{:>2} {outlet} ×{c}", if open { "▌" } else { " " }, i + 1);
        let st = if open {
            theme.style(Role::Text).add_modifier(Modifier::BOLD)
        } else {
            theme.style(Role::Meta)
        };
        lines.push(Line::styled(truncate(&text, width), st));
    }
    Paragraph::new(lines).render(area, buf);
}
