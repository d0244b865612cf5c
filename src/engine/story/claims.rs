//! Claims: sentences of several reports that assert one fact.
//!
//! A claim is built from links between sentences of different reports, strongest first, and
//! only from links that say "the same fact" with some confidence: a `same` link, or a
//! `partial` one scoring at least [`STRONG`] (a partial link below that shares a setting or a
//! few names more often than a fact). Two groups join only when *every* pair of their
//! sentences across reports is linked (complete linkage: A~B and B~C do not pull in C when A
//! and C were never linked), and a report has at most one sentence in a claim, so "N reports
//! carry it" means N reports assert it.
//!
//! Not claims: sentences of skipped blocks (boilerplate, repeated headlines), subheadings, and
//! sentences too thin to assert a fact ("Read more:", "It will be updated."): fewer than
//! [`MIN_WORDS`] words and no name or figure.
//!
//! Candidate pairs come from the pairwise links only ([`super::pairs`]), so the work follows
//! the links, not the square of the story's sentences.

use crate::engine::article::Article;
use crate::engine::compare::related::claim_worthy_words;
use crate::engine::entities::Extraction;
use crate::engine::segment::Sentence;
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;

use super::pairs::StoryLink;
use super::{Claim, SentenceRef};
use crate::engine::compare::align::Corpus;

/// Least score of a partial link that may start or grow a claim.
pub const STRONG: f32 = crate::engine::compare::align::STRONG_SCORE;
pub use crate::engine::compare::related::{MIN_WORDS, claim_worthy};

/// Which story-wide sentences (report r's sentence k is `offset[r] + k`) may be claims.
pub(super) fn worthy(
    articles: &[Article],
    extractions: &[Extraction],
    corpus: &Corpus,
) -> Vec<bool> {
    corpus
        .docs
        .iter()
        .enumerate()
        .flat_map(|(r, d)| {
            d.sentences.iter().zip(&d.words).map(move |(s, ws)| {
                articles
                    .get(r)
                    .is_some_and(|a| claim_worthy_words(a, extractions.get(r), s, ws.len()))
            })
        })
        .collect()
}

/// A sort key putting edges strongest first (weights in [`f32::total_cmp`] order), then by
/// sentences `(x, y)`.
fn edge_key(weight: f32, x: u32, y: u32) -> u128 {
    let bits = weight.to_bits();
    let ordered = bits ^ ((((bits as i32) >> 31) as u32) >> 1) ^ 0x8000_0000;
    ((!ordered as u128) << 64) | ((x as u128) << 32) | y as u128
}

pub(super) fn claims(
    sentences: &[Vec<Sentence>],
    offset: &[usize],
    worthy: &[bool],
    links: &[StoryLink],
) -> (Vec<Claim>, Vec<Vec<usize>>) {
    let total = worthy.len();
    let report_of: Vec<usize> = (0..sentences.len())
        .flat_map(|r| std::iter::repeat_n(r, sentences[r].len()))
        .collect();
    let key = |a: usize, b: usize| ((a.min(b) as u64) << 32) | a.max(b) as u64;
    let mut linked: FxHashSet<u64> = FxHashSet::default();
    linked.reserve(links.len());
    linked.extend(links.iter().map(|l| key(l.x as usize, l.y as usize)));
    // Strongest first, then by sentences: one sort key per edge (weights in `f32::total_cmp`
    // order, reversed), each (x, y) there once.
    let mut edges: Vec<u128> = links
        .iter()
        .filter_map(|l| Some(edge_key(l.strong?, l.x, l.y)))
        .collect();
    edges.sort_unstable();
    let mut members: Vec<Vec<usize>> = (0..total).map(|x| vec![x]).collect();
    let mut cluster: Vec<usize> = (0..total).collect();
    // Per cluster, the reports of its members (one sentence per report).
    let mut reports: Vec<FxHashSet<usize>> = (0..total)
        .map(|x| std::iter::once(report_of[x]).collect())
        .collect();
    for e in edges {
        let (x, y) = ((e >> 32) as u32 as usize, e as u32 as usize);
        let (cx, cy) = (cluster[x], cluster[y]);
        if cx == cy {
            continue;
        }
        let (small, large) = if reports[cx].len() <= reports[cy].len() {
            (&reports[cx], &reports[cy])
        } else {
            (&reports[cy], &reports[cx])
        };
        if small.iter().any(|r| large.contains(r)) {
            continue;
        }
        let complete = members[cx]
            .iter()
            .all(|&a| members[cy].iter().all(|&b| linked.contains(&key(a, b))));
        if !complete {
            continue;
        }
        let moved = std::mem::take(&mut members[cy]);
        for &m in &moved {
            cluster[m] = cx;
        }
        members[cx].extend(moved);
        let mut moved = std::mem::take(&mut reports[cy]);
        if moved.len() > reports[cx].len() {
            std::mem::swap(&mut moved, &mut reports[cx]);
        }
        reports[cx].extend(moved);
    }
    let mut out: Vec<Claim> = Vec::new();
    let mut claim_of: Vec<Vec<usize>> = sentences
        .iter()
        .map(|s| vec![usize::MAX; s.len()])
        .collect();
    let mut order: Vec<usize> = (0..total)
        .filter(|&c| !members[c].is_empty() && (members[c].len() > 1 || worthy[c]))
        .collect();
    order.sort_by_key(|&c| {
        let first = members[c].iter().copied().min().unwrap_or(0);
        (std::cmp::Reverse(members[c].len()), first)
    });
    for c in order {
        let mut sents: Vec<SentenceRef> = members[c]
            .iter()
            .map(|&m| (report_of[m], m - offset[report_of[m]]))
            .collect();
        sents.sort_unstable();
        let reports: Vec<usize> = sents
            .iter()
            .map(|s| s.0)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for &(r, s) in &sents {
            claim_of[r][s] = out.len();
        }
        out.push(Claim {
            sentences: sents,
            reports,
        });
    }
    (out, claim_of)
}

#[cfg(test)]
mod tests {
    use super::edge_key;

    #[test]
    fn edge_keys_sort_as_strongest_first_then_by_sentences() {
        let weights = [
            0.3f32,
            1.0,
            2.0,
            f32::from_bits(0.3f32.to_bits() + 1),
            1.5,
            0.0,
            -0.0,
            -1.0,
            0.45,
            2.0,
            1.0,
            0.3,
        ];
        let mut edges: Vec<(f32, u32, u32)> = weights
            .iter()
            .enumerate()
            .map(|(k, &w)| (w, (k % 4) as u32, (k * 7 % 5) as u32))
            .collect();
        let mut by_key = edges.clone();
        by_key.sort_by_key(|&(w, x, y)| edge_key(w, x, y));
        edges.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        assert_eq!(by_key, edges);
    }
}
