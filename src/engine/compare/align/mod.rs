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

mod doc;
mod pair;
mod wide;

pub(crate) use doc::next_uid;
pub use doc::{Doc, aligned_sentences, background_weight, sentence_terms};
pub use wide::{Clusters, Member};

use crate::engine::article::Article;
use crate::engine::entities::Extraction;
use doc::{Builder, prepare};
pub(crate) use pair::reset;

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

impl Params {
    /// How two sentences with these scores are linked, if at all: `same` when cosine is high,
    /// `partial` when enough weight is shared and cosine is fair, the shorter is substantially
    /// inside the longer, or (`best`: one is the other's best counterpart) cosine passes the
    /// lower bar.
    pub fn kind(&self, shared: f32, cosine: f32, cover: f32, best: bool) -> Option<LinkKind> {
        if cosine >= self.same_cosine {
            Some(LinkKind::Same)
        } else if shared >= self.min_shared
            && (cosine >= self.link_cosine
                || cover >= self.link_cover
                || (best && cosine >= self.best_cosine))
        {
            Some(LinkKind::Partial)
        } else {
            None
        }
    }
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
        let empty = Extraction::default();
        let bytes = articles.iter().map(|a| a.text.len()).sum();
        let parallel = crate::engine::par::worth_it(bytes);
        let ex = |i: usize| extractions.get(i).copied().unwrap_or(&empty);
        // Terms are numbered in reading order, article by article: in parallel, each article
        // numbers its own and the corpus maps those lists one after another (the same ids).
        let mut b = Builder::default();
        let mut docs: Vec<Doc> = if parallel {
            let read = crate::engine::par::map_range(articles.len(), true, |i| {
                let mut own = Builder::default();
                (doc::read(articles[i], ex(i), &mut own), own)
            });
            // Each document is prepared as soon as its ids are known, while the next one's
            // are mapped (the mapping is in order, one document after another).
            let mut docs: Vec<Option<Doc>> = (0..read.len()).map(|_| None).collect();
            rayon::scope(|scope| {
                for (slot, (r, own)) in docs.iter_mut().zip(read) {
                    let ids = b.map(&own);
                    scope.spawn(move |_| *slot = Some(prepare(r, Some(&ids))));
                }
            });
            docs.into_iter().flatten().collect()
        } else {
            (0..articles.len())
                .map(|i| prepare(doc::read(articles[i], ex(i), &mut b), None))
                .collect()
        };
        doc::number_forms(&mut docs);
        let named = b.named();
        Corpus {
            docs,
            params,
            named,
        }
    }

    /// The terms sentence `i` of document `a` and sentence `j` of document `b` share: how
    /// many, and how many of those are names or figures (0 for indices out of range).
    pub fn shared_terms(&self, (a, i): (usize, usize), (b, j): (usize, usize)) -> (usize, usize) {
        let (Some(da), Some(db)) = (self.docs.get(a), self.docs.get(b)) else {
            return (0, 0);
        };
        if i >= da.sentences.len() || j >= db.sentences.len() {
            return (0, 0);
        }
        let (x, y) = (da.terms_of(i), db.terms_of(j));
        // Both ascending in corpus ids (positions in each vocabulary follow them).
        let (mut p, mut q, mut n, mut named) = (0, 0, 0, 0);
        while p < x.len() && q < y.len() {
            let (tx, ty) = (da.vocab[x[p] as usize], db.vocab[y[q] as usize]);
            match tx.cmp(&ty) {
                std::cmp::Ordering::Less => p += 1,
                std::cmp::Ordering::Greater => q += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    if self.named.get(tx as usize).copied().unwrap_or(false) {
                        named += 1;
                    }
                    p += 1;
                    q += 1;
                }
            }
        }
        (n, named)
    }
}
