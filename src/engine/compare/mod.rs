//! Comparing two reports: sentence alignment ([`align`]), word diff of aligned sentences
//! ([`diff`]), coverage, shared and missing entities, and discrepancies (numbers, dates and
//! places that differ inside an aligned pair), plus display rows and renderings for scripts
//! ([`render`]).
//!
//! Rows ([`rows`]): the left report in its own order, each sentence with its own matches; a
//! right sentence matching several is shown once and referred to elsewhere.

pub mod align;
mod coverage;
pub mod diff;
pub mod discrepancy;
pub mod eval;
pub mod json;
pub mod related;
pub mod render;
pub mod rows;
pub mod values;

pub use coverage::coverage;
pub use discrepancy::{DISCREPANCY_KINDS, Discrepancy};
pub use related::{RELATED_LINKS, unrelated};
pub use rows::{Row, RowRef};

use crate::engine::article::{Article, Span};
use crate::engine::entities::{EntityKind, Extraction};
use crate::engine::segment::{self, Sentence};
use align::{Alignment, Corpus};
use diff::WordDiff;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Canonical entities (not dates or numbers) with their mention counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityOverlap {
    pub shared: Vec<(EntityKind, String)>,
    pub left_only: Vec<(EntityKind, String)>,
    pub right_only: Vec<(EntityKind, String)>,
}

/// Everything the compare view and `parallax compare` show.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub left_sentences: Vec<Sentence>,
    pub right_sentences: Vec<Sentence>,
    pub alignment: Alignment,
    /// One diff per link (single sentences), in `alignment.links` order.
    pub link_diffs: Vec<Arc<WordDiff>>,
    pub rows: Vec<Row>,
    /// Share of the left report's words the right covers, and the reverse.
    pub coverage: (f32, f32),
    pub entities: EntityOverlap,
    pub discrepancies: Vec<Discrepancy>,
    /// The words in verbatim runs of 8+ words shared by the two (wire copy), per side.
    pub wire: (diff::WireMask, diff::WireMask),
    /// The two reports look like reports of different events (see [`unrelated`]): the
    /// views warn about it.
    pub unrelated: bool,
}

impl Comparison {
    /// Rows whose sentences include left sentence `i` / right sentence `j`.
    pub fn row_of_left(&self, i: usize) -> Option<usize> {
        self.rows.iter().position(|r| r.left.contains(&i))
    }
    pub fn row_of_right(&self, j: usize) -> Option<usize> {
        self.rows.iter().position(|r| r.right.contains(&j))
    }
    /// Counts of linked sentence pairs... shown in headers: (links, left only, right only).
    pub fn counts(&self) -> (usize, usize, usize) {
        (
            self.alignment.links.len(),
            self.alignment.left_only.len(),
            self.alignment.right_only.len(),
        )
    }
}

/// Compares two articles on their own.
pub fn compare(a: (&Article, &Extraction), b: (&Article, &Extraction)) -> Comparison {
    compare_keeping(a, b).0
}

/// [`compare`], and the corpus it was computed on: a command that ends right after can let
/// it go without freeing its hundreds of thousands of small allocations one by one.
pub fn compare_keeping(
    a: (&Article, &Extraction),
    b: (&Article, &Extraction),
) -> (Comparison, Corpus) {
    let corpus = Corpus::new(&[a.0, b.0], &[a.1, b.1]);
    (compare_in(&corpus, 0, 1, a, b), corpus)
}

/// Compares documents `ia` and `ib` of a prepared corpus (the story view aligns every pair of
/// one corpus, so term rarity is measured over all loaded reports).
pub fn compare_in(
    corpus: &Corpus,
    ia: usize,
    ib: usize,
    a: (&Article, &Extraction),
    b: (&Article, &Extraction),
) -> Comparison {
    let alignment = corpus.align(ia, ib);
    let ls = corpus.docs[ia].sentences.clone();
    let rs = corpus.docs[ib].sentences.clone();
    // The word diffs and the discrepancies (with the other figures) are independent work.
    let parallel = crate::engine::par::worth_it(a.0.text.len() + b.0.text.len());
    let ((masks, link_diffs, rows), figures) = crate::engine::par::join(
        parallel,
        || {
            let lsw = &corpus.docs[ia].words;
            let rsw = &corpus.docs[ib].words;
            // Every word as ids, so the diffs below compare numbers, not strings.
            let mut interner = diff::Interner::default();
            let lids = diff::WordIds::new(lsw, &mut interner);
            let rids = diff::WordIds::new(rsw, &mut interner);
            drop(interner);
            let starts = |sw: &[Vec<segment::Word>]| -> Vec<usize> {
                sw.iter().flatten().map(|w| w.span.start).collect()
            };
            let (lstarts, rstarts) = (starts(lsw), starts(rsw));
            let masks =
                diff::wire_masks_in((lids.norms(), &lstarts), (rids.norms(), &rstarts), parallel);
            // Spread over the pool: the other thread joins in once the discrepancies are done.
            let links = &alignment.links;
            let link_diffs: Vec<Arc<WordDiff>> =
                crate::engine::par::map_range(links.len(), parallel, |k| {
                    let l = &links[k];
                    let ((ln, lst), (rn, rst)) = (lids.of(l.left), rids.of(l.right));
                    Arc::new(diff::diff_ids(
                        diff::Group::new(&[ls[l.left].span], &[&lsw[l.left]], ln, lst),
                        diff::Group::new(&[rs[l.right].span], &[&rsw[l.right]], rn, rst),
                        Some((&masks.0, &masks.1)),
                    ))
                });
            let link_index: std::collections::HashMap<(usize, usize), usize> = alignment
                .links
                .iter()
                .enumerate()
                .map(|(k, l)| ((l.left, l.right), k))
                .collect();
            let hidden: Vec<bool> = ls
                .iter()
                .map(|s| {
                    a.0.blocks
                        .get(s.block)
                        .is_some_and(|b| !b.kind.is_content())
                })
                .collect();
            let rows = rows::build(
                &alignment,
                ls.len(),
                rs.len(),
                &hidden,
                parallel,
                |left, right| {
                    // Most rows are one linked pair, already diffed.
                    if let ([i], [j]) = (left, right)
                        && let Some(&k) = link_index.get(&(*i, *j))
                    {
                        return link_diffs[k].clone();
                    }
                    let lspans: Vec<Span> = left.iter().map(|&i| ls[i].span).collect();
                    let rspans: Vec<Span> = right.iter().map(|&j| rs[j].span).collect();
                    let lw: Vec<&[segment::Word]> =
                        left.iter().map(|&i| lsw[i].as_slice()).collect();
                    let rw: Vec<&[segment::Word]> =
                        right.iter().map(|&j| rsw[j].as_slice()).collect();
                    let ((ln, lst), (rn, rst)) = (lids.concat(left), rids.concat(right));
                    Arc::new(diff::diff_ids(
                        diff::Group::new(&lspans, &lw, &ln, &lst),
                        diff::Group::new(&rspans, &rw, &rn, &rst),
                        Some((&masks.0, &masks.1)),
                    ))
                },
            );
            (masks, link_diffs, rows)
        },
        // With the discrepancies, the pair's figures: the word diffs take longer.
        || {
            (
                discrepancy::find(&alignment.links, &ls, &rs, a, b),
                coverage(&alignment.links, &corpus.docs[ia], &corpus.docs[ib]),
                unrelated(corpus, (ia, a), (ib, b), &alignment),
                entity_overlap(a.1, b.1),
            )
        },
    );
    let (discrepancies, coverage, unrelated, entities) = figures;
    Comparison {
        wire: masks,
        unrelated,
        left_sentences: ls,
        right_sentences: rs,
        entities,
        alignment,
        link_diffs,
        rows,
        coverage,
        discrepancies,
    }
}

fn entity_overlap(a: &Extraction, b: &Extraction) -> EntityOverlap {
    let count = |ex: &Extraction| {
        let mut m: BTreeMap<(EntityKind, String), usize> = BTreeMap::new();
        for x in ex
            .mentions
            .iter()
            .filter(|x| !matches!(x.kind, EntityKind::Date | EntityKind::Number))
        {
            *m.entry((x.kind, x.canonical.clone())).or_default() += 1;
        }
        m
    };
    let (ca, cb) = (count(a), count(b));
    let sorted = |mut v: Vec<(usize, (EntityKind, String))>| {
        v.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        v.into_iter().map(|(_, k)| k).collect::<Vec<_>>()
    };
    EntityOverlap {
        shared: sorted(
            ca.iter()
                .filter_map(|(k, n)| cb.get(k).map(|m| (n + m, k.clone())))
                .collect(),
        ),
        left_only: sorted(
            ca.iter()
                .filter(|(k, _)| !cb.contains_key(*k))
                .map(|(k, n)| (*n, k.clone()))
                .collect(),
        ),
        right_only: sorted(
            cb.iter()
                .filter(|(k, _)| !ca.contains_key(*k))
                .map(|(k, n)| (*n, k.clone()))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load::{Input, LoadOptions, load_input};
    use align::{Link, LinkKind};

    fn seed(i: usize) -> Article {
        load_input(&Input::Seed(i), &LoadOptions::default())
            .expect("seed loads")
            .articles
            .remove(0)
    }

    /// Coverage as the word diff defines it: all words of a sentence with a `same` link; of
    /// one with partial links only, the words in a piece some link's diff did not mark `Only`.
    fn diff_coverage(
        links: &[Link],
        diffs: &[Arc<WordDiff>],
        words: &[Vec<segment::Word>],
        left: bool,
    ) -> f32 {
        let total: usize = words.iter().map(Vec::len).sum();
        if total == 0 {
            return 0.0;
        }
        let mut same = vec![false; words.len()];
        let mut pieces: Vec<Vec<&diff::Piece>> = vec![Vec::new(); words.len()];
        for (l, d) in links.iter().zip(diffs) {
            let (index, ps) = if left {
                (l.left, &d.left)
            } else {
                (l.right, &d.right)
            };
            if l.kind == LinkKind::Same {
                same[index] = true;
            } else {
                pieces[index].extend(
                    ps.iter()
                        .flatten()
                        .filter(|p| p.change != diff::Change::Only),
                );
            }
        }
        let mut n = 0;
        for (i, ws) in words.iter().enumerate() {
            if same[i] {
                n += ws.len();
            } else if !pieces[i].is_empty() {
                n += ws
                    .iter()
                    .filter(|w| pieces[i].iter().any(|p| p.range.contains(w.span.start)))
                    .count();
            }
        }
        n as f32 / total as f32
    }

    #[test]
    fn coverage_from_stems_is_the_word_diffs_coverage() {
        let mut arts: Vec<Article> = (0..5).map(seed).collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/stories/izmir-earthquake");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        for f in files.iter().take(3) {
            let opts = LoadOptions::default();
            if let Ok(l) = load_input(&Input::File(f.clone()), &opts) {
                arts.extend(l.articles);
            }
        }
        assert!(arts.len() >= 7, "the izmir fixtures load");
        let ex = crate::engine::entities::extract_story(&arts);
        for i in 0..arts.len() {
            for j in 0..arts.len() {
                if i == j {
                    continue;
                }
                let corpus = Corpus::new(&[&arts[i], &arts[j]], &[&ex[i], &ex[j]]);
                let c = compare_in(&corpus, 0, 1, (&arts[i], &ex[i]), (&arts[j], &ex[j]));
                let (l, d) = (&c.alignment.links, &c.link_diffs);
                let by_diff = (
                    diff_coverage(l, d, &corpus.docs[0].words, true),
                    diff_coverage(l, d, &corpus.docs[1].words, false),
                );
                assert_eq!(c.coverage, by_diff, "reports {i} and {j}");
            }
        }
    }

    #[test]
    fn rows_cover_every_sentence_once() {
        let (a, b) = (seed(0), seed(1));
        let ex = crate::engine::entities::extract_story(&[a.clone(), b.clone()]);
        let c = compare((&a, &ex[0]), (&b, &ex[1]));
        let mut left: Vec<usize> = c.rows.iter().flat_map(|r| r.left.clone()).collect();
        let mut right: Vec<usize> = c.rows.iter().flat_map(|r| r.right.clone()).collect();
        left.sort_unstable();
        right.sort_unstable();
        assert_eq!(left, (0..c.left_sentences.len()).collect::<Vec<_>>());
        assert_eq!(right, (0..c.right_sentences.len()).collect::<Vec<_>>());
        assert!(c.coverage.0 > 0.1 && c.coverage.0 < 1.0, "{:?}", c.coverage);
    }

    fn text(t: &str) -> Article {
        use crate::engine::article::{Format, Source};
        crate::engine::load::parse(Source::Stdin, t.as_bytes(), Format::Text)
            .expect("text parses")
            .articles
            .remove(0)
    }

    #[test]
    fn places_disagree_only_in_a_where_slot() {
        let a = text(
            "Talks open\n\nThe delegation of Russia arrived in Istanbul on Thursday for the \
             peace talks, officials said, and Russia's envoy spoke.",
        );
        let b = text(
            "Talks open\n\nThe delegation of Ukraine arrived in Ankara on Thursday for the \
             peace talks, officials said, and Ukraine's envoy spoke.",
        );
        let ex = crate::engine::entities::extract_story(&[a.clone(), b.clone()]);
        let c = compare((&a, &ex[0]), (&b, &ex[1]));
        fn names(x: &[(String, Span)]) -> Vec<&str> {
            x.iter().map(|(s, _)| s.as_str()).collect()
        }
        let places: Vec<(Vec<&str>, Vec<&str>)> = c
            .discrepancies
            .iter()
            .filter(|d| d.kind == EntityKind::Gpe)
            .map(|d| (names(&d.left_values), names(&d.right_values)))
            .collect();
        assert_eq!(places, vec![(vec!["Istanbul"], vec!["Ankara"])]);
        // A city and the country it is in say where at two levels of detail.
        let b = text(
            "Talks open\n\nThe delegation of Ukraine arrived in Turkey on Thursday for the \
             peace talks, officials said, and Ukraine's envoy spoke.",
        );
        let ex = crate::engine::entities::extract_story(&[a.clone(), b.clone()]);
        let c = compare((&a, &ex[0]), (&b, &ex[1]));
        assert!(
            c.discrepancies.iter().all(|d| d.kind != EntityKind::Gpe),
            "{:?}",
            c.discrepancies
        );
    }

    #[test]
    fn a_date_told_more_precisely_is_no_disagreement() {
        let a = text("War\n\nThe war began with the invasion in February 2022, officials said.");
        let b = text("War\n\nThe war began with the invasion in 2022, officials said.");
        let ex = crate::engine::entities::extract_story(&[a.clone(), b.clone()]);
        let c = compare((&a, &ex[0]), (&b, &ex[1]));
        assert!(c.discrepancies.is_empty(), "{:?}", c.discrepancies);
        let b = text("War\n\nThe war began with the invasion in three years, officials said.");
        let ex = crate::engine::entities::extract_story(&[a.clone(), b.clone()]);
        let c = compare((&a, &ex[0]), (&b, &ex[1]));
        assert!(c.discrepancies.is_empty(), "{:?}", c.discrepancies);
        let b = text("War\n\nThe war began with the invasion in February 2014, officials said.");
        let ex = crate::engine::entities::extract_story(&[a.clone(), b.clone()]);
        let c = compare((&a, &ex[0]), (&b, &ex[1]));
        assert_eq!(c.discrepancies.len(), 1, "{:?}", c.discrepancies);
    }

    #[test]
    fn identical_reports_cover_each_other() {
        let a = seed(2);
        let ex = crate::engine::entities::extract(&a);
        let c = compare((&a, &ex), (&a, &ex));
        assert!(c.alignment.left_only.is_empty());
        assert!(
            c.coverage.0 > 0.999 && c.coverage.1 > 0.999,
            "{:?}",
            c.coverage
        );
        for (i, _) in c.left_sentences.iter().enumerate() {
            assert!(
                c.alignment
                    .links
                    .iter()
                    .any(|l| l.left == i && l.right == i && l.kind == LinkKind::Same),
                "sentence {i} not paired with itself"
            );
        }
    }
}
