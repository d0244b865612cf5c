//! Popups over the panes: the help generated from the keymap, and the load messages.

use super::truncate;
use crate::tui::app::App;
use crate::tui::layout::notes;
use crate::tui::theme::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

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
    let area = frame.area();
    let rect = centered(area, width, (lines.len() as u16).saturating_add(2));
    let theme = &app.theme;
    let inner_h = rect.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner_h);
    let scroll = app.overlay_scroll.min(max_scroll);
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

/// The help overlay, generated from the keymap so it cannot drift from it.
pub fn help(app: &App, frame: &mut Frame) {
    let theme = &app.theme;
    let width = frame.area().width.min(64);
    let keys_w = 22usize;
    let desc_w = (width as usize).saturating_sub(keys_w + 3);
    let mut lines = Vec::new();
    for (mode, rows) in app.keymap.help_rows() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(
            mode.title().to_string(),
            theme.style(Role::Heading),
        ));
        for (keys, desc) in rows {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {:<w$}", truncate(&keys, keys_w - 1), w = keys_w - 1),
                    theme.style(Role::Key),
                ),
                Span::styled(truncate(desc, desc_w), theme.style(Role::Text)),
            ]));
        }
    }
    popup(app, frame, "Keys", lines, width);
}

/// Everything the loader had to say, then each article's notes.
pub fn messages(app: &App, frame: &mut Frame) {
    let theme = &app.theme;
    let width = frame.area().width.min(100);
    let w = width.saturating_sub(4) as usize;
    let mut lines = Vec::new();
    if app.messages.is_empty() {
        lines.push(Line::styled("Every input loaded.", theme.style(Role::Meta)));
    }
    for m in &app.messages {
        lines.push(Line::styled(
            truncate(&format!("⚠ {m}"), w),
            theme.style(Role::Note),
        ));
    }
    for a in &app.articles {
        let ns = notes(a);
        if ns.is_empty() {
            continue;
        }
        lines.push(Line::styled(
            truncate(&a.source.label(), w),
            theme.style(Role::Heading),
        ));
        for n in ns {
            lines.push(Line::styled(
                truncate(&format!("  {n}"), w),
                theme.style(Role::Text),
            ));
        }
    }
    popup(app, frame, "Messages", lines, width);
}
