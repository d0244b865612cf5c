//! Comparing two reports: sentence alignment ([`align`]), word diff of aligned sentences
//! ([`diff`]), coverage, shared and missing entities, and discrepancies (numbers, dates and
//! places that differ inside an aligned pair), plus display rows and renderings for scripts
//! ([`render`]).
//!
//! Rows: the view shows the left report in its own order. Each sentence is joined to its best
//! counterpart; the connected groups this makes are rows (a one-to-many link is one row with
//! one sentence on one side and several on the other). A row sits at its first left sentence;
//! a right sentence no link reaches sits after the row holding its predecessor in the right
//! report, so unique material appears where its report has it.

pub mod align;
pub mod diff;
pub mod eval;
pub mod render;

use crate::engine::article::{Article, Span};
use crate::engine::entities::{EntityKind, Extraction, gazetteer, numeric};
use crate::engine::segment::{self, Sentence};
use align::{Alignment, Corpus, Link, LinkKind};
use diff::{Change, WordDiff};
use std::collections::BTreeMap;
use unicode_segmentation::UnicodeSegmentation;

/// One display row: sentences of each side shown side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
    /// The strongest link between the two sides (`None` for a one-sided row).
    pub kind: Option<LinkKind>,
    pub score: f32,
    /// Pieces of each sentence of the row (in `left` / `right` order).
    pub diff: WordDiff,
}

impl Row {
    pub fn is_one_sided(&self) -> bool {
        self.left.is_empty() || self.right.is_empty()
    }
    /// True when the row has something only one side says: a one-sided row, or words only one
    /// side has.
    pub fn has_difference(&self) -> bool {
        self.is_one_sided()
            || self
                .diff
                .left
                .iter()
                .chain(&self.diff.right)
                .flatten()
                .any(|p| p.change.is_difference())
    }
}

/// Where two linked sentences give different numbers, dates or places.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Discrepancy {
    pub left: usize,
    pub right: usize,
    pub kind: EntityKind,
    /// The values only the left sentence gives, with their spans.
    pub left_values: Vec<(String, Span)>,
    pub right_values: Vec<(String, Span)>,
}

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
    pub link_diffs: Vec<WordDiff>,
    pub rows: Vec<Row>,
    /// Share of the left report's words the right covers, and the reverse.
    pub coverage: (f32, f32),
    pub entities: EntityOverlap,
    pub discrepancies: Vec<Discrepancy>,
    /// The words in verbatim runs of 8+ words shared by the two (wire copy), per side.
    pub wire: (diff::WireMask, diff::WireMask),
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
    let corpus = Corpus::new(&[a.0, b.0], &[a.1, b.1]);
    compare_in(&corpus, 0, 1, a, b)
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
    let lsw = &corpus.docs[ia].words;
    let rsw = &corpus.docs[ib].words;
    let lwords: Vec<&segment::Word> = lsw.iter().flatten().collect();
    let rwords: Vec<&segment::Word> = rsw.iter().flatten().collect();
    let masks = diff::wire_masks(&lwords, &rwords);
    let link_diffs: Vec<WordDiff> = alignment
        .links
        .iter()
        .map(|l| {
            diff::diff_words(
                &[ls[l.left].span],
                &[&lsw[l.left]],
                &[rs[l.right].span],
                &[&rsw[l.right]],
                Some((&masks.0, &masks.1)),
            )
        })
        .collect();
    let link_index: std::collections::HashMap<(usize, usize), usize> = alignment
        .links
        .iter()
        .enumerate()
        .map(|(k, l)| ((l.left, l.right), k))
        .collect();
    let rows = rows(&alignment, ls.len(), rs.len(), |left, right| {
        // Most rows are one linked pair, already diffed.
        if let ([i], [j]) = (left, right)
            && let Some(&k) = link_index.get(&(*i, *j))
        {
            return link_diffs[k].clone();
        }
        let lspans: Vec<Span> = left.iter().map(|&i| ls[i].span).collect();
        let rspans: Vec<Span> = right.iter().map(|&j| rs[j].span).collect();
        let lw: Vec<&[segment::Word]> = left.iter().map(|&i| lsw[i].as_slice()).collect();
        let rw: Vec<&[segment::Word]> = right.iter().map(|&j| rsw[j].as_slice()).collect();
        diff::diff_words(&lspans, &lw, &rspans, &rw, Some((&masks.0, &masks.1)))
    });
    let coverage = (
        coverage(&alignment.links, &link_diffs, lsw, true),
        coverage(&alignment.links, &link_diffs, rsw, false),
    );
    let discrepancies = discrepancies(&alignment.links, &ls, &rs, a, b);
    Comparison {
        wire: masks,
        left_sentences: ls,
        right_sentences: rs,
        entities: entity_overlap(a.1, b.1),
        alignment,
        link_diffs,
        rows,
        coverage,
        discrepancies,
    }
}

/// Share of a side's words covered by the other: all words of a sentence with a `same` link;
/// for a sentence with only `partial` links, the words the diff found on the other side too.
fn coverage(links: &[Link], diffs: &[WordDiff], words: &[Vec<segment::Word>], left: bool) -> f32 {
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
            pieces[index].extend(ps.iter().flatten().filter(|p| p.change != Change::Only));
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

/// The comparable values of one kind in a sentence: normalised value → first span.
fn values(
    article: &Article,
    ex: &Extraction,
    span: Span,
    kind: EntityKind,
) -> BTreeMap<String, Span> {
    let mut out = BTreeMap::new();
    for m in ex.mentions_in(span).filter(|m| m.kind == kind) {
        out.entry(m.value_key(article)).or_insert(m.span);
    }
    out
}

/// Kinds whose differing values inside an aligned pair are discrepancies.
pub const DISCREPANCY_KINDS: [EntityKind; 4] = [
    EntityKind::Number,
    EntityKind::Date,
    EntityKind::Gpe,
    EntityKind::Loc,
];

/// The words just before and just after `span` inside `sentence`, case-folded, hedges skipped.
fn context(article: &Article, sentence: Span, span: Span) -> (Option<String>, Option<String>) {
    let before = article
        .text
        .get(sentence.start..span.start)
        .and_then(|t| {
            t.unicode_words()
                .rev()
                .find(|w| !numeric::HEDGES.contains(&w.to_lowercase().as_str()))
        })
        .map(str::to_lowercase);
    let after = article
        .text
        .get(span.end..sentence.end)
        .and_then(|t| t.unicode_words().next())
        .map(str::to_lowercase);
    (before, after)
}

/// Words that put a place in a "where" slot: "meet in Istanbul", "travelled to Ankara".
const PLACE_PREPOSITIONS: [&str; 11] = [
    "in", "to", "at", "from", "near", "into", "inside", "outside", "toward", "towards", "across",
];

/// Whether the place at `span` says where something happens ("talks in Istanbul") rather
/// than whose it is or what kind ("Russia's delegation", "Ukraine Peace Talks"): places only
/// disagree in a where slot.
fn where_slot(article: &Article, sentence: Span, span: Span, before: Option<&str>) -> bool {
    let after = article.text.get(span.end..sentence.end).unwrap_or("");
    let possessive = after.starts_with("’s") || after.starts_with("'s");
    let modifier = after
        .strip_prefix(' ')
        .and_then(|t| t.unicode_words().next())
        .is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !numeric::is_calendar_word(w)
        });
    before.is_some_and(|w| PLACE_PREPOSITIONS.contains(&w)) && !possessive && !modifier
}

/// Values that disagree inside linked pairs: each side gives a value of the same kind the
/// other lacks, in the same slot (the same word just before or just after it: "meet in
/// Istanbul" / "meet face-to-face in Turkey", "over 12,000 civilians" / "thousands of
/// civilians" do not share one, "12,000 civilians" / "10,000 civilians" do). Places must
/// both be in a where slot ([`where_slot`]): "Russia's delegation" / "Ukraine's delegation"
/// is two subjects, not a disagreement about a place.
fn discrepancies(
    links: &[Link],
    ls: &[Sentence],
    rs: &[Sentence],
    a: (&Article, &Extraction),
    b: (&Article, &Extraction),
) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    for l in links {
        let (sa, sb) = (ls[l.left].span, rs[l.right].span);
        for kind in DISCREPANCY_KINDS {
            let va = values(a.0, a.1, sa, kind);
            let vb = values(b.0, b.1, sb, kind);
            let only_a: Vec<(String, Span)> = va
                .iter()
                .filter(|(k, _)| !vb.contains_key(*k))
                .map(|(_, s)| (a.0.slice(*s).to_string(), *s))
                .collect();
            let only_b: Vec<(String, Span)> = vb
                .iter()
                .filter(|(k, _)| !va.contains_key(*k))
                .map(|(_, s)| (b.0.slice(*s).to_string(), *s))
                .collect();
            let (mut left_values, mut right_values) = (Vec::new(), Vec::new());
            for x in &only_a {
                let cx = context(a.0, sa, x.1);
                for y in &only_b {
                    let cy = context(b.0, sb, y.1);
                    let slot = (cx.0.is_some() && cx.0 == cy.0) || (cx.1.is_some() && cx.1 == cy.1);
                    // Two sentences saying the same thing with one different figure each
                    // disagree on it, whatever words surround it.
                    let lone = matches!(kind, EntityKind::Number | EntityKind::Date)
                        && l.kind == LinkKind::Same
                        && only_a.len() == 1
                        && only_b.len() == 1;
                    let slot = slot || lone;
                    // "February 2022" / "2022" is one date told more or less precisely.
                    let vague = kind == EntityKind::Date && {
                        let (p, q) = (x.0.to_lowercase(), y.0.to_lowercase());
                        let within = |long: &str, short: &str| {
                            long.split(|c: char| !c.is_alphanumeric())
                                .any(|w| w == short)
                        };
                        within(&p, &q) || within(&q, &p)
                    };
                    // "in three years" / "in 2022": a span of time and a point in time.
                    let duration = |v: &str| {
                        let l = v.to_lowercase();
                        ["years", "months", "weeks", "days", "hours", "decades"]
                            .iter()
                            .any(|u| l.ends_with(u))
                    };
                    let unlike = kind == EntityKind::Date && duration(&x.0) != duration(&y.0);
                    let slot = slot && !vague && !unlike;
                    let place = matches!(kind, EntityKind::Gpe | EntityKind::Loc);
                    // The key (canonical name) of a value, found by its span.
                    let key = |vals: &BTreeMap<String, Span>, span: Span| {
                        vals.iter()
                            .find(|(_, s)| **s == span)
                            .map(|(k, _)| k.clone())
                    };
                    let nested = place
                        && match (key(&va, x.1), key(&vb, y.1)) {
                            (Some(p), Some(q)) => gazetteer::place_within(&p, &q),
                            _ => false,
                        };
                    let slot = slot && !nested;
                    let slot = slot
                        && (!place
                            || (where_slot(a.0, sa, x.1, cx.0.as_deref())
                                && where_slot(b.0, sb, y.1, cy.0.as_deref())));
                    if slot {
                        if !left_values.contains(x) {
                            left_values.push(x.clone());
                        }
                        if !right_values.contains(y) {
                            right_values.push(y.clone());
                        }
                    }
                }
            }
            if !left_values.is_empty() {
                out.push(Discrepancy {
                    left: l.left,
                    right: l.right,
                    kind,
                    left_values,
                    right_values,
                });
            }
        }
    }
    out
}

/// Groups the alignment into display rows (see the module documentation).
fn rows(
    al: &Alignment,
    n_left: usize,
    n_right: usize,
    mut diff_of: impl FnMut(&[usize], &[usize]) -> WordDiff,
) -> Vec<Row> {
    // Union-find over left 0..n_left and right n_left..n_left+n_right.
    let mut parent: Vec<usize> = (0..n_left + n_right).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut best_l: Vec<Option<&Link>> = vec![None; n_left];
    let mut best_r: Vec<Option<&Link>> = vec![None; n_right];
    for l in &al.links {
        if best_l[l.left].is_none_or(|b| l.score > b.score) {
            best_l[l.left] = Some(l);
        }
        if best_r[l.right].is_none_or(|b| l.score > b.score) {
            best_r[l.right] = Some(l);
        }
    }
    for l in best_l.iter().chain(&best_r).flatten() {
        let (x, y) = (
            find(&mut parent, l.left),
            find(&mut parent, n_left + l.right),
        );
        if x != y {
            parent[x] = y;
        }
    }
    let mut groups: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for i in 0..n_left {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(i);
    }
    for j in 0..n_right {
        let r = find(&mut parent, n_left + j);
        groups.entry(r).or_default().1.push(j);
    }
    let mut with_left: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut right_alone: Vec<usize> = Vec::new();
    for (_, (l, r)) in groups {
        if l.is_empty() {
            right_alone.extend(r);
        } else {
            with_left.push((l, r));
        }
    }
    with_left.sort_by_key(|(l, _)| l[0]);
    right_alone.sort_unstable();
    for j in right_alone {
        let at = if j == 0 {
            0
        } else {
            with_left
                .iter()
                .rposition(|(_, r)| r.contains(&(j - 1)))
                .map_or(with_left.len(), |p| p + 1)
        };
        with_left.insert(at, (Vec::new(), vec![j]));
    }
    let mut by_left: Vec<Vec<&Link>> = vec![Vec::new(); n_left];
    for l in &al.links {
        by_left[l.left].push(l);
    }
    with_left
        .into_iter()
        .map(|(left, right)| {
            let links = left
                .iter()
                .flat_map(|&i| by_left[i].iter().copied())
                .filter(|l| right.contains(&l.right));
            let (mut kind, mut score) = (None, 0.0f32);
            for l in links {
                score = score.max(l.score);
                if kind != Some(LinkKind::Same) {
                    kind = Some(l.kind);
                }
            }
            let diff = diff_of(&left, &right);
            Row {
                left,
                right,
                kind,
                score,
                diff,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load::{Input, LoadOptions, load_input};

    fn seed(i: usize) -> Article {
        load_input(&Input::Seed(i), &LoadOptions::default())
            .expect("seed loads")
            .articles
            .remove(0)
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
