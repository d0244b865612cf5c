//! The compare view's state and keys: two reports side by side, sentence rows from
//! [`crate::engine::compare`], computed on a worker ([`job`]) and laid out per width
//! ([`layout`]).
//!
//! From the library, `Space` marks reports (first A, then B) and `c` compares them (no marks:
//! the selected report and the next). The comparison runs on a worker — both directions at
//! once, so `s` swaps sides instantly — and arrives as [`Action::Compared`]
//! (`crate::tui::action`).
//!
//! Layout: at `geometry::STACK_WIDTH` columns or more, two columns and a middle gutter;
//! below, each row stacks its A sentences above its B sentences, labelled. Stacking keeps
//! every row's two sides on one screen at any width, where switching sides with `Tab` would
//! hide the very thing the view is for: what one report says next to what the other says
//! about it.

pub mod detail;
pub mod job;
pub mod layout;

use super::action::{Command, Effect};
use super::model::Model;
use super::overlay::Overlay;
use crate::engine::Article;
use crate::engine::Span;
use crate::engine::compare::{Comparison, Row};
use crate::engine::entities::Extraction;
use crate::engine::sanitize::sanitize_line;
use crate::engine::side::{Pair, Side};
use crate::tui::geometry::STACK_WIDTH;
use detail::RowDetail;
pub use job::{CompareDone, CompareJob};
use layout::{CompareLayout, build_layout};
use std::sync::Arc;

/// One report in the view; title and outlet sanitized for display.
#[derive(Debug, Clone)]
pub struct CompareSide {
    pub article: Arc<Article>,
    pub title: String,
    pub outlet: String,
    /// The letter the report goes by: A (the first mark) or B.
    pub letter: char,
}

/// The compare view.
#[derive(Debug)]
pub struct CompareView {
    pub job: u64,
    /// As marked: A left, B right.
    pub sides: Pair<CompareSide>,
    pub extractions: Option<Pair<Arc<Extraction>>>,
    /// With A on the left (A→B) and with B on the left (B→A), once the worker is done.
    pub comparisons: Option<Box<Pair<Comparison>>>,
    /// B on the left.
    pub swapped: bool,
    /// The current row (of the displayed comparison).
    pub row: usize,
    /// First body line shown.
    pub scroll: usize,
    pub layout: CompareLayout,
    /// The current row's detail popup, built when it is open.
    pub detail: Option<RowDetail>,
    /// Which way the last jump went and what it found, for the status line.
    pub note: String,
    /// Where to start once the comparison arrives: a span of A's text, and the note to show.
    pub target: Option<(Span, String)>,
    /// The last reference followed (`r`): the row it was followed from, which of that row's
    /// references, and the row it led to.
    pub followed: Option<(usize, usize, usize)>,
}

/// Opens the compare view of reports `a` (A) and `b` (B) of `model` as job `id`: the view
/// (comparing…) and the job for a worker.
pub fn open(
    model: &Model,
    id: u64,
    a: usize,
    b: usize,
    at: Option<(Span, String)>,
) -> Option<(CompareView, CompareJob)> {
    let n = model.len();
    if a >= n || b >= n || a == b {
        return None;
    }
    let side = |i: usize, letter: char| {
        let article = model.article(i)?.clone();
        Some(CompareSide {
            title: sanitize_line(&article.title),
            outlet: sanitize_line(&article.outlet_label()),
            article,
            letter,
        })
    };
    let sides = Pair::new(side(a, 'A')?, side(b, 'B')?);
    let ready = |i: usize| {
        model
            .extraction(i)
            .filter(|e| !e.sentences.is_empty())
            .cloned()
    };
    // Both in one built story: compared as the story screen compares them.
    let story = match (model.story_of(a), model.story_of(b)) {
        (Some((ka, sa, la)), Some((kb, _, lb))) if ka == kb => {
            sa.model.clone().map(|m| (m, Pair::new(la, lb)))
        }
        _ => None,
    };
    let job = CompareJob {
        id,
        sides: Pair::new(
            (sides.left.article.clone(), ready(a)),
            (sides.right.article.clone(), ready(b)),
        ),
        story,
    };
    Some((CompareView::new(id, sides, at), job))
}

/// Opens the compare view of two articles outside the library — two versions of one web
/// article from the store (older as A) — as job `id`; each side's `label` (which version,
/// when fetched) leads its title line, so a narrow screen cuts the title, not the label.
pub fn open_pair(
    id: u64,
    a: (Arc<Article>, String),
    b: (Arc<Article>, String),
) -> (CompareView, CompareJob) {
    let side = |(article, label): (Arc<Article>, String), letter: char| CompareSide {
        title: sanitize_line(&format!("{label} · {}", article.title)),
        outlet: sanitize_line(&article.outlet_label()),
        article,
        letter,
    };
    let sides = Pair::new(side(a, 'A'), side(b, 'B'));
    let job = CompareJob {
        id,
        sides: Pair::new(
            (sides.left.article.clone(), None),
            (sides.right.article.clone(), None),
        ),
        story: None,
    };
    (CompareView::new(id, sides, None), job)
}

impl CompareView {
    pub fn new(job: u64, sides: Pair<CompareSide>, target: Option<(Span, String)>) -> Self {
        CompareView {
            job,
            sides,
            extractions: None,
            comparisons: None,
            swapped: false,
            row: 0,
            scroll: 0,
            layout: CompareLayout::default(),
            detail: None,
            note: String::new(),
            target,
            followed: None,
        }
    }

    /// The side displayed on the left: A, or B once swapped.
    pub fn on_left(&self) -> Side {
        if self.swapped {
            Side::Right
        } else {
            Side::Left
        }
    }

    /// The comparison as displayed (left = the left column).
    pub fn shown(&self) -> Option<&Comparison> {
        self.comparisons.as_ref().map(|c| &c[self.on_left()])
    }

    /// The displayed sides.
    pub fn displayed(&self) -> Pair<&CompareSide> {
        self.sides.as_ref().oriented(self.swapped)
    }

    /// The extractions of the displayed sides.
    pub fn displayed_extractions(&self) -> Option<Pair<&Extraction>> {
        self.extractions
            .as_ref()
            .map(|e| e.as_ref().map(|x| &**x).oriented(self.swapped))
    }

    pub fn rows(&self) -> &[Row] {
        self.shown().map_or(&[], |c| &c.rows)
    }

    /// True while the comparison is being computed.
    pub fn pending(&self) -> bool {
        self.comparisons.is_none()
    }

    /// The worker's result; dropped unless it is this view's job.
    pub fn done(&mut self, done: CompareDone) {
        if done.id != self.job {
            return;
        }
        self.extractions = Some(done.extractions);
        self.comparisons = Some(Box::new(done.comparisons));
        self.followed = None;
        self.row = 0;
        self.scroll = 0;
        // The layout is built at the next `prepare`, which scrolls the row into view.
        if let Some((span, note)) = self.target.take() {
            let c = &self.comparisons.as_ref().expect("just set").left;
            let sentence = c
                .left_sentences
                .iter()
                .position(|s| s.span.start <= span.start && span.start < s.span.end);
            if let Some(row) = sentence.and_then(|i| c.row_of_left(i)) {
                self.row = row;
                self.note = note;
            }
        }
    }

    /// Keys in the compare view, with a body `height` lines high.
    pub fn update(&mut self, c: Command, height: usize) -> Option<Effect> {
        match c {
            Command::Quit => Some(Effect::Quit),
            Command::Help => Some(Effect::Show(Overlay::Help)),
            Command::Messages => Some(Effect::Show(Overlay::Messages)),
            Command::ToggleHighlight => Some(Effect::ToggleHighlight { notice: false }),
            Command::Back | Command::Close | Command::Cancel => Some(Effect::Back),
            Command::RowDetail if !self.rows().is_empty() => {
                Some(Effect::Show(Overlay::CompareDetail))
            }
            c => {
                self.navigate(c, height.max(1));
                None
            }
        }
    }

    /// Makes the layout current for the screen width `w` and keeps the current row and the
    /// scroll position in range, with a body `height` lines high; builds the row detail when
    /// its popup is open (`detail`).
    pub fn prepare(&mut self, w: u16, height: usize, detail: bool) {
        let key = (w, w < STACK_WIDTH, self.swapped);
        let rebuild =
            self.layout.key != key || (self.layout.rows.is_empty() && !self.rows().is_empty());
        if rebuild {
            self.layout = build_layout(self, w);
        }
        let n = self.layout.rows.len();
        self.row = self.row.min(n.saturating_sub(1));
        let max = self.layout.lines.len().saturating_sub(height.max(1));
        self.scroll = self.scroll.min(max);
        if rebuild {
            // Rewrapped at a new width: the current row's lines moved; keep it on screen.
            self.go_to(self.row, height);
        }
        self.detail = if detail {
            let key = (self.row, self.swapped);
            match self.detail.take() {
                Some(d) if d.key == key => Some(d),
                _ => RowDetail::build(self),
            }
        } else {
            None
        };
    }
}

impl CompareView {
    /// Lines of the body for the current layout; the max scroll for a body `height` high.
    fn max_scroll(&self, height: usize) -> usize {
        self.layout.lines.len().saturating_sub(height.max(1))
    }

    fn navigate(&mut self, c: Command, height: usize) {
        let max = self.max_scroll(height);
        let s = self.scroll;
        let step = height.saturating_sub(1).max(1);
        let scroll_to = |v: usize| v.min(max);
        match c {
            Command::Down => return self.step_row(true, height),
            Command::Up => return self.step_row(false, height),
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
            Command::FollowRef => return self.follow_ref(height),
            _ => return,
        }
        self.note.clear();
        self.follow_scroll(height);
    }

    /// The mouse wheel: scrolls `n` lines, keeping the current row on screen.
    pub fn scroll_lines(&mut self, down: bool, n: usize, height: usize) {
        let height = height.max(1);
        self.scroll = if down {
            (self.scroll + n).min(self.max_scroll(height))
        } else {
            self.scroll.saturating_sub(n)
        };
        self.follow_scroll(height);
    }

    /// `j` / `k`: the next / previous row, scrolled into view, so the highlighted row is the
    /// one the status line numbers and `Enter` opens. A row taller than the body is first
    /// scrolled through a line at a time (its text can be read), staying current.
    fn step_row(&mut self, forward: bool, height: usize) {
        self.note.clear();
        let rows = &self.layout.rows;
        let Some(&(start, end)) = rows.get(self.row) else {
            return;
        };
        let (top, bottom) = (self.scroll, self.scroll + height);
        let tall = end.saturating_sub(start) > height;
        let target = if forward {
            if tall && end > bottom {
                self.scroll = (top + 1).min(self.max_scroll(height));
                return;
            }
            (self.row + 1).min(rows.len() - 1)
        } else {
            if tall && start < top {
                self.scroll = top - 1;
                return;
            }
            self.row.saturating_sub(1)
        };
        if target != self.row {
            self.go_to(target, height);
        }
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

    /// Goes to the row showing a right sentence the current row refers to ("~ B7, see row
    /// 3"). Pressed again there: back to the row it came from; pressed again in that row: its
    /// next reference.
    fn follow_ref(&mut self, height: usize) {
        let here = self.row;
        if let Some((from, k, to)) = self.followed
            && here == to
            && here != from
        {
            self.go_to(from, height);
            // Back, ready for the next reference.
            self.followed = Some((from, k, from));
            self.note = format!("back to row {}", from + 1);
            return;
        }
        let letter = if self.swapped { 'A' } else { 'B' };
        let Some(row) = self.rows().get(here) else {
            return;
        };
        let refs: Vec<(usize, usize)> = row.refs.iter().map(|r| (r.row, r.right)).collect();
        if refs.is_empty() {
            self.note = "no references in this row (\"see row N\")".to_string();
            return;
        }
        let k = match self.followed {
            Some((from, k, _)) if from == here => (k + 1) % refs.len(),
            _ => 0,
        };
        let (target, right) = refs[k];
        self.followed = Some((here, k, target));
        self.go_to(target, height);
        self.note = format!(
            "row {}: {letter}{}, referred to from row {} ({}/{}; r again: back)",
            target + 1,
            right + 1,
            here + 1,
            k + 1,
            refs.len()
        );
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
        self.followed = None;
        let Some(cs) = self.comparisons.as_ref() else {
            self.swapped = !self.swapped;
            return;
        };
        let shown = (**cs).as_ref().oriented(self.swapped);
        let (now, other) = (shown.left, shown.right);
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
