//! Helpers shared by the screen tests: draw the App into a test backend, press a key through
//! the keymap, read the screen as text.
#![allow(dead_code)]

use parallax::engine::load::{Input, LoadOptions};
use parallax::engine::pipeline::{self, Event};
use parallax::tui::action::Action;
use parallax::tui::app::App;
use parallax::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize(w, h));
    app.prepare();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::render(app, f)).unwrap();
    term
}

pub fn press(app: &mut App, code: KeyCode) {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(c) = app.keymap.lookup(app.mode(), &ev) {
        app.update(Action::Command(c));
    }
}

pub fn screen(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Every event the loading pipeline sends for `inputs`, in order.
pub fn events(inputs: &[Input]) -> Vec<Event> {
    pipeline::collect(inputs, &LoadOptions::default())
}

/// Hands `events` to the app, as the event loop does.
pub fn feed(app: &mut App, events: impl IntoIterator<Item = Event>) {
    for e in events {
        app.update(Action::Pipeline(e));
    }
}
