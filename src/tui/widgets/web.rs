//! Under the library, while URLs are being fetched (URL inputs, or a refresh with `R`): a
//! heading with the count, then per URL a line — `⟳` in flight, `·` queued, `✓` done,
//! `✗` failed — and under it where it is (`connecting`, `120 KB of 300 KB`, `full text 2/5`, the
//! reason of a failure). Readable without colour: the glyphs and words carry it.

use super::{padded, truncate, truncate_left};
use crate::tui::app::App;
use crate::tui::theme::Role;
use crate::tui::web::UrlState;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct WebList<'a> {
    pub app: &'a App,
}

impl Widget for WebList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let web = &app.web;
        if area.height == 0 || area.width == 0 {
            return;
        }
        let theme = &app.theme;
        let width = area.width as usize;
        let (done, all) = web.progress();
        let verb = if web.refreshing {
            "Refreshing"
        } else {
            "Fetching"
        };
        let mut lines = vec![Line::from(padded(
            &format!("{verb} {done}/{all}"),
            width,
            theme.style(Role::Heading),
        ))];
        // Each URL on its line (cut from the left: the end names the page), its state under.
        for row in web.visible(area.height.saturating_sub(1) as usize / 2) {
            let (glyph, role) = match row.state {
                UrlState::Busy(_) => ("⟳", Role::Text),
                UrlState::Queued => ("·", Role::Dim),
                UrlState::Done(_) => ("✓", Role::Meta),
                UrlState::Failed(_) => ("✗", Role::StatusWarn),
            };
            let url = row
                .url
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            let state_role = if matches!(row.state, UrlState::Failed(_)) {
                Role::StatusWarn
            } else {
                Role::Meta
            };
            let rest = width.saturating_sub(2);
            lines.push(Line::from(vec![
                Span::styled(format!("{glyph} "), theme.style(role)),
                Span::styled(truncate_left(url, rest), theme.style(Role::Text)),
            ]));
            lines.push(Line::from(Span::styled(
                format!("  {}", truncate(&row.state.describe(), rest)),
                theme.style(state_role),
            )));
        }
        Paragraph::new(lines).render(area, buf);
    }
}
