//! Aligning one pair of prepared documents (the model is in the parent module's
//! documentation). The story model aligns every pair of its reports, so this is the hot
//! loop of a big story: the working arrays live in one scratch space per thread, and the
//! pair's term weights come from a merge of the two documents' sorted vocabularies.

use super::doc::NONE;
use super::{Alignment, Corpus, Doc, Link, LinkKind};
use std::cell::RefCell;

/// The working arrays of one alignment, kept between alignments on a thread.
#[derive(Default)]
struct Scratch {
    /// For the document `dense_for` (a [`Doc::uid`]): corpus term id → its position + 1 in
    /// that document (0: absent). Set up once for a run of pairs with one left document.
    dense: Vec<u32>,
    dense_for: u64,
    /// `idf[total]`: ln((total + 1) / (df + 0.5)) for every df of a pair of `total`
    /// sentences (kept for pairs of up to [`IDF_KEPT`] sentences: a story aligns one
    /// report with hundreds of others of a few sizes).
    idf: Vec<Vec<f32>>,
    /// The table of a larger pair.
    idf_big: Vec<f32>,
    /// For the document `dense_for`, `alone[total]`: its terms' weights in a pair of `total`
    /// sentences where the other document lacks them (`wa` before the shared terms are
    /// weighed; pairs of up to [`IDF_KEPT`] sentences).
    alone: Vec<Vec<f32>>,
    wa: Vec<f32>,
    wb: Vec<f32>,
    a_to_b: Vec<u32>,
    norms_a: Vec<f32>,
    norms_b: Vec<f32>,
    acc: Vec<f32>,
    /// For a right document of at most [`DENSE`] sentences: those `acc` holds a sum for.
    bits: [u64; DENSE / 64],
    touched: Vec<u32>,
    order: Vec<(u32, u32)>,
    raw: Vec<(u32, u32, f32, f32, f32)>,
    exact: Vec<Link>,
    candidates: Vec<Link>,
    copied_right: Vec<bool>,
    best_left: Vec<f32>,
    best_right: Vec<f32>,
    ranked: Vec<(f32, f32, u32, u32, LinkKind)>,
    per_left: Vec<usize>,
    per_right: Vec<usize>,
    keep: Vec<bool>,
    linked_left: Vec<bool>,
    linked_right: Vec<bool>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Makes `v` `n` copies of `x`, keeping its allocation (a fill, which compiles to a
/// memset or a vector loop, then a resize for what it lacks). The working arrays of
/// alignment and of coverage ([`crate::engine::compare::coverage`]) are reset with it.
pub(crate) fn reset<T: Copy>(v: &mut Vec<T>, n: usize, x: T) {
    v.truncate(n);
    v.fill(x);
    v.resize(n, x);
}

impl Scratch {
    /// The weights of the terms of documents `a` and `b` aligned as a pair: rarity over the
    /// sentences of the two (inverse sentence frequency; a stem weighs as its rarest word form
    /// in either) times rarity in English. Into `wa` / `wb` (by each document's own term
    /// index), and `a_to_b`: each term of `a`'s index in `b` ([`NONE`] when `b` lacks it).
    fn pair_weights(&mut self, da: &Doc, db: &Doc) {
        let total = da.sentences.len() + db.sentences.len();
        // ln((n + 1) / (df + 0.5)) for every df the pair can have, computed once per pair
        // size.
        let table = |out: &mut Vec<f32>| {
            let n = total.max(1) as f32;
            out.clear();
            out.extend((0..=total).map(|df| ((n + 1.0) / (df as f32 + 0.5)).ln().max(0.0)));
        };
        let idf: &[f32] = if total <= IDF_KEPT {
            if self.idf.len() <= total {
                self.idf.resize_with(total + 1, Vec::new);
            }
            let kept = &mut self.idf[total];
            if kept.is_empty() {
                table(kept);
            }
            kept
        } else {
            table(&mut self.idf_big);
            &self.idf_big
        };
        if self.dense_for != da.uid || da.uid == 0 {
            self.dense.fill(0);
            if let Some(&max) = da.vocab.last()
                && max as usize >= self.dense.len()
            {
                self.dense.resize(max as usize + 1, 0);
            }
            for (t, &id) in da.vocab.iter().enumerate() {
                self.dense[id as usize] = t as u32 + 1;
            }
            self.dense_for = da.uid;
            self.alone.iter_mut().for_each(Vec::clear);
        }
        // Terms of `a` alone, then those `b` has too (one weight, from both).
        let weigh = |out: &mut Vec<f32>| {
            out.extend(
                da.df
                    .iter()
                    .zip(&da.bg)
                    .map(|(&df, &bg)| idf[df as usize] * bg),
            )
        };
        self.wa.clear();
        if total <= IDF_KEPT && da.uid != 0 {
            if self.alone.len() <= total {
                self.alone.resize_with(total + 1, Vec::new);
            }
            let kept = &mut self.alone[total];
            if kept.is_empty() {
                weigh(kept);
            }
            self.wa.extend_from_slice(kept);
        } else {
            weigh(&mut self.wa);
        }
        reset(&mut self.a_to_b, da.vocab.len(), NONE);
        self.wb.clear();
        for (k, ((&id, &dfb), &bgb)) in db.vocab.iter().zip(&db.df).zip(&db.bg).enumerate() {
            let at = self.dense.get(id as usize).copied().unwrap_or(0);
            if at == 0 {
                self.wb.push(idf[dfb as usize] * bgb);
            } else {
                let t = at as usize - 1;
                let w = idf[(da.df[t] + dfb) as usize] * da.bg[t].max(bgb);
                self.wa[t] = w;
                self.wb.push(w);
                self.a_to_b[t] = k as u32;
            }
        }
    }
}

/// Pairs of up to this many sentences keep their table of term rarities between pairs.
const IDF_KEPT: usize = 1024;

/// A term held by more sentences of the right document than this is visited only while
/// the left sentence has fewer than six rarer shared terms (long documents: "Ukraine" in a
/// hundred sentences says little about which of them a sentence matches).
const COMMON: usize = 64;

/// Right documents of at most this many sentences are scored by a scan of all of them, not
/// through a list of those reached.
const DENSE: usize = 256;

/// Sorts `v` by its second field, keeping the order of equal ones (insertion sort: the
/// lists are a sentence's terms).
fn sort_by_len(v: &mut [(u32, u32)]) {
    if v.len() > 32 {
        v.sort_by_key(|x| x.1);
        return;
    }
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && v[j - 1].1 > x.1 {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

impl Corpus {
    /// Aligns document `a` (left) with document `b` (right).
    pub fn align(&self, a: usize, b: usize) -> Alignment {
        let (Some(da), Some(db)) = (self.docs.get(a), self.docs.get(b)) else {
            return Alignment::default();
        };
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.align_in(da, db, &mut s),
            Err(_) => self.align_in(da, db, &mut Scratch::default()),
        })
    }

    /// The links of document `a` (left) with document `b` (right), into `out` (cleared
    /// first): [`Corpus::align`]'s links, without the lists of unlinked sentences (the story
    /// model aligns every pair and keeps only what it derives from the links).
    pub fn align_links(&self, a: usize, b: usize, out: &mut Vec<Link>) {
        out.clear();
        let (Some(da), Some(db)) = (self.docs.get(a), self.docs.get(b)) else {
            return;
        };
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.links_in(da, db, &mut s, out),
            Err(_) => self.links_in(da, db, &mut Scratch::default(), out),
        })
    }

    fn align_in(&self, da: &Doc, db: &Doc, s: &mut Scratch) -> Alignment {
        let mut links = Vec::new();
        self.links_in(da, db, s, &mut links);
        let (nl, nr) = (da.sentences.len(), db.sentences.len());
        reset(&mut s.linked_left, nl, false);
        reset(&mut s.linked_right, nr, false);
        for l in &links {
            s.linked_left[l.left] = true;
            s.linked_right[l.right] = true;
        }
        Alignment {
            links,
            left_only: unlinked(&s.linked_left),
            right_only: unlinked(&s.linked_right),
        }
    }

    /// Appends the links of `da` with `db` to `links` (empty), sorted by left, then right.
    fn links_in(&self, da: &Doc, db: &Doc, s: &mut Scratch, links: &mut Vec<Link>) {
        let p = self.params;
        let (nl, nr) = (da.sentences.len(), db.sentences.len());
        s.pair_weights(da, db);
        let (wa, wb) = (&s.wa, &s.wb);
        s.norms_a.clear();
        s.norms_a
            .extend((0..nl).map(|i| da.terms_of(i).iter().map(|&t| wa[t as usize]).sum::<f32>()));
        s.norms_b.clear();
        s.norms_b
            .extend((0..nr).map(|j| db.terms_of(j).iter().map(|&t| wb[t as usize]).sum::<f32>()));
        // A sentence with a verbatim copy on the other side is linked to that copy alone (the
        // nearest one, if there are several): the copy says everything it says. Such
        // sentences need no scores.
        reset(&mut s.copied_right, nr, false);
        for (j, k) in db.keys.iter().enumerate() {
            s.copied_right[j] = da.exact.contains_key(k);
        }
        // Candidate pairs and their shared weight, from each left sentence's terms.
        reset(&mut s.acc, nr, 0.0);
        s.touched.clear();
        s.raw.clear();
        s.exact.clear();
        let least_cosine = p.best_cosine.min(p.link_cosine);
        for i in 0..nl {
            let terms = da.terms_of(i);
            // Identical sentences are the same whatever their terms weigh.
            if let Some(same) = db.exact.get(&da.keys[i]) {
                s.exact.extend(same.iter().map(|&j| Link {
                    left: i,
                    right: j as usize,
                    kind: LinkKind::Same,
                    score: 1.0,
                }));
                continue;
            }
            // The terms both have: every one held by at most COMMON sentences of `b`; of the
            // more common ones, only as many as make six terms with those (the rarest first).
            s.order.clear();
            let mut rare = 0;
            let a_to_b = &s.a_to_b;
            let dense = nr <= DENSE;
            let add = |post: &[u32],
                       w: f32,
                       acc: &mut [f32],
                       touched: &mut Vec<u32>,
                       bits: &mut [u64; DENSE / 64]| {
                if dense {
                    for &j in post {
                        acc[j as usize] += w;
                        bits[j as usize / 64] |= 1 << (j % 64);
                    }
                } else {
                    for &j in post {
                        let slot = &mut acc[j as usize];
                        if *slot == 0.0 {
                            touched.push(j);
                        }
                        *slot += w;
                    }
                }
            };
            for &t in terms {
                let k = a_to_b[t as usize];
                if k == NONE {
                    continue;
                }
                let post = db.postings(k);
                if post.len() > COMMON {
                    s.order.push((t, post.len() as u32));
                    continue;
                }
                rare += 1;
                let w = wa[t as usize];
                if w > 0.0 {
                    add(post, w, &mut s.acc, &mut s.touched, &mut s.bits);
                }
            }
            if rare < 6 && !s.order.is_empty() {
                sort_by_len(&mut s.order);
                for &(t, _) in s.order.iter().take(6 - rare) {
                    let w = wa[t as usize];
                    if w > 0.0 {
                        add(
                            db.postings(a_to_b[t as usize]),
                            w,
                            &mut s.acc,
                            &mut s.touched,
                            &mut s.bits,
                        );
                    }
                }
            }
            if dense {
                // The sentences reached, ascending (a weight added is positive, so these are
                // exactly those with a nonzero sum).
                s.touched.clear();
                for (k, word) in s.bits.iter_mut().enumerate() {
                    while *word != 0 {
                        s.touched.push(k as u32 * 64 + word.trailing_zeros());
                        *word &= *word - 1;
                    }
                }
            }
            let na = s.norms_a[i];
            for &j in &s.touched {
                let shared = std::mem::take(&mut s.acc[j as usize]);
                if s.copied_right[j as usize] {
                    continue;
                }
                let nb = s.norms_b[j as usize];
                // Far below both bars (with room for rounding): no need for the square root.
                let min = na.min(nb);
                if shared < p.link_cover * min * 0.999
                    && shared * shared < least_cosine * least_cosine * na * nb * 0.999
                {
                    continue;
                }
                let (shared, cosine, cover) = scores(shared, na, nb);
                if cosine >= least_cosine || cover >= p.link_cover {
                    s.raw.push((i as u32, j, shared, cosine, cover));
                }
            }
            s.touched.clear();
        }
        // Each sentence's best counterpart is linked on weaker evidence than other pairs:
        // in two reports of one event most sentences have one.
        reset(&mut s.best_left, nl, 0.0);
        reset(&mut s.best_right, nr, 0.0);
        for &(i, j, _, cosine, _) in &s.raw {
            let (i, j) = (i as usize, j as usize);
            s.best_left[i] = s.best_left[i].max(cosine);
            s.best_right[j] = s.best_right[j].max(cosine);
        }
        s.candidates.clear();
        for &(i, j, shared, cosine, cover) in &s.raw {
            let (i, j) = (i as usize, j as usize);
            let best = cosine >= s.best_left[i] || cosine >= s.best_right[j];
            if let Some(kind) = p.kind(shared, cosine, cover, best) {
                s.candidates.push(Link {
                    left: i,
                    right: j,
                    kind,
                    score: cosine.max(cover * 0.8),
                });
            }
        }
        let candidates = std::mem::take(&mut s.candidates);
        s.keep_best(&candidates, nl, nr, p.max_links, links);
        s.candidates = candidates;
        let exact = std::mem::take(&mut s.exact);
        s.keep_best(&exact, nl, nr, 1, links);
        s.exact = exact;
        // Two runs, each mostly in order already (candidates and copies by left sentence):
        // a stable sort merges them (every (left, right) is there once, so the order is the
        // one an unstable sort gives).
        links.sort_by_key(|l| (l.left, l.right));
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

pub(super) fn scores(shared: f32, na: f32, nb: f32) -> (f32, f32, f32) {
    let cosine = if na * nb > 0.0 {
        shared / (na * nb).sqrt()
    } else {
        0.0
    };
    let min = na.min(nb);
    let cover = if min > 0.0 { shared / min } else { 0.0 };
    (shared, cosine.min(1.0), cover.min(1.0))
}

impl Scratch {
    /// Appends to `out` the links among `links` that are among the `k` best of their left
    /// sentence or of their right sentence. Ties (identical copies) go to the sentence
    /// nearest in relative position. (In no particular order: the caller sorts them.)
    fn keep_best(
        &mut self,
        links: &[Link],
        n_left: usize,
        n_right: usize,
        k: usize,
        out: &mut Vec<Link>,
    ) {
        let rel = |l: &Link| {
            let a = l.left as f32 / n_left.max(1) as f32;
            let b = l.right as f32 / n_right.max(1) as f32;
            (a - b).abs()
        };
        // When no left (or no right) sentence has more than k links, that pass keeps all.
        reset(&mut self.per_left, n_left, 0);
        reset(&mut self.per_right, n_right, 0);
        let (mut crowded_left, mut crowded_right) = (false, false);
        for l in links {
            self.per_left[l.left] += 1;
            self.per_right[l.right] += 1;
            crowded_left |= self.per_left[l.left] > k;
            crowded_right |= self.per_right[l.right] > k;
        }
        if !crowded_left || !crowded_right {
            out.extend_from_slice(links);
            return;
        }
        // The ranking below: best score, then nearest in relative position, then first.
        let before = |x: &Link, y: &Link| {
            y.score
                .total_cmp(&x.score)
                .then(rel(x).total_cmp(&rel(y)))
                .then((x.left, x.right).cmp(&(y.left, y.right)))
                .is_lt()
        };
        if k == 1 {
            // The best link of each left and of each right sentence, in one pass: the links
            // the ranking keeps, without sorting them all (identical copies: one sentence of
            // a report repeated 20 times in the other is 20 links per sentence).
            reset(&mut self.per_left, n_left, usize::MAX);
            reset(&mut self.per_right, n_right, usize::MAX);
            for (n, l) in links.iter().enumerate() {
                for best in [&mut self.per_left[l.left], &mut self.per_right[l.right]] {
                    if *best == usize::MAX || before(l, &links[*best]) {
                        *best = n;
                    }
                }
            }
            out.extend(
                links
                    .iter()
                    .enumerate()
                    .filter(|&(n, l)| self.per_left[l.left] == n || self.per_right[l.right] == n)
                    .map(|(_, l)| *l),
            );
            return;
        }
        self.ranked.clear();
        self.ranked.extend(
            links
                .iter()
                .map(|l| (l.score, rel(l), l.left as u32, l.right as u32, l.kind)),
        );
        // Every (left, right) is there once: the order is total.
        self.ranked.sort_unstable_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then(x.1.total_cmp(&y.1))
                .then((x.2, x.3).cmp(&(y.2, y.3)))
        });
        reset(&mut self.per_left, n_left, 0);
        reset(&mut self.per_right, n_right, 0);
        reset(&mut self.keep, self.ranked.len(), false);
        for (n, x) in self.ranked.iter().enumerate() {
            let l = x.2 as usize;
            if self.per_left[l] < k {
                self.per_left[l] += 1;
                self.keep[n] = true;
            }
        }
        for (n, x) in self.ranked.iter().enumerate() {
            let r = x.3 as usize;
            if self.per_right[r] < k {
                self.per_right[r] += 1;
                self.keep[n] = true;
            }
        }
        out.extend(
            self.ranked
                .iter()
                .zip(&self.keep)
                .filter(|(_, keep)| **keep)
                .map(|(&(score, _, left, right, kind), _)| Link {
                    left: left as usize,
                    right: right as usize,
                    kind,
                    score,
                }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load::{Input, LoadOptions, load_input};

    #[test]
    fn one_best_per_sentence_is_what_the_ranking_keeps() {
        // Copies: each left sentence scores the same against several right ones, and
        // scores repeat, so ties are decided by position, then order.
        let (nl, nr) = (30, 45);
        let links: Vec<Link> = (0..nl)
            .flat_map(|i| {
                (0..nr)
                    .filter(move |j| (i * 7 + j * 3) % 5 < 2)
                    .map(move |j| Link {
                        left: i,
                        right: j,
                        kind: LinkKind::Same,
                        score: [1.0, 0.5, 1.0, 0.25][(i + j) % 4],
                    })
            })
            .collect();
        let mut got = Vec::new();
        Scratch::default().keep_best(&links, nl, nr, 1, &mut got);
        got.sort_unstable_by_key(|l| (l.left, l.right));
        // The reference: rank every link, keep the first of each left and of each right.
        let rel = |l: &Link| (l.left as f32 / nl as f32 - l.right as f32 / nr as f32).abs();
        let mut ranked = links.clone();
        ranked.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then(rel(x).total_cmp(&rel(y)))
                .then((x.left, x.right).cmp(&(y.left, y.right)))
        });
        let (mut seen_l, mut seen_r) = (vec![false; nl], vec![false; nr]);
        let mut want: Vec<Link> = ranked
            .into_iter()
            .filter(|l| {
                let keep = !seen_l[l.left] || !seen_r[l.right];
                seen_l[l.left] = true;
                seen_r[l.right] = true;
                keep
            })
            .collect();
        want.sort_unstable_by_key(|l| (l.left, l.right));
        assert_eq!(got, want);
        assert!(got.len() < links.len() && got.len() >= nl.max(nr));
    }

    #[test]
    fn kept_working_space_never_changes_an_alignment() {
        let arts: Vec<_> = (0..5)
            .map(|i| {
                load_input(&Input::Seed(i), &LoadOptions::default())
                    .expect("seed loads")
                    .articles
                    .remove(0)
            })
            .collect();
        let ex = crate::engine::entities::extract_story(&arts);
        let corpus = Corpus::new(
            &arts.iter().collect::<Vec<_>>(),
            &ex.iter().collect::<Vec<_>>(),
        );
        // Every ordered pair, in an order that changes the left document often, against a
        // fresh working space each time.
        for round in 0..2 {
            for i in 0..5 {
                for j in 0..5 {
                    let (a, b) = if round == 0 { (i, j) } else { (j, i) };
                    let warm = corpus.align(a, b);
                    let cold =
                        corpus.align_in(&corpus.docs[a], &corpus.docs[b], &mut Scratch::default());
                    assert_eq!(warm, cold, "{a} with {b}");
                    assert!(!warm.links.is_empty(), "{a} with {b}");
                }
            }
        }
    }
}
