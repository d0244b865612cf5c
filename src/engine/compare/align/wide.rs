//! Story-wide alignment, for stories too big to align every pair of reports
//! ([`crate::engine::story::WIDE_FROM`] reports and more).
//!
//! Every pair of reports aligned once costs the square of the story: 300 reports are 44,850
//! pairs. Here each sentence is compared once, with the story's *clusters* instead: term
//! weights are the story's (inverse sentence frequency over all its sentences, times rarity in
//! English), and the sentences are read report by report. A sentence joins the cluster whose
//! first sentence (its leader) it is strongly linked to by the pair model's own rules
//! ([`super::Params`], [`super::STRONG_SCORE`]) — a verbatim copy joins its original's cluster
//! at once — provided the cluster has no sentence of its report yet; otherwise it leads a
//! new cluster. Its other links to leaders that pass the pair model's bars are kept too (up to
//! [`TOUCHES`], the best-counterpart allowance for each: a leader stands for its cluster's
//! sentence in every report): they are the partial links coverage counts.
//!
//! Candidates come from an inverted index over the leaders, rarest terms first, so the work
//! grows with the number of sentences times the number of clusters a sentence shares a rare
//! term with, not with the square of the reports.
//!
//! Coverage then follows the clusters: two sentences of different reports in one cluster are
//! linked (`same` when they are copies or both `same` as the leader, otherwise partial: the
//! words whose stems the other has), and so are a sentence and the members of a cluster it
//! links to (and, for a sentence `same` as its leader, the members of the clusters the leader
//! links to). The figures approximate those of aligning every pair; `parallax story` says
//! which model a story used, and `cargo run --release --example story_methods` measures the
//! difference (README, Speed).

use super::pair::scores;
use super::{Corpus, LinkKind, STRONG_SCORE};
use rustc_hash::FxHashMap;

/// A sentence's place in the clusters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member {
    pub cluster: u32,
    /// How it is linked to the cluster's leader (`Same`, score 1 for the leader itself).
    pub kind: LinkKind,
    pub score: f32,
}

/// The clusters of a story's sentences. Sentences are numbered story-wide: report r's
/// sentence k is `offset[r] + k`.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    /// Per sentence: its cluster (`None`: a sentence without terms).
    pub member: Vec<Option<Member>>,
    /// Per cluster: its sentences, the leader first, then in story order (one per report).
    pub members: Vec<Vec<u32>>,
    /// Per sentence: the other clusters it is linked to (partial links to their leaders),
    /// best first.
    pub touches: Vec<Vec<(u32, f32)>>,
    /// Per sentence: its report.
    pub report_of: Vec<u32>,
    /// Per corpus term: its story-wide weight.
    weight: Vec<f32>,
    /// Per sentence: the sum of its terms' weights.
    norm: Vec<f32>,
}

/// A term in more leaders than this is used only while a sentence has fewer than six rarer
/// shared terms (as [`super::pair`] does within a report).
const COMMON: usize = 256;

/// The most other clusters a sentence keeps links to: twice the pair model's links per
/// sentence, since a cluster's leader stands for its sentences in all reports (8 gave the
/// smallest coverage difference from every pair aligned on generated stories of 30 and 300
/// reports and on the seeds; 4 and 12 were measured too).
const TOUCHES: usize = 8;

/// The most clusters one sentence is compared with.
const MAX_CANDIDATES: usize = 4096;

impl Clusters {
    /// Story-wide sentence `x` as (report, sentence of that report), `offset[r]` numbering
    /// report r's first sentence.
    pub fn place(&self, x: u32, offset: &[usize]) -> (usize, usize) {
        let r = self.report_of[x as usize] as usize;
        (r, x as usize - offset[r])
    }
}

impl Corpus {
    /// Clusters the sentences of all documents (see the module documentation).
    pub fn clusters(&self) -> Clusters {
        let p = self.params;
        let vocab = self
            .docs
            .iter()
            .filter_map(|d| d.vocab.last())
            .map(|&t| t as usize + 1)
            .max()
            .unwrap_or(0);
        // Story-wide sentence frequency and background weight of every term.
        let mut sf = vec![0u32; vocab];
        let mut bg = vec![0f32; vocab];
        for d in &self.docs {
            for ((&t, &df), &b) in d.vocab.iter().zip(&d.df).zip(&d.bg) {
                sf[t as usize] += df;
                bg[t as usize] = bg[t as usize].max(b);
            }
        }
        let total: usize = self.docs.iter().map(|d| d.sentences.len()).sum();
        let n = (total.max(1) + 1) as f32;
        let weight: Vec<f32> = sf
            .iter()
            .zip(&bg)
            .map(|(&f, &b)| (n / (f as f32 + 0.5)).ln().max(0.0) * b)
            .collect();
        let mut out = Clusters {
            member: Vec::with_capacity(total),
            members: Vec::new(),
            touches: Vec::with_capacity(total),
            report_of: Vec::with_capacity(total),
            weight: Vec::new(),
            norm: Vec::with_capacity(total),
        };
        // Per cluster: its leader's norm, the last report that joined it.
        let mut lead_norm: Vec<f32> = Vec::new();
        let mut last_report: Vec<u32> = Vec::new();
        let mut index: Vec<Vec<u32>> = vec![Vec::new(); vocab];
        let mut exact: FxHashMap<u64, u32> = FxHashMap::default();
        let mut acc: Vec<f32> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        let mut common: Vec<(u32, usize)> = Vec::new();
        let mut found: Vec<(f32, f32, f32, u32)> = Vec::new();
        for (r, d) in self.docs.iter().enumerate() {
            let r32 = r as u32;
            for k in 0..d.sentences.len() {
                out.report_of.push(r32);
                let x = out.member.len() as u32;
                let terms: Vec<u32> = d.terms_of(k).iter().map(|&t| d.vocab[t as usize]).collect();
                let norm: f32 = terms.iter().map(|&t| weight[t as usize]).sum();
                out.norm.push(norm);
                if terms.is_empty() {
                    out.member.push(None);
                    out.touches.push(Vec::new());
                    continue;
                }
                let key = d.keys.get(k).copied().unwrap_or(0);
                if let Some(&c) = exact.get(&key)
                    && last_report[c as usize] != r32
                {
                    last_report[c as usize] = r32;
                    out.members[c as usize].push(x);
                    out.member.push(Some(Member {
                        cluster: c,
                        kind: LinkKind::Same,
                        score: 1.0,
                    }));
                    out.touches.push(Vec::new());
                    continue;
                }
                // Shared weight with every leader reached, rarest terms first.
                acc.resize(out.members.len(), 0.0);
                common.clear();
                let mut rare = 0;
                let add = |post: &[u32], w: f32, acc: &mut [f32], touched: &mut Vec<u32>| {
                    for &c in post {
                        let slot = &mut acc[c as usize];
                        if *slot == 0.0 {
                            touched.push(c);
                        }
                        *slot += w;
                    }
                };
                for &t in &terms {
                    let (post, w) = (&index[t as usize], weight[t as usize]);
                    if post.is_empty() || w <= 0.0 {
                        continue;
                    }
                    if post.len() > COMMON {
                        common.push((t, post.len()));
                        continue;
                    }
                    rare += 1;
                    add(post, w, &mut acc, &mut touched);
                }
                if rare < 6 && !common.is_empty() {
                    common.sort_by_key(|c| c.1);
                    for &(t, _) in common.iter().take(6 - rare) {
                        add(
                            &index[t as usize],
                            weight[t as usize],
                            &mut acc,
                            &mut touched,
                        );
                    }
                }
                found.clear();
                for &c in touched.iter().take(MAX_CANDIDATES) {
                    let shared = acc[c as usize];
                    let (shared, cosine, cover) = scores(shared, norm, lead_norm[c as usize]);
                    found.push((shared, cosine, cover, c));
                }
                for &c in &touched {
                    acc[c as usize] = 0.0;
                }
                touched.clear();
                // The pair model's rules, against each leader. A cluster stands for a sentence
                // of each of its reports, so every leader may be the best counterpart in some
                // report: the allowance for a best counterpart applies to each.
                let mut links: Vec<(f32, u32, LinkKind)> = found
                    .iter()
                    .filter_map(|&(shared, cosine, cover, c)| {
                        let kind = p.kind(shared, cosine, cover, true)?;
                        Some((cosine.max(cover * 0.8), c, kind))
                    })
                    .collect();
                links.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                let joined = links.iter().position(|&(score, c, kind)| {
                    (kind == LinkKind::Same || score >= STRONG_SCORE)
                        && last_report[c as usize] != r32
                });
                let member = match joined {
                    Some(at) => {
                        let (score, c, kind) = links[at];
                        last_report[c as usize] = r32;
                        out.members[c as usize].push(x);
                        Member {
                            cluster: c,
                            kind,
                            score,
                        }
                    }
                    None => {
                        let c = out.members.len() as u32;
                        out.members.push(vec![x]);
                        lead_norm.push(norm);
                        last_report.push(r32);
                        for &t in &terms {
                            index[t as usize].push(c);
                        }
                        exact.entry(key).or_insert(c);
                        Member {
                            cluster: c,
                            kind: LinkKind::Same,
                            score: 1.0,
                        }
                    }
                };
                out.member.push(Some(member));
                out.touches.push(
                    links
                        .iter()
                        .filter(|l| l.1 != member.cluster)
                        .take(TOUCHES)
                        .map(|&(score, c, _)| (c, score))
                        .collect(),
                );
            }
        }
        out.weight = weight;
        out
    }

    /// The story-wide score of sentence `a` (story-wide number) with sentence `b`, when the
    /// pair model's rules would link them (without the "best counterpart" allowance).
    pub fn wide_link(
        &self,
        c: &Clusters,
        offset: &[usize],
        a: u32,
        b: u32,
    ) -> Option<(LinkKind, f32)> {
        let p = self.params;
        let terms = |x: u32| -> Option<(&super::Doc, &[u32])> {
            let r = *c.report_of.get(x as usize)? as usize;
            let d = self.docs.get(r)?;
            Some((d, d.terms_of(x as usize - offset.get(r)?)))
        };
        let ((da, ta), (db, tb)) = (terms(a)?, terms(b)?);
        let (mut i, mut j, mut shared) = (0, 0, 0f32);
        while i < ta.len() && j < tb.len() {
            let (x, y) = (da.vocab[ta[i] as usize], db.vocab[tb[j] as usize]);
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += c.weight.get(x as usize).copied().unwrap_or(0.0);
                    i += 1;
                    j += 1;
                }
            }
        }
        let (na, nb) = (c.norm[a as usize], c.norm[b as usize]);
        let (shared, cosine, cover) = scores(shared, na, nb);
        let kind = p.kind(shared, cosine, cover, false)?;
        Some((kind, cosine.max(cover * 0.8)))
    }
}

/// Sentences of up to this many distinct stems count their covered words exactly; of a
/// longer one, the words of its first 128 distinct stems.
const BITS: usize = 128;

/// The positions (in `sx`, at most [`BITS`]) of the stems `sy` has too: both ascending.
fn shared_bits(sx: &[(u32, u32)], sy: &[(u32, u32)]) -> u128 {
    let (mut p, mut q, mut bits) = (0, 0, 0u128);
    while p < sx.len().min(BITS) && q < sy.len() {
        match sx[p].0.cmp(&sy[q].0) {
            std::cmp::Ordering::Less => p += 1,
            std::cmp::Ordering::Greater => q += 1,
            std::cmp::Ordering::Equal => {
                bits |= 1 << p;
                p += 1;
                q += 1;
            }
        }
    }
    bits
}

impl Corpus {
    /// The coverage matrix the clusters give (`coverage[i][j]`: the share of report i's words
    /// report j covers): a sentence's words are all covered by a report with a sentence
    /// `same` as it in its cluster (see the module documentation), otherwise those whose
    /// stems a linked sentence of that report has. `offset[r]` numbers report r's first
    /// sentence story-wide; `progress` hears (reports done, reports) as rows finish.
    pub fn cluster_coverage(
        &self,
        c: &Clusters,
        offset: &[usize],
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Vec<Vec<f32>> {
        use rayon::prelude::*;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let n = self.docs.len().min(offset.len());
        let mut touchers: Vec<Vec<u32>> = vec![Vec::new(); c.members.len()];
        for (x, t) in c.touches.iter().enumerate() {
            for &(cl, _) in t {
                touchers[cl as usize].push(x as u32);
            }
        }
        let place = |x: u32| c.place(x, offset);
        let done = AtomicUsize::new(0);
        (0..n)
            .into_par_iter()
            .map(|r| {
                let d = &self.docs[r];
                let total: usize = d.words.iter().map(Vec::len).sum();
                let mut covered = vec![0usize; n];
                // Per report, for the sentence being measured: whether it was reached, by a
                // `same` sentence, and the stems reached.
                let mut seen = vec![u32::MAX; n];
                let mut same = vec![false; n];
                let mut bits = vec![0u128; n];
                let mut reached: Vec<usize> = Vec::new();
                let mut memo: FxHashMap<(u32, u32), u128> = FxHashMap::default();
                for k in 0..d.sentences.len() {
                    let x = (offset[r] + k) as u32;
                    let Some(mx) = c.member.get(x as usize).copied().flatten() else {
                        continue;
                    };
                    let form_x = d.form.get(k).copied().unwrap_or(u32::MAX);
                    let stems_x = d.stems_of(k);
                    let mut visit = |m: u32, is_same: bool| {
                        let (j, km) = place(m);
                        if j == r {
                            return;
                        }
                        if seen[j] != x {
                            seen[j] = x;
                            same[j] = false;
                            bits[j] = 0;
                            reached.push(j);
                        }
                        let dm = &self.docs[j];
                        let form_m = dm.form.get(km).copied().unwrap_or(u32::MAX);
                        if is_same || (form_x == form_m && form_x != u32::MAX) {
                            same[j] = true;
                        } else if !same[j] {
                            bits[j] |= *memo
                                .entry((form_x, form_m))
                                .or_insert_with(|| shared_bits(stems_x, dm.stems_of(km)));
                        }
                    };
                    let cl = mx.cluster as usize;
                    for &m in &c.members[cl] {
                        if m != x {
                            let mm = c.member[m as usize];
                            let both_same = mx.kind == LinkKind::Same
                                && mm.is_some_and(|mm| mm.kind == LinkKind::Same);
                            visit(m, both_same);
                        }
                    }
                    for &(other, _) in &c.touches[x as usize] {
                        for &m in &c.members[other as usize] {
                            visit(m, false);
                        }
                    }
                    let leader = c.members[cl][0];
                    // A sentence `same` as its leader has the leader's other links too.
                    if leader != x && mx.kind == LinkKind::Same {
                        for &(other, _) in &c.touches[leader as usize] {
                            for &m in &c.members[other as usize] {
                                visit(m, false);
                            }
                        }
                    }
                    for &m in &touchers[cl] {
                        visit(m, false);
                    }
                    let words = d.words[k].len();
                    for j in reached.drain(..) {
                        covered[j] += if same[j] {
                            words
                        } else {
                            let mut b = bits[j];
                            let mut w = 0;
                            while b != 0 {
                                w += stems_x[b.trailing_zeros() as usize].1 as usize;
                                b &= b - 1;
                            }
                            w.min(words)
                        };
                    }
                }
                let row: Vec<f32> = covered
                    .iter()
                    .enumerate()
                    .map(|(j, &w)| {
                        if j == r {
                            1.0
                        } else if total == 0 {
                            0.0
                        } else {
                            w as f32 / total as f32
                        }
                    })
                    .collect();
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, n);
                row
            })
            .collect()
    }
}
