//! Word diff of aligned sentences, and verbatim runs shared by two reports (wire copy).
//!
//! The diff runs [`similar`] on the sentences' case-folded words, with a deadline so a
//! pathological pair cannot hang, and returns our own [`Piece`]s: every byte of each sentence
//! is in exactly one piece, so a side's pieces concatenate back to its text. Words the diff
//! leaves unmatched but whose stem occurs on the other side are [`Change::Moved`] (paraphrase
//! reorders words), not differences.

use crate::engine::article::Span;
use crate::engine::segment::{self, Word};
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use similar::{Algorithm, DiffTag};
use std::hash::{Hash, Hasher};
use std::time::Duration;
use std::time::Instant;

/// Words in a verbatim run at least this long, shared by both reports, are wire copy.
pub const WIRE_RUN: usize = 8;

/// How long one diff may take before `similar` falls back to a coarser answer.
pub const DEADLINE: Duration = Duration::from_millis(50);

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

/// The hashes of every [`WIRE_RUN`]-word window of `words`: each word's case-folded form is
/// hashed once, and a window's hash combines its words' (a collision is harmless: every run
/// is confirmed against the words).
fn shingle_hashes(words: &[&Word]) -> Vec<u64> {
    let word: Vec<u64> = words
        .iter()
        .map(|w| {
            let mut h = FxHasher::default();
            w.norm.hash(&mut h);
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

/// Marks the words of `a` in a run of [`WIRE_RUN`]+ words that also occurs in `b`.
fn mark(a: &[&Word], ha: &[u64], b: &[&Word], index: &FxHashMap<u64, Vec<usize>>) -> WireMask {
    let mut out = Vec::new();
    let mut marked_until = 0;
    for (i, h) in ha.iter().enumerate() {
        let Some(starts) = index.get(h) else { continue };
        // Confirm against the words: a hash collision must not invent wire copy.
        let confirmed = starts.iter().any(|&j| {
            a[i..i + WIRE_RUN]
                .iter()
                .zip(&b[j..j + WIRE_RUN])
                .all(|(x, y)| x.norm == y.norm)
        });
        if confirmed {
            for w in &a[marked_until.max(i)..i + WIRE_RUN] {
                out.push(w.span.start);
            }
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
    if a.len() < WIRE_RUN || b.len() < WIRE_RUN {
        return (WireMask::default(), WireMask::default());
    }
    let (ha, hb) = (shingle_hashes(a), shingle_hashes(b));
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
    (mark(a, &ha, b, &index(&hb)), mark(b, &hb, a, &index(&ha)))
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
    let lflat: Vec<&Word> = lw.iter().flat_map(|w| w.iter()).collect();
    let rflat: Vec<&Word> = rw.iter().flat_map(|w| w.iter()).collect();
    let lkeys: Vec<&str> = lflat.iter().map(|w| w.norm.as_str()).collect();
    let rkeys: Vec<&str> = rflat.iter().map(|w| w.norm.as_str()).collect();
    let deadline = Instant::now() + DEADLINE;
    let ops =
        similar::capture_diff_slices_deadline(Algorithm::Patience, &lkeys, &rkeys, Some(deadline));
    let mut lchange = vec![Change::Only; lflat.len()];
    let mut rchange = vec![Change::Only; rflat.len()];
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            lchange[old].fill(Change::Equal);
            rchange[new].fill(Change::Equal);
        }
    }
    let lstems: FxHashSet<&str> = lflat.iter().map(|w| w.stem.as_str()).collect();
    let rstems: FxHashSet<&str> = rflat.iter().map(|w| w.stem.as_str()).collect();
    let refine = |change: &mut [Change], words: &[&Word], other: &FxHashSet<&str>, mask| {
        for (c, w) in change.iter_mut().zip(words) {
            if *c == Change::Only && other.contains(w.stem.as_str()) {
                *c = Change::Moved;
            }
            if *c != Change::Only
                && let Some(m) = mask
            {
                let m: &WireMask = m;
                if m.contains(w.span.start) {
                    *c = Change::Wire;
                }
            }
        }
    };
    refine(&mut lchange, &lflat, &rstems, masks.map(|m| m.0));
    refine(&mut rchange, &rflat, &lstems, masks.map(|m| m.1));
    WordDiff {
        left: pieces(left, lw, &lchange),
        right: pieces(right, rw, &rchange),
    }
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
