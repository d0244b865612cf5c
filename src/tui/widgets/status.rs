//! The status line: position, loading progress or the latest message, and key hints.

use super::{padded, truncate};
use crate::tui::app::App;
use crate::tui::hints::{HintContext, fit, hints};
use crate::tui::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

/// The key hints of the view at hand that fit in `width` columns (`None`: not even help).
pub fn status_hints(app: &App, width: usize) -> Option<String> {
    let ctx = HintContext {
        narrow: app.geometry.main.narrow,
        searching: app.search_here().is_some_and(|s| !s.hits.is_empty()),
    };
    let h = fit(&hints(&app.keymap, app.view_mode(), ctx), width);
    (!h.is_empty()).then_some(h)
}

pub struct StatusLine<'a> {
    pub app: &'a App,
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let width = area.width as usize;
        let model = &app.model;
        let n = model.len();
        let pos = match (app.reader.open, app.story().map(|m| &**m)) {
            // The story screen: which story, not where the reader is.
            (_, Some(m)) if app.story_view.open && model.grouped() => format!(
                " story {}/{} · {} reports ",
                app.story_view.current.unwrap_or(0) + 1,
                model.stories.len(),
                m.n
            ),
            (_, Some(m)) if app.story_view.open => format!(" {} reports ", m.n),
            (Some(i), _) if n > 0 => {
                // Its place in the library as listed (grouped by story, it can differ from
                // the input order).
                let rank = if model.grouped() {
                    model.order().iter().position(|&x| x == i).unwrap_or(i)
                } else {
                    i
                };
                format!(" {}/{n} · {}% ", rank + 1, app.scroll_percent())
            }
            _ => format!(" 0/{n} "),
        };
        let load = &model.load;
        let (middle, warn) = if !load.finished && !load.cancelled && load.total > 0 {
            let failed = if load.failed > 0 {
                format!(" · {} failed", load.failed)
            } else {
                String::new()
            };
            (
                format!(
                    "loading {}/{} {}{failed} · Esc cancels",
                    load.done, load.total, load.current
                ),
                false,
            )
        } else if let Some(notice) = &app.notice {
            (notice.clone(), false)
        } else if app.web.refreshing {
            let (done, all) = app.web.progress();
            (format!("refreshing {done}/{all} in the background"), false)
        } else if !app.library.marks.is_empty() && !app.story_view.open {
            (app.library.marks_note(model), false)
        } else if model.building {
            (model.building_note(), false)
        } else if let Some(last) = model.messages.last() {
            let more = if model.messages.len() > 1 {
                format!(" (+{} more)", model.messages.len() - 1)
            } else {
                String::new()
            };
            (format!("⚠ {last}{more} · ! messages"), true)
        } else if load.cancelled {
            ("loading cancelled: kept what was loaded".to_string(), true)
        } else {
            (String::new(), false)
        };
        // A message gets room to be read (up to 48 columns) before the hints get long.
        let room = middle.width().clamp(8, 48);
        // Too little room: help alone, the message cut before it.
        let avail = width.saturating_sub(pos.width() + room);
        let hints = status_hints(app, avail.max(8)).unwrap_or_default();
        let base = theme.style(Role::Status);
        let mid_style = if warn {
            theme.style(Role::StatusWarn)
        } else {
            base
        };
        let mid_w = width.saturating_sub(pos.width() + hints.width());
        let spans = if width < pos.width() + 1 {
            vec![padded(&pos, width, base)]
        } else {
            vec![
                Span::styled(pos, base),
                padded(&middle, mid_w, mid_style),
                Span::styled(truncate(&hints, width), theme.style(Role::Status)),
            ]
        };
        Paragraph::new(Line::from(spans))
            .style(base)
            .render(area, buf);
    }
}
