//! The one pipeline every front end runs: inputs → articles → extraction → grouping → story
//! models, as a stream of [`Event`]s that a [`Cancel`] can stop. The reader's worker, the
//! command line (`parallax stories`, `story`, `entities`) and the benches all call it, so
//! they compute the same thing. (Work in progress: the stages move here from `tui::loader`
//! and `cli` in the following commits.)

use crate::engine::Article;
use crate::engine::load::LoadError;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Stops a running pipeline between steps; what was sent stays valid.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// What the pipeline reports, in order: loading (`Progress`, `Loaded`, `Failed`,
/// `LoadFinished`), then the later stages.
#[derive(Debug)]
pub enum Event {
    /// `done` of `total` inputs read; `current` names one still being read.
    Progress {
        done: usize,
        total: usize,
        current: String,
    },
    /// The articles of input `order` (command-line position).
    Loaded {
        order: usize,
        articles: Vec<Arc<Article>>,
    },
    /// An input, or a part of one, could not be read.
    Failed(LoadError),
    /// Every input has been read (or loading was cancelled).
    LoadFinished,
}
