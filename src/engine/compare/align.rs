//! Sentence alignment: which sentences of one report say what sentences of another say.
//!
//! Two reports of one event are rewrites, not copies: they reorder facts, merge two facts into
//! one sentence and split one into two, and name things differently ("Putin" / "the Russian
//! president", "Zelensky" / "Zelenskyy"). A line diff pairs almost nothing. The model here:
//!
//! 1. **Terms.** Each sentence becomes a bag of terms: an entity mention becomes one term, its
//!    canonical name from the extraction module (so spelling variants and short forms match);
//!    a number or date becomes its normalised value ("12,000" = "12000", "three" = "3"); every
//!    other word becomes its English stem.
//! 2. **Weights.** A term's weight is its rarity in the loaded reports (inverse *sentence*
//!    frequency: a name in every sentence is the story's topic, not a fact) times its rarity in
//!    English at large, from the background list in `assets/wordfreq/en.tsv` (so "said" and
//!    "the" weigh almost nothing even in two short articles). Entities and numbers are not
//!    discounted by the background list.
//! 3. **Candidates.** Only sentences sharing a term are compared, through an inverted index,
//!    visiting each sentence's rarest terms first and skipping very common postings once a
//!    sentence has enough rare ones, so the work grows with the text, not its square.
//! 4. **Scores.** For a pair, `shared` is the weight both bags have; `cosine` =
//!    shared / √(|A|·|B|) says how much of the two sentences is common, `cover` = shared / min(|A|,|B|) how much of
//!    the shorter is inside the longer (one sentence of a report often carries two facts, the
//!    other report one of them). A link is `same` when cosine is high, `partial` when enough
//!    weight is shared and either cosine is fair or the shorter is substantially inside the
//!    longer; a sentence's single best counterpart needs less (in two reports of one event most
//!    sentences have one). Each sentence keeps its [`Params::max_links`] best links
//!    (one-to-many, order-free). The thresholds were chosen on
//!    the development pair of the labelled seeds (000/001) and checked on the other four
//!    (`cargo run --release --example align_eval`).
//!
//! Sentences that no link reaches are "only in this report": `left_only` / `right_only`.

use crate::engine::article::{Article, BlockKind, SkipReason, Span};
use crate::engine::entities::{EntityKind, Extraction};
use crate::engine::segment::{self, Sentence};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

/// How closely two linked sentences correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// Essentially the same fact or claim.
    Same,
    /// A substantial part shared; one says something substantial the other does not.
    Partial,
}

impl LinkKind {
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Same => "same",
            LinkKind::Partial => "partial",
        }
    }
}

/// One link between sentence `left` of the left report and `right` of the right report.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Link {
    pub left: usize,
    pub right: usize,
    pub kind: LinkKind,
    pub score: f32,
}

/// A partial link scoring below this was made only because the two sentences are each
/// other's best counterpart: shown as unsure, never as "same".
pub const WEAK_SCORE: f32 = 0.2;

/// A partial link scoring at least this says "the same fact" with some confidence; below it,
/// two sentences more often share a setting or a few names than a fact.
pub const STRONG_SCORE: f32 = 0.3;

impl Link {
    /// Whether the link is weak evidence ([`WEAK_SCORE`]).
    pub fn is_weak(&self) -> bool {
        self.kind == LinkKind::Partial && self.score < WEAK_SCORE
    }
    /// The link's sign in the views: `=` same, `~` partial, `?` weak (unsure: never drawn as
    /// the same).
    pub fn sign(&self) -> char {
        if self.is_weak() {
            '?'
        } else if self.kind == LinkKind::Same {
            '='
        } else {
            '~'
        }
    }
    /// Whether the link says "the same fact" with some confidence: `same`, or a partial link
    /// of at least [`STRONG_SCORE`].
    pub fn is_strong(&self) -> bool {
        self.kind == LinkKind::Same || self.score >= STRONG_SCORE
    }
}

/// The alignment of two reports: links (sorted by left, then right) and unlinked sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    pub links: Vec<Link>,
    pub left_only: Vec<usize>,
    pub right_only: Vec<usize>,
}

/// The tunable constants of the model (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// `cosine` at or above which a link is `same`.
    pub same_cosine: f32,
    /// `cosine` at or above which a pair is linked at all.
    pub link_cosine: f32,
    /// `cover` at or above which a pair is linked (as `partial`) ...
    pub link_cover: f32,
    /// ... provided it shares at least this much weight.
    pub min_shared: f32,
    /// `cosine` at or above which a sentence's best counterpart is linked.
    pub best_cosine: f32,
    /// Links kept per sentence, best first.
    pub max_links: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            same_cosine: 0.35,
            link_cosine: 0.2,
            link_cover: 0.35,
            min_shared: 3.0,
            best_cosine: 0.1,
            max_links: 4,
        }
    }
}

/// The English background frequencies (Zipf scale), word → zipf.
static BACKGROUND: LazyLock<HashMap<&'static str, f32>> = LazyLock::new(|| {
    include_str!("../../../assets/wordfreq/en.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (w, z) = l.split_once('\t')?;
            Some((w, z.parse().ok()?))
        })
        .collect()
});

/// Paraphrase groups: stem → (concept term, its background weight).
static CONCEPTS: LazyLock<HashMap<String, (String, f32)>> = LazyLock::new(|| {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut out = HashMap::new();
    for line in include_str!("../../../assets/paraphrase/en.txt").lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if line.starts_with('#') || words.len() < 2 {
            continue;
        }
        let bg = words.iter().map(|w| background_weight(w)).sum::<f32>() / words.len() as f32;
        let concept = format!("~{}", words[0]);
        for w in words {
            out.entry(stemmer.stem(w).into_owned())
                .or_insert_with(|| (concept.clone(), bg));
        }
    }
    out
});

/// How much a word's commonness in English discounts it: 1 for rare words (and unknown ones,
/// mostly names), falling to 0 for the most common ("the", "said").
pub fn background_weight(word: &str) -> f32 {
    match BACKGROUND.get(word) {
        Some(&z) => ((6.2 - z) / 2.4).clamp(0.0, 1.0),
        None => 1.0,
    }
}

/// Which sentences of an article take part in alignment: the story's own blocks and repeated
/// copies of its headline (which say what the headline says), not page boilerplate.
pub fn aligned_sentences(article: &Article) -> Vec<Sentence> {
    segment::sentences_where(article, |k| {
        k.is_content() || k == BlockKind::Skipped(SkipReason::RepeatedHeadline)
    })
}

/// One article's sentences as weighted term bags.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub sentences: Vec<Sentence>,
    /// Per sentence: its words (kept for the word diff).
    pub words: Vec<Vec<segment::Word>>,
    /// Per sentence: sorted, deduplicated term ids.
    terms: Vec<Vec<u32>>,
    /// Term id → (sentences of this document holding it, its background weight: the largest
    /// over the word forms read here). Weights are computed per pair from these, so a pair's
    /// figures depend on the two documents only.
    stats: HashMap<u32, (u32, f32)>,
    /// Term id → sentences containing it, ascending.
    postings: HashMap<u32, Vec<u32>>,
    /// Per sentence: a hash of its case-folded words; and hash → sentences.
    keys: Vec<u64>,
    exact: HashMap<u64, Vec<u32>>,
}

/// A set of articles prepared for alignment with one shared vocabulary. Term weights are
/// those of the pair being aligned (rarity within the two reports), never of the whole set:
/// `parallax compare A B` and the story model give one pair the same figures.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub docs: Vec<Doc>,
    pub params: Params,
    /// Term id → whether the term is a name or a figure (an entity or a value), not a word.
    named: Vec<bool>,
}

#[derive(Default)]
struct Builder {
    ids: HashMap<String, u32>,
}

impl Builder {
    fn id(&mut self, term: String) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(term).or_insert(n)
    }
}

fn is_value(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Date | EntityKind::Number)
}

impl Corpus {
    /// Prepares articles (with their extractions, for entity and number terms) for alignment.
    pub fn new(articles: &[&Article], extractions: &[&Extraction]) -> Corpus {
        Corpus::with_params(articles, extractions, Params::default())
    }

    pub fn with_params(
        articles: &[&Article],
        extractions: &[&Extraction],
        params: Params,
    ) -> Corpus {
        let mut b = Builder::default();
        let mut docs = Vec::with_capacity(articles.len());
        let empty = Extraction::default();
        for (i, article) in articles.iter().enumerate() {
            let ex = extractions.get(i).copied().unwrap_or(&empty);
            docs.push(prepare(article, ex, &mut b));
        }
        let mut named = vec![false; b.ids.len()];
        for (term, &id) in &b.ids {
            named[id as usize] = term.starts_with('@') || term.starts_with('#');
        }
        Corpus {
            docs,
            params,
            named,
        }
    }

    /// The weights of the terms of documents `a` and `b` aligned as a pair: rarity over the
    /// sentences of the two (inverse sentence frequency; a stem weighs as its rarest word form
    /// in either) times rarity in English.
    fn pair_weights(da: &Doc, db: &Doc) -> HashMap<u32, f32> {
        let n = (da.sentences.len() + db.sentences.len()).max(1) as f32;
        let mut out: HashMap<u32, f32> = HashMap::with_capacity(da.stats.len() + db.stats.len());
        for (&t, &(dfa, bga)) in &da.stats {
            let (dfb, bgb) = db.stats.get(&t).copied().unwrap_or((0, 0.0));
            let df = (dfa + dfb) as f32;
            out.insert(t, ((n + 1.0) / (df + 0.5)).ln().max(0.0) * bga.max(bgb));
        }
        for (&t, &(df, bg)) in &db.stats {
            out.entry(t)
                .or_insert_with(|| ((n + 1.0) / (df as f32 + 0.5)).ln().max(0.0) * bg);
        }
        out
    }

    /// The terms sentence `i` of document `a` and sentence `j` of document `b` share: how
    /// many, and how many of those are names or figures (0 for indices out of range).
    pub fn shared_terms(&self, (a, i): (usize, usize), (b, j): (usize, usize)) -> (usize, usize) {
        let (Some(x), Some(y)) = (
            self.docs.get(a).and_then(|d| d.terms.get(i)),
            self.docs.get(b).and_then(|d| d.terms.get(j)),
        ) else {
            return (0, 0);
        };
        // Both sorted and deduplicated.
        let (mut p, mut q, mut n, mut named) = (0, 0, 0, 0);
        while p < x.len() && q < y.len() {
            match x[p].cmp(&y[q]) {
                std::cmp::Ordering::Less => p += 1,
                std::cmp::Ordering::Greater => q += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    if self.named.get(x[p] as usize).copied().unwrap_or(false) {
                        named += 1;
                    }
                    p += 1;
                    q += 1;
                }
            }
        }
        (n, named)
    }

    /// Aligns document `a` (left) with document `b` (right).
    pub fn align(&self, a: usize, b: usize) -> Alignment {
        let (Some(da), Some(db)) = (self.docs.get(a), self.docs.get(b)) else {
            return Alignment::default();
        };
        let p = self.params;
        let weights = Corpus::pair_weights(da, db);
        let weight = |t: &u32| weights.get(t).copied().unwrap_or(0.0);
        let norms_a: Vec<f32> = da
            .terms
            .iter()
            .map(|ts| ts.iter().map(weight).sum())
            .collect();
        let norms_b: Vec<f32> = db
            .terms
            .iter()
            .map(|ts| ts.iter().map(weight).sum())
            .collect();
        // Candidate pairs and their shared weight, from each left sentence's terms.
        let mut acc = vec![0.0f32; db.sentences.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut raw: Vec<(usize, usize, f32, f32, f32)> = Vec::new();
        let mut exact: Vec<Link> = Vec::new();
        let mut order: Vec<(u32, usize)> = Vec::new();
        for (i, terms) in da.terms.iter().enumerate() {
            order.clear();
            order.extend(
                terms
                    .iter()
                    .filter_map(|&t| db.postings.get(&t).map(|ps| (t, ps.len()))),
            );
            order.sort_by_key(|&(_, len)| len);
            for (k, &(t, len)) in order.iter().enumerate() {
                // Common terms are visited only while the sentence has few rarer ones.
                if k >= 6 && len > 64 {
                    break;
                }
                let w = weight(&t);
                if w <= 0.0 {
                    continue;
                }
                for &j in &db.postings[&t] {
                    let slot = &mut acc[j as usize];
                    if *slot == 0.0 {
                        touched.push(j);
                    }
                    *slot += w;
                }
            }
            // Identical sentences are the same whatever their terms weigh.
            if let Some(same) = db.exact.get(&da.keys[i]) {
                for &j in same {
                    if acc[j as usize] == 0.0 {
                        touched.push(j);
                        acc[j as usize] = f32::MIN_POSITIVE;
                    }
                }
            }
            for &j in &touched {
                let j = j as usize;
                let shared = std::mem::take(&mut acc[j]);
                let (shared, cosine, cover) = scores(shared, norms_a[i], norms_b[j]);
                if da.keys[i] == db.keys[j] {
                    exact.push(Link {
                        left: i,
                        right: j,
                        kind: LinkKind::Same,
                        score: 1.0,
                    });
                } else if cosine >= p.best_cosine.min(p.link_cosine) || cover >= p.link_cover {
                    raw.push((i, j, shared, cosine, cover));
                }
            }
            touched.clear();
        }
        // A sentence with a verbatim copy on the other side is linked to that copy alone (the
        // nearest one, if there are several): the copy says everything it says.
        let mut copied_left = vec![false; da.sentences.len()];
        let mut copied_right = vec![false; db.sentences.len()];
        for l in &exact {
            copied_left[l.left] = true;
            copied_right[l.right] = true;
        }
        raw.retain(|r| !copied_left[r.0] && !copied_right[r.1]);
        // Each sentence's best counterpart is linked on weaker evidence than other pairs:
        // in two reports of one event most sentences have one.
        let mut best_left = vec![0.0f32; da.sentences.len()];
        let mut best_right = vec![0.0f32; db.sentences.len()];
        for &(i, j, _, cosine, _) in &raw {
            best_left[i] = best_left[i].max(cosine);
            best_right[j] = best_right[j].max(cosine);
        }
        let mut candidates: Vec<Link> = Vec::new();
        for &(i, j, shared, cosine, cover) in &raw {
            let best = cosine >= best_left[i] || cosine >= best_right[j];
            let kind = if cosine >= p.same_cosine {
                Some(LinkKind::Same)
            } else if shared >= p.min_shared
                && (cosine >= p.link_cosine
                    || cover >= p.link_cover
                    || (best && cosine >= p.best_cosine))
            {
                Some(LinkKind::Partial)
            } else {
                None
            };
            if let Some(kind) = kind {
                candidates.push(Link {
                    left: i,
                    right: j,
                    kind,
                    score: cosine.max(cover * 0.8),
                });
            }
        }
        let (nl, nr) = (da.sentences.len(), db.sentences.len());
        let mut links = keep_best(candidates, nl, nr, p.max_links);
        links.extend(keep_best(exact, nl, nr, 1));
        links.sort_by_key(|l| (l.left, l.right));
        let mut left_linked = vec![false; da.sentences.len()];
        let mut right_linked = vec![false; db.sentences.len()];
        for l in &links {
            left_linked[l.left] = true;
            right_linked[l.right] = true;
        }
        Alignment {
            links,
            left_only: unlinked(&left_linked),
            right_only: unlinked(&right_linked),
        }
    }
}

fn unlinked(linked: &[bool]) -> Vec<usize> {
    linked
        .iter()
        .enumerate()
        .filter(|(_, l)| !**l)
        .map(|(i, _)| i)
        .collect()
}

fn scores(shared: f32, na: f32, nb: f32) -> (f32, f32, f32) {
    let cosine = if na * nb > 0.0 {
        shared / (na * nb).sqrt()
    } else {
        0.0
    };
    let min = na.min(nb);
    let cover = if min > 0.0 { shared / min } else { 0.0 };
    (shared, cosine.min(1.0), cover.min(1.0))
}

/// Keeps a link when it is among the `k` best of its left sentence or of its right sentence.
/// Ties (identical copies) go to the sentence nearest in relative position.
fn keep_best(mut links: Vec<Link>, n_left: usize, n_right: usize, k: usize) -> Vec<Link> {
    let rel = |l: &Link| {
        let a = l.left as f32 / n_left.max(1) as f32;
        let b = l.right as f32 / n_right.max(1) as f32;
        (a - b).abs()
    };
    links.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(rel(x).total_cmp(&rel(y)))
            .then((x.left, x.right).cmp(&(y.left, y.right)))
    });
    let mut per_left = vec![0usize; n_left];
    let mut per_right = vec![0usize; n_right];
    let mut keep = vec![false; links.len()];
    for (n, l) in links.iter().enumerate() {
        if per_left[l.left] < k {
            per_left[l.left] += 1;
            keep[n] = true;
        }
    }
    for (n, l) in links.iter().enumerate() {
        if per_right[l.right] < k {
            per_right[l.right] += 1;
            keep[n] = true;
        }
    }
    let mut out: Vec<Link> = links
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(l, _)| l)
        .collect();
    out.sort_by_key(|l| (l.left, l.right));
    out
}

/// The terms of one sentence with their background weights (entities and values first, then
/// word stems or paraphrase concepts), its words, and a hash of its case-folded words.
pub fn sentence_terms(
    article: &Article,
    ex: &Extraction,
    span: Span,
) -> (Vec<(String, f32, usize)>, Vec<segment::Word>, u64) {
    let mut bag = Vec::new();
    let inside: Vec<_> = ex
        .mentions_in(span)
        .filter(|x| x.span.start >= span.start && x.span.end <= span.end)
        .collect();
    let mut covered: Vec<Span> = Vec::with_capacity(inside.len());
    for x in &inside {
        let key = x.value_key(article);
        let term = if is_value(x.kind) {
            format!("#{key}")
        } else {
            format!("@{}", key.to_lowercase())
        };
        bag.push((term, 1.0, x.span.start));
        covered.push(x.span);
    }
    let mut c = 0;
    let mut key = std::collections::hash_map::DefaultHasher::new();
    let ws = segment::words(&article.text, span);
    for w in &ws {
        w.norm.hash(&mut key);
        while c < covered.len() && covered[c].end <= w.span.start {
            c += 1;
        }
        if c < covered.len() && covered[c].start <= w.span.start {
            continue;
        }
        let bg = background_weight(&w.norm);
        if bg <= 0.0 {
            continue;
        }
        match CONCEPTS.get(&w.stem) {
            Some((concept, cbg)) => bag.push((concept.clone(), *cbg, w.span.start)),
            None => bag.push((w.stem.clone(), bg, w.span.start)),
        }
    }
    (bag, ws, key.finish())
}

fn prepare(article: &Article, ex: &Extraction, b: &mut Builder) -> Doc {
    let sentences = aligned_sentences(article);
    let mut terms = Vec::with_capacity(sentences.len());
    let mut keys = Vec::with_capacity(sentences.len());
    let mut words = Vec::with_capacity(sentences.len());
    let mut stats: HashMap<u32, (u32, f32)> = HashMap::new();
    for s in &sentences {
        let (t, ws, key) = sentence_terms(article, ex, s.span);
        let mut bag: Vec<(u32, f32)> = t.into_iter().map(|(t, bg, _)| (b.id(t), bg)).collect();
        keys.push(key);
        words.push(ws);
        // One entry per term, with the largest background weight of its forms here.
        bag.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        bag.dedup_by_key(|x| x.0);
        for &(t, bg) in &bag {
            let e = stats.entry(t).or_insert((0, 0.0));
            e.0 += 1;
            e.1 = e.1.max(bg);
        }
        terms.push(bag.into_iter().map(|x| x.0).collect());
    }
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, bag) in terms.iter().enumerate() {
        for &t in bag {
            postings.entry(t).or_default().push(i as u32);
        }
    }
    let mut exact: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        exact.entry(*k).or_default().push(i as u32);
    }
    Doc {
        sentences,
        words,
        terms,
        stats,
        postings,
        keys,
        exact,
    }
}
