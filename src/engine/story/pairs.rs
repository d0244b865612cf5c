//! Every pair of reports aligned once, keeping only what the story needs of each: the links
//! that can make claims, both coverage figures, and the discrepancies on the links. A pair
//! costs its alignment (pair-local term weights, candidates from the inverted index of the
//! two reports) and the work on its links — no word diffs, no display rows — so the figures
//! equal `parallax compare` on the two reports while a story of hundreds of reports builds
//! in seconds. The full [`crate::engine::compare::Comparison`] of a pair is computed when
//! someone opens it ([`super::StoryModel::comparison`]).

use crate::engine::compare::align::{Corpus, Link, LinkKind};
use crate::engine::compare::discrepancy::{self, Side};
use crate::engine::compare::{Discrepancy, coverage};
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A link between two sentences of the story (story-wide sentence numbers, `x` in the
/// lower-numbered report) that may join a claim: both sentences claim-worthy, not weak.
#[derive(Debug, Clone, Copy)]
pub(super) struct StoryLink {
    pub x: u32,
    pub y: u32,
    /// Claims grow from strong links only ([`Link::is_strong`]): score, plus 1 for `same`.
    pub strong: Option<f32>,
}

/// A discrepancy of pair `(i, j)` with whether its link is strong.
pub(super) struct PairDiscrepancy {
    pub i: usize,
    pub j: usize,
    pub strong: bool,
    pub d: Discrepancy,
}

/// What the story keeps of all pairs.
pub(super) struct Pairs {
    pub links: Vec<StoryLink>,
    /// `coverage[i][j]`: the share of report i's words report j covers.
    pub coverage: Vec<Vec<f32>>,
    /// Ordered by pair, then as the pair's comparison lists them.
    pub discrepancies: Vec<PairDiscrepancy>,
}

/// Aligns every pair `(i, j)`, `i < j`, of the corpus. `offset[r]` numbers report r's first
/// sentence story-wide; `worthy` says which story-wide sentences may be claims. `progress`
/// hears (pairs done, pairs in all) as rows of pairs finish.
pub(super) fn all(
    corpus: &Corpus,
    sides: &[Side],
    offset: &[usize],
    worthy: &[bool],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Pairs {
    let n = corpus.docs.len().min(sides.len());
    let total = n * n.saturating_sub(1) / 2;
    let done = AtomicUsize::new(0);
    struct Row {
        links: Vec<StoryLink>,
        coverage: Vec<(usize, f32, f32)>,
        discrepancies: Vec<PairDiscrepancy>,
    }
    let rows: Vec<Row> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut row = Row {
                links: Vec::new(),
                coverage: Vec::with_capacity(n - i),
                discrepancies: Vec::new(),
            };
            let mut links: Vec<Link> = Vec::new();
            for j in i + 1..n {
                corpus.align_links(i, j, &mut links);
                let (ci, cj) = coverage(&links, &corpus.docs[i], &corpus.docs[j]);
                row.coverage.push((j, ci, cj));
                for l in &links {
                    let (x, y) = (offset[i] + l.left, offset[j] + l.right);
                    if !worthy[x] || !worthy[y] || l.is_weak() {
                        continue;
                    }
                    row.links.push(StoryLink {
                        x: x as u32,
                        y: y as u32,
                        strong: l
                            .is_strong()
                            .then(|| l.score + if l.kind == LinkKind::Same { 1.0 } else { 0.0 }),
                    });
                }
                // Links are sorted by (left, right), each pair once.
                let strong_link = |d: &Discrepancy| -> bool {
                    links
                        .binary_search_by(|l: &Link| (l.left, l.right).cmp(&(d.left, d.right)))
                        .is_ok_and(|k| links[k].is_strong())
                };
                for d in discrepancy::find_in(&links, &sides[i], &sides[j]) {
                    row.discrepancies.push(PairDiscrepancy {
                        i,
                        j,
                        strong: strong_link(&d),
                        d,
                    });
                }
            }
            let so_far = done.fetch_add(n - 1 - i, Ordering::Relaxed) + (n - 1 - i);
            progress(so_far, total);
            row
        })
        .collect();
    let mut coverage = vec![vec![1.0f32; n]; n];
    let mut links = Vec::with_capacity(rows.iter().map(|r| r.links.len()).sum());
    let mut discrepancies = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        for (j, a, b) in row.coverage {
            coverage[i][j] = a;
            coverage[j][i] = b;
        }
        links.extend(row.links);
        discrepancies.extend(row.discrepancies);
    }
    Pairs {
        links,
        coverage,
        discrepancies,
    }
}
