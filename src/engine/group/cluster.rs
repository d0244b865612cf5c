//! Clustering of the grouping: cosine of sparse vectors and average-link agglomeration.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

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

/// A merge candidate: average similarity of two groups (by their ids).
#[derive(Debug, PartialEq)]
struct Candidate {
    avg: f32,
    a: usize,
    b: usize,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // Highest average first; ties to the smallest ids (reversed: BinaryHeap is a max-heap).
        self.avg
            .total_cmp(&other.avg)
            .then(other.a.cmp(&self.a))
            .then(other.b.cmp(&self.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Average-link agglomerative clustering of `n` items on a sparse similarity graph (missing
/// pairs are 0). Groups are identified by their smallest member, so the result is the same
/// for any order of `pairs`. Returns groups with members ascending, in no particular order.
pub(super) fn average_link(n: usize, pairs: &[(usize, usize, f32)], merge: f32) -> Vec<Vec<usize>> {
    // Group id = index of its smallest member. sums[g]: neighbour group → Σ similarities.
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut sums: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for &(i, j, s) in pairs {
        if i < n && j < n && i != j && s.is_finite() {
            *sums[i].entry(j).or_default() += f64::from(s);
            *sums[j].entry(i).or_default() += f64::from(s);
        }
    }
    let avg = |members: &[Vec<usize>], a: usize, b: usize, sum: f64| -> f32 {
        (sum / (members[a].len() as f64 * members[b].len() as f64)) as f32
    };
    let mut heap = BinaryHeap::new();
    for (a, row) in sums.iter().enumerate() {
        for (&b, &sum) in row.range(a + 1..) {
            let v = avg(&members, a, b, sum);
            if v >= merge {
                heap.push(Candidate { avg: v, a, b });
            }
        }
    }
    let mut alive = vec![true; n];
    while let Some(Candidate { avg: v, a, b }) = heap.pop() {
        if !alive[a] || !alive[b] {
            continue;
        }
        // Stale entry: the sum or sizes changed since it was pushed.
        let current = sums[a].get(&b).map(|&s| avg(&members, a, b, s));
        if current != Some(v) {
            continue;
        }
        // Merge the group with the larger id into the one with the smaller id.
        let (keep, gone) = (a.min(b), a.max(b));
        alive[gone] = false;
        let moved = std::mem::take(&mut members[gone]);
        members[keep].extend(moved);
        members[keep].sort_unstable();
        let gone_row = std::mem::take(&mut sums[gone]);
        sums[keep].remove(&gone);
        for (other, s) in gone_row {
            if other == keep {
                continue;
            }
            sums[other].remove(&gone);
            *sums[keep].entry(other).or_default() += s;
            *sums[other].entry(keep).or_default() += s;
        }
        // Every neighbour of the merged group has a new average.
        for (&other, &s) in &sums[keep] {
            let v = avg(&members, keep, other, s);
            if v >= merge {
                heap.push(Candidate {
                    avg: v,
                    a: keep.min(other),
                    b: keep.max(other),
                });
            }
        }
    }
    members
        .into_iter()
        .zip(alive)
        .filter_map(|(m, alive)| alive.then_some(m))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_link_does_not_chain() {
        // 0–1 and 1–2 similar, 0–2 unrelated: 0 and 1 merge (the strongest pair), then the
        // average from {0,1} to 2 is (0 + 0.3) / 2 = 0.15 < 0.2, so 2 stays apart.
        let pairs = [(0, 1, 0.9), (1, 2, 0.3)];
        let mut groups = average_link(3, &pairs, 0.2);
        groups.sort();
        assert_eq!(groups, vec![vec![0, 1], vec![2]]);
        // With a 0–2 link the average is high enough.
        let pairs = [(0, 1, 0.9), (1, 2, 0.3), (0, 2, 0.3)];
        assert_eq!(average_link(3, &pairs, 0.2), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn average_link_ignores_pair_order_and_bad_input() {
        let pairs = vec![
            (0, 1, 0.5),
            (2, 3, 0.5),
            (1, 2, 0.5),
            (0, 9, 1.0),
            (4, 4, 1.0),
        ];
        let mut reversed = pairs.clone();
        reversed.reverse();
        let mut x = average_link(5, &pairs, 0.2);
        let mut y = average_link(5, &reversed, 0.2);
        x.sort();
        y.sort();
        assert_eq!(x, y);
        assert!(average_link(0, &pairs, 0.2).is_empty());
    }

    #[test]
    fn cosine_of_sparse_vectors() {
        let a = [(1, 0.6), (3, 0.8)];
        let b = [(3, 1.0)];
        assert!((cosine(&a, &b) - 0.8).abs() < 1e-6);
        assert_eq!(cosine(&a, &[]), 0.0);
    }
}
