//! The reading pane's state: the open report, its layout at the pane's width (built once per
//! (report, width) in `prepare`, so drawing slices a vector), the scroll position, the marked
//! mention, entity highlighting and `U` (dim what other reports also say). Jumping to an
//! entity's mentions (`Enter` in the entities pane, `n` / `N`) moves the mark.

use super::action::Command;
use super::layout::{DocLayout, LineContent, layout};
use super::model::Model;
use crate::engine::Span;
use crate::engine::entities::EntityKind;
use crate::engine::entities::index::EntityIndex;
use crate::engine::sanitize::sanitize_line;

/// How a jump picks the mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// From the entities pane: the next mention after the mark or the top of the view.
    Enter,
    Next,
    Prev,
}

#[derive(Debug, Clone)]
pub struct ReaderState {
    /// The report in the pane (a position).
    pub open: Option<usize>,
    /// The first line shown.
    pub scroll: usize,
    /// The open report laid out at the pane's width (see [`ReaderState::prepare`]).
    pub doc: Option<(usize, DocLayout)>,
    /// The marked mention or sentence: (report, span).
    pub mark: Option<(usize, Span)>,
    /// Scroll to the mark at the next `prepare`.
    pub reveal: bool,
    /// Entity highlighting.
    pub highlight: bool,
    /// Dim what other reports also say (`U`).
    pub only_this: bool,
}

impl Default for ReaderState {
    fn default() -> Self {
        ReaderState {
            open: None,
            scroll: 0,
            doc: None,
            mark: None,
            reveal: false,
            highlight: true,
            only_this: false,
        }
    }
}

impl ReaderState {
    /// Opens report `i` (from the top, unless it is open already).
    pub fn open(&mut self, i: usize) {
        if self.open != Some(i) {
            self.open = Some(i);
            self.scroll = 0;
            self.mark = None;
        }
    }

    /// Opens report `i` at `span`, marked (from the story screen).
    pub fn open_at(&mut self, i: usize, span: Option<Span>) {
        if self.open != Some(i) {
            self.open = Some(i);
            self.scroll = 0;
        }
        self.mark = span.map(|s| (i, s));
        self.reveal = span.is_some();
    }

    /// A batch of `n` reports landed at `pos`: the open report keeps its place; the layout is
    /// rebuilt (it is keyed by position) and the mark dropped.
    pub fn inserted(&mut self, pos: usize, n: usize) {
        self.doc = None;
        self.mark = None;
        if let Some(o) = self.open
            && pos <= o
        {
            self.open = Some(o + n);
        }
    }

    pub fn lines(&self) -> usize {
        self.doc.as_ref().map_or(0, |(_, d)| d.lines.len())
    }

    fn max_scroll(&self, height: usize) -> usize {
        self.lines().saturating_sub(height.max(1))
    }

    /// Scroll position as a percentage of the scrollable range, for a pane `height` high.
    pub fn scroll_percent(&self, height: usize) -> u16 {
        (self.scroll * 100)
            .checked_div(self.max_scroll(height))
            .map_or(100, |p| p.min(100) as u16)
    }

    /// Movement keys scroll, in a pane `height` lines high.
    pub fn scroll_by(&mut self, c: Command, height: usize) {
        let page = height.max(1);
        let max = self.max_scroll(height);
        let s = self.scroll;
        self.scroll = match c {
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

    /// The layout of the open report at `width` and the scroll position in range, for a pane
    /// `height` lines high; scrolls to the mark when asked to.
    pub fn prepare(&mut self, model: &Model, width: u16, height: usize) {
        match self.open {
            Some(idx) => {
                let stale = !matches!(&self.doc, Some((i, d)) if *i == idx && d.width == width);
                if stale && let Some(article) = model.article(idx) {
                    self.doc = Some((idx, layout(article, width)));
                }
            }
            None => self.doc = None,
        }
        if std::mem::take(&mut self.reveal) {
            self.reveal_mark(height);
        }
        self.scroll = self.scroll.min(self.max_scroll(height));
    }

    /// Scrolls so the marked mention shows, a third of the way down.
    fn reveal_mark(&mut self, height: usize) {
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
        let h = height.max(1);
        let visible = line >= self.scroll && line < self.scroll + h;
        if !visible {
            self.scroll = line.saturating_sub(h / 3);
        }
    }

    /// The text offset at the top of the pane.
    pub fn view_offset(&self) -> usize {
        let Some((_, doc)) = &self.doc else {
            return 0;
        };
        doc.lines
            .iter()
            .skip(self.scroll)
            .find_map(|l| match &l.content {
                LineContent::Words(ws) => ws.first().map(|w| w.start),
                _ => None,
            })
            .unwrap_or(0)
    }

    /// Marks a mention of `(kind, canonical)` in the open report and scrolls to it (at the
    /// next `prepare`), wrapping at either end; returns the status line's note and whether a
    /// mention was marked.
    pub fn jump(
        &mut self,
        step: Step,
        (kind, canonical): (EntityKind, &str),
        model: &Model,
        index: &EntityIndex,
    ) -> Option<(String, bool)> {
        let open = self.open?;
        let spans: Vec<Span> = model
            .extraction(open)
            .map(|ex| {
                ex.mentions
                    .iter()
                    .filter(|m| m.kind == kind && m.canonical == canonical)
                    .map(|m| m.span)
                    .collect()
            })
            .unwrap_or_default();
        let name = sanitize_line(canonical);
        if spans.is_empty() {
            let others: Vec<String> = index
                .entries
                .iter()
                .find(|e| e.kind == kind && e.canonical == canonical)
                .map(|e| {
                    e.mentioned
                        .iter()
                        .map(|(i, _)| (i + 1).to_string())
                        .collect()
                })
                .unwrap_or_default();
            let note = if others.is_empty() {
                format!("{name}: not in this report")
            } else {
                format!(
                    "{name}: not in this report; in report {} ([ ] to switch)",
                    others.join(", ")
                )
            };
            return Some((note, false));
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
        Some((format!("{name}: mention {}/{n}", k + 1), true))
    }
}
