//! The story model of a big story ([`super::WIDE_FROM`] reports or more), from story-wide
//! clusters ([`crate::engine::compare::align::Clusters`]) instead of every pair's alignment:
//! claims are the clusters (their claim-worthy sentences), coverage comes from the clusters,
//! and discrepancies are looked for between the sentences of a cluster that give different
//! values.

use super::SentenceRef;
use super::pairs::PairDiscrepancy;
use crate::engine::compare::align::{Clusters, Corpus, Link, LinkKind, STRONG_SCORE};
use crate::engine::compare::discrepancy::{self, Side};
use rayon::prelude::*;
use std::collections::BTreeSet;

use super::Claim;

/// The most sets of values (sentences of one cluster giving the same values in the same
/// slots) compared within one cluster.
const MAX_VALUE_SETS: usize = 16;

pub(super) struct Wide {
    pub coverage: Vec<Vec<f32>>,
    pub claims: Vec<Claim>,
    pub claim_of: Vec<Vec<usize>>,
    pub discrepancies: Vec<PairDiscrepancy>,
}

pub(super) fn build(
    corpus: &Corpus,
    sides: &[Side],
    offset: &[usize],
    worthy: &[bool],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Wide {
    let n = corpus.docs.len();
    let pairs = n * n.saturating_sub(1) / 2;
    let clusters = corpus.clusters();
    let coverage = corpus.cluster_coverage(&clusters, offset, &|done, all| {
        progress(pairs * done / all.max(1), pairs)
    });
    let (claims, claim_of) = claims(corpus, &clusters, offset, worthy);
    let discrepancies = discrepancies(corpus, &clusters, sides, offset, &claims);
    Wide {
        coverage,
        claims,
        claim_of,
        discrepancies,
    }
}

/// Each cluster's claim-worthy sentences make a claim, largest first, then in story order
/// (as [`super::claims::claims`] orders them).
fn claims(
    corpus: &Corpus,
    c: &Clusters,
    offset: &[usize],
    worthy: &[bool],
) -> (Vec<Claim>, Vec<Vec<usize>>) {
    let place = |x: u32| -> SentenceRef { c.place(x, offset) };
    let mut groups: Vec<Vec<u32>> = c
        .members
        .iter()
        .map(|m| {
            let mut g: Vec<u32> = m
                .iter()
                .copied()
                .filter(|&x| worthy.get(x as usize).copied().unwrap_or(false))
                .collect();
            g.sort_unstable();
            g
        })
        .filter(|g| !g.is_empty())
        .collect();
    groups.sort_by_key(|g| (std::cmp::Reverse(g.len()), g[0]));
    let mut claim_of: Vec<Vec<usize>> = corpus
        .docs
        .iter()
        .map(|d| vec![usize::MAX; d.sentences.len()])
        .collect();
    let claims = groups
        .into_iter()
        .enumerate()
        .map(|(k, g)| {
            let sentences: Vec<SentenceRef> = g.iter().map(|&x| place(x)).collect();
            for &(r, s) in &sentences {
                claim_of[r][s] = k;
            }
            let reports: Vec<usize> = sentences
                .iter()
                .map(|s| s.0)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            Claim { sentences, reports }
        })
        .collect();
    (claims, claim_of)
}

/// Within each claim of several reports: its sentences grouped by the values they give
/// ([`Side::facts_of`]), and each sentence compared with the first sentence of every other
/// group (at most [`MAX_VALUE_SETS`] groups), the lower-numbered report on the left.
fn discrepancies(
    corpus: &Corpus,
    c: &Clusters,
    sides: &[Side],
    offset: &[usize],
    claims: &[Claim],
) -> Vec<PairDiscrepancy> {
    let place = |x: u32| -> SentenceRef { c.place(x, offset) };
    let find = |(r, s): SentenceRef, (rr, rs): SentenceRef, strong: bool| {
        let ((i, a), (j, b)) = if r < rr {
            ((r, s), (rr, rs))
        } else {
            ((rr, rs), (r, s))
        };
        let link = Link {
            left: a,
            right: b,
            kind: LinkKind::Partial,
            score: 1.0,
        };
        match (sides.get(i), sides.get(j)) {
            (Some(si), Some(sj)) if i != j => discrepancy::find_in(&[link], si, sj)
                .into_iter()
                .map(|d| PairDiscrepancy { i, j, strong, d })
                .collect(),
            _ => Vec::new(),
        }
    };
    // Per cluster: the first sentence of each set of values its sentences give.
    let firsts: Vec<Vec<u32>> = c
        .members
        .par_iter()
        .map(|m| {
            let mut sets: Vec<(Option<u32>, u32)> = Vec::new();
            for &x in m {
                let (r, s) = place(x);
                let f = sides.get(r).and_then(|side| side.facts_of(s));
                if sets.len() < MAX_VALUE_SETS && !sets.iter().any(|y| y.0 == f && f.is_some()) {
                    sets.push((f, x));
                }
            }
            sets.into_iter().map(|y| y.1).collect()
        })
        .collect();
    // A sentence and each set of values of the other clusters it is linked to, as the pair
    // model looks at every link: a strong link there is one fact told two ways.
    let across: Vec<PairDiscrepancy> = (0..c.touches.len())
        .into_par_iter()
        .flat_map_iter(|x| {
            c.touches[x]
                .iter()
                .flat_map(|&(other, _)| {
                    firsts[other as usize].iter().flat_map(move |&y| {
                        let strong = corpus.wide_link(c, offset, x as u32, y).is_some_and(
                            |(kind, score)| kind == LinkKind::Same || score >= STRONG_SCORE,
                        );
                        find(place(x as u32), place(y), strong)
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out: Vec<PairDiscrepancy> = claims
        .par_iter()
        .filter(|cl| cl.reports.len() > 1)
        .flat_map_iter(|cl| {
            let mut sets: Vec<(Option<u32>, SentenceRef)> = Vec::new();
            let set_of: Vec<usize> = cl
                .sentences
                .iter()
                .map(|&(r, s)| {
                    let f = sides.get(r).and_then(|side| side.facts_of(s));
                    match sets.iter().position(|x| x.0 == f && f.is_some()) {
                        Some(k) => k,
                        None => {
                            sets.push((f, (r, s)));
                            sets.len() - 1
                        }
                    }
                })
                .collect();
            let mut found = Vec::new();
            if sets.len() < 2 {
                return found.into_iter();
            }
            for (&(r, s), &own) in cl.sentences.iter().zip(&set_of) {
                for (k, &(_, first)) in sets.iter().enumerate().take(MAX_VALUE_SETS) {
                    // Every sentence with the first of each other set; two firsts once.
                    if k == own || (sets[own].1 == (r, s) && k < own) {
                        continue;
                    }
                    found.extend(find((r, s), first, true));
                }
            }
            found.into_iter()
        })
        .collect();
    out.extend(across);
    out.sort_by_key(|p| (p.i, p.j, p.d.left, p.d.right));
    out.dedup_by_key(|p| (p.i, p.j, p.d.left, p.d.right, p.d.kind));
    out
}
