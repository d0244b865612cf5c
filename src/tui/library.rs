//! The library pane's state: the selected report, the first row shown, and the marks that
//! choose what `c` compares (first A, then B). Several stories are listed under headers
//! ([`Model::rows`]); `j`/`k` walk the reports in that display order.

use super::action::{Command, Effect, move_in_list};
use super::model::{LibRow, Model};

#[derive(Debug, Clone, Default)]
pub struct LibraryState {
    /// The selected report (a position).
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// Reports marked for comparing (first A, then B).
    pub marks: Vec<usize>,
}

impl LibraryState {
    /// Keys in the library: movement (the reading pane follows the selection when both are
    /// shown, `follow`), Space marks.
    pub fn update(
        &mut self,
        c: Command,
        model: &Model,
        height: usize,
        follow: bool,
    ) -> Option<Effect> {
        match c {
            Command::Mark => {
                self.toggle_mark(model.len());
                None
            }
            motion => {
                let order = model.order();
                if order.is_empty() {
                    return None;
                }
                // A page of the library is the number of entries it shows.
                let page = (height / 2).max(1);
                let s = order.iter().position(|&i| i == self.selected).unwrap_or(0);
                self.selected = order[move_in_list(motion, s, order.len(), page)];
                follow.then_some(Effect::Follow(self.selected))
            }
        }
    }

    /// `[` / `]` from `current` (the open report): the previous / next report in display
    /// order, selected.
    pub fn step(&mut self, model: &Model, current: usize, delta: isize) -> Option<usize> {
        let order = model.order();
        if order.is_empty() {
            return None;
        }
        let p = order.iter().position(|&i| i == current).unwrap_or(0) as isize;
        let next = (p + delta).clamp(0, order.len() as isize - 1) as usize;
        self.selected = order[next];
        Some(self.selected)
    }

    /// A batch of `n` reports landed at `pos`: the selection and the marks stay on their
    /// reports.
    pub fn inserted(&mut self, pos: usize, n: usize, total: usize) {
        if total > n && pos <= self.selected {
            self.selected += n;
        }
        for m in &mut self.marks {
            if *m >= pos {
                *m += n;
            }
        }
    }

    fn toggle_mark(&mut self, n: usize) {
        let i = self.selected;
        if i >= n {
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

    /// The `[A] ` / `[B] ` prefix of a marked report.
    pub fn mark_prefix(&self, i: usize) -> &'static str {
        match self.marks.iter().position(|&m| m == i) {
            Some(0) => "[A] ",
            Some(_) => "[B] ",
            None => "",
        }
    }

    /// The status line's note about the marks.
    pub fn marks_note(&self, model: &Model) -> String {
        let name = |k: usize| {
            self.marks
                .get(k)
                .filter(|&&i| i < model.len())
                .map(|&i| model.outlet(i))
        };
        match (name(0), name(1)) {
            (Some(a), Some(b)) => format!("A: {a} · B: {b} · c compares"),
            (Some(a), None) => format!("A: {a} · Space marks B · c compares"),
            _ => String::new(),
        }
    }

    /// The two reports `c` compares: both marks; one mark and the selection; or the selection
    /// and the report shown below it (above it, for the last), in the library's display order
    /// — with stories under headers, the next report listed, not the next input.
    pub fn compare_pair(&self, model: &Model) -> Option<(usize, usize)> {
        let n = model.len();
        if n < 2 {
            return None;
        }
        let order = model.order();
        // The report listed after (else before) `i`.
        let beside = |i: usize| -> Option<usize> {
            let p = order.iter().position(|&x| x == i)?;
            order
                .get(p + 1)
                .or_else(|| order.get(p.checked_sub(1)?))
                .copied()
        };
        let s = self.selected.min(n - 1);
        let pair = match self.marks[..] {
            [a, b, ..] => (a, b),
            [a] if a != s => (a, s),
            [a] => (a, beside(a)?),
            [] => {
                let b = beside(s)?;
                let last = order.last() == Some(&s);
                if last { (b, s) } else { (s, b) }
            }
        };
        (pair.0 < n && pair.1 < n && pair.0 != pair.1).then_some(pair)
    }

    /// Keeps the selected report (and its story header, if any) in view, `height` lines
    /// high.
    pub fn prepare(&mut self, model: &Model, height: usize) {
        let rows = model.rows();
        let Some(p) = rows
            .iter()
            .position(|r| *r == LibRow::Article(self.selected))
        else {
            self.offset = self.offset.min(rows.len().saturating_sub(1));
            return;
        };
        let top = if p > 0 && matches!(rows[p - 1], LibRow::Header(_)) {
            p - 1
        } else {
            p
        };
        let mut offset = self.offset.min(top);
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
        self.offset = offset;
    }
}
