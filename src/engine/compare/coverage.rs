//! Coverage: the share of each report's words the other covers, from a pair's links.

use super::align::{self, Link, LinkKind};
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
    same_a: Vec<bool>,
    same_b: Vec<bool>,
    hit_a: Vec<bool>,
    hit_b: Vec<bool>,
    /// Stem id → its position + 1 in the left sentence being matched (0: not in it).
    mark: Vec<u32>,
    reached_a: Vec<usize>,
    reached_b: Vec<usize>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Makes `v` `n` copies of `x`, keeping its allocation (a fill, which compiles to a
/// memset or a vector loop, then a resize for what it lacks).
fn reset<T: Copy>(v: &mut Vec<T>, n: usize, x: T) {
    v.truncate(n);
    v.fill(x);
    v.resize(n, x);
}

impl Scratch {
    fn coverage(&mut self, links: &[Link], da: &align::Doc, db: &align::Doc) -> (f32, f32) {
        let (nl, nr) = (da.words.len(), db.words.len());
        reset(&mut self.same_a, nl, false);
        reset(&mut self.same_b, nr, false);
        for l in links.iter().filter(|l| l.kind == LinkKind::Same) {
            if l.left < nl && l.right < nr {
                self.same_a[l.left] = true;
                self.same_b[l.right] = true;
            }
        }
        // Per distinct stem of each sentence: whether a partial partner has it; and the
        // sentences such a partner reached (the only ones, besides `same` ones, with words
        // covered: the work follows the links, not the length of the two reports).
        // Kept all false between calls: only the entries of the sentences reached are set,
        // and cleared below.
        for (hit, d) in [(&mut self.hit_a, da), (&mut self.hit_b, db)] {
            if hit.len() < d.stem_counts.len() {
                hit.resize(d.stem_counts.len(), false);
            }
        }
        self.reached_a.clear();
        self.reached_b.clear();
        for l in links.iter().filter(|l| l.kind != LinkKind::Same) {
            if l.left >= nl || l.right >= nr || (self.same_a[l.left] && self.same_b[l.right]) {
                continue;
            }
            self.reached_a.push(l.left);
            self.reached_b.push(l.right);
            let (sa, sb) = (da.stems_of(l.left), db.stems_of(l.right));
            let (oa, ob) = (
                da.stem_start[l.left] as usize,
                db.stem_start[l.right] as usize,
            );
            // The stems both have (each sentence's are distinct): the left one's marked by
            // id, the right one's looked up.
            if let Some(&(max, _)) = sa.last()
                && max as usize >= self.mark.len()
            {
                self.mark.resize(max as usize + 1, 0);
            }
            for (x, &(st, _)) in sa.iter().enumerate() {
                self.mark[st as usize] = x as u32 + 1;
            }
            for (y, &(st, _)) in sb.iter().enumerate() {
                let at = self.mark.get(st as usize).copied().unwrap_or(0);
                if at != 0 {
                    self.hit_a[oa + at as usize - 1] = true;
                    self.hit_b[ob + y] = true;
                }
            }
            for &(st, _) in sa {
                self.mark[st as usize] = 0;
            }
        }
        let shares = (
            share(da, &self.same_a, &self.hit_a, &mut self.reached_a),
            share(db, &self.same_b, &self.hit_b, &mut self.reached_b),
        );
        for (hit, d, reached) in [
            (&mut self.hit_a, da, &self.reached_a),
            (&mut self.hit_b, db, &self.reached_b),
        ] {
            for &i in reached {
                let (from, to) = (d.stem_start[i] as usize, d.stem_start[i + 1] as usize);
                hit[from..to].fill(false);
            }
        }
        shares
    }
}

/// The share of `d`'s words covered: whole counts of words, so summing only the sentences
/// that have any is exact.
fn share(d: &align::Doc, same: &[bool], hit: &[bool], reached: &mut Vec<usize>) -> f32 {
    let total: usize = d.words.iter().map(Vec::len).sum();
    if total == 0 {
        return 0.0;
    }
    let whole: usize = (0..d.words.len())
        .filter(|&i| same[i])
        .map(|i| d.words[i].len())
        .sum();
    reached.sort_unstable();
    reached.dedup();
    let partly: usize = reached
        .iter()
        .filter(|&&i| !same[i])
        .map(|&i| {
            let from = d.stem_start[i] as usize;
            d.stems_of(i)
                .iter()
                .enumerate()
                .filter(|(k, _)| hit[from + k])
                .map(|(_, c)| c.1 as usize)
                .sum::<usize>()
        })
        .sum();
    (whole + partly) as f32 / total as f32
}
