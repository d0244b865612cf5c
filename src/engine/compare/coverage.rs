//! Coverage: the share of each report's words the other covers, from a pair's links.

use super::align::{self, Link, LinkKind, reset};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Share of each side's words covered by the other (left, right): all words of a sentence
/// with a `same` link; for a sentence with only `partial` links, the words the word diff
/// finds on the other side too, which are those whose stem one of its partners has (the
/// diff marks a word `Equal` or `Moved` exactly then). Computed from the links and stems
/// alone (one merge of two stem lists per partial link), so the story model gets every
/// pair's figures without diffing it.
pub fn coverage(links: &[Link], da: &align::Doc, db: &align::Doc) -> (f32, f32) {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => s.coverage(links, da, db),
        Err(_) => Scratch::default().coverage(links, da, db),
    })
}

/// Working arrays kept between pairs on a thread (the story computes a coverage per pair).
#[derive(Default)]
struct Scratch {
    a: Covered,
    b: Covered,
    /// Stem id → its position + 1 in the left sentence being matched (0: not in it).
    mark: Vec<u32>,
    /// For the left document `memo_for` (a [`align::Doc::uid`]): (left sentence, right
    /// sentence's corpus and [`align::Doc::form`]) → the positions of the stems the two
    /// share, as bits (left, right). A story pairs one report with every other, and copies
    /// of a sentence recur across them.
    memo_for: u64,
    memo: FxHashMap<(u32, u64, u32), (u64, u64)>,
}

/// Sentences of up to this many distinct stems keep their covered stems as bits.
const BITS: usize = 64;

/// One side's covered words while a pair is measured.
#[derive(Default)]
struct Covered {
    /// Per sentence: whether it has a `same` link.
    same: Vec<bool>,
    /// Per sentence of at most [`BITS`] distinct stems: those a partial partner has.
    bits: Vec<u64>,
    /// For longer sentences, per distinct stem of the document: whether a partial partner
    /// has it (all false between pairs: cleared after use).
    hit: Vec<bool>,
    /// The sentences a partial link reached (the only ones, besides `same` ones, with words
    /// covered: the work follows the links, not the length of the two reports), once each.
    reached: Vec<usize>,
    /// Per sentence: whether it is in `reached`.
    listed: Vec<bool>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

impl Covered {
    fn start(&mut self, d: &align::Doc) {
        let n = d.words.len();
        reset(&mut self.same, n, false);
        reset(&mut self.bits, n, 0);
        reset(&mut self.listed, n, false);
        if self.hit.len() < d.stem_counts.len() {
            self.hit.resize(d.stem_counts.len(), false);
        }
        self.reached.clear();
    }
    /// Sentence `i` has a partial link.
    fn reach(&mut self, i: usize) {
        if !self.listed[i] {
            self.listed[i] = true;
            self.reached.push(i);
        }
    }
    /// Stem `x` of sentence `i` is covered.
    fn hit(&mut self, d: &align::Doc, i: usize, x: usize) {
        if d.stems_of(i).len() <= BITS {
            self.bits[i] |= 1 << x;
        } else {
            self.hit[d.stem_start[i] as usize + x] = true;
        }
    }
    /// The share of `d`'s words covered: whole counts of words, so summing only the
    /// sentences that have any is exact.
    fn share(&mut self, d: &align::Doc) -> f32 {
        let total: usize = d.words.iter().map(Vec::len).sum();
        let whole: usize = (0..d.words.len())
            .filter(|&i| self.same[i])
            .map(|i| d.words[i].len())
            .sum();
        let mut partly = 0;
        for &i in &self.reached {
            let stems = d.stems_of(i);
            if stems.len() <= BITS {
                let mut bits = if self.same[i] { 0 } else { self.bits[i] };
                while bits != 0 {
                    partly += stems[bits.trailing_zeros() as usize].1 as usize;
                    bits &= bits - 1;
                }
            } else {
                let from = d.stem_start[i] as usize;
                let hit = &mut self.hit[from..from + stems.len()];
                if !self.same[i] {
                    partly += stems
                        .iter()
                        .zip(hit.iter())
                        .filter(|(_, h)| **h)
                        .map(|(c, _)| c.1 as usize)
                        .sum::<usize>();
                }
                hit.fill(false);
            }
        }
        if total == 0 {
            0.0
        } else {
            (whole + partly) as f32 / total as f32
        }
    }
}

impl Scratch {
    fn coverage(&mut self, links: &[Link], da: &align::Doc, db: &align::Doc) -> (f32, f32) {
        let (nl, nr) = (da.words.len(), db.words.len());
        self.a.start(da);
        self.b.start(db);
        for l in links.iter().filter(|l| l.kind == LinkKind::Same) {
            if l.left < nl && l.right < nr {
                self.a.same[l.left] = true;
                self.b.same[l.right] = true;
            }
        }
        if self.memo_for != da.uid || da.uid == 0 {
            self.memo.clear();
            self.memo_for = da.uid;
        }
        for l in links.iter().filter(|l| l.kind != LinkKind::Same) {
            let (i, j) = (l.left, l.right);
            if i >= nl || j >= nr || (self.a.same[i] && self.b.same[j]) {
                continue;
            }
            self.a.reach(i);
            self.b.reach(j);
            let (sa, sb) = (da.stems_of(i), db.stems_of(j));
            let form = db.form.get(j).copied();
            match form.filter(|_| sa.len() <= BITS && sb.len() <= BITS && da.uid != 0) {
                Some(form) => {
                    let mark = &mut self.mark;
                    let (ma, mb) =
                        *self
                            .memo
                            .entry((i as u32, db.corpus, form))
                            .or_insert_with(|| {
                                let (mut ma, mut mb) = (0u64, 0u64);
                                shared_stems(mark, sa, sb, |x, y| {
                                    ma |= 1 << x;
                                    mb |= 1 << y;
                                });
                                (ma, mb)
                            });
                    self.a.bits[i] |= ma;
                    self.b.bits[j] |= mb;
                }
                None => {
                    let (ca, cb) = (&mut self.a, &mut self.b);
                    shared_stems(&mut self.mark, sa, sb, |x, y| {
                        ca.hit(da, i, x);
                        cb.hit(db, j, y);
                    });
                }
            }
        }
        (self.a.share(da), self.b.share(db))
    }
}

/// Calls `hit(x, y)` for every stem both lists have (each list's distinct), at `x` in `sa`
/// and `y` in `sb`: `sa`'s stems marked by id in `mark` (all 0 before and after), `sb`'s
/// looked up.
fn shared_stems(
    mark: &mut Vec<u32>,
    sa: &[(u32, u32)],
    sb: &[(u32, u32)],
    mut hit: impl FnMut(usize, usize),
) {
    if let Some(&(max, _)) = sa.last()
        && max as usize >= mark.len()
    {
        mark.resize(max as usize + 1, 0);
    }
    for (x, &(st, _)) in sa.iter().enumerate() {
        mark[st as usize] = x as u32 + 1;
    }
    for (y, &(st, _)) in sb.iter().enumerate() {
        let at = mark.get(st as usize).copied().unwrap_or(0);
        if at != 0 {
            hit(at as usize - 1, y);
        }
    }
    for &(st, _) in sa {
        mark[st as usize] = 0;
    }
}
