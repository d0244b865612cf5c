//! The interactive reader: an event loop over keys and worker messages, an [`app::App`] that
//! holds the state, and widgets that draw it.

pub mod action;
pub mod app;
pub mod compare;
pub mod keymap;
pub mod layout;
pub mod stories;
pub mod story;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod widgets;

use crate::engine::load::{Input, LoadError, LoadOptions};
use action::Action;
use app::App;
use keymap::Keymap;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::sync::mpsc;
use std::time::Duration;
use theme::{Depth, Theme};

/// What the reader needs to start.
pub struct Options {
    pub inputs: Vec<Input>,
    /// Problems found before loading (missing paths), shown in the status line.
    pub problems: Vec<LoadError>,
    pub load: LoadOptions,
    pub depth: Depth,
}

/// Runs the reader until the user quits. Returns how many articles were loaded.
pub fn run(opts: Options) -> std::io::Result<usize> {
    let mut app = App::new(Keymap::default_map(), Theme::new(opts.depth));
    for p in opts.problems {
        app.update(Action::Pipeline(crate::engine::pipeline::Event::Failed(p)));
    }
    let (tx, rx) = mpsc::channel();
    let to_app = std::sync::Mutex::new(tx.clone());
    let cancel = crate::engine::pipeline::spawn(opts.inputs, opts.load, move |e| {
        if let Ok(tx) = to_app.lock() {
            let _ = tx.send(Action::Pipeline(e));
        }
    });
    let mut terminal = terminal::enter()?;
    let result = (|| -> std::io::Result<()> {
        let size = terminal.size()?;
        app.update(Action::Resize(size.width, size.height));
        let mut dirty = true;
        loop {
            if dirty {
                // `update` keeps derived state current, so drawing only reads.
                terminal.draw(|f| ui::render(&app, f))?;
                dirty = false;
            }
            let timeout = if app.load.finished && !app.comparing() {
                Duration::from_millis(250)
            } else {
                Duration::from_millis(30)
            };
            if event::poll(timeout)? {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        if let Some(c) = app.keymap.lookup(app.mode(), &k) {
                            app.update(Action::Command(c));
                            dirty = true;
                        }
                    }
                    Event::Resize(w, h) => {
                        app.update(Action::Resize(w, h));
                        dirty = true;
                    }
                    _ => {}
                }
            }
            while let Ok(a) = rx.try_recv() {
                app.update(a);
                dirty = true;
            }
            if let Some(job) = app.compare_request.take() {
                compare::spawn(job, tx.clone());
            }
            if app.cancel_requested {
                cancel.cancel();
                app.cancel_requested = false;
            }
            if app.quit || terminal::stop_signal().is_some() {
                return Ok(());
            }
        }
    })();
    terminal::restore();
    result.map(|_| app.articles.len())
}
