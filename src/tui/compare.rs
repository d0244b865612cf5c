//! The compare view's state, keys and layout: two reports side by side, sentence rows from
//! [`crate::engine::compare`], computed on a worker thread.
//!
//! From the library, `Space` marks reports (first A, then B) and `c` compares them (no marks:
//! the selected report and the next). The comparison runs on a worker — both directions at once,
//! so `s` swaps sides instantly — and arrives as [`Action::Compared`]. Articles are shared with
//! the worker by `Arc`, so loading more reports meanwhile cannot move them.
//!
//! Layout: at [`STACK_WIDTH`] columns or more, two columns and a middle gutter; below, each row
//! stacks its A sentences above its B sentences, labelled. Stacking keeps every row's two sides
//! on one screen at any width, where switching sides with `Tab` would hide the very thing the
//! view is for: what one report says next to what the other says about it.

use super::action::{Action, Command};
use super::app::{App, Overlay};
use crate::engine::Article;
use crate::engine::Span;
use crate::engine::compare::diff::{Change, Piece};
use crate::engine::compare::{Comparison, Row, compare, compare_in};
use crate::engine::entities::{Extraction, extract};
use crate::engine::sanitize::sanitize_line;
use ratatui::layout::Rect;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Below this width the two sides stack.
pub const STACK_WIDTH: u16 = 100;
/// The middle gutter in the two-column layout: `│ = .81 │`.
pub const GUTTER: u16 = 9;
/// The row label column in the stacked layout: ` = .81 `, then `A `.
pub const STACK_GUTTER: u16 = 7;
pub const STACK_LABEL: u16 = 2;

static JOBS: AtomicU64 = AtomicU64::new(1);

/// What a worker needs: both articles, and their extractions when the loader has them; and
/// when both reports belong to one built story, that story and their numbers in it, so the
/// pair is weighed as the story screen weighs it.
#[derive(Debug)]
pub struct CompareJob {
    pub id: u64,
    pub sides: [(Arc<Article>, Option<Arc<Extraction>>); 2],
    pub story: Option<(Arc<crate::engine::story::StoryModel>, [usize; 2])>,
}

/// What a worker sends back: the extractions used and the comparison both ways (A→B, B→A).
#[derive(Debug)]
pub struct CompareDone {
    pub id: u64,
    pub extractions: [Arc<Extraction>; 2],
    pub comparisons: [Comparison; 2],
}

/// Runs a job on the calling thread (the worker, and tests).
pub fn run(job: CompareJob) -> CompareDone {
    let [(a, ea), (b, eb)] = job.sides;
    let in_story = ea.is_some() && eb.is_some();
    let ea = ea.unwrap_or_else(|| Arc::new(extract(&a)));
    let eb = eb.unwrap_or_else(|| Arc::new(extract(&b)));
    let (ab, ba) = match job.story {
        Some((m, [la, lb])) if in_story && la < m.corpus.docs.len() && lb < m.corpus.docs.len() => {
            (
                compare_in(&m.corpus, la, lb, (&a, &ea), (&b, &eb)),
                compare_in(&m.corpus, lb, la, (&b, &eb), (&a, &ea)),
            )
        }
        _ => (compare((&a, &ea), (&b, &eb)), compare((&b, &eb), (&a, &ea))),
    };
    CompareDone {
        id: job.id,
        extractions: [ea, eb],
        comparisons: [ab, ba],
    }
}

/// Runs a job on a new worker thread; the result arrives as [`Action::Compared`].
pub fn spawn(job: CompareJob, tx: Sender<Action>) {
    std::thread::spawn(move || {
        let done = run(job);
        let _ = tx.send(Action::Compared(Box::new(done)));
    });
}

/// Runs the pending request, if any, on this thread and applies it (for tests and scripts
/// that drive the app without an event loop).
pub fn run_pending(app: &mut App) {
    if let Some(job) = app.compare_request.take() {
        app.update(Action::Compared(Box::new(run(job))));
    }
}

/// One report in the view; title and outlet sanitized for display.
#[derive(Debug, Clone)]
pub struct CompareSide {
    pub article: Arc<Article>,
    pub title: String,
    pub outlet: String,
    /// The letter the report goes by: A (the first mark) or B.
    pub letter: char,
}

/// A piece of a word: a byte range of its side's article and how it compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frag {
    pub range: Span,
    pub change: Change,
}

/// One wrapped line of one side: words, each one or more fragments, drawn joined by spaces.
pub type Words = Vec<Vec<Frag>>;

/// What one side of a screen line shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// Words of a sentence; `dim` for a repeated headline (not part of the story).
    Text {
        words: Words,
        dim: bool,
    },
    /// "not in B": the empty side of a one-sided row.
    Absent,
}

/// One screen line of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VLine {
    pub row: usize,
    /// The row's first line (carries the gutter label).
    pub first: bool,
    /// A blank line after a row.
    pub blank: bool,
    /// Stacked layout: which displayed side (0 left, 1 right) `left` holds.
    pub side: Option<usize>,
    pub left: Cell,
    pub right: Cell,
}

/// The body laid out at a width.
#[derive(Debug, Clone, Default)]
pub struct CompareLayout {
    pub key: (u16, bool, bool),
    pub lines: Vec<VLine>,
    /// First line of each row, and one past its last (without the blank after it).
    pub rows: Vec<(usize, usize)>,
}

/// The compare view.
#[derive(Debug)]
pub struct CompareView {
    pub job: u64,
    /// As marked: A, B.
    pub sides: [CompareSide; 2],
    pub extractions: Option<Box<[Arc<Extraction>; 2]>>,
    /// A→B and B→A, once the worker is done.
    pub comparisons: Option<Box<[Comparison; 2]>>,
    /// B on the left.
    pub swapped: bool,
    /// The current row (of the displayed comparison).
    pub row: usize,
    /// First body line shown.
    pub scroll: usize,
    pub layout: CompareLayout,
    /// Which way the last jump went and what it found, for the status line.
    pub note: String,
    /// Where to start once the comparison arrives: a span of A's text, and the note to show.
    pub target: Option<(Span, String)>,
}

impl CompareView {
    /// The comparison as displayed (left = the left column).
    pub fn shown(&self) -> Option<&Comparison> {
        self.comparisons
            .as_ref()
            .map(|c| &c[usize::from(self.swapped)])
    }
    /// The displayed sides: (left, right).
    pub fn displayed(&self) -> (&CompareSide, &CompareSide) {
        if self.swapped {
            (&self.sides[1], &self.sides[0])
        } else {
            (&self.sides[0], &self.sides[1])
        }
    }
    /// The extractions of the displayed sides.
    pub fn displayed_extractions(&self) -> Option<(&Extraction, &Extraction)> {
        self.extractions.as_ref().map(|e| {
            if self.swapped {
                (&*e[1], &*e[0])
            } else {
                (&*e[0], &*e[1])
            }
        })
    }
    pub fn rows(&self) -> &[Row] {
        self.shown().map_or(&[], |c| &c.rows)
    }
}

/// Where the compare view draws for a screen size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompareAreas {
    pub stacked: bool,
    pub header: Rect,
    pub rule: Rect,
    pub body: Rect,
    pub status: Rect,
    /// Two-column layout: the widths of the left and right text columns.
    pub left_w: u16,
    pub right_w: u16,
}

pub fn compare_areas((w, h): (u16, u16)) -> CompareAreas {
    let stacked = w < STACK_WIDTH;
    let main_h = h.saturating_sub(1);
    let want = if stacked { 4 } else { 3 };
    // The header gives way to the body on short screens.
    let header_h = want.min(main_h / 3);
    let header = Rect::new(0, 0, w, header_h);
    // A rule under the header, then the rows.
    let rule = Rect::new(0, header_h, w, (main_h - header_h).min(1));
    let body_y = header_h + rule.height;
    let body = Rect::new(0, body_y, w, main_h - body_y);
    let status = Rect::new(0, h.saturating_sub(1), w, h.min(1));
    // One column for the current-row marker, one for the scrollbar.
    let text = w.saturating_sub(2 + GUTTER);
    let left_w = text / 2;
    CompareAreas {
        stacked,
        header,
        rule,
        body,
        status,
        left_w,
        right_w: text - left_w,
    }
}

/// Width of the text in the stacked layout.
pub fn stacked_text_width(w: u16) -> u16 {
    w.saturating_sub(2 + STACK_GUTTER + STACK_LABEL)
}

/// Cuts a sentence's pieces into words (split at whitespace) and wraps them at `width`
/// display columns; a word wider than a line is cut at graphemes.
pub fn wrap_pieces(text: &str, pieces: &[Piece], width: usize) -> Vec<Words> {
    let width = width.max(1);
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return Vec::new();
    };
    let span = Span::new(first.range.start, last.range.end);
    let Some(body) = text.get(span.range()) else {
        return Vec::new();
    };
    let frags_of = |w: Span| -> Vec<Frag> {
        let from = pieces.partition_point(|p| p.range.end <= w.start);
        pieces[from..]
            .iter()
            .take_while(|p| p.range.start < w.end)
            .map(|p| Frag {
                range: Span::new(p.range.start.max(w.start), p.range.end.min(w.end)),
                change: p.change,
            })
            .filter(|f| !f.range.is_empty())
            .collect()
    };
    let mut lines: Vec<Words> = Vec::new();
    let mut line: Words = Vec::new();
    let mut used = 0usize;
    for word in body.split_whitespace() {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let w = Span::new(start, start + word.len());
        let ww = word.width();
        let need = if line.is_empty() { ww } else { used + 1 + ww };
        if need <= width {
            used = need;
            line.push(frags_of(w));
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if ww <= width {
            used = ww;
            line.push(frags_of(w));
            continue;
        }
        let mut piece_start = w.start;
        let mut piece_w = 0;
        for (off, g) in word.grapheme_indices(true) {
            let gw = g.width();
            if piece_w + gw > width && piece_w > 0 {
                lines.push(vec![frags_of(Span::new(piece_start, w.start + off))]);
                piece_start = w.start + off;
                piece_w = 0;
            }
            piece_w += gw;
        }
        line.push(frags_of(Span::new(piece_start, w.end)));
        used = piece_w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// True when a sentence comes from a block left out of the story (a repeated headline).
fn skipped(article: &Article, c: &Comparison, left: bool, i: usize) -> bool {
    let s = if left {
        c.left_sentences.get(i)
    } else {
        c.right_sentences.get(i)
    };
    s.and_then(|s| article.blocks.get(s.block))
        .is_some_and(|b| !b.kind.is_content())
}

/// One side of a row wrapped: every sentence starts a new line.
fn side_lines(article: &Article, c: &Comparison, left: bool, row: &Row, width: usize) -> Vec<Cell> {
    let (idx, pieces) = if left {
        (&row.left, &row.diff.left)
    } else {
        (&row.right, &row.diff.right)
    };
    let dims: Vec<bool> = idx.iter().map(|&i| skipped(article, c, left, i)).collect();
    // A repeated headline next to the story's own sentences is a duplicate: hidden. Alone,
    // it is shown dimmed.
    let hide_dims = dims.contains(&false);
    let mut out = Vec::new();
    for (k, ps) in pieces.iter().enumerate() {
        let dim = dims.get(k).copied().unwrap_or(false);
        if dim && hide_dims {
            continue;
        }
        for words in wrap_pieces(&article.text, ps, width) {
            out.push(Cell::Text { words, dim });
        }
    }
    out
}

/// Lays out the displayed comparison at screen width `w`.
pub fn build_layout(view: &CompareView, w: u16) -> CompareLayout {
    let a = compare_areas((w, 10));
    let key = (w, a.stacked, view.swapped);
    let mut out = CompareLayout {
        key,
        ..CompareLayout::default()
    };
    let Some(c) = view.shown() else {
        return out;
    };
    let (l, r) = view.displayed();
    for (ri, row) in c.rows.iter().enumerate() {
        let start = out.lines.len();
        let line = |first: bool, side: Option<usize>, left: Cell, right: Cell| VLine {
            row: ri,
            first,
            blank: false,
            side,
            left,
            right,
        };
        if a.stacked {
            let tw = stacked_text_width(w) as usize;
            let mut first = true;
            for (side, art, is_left) in [(0, &l.article, true), (1, &r.article, false)] {
                for cell in side_lines(art, c, is_left, row, tw) {
                    out.lines.push(line(first, Some(side), cell, Cell::Empty));
                    first = false;
                }
            }
            if first {
                out.lines.push(line(true, None, Cell::Empty, Cell::Empty));
            }
        } else {
            let mut lc = side_lines(&l.article, c, true, row, a.left_w as usize);
            let mut rc = side_lines(&r.article, c, false, row, a.right_w as usize);
            if lc.is_empty() && !rc.is_empty() {
                lc.push(Cell::Absent);
            }
            if rc.is_empty() && !lc.is_empty() {
                rc.push(Cell::Absent);
            }
            let n = lc.len().max(rc.len()).max(1);
            let mut li = lc.into_iter();
            let mut rj = rc.into_iter();
            for k in 0..n {
                let lcell = li.next().unwrap_or(Cell::Empty);
                let rcell = rj.next().unwrap_or(Cell::Empty);
                out.lines.push(line(k == 0, None, lcell, rcell));
            }
        }
        out.rows.push((start, out.lines.len()));
        out.lines.push(VLine {
            row: ri,
            first: false,
            blank: true,
            side: None,
            left: Cell::Empty,
            right: Cell::Empty,
        });
    }
    out
}

fn side_of(app: &App, i: usize, letter: char) -> CompareSide {
    let a = &app.articles[i];
    CompareSide {
        article: a.clone(),
        title: sanitize_line(&a.title),
        outlet: sanitize_line(&a.outlet_label()),
        letter,
    }
}

impl App {
    /// The `[A] ` / `[B] ` prefix of a marked report in the library.
    pub fn mark_prefix(&self, i: usize) -> &'static str {
        match self.marks.iter().position(|&m| m == i) {
            Some(0) => "[A] ",
            Some(_) => "[B] ",
            None => "",
        }
    }

    /// The status line's note about the marks.
    pub fn marks_note(&self) -> String {
        let name = |k: usize| {
            self.marks
                .get(k)
                .and_then(|&i| self.articles.get(i))
                .map(|a| sanitize_line(&a.outlet_label()))
        };
        match (name(0), name(1)) {
            (Some(a), Some(b)) => format!("A: {a} · B: {b} · c compares"),
            (Some(a), None) => format!("A: {a} · Space marks B · c compares"),
            _ => String::new(),
        }
    }

    /// Keeps marks on their reports when a batch of `n` lands at `pos`.
    pub(crate) fn shift_marks(&mut self, pos: usize, n: usize) {
        for m in &mut self.marks {
            if *m >= pos {
                *m += n;
            }
        }
    }

    pub(crate) fn toggle_mark(&mut self) {
        let i = self.selected;
        if i >= self.articles.len() {
            return;
        }
        if let Some(k) = self.marks.iter().position(|&m| m == i) {
            self.marks.remove(k);
        } else if self.marks.len() < 2 {
            self.marks.push(i);
        } else {
            // A third mark replaces B.
            self.marks[1] = i;
        }
    }

    /// The two reports `c` compares: both marks; one mark and the selection; or the selection
    /// and the next report (the previous one for the last).
    pub fn compare_pair(&self) -> Option<(usize, usize)> {
        let n = self.articles.len();
        if n < 2 {
            return None;
        }
        let s = self.selected.min(n - 1);
        let pair = match self.marks[..] {
            [a, b, ..] => (a, b),
            [a] if a != s => (a, s),
            [a] => (a, if a + 1 < n { a + 1 } else { a - 1 }),
            [] if s + 1 < n => (s, s + 1),
            [] => (s - 1, s),
        };
        (pair.0 < n && pair.1 < n && pair.0 != pair.1).then_some(pair)
    }

    pub(crate) fn request_compare(&mut self) {
        let Some((a, b)) = self.compare_pair() else {
            return;
        };
        self.compare_reports(a, b, None);
    }

    /// Opens the compare view of reports `a` (A) and `b` (B), computed on a worker; once it
    /// arrives, the current row is the one holding A's sentence at `at` (from the story screen:
    /// a discrepancy's row), with `note` in the status line.
    pub(crate) fn compare_reports(&mut self, a: usize, b: usize, at: Option<(Span, String)>) {
        let n = self.articles.len();
        if a >= n || b >= n || a == b {
            return;
        }
        let id = JOBS.fetch_add(1, Ordering::Relaxed);
        let sides = [side_of(self, a, 'A'), side_of(self, b, 'B')];
        let ready = |i: usize| {
            self.extractions
                .get(i)
                .filter(|e| !e.sentences.is_empty())
                .cloned()
        };
        // Both in one built story: compared as the story screen compares them.
        let story = match (self.story_of(a), self.story_of(b)) {
            (Some((ka, sa, la)), Some((kb, _, lb))) if ka == kb => {
                sa.model.clone().map(|m| (m, [la, lb]))
            }
            _ => None,
        };
        self.compare_request = Some(CompareJob {
            id,
            sides: [
                (sides[0].article.clone(), ready(a)),
                (sides[1].article.clone(), ready(b)),
            ],
            story,
        });
        self.compare = Some(CompareView {
            job: id,
            sides,
            extractions: None,
            comparisons: None,
            swapped: false,
            row: 0,
            scroll: 0,
            layout: CompareLayout::default(),
            note: String::new(),
            target: at,
        });
    }

    /// True while a comparison is being computed.
    pub fn comparing(&self) -> bool {
        self.compare
            .as_ref()
            .is_some_and(|v| v.comparisons.is_none())
    }

    pub(crate) fn compare_done(&mut self, done: CompareDone) {
        // A result for a view the user has left (or replaced) is dropped.
        let Some(view) = self.compare.as_mut().filter(|v| v.job == done.id) else {
            return;
        };
        view.extractions = Some(Box::new(done.extractions));
        view.comparisons = Some(Box::new(done.comparisons));
        view.row = 0;
        view.scroll = 0;
        // The layout is built at the next `prepare`, which scrolls the row into view.
        if let Some((span, note)) = view.target.take() {
            let c = &view.comparisons.as_ref().expect("just set")[0];
            let sentence = c
                .left_sentences
                .iter()
                .position(|s| s.span.start <= span.start && span.start < s.span.end);
            if let Some(row) = sentence.and_then(|i| c.row_of_left(i)) {
                view.row = row;
                view.note = note;
            }
        }
    }

    fn body_height(&self) -> usize {
        compare_areas(self.size).body.height as usize
    }

    /// Makes the compare layout current for the screen width and keeps the current row and
    /// the scroll position in range.
    pub(crate) fn prepare_compare(&mut self) {
        let (w, height) = (self.size.0, self.body_height());
        let Some(view) = self.compare.as_mut() else {
            return;
        };
        let key = (w, w < STACK_WIDTH, view.swapped);
        let rebuild =
            view.layout.key != key || (view.layout.rows.is_empty() && !view.rows().is_empty());
        if rebuild {
            view.layout = build_layout(view, w);
        }
        let n = view.layout.rows.len();
        view.row = view.row.min(n.saturating_sub(1));
        let max = view.layout.lines.len().saturating_sub(height.max(1));
        view.scroll = view.scroll.min(max);
        if rebuild {
            // Rewrapped at a new width: the current row's lines moved; keep it on screen.
            view.go_to(view.row, height);
        }
    }

    pub(crate) fn compare_command(&mut self, c: Command) {
        let height = self.body_height().max(1);
        match c {
            Command::Quit => self.quit = true,
            Command::Help => self.show(Overlay::Help),
            Command::Messages => self.show(Overlay::Messages),
            Command::ToggleHighlight => self.highlight = !self.highlight,
            Command::Back | Command::Close | Command::Cancel => self.compare = None,
            Command::RowDetail => {
                if self.compare.as_ref().is_some_and(|v| !v.rows().is_empty()) {
                    self.show(Overlay::CompareDetail);
                }
            }
            _ => {
                if let Some(view) = self.compare.as_mut() {
                    view.command(c, height);
                }
            }
        }
    }
}

impl CompareView {
    /// Lines of the body for the current layout; the max scroll for a body `height` high.
    fn max_scroll(&self, height: usize) -> usize {
        self.layout.lines.len().saturating_sub(height.max(1))
    }

    fn command(&mut self, c: Command, height: usize) {
        let max = self.max_scroll(height);
        let s = self.scroll;
        let step = height.saturating_sub(1).max(1);
        let scroll_to = |v: usize| v.min(max);
        match c {
            Command::Down => self.scroll = scroll_to(s + 1),
            Command::Up => self.scroll = s.saturating_sub(1),
            Command::PageDown => self.scroll = scroll_to(s + step),
            Command::PageUp => self.scroll = s.saturating_sub(step),
            Command::HalfPageDown => self.scroll = scroll_to(s + height / 2),
            Command::HalfPageUp => self.scroll = s.saturating_sub(height / 2),
            Command::Top => {
                self.scroll = 0;
                self.row = 0;
                self.note.clear();
                return;
            }
            Command::Bottom => {
                self.scroll = max;
                self.row = self.layout.rows.len().saturating_sub(1);
                self.note.clear();
                return;
            }
            Command::NextDifference => {
                return self.jump(true, "difference", Row::has_difference, height);
            }
            Command::PrevDifference => {
                return self.jump(false, "difference", Row::has_difference, height);
            }
            Command::NextOnly => {
                return self.jump(true, "one-sided row", Row::is_one_sided, height);
            }
            Command::PrevOnly => {
                return self.jump(false, "one-sided row", Row::is_one_sided, height);
            }
            Command::NextDiscrepancy => return self.jump_discrepancy(true, height),
            Command::PrevDiscrepancy => return self.jump_discrepancy(false, height),
            Command::SwapSides => return self.swap(height),
            _ => return,
        }
        self.note.clear();
        self.follow_scroll(height);
    }

    /// After scrolling, keeps the current row on screen: the first row that starts in view
    /// (or the one the view is inside), or the last one when scrolling up.
    fn follow_scroll(&mut self, height: usize) {
        let (top, bottom) = (self.scroll, self.scroll + height.max(1));
        let rows = &self.layout.rows;
        let Some(&(start, end)) = rows.get(self.row) else {
            return;
        };
        if start >= top && start < bottom {
            return;
        }
        if end > top && start < top {
            // The row is cut at the top: move to the next row that starts in view, if any.
            if let Some(r) = (self.row + 1..rows.len()).find(|&r| rows[r].0 >= top)
                && rows[r].0 < bottom
            {
                self.row = r;
            }
            return;
        }
        let visible = |r: usize| rows[r].1 > top && rows[r].0 < bottom;
        let found = if start < top {
            (0..rows.len()).find(|&r| rows[r].0 >= top && visible(r))
        } else {
            (0..rows.len()).rev().find(|&r| visible(r))
        };
        if let Some(r) = found {
            self.row = r;
        }
    }

    /// Makes `row` current and scrolls so it is in view, with a line of context above.
    pub fn go_to(&mut self, row: usize, height: usize) {
        self.row = row;
        let Some(&(start, end)) = self.layout.rows.get(row) else {
            return;
        };
        let height = height.max(1);
        if start < self.scroll || end > self.scroll + height {
            self.scroll = start.saturating_sub(1).min(self.max_scroll(height));
        }
    }

    fn jump(&mut self, forward: bool, what: &str, pred: fn(&Row) -> bool, height: usize) {
        let rows = self.rows();
        let found = if forward {
            (self.row + 1..rows.len()).find(|&r| pred(&rows[r]))
        } else {
            (0..self.row).rev().find(|&r| pred(&rows[r]))
        };
        self.finish_jump(found, forward, what, height);
    }

    /// Rows holding a discrepancy, in row order.
    pub fn discrepancy_rows(&self) -> Vec<usize> {
        let Some(c) = self.shown() else {
            return Vec::new();
        };
        let mut rows: Vec<usize> = c
            .discrepancies
            .iter()
            .filter_map(|d| c.row_of_left(d.left))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// Discrepancies are few: the search wraps around.
    fn jump_discrepancy(&mut self, forward: bool, height: usize) {
        let rows = self.discrepancy_rows();
        let found = if forward {
            rows.iter().find(|&&r| r > self.row).or(rows.first())
        } else {
            rows.iter().rev().find(|&&r| r < self.row).or(rows.last())
        };
        match found {
            Some(&r) => self.go_to(r, height),
            None => self.note = "no discrepancies found".to_string(),
        }
        if let Some(k) = rows.iter().position(|&r| r == self.row) {
            self.note = format!("discrepancy {}/{}", k + 1, rows.len());
        }
    }

    fn finish_jump(&mut self, found: Option<usize>, forward: bool, what: &str, height: usize) {
        match found {
            Some(r) => {
                self.note.clear();
                self.go_to(r, height);
            }
            None => {
                self.note = format!("no {} {what}", if forward { "later" } else { "earlier" });
            }
        }
    }

    /// Swaps the sides, staying on the row that holds the current row's first sentence.
    fn swap(&mut self, height: usize) {
        let Some(cs) = self.comparisons.as_ref() else {
            self.swapped = !self.swapped;
            return;
        };
        let (now, other) = if self.swapped {
            (&cs[1], &cs[0])
        } else {
            (&cs[0], &cs[1])
        };
        let target = now
            .rows
            .get(self.row)
            .and_then(|r| match (r.left.first(), r.right.first()) {
                (Some(&i), _) => other.row_of_right(i),
                (None, Some(&j)) => other.row_of_left(j),
                _ => None,
            });
        self.swapped = !self.swapped;
        self.note = format!("{} on the left", if self.swapped { "B" } else { "A" });
        // The layout is rebuilt for the new side order before the row is scrolled to.
        let w = self.layout.key.0;
        self.layout = build_layout(self, w);
        self.scroll = 0;
        self.go_to(target.unwrap_or(0), height);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::{Format, Source};
    use crate::engine::load::parse;

    fn article(name: &str, text: &str) -> Article {
        parse(Source::File(name.into()), text.as_bytes(), Format::Text)
            .unwrap()
            .articles
            .remove(0)
    }

    fn view_of(a: Article, b: Article) -> CompareView {
        let side = |a: Article, letter| CompareSide {
            title: a.title.clone(),
            outlet: a.outlet_label(),
            article: Arc::new(a),
            letter,
        };
        let sides = [side(a, 'A'), side(b, 'B')];
        let done = run(CompareJob {
            id: 0,
            sides: [
                (sides[0].article.clone(), None),
                (sides[1].article.clone(), None),
            ],
            story: None,
        });
        CompareView {
            job: 0,
            sides,
            extractions: Some(Box::new(done.extractions)),
            comparisons: Some(Box::new(done.comparisons)),
            swapped: false,
            row: 0,
            scroll: 0,
            layout: CompareLayout::default(),
            note: String::new(),
            target: None,
        }
    }

    fn text_of(article: &Article, cell: &Cell) -> String {
        match cell {
            Cell::Text { words, .. } => words
                .iter()
                .map(|w| w.iter().map(|f| article.slice(f.range)).collect::<String>())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        }
    }

    #[test]
    fn a_repeated_headline_beside_the_headline_is_hidden() {
        let a = article(
            "reuters--a.txt",
            "Talks open in Istanbul without Putin\nTalks open in Istanbul without Putin\n\
             Delegations met in Istanbul on Friday for the first direct talks in three years. \
             Putin stayed in Moscow.\n",
        );
        let b = article(
            "ap--b.txt",
            "Istanbul talks begin\nDelegations met in Istanbul on Friday, their first direct \
             talks in three years. Turkey hosted the meeting.\n",
        );
        let v = view_of(a, b);
        let l = build_layout(&v, 120);
        let left = &v.sides[0].article;
        let shown: Vec<String> = l.lines.iter().map(|x| text_of(left, &x.left)).collect();
        let headlines = shown
            .iter()
            .filter(|t| t.contains("Talks open in Istanbul"))
            .count();
        assert_eq!(headlines, 1, "{shown:#?}");
        // Every line fits its column, and a row's lines are contiguous.
        let a = compare_areas((120, 40));
        for x in &l.lines {
            assert!(text_of(left, &x.left).width() <= a.left_w as usize);
        }
        for (k, &(s, e)) in l.rows.iter().enumerate() {
            assert!(s < e && l.lines[s..e].iter().all(|x| x.row == k && !x.blank));
        }
    }

    #[test]
    fn wrapping_keeps_every_byte_and_fits() {
        let a = article(
            "x--a.txt",
            "Headline here\nA verylongwordthatcannotfitononeline and short words, with “quotes” and café.\n",
        );
        let v = view_of(a.clone(), a);
        let c = v.shown().unwrap();
        let text = &v.sides[0].article.text;
        for width in [1usize, 3, 7, 20, 80] {
            for row in &c.rows {
                for ps in &row.diff.left {
                    let lines = wrap_pieces(text, ps, width);
                    let mut joined = String::new();
                    for l in &lines {
                        let t: Vec<String> = l
                            .iter()
                            .map(|w| w.iter().map(|f| &text[f.range.range()]).collect())
                            .collect();
                        let t = t.join(" ");
                        assert!(t.width() <= width, "{width}: {t:?}");
                        joined.push_str(&t.replace(' ', ""));
                    }
                    let whole: String = ps
                        .iter()
                        .map(|p| &text[p.range.range()])
                        .collect::<String>()
                        .split_whitespace()
                        .collect();
                    assert_eq!(joined, whole);
                }
            }
        }
    }
}
