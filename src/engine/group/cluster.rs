//! Clustering of the grouping: cosine of sparse vectors and average-link agglomeration.

use crate::engine::entities::gazetteer::FxMap;
use std::cmp::Ordering;

/// Dot product of two id-sorted unit vectors.
pub(super) fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// A group's summed member vectors: a lone article's own vector, or the sum of several.
enum Centroid {
    One(usize),
    Sum(FxMap<u32, f32>),
}

/// Union-find over the articles, each group with its members and its [`Centroid`].
struct Groups<'a> {
    vectors: &'a [Vec<(u32, f32)>],
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
    centroids: Vec<Centroid>,
    /// Per article: the compared pairs that were not linked, `(other, cosine)`.
    rejected: Vec<Vec<(usize, f32)>>,
}

impl Groups<'_> {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// `Σ` over every member pair of groups `a` and `b` of their cosine: the dot product of
    /// the two centroids (walking the smaller).
    fn dot(&self, a: usize, b: usize) -> f64 {
        let v = self.vectors;
        let lookup = |c: &Centroid, id: u32| -> f32 {
            match c {
                Centroid::One(i) => v[*i]
                    .binary_search_by_key(&id, |&(f, _)| f)
                    .map_or(0.0, |k| v[*i][k].1),
                Centroid::Sum(m) => m.get(&id).copied().unwrap_or(0.0),
            }
        };
        let len = |c: &Centroid| match c {
            Centroid::One(i) => v[*i].len(),
            Centroid::Sum(m) => m.len(),
        };
        let (small, big) = (&self.centroids[a], &self.centroids[b]);
        let (small, big) = if len(small) <= len(big) {
            (small, big)
        } else {
            (big, small)
        };
        let sum = |it: &mut dyn Iterator<Item = (u32, f32)>| -> f64 {
            it.map(|(id, w)| f64::from(w) * f64::from(lookup(big, id)))
                .sum()
        };
        match small {
            Centroid::One(i) => sum(&mut v[*i].iter().copied()),
            Centroid::Sum(m) => sum(&mut m.iter().map(|(&id, &w)| (id, w))),
        }
    }

    /// Average similarity of groups `a` and `b` (roots): every cross pair counts with its
    /// cosine, except the compared pairs that were not linked, which count 0.
    fn average(&mut self, a: usize, b: usize) -> f64 {
        let (small, other) = if self.members[a].len() <= self.members[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        let mut penalty = 0.0;
        for k in 0..self.members[small].len() {
            let m = self.members[small][k];
            for r in 0..self.rejected[m].len() {
                let (x, c) = self.rejected[m][r];
                if self.find(x) == other {
                    penalty += f64::from(c);
                }
            }
        }
        let size = self.members[a].len() as f64 * self.members[b].len() as f64;
        (self.dot(a, b) - penalty) / size
    }

    /// Merges the smaller group (by members) into the larger.
    fn union(&mut self, a: usize, b: usize) {
        let (keep, gone) = if self.members[a].len() >= self.members[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[gone] = keep;
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(moved);
        let gone_c = std::mem::replace(&mut self.centroids[gone], Centroid::One(gone));
        let mut sum = match std::mem::replace(&mut self.centroids[keep], Centroid::One(keep)) {
            Centroid::Sum(m) => m,
            Centroid::One(i) => self.vectors[i].iter().copied().collect(),
        };
        let mut add = |id: u32, w: f32| *sum.entry(id).or_default() += w;
        match gone_c {
            Centroid::One(i) => self.vectors[i].iter().for_each(|&(id, w)| add(id, w)),
            Centroid::Sum(m) => m.into_iter().for_each(|(id, w)| add(id, w)),
        }
        self.centroids[keep] = Centroid::Sum(sum);
    }
}

/// How many times the links that could not merge yet are tried again (a group that grew may
/// pass the average then).
const PASSES: usize = 4;

/// Average-link clustering of the articles with unit vectors `vectors` on a sparse graph of
/// `linked` pairs `(i, j, similarity)`; `rejected` are pairs that were compared and found not
/// to be one story.
///
/// The links are walked strongest first (ties: smallest indices); a link joins its two groups
/// when their *average* similarity over all cross pairs is at least `merge`. That average is
/// exact without visiting every pair: the sum of the cosines of all cross pairs is the dot
/// product of the groups' summed vectors, and a rejected pair is taken out of it (it counts 0).
/// So A–B and B–C linked does not pull C in when A–C is unrelated, and a story of thousands
/// of reports joins with a few links per report. Each test costs the smaller group's size and
/// vocabulary, so the whole is about linear in the links. Links that fail are tried again, up
/// to [`PASSES`] times. Returns groups with members ascending, in no particular order.
pub(super) fn average_link(
    vectors: &[Vec<(u32, f32)>],
    linked: &[(usize, usize, f32)],
    rejected: &[(usize, usize, f32)],
    merge: f32,
) -> Vec<Vec<usize>> {
    let n = vectors.len();
    let valid = |&&(i, j, s): &&(usize, usize, f32)| i < n && j < n && i != j && s.is_finite();
    let mut rej = vec![Vec::new(); n];
    for &(i, j, s) in rejected.iter().filter(valid) {
        rej[i].push((j, s));
        rej[j].push((i, s));
    }
    let mut groups = Groups {
        vectors,
        parent: (0..n).collect(),
        members: (0..n).map(|i| vec![i]).collect(),
        centroids: (0..n).map(Centroid::One).collect(),
        rejected: rej,
    };
    let mut pending: Vec<(usize, usize, f32)> = linked
        .iter()
        .filter(valid)
        .map(|&(i, j, s)| (i.min(j), i.max(j), s))
        .collect();
    pending.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    for _ in 0..PASSES {
        let before = pending.len();
        pending.retain(|&(i, j, _)| {
            let (a, b) = (groups.find(i), groups.find(j));
            if a == b {
                return false;
            }
            if groups.average(a, b) >= f64::from(merge) {
                groups.union(a, b);
                return false;
            }
            true
        });
        if pending.is_empty() || pending.len() == before {
            break;
        }
    }
    let mut out: Vec<Vec<usize>> = groups
        .members
        .into_iter()
        .filter(|m| !m.is_empty())
        .collect();
    out.iter_mut().for_each(|m| m.sort_unstable());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unit vectors on the axes: articles on one axis have cosine 1, on two axes 0.
    fn axes(axes: &[u32]) -> Vec<Vec<(u32, f32)>> {
        axes.iter().map(|&a| vec![(a, 1.0)]).collect()
    }

    #[test]
    fn average_link_does_not_chain() {
        // 0 and 1 alike, 2 mid-way between 1 and a third article's axis: {0, 1} and 2 average
        // (0.6 + 0.6) / 2 = 0.6 ≥ 0.5 and merge; with 0–2 compared and rejected the average is
        // (0 + 0.6) / 2 = 0.3 < 0.5, so 2 stays apart.
        let h = std::f32::consts::FRAC_1_SQRT_2;
        let mut v = axes(&[0, 0]);
        v.push(vec![(0, 0.6), (1, 0.8)]);
        let linked = [(0, 1, 1.0), (1, 2, 0.6)];
        assert_eq!(average_link(&v, &linked, &[], 0.5), vec![vec![0, 1, 2]]);
        let mut groups = average_link(&v, &linked, &[(0, 2, 0.6)], 0.5);
        groups.sort();
        assert_eq!(groups, vec![vec![0, 1], vec![2]]);
        // A middle article alike to both ends does not chain two unlike ones: {0, 1} and 2
        // average (0 + 0.71) / 2 < 0.6.
        let v = vec![vec![(0, 1.0)], vec![(0, h), (1, h)], vec![(1, 1.0)]];
        let mut groups = average_link(&v, &[(0, 1, h), (1, 2, h)], &[], 0.6);
        groups.sort();
        assert_eq!(groups.len(), 2, "{groups:?}");
    }

    #[test]
    fn a_big_group_joins_with_a_chain_of_links() {
        // 1,000 alike articles linked in a chain only: one group.
        let v = axes(&[7; 1000]);
        let linked: Vec<(usize, usize, f32)> = (1..1000).map(|i| (i - 1, i, 1.0)).collect();
        let groups = average_link(&v, &linked, &[], 0.2);
        assert_eq!(groups, vec![(0..1000).collect::<Vec<_>>()]);
    }

    #[test]
    fn average_link_ignores_pair_order_and_bad_input() {
        let v = axes(&[0, 0, 0, 0, 1]);
        let pairs = vec![
            (0, 1, 0.5),
            (2, 3, 0.5),
            (1, 2, 0.5),
            (0, 9, 1.0),
            (4, 4, 1.0),
            (3, 4, f32::NAN),
        ];
        let mut reversed = pairs.clone();
        reversed.reverse();
        let mut x = average_link(&v, &pairs, &[(9, 0, 1.0)], 0.2);
        let mut y = average_link(&v, &reversed, &[], 0.2);
        x.sort();
        y.sort();
        assert_eq!(x, y);
        assert_eq!(x, vec![vec![0, 1, 2, 3], vec![4]]);
        assert!(average_link(&[], &pairs, &[], 0.2).is_empty());
    }

    #[test]
    fn cosine_of_sparse_vectors() {
        let a = [(1, 0.6), (3, 0.8)];
        let b = [(3, 1.0)];
        assert!((cosine(&a, &b) - 0.8).abs() < 1e-6);
        assert_eq!(cosine(&a, &[]), 0.0);
    }
}
