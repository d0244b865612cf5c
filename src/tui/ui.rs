//! Drawing: hands each part of the screen to a widget, at the areas `App::prepare` computed
//! for the frame ([`crate::tui::geometry`]). Reads the app, never changes it.

use super::app::App;
use super::overlay::Overlay;
use super::theme::Role;
use super::widgets::{
    compare,
    entities::EntitiesPane,
    library::LibraryPane,
    overlay,
    reader::ArticlePane,
    search,
    status::StatusLine,
    story::{self, StoryScreen},
    web::WebList,
};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the whole screen (in ASCII only when the theme says so).
pub fn render(app: &App, frame: &mut Frame) {
    draw(app, frame);
    if app.theme.ascii {
        super::widgets::ascii::asciify(frame.buffer_mut());
    }
}

fn draw(app: &App, frame: &mut Frame) {
    let g = &app.geometry;
    let frame_area = frame.area();
    if frame_area.width < g.size.0 || frame_area.height < g.size.1 {
        // Smaller than the frame prepared for: the loop resizes the terminal with the app,
        // so the next frame fits; drawing this one would go out of bounds.
        return;
    }
    // A larger frame (a terminal beyond the clamp) keeps the rest blank.
    let area = Rect::new(0, 0, g.size.0, g.size.1);
    let a = g.main;
    if a.too_small {
        let msg = Paragraph::new(Line::from("enlarge the terminal (q quits)"))
            .style(app.theme.style(Role::Dim))
            .wrap(Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    if app.compare.is_none() && app.story_view.open && app.story().is_some() {
        frame.render_widget(StoryScreen { app }, area);
        frame.render_widget(StatusLine { app }, a.status);
        match app.overlay.open {
            Some(Overlay::Help) => overlay::help(app, frame),
            Some(Overlay::Messages) => overlay::messages(app, frame),
            Some(Overlay::StoryDetail) => story::detail(app, frame),
            _ => {}
        }
        search::prompt(app, frame);
        return;
    }
    if let Some(view) = &app.compare {
        compare::render(app, view, frame);
    } else {
        if a.library.width > 0 {
            if app.entities.visible {
                frame.render_widget(EntitiesPane { app }, a.library);
            } else {
                frame.render_widget(LibraryPane { app }, a.library);
                if a.web_list.height > 0 {
                    frame.render_widget(WebList { app }, a.web_list);
                }
            }
        }
        if a.reader.width > 0 {
            frame.render_widget(ArticlePane { app }, a.reader);
        }
        frame.render_widget(StatusLine { app }, a.status);
    }
    match app.overlay.open {
        Some(Overlay::Help) => overlay::help(app, frame),
        Some(Overlay::Messages) => overlay::messages(app, frame),
        Some(Overlay::CompareDetail) => compare::detail(app, frame),
        // Drawn over the story screen, above; a story closed under it leaves nothing to show.
        Some(Overlay::StoryDetail) | None => {}
    }
    search::prompt(app, frame);
}
