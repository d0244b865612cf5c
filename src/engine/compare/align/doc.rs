//! One report prepared for alignment: its sentences as term bags over a vocabulary shared by
//! the corpus, with this report's own term statistics, postings and exact-copy keys (see the
//! parent module for the model).

use crate::engine::article::{Article, BlockKind, SkipReason, Span};
use crate::engine::entities::{EntityKind, Extraction};
use crate::engine::segment::{self, Sentence};
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, LazyLock};

/// No such term in the other document.
pub(super) const NONE: u32 = u32::MAX;

// The English background frequencies (Zipf scale): a perfect-hash table built at compile
// time from `assets/wordfreq/en.tsv` (by `build.rs`), read by [`background`].
include!(concat!(env!("OUT_DIR"), "/wordfreq.rs"));

/// `word`'s Zipf figure in the background list.
fn background(word: &str) -> Option<f32> {
    if BG_DISPS.is_empty() {
        return None;
    }
    let hashes = phf_shared::hash(word, &BG_KEY);
    let slot = phf_shared::get_index(&hashes, &BG_DISPS, BG_ENTRIES.len()) as usize;
    let &(start, len, zipf) = BG_ENTRIES.get(slot)?;
    let (start, len) = (start as usize, len as usize);
    (BG_TEXT.get(start..start + len)? == word).then_some(zipf)
}

/// Paraphrase groups: stem → (concept term, its background weight).
static CONCEPTS: LazyLock<FxHashMap<String, (Arc<str>, f32)>> = LazyLock::new(|| {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut out = FxHashMap::default();
    for line in include_str!("../../../../assets/paraphrase/en.txt").lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if line.starts_with('#') || words.len() < 2 {
            continue;
        }
        let bg = words.iter().map(|w| background_weight(w)).sum::<f32>() / words.len() as f32;
        let concept: Arc<str> = Arc::from(format!("~{}", words[0]));
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
    match background(word) {
        Some(z) => ((6.2 - z) / 2.4).clamp(0.0, 1.0),
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
    /// Unique to this preparation (a clone keeps it: same content), so per-thread working
    /// space can tell which document it was set up for; 0 for an empty default.
    pub(crate) uid: u64,
    /// The corpus that numbered `form` (unique per preparation, like `uid`).
    pub(crate) corpus: u64,
    /// Per sentence: its distinct stems with their counts as one id of the corpus, equal
    /// exactly when the lists are ([`super::Corpus::with_params`]): copies of one sentence
    /// across the story share it.
    pub(crate) form: Vec<u32>,
    pub sentences: Vec<Sentence>,
    /// Per sentence: its words (kept for the word diff).
    pub words: Vec<Vec<segment::Word>>,
    /// Per sentence, its distinct stems (ids shared by the corpus: what the word diff matches
    /// on), ascending, each with how many of its words have it:
    /// sentence i's are `stem_counts[stem_start[i]..stem_start[i + 1]]`.
    pub stem_counts: Vec<(u32, u32)>,
    pub stem_start: Vec<u32>,
    /// Per sentence: its terms as positions in `vocab`, ascending, deduplicated: sentence
    /// i's are `terms[term_start[i]..term_start[i + 1]]` (one array: a story reads every
    /// report's terms once per pair).
    terms: Vec<u32>,
    term_start: Vec<u32>,
    /// The terms of this document: corpus-wide ids, ascending; per term, the sentences of
    /// this document holding it and its background weight (the largest over the word forms
    /// read here). Weights are computed per pair from these, so a pair's figures depend on
    /// the two documents only.
    pub(super) vocab: Vec<u32>,
    pub(super) df: Vec<u32>,
    pub(super) bg: Vec<f32>,
    /// Postings: the sentences holding term `t` are `post[post_start[t]..post_start[t + 1]]`,
    /// ascending.
    post_start: Vec<u32>,
    post: Vec<u32>,
    /// Per sentence: a hash of its case-folded words; and hash → sentences.
    pub(super) keys: Vec<u64>,
    pub(super) exact: FxHashMap<u64, Vec<u32>>,
}

impl Doc {
    /// The distinct stems of sentence `i` with their counts, ascending.
    pub fn stems_of(&self, i: usize) -> &[(u32, u32)] {
        match (self.stem_start.get(i), self.stem_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.stem_counts[a as usize..b as usize],
            _ => &[],
        }
    }
    /// The terms of sentence `i` (positions in `vocab`), ascending.
    pub(super) fn terms_of(&self, i: usize) -> &[u32] {
        match (self.term_start.get(i), self.term_start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.terms[a as usize..b as usize],
            _ => &[],
        }
    }
    /// The sentences holding term `t` (a position in `vocab`), ascending.
    pub(super) fn postings(&self, t: u32) -> &[u32] {
        let t = t as usize;
        &self.post[self.post_start[t] as usize..self.post_start[t + 1] as usize]
    }
}

/// Terms and stems numbered in order of first occurrence: the corpus's vocabularies, or
/// one document's own (read in parallel with the others, then mapped to the corpus's with
/// [`Builder::map`], which gives every term the number reading them in order would).
#[derive(Default)]
pub(super) struct Builder {
    terms: Numbers,
    stems: Numbers,
}

impl Builder {
    /// Term id → whether the term is a name or a figure (an entity or a value), not a word.
    pub(super) fn named(&self) -> Vec<bool> {
        self.terms
            .order
            .iter()
            .map(|term| term.starts_with('@') || term.starts_with('#'))
            .collect()
    }
    /// The corpus ids of a document's own terms and stems, numbering the new ones: called
    /// document by document, it numbers every term and stem in reading order.
    pub(super) fn map(&mut self, own: &Builder) -> Ids {
        let terms = own.terms.order.iter().map(|t| self.terms.id(t)).collect();
        let stems = own.stems.order.iter().map(|t| self.stems.id(t)).collect();
        (terms, stems)
    }
}

/// A document's own term and stem numbers → the corpus's ([`Builder::map`]).
pub(super) type Ids = (Vec<u32>, Vec<u32>);

/// Keys numbered in order of first occurrence.
#[derive(Default)]
struct Numbers {
    ids: FxHashMap<Arc<str>, u32>,
    /// The same numbers by the address of a key's allocation: a word's forms are shared by
    /// its occurrences ([`segment::words`]), so most keys are found by one integer lookup
    /// without hashing the string. Each entry holds its key, so no other key can be
    /// allocated at that address while the entry exists.
    by_address: FxHashMap<usize, (u32, Arc<str>)>,
    /// Number → key.
    order: Vec<Arc<str>>,
}

impl Numbers {
    fn id(&mut self, key: &Arc<str>) -> u32 {
        let address = Arc::as_ptr(key) as *const u8 as usize;
        if let Some(&(id, _)) = self.by_address.get(&address) {
            return id;
        }
        let id = match self.ids.get(&**key) {
            Some(&id) => id,
            None => {
                let n = self.order.len() as u32;
                self.ids.insert(key.clone(), n);
                self.order.push(key.clone());
                n
            }
        };
        self.by_address.insert(address, (id, key.clone()));
        id
    }
}

fn is_value(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Date | EntityKind::Number)
}

/// The terms of one sentence with their background weights (entities and values first, then
/// word stems or paraphrase concepts), its words, and a hash of its case-folded words.
pub fn sentence_terms(article: &Article, ex: &Extraction, span: Span) -> SentenceTerms {
    let mut bag = Vec::new();
    let inside: Vec<_> = ex
        .mentions_in(span)
        .filter(|x| x.span.start >= span.start && x.span.end <= span.end)
        .collect();
    let mut covered: Vec<Span> = Vec::with_capacity(inside.len());
    MENTION_TERMS.with(|memo| {
        let mut memo = memo.borrow_mut();
        for x in &inside {
            // A name's term is its canonical name, case-folded; a figure's or date's its
            // normalised value: one shared string per distinct term.
            let value = is_value(x.kind);
            let key = if value {
                std::borrow::Cow::Owned(x.value_key(article))
            } else {
                std::borrow::Cow::Borrowed(x.canonical.as_str())
            };
            let memo = &mut memo[usize::from(value)];
            let term = match memo.get(&*key) {
                Some(t) => t.clone(),
                None => {
                    if memo.len() > 100_000 {
                        memo.clear();
                    }
                    let t: Arc<str> = if value {
                        Arc::from(format!("#{key}"))
                    } else {
                        Arc::from(format!("@{}", key.to_lowercase()))
                    };
                    memo.insert(key.into_owned().into_boxed_str(), t.clone());
                    t
                }
            };
            bag.push((term, 1.0, x.span.start));
            covered.push(x.span);
        }
    });
    let mut c = 0;
    let mut key = rustc_hash::FxHasher::default();
    let ws = segment::words(&article.text, span);
    TERMS.with(|memo| {
        let mut memo = memo.borrow_mut();
        for w in &ws {
            w.norm.hash(&mut key);
            while c < covered.len() && covered[c].end <= w.span.start {
                c += 1;
            }
            if c < covered.len() && covered[c].start <= w.span.start {
                continue;
            }
            let address = Arc::as_ptr(&w.norm) as *const u8 as usize;
            let term = match memo.get(&address) {
                Some(t) => t,
                None => {
                    if memo.len() > 100_000 {
                        memo.clear();
                    }
                    let t = word_term(w);
                    memo.entry(address).or_insert(t)
                }
            };
            if let Some((term, bg)) = &term.1 {
                bag.push((term.clone(), *bg, w.span.start));
            }
        }
    });
    (bag, ws, key.finish())
}

thread_local! {
    /// The terms of the mentions seen on this thread, names' by canonical name and figures'
    /// and dates' by normalised value ([0] and [1]). Cleared past 100,000 entries.
    static MENTION_TERMS: std::cell::RefCell<[FxHashMap<Box<str>, Arc<str>>; 2]> =
        std::cell::RefCell::new(Default::default());
}

/// A word's term ([`word_term`]), with the word's case-folded form it was computed for.
type WordTerm = (Arc<str>, Option<(Arc<str>, f32)>);

thread_local! {
    /// [`word_term`] of the words seen on this thread, by the address of their shared
    /// case-folded form ([`segment::words`]: one allocation per distinct word): one integer
    /// lookup per word instead of two string lookups. Each entry holds that form, so no other
    /// word's can be allocated at its address while the entry exists. Cleared past 100,000.
    static TERMS: std::cell::RefCell<FxHashMap<usize, WordTerm>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// The term a word (not inside a mention) adds to its sentence's bag, with its background
/// weight: its paraphrase concept or else its stem; none for the commonest words (weight 0).
fn word_term(w: &segment::Word) -> WordTerm {
    let bg = background_weight(&w.norm);
    let term = (bg > 0.0).then(|| match CONCEPTS.get(&*w.stem) {
        Some((concept, cbg)) => (concept.clone(), *cbg),
        None => (w.stem.clone(), bg),
    });
    (w.norm.clone(), term)
}

/// One article's sentences with their terms and words, before the corpus numbers them (this
/// part is the costly one, and independent per article: it runs in parallel).
pub(super) struct Read {
    sentences: Vec<Sentence>,
    /// Per sentence: its terms (numbered by the [`Builder`] given to [`read`]) with their
    /// background weights.
    bags: Vec<Vec<(u32, f32)>>,
    /// Per sentence: the stem of each word (numbered the same way).
    stem_ids: Vec<Vec<u32>>,
    words: Vec<Vec<segment::Word>>,
    keys: Vec<u64>,
}

/// What [`sentence_terms`] gives for one sentence.
pub type SentenceTerms = (Vec<(Arc<str>, f32, usize)>, Vec<segment::Word>, u64);

/// Reads an article, numbering its terms and stems in `b`: the corpus's own vocabularies, or
/// the article's (then mapped with [`Builder::map`]).
pub(super) fn read(article: &Article, ex: &Extraction, b: &mut Builder) -> Read {
    let sentences = aligned_sentences(article);
    let n = sentences.len();
    let (mut bags, mut stem_ids) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut words, mut keys) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for s in &sentences {
        let (t, ws, key) = sentence_terms(article, ex, s.span);
        bags.push(t.iter().map(|(t, bg, _)| (b.terms.id(t), *bg)).collect());
        stem_ids.push(ws.iter().map(|w| b.stems.id(&w.stem)).collect());
        words.push(ws);
        keys.push(key);
    }
    Read {
        sentences,
        bags,
        stem_ids,
        words,
        keys,
    }
}

/// A read document as the corpus numbers it: `ids` maps the numbers it was read with to the
/// corpus's ([`Builder::map`]; `None`: read with the corpus's own).
pub(super) fn prepare(read: Read, ids: Option<&Ids>) -> Doc {
    let Read {
        sentences,
        bags: own_bags,
        stem_ids: own_stems,
        words,
        keys,
    } = read;
    let term_id = |t: u32| ids.map_or(t, |m| m.0[t as usize]);
    let stem_id = |s: u32| ids.map_or(s, |m| m.1[s as usize]);
    let mut bags: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
    let mut stats: FxHashMap<u32, (u32, f32)> = FxHashMap::default();
    for own in own_bags {
        let mut bag: Vec<(u32, f32)> = own.into_iter().map(|(t, bg)| (term_id(t), bg)).collect();
        // One entry per term, with the largest background weight of its forms here.
        bag.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        bag.dedup_by_key(|x| x.0);
        for &(t, bg) in &bag {
            let e = stats.entry(t).or_insert((0, 0.0));
            e.0 += 1;
            e.1 = e.1.max(bg);
        }
        bags.push(bag.into_iter().map(|x| x.0).collect());
    }
    let stems: Vec<Vec<u32>> = own_stems
        .into_iter()
        .map(|ws| ws.into_iter().map(stem_id).collect())
        .collect();
    let mut vocab: Vec<u32> = stats.keys().copied().collect();
    vocab.sort_unstable();
    let local: FxHashMap<u32, u32> = vocab
        .iter()
        .enumerate()
        .map(|(k, &id)| (id, k as u32))
        .collect();
    let df: Vec<u32> = vocab.iter().map(|id| stats[id].0).collect();
    let bg: Vec<f32> = vocab.iter().map(|id| stats[id].1).collect();
    // Global ids ascending map to positions ascending: each bag stays sorted.
    let terms: Vec<Vec<u32>> = bags
        .iter()
        .map(|bag| bag.iter().map(|id| local[id]).collect())
        .collect();
    let mut term_start = Vec::with_capacity(terms.len() + 1);
    term_start.push(0u32);
    for bag in &terms {
        term_start.push(term_start[term_start.len() - 1] + bag.len() as u32);
    }
    let mut post_start = vec![0u32; vocab.len() + 1];
    for bag in &terms {
        for &t in bag {
            post_start[t as usize + 1] += 1;
        }
    }
    for k in 0..vocab.len() {
        post_start[k + 1] += post_start[k];
    }
    let mut fill = post_start.clone();
    let mut post = vec![0u32; post_start[vocab.len()] as usize];
    for (i, bag) in terms.iter().enumerate() {
        for &t in bag {
            post[fill[t as usize] as usize] = i as u32;
            fill[t as usize] += 1;
        }
    }
    let mut exact: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (i, k) in keys.iter().enumerate() {
        exact.entry(*k).or_default().push(i as u32);
    }
    let mut stem_counts: Vec<(u32, u32)> = Vec::new();
    let mut stem_start: Vec<u32> = vec![0];
    let mut sorted: Vec<u32> = Vec::new();
    for ws in &stems {
        sorted.clear();
        sorted.extend_from_slice(ws);
        sorted.sort_unstable();
        let from = stem_counts.len();
        for &st in &sorted {
            let len = stem_counts.len();
            match stem_counts.last_mut() {
                Some(last) if len > from && last.0 == st => last.1 += 1,
                _ => stem_counts.push((st, 1)),
            }
        }
        stem_start.push(stem_counts.len() as u32);
    }
    Doc {
        uid: next_uid(),
        corpus: 0,
        form: Vec::new(),
        sentences,
        words,
        stem_counts,
        stem_start,
        terms: terms.concat(),
        term_start,
        vocab,
        df,
        bg,
        post_start,
        post,
        keys,
        exact,
    }
}

/// A number unique to this run of the program, never 0 (documents and corpora).
pub(crate) fn next_uid() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Numbers the sentences' stem lists across `docs` ([`Doc::form`]).
pub(super) fn number_forms(docs: &mut [Doc]) {
    let corpus = next_uid();
    let mut ids: FxHashMap<&[(u32, u32)], u32> = FxHashMap::default();
    let forms: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| {
            (0..d.sentences.len())
                .map(|i| {
                    let n = ids.len() as u32;
                    *ids.entry(d.stems_of(i)).or_insert(n)
                })
                .collect()
        })
        .collect();
    drop(ids);
    for (d, form) in docs.iter_mut().zip(forms) {
        d.corpus = corpus;
        d.form = form;
    }
}

#[cfg(test)]
mod tests {
    /// The compile-time map holds every word of the list with its figure as written.
    #[test]
    fn background_map_is_the_list() {
        let list = include_str!("../../../../assets/wordfreq/en.tsv");
        let mut n = 0;
        for (word, zipf) in list
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
        {
            let want: f32 = zipf.parse().expect("a figure");
            assert_eq!(super::background(word), Some(want), "{word}");
            n += 1;
        }
        assert_eq!(super::BG_ENTRIES.len(), n);
        assert!(n > 20_000, "{n} words");
        assert_eq!(super::background_weight("the"), 0.0);
        assert_eq!(super::background_weight("zzyzx-not-a-word"), 1.0);
    }
}
