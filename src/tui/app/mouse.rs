//! The mouse's part of [`App`] (on unless `--no-mouse`): the wheel scrolls the pane under
//! the pointer, a click selects the row under it (a report in the library, a row of the
//! compare view or of a story pane) and focuses the pane, a click on a story tab opens that
//! pane. Everything goes through the same state changes the keys make.

use super::{App, Focus};
use crate::tui::action::{Command, Effect};
use crate::tui::model::LibRow;
use ratatui::layout::{Position, Rect};

/// What the mouse did, at a cell of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointer {
    Wheel { x: u16, y: u16, down: bool },
    Click { x: u16, y: u16 },
}

/// Lines one wheel notch scrolls a text pane.
const NOTCH: usize = 3;

impl App {
    pub(super) fn pointer(&mut self, p: Pointer) -> Option<Effect> {
        let (x, y) = match p {
            Pointer::Wheel { x, y, .. } | Pointer::Click { x, y } => (x, y),
        };
        let at = Position::new(x, y);
        let inside = |r: Rect| r.contains(at);
        let wheel = match p {
            Pointer::Wheel { down: true, .. } => Some(Command::Down),
            Pointer::Wheel { down: false, .. } => Some(Command::Up),
            Pointer::Click { .. } => None,
        };
        if self.prompt.is_open() {
            return None;
        }
        self.touched = true;
        self.notice = None;
        if self.overlay.open.is_some() {
            for _ in 0..NOTCH {
                self.overlay.update(wheel?);
            }
            return None;
        }
        let g = self.geometry;
        if let Some(view) = self.compare.as_mut() {
            let body = g.compare.body;
            let h = body.height as usize;
            match p {
                Pointer::Wheel { down, .. } if inside(body) => view.scroll_lines(down, NOTCH, h),
                Pointer::Click { .. } if inside(body) => {
                    let line = view.scroll + (y - body.y) as usize;
                    if let Some(row) = view.layout.lines.get(line).map(|l| l.row) {
                        view.go_to(row, h);
                    }
                }
                _ => {}
            }
            return None;
        }
        if self.story_view.open {
            let sg = g.story;
            let h = sg.list.height as usize;
            if let Some(c) = wheel {
                return self.story_view.update(c, &self.model, self.reader.open, h);
            }
            let model = self.story()?.clone();
            if inside(sg.tabs) {
                if let Some(pane) =
                    self.story_view
                        .tab_at(&model, (x - sg.tabs.x) as usize, sg.tabs.width as usize)
                {
                    self.story_view.pane = pane;
                }
            } else if inside(sg.list) {
                let k = self.story_view.pane.index();
                let row = self.story_view.offset[k] + (y - sg.list.y) as usize;
                if row < self.story_view.rows(&model, self.story_view.pane) {
                    self.story_view.selected[k] = row;
                }
            }
            return None;
        }
        let m = g.main;
        if inside(m.library) {
            self.focus = Focus::Library;
            if self.entities.visible {
                let h = g.entities.list.height as usize;
                let c = wheel?;
                self.entities.update(c, &self.model.index, h);
                return None;
            }
            let height = m.library_list.height as usize;
            if let Some(c) = wheel {
                return self.library.update(c, &self.model, height, !m.narrow);
            }
            let i = self.library_row_at(y)?;
            self.library.selected = i;
            return (!m.narrow).then_some(Effect::Follow(i));
        }
        if inside(m.reader) {
            match wheel {
                Some(c) => {
                    for _ in 0..NOTCH {
                        self.reader.scroll_by(c, m.reader_text.height as usize);
                    }
                }
                None => self.focus = Focus::Reader,
            }
        }
        None
    }

    /// The report listed at screen row `y` of the library, if a report is there.
    fn library_row_at(&self, y: u16) -> Option<usize> {
        let list = self.geometry.main.library_list;
        let mut top = list.y;
        for row in self.model.rows().iter().skip(self.library.offset) {
            let h = row.height() as u16;
            if top >= list.bottom() {
                break;
            }
            if (top..top + h).contains(&y) {
                return match row {
                    LibRow::Article(i) => Some(*i),
                    LibRow::Header(_) => None,
                };
            }
            top += h;
        }
        None
    }
}
