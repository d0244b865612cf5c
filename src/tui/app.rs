//! The reader's state and the one place it changes: [`App::update`].

use super::action::{Action, Command};
use super::keymap::{Keymap, Mode};
use super::layout::LineContent;
use super::layout::{DocLayout, layout};
use super::story::StoryState;
use super::theme::Theme;
use super::ui::{Areas, areas};
use super::widgets::entities::{EntityRow, entity_rows, geometry};
use crate::engine::entities::index::{EntityIndex, IndexEntry};
use crate::engine::entities::{EntityKind, Extraction};
use crate::engine::pipeline::Event;
use crate::engine::sanitize::sanitize_line;
use crate::engine::story::StoryModel;
use crate::engine::{Article, Span};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Library,
    Reader,
}

/// How a jump picks the mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// From the entities pane: the next mention after the mark or the top of the view.
    Enter,
    Next,
    Prev,
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
    pub articles: Vec<Arc<Article>>,
    /// For each article, its entities and quotes (empty until the worker sends them).
    pub extractions: Vec<Arc<Extraction>>,
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
    /// The entities pane replaces the library in the left pane.
    pub entities_pane: bool,
    /// The story's entities (empty until the worker has extracted every article).
    pub index: EntityIndex,
    /// Rows of the entities pane: type headers and entries.
    pub entity_rows: Vec<EntityRow>,
    /// The selected entry of `index.entries`, and the first pane row shown.
    pub entity_selected: usize,
    pub entity_offset: usize,
    /// The entity whose mentions `n` / `N` step through.
    pub chosen: Option<(EntityKind, String)>,
    /// The marked mention: (article, span).
    pub mark: Option<(usize, Span)>,
    /// Scroll the reader to the mark at the next `prepare`.
    pub(crate) reveal: bool,
    /// The stories of the library (`tui::stories`): one, or several when the reports are
    /// about several events; empty until the worker has grouped them.
    pub stories: Vec<super::stories::StoryEntry>,
    /// For each article, its story and its number there (an index over `stories`, rebuilt
    /// whenever they change: the reader asks for it several times a frame).
    pub(crate) story_index: Vec<Option<(usize, usize)>>,
    /// The story on the story screen: its index in `stories`, model and members (report r of
    /// the model is library position `story_members[r]`).
    pub current_story: usize,
    pub story: Option<Arc<StoryModel>>,
    pub story_members: Vec<usize>,
    /// The worker is building story models.
    pub story_building: bool,
    /// `o` was pressed before the story was ready: say so when it is.
    pub(crate) story_wanted: bool,
    /// The story screen's state (`o`).
    pub story_view: StoryState,
    /// The reader dims what other reports also say (`U`).
    pub only_this: bool,
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
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
            entities_pane: false,
            index: EntityIndex::default(),
            entity_rows: Vec::new(),
            entity_selected: 0,
            entity_offset: 0,
            chosen: None,
            mark: None,
            reveal: false,
            stories: Vec::new(),
            story_index: Vec::new(),
            current_story: 0,
            story: None,
            story_members: Vec::new(),
            story_building: false,
            story_wanted: false,
            story_view: StoryState::default(),
            only_this: false,
            notice: None,
        }
    }

    /// The key table for the current state.
    pub fn mode(&self) -> Mode {
        match (self.overlay, self.focus) {
            (Some(_), _) => Mode::Overlay,
            (None, _) if self.compare.is_some() => Mode::Compare,
            (None, _) if self.story_view.open => Mode::Story,
            (None, Focus::Library) if self.entities_pane => Mode::Entities,
            (None, Focus::Library) => Mode::Library,
            (None, Focus::Reader) => Mode::Reader,
        }
    }

    pub fn areas(&self) -> Areas {
        let a = areas(self.size, self.focus, self.entities_pane);
        let gutter = self
            .open
            .is_some_and(|i| super::widgets::story::reader_story(self, i).is_some());
        super::ui::with_gutter(a, gutter)
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
        if std::mem::take(&mut self.reveal) {
            self.reveal_mark();
        }
        self.reader_scroll = self.reader_scroll.min(self.max_scroll());
        self.entity_selected = self
            .entity_selected
            .min(self.index.entries.len().saturating_sub(1));
        let list = geometry(a.library_list, self.index.articles).list;
        let height = (list.height as usize).max(1);
        let row = self.entity_row(self.entity_selected);
        if row < self.entity_offset + 1 {
            // Keep the type header above the first entry of a group in view when possible.
            self.entity_offset = self.entity_offset.min(row.saturating_sub(1));
        }
        if row >= self.entity_offset + height {
            self.entity_offset = row + 1 - height;
        }
        self.entity_offset = self.entity_offset.min(row);
        self.prepare_story();
        self.prepare_library(a.library_list.height as usize);
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
            Action::Pipeline(e) => self.pipeline(e),
            Action::Compared(done) => self.compare_done(*done),
        }
        self.prepare();
    }

    /// What the loading pipeline sent ([`Event`]).
    fn pipeline(&mut self, event: Event) {
        match event {
            Event::Loaded { order, articles } => self.insert(order, articles),
            Event::Entities(index) => {
                if index.articles == self.articles.len() {
                    self.entity_rows = entity_rows(&index);
                    self.index = index;
                }
            }
            Event::Extracted(extractions) => {
                if extractions.len() == self.articles.len() {
                    self.extractions = extractions;
                }
            }
            Event::Failed(e) => {
                self.load.failed += 1;
                self.messages.push(e.display());
            }
            Event::Progress {
                done,
                total,
                current,
            } => {
                self.load.done = done;
                self.load.total = total;
                self.load.current = sanitize_line(&current);
            }
            Event::LoadFinished => self.load.finished = true,
            Event::Grouped(stories) => {
                self.set_stories(stories);
                self.story_building = self.stories.iter().any(|s| s.members.len() > 1);
            }
            Event::Story { members, model } => {
                self.set_story_model(members, model);
                self.story_building = self
                    .stories
                    .iter()
                    .any(|s| s.members.len() > 1 && s.model.is_none());
                self.story_ready();
            }
            Event::Finished => {
                // Nothing more comes (every story alone, or a cancel): nothing is building.
                self.story_building = false;
                self.story_ready();
            }
        }
    }

    /// The "not ready" answer to `o` would otherwise stay until the next key.
    fn story_ready(&mut self) {
        if self.story_wanted && !self.story_building {
            self.story_wanted = false;
            if self.stories.iter().any(|s| s.model.is_some()) {
                self.notice = Some("story ready: o opens the story screen".to_string());
            }
        }
    }

    /// Adds a batch where its input's position puts it, keeping the selection on the same
    /// article when the batch lands before it.
    fn insert(&mut self, order: usize, batch: Vec<Arc<Article>>) {
        let n = batch.len();
        if n == 0 {
            return;
        }
        let extractions = std::iter::repeat_with(Arc::default).take(n);
        // Positions shift: the index, the mark and the cached layout (keyed by position) no
        // longer match; a new index follows, the layout is rebuilt at the next `prepare`.
        self.doc = None;
        self.index = EntityIndex::default();
        self.entity_rows.clear();
        self.mark = None;
        self.clear_stories();
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
        self.notice = None;
        if self.overlay.is_some() {
            return self.overlay_command(c);
        }
        if self.compare.is_some() {
            return self.compare_command(c);
        }
        if self.story_view.open {
            return self.story_command(c);
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
            Command::ToggleHighlight => {
                self.highlight = !self.highlight;
                self.notice = Some(format!(
                    "entity highlighting {}",
                    if self.highlight { "on" } else { "off" }
                ));
            }
            Command::Mark => self.toggle_mark(),
            Command::Compare => self.request_compare(),
            Command::ToggleEntities => {
                self.entities_pane = !self.entities_pane;
                self.focus = if self.entities_pane {
                    Focus::Library
                } else if self.areas().narrow {
                    Focus::Reader
                } else {
                    self.focus
                };
            }
            Command::StoryOpen => self.open_story(),
            Command::ReaderOnlyThis => self.toggle_only_this(),
            Command::JumpMention => self.jump(Step::Enter),
            Command::NextMention => self.jump(Step::Next),
            Command::PrevMention => self.jump(Step::Prev),
            Command::PrevArticle => self.step_article(-1),
            Command::NextArticle => self.step_article(1),
            Command::Open => {
                if self.selected < self.articles.len() {
                    self.open_selected();
                    self.focus = Focus::Reader;
                }
            }
            motion => match self.focus {
                Focus::Library if self.entities_pane => self.move_entity(motion),
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
            self.mark = None;
        }
    }

    /// The pane row of entry `k` (entries follow their type's header).
    pub fn entity_row(&self, k: usize) -> usize {
        self.entity_rows
            .iter()
            .position(|r| *r == EntityRow::Entry(k))
            .unwrap_or(0)
    }

    /// The entry selected in the entities pane.
    pub fn selected_entry(&self) -> Option<&IndexEntry> {
        self.index.entries.get(self.entity_selected)
    }

    fn move_entity(&mut self, c: Command) {
        let n = self.index.entries.len();
        if n == 0 {
            return;
        }
        let page = (geometry(self.areas().library_list, self.index.articles)
            .list
            .height as usize)
            .max(2)
            - 1;
        let s = self.entity_selected;
        self.entity_selected = super::action::move_in_list(c, s, n, page);
    }

    /// Mentions of an entity in the open article, in text order.
    fn mentions_in_open(&self, kind: EntityKind, canonical: &str) -> Vec<Span> {
        let Some(ex) = self.open.and_then(|i| self.extractions.get(i)) else {
            return Vec::new();
        };
        ex.mentions
            .iter()
            .filter(|m| m.kind == kind && m.canonical == canonical)
            .map(|m| m.span)
            .collect()
    }

    /// The text offset at the top of the reading pane.
    fn view_offset(&self) -> usize {
        let Some((_, doc)) = &self.doc else {
            return 0;
        };
        doc.lines
            .iter()
            .skip(self.reader_scroll)
            .find_map(|l| match &l.content {
                LineContent::Words(ws) => ws.first().map(|w| w.start),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// Enter in the entities pane, `n` and `N`: marks a mention of the chosen entity in the
    /// open article and scrolls to it, wrapping at either end.
    fn jump(&mut self, step: Step) {
        if step == Step::Enter || (self.entities_pane && self.chosen.is_none()) {
            match self.selected_entry() {
                Some(e) => self.chosen = Some((e.kind, e.canonical.clone())),
                None => {
                    self.notice = Some(if self.index.entries.is_empty() {
                        "no entities yet".to_string()
                    } else {
                        "nothing selected".to_string()
                    });
                    return;
                }
            }
        }
        let Some((kind, canonical)) = self.chosen.clone() else {
            self.notice = Some("choose an entity first: E, then Enter".to_string());
            return;
        };
        let Some(open) = self.open else {
            return;
        };
        let spans = self.mentions_in_open(kind, &canonical);
        let name = crate::engine::sanitize::sanitize_line(&canonical);
        if spans.is_empty() {
            let others: Vec<String> = self
                .index
                .entries
                .iter()
                .find(|e| e.kind == kind && e.canonical == canonical)
                .map(|e| {
                    e.counts
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| **c > 0)
                        .map(|(i, _)| (i + 1).to_string())
                        .collect()
                })
                .unwrap_or_default();
            self.notice = Some(if others.is_empty() {
                format!("{name}: not in this report")
            } else {
                format!(
                    "{name}: not in this report; in report {} ([ ] to switch)",
                    others.join(", ")
                )
            });
            return;
        }
        let current = self
            .mark
            .filter(|(i, _)| *i == open)
            .and_then(|(_, m)| spans.iter().position(|s| *s == m));
        let n = spans.len();
        let k = match (step, current) {
            (Step::Prev, Some(c)) => (c + n - 1) % n,
            (_, Some(c)) => (c + 1) % n,
            (Step::Prev, None) => {
                let from = self.view_offset();
                spans.iter().rposition(|s| s.start < from).unwrap_or(n - 1)
            }
            (_, None) => {
                let from = self.view_offset();
                spans.iter().position(|s| s.start >= from).unwrap_or(0)
            }
        };
        self.mark = Some((open, spans[k]));
        self.reveal = true;
        self.notice = Some(format!("{name}: mention {}/{n}", k + 1));
        if step == Step::Enter && self.areas().narrow {
            self.focus = Focus::Reader;
        }
    }

    /// Scrolls the reader so the marked mention shows, a third of the way down.
    fn reveal_mark(&mut self) {
        let (Some((i, span)), Some((d, doc))) = (self.mark, &self.doc) else {
            return;
        };
        if Some(i) != self.open || *d != i {
            return;
        }
        // A mention outside the drawn words (the headline) shows at the top.
        let line = doc
            .lines
            .iter()
            .position(|l| match &l.content {
                LineContent::Words(ws) => ws
                    .iter()
                    .any(|w| w.start <= span.start && span.start < w.end),
                _ => false,
            })
            .unwrap_or(0);
        let h = self.reader_height().max(1);
        let visible = line >= self.reader_scroll && line < self.reader_scroll + h;
        if !visible {
            self.reader_scroll = line.saturating_sub(h / 3);
        }
    }

    /// `[` / `]`: the previous / next report in library order.
    fn step_article(&mut self, delta: isize) {
        let order = self.library_order();
        if order.is_empty() {
            return;
        }
        let cur = self.open.unwrap_or(self.selected);
        let p = order.iter().position(|&i| i == cur).unwrap_or(0) as isize;
        let next = (p + delta).clamp(0, order.len() as isize - 1) as usize;
        self.selected = order[next];
        self.open_selected();
    }

    fn move_selection(&mut self, c: Command) {
        let order = self.library_order();
        if order.is_empty() {
            return;
        }
        // A page of the library is the number of entries it shows.
        let page = (self.areas().library_list.height as usize / 2).max(1);
        let s = order.iter().position(|&i| i == self.selected).unwrap_or(0);
        self.selected = order[super::action::move_in_list(c, s, order.len(), page)];
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

    /// Keeps the selected report (and its story header, if any) in the library's view,
    /// `height` lines high; `library_offset` is the first row shown.
    fn prepare_library(&mut self, height: usize) {
        use super::stories::LibRow;
        let rows = self.library_rows();
        let Some(p) = rows
            .iter()
            .position(|r| *r == LibRow::Article(self.selected))
        else {
            self.library_offset = self.library_offset.min(rows.len().saturating_sub(1));
            return;
        };
        let top = if p > 0 && matches!(rows[p - 1], LibRow::Header(_)) {
            p - 1
        } else {
            p
        };
        let mut offset = self.library_offset.min(top);
        let mut lines: usize = rows[offset..=p].iter().map(|r| r.height()).sum();
        while lines > height.max(2) && offset < p {
            lines -= rows[offset].height();
            offset += 1;
        }
        // Grown (a resize): pull earlier rows back in while everything from them still fits.
        let mut below: usize = rows[offset..].iter().map(|r| r.height()).sum();
        while offset > 0 && below + rows[offset - 1].height() <= height {
            offset -= 1;
            below += rows[offset].height();
        }
        self.library_offset = offset;
    }
}
