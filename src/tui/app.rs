//! The reader's state and the one place it changes: [`App::update`].
//!
//! `App` composes the components — the [`Model`] of what loaded, the library pane, the
//! reading pane, the entities pane, the compare view, the story screen and the popups — each
//! with its own state type and `update`. [`App::mode`] says which component has the keys:
//! it picks the keymap table and routes the command. Components answer with an [`Effect`];
//! `App` routes those meant for another component and returns the rest (quit, start a
//! comparison, cancel loading) to the event loop. After every action `prepare` computes the
//! frame's [`Geometry`] and every derived view (layouts, rows, offsets), so drawing only
//! reads.

use super::action::{Action, Command, Effect};
use super::compare::{self, CompareView};
use super::entities::EntitiesState;
use super::geometry::{Geometry, Panes};
use super::keymap::{Keymap, Mode};
use super::library::LibraryState;
use super::model::Model;
use super::notes::NotesState;
use super::overlay::{Overlay, OverlayState};
use super::prompt::PromptState;
use super::reader::{ReaderState, Step};
use super::search::SearchState;
use super::story::StoryState;
use super::theme::Theme;
use super::web::WebState;
use crate::engine::Span;
use crate::engine::entities::index::IndexEntry;
use crate::engine::story::StoryModel;
use std::sync::Arc;

pub use mouse::Pointer;

mod copy;
mod keys;
mod mouse;
mod notes;
mod open;
mod pipeline;
mod search;
mod web;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Library,
    Reader,
}

/// A screen `q` / `Esc` in the reading pane returns to, the way the user came (see
/// [`App::back`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The story screen, over the library / reader screen with this focus.
    Story { focus: Focus },
}

/// The most places [`App::back`] keeps (the oldest go first).
const BACK_DEPTH: usize = 16;

pub struct App {
    /// What loaded: reports, stories, the entities index, messages, progress.
    pub model: Model,
    pub library: LibraryState,
    pub reader: ReaderState,
    pub entities: EntitiesState,
    /// The compare view, when open.
    pub compare: Option<CompareView>,
    /// The story screen (`o`).
    pub story_view: StoryState,
    pub overlay: OverlayState,
    pub focus: Focus,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The screen size as the terminal reports it ([`Geometry`] clamps it).
    pub size: (u16, u16),
    /// Every area of the current frame, computed in `prepare`.
    pub geometry: Geometry,
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
    /// True once the user has pressed a bound key.
    pub touched: bool,
    /// URLs being fetched, the background refresh, versions (`tui::web`).
    pub web: WebState,
    /// The status line's prompt (`/`).
    pub prompt: PromptState,
    /// The last search, its hits and the current one.
    pub search: SearchState,
    /// Notes on sentences, claims and discrepancies, and what the views mark (`tui::notes`).
    pub notes: NotesState,
    /// Where the reading pane came from, most recent last: a report read from the story
    /// screen goes back to it.
    pub back: Vec<Place>,
    /// The id of the next comparison job (a result for an older job is dropped).
    next_job: u64,
}

impl App {
    pub fn new(keymap: Keymap, theme: Theme) -> App {
        let mut app = App {
            model: Model::default(),
            library: LibraryState::default(),
            reader: ReaderState::default(),
            entities: EntitiesState::default(),
            compare: None,
            story_view: StoryState::default(),
            overlay: OverlayState::default(),
            focus: Focus::Library,
            keymap,
            theme,
            size: (80, 24),
            geometry: Geometry::default(),
            notice: None,
            touched: false,
            web: WebState::default(),
            prompt: PromptState::default(),
            search: SearchState::default(),
            notes: NotesState::new(crate::notes::Notes::in_memory()),
            back: Vec::new(),
            next_job: 1,
        };
        app.prepare();
        app
    }

    /// Which component has the keys: the key table to look them up in, and where the
    /// command goes.
    pub fn mode(&self) -> Mode {
        if self.prompt.is_open() {
            Mode::Prompt
        } else if self.overlay.open.is_some() {
            Mode::Overlay
        } else {
            self.view_mode()
        }
    }

    /// The mode of the view on screen, under any popup or prompt.
    pub fn view_mode(&self) -> Mode {
        if self.compare.is_some() {
            Mode::Compare
        } else if self.story_view.open {
            Mode::Story
        } else {
            match self.focus {
                Focus::Library if self.entities.visible => Mode::Entities,
                Focus::Library => Mode::Library,
                Focus::Reader => Mode::Reader,
            }
        }
    }

    /// Applies an action; returns what the event loop must do, if anything.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = match action {
            Action::Command(c) => self.command(c),
            Action::Resize(w, h) => {
                self.size = (w, h);
                None
            }
            Action::Pipeline(e) => {
                self.pipeline(e);
                None
            }
            Action::Compared(done) => {
                if let Some(view) = self.compare.as_mut() {
                    view.done(*done);
                }
                None
            }
            Action::Refresh(b) => self.web.refreshed(b, &mut self.model.messages),
            Action::Versions { result, .. } => self.web.versions_read(result),
            Action::Reopen(inputs) if !inputs.is_empty() => Some(Effect::Reopen(inputs)),
            Action::Reopen(_) => None,
            Action::Notice(n) => Some(Effect::Notice(n)),
            Action::Pointer(p) => self.pointer(p),
        };
        let mut out = self.resolve(effect);
        // A reopening held while a view was open, now that it is closed.
        if out.is_none()
            && self.compare.is_none()
            && !self.story_view.open
            && let Some(inputs) = self.web.pending.take()
        {
            out = self.reopen(inputs);
        }
        self.prepare();
        out
    }

    /// Routes effects between components until one is left for the event loop (or none).
    fn resolve(&mut self, mut effect: Option<Effect>) -> Option<Effect> {
        // A routed effect asks for at most one more (a compare request starts a job).
        for _ in 0..4 {
            effect = match effect? {
                e if e.leaves_app() => return Some(e),
                e => self.route(e),
            };
        }
        effect.filter(Effect::leaves_app)
    }

    fn route(&mut self, e: Effect) -> Option<Effect> {
        match e {
            Effect::Follow(i) => self.reader.open(i),
            Effect::Open { report, at } => self.read(report, at),
            Effect::Compare { a, b, at } => return self.start_compare(a, b, at),
            Effect::Show(o) => self.overlay.show(o),
            Effect::Back => self.compare = None,
            Effect::ToggleHighlight { notice } => {
                self.reader.highlight = !self.reader.highlight;
                if notice {
                    let state = if self.reader.highlight { "on" } else { "off" };
                    self.notice = Some(format!("entity highlighting {state}"));
                }
            }
            Effect::Notice(n) => self.notice = Some(n),
            Effect::ComparePair(pair) => return Some(self.compare_versions(*pair)),
            Effect::Reopen(inputs) if self.compare.is_some() || self.story_view.open => {
                self.web.pending = Some(inputs)
            }
            Effect::Reopen(inputs) => return self.reopen(inputs),
            Effect::Search(pattern) => return self.run_search(&pattern),
            Effect::SaveNote(text) => return self.save_note(&text),
            Effect::ReadStoryItem => {
                return self.story_view.read_selected(&self.model, self.reader.open);
            }
            // Quit, CancelLoad, StartCompare, Refresh, LoadVersions, Reload, StartPipeline: the
            // event loop's.
            e => return Some(e),
        }
        None
    }

    /// A key's command, to the component [`App::mode`] names.
    fn command(&mut self, c: Command) -> Option<Effect> {
        self.touched = true;
        self.notice = None;
        let g = self.geometry;
        match (self.mode(), c) {
            (_, Command::Suspend) => return Some(Effect::Suspend),
            (Mode::Prompt, c) => return self.prompt.update(c),
            (Mode::Overlay, c) => return self.overlay.update(c),
            (_, Command::Search) => {
                self.prompt.open();
                return None;
            }
            (_, Command::NextMatch | Command::PrevMatch) => return self.step_match(c),
            (_, Command::Copy) => return self.copy(),
            (_, Command::OpenUrl) => return self.open_url(),
            (_, Command::WriteView) => return self.write_view(),
            (m, Command::MarkChecked | Command::MarkDoubtful | Command::Note) => {
                return self.note_command(m, c);
            }
            _ => {}
        }
        match self.mode() {
            Mode::Compare => {
                let before = self.scope();
                let out = self
                    .compare
                    .as_mut()?
                    .update(c, g.compare.body.height as usize);
                self.search_again_after(before);
                out
            }
            Mode::Story => self.story_view.update(
                c,
                &self.model,
                self.reader.open,
                g.story.list.height as usize,
            ),
            mode => self.main_command(c, mode),
        }
    }

    /// Commands of the library / reader screen (the library, entities and reading panes).
    fn main_command(&mut self, c: Command, mode: Mode) -> Option<Effect> {
        let g = self.geometry;
        match c {
            Command::Quit => return Some(Effect::Quit),
            Command::Help => self.overlay.show(Overlay::Help),
            Command::Messages => self.overlay.show(Overlay::Messages),
            Command::Close => {}
            Command::Cancel if !self.model.load.finished => {
                self.model.load.cancelled = true;
                return Some(Effect::CancelLoad);
            }
            // q, and Esc once loading is done: back one level.
            Command::Cancel | Command::Back => match mode {
                Mode::Entities => return self.main_command(Command::ToggleEntities, mode),
                Mode::Reader => self.go_back(),
                _ => {}
            },
            Command::FocusNext => {
                self.focus = match self.focus {
                    Focus::Library => Focus::Reader,
                    Focus::Reader => Focus::Library,
                }
            }
            Command::FocusLibrary => self.focus = Focus::Library,
            Command::FocusReader => self.focus = Focus::Reader,
            Command::ToggleHighlight => return Some(Effect::ToggleHighlight { notice: true }),
            Command::Mark => {
                return self.library.update(c, &self.model, 0, false);
            }
            Command::Compare => {
                let (a, b) = self.library.compare_pair(&self.model)?;
                return Some(Effect::Compare { a, b, at: None });
            }
            Command::ToggleEntities => {
                self.entities.visible = !self.entities.visible;
                if self.entities.visible {
                    self.focus = Focus::Library;
                } else if g.main.narrow {
                    self.focus = Focus::Reader;
                }
            }
            Command::StoryOpen => {
                let at = self.report_at_hand();
                return self.story_view.open_for(&self.model, at);
            }
            Command::ReaderOnlyThis => return Some(self.toggle_only_this()),
            Command::Refresh | Command::Versions => {
                let at_hand = self.report_at_hand().and_then(|i| self.model.article(i));
                return self.web.update(c, at_hand.map(|a| &**a));
            }
            Command::JumpMention => {
                self.search.last = false;
                return self.jump(Step::Enter);
            }
            Command::NextMention => return self.jump(Step::Next),
            Command::PrevMention => return self.jump(Step::Prev),
            Command::PrevArticle => self.step_article(-1),
            Command::NextArticle => self.step_article(1),
            Command::Open => {
                if self.library.selected < self.model.len() {
                    self.reader.open(self.library.selected);
                    self.focus = Focus::Reader;
                }
            }
            motion => match mode {
                Mode::Entities => {
                    self.entities
                        .update(motion, &self.model.index, g.entities.list.height as usize)
                }
                Mode::Library => {
                    let height = g.main.library_list.height as usize;
                    return self
                        .library
                        .update(motion, &self.model, height, !g.main.narrow);
                }
                _ => self
                    .reader
                    .scroll_by(motion, g.main.reader_text.height as usize),
            },
        }
        None
    }

    /// Reads report `r`, scrolled to `at` and marked (from the story screen).
    fn read(&mut self, r: usize, at: Option<Span>) {
        if r >= self.model.len() {
            return;
        }
        if self.story_view.open {
            if self.back.len() >= BACK_DEPTH {
                self.back.remove(0);
            }
            self.back.push(Place::Story { focus: self.focus });
        }
        self.story_view.open = false;
        self.library.selected = r;
        self.reader.open_at(r, at);
        self.focus = Focus::Reader;
    }

    /// `q` / `Esc` in the reading pane: back where it was opened from (the story screen),
    /// else to the library.
    fn go_back(&mut self) {
        match self.back.pop() {
            Some(Place::Story { focus }) => {
                self.focus = focus;
                self.story_view.open = true;
            }
            None => self.focus = Focus::Library,
        }
    }

    /// Opens the compare view of `a` and `b` and hands its job to the event loop.
    fn start_compare(&mut self, a: usize, b: usize, at: Option<(Span, String)>) -> Option<Effect> {
        let (view, job) = compare::open(&self.model, self.next_job, a, b, at)?;
        self.next_job += 1;
        self.compare = Some(view);
        Some(Effect::StartCompare(Box::new(job)))
    }

    /// The report `o` is about: the selection in the library, else the open report.
    pub fn report_at_hand(&self) -> Option<usize> {
        match self.focus {
            Focus::Library => Some(self.library.selected),
            Focus::Reader => self.reader.open,
        }
        .filter(|&i| i < self.model.len())
    }

    /// `U` in the reader: dim what other reports also say.
    fn toggle_only_this(&mut self) -> Effect {
        let ready = self
            .reader
            .open
            .is_some_and(|i| self.model.model_of(i).is_some());
        if !ready {
            return Effect::Notice(if self.model.building || self.model.stories.is_empty() {
                "story not ready yet".to_string()
            } else {
                "no other report of this story is loaded".to_string()
            });
        }
        self.reader.only_this = !self.reader.only_this;
        Effect::Notice(if self.reader.only_this {
            "only this report: what others also say is dimmed (U again: all)".to_string()
        } else {
            "showing everything".to_string()
        })
    }

    /// Enter in the entities pane, `n` and `N`: marks a mention of the chosen entity in the
    /// open report and scrolls to it, wrapping at either end.
    fn jump(&mut self, step: Step) -> Option<Effect> {
        let index = &self.model.index;
        if (step == Step::Enter || (self.entities.visible && self.entities.chosen.is_none()))
            && let Err(note) = self.entities.choose(index)
        {
            return Some(Effect::Notice(note.to_string()));
        }
        let Some((kind, canonical)) = self.entities.chosen.clone() else {
            return Some(Effect::Notice(
                "choose an entity first: E, then Enter".to_string(),
            ));
        };
        let (note, found) = self
            .reader
            .jump(step, (kind, &canonical), &self.model, index)?;
        if found && step == Step::Enter && self.geometry.main.narrow {
            self.focus = Focus::Reader;
        }
        Some(Effect::Notice(note))
    }

    /// `[` / `]`: the previous / next report in library order.
    fn step_article(&mut self, delta: isize) {
        let current = self.reader.open.unwrap_or(self.library.selected);
        if let Some(i) = self.library.step(&self.model, current, delta) {
            self.reader.open(i);
        }
    }

    /// Makes the frame's geometry and every derived view current. Called after every action
    /// (and before each draw in tests), so rendering only reads.
    pub fn prepare(&mut self) {
        let gutter = self
            .reader
            .open
            .is_some_and(|i| self.model.model_of(i).is_some());
        self.geometry = Geometry::new(
            self.size,
            Panes {
                library_focused: self.focus == Focus::Library,
                entities: self.entities.visible,
                gutter,
                notes: self.open_has_notes(),
                entity_columns: self.model.index.articles,
                web_lines: self.web.wanted_lines(),
            },
        );
        let g = self.geometry;
        let text = g.main.reader_text;
        self.reader
            .prepare(&self.model, text.width, text.height as usize);
        self.entities
            .prepare(&self.model.index, g.entities.list.height as usize);
        self.story_view
            .prepare(&self.model, g.story.list.height as usize);
        self.library
            .prepare(&self.model, g.main.library_list.height as usize);
        let detail = self.overlay.open == Some(Overlay::CompareDetail);
        if let Some(view) = self.compare.as_mut() {
            view.prepare(g.size.0, g.compare.body.height as usize, detail);
        }
        self.prepare_notes();
    }

    /// True while a comparison is being computed.
    pub fn comparing(&self) -> bool {
        self.compare.as_ref().is_some_and(CompareView::pending)
    }

    /// The model on the story screen, if built.
    pub fn story(&self) -> Option<&Arc<StoryModel>> {
        self.story_view.story(&self.model).map(|(_, m, _)| m)
    }

    /// The library positions of the story screen's reports.
    pub fn story_members(&self) -> &[usize] {
        self.story_view
            .story(&self.model)
            .map_or(&[], |(_, _, members)| members)
    }

    /// The library position of report `r` of the story on the story screen.
    pub fn story_report(&self, r: usize) -> usize {
        self.story_members().get(r).copied().unwrap_or(r)
    }

    /// The entry selected in the entities pane.
    pub fn selected_entry(&self) -> Option<&IndexEntry> {
        self.entities.selected_entry(&self.model.index)
    }

    /// The two reports `c` compares.
    pub fn compare_pair(&self) -> Option<(usize, usize)> {
        self.library.compare_pair(&self.model)
    }

    /// The reading pane's scroll position as a percentage.
    pub fn scroll_percent(&self) -> u16 {
        self.reader
            .scroll_percent(self.geometry.main.reader_text.height as usize)
    }
}
