//! The reader's state and the one place it changes: [`App::update`].

use super::action::{Action, Command};
use super::keymap::{Keymap, Mode};
use super::layout::{DocLayout, layout};
use super::theme::Theme;
use super::ui::{Areas, areas};
use crate::engine::Article;
use crate::engine::entities::Extraction;
use crate::engine::sanitize::sanitize_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Library,
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Messages,
    /// The compare view's current row in full.
    CompareDetail,
}

/// Loading progress, shown in the status line while inputs are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadState {
    pub done: usize,
    pub total: usize,
    pub current: String,
    pub failed: usize,
    pub finished: bool,
    pub cancelled: bool,
}

pub struct App {
    pub articles: Vec<Article>,
    /// For each article, its entities and quotes (empty until the worker sends them).
    pub extractions: Vec<Extraction>,
    /// Entity highlighting in the reading pane.
    pub highlight: bool,
    /// For each article, the position of its input on the command line (the library order).
    pub order: Vec<usize>,
    /// Problems met while loading, sanitized, in order.
    pub messages: Vec<String>,
    pub selected: usize,
    pub library_offset: usize,
    /// The article in the reading pane.
    pub open: Option<usize>,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: usize,
    pub reader_scroll: usize,
    pub load: LoadState,
    pub keymap: Keymap,
    pub theme: Theme,
    pub size: (u16, u16),
    /// Layout of the open article at the reading pane's width; rebuilt when either changes.
    pub doc: Option<(usize, DocLayout)>,
    pub quit: bool,
    /// True once the user has pressed a bound key.
    pub touched: bool,
    /// Set when the user asked to cancel loading; the event loop tells the worker.
    pub cancel_requested: bool,
    /// Reports marked for comparing (library indices; first A, then B).
    pub marks: Vec<usize>,
    /// The compare view, when open (`tui::compare`).
    pub compare: Option<super::compare::CompareView>,
    /// A comparison to run; the event loop hands it to a worker.
    pub compare_request: Option<super::compare::CompareJob>,
}

impl App {
    pub fn new(keymap: Keymap, theme: Theme) -> App {
        App {
            articles: Vec::new(),
            order: Vec::new(),
            extractions: Vec::new(),
            highlight: true,
            messages: Vec::new(),
            selected: 0,
            library_offset: 0,
            open: None,
            focus: Focus::Library,
            overlay: None,
            overlay_scroll: 0,
            reader_scroll: 0,
            load: LoadState::default(),
            keymap,
            theme,
            size: (80, 24),
            doc: None,
            quit: false,
            touched: false,
            cancel_requested: false,
            marks: Vec::new(),
            compare: None,
            compare_request: None,
        }
    }

    /// The key table for the current state.
    pub fn mode(&self) -> Mode {
        match (self.overlay, self.focus) {
            (Some(_), _) => Mode::Overlay,
            (None, _) if self.compare.is_some() => Mode::Compare,
            (None, Focus::Library) => Mode::Library,
            (None, Focus::Reader) => Mode::Reader,
        }
    }

    pub fn areas(&self) -> Areas {
        areas(self.size, self.focus)
    }

    /// Makes derived state current (layout cache, list offset). Called before each draw, so
    /// rendering only reads.
    pub fn prepare(&mut self) {
        let a = self.areas();
        let width = a.reader_text.width;
        if let Some(idx) = self.open {
            let stale = !matches!(&self.doc, Some((i, d)) if *i == idx && d.width == width);
            if stale && let Some(article) = self.articles.get(idx) {
                self.doc = Some((idx, layout(article, width)));
            }
        } else {
            self.doc = None;
        }
        self.reader_scroll = self.reader_scroll.min(self.max_scroll());
        let rows = (a.library_list.height as usize / 2).max(1);
        if self.selected < self.library_offset {
            self.library_offset = self.selected;
        } else if self.selected >= self.library_offset + rows {
            self.library_offset = self.selected + 1 - rows;
        }
        self.prepare_compare();
    }

    pub fn doc_lines(&self) -> usize {
        self.doc.as_ref().map_or(0, |(_, d)| d.lines.len())
    }

    fn reader_height(&self) -> usize {
        self.areas().reader_text.height as usize
    }

    fn max_scroll(&self) -> usize {
        self.doc_lines().saturating_sub(self.reader_height().max(1))
    }

    /// Scroll position as a percentage of the scrollable range.
    pub fn scroll_percent(&self) -> u16 {
        (self.reader_scroll * 100)
            .checked_div(self.max_scroll())
            .map_or(100, |p| p.min(100) as u16)
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Command(c) => self.command(c),
            Action::Resize(w, h) => self.size = (w, h),
            Action::Loaded { order, articles } => self.insert(order, articles),
            Action::Extracted { order, extractions } => {
                let start = self.order.partition_point(|&o| o < order);
                let slots = self.extractions.iter_mut().skip(start);
                for (slot, ex) in slots.zip(extractions) {
                    *slot = ex;
                }
            }
            Action::LoadFailed(e) => {
                self.load.failed += 1;
                self.messages.push(e.display());
            }
            Action::Progress {
                done,
                total,
                current,
            } => {
                self.load.done = done;
                self.load.total = total;
                self.load.current = sanitize_line(&current);
            }
            Action::LoadFinished => self.load.finished = true,
            Action::Compared(done) => self.compare_done(*done),
        }
        self.prepare();
    }

    /// Adds a batch where its input's position puts it, keeping the selection on the same
    /// article when the batch lands before it.
    fn insert(&mut self, order: usize, batch: Vec<Article>) {
        let n = batch.len();
        if n == 0 {
            return;
        }
        let extractions = std::iter::repeat_with(Extraction::default).take(n);
        let pos = self.order.partition_point(|&o| o <= order);
        self.articles.splice(pos..pos, batch);
        self.extractions.splice(pos..pos, extractions);
        self.order.splice(pos..pos, std::iter::repeat_n(order, n));
        self.shift_marks(pos, n);
        if !self.touched {
            // Until the user moves, the top of the library is selected and open.
            self.selected = 0;
            self.open = Some(0);
            return;
        }
        let had_any = self.articles.len() > n;
        if had_any && pos <= self.selected {
            self.selected += n;
        }
        match self.open {
            Some(o) if pos <= o => {
                self.open = Some(o + n);
                if let Some((i, _)) = &mut self.doc {
                    *i = o + n;
                }
            }
            None => self.open = Some(self.selected.min(self.articles.len() - 1)),
            _ => {}
        }
    }

    fn command(&mut self, c: Command) {
        self.touched = true;
        if self.overlay.is_some() {
            return self.overlay_command(c);
        }
        if self.compare.is_some() {
            return self.compare_command(c);
        }
        let page = self.reader_height().max(1);
        match c {
            Command::Quit => self.quit = true,
            Command::Help => self.show(Overlay::Help),
            Command::Messages => self.show(Overlay::Messages),
            Command::Close => {}
            Command::Cancel => {
                if !self.load.finished {
                    self.cancel_requested = true;
                    self.load.cancelled = true;
                }
            }
            Command::FocusNext => {
                self.focus = match self.focus {
                    Focus::Library => Focus::Reader,
                    Focus::Reader => Focus::Library,
                }
            }
            Command::FocusLibrary => self.focus = Focus::Library,
            Command::FocusReader => self.focus = Focus::Reader,
            Command::ToggleHighlight => self.highlight = !self.highlight,
            Command::Mark => self.toggle_mark(),
            Command::Compare => self.request_compare(),
            Command::PrevArticle => self.step_article(-1),
            Command::NextArticle => self.step_article(1),
            Command::Open => {
                if self.selected < self.articles.len() {
                    self.open_selected();
                    self.focus = Focus::Reader;
                }
            }
            motion => match self.focus {
                Focus::Library => self.move_selection(motion),
                Focus::Reader => self.scroll(motion, page),
            },
        }
    }

    pub(crate) fn show(&mut self, o: Overlay) {
        self.overlay = Some(o);
        self.overlay_scroll = 0;
    }

    fn overlay_command(&mut self, c: Command) {
        match c {
            Command::Quit => self.quit = true,
            Command::Close | Command::Cancel => self.overlay = None,
            Command::Down => self.overlay_scroll += 1,
            Command::Up => self.overlay_scroll = self.overlay_scroll.saturating_sub(1),
            Command::PageDown => self.overlay_scroll += 10,
            Command::PageUp => self.overlay_scroll = self.overlay_scroll.saturating_sub(10),
            Command::Top => self.overlay_scroll = 0,
            Command::Bottom => self.overlay_scroll = usize::MAX / 2,
            _ => {}
        }
    }

    fn open_selected(&mut self) {
        if self.open != Some(self.selected) {
            self.open = Some(self.selected);
            self.reader_scroll = 0;
        }
    }

    fn step_article(&mut self, delta: isize) {
        if self.articles.is_empty() {
            return;
        }
        let cur = self.open.unwrap_or(self.selected) as isize;
        let next = (cur + delta).clamp(0, self.articles.len() as isize - 1) as usize;
        self.selected = next;
        self.open_selected();
    }

    fn move_selection(&mut self, c: Command) {
        let n = self.articles.len();
        if n == 0 {
            return;
        }
        // A page of the library is the number of entries it shows.
        let page = (self.areas().library_list.height as usize / 2).max(1);
        let s = self.selected;
        self.selected = match c {
            Command::Down => (s + 1).min(n - 1),
            Command::Up => s.saturating_sub(1),
            Command::PageDown => (s + page).min(n - 1),
            Command::PageUp => s.saturating_sub(page),
            Command::HalfPageDown => (s + page / 2 + 1).min(n - 1),
            Command::HalfPageUp => s.saturating_sub(page / 2 + 1),
            Command::Top => 0,
            Command::Bottom => n - 1,
            _ => s,
        };
        // The reading pane follows the selection when both are visible.
        if !self.areas().narrow {
            self.open_selected();
        }
    }

    fn scroll(&mut self, c: Command, page: usize) {
        let max = self.max_scroll();
        let s = self.reader_scroll;
        self.reader_scroll = match c {
            Command::Down => s + 1,
            Command::Up => s.saturating_sub(1),
            Command::PageDown => s + page.saturating_sub(1).max(1),
            Command::PageUp => s.saturating_sub(page.saturating_sub(1).max(1)),
            Command::HalfPageDown => s + page / 2,
            Command::HalfPageUp => s.saturating_sub(page / 2),
            Command::Top => 0,
            Command::Bottom => max,
            _ => s,
        }
        .min(max);
    }
}
