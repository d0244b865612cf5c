//! Helpers shared by the screen tests: draw the App into a test backend, press a key through
//! the keymap, read the screen as text.
#![allow(dead_code)]

use parallax::engine::load::{Input, LoadOptions};
use parallax::engine::pipeline::{self, Event};
use parallax::tui::action::{Action, Effect};
use parallax::tui::app::App;
use parallax::tui::compare::job::{CompareJob, run};
use parallax::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::RefCell;

pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.update(Action::Resize(w, h));
    app.prepare();
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::render(app, f)).unwrap();
    term
}

thread_local! {
    /// Comparisons asked for and not run yet (the event loop would hand them to a worker).
    static PENDING: RefCell<Vec<CompareJob>> = const { RefCell::new(Vec::new()) };
}

/// Presses a key through the keymap, as the event loop does; a comparison it starts waits
/// for [`run_pending`].
pub fn press(app: &mut App, code: KeyCode) {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(c) = app.keymap.lookup(app.mode(), &ev) {
        update(app, Action::Command(c));
    }
}

/// `app.update`, keeping the comparison it starts, if any.
pub fn update(app: &mut App, action: Action) {
    if let Some(Effect::StartCompare(job)) = app.update(action) {
        PENDING.with(|p| p.borrow_mut().push(*job));
    }
}

/// Runs the pending comparisons on this thread and hands their results to the app, as a
/// worker would.
pub fn run_pending(app: &mut App) {
    for job in PENDING.with(|p| std::mem::take(&mut *p.borrow_mut())) {
        app.update(Action::Compared(Box::new(run(job))));
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

pub mod tmux;
