//! The entities pane's state (`E`): whether it replaces the library, the selected entry of
//! the index and the first row shown, the rows (type headers and entries, built when the
//! index arrives), and the entity `n` / `N` step through in the reader.

use super::action::{Command, move_in_list};
use crate::engine::entities::EntityKind;
use crate::engine::entities::index::{EntityIndex, IndexEntry};

/// A row of the list: a type's header or an entry of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityRow {
    Header(EntityKind),
    Entry(usize),
}

/// The list's rows: each type present, then its entries.
pub fn entity_rows(index: &EntityIndex) -> Vec<EntityRow> {
    let mut rows = Vec::with_capacity(index.entries.len() + EntityKind::ALL.len());
    let mut last = None;
    for (k, e) in index.entries.iter().enumerate() {
        if last != Some(e.kind) {
            rows.push(EntityRow::Header(e.kind));
            last = Some(e.kind);
        }
        rows.push(EntityRow::Entry(k));
    }
    rows
}

#[derive(Debug, Clone, Default)]
pub struct EntitiesState {
    /// The pane replaces the library in the left pane.
    pub visible: bool,
    /// The selected entry of the index, and the first row shown.
    pub selected: usize,
    pub offset: usize,
    /// Rows of the pane: type headers and entries.
    pub rows: Vec<EntityRow>,
    /// The entity whose mentions `n` / `N` step through.
    pub chosen: Option<(EntityKind, String)>,
}

impl EntitiesState {
    /// A new index arrived (or the old one was dropped).
    pub fn set_index(&mut self, index: &EntityIndex) {
        self.rows = entity_rows(index);
    }

    /// The pane row of entry `k` (entries follow their type's header).
    pub fn row_of(&self, k: usize) -> usize {
        self.rows
            .iter()
            .position(|r| *r == EntityRow::Entry(k))
            .unwrap_or(0)
    }

    /// The selected entry.
    pub fn selected_entry<'a>(&self, index: &'a EntityIndex) -> Option<&'a IndexEntry> {
        index.entries.get(self.selected)
    }

    /// Movement in a list `height` rows high.
    pub fn update(&mut self, c: Command, index: &EntityIndex, height: usize) {
        let n = index.entries.len();
        if n == 0 {
            return;
        }
        let page = height.max(2) - 1;
        self.selected = move_in_list(c, self.selected, n, page);
    }

    /// `Enter`: the selected entry becomes the chosen one; `n` / `N` with none chosen choose
    /// it too when the pane is open. A note says why there is nothing to choose.
    pub fn choose(&mut self, index: &EntityIndex) -> Result<(), &'static str> {
        match self.selected_entry(index) {
            Some(e) => {
                self.chosen = Some((e.kind, e.canonical.clone()));
                Ok(())
            }
            None if index.entries.is_empty() => Err("no entities yet"),
            None => Err("nothing selected"),
        }
    }

    /// The selection in range and in view, for a list `height` rows high.
    pub fn prepare(&mut self, index: &EntityIndex, height: usize) {
        self.selected = self.selected.min(index.entries.len().saturating_sub(1));
        let height = height.max(1);
        let row = self.row_of(self.selected);
        if row < self.offset + 1 {
            // Keep the type header above the first entry of a group in view when possible.
            self.offset = self.offset.min(row.saturating_sub(1));
        }
        if row >= self.offset + height {
            self.offset = row + 1 - height;
        }
        self.offset = self.offset.min(row);
    }
}
