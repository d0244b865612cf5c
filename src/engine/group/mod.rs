//! Grouping many articles into stories: which loaded reports are about the same event.
//!
//! # Model
//!
//! 1. **Features.** Each article becomes a bag of features: the English stems of the words of
//!    its content blocks ([`segment::words`]), without stop words, one- and two-letter words
//!    and lone small numbers; plus, when an [`Extraction`] is given, the canonical names of its
//!    people, organisations, places and groups (`PERSON ORG GPE LOC NORP`, not dates or
//!    numbers), counted once per mention. Headline words count twice (a headline is a summary).
//! 2. **Weights.** `w = (1 + ln tf) · idf · k`, with the smoothed `idf = ln(1 + N / df)` over
//!    the N articles (never 0, so a folder holding one story still compares) and `k` =
//!    [`ENTITY_BOOST`] for entity names, 1 for stems. A feature found in one article only
//!    (`df = 1`) cannot link anything and is left out. A feature in most of the articles is
//!    kept (its idf is small, about `ln 2`): in a folder that holds one story, the story's
//!    own names and words are in most of the articles, and they are what its reports share.
//!    Each vector is L2-normalised.
//! 3. **Candidates.** An inverted index maps each *rare* feature (`2 ≤ df ≤ cap`,
//!    `cap = max(min_cap, cap_share · N)`) to its articles. Two articles are a candidate pair
//!    when they share at least [`Params::min_shared`] rare features, so the work is about
//!    `Σ df²` over rare features, not `N²`; features above the cap are too common to tell
//!    stories apart and are never walked. Rare features miss the reports of a story that
//!    fills much of the folder (its words are all common there), so two articles are also a
//!    candidate pair when they tell one sentence in the same words ([`SENTENCE_WORDS`] or
//!    more kept words, hashed): each article is paired with the next [`Params::window`]
//!    articles that tell the sentence, not with all of them, so a sentence in every report
//!    costs about `window · N` pairs; likewise along the lists of each article's
//!    [`Params::hints`] heaviest features above the cap (a story's names, when it fills the
//!    folder).
//! 4. **Similarity.** Cosine of the weighted vectors of a candidate pair (all features, not
//!    only the rare ones); pairs below [`Params::link`] are dropped, and of the rest each
//!    article keeps its [`Params::neighbours`] most similar (a pair stays when either side
//!    keeps it), which bounds the next step at about `neighbours · N` pairs.
//!    A similar pair is linked only when the two reports tell the same event, sentence for
//!    sentence ([`same_events`]): sharing a country, a place or a topic is not enough. Near
//!    copies (cosine at least [`Params::duplicate`]) are linked without that alignment.
//! 5. **Clustering.** Average-link agglomeration on that sparse graph ([`average_link`]):
//!    links are walked strongest first, and a link merges its two groups when their *average*
//!    similarity over all cross pairs is at least [`Params::merge`]. The average is exact
//!    without visiting every pair (the sum of the cosines of all cross pairs is the dot
//!    product of the groups' summed vectors), with the pairs compared and found to be two
//!    events counted as 0. This is the guard against chaining: A–B and B–C being similar
//!    does not pull in C when A–C share little or were found unrelated, because A–C drags
//!    the average down; and a story of thousands of reports still joins with a few links per
//!    report. Ties break on the smallest indices, so the result does not depend on hash order
//!    or thread timing.
//! 6. **Output.** Stories ordered by size (descending), then first member index; members in
//!    input order. The label is the top three names shared by most members (entities first,
//!    then the most common surface form of shared stems), sanitized.
//!
//! Nothing here panics on any input: empty articles are singleton stories, a missing or
//! extra extraction is ignored.

use crate::engine::article::{Article, BlockKind};
use crate::engine::entities::gazetteer::{FxMap, FxSet, STOP_WORDS, set};
use crate::engine::entities::{EntityKind, Extraction, numeric};
use crate::engine::sanitize::sanitize_line;
use crate::engine::segment;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::LazyLock;

mod candidates;
mod cluster;
pub use candidates::SENTENCE_WORDS;
use candidates::{nearest, signatures, window_pairs};
use cluster::{average_link, cosine};

/// One story: the indices of its articles (in input order) and a short label.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Story {
    pub members: Vec<usize>,
    pub label: String,
}

/// A pair of articles `(i, j)` with their similarity.
pub type Pair = (usize, usize, f32);

/// Weight multiplier of an entity name against a word stem.
pub const ENTITY_BOOST: f32 = 1.5;

/// The tunable thresholds of the model (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Least number of rare features two articles share to be compared at all.
    pub min_shared: u32,
    /// Least document frequency cap for rare features.
    pub min_cap: usize,
    /// Share of the articles above which a feature is no longer rare (candidate generation).
    pub cap_share: f32,
    /// Each article is a candidate pair with this many of the next articles that tell one of
    /// its sentences in the same words.
    pub window: usize,
    /// Number of each article's heaviest common features (above the rare cap) along whose
    /// lists it is paired with the next [`Params::window`] articles.
    pub hints: usize,
    /// Of its similar pairs, each article keeps this many of the most similar.
    pub neighbours: usize,
    /// Least cosine for a pair to count as linked.
    pub link: f32,
    /// Least average-link similarity for two groups to merge.
    pub merge: f32,
    /// Least cosine of two near-copies: linked without the same-event alignment (reports of
    /// two events sharing a place or a topic stay far below; the fixtures' highest is 0.18).
    pub duplicate: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            min_shared: 3,
            min_cap: 12,
            cap_share: 0.02,
            window: 2,
            hints: 8,
            neighbours: 16,
            link: 0.1,
            merge: 0.2,
            duplicate: 0.8,
        }
    }
}

/// Groups articles into stories with the default parameters. `extractions` may be empty (words
/// only) or one per article, in the same order.
pub fn group(articles: &[Article], extractions: &[Extraction]) -> Vec<Story> {
    group_with(articles, extractions, &Params::default())
}

/// Groups articles into stories with explicit parameters.
pub fn group_with(articles: &[Article], extractions: &[Extraction], params: &Params) -> Vec<Story> {
    let index = Index::build(articles, extractions, params);
    let (linked, rejected) = same_events(
        articles,
        extractions,
        index.similar_pairs(params),
        params.duplicate,
    );
    let clusters = average_link(&index.vectors, &linked, &rejected, params.merge);
    let mut stories: Vec<Story> = clusters
        .into_iter()
        .map(|members| {
            let label = index.label(&members, articles, extractions);
            Story { members, label }
        })
        .collect();
    stories.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.members.first().cmp(&b.members.first()))
    });
    stories
}

/// Splits the similar pairs into those whose reports tell the same event (linked) and the
/// others (rejected): two reports of one event say
/// some of the same things, sentence for sentence; two events that share a place, a country
/// or a topic (a crane collapse and a stampede at one mosque) do not
/// ([`crate::engine::compare::unrelated`], the test behind the compare view's warning). Each
/// article is prepared for alignment once; each pair is aligned with its own weights. Pairs of
/// cosine [`Params::duplicate`] or more are linked without alignment.
fn same_events(
    articles: &[Article],
    extractions: &[Extraction],
    pairs: Vec<Pair>,
    duplicate: f32,
) -> (Vec<Pair>, Vec<Pair>) {
    use crate::engine::compare::{align::Corpus, unrelated};
    // Near-copies are linked as they are: almost the same words, so the same sentences.
    let (mut linked, pairs): (Vec<_>, Vec<_>) =
        pairs.into_iter().partition(|&(_, _, s)| s >= duplicate);
    if pairs.is_empty() {
        return (linked, pairs);
    }
    // Only the articles of the pairs left are prepared for alignment (a pair's alignment
    // depends on its two articles only): `at[i]` is article i's place in the corpus.
    let mut at: Vec<Option<usize>> = vec![None; articles.len()];
    let mut order: Vec<usize> = Vec::new();
    for &(i, j, _) in &pairs {
        for d in [i, j] {
            if at[d].is_none() {
                at[d] = Some(order.len());
                order.push(d);
            }
        }
    }
    let empty = Extraction::default();
    let arts: Vec<&Article> = order.iter().map(|&d| &articles[d]).collect();
    let exs: Vec<&Extraction> = order
        .iter()
        .map(|&d| extractions.get(d).unwrap_or(&empty))
        .collect();
    let corpus = Corpus::new(&arts, &exs);
    let (same, rejected): (Vec<_>, Vec<_>) = pairs.into_par_iter().partition(|&(i, j, _)| {
        let (Some(x), Some(y)) = (at[i], at[j]) else {
            return false;
        };
        let al = corpus.align(x, y);
        let (a, b) = ((arts[x], exs[x]), (arts[y], exs[y]));
        !unrelated(&corpus, (x, a), (y, b), &al)
    });
    linked.extend(same);
    (linked, rejected)
}

/// Pairwise similarities of the candidate pairs above the link threshold that one side counts
/// among its [`Params::neighbours`] most similar: `(i, j, cosine)` with `i < j`, sorted. Exposed for diagnostics and tests.
pub fn similarities(
    articles: &[Article],
    extractions: &[Extraction],
    params: &Params,
) -> Vec<Pair> {
    Index::build(articles, extractions, params).similar_pairs(params)
}

/// Words too common in news to tell stories apart, beyond the tagger's stop words.
const EXTRA_STOP: &[&str] = &[
    "about", "after", "again", "against", "also", "among", "and", "any", "are", "around", "back",
    "been", "before", "being", "between", "both", "but", "can", "could", "did", "does", "down",
    "during", "each", "even", "ever", "every", "few", "first", "for", "from", "further", "had",
    "has", "have", "having", "her", "here", "him", "his", "how", "into", "its", "just", "last",
    "least", "less", "like", "made", "make", "many", "may", "more", "most", "much", "must", "near",
    "new", "next", "not", "now", "off", "once", "one", "only", "other", "our", "out", "over",
    "own", "said", "same", "say", "says", "should", "since", "some", "still", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "three",
    "through", "told", "too", "two", "under", "until", "very", "was", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "within", "without", "would",
    "year", "years", "yet", "you", "your", "week", "day", "days", "time",
];

/// [`EXTRA_STOP`] as a set (a feature test runs once per word).
static EXTRA: LazyLock<FxSet<&'static str>> = LazyLock::new(|| set(EXTRA_STOP));

/// Stop words, grouping's own, and weekdays (a day names when, not what happened).
fn is_stop(norm: &str) -> bool {
    STOP_WORDS.contains(norm) || EXTRA.contains(norm) || numeric::is_weekday(norm)
}

/// Whether a word is worth a feature: a word of 3+ letters, or a number of 4+ characters
/// (`1,300`, `49,812`, `2.47`; not `2` or `25`).
fn keep_word(norm: &str) -> bool {
    let letters = norm.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 0 {
        return norm.chars().count() >= 3 && !is_stop(norm);
    }
    norm.chars().any(|c| c.is_ascii_digit()) && norm.chars().count() >= 4
}

/// Entity kinds that name who or where (not when or how many).
fn names_kind(kind: EntityKind) -> bool {
    !matches!(kind, EntityKind::Date | EntityKind::Number)
}

/// A feature key: a stem (`w:`) or an entity name (`e:`, case-folded).
type Key = String;

/// The raw counts of an article's features ([`bag`]).
type Bag = Vec<(Key, f32)>;

/// Calls `add(key, surface form, weight)` for every feature occurrence of an article: its
/// content words worth a feature (a title's count double) and its names.
fn features(
    article: &Article,
    extraction: Option<&Extraction>,
    mut add: impl FnMut(String, &str, f32),
) {
    for block in article.content_blocks() {
        let weight = if block.kind == BlockKind::Title {
            2.0
        } else {
            1.0
        };
        for w in segment::words(&article.text, block.span) {
            if keep_word(&w.norm) {
                add(format!("w:{}", w.stem), article.slice(w.span), weight);
            }
        }
    }
    if let Some(ex) = extraction {
        for m in ex.mentions.iter().filter(|m| names_kind(m.kind)) {
            let name = m.canonical.trim();
            if !name.is_empty() {
                add(format!("e:{}", name.to_lowercase()), name, 1.0);
            }
        }
    }
}

/// Raw counts of one article: features sorted by key with their weighted counts. (The
/// surface forms labels need are read again for the few features a label weighs
/// ([`Index::label`]): kept for every feature of every article, they were half the memory
/// of grouping a 50,000-item feed.)
fn bag(article: &Article, extraction: Option<&Extraction>) -> Vec<(Key, f32)> {
    let mut counts: FxMap<Key, f32> = FxMap::default();
    features(article, extraction, |key, _, weight| {
        *counts.entry(key).or_default() += weight;
    });
    let mut counts: Vec<(Key, f32)> = counts.into_iter().collect();
    counts.sort_by(|a, b| a.0.cmp(&b.0));
    counts
}

/// The weighted feature vectors of all articles and what is needed to compare and label them.
struct Index {
    /// Per article: `(feature id, weight)` sorted by id, L2-normalised; features with `df = 1`
    /// are left out.
    vectors: Vec<Vec<(u32, f32)>>,
    /// Per article: ids of its rare features (`2 ≤ df ≤ cap`), sorted.
    rare: Vec<Vec<u32>>,
    /// Per article: the later articles that tell one of its sentences or share one of its
    /// heaviest common features ([`window_pairs`]), sorted.
    near: Vec<Vec<u32>>,
    /// Per feature: its key.
    keys: Vec<Key>,
}

impl Index {
    fn build(articles: &[Article], extractions: &[Extraction], params: &Params) -> Index {
        let n = articles.len();
        let (bags, sigs): (Vec<Bag>, Vec<Vec<u64>>) = articles
            .par_iter()
            .enumerate()
            .map(|(i, a)| (bag(a, extractions.get(i)), signatures(a)))
            .unzip();
        let mut near: Vec<Vec<u32>> = vec![Vec::new(); n];
        window_pairs(&sigs, params.window, &mut near);
        drop(sigs);
        // Feature ids in first-seen order: each bag is sorted, bags are visited in input order.
        let mut ids: FxMap<&str, u32> = FxMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut keys: Vec<Key> = Vec::new();
        let mut docs: Vec<Vec<(u32, f32)>> = Vec::with_capacity(n);
        for b in &bags {
            let mut doc = Vec::with_capacity(b.len());
            for (key, tf) in b {
                let id = *ids.entry(key.as_str()).or_insert_with(|| {
                    df.push(0);
                    keys.push(key.clone());
                    (df.len() - 1) as u32
                });
                df[id as usize] += 1;
                doc.push((id, *tf));
            }
            doc.sort_by_key(|&(id, _)| id);
            docs.push(doc);
        }
        let entity: Vec<bool> = keys.iter().map(|k| k.starts_with("e:")).collect();
        let nf = n.max(1) as f32;
        let cap = ((params.cap_share * nf).floor() as u32).max(params.min_cap as u32);
        let vectors: Vec<Vec<(u32, f32)>> = docs
            .par_iter()
            .map(|doc| {
                let mut v: Vec<(u32, f32)> = doc
                    .iter()
                    .filter(|&&(id, _)| df[id as usize] >= 2)
                    .map(|&(id, tf)| {
                        let idf = (1.0 + nf / df[id as usize] as f32).ln();
                        let boost = if entity[id as usize] {
                            ENTITY_BOOST
                        } else {
                            1.0
                        };
                        (id, (1.0 + tf.max(1.0).ln()) * idf * boost)
                    })
                    .filter(|&(_, w)| w > 0.0)
                    .collect();
                let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                v
            })
            .collect();
        // Each article's heaviest features too common to be rare: the names and words of a
        // story that fills much of the folder. Articles that share one are paired along its
        // list of articles, as for a shared sentence.
        let hints: Vec<Vec<u32>> = vectors
            .par_iter()
            .map(|v| {
                let mut common: Vec<(u32, f32)> = v
                    .iter()
                    .copied()
                    .filter(|&(id, _)| df[id as usize] > cap)
                    .collect();
                common.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                common
                    .iter()
                    .take(params.hints)
                    .map(|&(id, _)| id)
                    .collect()
            })
            .collect();
        window_pairs(&hints, params.window, &mut near);
        drop(hints);
        near.par_iter_mut().for_each(|v| {
            v.sort_unstable();
            v.dedup();
        });
        let rare = docs
            .iter()
            .map(|doc| {
                doc.iter()
                    .map(|&(id, _)| id)
                    .filter(|&id| (2..=cap).contains(&df[id as usize]))
                    .collect()
            })
            .collect();
        Index {
            vectors,
            rare,
            near,
            keys,
        }
    }

    /// Candidate pairs from the inverted index of rare features and from shared sentences,
    /// scored by cosine; those at or above the link threshold that one side counts among its
    /// [`Params::neighbours`] most similar, as `(i, j, cosine)` with `i < j`, sorted.
    fn similar_pairs(&self, params: &Params) -> Vec<Pair> {
        let n = self.rare.len();
        let mut postings: FxMap<u32, Vec<u32>> = FxMap::default();
        for (doc, feats) in self.rare.iter().enumerate() {
            for &f in feats {
                postings.entry(f).or_default().push(doc as u32);
            }
        }
        let min_shared = params.min_shared.max(1);
        let pairs: Vec<Pair> = (0..n)
            .into_par_iter()
            .map_init(
                || (vec![0u32; n], Vec::<u32>::new()),
                |(shared, touched), i| {
                    // Count shared rare features with every later article.
                    for f in &self.rare[i] {
                        let Some(list) = postings.get(f) else {
                            continue;
                        };
                        let start = list.partition_point(|&d| d as usize <= i);
                        for &j in &list[start..] {
                            let c = &mut shared[j as usize];
                            if *c == 0 {
                                touched.push(j);
                            }
                            *c += 1;
                        }
                    }
                    // Articles sharing a sentence are candidates however common their words.
                    for &j in &self.near[i] {
                        let c = &mut shared[j as usize];
                        if *c == 0 {
                            touched.push(j);
                        }
                        *c = (*c).max(min_shared);
                    }
                    touched.sort_unstable();
                    let mut out = Vec::new();
                    for &j in touched.iter() {
                        let j = j as usize;
                        if shared[j] >= min_shared {
                            let s = cosine(&self.vectors[i], &self.vectors[j]);
                            if s >= params.link {
                                out.push((i, j, s));
                            }
                        }
                        shared[j] = 0;
                    }
                    touched.clear();
                    out
                },
            )
            .flatten_iter()
            .collect();
        nearest(pairs, n, params.neighbours)
    }

    fn is_entity(&self, id: u32) -> bool {
        self.keys
            .get(id as usize)
            .is_some_and(|k| k.starts_with("e:"))
    }

    /// The most common surface form of a feature in `forms` (the members' counts; ties: the
    /// first in sort order), sanitized.
    fn display(&self, id: u32, forms: &FxMap<&str, BTreeMap<String, u32>>) -> String {
        let Some(key) = self.keys.get(id as usize) else {
            return String::new();
        };
        forms
            .get(key.as_str())
            .into_iter()
            .flatten()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(form, _)| sanitize_line(form))
            .unwrap_or_default()
    }

    /// Up to three names most members share: entities first, then word forms; each ranked by
    /// how many members carry it, then total weight, then key.
    fn label(&self, members: &[usize], articles: &[Article], extractions: &[Extraction]) -> String {
        let mut score: BTreeMap<u32, (u32, f32)> = BTreeMap::new();
        for &m in members {
            for &(id, w) in self.vectors.get(m).map(Vec::as_slice).unwrap_or(&[]) {
                let e = score.entry(id).or_default();
                e.0 += 1;
                e.1 += w;
            }
        }
        let need = if members.len() > 1 { 2 } else { 1 };
        let mut ranked: Vec<(u32, (u32, f32))> =
            score.into_iter().filter(|(_, (c, _))| *c >= need).collect();
        ranked.sort_by(|a, b| {
            self.is_entity(b.0)
                .cmp(&self.is_entity(a.0))
                .then(b.1.0.cmp(&a.1.0))
                .then(b.1.1.total_cmp(&a.1.1))
                .then(self.keys[a.0 as usize].cmp(&self.keys[b.0 as usize]))
        });
        // The surface forms of the ranked features, counted over the members.
        let mut forms: FxMap<&str, BTreeMap<String, u32>> = ranked
            .iter()
            .filter_map(|(id, _)| self.keys.get(*id as usize))
            .map(|k| (k.as_str(), BTreeMap::new()))
            .collect();
        for &m in members {
            if let Some(a) = articles.get(m) {
                features(a, extractions.get(m), |key, form, _| {
                    if let Some(f) = forms.get_mut(key.as_str()) {
                        match f.get_mut(form) {
                            Some(c) => *c += 1,
                            None => {
                                f.insert(form.to_string(), 1);
                            }
                        }
                    }
                });
            }
        }
        let mut names: Vec<String> = Vec::new();
        for (id, _) in ranked {
            let name = self.display(id, &forms);
            let lower = name.to_lowercase();
            // Skip a word already inside a chosen name ("izmir" after "Izmir").
            if name.is_empty()
                || names
                    .iter()
                    .any(|n| n.to_lowercase().split_whitespace().any(|w| w == lower))
            {
                continue;
            }
            names.push(name);
            if names.len() == 3 {
                break;
            }
        }
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_worth_a_feature() {
        assert!(keep_word("earthquake"));
        assert!(keep_word("1,300"));
        assert!(!keep_word("the"));
        assert!(!keep_word("25"));
        assert!(!keep_word("of"));
    }
}
