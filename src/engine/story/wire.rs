//! Wire copy across the story: per report, the words in a verbatim run of
//! [`WIRE_RUN`](crate::engine::compare::diff::WIRE_RUN)+ words that another report also has.
//!
//! A word is in such a run shared with some report exactly when one of the
//! [`WIRE_RUN`](crate::engine::compare::diff::WIRE_RUN)-word windows holding it occurs in that
//! report, so one story-wide table of hashed windows finds every report's wire words at once:
//! the union over all pairs of the pair masks ([`crate::engine::compare::diff::wire_masks`]),
//! in time linear in the story's words.

use crate::engine::compare::align::Corpus;
use crate::engine::compare::diff::WIRE_RUN;
use crate::engine::segment::Word;
use rayon::prelude::*;
use std::hash::{Hash, Hasher};

/// Per report, per word (its words as the corpus holds them, sentence by sentence): whether
/// it lies in a wire-copy run.
pub(super) fn wire_marks(corpus: &Corpus) -> Vec<Vec<bool>> {
    let words: Vec<Vec<&Word>> = corpus
        .docs
        .iter()
        .map(|d| d.words.iter().flatten().collect())
        .collect();
    // (window hash, report, window start) for every window of every report.
    let mut windows: Vec<(u64, u32, u32)> = words
        .par_iter()
        .enumerate()
        .flat_map_iter(|(r, ws)| {
            ws.windows(WIRE_RUN).enumerate().map(move |(p, w)| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                for x in w {
                    x.norm.hash(&mut h);
                }
                (h.finish(), r as u32, p as u32)
            })
        })
        .collect();
    windows.par_sort_unstable();
    let same = |a: &(u64, u32, u32), b: &(u64, u32, u32)| {
        let (x, y) = (&words[a.1 as usize], &words[b.1 as usize]);
        let (p, q) = (a.2 as usize, b.2 as usize);
        x[p..p + WIRE_RUN]
            .iter()
            .zip(&y[q..q + WIRE_RUN])
            .all(|(u, v)| u.norm == v.norm)
    };
    let mut marked: Vec<Vec<bool>> = words.iter().map(|ws| vec![false; ws.len()]).collect();
    for group in windows.chunk_by(|a, b| a.0 == b.0) {
        if group.iter().all(|w| w.1 == group[0].1) {
            continue;
        }
        // Windows of one hash are nearly always one text; a collision splits the group into
        // classes of equal text (each confirmed against the words).
        let mut rest: Vec<&(u64, u32, u32)> = group.iter().collect();
        while let Some(&first) = rest.first() {
            let (class, other): (Vec<&(u64, u32, u32)>, Vec<_>) =
                rest.into_iter().partition(|w| same(first, w));
            if class.iter().any(|w| w.1 != first.1) {
                for w in &class {
                    let m = &mut marked[w.1 as usize];
                    m[w.2 as usize..w.2 as usize + WIRE_RUN].fill(true);
                }
            }
            rest = other;
        }
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::{Article, Format, Source};
    use crate::engine::compare::diff::wire_masks;
    use crate::engine::entities::Extraction;
    use crate::engine::load::{SEEDS, parse};
    use std::collections::BTreeSet;

    fn article(text: &str) -> Article {
        parse(Source::Stdin, text.as_bytes(), Format::Text)
            .expect("parses")
            .articles
            .remove(0)
    }

    /// Reports made of the seeds' paragraphs, each a different selection and order, so
    /// they share runs of words with some reports and not others.
    fn reports() -> Vec<Article> {
        let paragraphs: Vec<&str> = SEEDS
            .iter()
            .flat_map(|(_, t)| t.split("\n\n").skip(1))
            .filter(|p| !p.trim().is_empty())
            .collect();
        (0..6)
            .map(|k| {
                let mut text = format!("Report {k}\n\n");
                for (i, p) in paragraphs.iter().enumerate() {
                    if (i * 7 + k * 3) % 5 < 2 {
                        text.push_str(p.trim());
                        text.push_str("\n\n");
                    }
                }
                article(&text)
            })
            .collect()
    }

    #[test]
    fn story_wire_words_are_the_union_over_pairs() {
        let arts = reports();
        let exs = vec![Extraction::default(); arts.len()];
        let corpus = Corpus::new(
            &arts.iter().collect::<Vec<_>>(),
            &exs.iter().collect::<Vec<_>>(),
        );
        let words: Vec<Vec<&Word>> = corpus
            .docs
            .iter()
            .map(|d| d.words.iter().flatten().collect())
            .collect();
        let mut union: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); arts.len()];
        for i in 0..arts.len() {
            for j in i + 1..arts.len() {
                let (a, b) = wire_masks(&words[i], &words[j]);
                union[i].extend(a.starts());
                union[j].extend(b.starts());
            }
        }
        let pairwise: Vec<usize> = union.iter().map(BTreeSet::len).collect();
        assert!(pairwise.iter().sum::<usize>() > 100, "{pairwise:?}");
        let story: Vec<usize> = wire_marks(&corpus)
            .iter()
            .map(|m| m.iter().filter(|&&x| x).count())
            .collect();
        assert_eq!(story, pairwise);
    }
}
