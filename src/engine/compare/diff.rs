//! Word diff of aligned sentences, and verbatim runs shared by two reports (wire copy).
//!
//! The diff runs [`similar`] on the sentences' case-folded words, with a deadline only for
//! groups too large to diff in a few milliseconds (so a pathological pair cannot hang, and
//! every ordinary one has one answer however loaded the machine), and returns our own [`Piece`]s: every byte of each sentence
//! is in exactly one piece, so a side's pieces concatenate back to its text. Words the diff
//! leaves unmatched but whose stem occurs on the other side are [`Change::Moved`] (paraphrase
//! reorders words), not differences.

use crate::engine::article::Span;
use crate::engine::segment::{self, Word};
use rustc_hash::{FxHashMap, FxHasher};
use similar::{Algorithm, DiffTag};
use std::hash::{Hash, Hasher};
use std::time::Duration;
use std::time::Instant;

/// Words in a verbatim run at least this long, shared by both reports, are wire copy.
pub const WIRE_RUN: usize = 8;

/// How long one diff of more than [`UNTIMED`] word pairs may take before `similar` falls
/// back to a coarser answer.
pub const DEADLINE: Duration = Duration::from_millis(50);

/// Diffs of at most this many word pairs (left words × right words) run without a deadline:
/// their result must not depend on how busy the machine is, and at this size the diff takes
/// a few milliseconds at worst.
pub const UNTIMED: usize = 1 << 20;

/// What a piece of a sentence is, relative to the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// In both, in the same order.
    Equal,
    /// In both, in another order or another inflection (same stem).
    Moved,
    /// Only on this side.
    Only,
    /// In a verbatim run of [`WIRE_RUN`]+ words that both reports share (wire copy).
    Wire,
}

impl Change {
    pub fn is_difference(self) -> bool {
        self == Change::Only
    }
}

/// A byte range of one side and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Piece {
    pub change: Change,
    pub range: Span,
}

/// The word diff of a group of sentences on each side (one sentence, or several for a
/// one-to-many link): per sentence, its pieces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordDiff {
    pub left: Vec<Vec<Piece>>,
    pub right: Vec<Vec<Piece>>,
}

/// The words of one article that lie in wire-copy runs, by start offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WireMask(Vec<usize>);

impl WireMask {
    /// True when the word starting at byte `start` is in a wire-copy run.
    pub fn contains(&self, start: usize) -> bool {
        self.0.binary_search(&start).is_ok()
    }
    /// Words in wire-copy runs.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The start offsets of the marked words, ascending.
    pub fn starts(&self) -> &[usize] {
        &self.0
    }
}

/// The hashes of every [`WIRE_RUN`]-word window of `keys` (one key per word: its
/// case-folded form or that form's id): each word's key is hashed once, and a window's hash
/// combines its words' (a collision is harmless: every run is confirmed against the keys).
fn shingle_hashes<K: Hash>(keys: &[K]) -> Vec<u64> {
    let word: Vec<u64> = keys
        .iter()
        .map(|k| {
            let mut h = FxHasher::default();
            k.hash(&mut h);
            h.finish()
        })
        .collect();
    word.windows(WIRE_RUN)
        .map(|win| {
            let mut h = FxHasher::default();
            win.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// Marks the words of `a` (keys, start offsets) in a run of [`WIRE_RUN`]+ words that also
/// occurs in `b`.
fn mark<K: Eq>(
    (a, starts): (&[K], &[usize]),
    ha: &[u64],
    b: &[K],
    index: &FxHashMap<u64, Vec<usize>>,
) -> WireMask {
    let mut out = Vec::new();
    let mut marked_until = 0;
    for (i, h) in ha.iter().enumerate() {
        let Some(candidates) = index.get(h) else {
            continue;
        };
        // Confirm against the words: a hash collision must not invent wire copy.
        let confirmed = candidates
            .iter()
            .any(|&j| a[i..i + WIRE_RUN] == b[j..j + WIRE_RUN]);
        if confirmed {
            out.extend_from_slice(&starts[marked_until.max(i)..i + WIRE_RUN]);
            marked_until = i + WIRE_RUN;
        }
    }
    out.sort_unstable();
    out.dedup();
    WireMask(out)
}

/// Words of `a` and of `b` that lie in a run of at least [`WIRE_RUN`] identical words (case
/// folded) found in both; each argument is the article's words in reading order. Linear:
/// runs are found through hashed [`WIRE_RUN`]-word shingles.
pub fn wire_masks(a: &[&Word], b: &[&Word]) -> (WireMask, WireMask) {
    fn keys<'a>(ws: &[&'a Word]) -> (Vec<&'a str>, Vec<usize>) {
        ws.iter().map(|w| (&*w.norm, w.span.start)).unzip()
    }
    let ((ka, sa), (kb, sb)) = (keys(a), keys(b));
    wire_masks_by((&ka, &sa), (&kb, &sb))
}

/// [`wire_masks`] on words given as keys that are equal exactly when the case-folded forms
/// are (their [`WordIds`]), with each word's start offset.
pub fn wire_masks_by<K: Hash + Eq + Sync>(
    a: (&[K], &[usize]),
    b: (&[K], &[usize]),
) -> (WireMask, WireMask) {
    wire_masks_in(a, b, false)
}

/// [`wire_masks_by`], the two sides' shingles and marks computed at once when `parallel`.
pub fn wire_masks_in<K: Hash + Eq + Sync>(
    a: (&[K], &[usize]),
    b: (&[K], &[usize]),
    parallel: bool,
) -> (WireMask, WireMask) {
    use crate::engine::par::join;
    if a.0.len() < WIRE_RUN || b.0.len() < WIRE_RUN {
        return (WireMask::default(), WireMask::default());
    }
    let (ha, hb) = join(parallel, || shingle_hashes(a.0), || shingle_hashes(b.0));
    let index = |hs: &[u64]| {
        let mut m: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (i, h) in hs.iter().enumerate() {
            let v = m.entry(*h).or_default();
            // One confirmed occurrence is enough; keep a few against collisions.
            if v.len() < 4 {
                v.push(i);
            }
        }
        m
    };
    join(
        parallel,
        || mark(a, &ha, b.0, &index(&hb)),
        || mark(b, &hb, a.0, &index(&ha)),
    )
}

/// Diffs the sentences `left` (spans of `left_text`) against `right` (of `right_text`).
/// Words in the wire masks (if given) are marked [`Change::Wire`] where the diff matched them.
pub fn diff(
    left_text: &str,
    left: &[Span],
    right_text: &str,
    right: &[Span],
    masks: Option<(&WireMask, &WireMask)>,
) -> WordDiff {
    let lw: Vec<Vec<Word>> = left.iter().map(|s| segment::words(left_text, *s)).collect();
    let rw: Vec<Vec<Word>> = right
        .iter()
        .map(|s| segment::words(right_text, *s))
        .collect();
    let lr: Vec<&[Word]> = lw.iter().map(Vec::as_slice).collect();
    let rr: Vec<&[Word]> = rw.iter().map(Vec::as_slice).collect();
    diff_words(left, &lr, right, &rr, masks)
}

/// [`diff`] with the sentences' words already segmented (`lw[k]` are the words of `left[k]`).
pub fn diff_words(
    left: &[Span],
    lw: &[&[Word]],
    right: &[Span],
    rw: &[&[Word]],
    masks: Option<(&WireMask, &WireMask)>,
) -> WordDiff {
    let mut ids = Interner::default();
    let (ln, ls): (Vec<u32>, Vec<u32>) = lw
        .iter()
        .flat_map(|w| w.iter())
        .map(|w| ids.word(w))
        .unzip();
    let (rn, rs): (Vec<u32>, Vec<u32>) = rw
        .iter()
        .flat_map(|w| w.iter())
        .map(|w| ids.word(w))
        .unzip();
    diff_ids(
        Group::new(left, lw, &ln, &ls),
        Group::new(right, rw, &rn, &rs),
        masks,
    )
}

/// Numbers case-folded words and their stems: two words get one id exactly when their
/// case-folded forms are equal (then their stems are too: a stem is a function of the form).
#[derive(Debug, Default)]
pub struct Interner<'a> {
    norms: FxHashMap<&'a str, (u32, u32)>,
    stems: FxHashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    /// The ids of `w`'s case-folded form and of its stem.
    pub fn word(&mut self, w: &'a Word) -> (u32, u32) {
        if let Some(&ids) = self.norms.get(&*w.norm) {
            return ids;
        }
        let n = self.stems.len() as u32;
        let stem = *self.stems.entry(&*w.stem).or_insert(n);
        let ids = (self.norms.len() as u32, stem);
        self.norms.insert(&*w.norm, ids);
        ids
    }
}

/// One report's words as ids ([`Interner`]), per sentence.
#[derive(Debug, Clone, Default)]
pub struct WordIds {
    norm: Vec<u32>,
    stem: Vec<u32>,
    /// Sentence i's words are `start[i]..start[i + 1]`.
    start: Vec<u32>,
}

impl WordIds {
    /// The ids of every word of `sentences` (each sentence's words).
    pub fn new<'a>(sentences: &'a [Vec<Word>], ids: &mut Interner<'a>) -> WordIds {
        let n: usize = sentences.iter().map(Vec::len).sum();
        let mut out = WordIds {
            norm: Vec::with_capacity(n),
            stem: Vec::with_capacity(n),
            start: Vec::with_capacity(sentences.len() + 1),
        };
        out.start.push(0);
        for ws in sentences {
            for w in ws {
                let (norm, stem) = ids.word(w);
                out.norm.push(norm);
                out.stem.push(stem);
            }
            out.start.push(out.norm.len() as u32);
        }
        out
    }
    /// Every word's case-folded form id, in reading order.
    pub fn norms(&self) -> &[u32] {
        &self.norm
    }
    /// Sentence `i`'s (form ids, stem ids); empty when out of range.
    pub fn of(&self, i: usize) -> (&[u32], &[u32]) {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => {
                let r = a as usize..b as usize;
                (&self.norm[r.clone()], &self.stem[r])
            }
            _ => (&[], &[]),
        }
    }
    /// The ids of sentences `sentences`, concatenated in that order.
    pub fn concat(&self, sentences: &[usize]) -> (Vec<u32>, Vec<u32>) {
        let (mut n, mut s) = (Vec::new(), Vec::new());
        for &i in sentences {
            let (a, b) = self.of(i);
            n.extend_from_slice(a);
            s.extend_from_slice(b);
        }
        (n, s)
    }
}

/// One side of a diff: sentences (spans and words) with their words' ids, concatenated.
#[derive(Debug, Clone, Copy)]
pub struct Group<'a> {
    spans: &'a [Span],
    words: &'a [&'a [Word]],
    norm: &'a [u32],
    stem: &'a [u32],
}

impl<'a> Group<'a> {
    /// `norm` and `stem` hold the ids of every word of `words`, in order.
    pub fn new(
        spans: &'a [Span],
        words: &'a [&'a [Word]],
        norm: &'a [u32],
        stem: &'a [u32],
    ) -> Group<'a> {
        Group {
            spans,
            words,
            norm,
            stem,
        }
    }
}

/// [`diff_words`] on words given as ids: the same diff (ids are equal exactly when the
/// case-folded forms are), without comparing or hashing strings.
pub fn diff_ids(l: Group, r: Group, masks: Option<(&WireMask, &WireMask)>) -> WordDiff {
    let mut lchange = vec![Change::Only; l.norm.len()];
    let mut rchange = vec![Change::Only; r.norm.len()];
    if l.norm == r.norm {
        // Identical sentences: every word in both, in order (what the diff gives them).
        lchange.fill(Change::Equal);
        rchange.fill(Change::Equal);
    } else if !l.norm.is_empty() && !r.norm.is_empty() {
        // Only the words both sides have can be equal: the diff runs on those alone (the
        // same anchors, words unique to both; far shorter runs between them when two
        // sentences share little, where the diff's cost grows with the words that differ).
        let (lkeep, rkeep) = shared_positions(l.norm, r.norm);
        let lnorm: Vec<u32> = lkeep.iter().map(|&k| l.norm[k as usize]).collect();
        let rnorm: Vec<u32> = rkeep.iter().map(|&k| r.norm[k as usize]).collect();
        let deadline =
            (lnorm.len().saturating_mul(rnorm.len()) > UNTIMED).then(|| Instant::now() + DEADLINE);
        let ops = if lnorm.is_empty() || rnorm.is_empty() {
            Vec::new()
        } else {
            similar::capture_diff_slices_deadline(Algorithm::Patience, &lnorm, &rnorm, deadline)
        };
        for op in ops {
            let (tag, old, new) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                for k in old {
                    lchange[lkeep[k] as usize] = Change::Equal;
                }
                for k in new {
                    rchange[rkeep[k] as usize] = Change::Equal;
                }
            }
        }
    }
    // The other side's stems, for the words left `Only` (none when the two are identical).
    let set = |stems: &[u32], change: &[Change]| {
        if !change.contains(&Change::Only) {
            return Vec::new();
        }
        distinct(stems)
    };
    let refine = |change: &mut [Change], g: &Group, other: &[u32], mask: Option<&WireMask>| {
        let words = g.words.iter().flat_map(|w| w.iter());
        for ((c, w), stem) in change.iter_mut().zip(words).zip(g.stem) {
            if *c == Change::Only && other.binary_search(stem).is_ok() {
                *c = Change::Moved;
            }
            if *c != Change::Only
                && let Some(m) = mask
                && m.contains(w.span.start)
            {
                *c = Change::Wire;
            }
        }
    };
    let (lother, rother) = (set(r.stem, &lchange), set(l.stem, &rchange));
    refine(&mut lchange, &l, &lother, masks.map(|m| m.0));
    refine(&mut rchange, &r, &rother, masks.map(|m| m.1));
    WordDiff {
        left: pieces(l.spans, l.words, &lchange),
        right: pieces(r.spans, r.words, &rchange),
    }
}

/// The distinct ids of `x`, ascending (for binary search).
fn distinct(x: &[u32]) -> Vec<u32> {
    let mut v = x.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// The positions of the words of `l` that `r` also has, and of those of `r` that `l` has.
fn shared_positions(l: &[u32], r: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let (ls, rs) = (distinct(l), distinct(r));
    let keep = |x: &[u32], other: &[u32]| -> Vec<u32> {
        (0..x.len() as u32)
            .filter(|&k| other.binary_search(&x[k as usize]).is_ok())
            .collect()
    };
    (keep(l, &rs), keep(r, &ls))
}

/// Cuts each sentence into pieces from its words' changes. The text between two words takes
/// their change when both agree, else it is `Equal` (neutral).
fn pieces(spans: &[Span], words: &[&[Word]], changes: &[Change]) -> Vec<Vec<Piece>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut k = 0;
    for (span, ws) in spans.iter().zip(words) {
        let mut ps: Vec<Piece> = Vec::new();
        let push = |change: Change, range: Span, ps: &mut Vec<Piece>| {
            if range.is_empty() {
                return;
            }
            match ps.last_mut() {
                Some(last) if last.change == change && last.range.end == range.start => {
                    last.range.end = range.end;
                }
                _ => ps.push(Piece { change, range }),
            }
        };
        let mut at = span.start;
        let mut prev: Option<Change> = None;
        for w in ws.iter() {
            let c = changes.get(k).copied().unwrap_or(Change::Only);
            k += 1;
            let gap = match prev {
                Some(p) if p == c => c,
                _ => Change::Equal,
            };
            push(gap, Span::new(at, w.span.start), &mut ps);
            push(c, w.span, &mut ps);
            at = w.span.end;
            prev = Some(c);
        }
        push(Change::Equal, Span::new(at, span.end), &mut ps);
        out.push(ps);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(t: &str, ps: &[Piece]) -> String {
        ps.iter().map(|p| &t[p.range.range()]).collect()
    }

    #[test]
    fn pieces_cover_and_mark() {
        let a = "Putin declined the invitation to Istanbul.";
        let b = "The invitation to Ankara was declined by Putin.";
        let d = diff(
            a,
            &[Span::new(0, a.len())],
            b,
            &[Span::new(0, b.len())],
            None,
        );
        assert_eq!(text_of(a, &d.left[0]), a);
        assert_eq!(text_of(b, &d.right[0]), b);
        let only: Vec<&str> = d.right[0]
            .iter()
            .filter(|p| p.change == Change::Only)
            .map(|p| &b[p.range.range()])
            .collect();
        let only = only.join(" ");
        assert!(only.contains("Ankara"), "{only:?}");
        assert!(!only.contains("Putin"), "{only:?}");
        let only_left: Vec<&str> = d.left[0]
            .iter()
            .filter(|p| p.change == Change::Only)
            .map(|p| &a[p.range.range()])
            .collect();
        assert_eq!(only_left, vec!["Istanbul"]);
    }

    #[test]
    fn ids_diff_as_the_words_do() {
        // The diff on interned ids gives what `similar` gives on the case-folded words.
        let vocab = [
            "the", "talks", "in", "Istanbul", "Putin", "said", "on", "Friday", "a",
        ];
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..300 {
            let (na, nb) = (next() % 30, next() % 30);
            let mut text = |n: usize| -> String {
                (0..n)
                    .map(|_| vocab[next() % vocab.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (a, b) = (text(na), text(nb));
            let (wa, wb) = (
                segment::words(&a, Span::new(0, a.len())),
                segment::words(&b, Span::new(0, b.len())),
            );
            let ka: Vec<&str> = wa.iter().map(|w| &*w.norm).collect();
            let kb: Vec<&str> = wb.iter().map(|w| &*w.norm).collect();
            let by_words = similar::capture_diff_slices(Algorithm::Patience, &ka, &kb);
            let mut ids = Interner::default();
            let ia: Vec<u32> = wa.iter().map(|w| ids.word(w).0).collect();
            let ib: Vec<u32> = wb.iter().map(|w| ids.word(w).0).collect();
            let by_ids = similar::capture_diff_slices(Algorithm::Patience, &ia, &ib);
            assert_eq!(by_words, by_ids, "{a:?} / {b:?}");
        }
    }

    #[test]
    fn wire_runs_need_eight_words() {
        let a = "one two three four five six seven eight nine";
        let b = "zero one two three four five six seven eight";
        let c = "one two three four five six seven nine";
        let w = |t: &str| segment::words(t, Span::new(0, t.len()));
        let (wa, wb, wc) = (w(a), w(b), w(c));
        fn r(v: &[Word]) -> Vec<&Word> {
            v.iter().collect()
        }
        let (ma, mb) = wire_masks(&r(&wa), &r(&wb));
        assert_eq!(ma.len(), 8);
        assert_eq!(mb.len(), 8);
        let (ma, _) = wire_masks(&r(&wa), &r(&wc));
        assert!(ma.is_empty());
    }
}
