//! Whether two reports tell one event: the test behind the compare view's warning and the
//! grouping's same-event check.
//!
//! Two reports of one event say some of the same things, sentence for sentence. Two reports of
//! different events that share a country, a topic or a page's furniture link a few sentences
//! too, and those links have the same shapes everywhere: a caption or credit line ("Image:
//! NASA.") against another; a dateline whose only shared word is a weekday; two sentences that
//! share a theme in common words ("inspire ... science") and no name or figure; one headline
//! linked to several sentences of the other report. So only *fact links* count as evidence:
//! strong links ([`Link::is_strong`]) between sentences that can carry a claim
//! ([`claim_worthy`]) sharing at least [`FACT_TERMS`] terms, one of them a name or a figure;
//! and they are counted by distinct sentences on each side.

use super::align::{Alignment, Corpus, LinkKind};
use crate::engine::article::{Article, BlockKind};
use crate::engine::entities::Extraction;
use crate::engine::segment::{self, Sentence};
use std::collections::BTreeSet;

#[cfg(doc)]
use super::align::Link;

/// A sentence with fewer words and no name or figure is not a claim.
pub const MIN_WORDS: usize = 6;

/// Least number of distinct sentences on each side that fact links must join for two reports
/// without a `same` fact link to tell one event.
pub const RELATED_LINKS: usize = 2;

/// Least number of terms the two sentences of a fact link share.
pub const FACT_TERMS: usize = 2;

/// Whether sentence `s` of `article` can be part of a claim shared by several reports: a
/// title, body or bullet sentence of at least [`MIN_WORDS`] words, or of three with a name or
/// a figure (not a caption, credit, subheading or "Read more:").
pub fn claim_worthy(article: &Article, ex: Option<&Extraction>, s: &Sentence) -> bool {
    claim_worthy_words(article, ex, s, segment::words(&article.text, s.span).len())
}

/// [`claim_worthy`] of a sentence whose words are counted already (`words` of them).
pub fn claim_worthy_words(
    article: &Article,
    ex: Option<&Extraction>,
    s: &Sentence,
    words: usize,
) -> bool {
    let kind = article.blocks.get(s.block).map(|b| b.kind);
    if !matches!(
        kind,
        Some(BlockKind::Title | BlockKind::Body | BlockKind::Bullet)
    ) {
        return false;
    }
    let named = ex.is_some_and(|e| e.mentions_in(s.span).next().is_some());
    words >= MIN_WORDS || (named && words >= 3)
}

/// Whether documents `ia` and `ib` of `corpus` (articles `a` and `b`), aligned as `al`, look
/// like reports of different events: no `same` fact link, and fact links joining fewer than
/// [`RELATED_LINKS`] distinct sentences on either side (see the module documentation).
/// Reports with fewer than three sentences are never called unrelated (too little to tell);
/// without an extraction for both (no names known), a fact link needs no name or figure.
pub fn unrelated(
    corpus: &Corpus,
    (ia, a): (usize, (&Article, &Extraction)),
    (ib, b): (usize, (&Article, &Extraction)),
    al: &Alignment,
) -> bool {
    let (Some(da), Some(db)) = (corpus.docs.get(ia), corpus.docs.get(ib)) else {
        return false;
    };
    if da.sentences.len().min(db.sentences.len()) < 3 {
        return false;
    }
    let worthy = |article: &Article, ex: &Extraction, s: Option<&Sentence>| {
        s.is_some_and(|s| claim_worthy(article, Some(ex), s))
    };
    // Without entity extraction (words only) nothing is known to be a name: shared terms
    // alone decide.
    let names_known = !a.1.mentions.is_empty() && !b.1.mentions.is_empty();
    let (mut left, mut right) = (BTreeSet::new(), BTreeSet::new());
    for l in al.links.iter().filter(|l| l.is_strong()) {
        let (shared, named) = corpus.shared_terms((ia, l.left), (ib, l.right));
        if shared < FACT_TERMS
            || (names_known && named == 0)
            || !worthy(a.0, a.1, da.sentences.get(l.left))
            || !worthy(b.0, b.1, db.sentences.get(l.right))
        {
            continue;
        }
        if l.kind == LinkKind::Same {
            return false;
        }
        left.insert(l.left);
        right.insert(l.right);
    }
    left.len().min(right.len()) < RELATED_LINKS
}
