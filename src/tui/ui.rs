//! Drawing: splits the screen and hands each part to a widget. Reads the app, never changes it.

use super::app::{App, Focus, Overlay};
use super::theme::Role;
use super::widgets::{
    compare, entities::EntitiesPane, library::LibraryPane, overlay, reader::ArticlePane,
    status::StatusLine,
};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Below this the panes collapse into one, switched with Tab.
pub const NARROW_WIDTH: u16 = 80;
/// Below this nothing but a notice is drawn.
const MIN_WIDTH: u16 = 20;
const MIN_HEIGHT: u16 = 4;

/// Where everything goes for a screen size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub narrow: bool,
    pub too_small: bool,
    /// The left pane: the library, or the entities pane when it is open.
    pub library: Rect,
    /// Inside the left pane's border.
    pub library_list: Rect,
    pub reader: Rect,
    pub reader_text: Rect,
    pub status: Rect,
}

/// Inside a bordered block, with one column of padding on each side.
fn inner(r: Rect, pad: u16) -> Rect {
    Rect {
        x: r.x.saturating_add(1 + pad),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2 + 2 * pad),
        height: r.height.saturating_sub(2),
    }
}

/// Where everything goes; `entities` widens the left pane for the entities table.
pub fn areas((w, h): (u16, u16), focus: Focus, entities: bool) -> Areas {
    let too_small = w < MIN_WIDTH || h < MIN_HEIGHT;
    let narrow = w < NARROW_WIDTH;
    let main = Rect::new(0, 0, w, h.saturating_sub(1));
    let status = Rect::new(0, h.saturating_sub(1), w, h.min(1));
    let (library, reader) = if narrow {
        match focus {
            Focus::Library => (main, Rect::new(0, 0, 0, 0)),
            Focus::Reader => (Rect::new(0, 0, 0, 0), main),
        }
    } else {
        let lw = if entities {
            (w * 45 / 100).clamp(34, 64)
        } else {
            (w * 3 / 10).clamp(24, 44)
        };
        (
            Rect::new(0, 0, lw, main.height),
            Rect::new(lw, 0, w - lw, main.height),
        )
    };
    Areas {
        narrow,
        too_small,
        library,
        library_list: inner(library, 0),
        reader,
        reader_text: inner(reader, 1),
        status,
    }
}

/// With the story model: one more column left of the reader's text, so the gutter (how many
/// other reports carry each sentence) stands apart from it.
pub fn with_gutter(mut a: Areas, story: bool) -> Areas {
    if story && a.reader_text.width > 1 {
        a.reader_text.x += 1;
        a.reader_text.width -= 1;
    }
    a
}

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let a = areas((area.width, area.height), app.focus, app.entities_pane);
    let a = with_gutter(a, app.story.is_some());
    if a.too_small {
        let msg = Paragraph::new(Line::from("enlarge the terminal (q quits)"))
            .style(app.theme.style(Role::Dim))
            .wrap(Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    if app.compare.is_none() && app.story_view.open && app.story.is_some() {
        let main = Rect::new(0, 0, area.width, area.height);
        frame.render_widget(super::widgets::story::StoryScreen { app }, main);
        frame.render_widget(StatusLine { app, area: a }, a.status);
        match app.overlay {
            Some(Overlay::Help) => overlay::help(app, frame),
            Some(Overlay::Messages) => overlay::messages(app, frame),
            _ => {}
        }
        return;
    }
    if let Some(view) = &app.compare {
        compare::render(app, view, frame);
    } else {
        if a.library.width > 0 {
            if app.entities_pane {
                frame.render_widget(EntitiesPane { app, area: a }, a.library);
            } else {
                frame.render_widget(LibraryPane { app, area: a }, a.library);
            }
        }
        if a.reader.width > 0 {
            frame.render_widget(ArticlePane { app, area: a }, a.reader);
        }
        frame.render_widget(StatusLine { app, area: a }, a.status);
    }
    match app.overlay {
        Some(Overlay::Help) => overlay::help(app, frame),
        Some(Overlay::Messages) => overlay::messages(app, frame),
        Some(Overlay::CompareDetail) => compare::detail(app, frame),
        None => {}
    }
}
