//! The interactive reader: an event loop over keys and worker messages, an [`app::App`] that
//! holds the state in components and says what the loop must do ([`action::Effect`]), and
//! widgets that draw it. See `docs/architecture.md`.
//!
//! ```text
//! key ─ keymap[app.mode()] ─▶ Command ─▶ App::update ─▶ component.update ─▶ Effect
//! pipeline::Event / compare result ─▶ App::update          (Quit, CancelLoad, StartCompare)
//! App::prepare (geometry, layouts, rows) ─▶ ui::render(&App) ─▶ widgets (read only)
//! ```

pub mod action;
pub mod app;
pub mod browser;
pub mod compare;
pub mod config;
pub mod copy;
pub mod entities;
pub mod export;
pub mod geometry;
pub mod hints;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod model;
pub mod notes;
pub mod overlay;
pub mod prompt;
pub mod reader;
pub mod search;
pub mod story;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod web;
mod web_jobs;
pub mod widgets;

use crate::engine::load::{Input, LoadError, LoadOptions};
use crate::engine::pipeline::{self, Event as PipelineEvent};
use action::{Action, Effect};
use app::App;
use keymap::Keymap;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::layout::Rect;
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
    /// ASCII only (`--ascii`, or a locale that is not UTF-8).
    pub ascii: bool,
    /// Mouse wheel and clicks (off with `--no-mouse`).
    pub mouse: bool,
    /// The local store, for refreshing (`R`) and versions (`V`).
    pub store: Option<std::path::PathBuf>,
    /// The urls file a refresh reads.
    pub urls_file: Option<std::path::PathBuf>,
    /// The inputs are the store's articles: a refresh that brings something reopens them.
    pub from_store: bool,
    /// The notes file (`None`: notes are kept for this run only).
    pub notes_file: Option<std::path::PathBuf>,
    /// The user's config file (its name for messages, its text), applied over the built-in
    /// keymap and theme ([`config`]); problems finding it, for the messages popup.
    pub config: Option<(String, String)>,
    pub config_problems: Vec<String>,
}

/// Starts the loading pipeline on `inputs`; its events arrive on the returned receiver (a
/// new one per run, so a stopped run's late events go nowhere).
fn start_pipeline(
    inputs: Vec<Input>,
    opts: LoadOptions,
) -> (pipeline::Cancel, mpsc::Receiver<Action>) {
    let (tx, rx) = mpsc::channel();
    let to_app = std::sync::Mutex::new(tx);
    let cancel = pipeline::spawn(inputs, opts, move |e| {
        if let Ok(tx) = to_app.lock() {
            let _ = tx.send(Action::Pipeline(e));
        }
    });
    (cancel, rx)
}

/// A mouse event the reader acts on: wheel notches and left clicks.
fn pointer(m: &event::MouseEvent) -> Option<app::Pointer> {
    use event::{MouseButton, MouseEventKind};
    let (x, y) = (m.column, m.row);
    Some(match m.kind {
        MouseEventKind::ScrollDown => app::Pointer::Wheel { x, y, down: true },
        MouseEventKind::ScrollUp => app::Pointer::Wheel { x, y, down: false },
        MouseEventKind::Down(MouseButton::Left) => app::Pointer::Click { x, y },
        _ => return None,
    })
}

/// Runs the reader until the user quits. Returns how many articles were loaded.
pub fn run(opts: Options) -> std::io::Result<usize> {
    let mut theme = Theme::new(opts.depth);
    theme.ascii = opts.ascii;
    let mut app = App::new(Keymap::default_map(), theme);
    app.model.messages.extend(opts.config_problems);
    if let Some((name, src)) = &opts.config {
        app.apply_config(name, src);
    }
    app.web.from_store = opts.from_store;
    if let Some(path) = opts.notes_file {
        app.open_notes(path);
    }
    for p in opts.problems {
        app.update(Action::Pipeline(PipelineEvent::Failed(p)));
    }
    // Workers (comparisons, refreshes, versions) answer here; the pipeline on its own channel.
    let (tx, rx) = mpsc::channel();
    let (mut cancel, mut pipeline_rx) = start_pipeline(opts.inputs, opts.load);
    terminal::use_mouse(opts.mouse);
    let mut terminal = terminal::enter()?;
    let result = (|| -> std::io::Result<()> {
        let size = ratatui::crossterm::terminal::size()?;
        app.update(Action::Resize(size.0, size.1));
        let mut dirty = true;
        loop {
            if dirty {
                // `update` keeps derived state current, so drawing only reads.
                terminal.draw(|f| ui::render(&app, f))?;
                dirty = false;
            }
            let timeout = if app.model.load.finished && !app.comparing() && !app.web.active() {
                Duration::from_millis(250)
            } else {
                Duration::from_millis(30)
            };
            let mut effects = Vec::new();
            if event::poll(timeout)? {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        effects.extend(app.key(&k));
                        dirty = true;
                    }
                    Event::Mouse(m) => {
                        if let Some(p) = pointer(&m) {
                            effects.extend(app.update(Action::Pointer(p)));
                            dirty = true;
                        }
                    }
                    Event::Resize(w, h) => {
                        let (w, h) = geometry::clamp((w, h));
                        terminal.resize(Rect::new(0, 0, w, h))?;
                        app.update(Action::Resize(w, h));
                        dirty = true;
                    }
                    _ => {}
                }
            }
            while let Ok(a) = pipeline_rx.try_recv().or_else(|_| rx.try_recv()) {
                effects.extend(app.update(a));
                dirty = true;
            }
            for effect in effects {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Copy(text) => {
                        use std::io::Write;
                        let out = terminal.backend_mut();
                        out.write_all(copy::osc52(&text).as_bytes())?;
                        out.flush()?;
                    }
                    Effect::OpenUrl(url) => {
                        let said = match browser::open(&url) {
                            Ok(program) => format!("opening in {program}: {url}"),
                            Err(why) => why,
                        };
                        app.update(Action::Notice(crate::engine::sanitize::sanitize_line(
                            &said,
                        )));
                        dirty = true;
                    }
                    Effect::WriteFile { name, text } => {
                        let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
                        let said = match export::write_new(&dir, &name, &text) {
                            Ok(path) => format!("wrote {}", path.display()),
                            Err(e) => format!("could not write {name}.md: {e}"),
                        };
                        app.update(Action::Notice(crate::engine::sanitize::sanitize_line(
                            &said,
                        )));
                        dirty = true;
                    }
                    Effect::Suspend => {
                        terminal::suspend(&mut terminal)?;
                        dirty = true;
                    }
                    Effect::CancelLoad => cancel.cancel(),
                    Effect::StartCompare(job) => compare::job::spawn(*job, tx.clone()),
                    Effect::Refresh => {
                        web_jobs::refresh(&opts.store, &opts.urls_file, opts.load, &tx)
                    }
                    Effect::LoadVersions(url) => web_jobs::versions(&opts.store, url, &tx),
                    Effect::Reload => web_jobs::reopen(&opts.store, &tx),
                    Effect::StartPipeline(inputs) => {
                        cancel.cancel();
                        (cancel, pipeline_rx) = start_pipeline(inputs, opts.load);
                    }
                    // App::update routes every other effect itself.
                    _ => {}
                }
            }
            if terminal::continued() {
                // Stopped and continued from outside: the screen may hold anything.
                terminal.clear()?;
                dirty = true;
            }
            if terminal::stop_signal().is_some() {
                return Ok(());
            }
        }
    })();
    terminal::restore();
    result.map(|_| app.model.len())
}
