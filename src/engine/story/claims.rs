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
//! Candidate pairs come from the pairwise links only, so the work follows the links, not the
//! square of the story's sentences; a story-wide inverted index can supply them the same way.

use crate::engine::article::Article;
use crate::engine::compare::Comparison;
use crate::engine::compare::align::LinkKind;
use crate::engine::entities::Extraction;
use crate::engine::segment::Sentence;
use std::collections::{BTreeSet, HashMap, HashSet};

use super::{Claim, SentenceRef};

/// Least score of a partial link that may start or grow a claim.
pub const STRONG: f32 = crate::engine::compare::align::STRONG_SCORE;
pub use crate::engine::compare::related::{MIN_WORDS, claim_worthy};

pub(super) fn claims(
    articles: &[Article],
    extractions: &[Extraction],
    sentences: &[Vec<Sentence>],
    comparisons: &HashMap<(usize, usize), Comparison>,
) -> (Vec<Claim>, Vec<Vec<usize>>) {
    let mut offset = Vec::with_capacity(sentences.len());
    let mut total = 0;
    for s in sentences {
        offset.push(total);
        total += s.len();
    }
    let report_of: Vec<usize> = (0..sentences.len())
        .flat_map(|r| std::iter::repeat_n(r, sentences[r].len()))
        .collect();
    let worthy: Vec<bool> = (0..sentences.len())
        .flat_map(|r| {
            sentences[r].iter().map(move |s| {
                articles
                    .get(r)
                    .is_some_and(|a| claim_worthy(a, extractions.get(r), s))
            })
        })
        .collect();
    let mut edges: Vec<(f32, usize, usize)> = Vec::new();
    let mut linked: HashSet<(usize, usize)> = HashSet::new();
    let mut keys: Vec<&(usize, usize)> = comparisons.keys().collect();
    keys.sort_unstable();
    for &(i, j) in keys {
        for l in &comparisons[&(i, j)].alignment.links {
            let (x, y) = (offset[i] + l.left, offset[j] + l.right);
            if !worthy[x] || !worthy[y] || l.is_weak() {
                continue;
            }
            linked.insert((x.min(y), x.max(y)));
            if l.kind == LinkKind::Same || l.score >= STRONG {
                let weight = l.score + if l.kind == LinkKind::Same { 1.0 } else { 0.0 };
                edges.push((weight, x, y));
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut members: Vec<Vec<usize>> = (0..total).map(|x| vec![x]).collect();
    let mut cluster: Vec<usize> = (0..total).collect();
    for (_, x, y) in edges {
        let (cx, cy) = (cluster[x], cluster[y]);
        if cx == cy {
            continue;
        }
        let reports: HashSet<usize> = members[cx].iter().map(|&m| report_of[m]).collect();
        if members[cy].iter().any(|&m| reports.contains(&report_of[m])) {
            continue;
        }
        let complete = members[cx].iter().all(|&a| {
            members[cy]
                .iter()
                .all(|&b| linked.contains(&(a.min(b), a.max(b))))
        });
        if !complete {
            continue;
        }
        let moved = std::mem::take(&mut members[cy]);
        for &m in &moved {
            cluster[m] = cx;
        }
        members[cx].extend(moved);
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
