//! Candidate pairs of the grouping beside the rare features: articles that tell one sentence
//! in the same words or share a heavy common feature, paired along capped windows; and the
//! pruning of the similar pairs to each article's most similar.

use super::{Pair, keep_word};
use crate::engine::Article;
use crate::engine::entities::gazetteer::FxMap;
use crate::engine::segment;

/// The pairs (sorted `(i, j, similarity)`) that either article counts among its `keep` most
/// similar (ties: the smaller other index), in the same order.
pub(super) fn nearest(pairs: Vec<Pair>, n: usize, keep: usize) -> Vec<Pair> {
    let mut per: Vec<Vec<(f32, usize, usize)>> = vec![Vec::new(); n];
    for (k, &(i, j, s)) in pairs.iter().enumerate() {
        per[i].push((s, j, k));
        per[j].push((s, i, k));
    }
    if per.iter().all(|p| p.len() <= keep) {
        return pairs;
    }
    let mut kept = vec![false; pairs.len()];
    for p in &mut per {
        p.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, _, k) in p.iter().take(keep) {
            kept[k] = true;
        }
    }
    pairs
        .into_iter()
        .zip(kept)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// Least number of kept words (those worth a feature) of a sentence that makes it a
/// signature: shorter ones ("Officials said on Monday.") are said in too many stories.
pub const SENTENCE_WORDS: usize = 5;

/// Hashes of the sentences of an article told in at least [`SENTENCE_WORDS`] kept words: the
/// sequence of their stems, so case, punctuation and stop words do not matter. Sorted,
/// without repeats.
pub(super) fn signatures(article: &Article) -> Vec<u64> {
    use crate::engine::entities::gazetteer::Fx;
    use std::hash::{Hash, Hasher};
    let mut out: Vec<u64> = segment::sentences(article)
        .iter()
        .filter_map(|s| {
            let mut h = Fx::default();
            let mut kept = 0;
            for w in segment::words(&article.text, s.span) {
                if keep_word(&w.norm) {
                    w.stem.hash(&mut h);
                    kept += 1;
                }
            }
            (kept >= SENTENCE_WORDS).then(|| h.finish())
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Adds to `near` (per article, later articles it is a candidate pair with) the pairs of
/// articles that carry one key of `keys` (per article, its keys: sentence signatures or
/// common features): in each key's list of articles (ascending), every article and the next
/// `window` ones, so a key every article carries costs `window · N` pairs, not `N²`.
pub(super) fn window_pairs<K: std::hash::Hash + Eq + Copy>(
    keys: &[Vec<K>],
    window: usize,
    near: &mut [Vec<u32>],
) {
    let mut postings: FxMap<K, Vec<u32>> = FxMap::default();
    for (doc, ks) in keys.iter().enumerate() {
        for &k in ks {
            postings.entry(k).or_default().push(doc as u32);
        }
    }
    for list in postings.values().filter(|l| l.len() > 1) {
        for (k, &d) in list.iter().enumerate() {
            if let Some(v) = near.get_mut(d as usize) {
                v.extend(list.iter().skip(k + 1).take(window));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_every_article_carries_pairs_each_with_the_next_few() {
        let keys: Vec<Vec<u64>> = (0..6).map(|i| vec![7, 100 + i / 2]).collect();
        let mut near = vec![Vec::new(); 6];
        window_pairs(&keys, 2, &mut near);
        near.iter_mut().for_each(|v| {
            v.sort_unstable();
            v.dedup();
        });
        assert_eq!(
            near,
            vec![
                vec![1, 2],
                vec![2, 3],
                vec![3, 4],
                vec![4, 5],
                vec![5],
                vec![]
            ]
        );
    }

    #[test]
    fn each_article_keeps_its_most_similar_pairs() {
        // Article 0 is similar to all; each other article keeps its pair with 0.
        let pairs: Vec<Pair> = (1..5).map(|j| (0, j, 1.0 - j as f32 / 10.0)).collect();
        assert_eq!(nearest(pairs.clone(), 5, 4), pairs);
        assert_eq!(nearest(pairs.clone(), 5, 1), pairs);
        // With 1 and 2 also similar, 0 keeps its best one, and 1 and 2 keep theirs with each
        // other: the pairs 0–3 and 0–4 stay for 3 and 4.
        let mut more = pairs.clone();
        more.push((1, 2, 0.95));
        let kept = nearest(more, 5, 1);
        assert_eq!(
            kept,
            vec![(0, 1, 0.9), (0, 3, 0.7), (0, 4, 0.6), (1, 2, 0.95)]
        );
    }
}
