//! Notes in the reader (`m` checked, `M` doubtful, `a` a note): the notes file
//! ([`crate::notes`]) and, computed in `prepare` for the views on screen, which of their
//! items carry a note — the reading pane's sentences, the compare view's rows, the story
//! screen's claims and discrepancies — so the widgets only read.

use super::compare::CompareView;
use super::model::Model;
use super::story::StoryState;
use crate::engine::story::StoryModel;
use crate::engine::{Article, Span};
use crate::notes::{Badge, Notes, Target};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct NotesState {
    pub notes: Notes,
    /// What the note prompt (`a`) is writing for, while it is open.
    pub pending: Option<Target>,
    /// The open report's noted sentences (start of the sentence, badge).
    pub reader: Vec<(Span, Badge)>,
    /// The open report's headline has a note (it is drawn from the title, not the text).
    pub reader_title: Option<Badge>,
    /// The compare view's rows that carry a note (by row).
    pub rows: HashMap<usize, Badge>,
    /// The story screen's claims and discrepancies that carry a note (by index in the model).
    pub claims: HashMap<usize, Badge>,
    pub discrepancies: HashMap<usize, Badge>,
}

impl NotesState {
    pub fn new(notes: Notes) -> NotesState {
        NotesState {
            notes,
            ..NotesState::default()
        }
    }

    /// The badge of sentence `span` of `a`, if it has a note.
    pub fn badge(&self, a: &Article, span: Span) -> Option<Badge> {
        let r = self.notes.report(a.content_key())?;
        let key =
            crate::notes::sentence_key(&crate::engine::sanitize::sanitize_line(a.slice(span)));
        r.notes.get(&key).map(crate::notes::Note::badge)
    }

    fn has(&self, a: &Article) -> bool {
        self.notes.report(a.content_key()).is_some()
    }

    /// Recomputes what the views on screen mark (cheap when no report on screen has notes).
    pub fn prepare(
        &mut self,
        model: &Model,
        open: Option<usize>,
        compare: Option<&CompareView>,
        story: Option<(&StoryModel, &[usize])>,
    ) {
        self.reader.clear();
        self.reader_title = None;
        self.rows.clear();
        self.claims.clear();
        self.discrepancies.clear();
        if self.notes.is_empty() {
            return;
        }
        if let Some(i) = open
            && let Some(a) = model.article(i).filter(|a| self.has(a))
        {
            let spans: Vec<Span> = match model.extraction(i) {
                Some(ex) => ex.sentences.iter().map(|s| s.span).collect(),
                None => a.content_blocks().map(|b| b.span).collect(),
            };
            let marked: Vec<(Span, Badge)> = spans
                .into_iter()
                .filter_map(|s| Some((s, self.badge(a, s)?)))
                .collect();
            let in_title = |s: &Span| {
                !a.title_derived
                    && a.blocks.iter().any(|b| {
                        b.kind == crate::engine::BlockKind::Title && b.span.contains(s.start)
                    })
            };
            self.reader_title = marked
                .iter()
                .filter(|(s, _)| in_title(s))
                .map(|m| m.1)
                .max();
            self.reader = marked;
        }
        if let Some(view) = compare
            && let Some(c) = view.shown()
        {
            let shown = view.displayed();
            let (la, ra) = (&shown.left.article, &shown.right.article);
            if self.has(la) || self.has(ra) {
                let mut rows = HashMap::new();
                for (k, row) in c.rows.iter().enumerate() {
                    let left = row
                        .left
                        .iter()
                        .filter_map(|&i| c.left_sentences.get(i))
                        .filter_map(|s| self.badge(la, s.span));
                    let right = row
                        .right
                        .iter()
                        .filter_map(|&i| c.right_sentences.get(i))
                        .filter_map(|s| self.badge(ra, s.span));
                    if let Some(b) = left.chain(right).max() {
                        rows.insert(k, b);
                    }
                }
                self.rows = rows;
            }
        }
        if let Some((m, members)) = story {
            let article = |r: usize| members.get(r).and_then(|&i| model.article(i));
            if !(0..m.n).any(|r| article(r).is_some_and(|a| self.has(a))) {
                return;
            }
            let badge = |r: usize, s: usize| -> Option<Badge> {
                let span = m.sentences.get(r)?.get(s)?.span;
                self.badge(article(r)?, span)
            };
            let mut claims = HashMap::new();
            for (k, claim) in m.claims.iter().enumerate() {
                if let Some(b) = claim
                    .sentences
                    .iter()
                    .filter_map(|&(r, s)| badge(r, s))
                    .max()
                {
                    claims.insert(k, b);
                }
            }
            let mut discrepancies = HashMap::new();
            for (k, d) in m.discrepancies.iter().enumerate() {
                let own = d
                    .values
                    .values()
                    .filter_map(|((sr, ss), _)| badge(*sr, *ss));
                if let Some(b) = own.max() {
                    discrepancies.insert(k, b);
                }
            }
            self.claims = claims;
            self.discrepancies = discrepancies;
        }
    }
}

/// The item a note made now is for, in the view at hand: the reading pane's sentence holding
/// byte `at` of report `i`.
pub fn reader_target(model: &Model, i: usize, at: usize) -> Option<Target> {
    let a = model.article(i)?;
    let span = super::copy::sentence_at(model, i, at)?;
    Some(Target::new(a, span, "sentence"))
}

/// The compare view's current row: its first A sentence, else its first B sentence.
pub fn row_target(view: &CompareView) -> Option<Target> {
    let c = view.shown()?;
    let row = c.rows.get(view.row)?;
    let shown = view.displayed();
    if let Some(s) = row.left.first().and_then(|&i| c.left_sentences.get(i)) {
        return Some(Target::new(&shown.left.article, s.span, "row"));
    }
    let s = row.right.first().and_then(|&i| c.right_sentences.get(i))?;
    Some(Target::new(&shown.right.article, s.span, "row"))
}

/// The story screen's selected claim (as the first report carrying it words it) or
/// discrepancy (its first report's sentence).
pub fn story_target(state: &StoryState, model: &Model) -> Option<Target> {
    use super::story::Pane;
    let (_, m, members) = state.story(model)?;
    let at = |r: usize, s: usize, what| {
        let a = model.article(*members.get(r)?)?;
        Some(Target::new(a, m.sentences.get(r)?.get(s)?.span, what))
    };
    let sel = state.current();
    match state.pane {
        Pane::Claims => {
            let claim = m.claims.get(*state.claim_rows.get(sel)?)?;
            let &(r, s) = claim.sentences.first()?;
            at(r, s, "claim")
        }
        Pane::Discrepancies => {
            let d = m.discrepancies.get(sel)?;
            let (_, ((sr, ss), _)) = d.values.iter().next()?;
            at(*sr, *ss, "discrepancy")
        }
        _ => None,
    }
}
