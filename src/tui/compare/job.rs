//! The compare view's worker job: both comparisons (A→B and B→A, so `s` swaps sides
//! instantly) of two reports, computed off the UI thread. Articles and extractions are
//! shared by `Arc`, so loading more reports meanwhile cannot move them.

use super::super::action::Action;
use crate::engine::Article;
use crate::engine::compare::{Comparison, compare, compare_in};
use crate::engine::entities::{Extraction, extract};
use crate::engine::side::Pair;
use crate::engine::story::StoryModel;
use std::sync::Arc;
use std::sync::mpsc::Sender;

/// What a worker needs: both articles (A left, B right), and their extractions when the
/// pipeline has them; and when both reports belong to one built story, that story and their
/// numbers in it, so the pair is weighed as the story screen weighs it.
#[derive(Debug)]
pub struct CompareJob {
    pub id: u64,
    pub sides: Pair<(Arc<Article>, Option<Arc<Extraction>>)>,
    pub story: Option<(Arc<StoryModel>, Pair<usize>)>,
}

/// What a worker sends back: the extractions used (A, B) and the comparison with each report
/// on the left (`left`: A→B, `right`: B→A).
#[derive(Debug)]
pub struct CompareDone {
    pub id: u64,
    pub extractions: Pair<Arc<Extraction>>,
    pub comparisons: Pair<Comparison>,
}

/// Runs a job on the calling thread (the worker, and tests).
pub fn run(job: CompareJob) -> CompareDone {
    let Pair {
        left: (a, ea),
        right: (b, eb),
    } = job.sides;
    let in_story = ea.is_some() && eb.is_some();
    let ea = ea.unwrap_or_else(|| Arc::new(extract(&a)));
    let eb = eb.unwrap_or_else(|| Arc::new(extract(&b)));
    let docs = |m: &StoryModel| m.corpus.docs.len();
    let (ab, ba) = match job.story {
        Some((
            m,
            Pair {
                left: la,
                right: lb,
            },
        )) if in_story && la < docs(&m) && lb < docs(&m) => (
            compare_in(&m.corpus, la, lb, (&a, &ea), (&b, &eb)),
            compare_in(&m.corpus, lb, la, (&b, &eb), (&a, &ea)),
        ),
        _ => (compare((&a, &ea), (&b, &eb)), compare((&b, &eb), (&a, &ea))),
    };
    CompareDone {
        id: job.id,
        extractions: Pair::new(ea, eb),
        comparisons: Pair::new(ab, ba),
    }
}

/// Runs a job on a new worker thread; the result arrives as [`Action::Compared`].
pub fn spawn(job: CompareJob, tx: Sender<Action>) {
    std::thread::spawn(move || {
        let done = run(job);
        let _ = tx.send(Action::Compared(Box::new(done)));
    });
}
