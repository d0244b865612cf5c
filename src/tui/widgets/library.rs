//! The library pane: one entry per report (title; outlet and word count), the selected one
//! highlighted; with several stories, each under a header with its report count and label.

use super::search::highlight_line;
use super::{padded, truncate};
use crate::engine::sanitize::sanitize_line;
use crate::tui::app::{App, Focus};
use crate::tui::model::LibRow;
use crate::tui::search::Scope;
use crate::tui::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

pub struct LibraryPane<'a> {
    pub app: &'a App,
}

impl Widget for LibraryPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let focused = app.focus == Focus::Library && app.overlay.open.is_none();
        let model = &app.model;
        let n = model.len();
        let stories = if model.grouped() {
            format!(", {} stories", model.stories.len())
        } else {
            String::new()
        };
        let title = if model.load.finished || model.load.cancelled {
            let long = format!(" Library ({n}{stories}) ");
            // The story count gives way on a narrow pane.
            if long.width() + 2 <= area.width as usize {
                long
            } else {
                format!(" Library ({n}) ")
            }
        } else {
            format!(" Library ({n}, loading…) ")
        };
        let border = theme.style(if focused {
            Role::BorderFocused
        } else {
            Role::Border
        });
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(title, border));
        let inner = app.geometry.main.library_list;
        block.render(area, buf);
        let width = inner.width as usize;
        let height = inner.height as usize;
        let mut lines: Vec<Line> = Vec::new();
        if n == 0 {
            let msg = if model.load.finished {
                "No reports loaded. Press ! for messages."
            } else {
                "Loading…"
            };
            lines.push(Line::styled(truncate(msg, width), theme.style(Role::Dim)));
        }
        let search = app.search.matcher_for(Scope::Library);
        for &row in model.rows().iter().skip(app.library.offset) {
            if lines.len() + row.height() > height.max(2) {
                break;
            }
            match row {
                LibRow::Header(k) => {
                    let s = &model.stories[k];
                    let count = match s.members.len() {
                        1 => "1 report".to_string(),
                        c => format!("{c} reports"),
                    };
                    let label = sanitize_line(&s.label);
                    let text = if label.is_empty() {
                        format!("Story {} · {count}", k + 1)
                    } else {
                        format!("Story {} · {count} · {label}", k + 1)
                    };
                    lines.push(Line::from(padded(&text, width, theme.style(Role::Heading))));
                }
                LibRow::Article(i) => {
                    let a = &model.reports[i].article;
                    let sel = i == app.library.selected;
                    let (ts, ms) = if sel {
                        let s = theme.style(if focused {
                            Role::Selected
                        } else {
                            Role::SelectedUnfocused
                        });
                        (s, s)
                    } else {
                        (theme.style(Role::Text), theme.style(Role::Meta))
                    };
                    let marker = if app.reader.open == Some(i) {
                        "▌"
                    } else {
                        " "
                    };
                    let title = format!("{marker}{}{}", app.library.mark_prefix(i), a.title);
                    let meta = format!(
                        " {} · {} words",
                        a.outlet_label(),
                        group_digits(a.word_count())
                    );
                    let mut title = Line::from(padded(&title, width, ts));
                    let mut meta = Line::from(padded(&meta, width, ms));
                    if let Some(m) = search {
                        title = highlight_line(title, m, theme);
                        meta = highlight_line(meta, m, theme);
                    }
                    lines.push(title);
                    lines.push(meta);
                }
            }
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

/// 12345 → "12,345".
pub fn group_digits(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
