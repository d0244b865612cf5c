//! Several stories in one library. When the loaded reports are about several events (a folder
//! of a day's news), the loader groups them ([`crate::engine::group`]) and builds one story
//! model per story; the library then lists each story under a header with its report count and
//! label, and the story screen (`o`), the reader's gutter and `U` work on the story of the
//! report at hand. With one story (the usual case) nothing changes: no headers, one model.
//!
//! A story model numbers its reports 0..k; [`StoryEntry::members`] maps them back to library
//! positions, and [`App::story_members`] does so for the story on the story screen.

use super::app::{App, Focus};
use crate::engine::story::StoryModel;
use std::sync::Arc;

/// One story of the library: its reports (library positions, in order), a label, and its
/// model once built (none for a story of one report, or while it is being built).
#[derive(Debug, Clone)]
pub struct StoryEntry {
    pub members: Vec<usize>,
    pub label: String,
    pub model: Option<Arc<StoryModel>>,
}

/// A row of the library: a story header (grouped libraries only) or a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibRow {
    Header(usize),
    Article(usize),
}

impl LibRow {
    /// Screen lines the row takes: a header one, a report two (title, then outlet and words).
    pub fn height(self) -> usize {
        match self {
            LibRow::Header(_) => 1,
            LibRow::Article(_) => 2,
        }
    }
}

impl App {
    /// True when the library holds several stories (and lists them under headers).
    pub fn grouped(&self) -> bool {
        self.stories.len() > 1
    }

    /// The library's rows in display order: with several stories, each story's header and
    /// then its reports (reports in no story, if any, last); otherwise the reports in order.
    pub fn library_rows(&self) -> Vec<LibRow> {
        let n = self.articles.len();
        if !self.grouped() {
            return (0..n).map(LibRow::Article).collect();
        }
        let mut seen = vec![false; n];
        let mut rows = Vec::with_capacity(n + self.stories.len());
        for (k, s) in self.stories.iter().enumerate() {
            rows.push(LibRow::Header(k));
            for &i in &s.members {
                if i < n && !seen[i] {
                    seen[i] = true;
                    rows.push(LibRow::Article(i));
                }
            }
        }
        rows.extend((0..n).filter(|&i| !seen[i]).map(LibRow::Article));
        rows
    }

    /// The reports in display order (what `j`/`k`, `[` and `]` step through).
    pub fn library_order(&self) -> Vec<usize> {
        self.library_rows()
            .into_iter()
            .filter_map(|r| match r {
                LibRow::Article(i) => Some(i),
                LibRow::Header(_) => None,
            })
            .collect()
    }

    /// The story holding report `article`: its index, entry and the report's number in it.
    pub fn story_of(&self, article: usize) -> Option<(usize, &StoryEntry, usize)> {
        let (k, local) = (*self.story_index.get(article)?)?;
        Some((k, self.stories.get(k)?, local))
    }

    /// Rebuilds `story_index` from `stories`.
    fn index_stories(&mut self) {
        self.story_index = vec![None; self.articles.len()];
        for (k, s) in self.stories.iter().enumerate() {
            for (local, &m) in s.members.iter().enumerate() {
                if let Some(slot) = self.story_index.get_mut(m) {
                    slot.get_or_insert((k, local));
                }
            }
        }
    }

    /// The library position of report `r` of the story on the story screen.
    pub fn story_report(&self, r: usize) -> usize {
        self.story_members.get(r).copied().unwrap_or(r)
    }

    /// The report `o` is about: the selection in the library, else the open report.
    pub(crate) fn report_at_hand(&self) -> Option<usize> {
        match self.focus {
            Focus::Library => Some(self.selected),
            Focus::Reader => self.open,
        }
        .filter(|&i| i < self.articles.len())
    }

    /// The grouping arrived: one entry per story, models to follow.
    pub(crate) fn set_stories(&mut self, groups: Vec<crate::engine::group::Story>) {
        self.stories = groups
            .into_iter()
            .map(
                |crate::engine::group::Story { members, label }| StoryEntry {
                    members,
                    label,
                    model: None,
                },
            )
            .collect();
        self.index_stories();
        self.story = None;
        self.story_members.clear();
        self.current_story = 0;
        // Until the user moves, the top of the library is selected and open; with headers,
        // that is the first report of the first story.
        if !self.touched
            && let Some(&first) = self.library_order().first()
        {
            self.selected = first;
            self.open = Some(first);
            self.library_offset = 0;
        }
    }

    /// A story model arrived for the reports `members`. Without a grouping (or a grouping
    /// that does not list them), they become the library's one story.
    pub(crate) fn set_story_model(&mut self, members: Vec<usize>, model: Arc<StoryModel>) {
        let n = self.articles.len();
        if model.n != members.len() || members.iter().any(|&m| m >= n) {
            return;
        }
        let k = match self.stories.iter().position(|s| s.members == members) {
            Some(k) => k,
            None => {
                self.stories = vec![StoryEntry {
                    members: members.clone(),
                    label: String::new(),
                    model: None,
                }];
                self.index_stories();
                0
            }
        };
        self.stories[k].model = Some(model);
        if self.story.is_none() || k == self.current_story {
            self.choose_story(k);
        }
    }

    /// Makes story `k` the one the story screen shows.
    pub(crate) fn choose_story(&mut self, k: usize) {
        let Some(s) = self.stories.get(k) else {
            return;
        };
        if let Some(model) = &s.model {
            self.current_story = k;
            self.story = Some(model.clone());
            self.story_members = s.members.clone();
        }
    }

    /// Forgets the stories (the library changed; a new grouping follows).
    pub(crate) fn clear_stories(&mut self) {
        self.stories.clear();
        self.story_index.clear();
        self.story = None;
        self.story_members.clear();
        self.current_story = 0;
    }
}
