//! What the reader has loaded, as the pipeline sent it: one [`Report`] per article (its
//! article, extraction, input position and story, kept together instead of in parallel
//! vectors), the stories, the entities index, the load messages and progress. The components
//! (library, reader, entities, compare, story screen) hold positions into it.
//!
//! Positions: a report's position is its place among the reports ordered by input, then
//! within an input ("library positions"). The pipeline's stories, extractions and index use
//! the same positions once loading has finished.

use crate::engine::Article;
use crate::engine::entities::Extraction;
use crate::engine::entities::index::EntityIndex;
use crate::engine::group::Story;
use crate::engine::sanitize::sanitize_line;
use crate::engine::story::StoryModel;
use std::sync::Arc;

/// One loaded report.
#[derive(Debug, Clone)]
pub struct Report {
    pub article: Arc<Article>,
    /// Entities and quotes (empty until the pipeline sends them).
    pub extraction: Arc<Extraction>,
    /// The position of its input on the command line.
    pub order: usize,
    /// Its story and its number there, once grouped.
    pub story: Option<(usize, usize)>,
}

/// One story of the library: its reports (positions, in order), a label, and its model once
/// built (none for a story of one report, or while it is being built).
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

/// Everything loaded.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub reports: Vec<Report>,
    /// One story, or several when the reports are about several events; empty until grouped.
    pub stories: Vec<StoryEntry>,
    /// The library's entities (empty until every report has been extracted).
    pub index: EntityIndex,
    /// Problems met while loading, sanitized, in order.
    pub messages: Vec<String>,
    pub load: LoadState,
    /// Story models are being built (a story of two or more reports has none yet).
    pub building: bool,
    /// Of each story being built (by its members): pairs of reports aligned, and in all.
    pub building_pairs: std::collections::BTreeMap<Vec<usize>, (usize, usize)>,
    /// The library's rows and its reports in display order, rebuilt when either changes.
    rows: Vec<LibRow>,
    order: Vec<usize>,
}

impl Model {
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    pub fn article(&self, i: usize) -> Option<&Arc<Article>> {
        self.reports.get(i).map(|r| &r.article)
    }

    pub fn extraction(&self, i: usize) -> Option<&Arc<Extraction>> {
        self.reports.get(i).map(|r| &r.extraction)
    }

    /// A report's outlet, on one line.
    pub fn outlet(&self, i: usize) -> String {
        self.article(i)
            .map(|a| sanitize_line(&a.outlet_label()))
            .unwrap_or_default()
    }

    /// Adds a batch where its input's position puts it; returns that position. Positions at
    /// and after it shift by the batch's size, so the stories and index (keyed by position)
    /// are dropped: new ones follow once loading finishes.
    pub fn insert(&mut self, order: usize, batch: Vec<Arc<Article>>) -> usize {
        let pos = self.reports.partition_point(|r| r.order <= order);
        if batch.is_empty() {
            return pos;
        }
        self.index = EntityIndex::default();
        self.clear_stories();
        let reports = batch.into_iter().map(|article| Report {
            article,
            extraction: Arc::default(),
            order,
            story: None,
        });
        self.reports.splice(pos..pos, reports);
        self.rebuild_rows();
        pos
    }

    /// The extractions of every report, by position (ignored if the count differs).
    pub fn set_extractions(&mut self, extractions: Vec<Arc<Extraction>>) {
        if extractions.len() == self.reports.len() {
            for (r, ex) in self.reports.iter_mut().zip(extractions) {
                r.extraction = ex;
            }
        }
    }

    /// True when the library holds several stories (and lists them under headers).
    pub fn grouped(&self) -> bool {
        self.stories.len() > 1
    }

    /// The grouping arrived: one entry per story, models to follow for those of 2+ reports.
    pub fn set_stories(&mut self, stories: Vec<Story>) {
        self.stories = stories
            .into_iter()
            .map(|Story { members, label }| StoryEntry {
                members,
                label,
                model: None,
            })
            .collect();
        self.building = self.stories.iter().any(|s| s.members.len() > 1);
        self.index_stories();
    }

    /// A story model arrived for the reports `members`; returns its story. Without a grouping
    /// (or one that does not list them), they become the library's one story. A model may
    /// hold fewer reports than the story (`story::MAX_REPORTS`): report r is `members[r]`.
    pub fn set_story_model(
        &mut self,
        members: Vec<usize>,
        model: Arc<StoryModel>,
    ) -> Option<usize> {
        let n = self.reports.len();
        if model.n > members.len() || members.iter().any(|&m| m >= n) {
            return None;
        }
        if model.n < members.len() {
            self.messages.push(format!(
                "a story of {} reports: the first {} are compared (the story screen's limit)",
                members.len(),
                model.n
            ));
        }
        let k = match self.stories.iter().position(|s| s.members == members) {
            Some(k) => k,
            None => {
                self.stories = vec![StoryEntry {
                    members,
                    label: String::new(),
                    model: None,
                }];
                self.index_stories();
                0
            }
        };
        self.building_pairs.remove(&self.stories[k].members);
        self.stories[k].model = Some(model);
        self.building = self
            .stories
            .iter()
            .any(|s| s.members.len() > 1 && s.model.is_none());
        Some(k)
    }

    /// How far the story models being built are: (pairs aligned, pairs in all), summed
    /// over the stories that said; `None` before any did.
    pub fn building_share(&self) -> Option<(usize, usize)> {
        if !self.building || self.building_pairs.is_empty() {
            return None;
        }
        Some(
            self.building_pairs
                .values()
                .fold((0, 0), |(d, t), &(done, total)| (d + done, t + total)),
        )
    }

    /// What [`building_share`](Self::building_share) says, for the status line and the story
    /// screen: "building story… 40% of 44,850 report pairs".
    pub fn building_note(&self) -> String {
        match self.building_share() {
            Some((done, total)) if total > 0 => format!(
                "building story… {}% of {} report pairs",
                done.min(total) * 100 / total,
                crate::engine::text::thousands(total)
            ),
            _ => "building story…".to_string(),
        }
    }

    /// Forgets the stories (the library changed; a new grouping follows).
    fn clear_stories(&mut self) {
        self.building_pairs.clear();
        self.stories.clear();
        for r in &mut self.reports {
            r.story = None;
        }
    }

    /// Each report's story and number there, and the library's rows.
    fn index_stories(&mut self) {
        for r in &mut self.reports {
            r.story = None;
        }
        for (k, s) in self.stories.iter().enumerate() {
            for (local, &m) in s.members.iter().enumerate() {
                if let Some(r) = self.reports.get_mut(m) {
                    r.story.get_or_insert((k, local));
                }
            }
        }
        self.rebuild_rows();
    }

    /// The story holding report `i`: its index, entry and the report's number in it.
    pub fn story_of(&self, i: usize) -> Option<(usize, &StoryEntry, usize)> {
        let (k, local) = self.reports.get(i)?.story?;
        Some((k, self.stories.get(k)?, local))
    }

    /// The model of report `i`'s story and the report's number in it, if built.
    pub fn model_of(&self, i: usize) -> Option<(&Arc<StoryModel>, usize)> {
        let (_, entry, local) = self.story_of(i)?;
        let model = entry.model.as_ref()?;
        (local < model.n).then_some((model, local))
    }

    /// The library's rows in display order: with several stories, each story's header and
    /// then its reports (reports in no story, if any, last); otherwise the reports in order.
    pub fn rows(&self) -> &[LibRow] {
        &self.rows
    }

    /// The reports in display order (what `j`/`k`, `[` and `]` step through).
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    fn rebuild_rows(&mut self) {
        let n = self.reports.len();
        self.rows = if self.grouped() {
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
        } else {
            (0..n).map(LibRow::Article).collect()
        };
        self.order = self
            .rows
            .iter()
            .filter_map(|r| match r {
                LibRow::Article(i) => Some(*i),
                LibRow::Header(_) => None,
            })
            .collect();
    }
}
