//! The story model: what three or more reports of one event agree on, what only one says,
//! who is quoted where, which figures disagree, and which report is wire copy.
//!
//! Everything comes from the pairwise alignments ([`crate::engine::compare::align`]) of all
//! reports, computed once, in parallel, keeping only each pair's links and figures
//! ([`pairs`]); a pair's full comparison (word diffs, rows) is computed when it is opened
//! ([`StoryModel::comparison`]). A pair's figures depend on the two reports only (term rarity
//! within the pair), so `parallax compare A B` and the story give one answer. A story of
//! [`WIDE_FROM`] reports or more is built from story-wide clusters instead ([`wide`],
//! [`Method::StoryWide`]): the same statements, approximated, at a cost that grows about
//! linearly with the reports.
//!
//! - **Claims** ([`claims`]) group sentences of several reports that assert one fact: strong
//!   links only, complete linkage, one sentence per report; boilerplate, subheadings and thin
//!   sentences are not claims. A claim carried by one report is single-source.
//! - **Coverage matrix**: `coverage[i][j]` is the share of report i's words report j covers.
//! - **Entity matrix**: every canonical entity × report, with mention counts.
//! - **Quote ledger**: each quotation and, per report, whether it appears verbatim, trimmed (a
//!   run of at least five of its words, or most of it, with at least three words besides names,
//!   figures and the commonest words: "President Trump and President Putin" in two remarks is
//!   no quotation), paraphrased (its sentence is in a claim that report carries, so the ledger
//!   and the claims agree), attributed to someone else (the words are there, another speaker),
//!   or not.
//! - **Discrepancies**: the pairs' discrepancies ([`crate::engine::compare::discrepancy`])
//!   gathered per claim with each report's values and every pair of reports that disagree
//!   (places and dates only between sentences of one claim).
//! - **Originality**: per report, the share of its words in verbatim runs of 8+ words shared
//!   with another report (wire copy).

pub mod claims;
mod pairs;
mod quotes;
mod render;
mod wide;
mod wire;

pub use render::{report_names, to_json, to_markdown};

use crate::engine::article::{Article, Span};
use crate::engine::compare::align::{Alignment, Corpus};
use crate::engine::compare::discrepancy::Side;
use crate::engine::compare::{Comparison, Discrepancy, compare_in};
use crate::engine::entities::{EntityKind, Extraction};
use crate::engine::segment::{self, Sentence};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// A sentence of the story: (report, sentence index in that report's aligned sentences).
pub type SentenceRef = (usize, usize);

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Sorted by report, then sentence.
    pub sentences: Vec<SentenceRef>,
    /// The reports that carry it, ascending.
    pub reports: Vec<usize>,
}

impl Claim {
    pub fn single_source(&self) -> bool {
        self.reports.len() == 1
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    pub kind: EntityKind,
    pub canonical: String,
    /// Mentions per report.
    pub counts: Vec<usize>,
}

impl EntityRow {
    /// How many reports mention it.
    pub fn spread(&self) -> usize {
        self.counts.iter().filter(|&&n| n > 0).count()
    }
}

/// How a quotation appears in one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteUse {
    /// The report the quote was found in first.
    Source,
    Verbatim,
    Trimmed,
    Paraphrased,
    /// The words are there, attributed to another speaker.
    OtherSpeaker,
    Absent,
}

impl QuoteUse {
    pub fn label(self) -> &'static str {
        match self {
            QuoteUse::Source => "source",
            QuoteUse::Verbatim => "verbatim",
            QuoteUse::Trimmed => "trimmed",
            QuoteUse::Paraphrased => "paraphrased",
            QuoteUse::OtherSpeaker => "other speaker",
            QuoteUse::Absent => "absent",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    /// Where it was first found.
    pub report: usize,
    pub span: Span,
    pub speaker: Option<String>,
    /// Per report.
    pub uses: Vec<QuoteUse>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoryDiscrepancy {
    pub claim: usize,
    pub kind: EntityKind,
    /// Per report that gives one: its values (text, span), the report's sentence.
    pub values: BTreeMap<usize, (SentenceRef, Vec<(String, Span)>)>,
    /// The pairs of reports `(i, j)`, `i < j`, that disagree, with both values: every one up
    /// to [`MAX_PAIRS`], in report order (a story of 1,000 reports split between two figures
    /// has 250,000 such pairs; `values` says which report gives which).
    pub pairs: Vec<(usize, usize, Discrepancy)>,
    /// How many pairs disagree, listed or not.
    pub pairs_total: usize,
    /// A figure given as a lower bound: perhaps one count told at two times.
    pub possible_update: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Originality {
    pub words: usize,
    pub wire_words: usize,
}

impl Originality {
    /// Share of the report's words in wire-copy runs.
    pub fn wire_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.wire_words as f32 / self.words as f32
        }
    }
}

/// The whole story.
#[derive(Debug, Clone, Default)]
pub struct StoryModel {
    pub n: usize,
    /// Per report: its aligned sentences.
    pub sentences: Vec<Vec<Sentence>>,
    pub claims: Vec<Claim>,
    /// Per report, per sentence: its claim.
    pub claim_of: Vec<Vec<usize>>,
    pub coverage: Vec<Vec<f32>>,
    pub entities: Vec<EntityRow>,
    pub quotes: Vec<QuoteRow>,
    pub discrepancies: Vec<StoryDiscrepancy>,
    pub originality: Vec<Originality>,
    /// The reports prepared for alignment: a pair compared in it (either way round,
    /// [`compare_in`]) gives the figures above, when the model aligned every pair.
    pub corpus: Corpus,
    /// How the model was built.
    pub method: Method,
}

/// How a story model finds what its reports share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Every pair of reports aligned: a pair's figures are `parallax compare`'s.
    #[default]
    Pairs,
    /// Story-wide clusters ([`WIDE_FROM`] reports or more): the work grows about linearly
    /// with the reports; the figures approximate those of every pair aligned.
    StoryWide,
}

impl Method {
    /// The method for a story of `n` reports.
    pub fn for_reports(n: usize) -> Method {
        if n >= WIDE_FROM {
            Method::StoryWide
        } else {
            Method::Pairs
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Method::Pairs => "every pair aligned",
            Method::StoryWide => "story-wide clusters",
        }
    }
}

/// Stories of this many reports or more are modelled with story-wide clusters
/// ([`Method::StoryWide`]): aligning every pair costs the square of the reports (100 reports
/// are 4,950 pairs, a second of work; 1,000 are half a million).
pub const WIDE_FROM: usize = 100;

impl StoryModel {
    /// How many other reports carry the claim sentence `s` of report `r` belongs to.
    pub fn carried_by_others(&self, r: usize, s: usize) -> usize {
        self.claim_of
            .get(r)
            .and_then(|c| c.get(s))
            .and_then(|&c| self.claims.get(c))
            .map_or(0, |c| c.reports.len().saturating_sub(1))
    }

    /// The alignment of report `i` (left) with report `j`: the links behind the claims,
    /// coverage and discrepancies of the pair.
    pub fn alignment(&self, i: usize, j: usize) -> Alignment {
        self.corpus.align(i, j)
    }

    /// The whole comparison of report `i` (left) with report `j` (`articles` and
    /// `extractions` those the model was built from), computed now: the model keeps each
    /// pair's figures, not its word diffs. `None` when either is not a report of the model.
    pub fn comparison(
        &self,
        i: usize,
        j: usize,
        articles: &[Article],
        extractions: &[Extraction],
    ) -> Option<Comparison> {
        if i.max(j) >= self.n {
            return None;
        }
        let (a, b) = (articles.get(i)?, articles.get(j)?);
        let (ea, eb) = (extractions.get(i)?, extractions.get(j)?);
        Some(compare_in(&self.corpus, i, j, (a, ea), (b, eb)))
    }
}

/// The most reports one story model holds (the coverage matrix has a figure per pair).
/// Past it the model holds the first `MAX_REPORTS` (`model.n` says how many), and callers
/// say so.
pub const MAX_REPORTS: usize = 1000;

/// The most pairs of reports one story discrepancy lists ([`StoryDiscrepancy::pairs`]).
pub const MAX_PAIRS: usize = 1000;

/// Builds the story model of `articles` (with their extractions, canonicalised across the
/// story: [`crate::engine::entities::extract_story`]), of the first [`MAX_REPORTS`] at most.
pub fn build(articles: &[Article], extractions: &[Extraction]) -> StoryModel {
    build_with(articles, extractions, &|_, _| {})
}

/// [`build`], telling `progress` (pairs aligned, pairs in all) as it goes.
pub fn build_with(
    articles: &[Article],
    extractions: &[Extraction],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> StoryModel {
    let n = articles.len().min(extractions.len()).min(MAX_REPORTS);
    build_by(articles, extractions, Method::for_reports(n), progress)
}

/// [`build_with`] by the given method, whatever the story's size.
pub fn build_by(
    articles: &[Article],
    extractions: &[Extraction],
    method: Method,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> StoryModel {
    let n = articles.len().min(extractions.len()).min(MAX_REPORTS);
    let (articles, extractions) = (&articles[..n], &extractions[..n]);
    let arts: Vec<&Article> = articles.iter().collect();
    let exs: Vec<&Extraction> = extractions.iter().collect();
    let corpus = Corpus::new(&arts, &exs);
    let sentences: Vec<Vec<Sentence>> = corpus.docs.iter().map(|d| d.sentences.clone()).collect();
    let mut offset = Vec::with_capacity(n);
    let mut total = 0;
    for s in &sentences {
        offset.push(total);
        total += s.len();
    }
    let worthy = claims::worthy(articles, extractions, &corpus);
    let mut sides: Vec<Side> = (0..n)
        .into_par_iter()
        .map(|r| Side::new(&articles[r], &extractions[r], &sentences[r]))
        .collect();
    crate::engine::compare::discrepancy::number_facts(&mut sides);
    let (coverage, claims, claim_of, found) = match method {
        Method::Pairs => {
            let pairs = pairs::all(&corpus, &sides, &offset, &worthy, progress);
            let (claims, claim_of) = claims::claims(&sentences, &offset, &worthy, &pairs.links);
            (pairs.coverage, claims, claim_of, pairs.discrepancies)
        }
        Method::StoryWide => {
            let w = wide::build(&corpus, &sides, &offset, &worthy, progress);
            (w.coverage, w.claims, w.claim_of, w.discrepancies)
        }
    };
    drop(sides);
    let discrepancies = discrepancies(found, &claim_of);
    let originality = wire::wire_marks(&corpus)
        .iter()
        .enumerate()
        .map(|(r, marks)| originality(&articles[r], &corpus.docs[r], marks))
        .collect();
    let quotes = quotes::quotes(articles, extractions, &corpus, &claims, &claim_of, n);
    StoryModel {
        n,
        entities: entities(extractions, n),
        sentences,
        claims,
        claim_of,
        coverage,
        quotes,
        discrepancies,
        originality,
        corpus,
        method,
    }
}

/// A report's words and wire words, of its content blocks only: the words the reader
/// counts ([`Article::word_count`]), not the copies of its headline the aligner also reads.
fn originality(
    article: &Article,
    doc: &crate::engine::compare::align::Doc,
    marks: &[bool],
) -> Originality {
    let mut out = Originality {
        words: 0,
        wire_words: 0,
    };
    let mut at = 0;
    for (s, words) in doc.sentences.iter().zip(&doc.words) {
        let here = marks.get(at..at + words.len()).unwrap_or(&[]);
        at += words.len();
        if article
            .blocks
            .get(s.block)
            .is_some_and(|b| b.kind.is_content())
        {
            out.words += words.len();
            out.wire_words += here.iter().filter(|&&x| x).count();
        }
    }
    out
}

fn entities(extractions: &[Extraction], n: usize) -> Vec<EntityRow> {
    let mut rows: BTreeMap<(EntityKind, String), Vec<usize>> = BTreeMap::new();
    for (r, ex) in extractions.iter().take(n).enumerate() {
        for m in &ex.mentions {
            if matches!(m.kind, EntityKind::Date | EntityKind::Number) {
                continue;
            }
            rows.entry((m.kind, m.canonical.clone()))
                .or_insert_with(|| vec![0; n])[r] += 1;
        }
    }
    let mut out: Vec<EntityRow> = rows
        .into_iter()
        .map(|((kind, canonical), counts)| EntityRow {
            kind,
            canonical,
            counts,
        })
        .collect();
    out.sort_by(|a, b| {
        b.spread()
            .cmp(&a.spread())
            .then(b.counts.iter().sum::<usize>().cmp(&a.counts.iter().sum()))
            .then(a.canonical.cmp(&b.canonical))
    });
    out
}

fn discrepancies(
    found: Vec<pairs::PairDiscrepancy>,
    claim_of: &[Vec<usize>],
) -> Vec<StoryDiscrepancy> {
    let mut by: BTreeMap<(usize, EntityKind), StoryDiscrepancy> = BTreeMap::new();
    for pairs::PairDiscrepancy { i, j, strong, d } in found {
        // Values disagree only between sentences telling one fact: of one claim, or joined
        // by a strong link; two sentences linked loosely say different things ("talks in
        // Istanbul" / "met in Kyiv", a rescue after 31 hours / another after 16).
        let claim = claim_of[i][d.left];
        // A figure in one slot of two linked sentences is specific enough on its own
        // ("a depth of 10 km" / "a depth of 16 km").
        let figure = d.kind == EntityKind::Number;
        if claim == usize::MAX || (claim_of[j][d.right] != claim && !strong && !figure) {
            continue;
        }
        let entry = by
            .entry((claim, d.kind))
            .or_insert_with(|| StoryDiscrepancy {
                claim,
                kind: d.kind,
                values: BTreeMap::new(),
                pairs: Vec::new(),
                pairs_total: 0,
                possible_update: false,
            });
        entry.possible_update |= d.possible_update;
        for (r, s, vals) in [(i, d.left, &d.left_values), (j, d.right, &d.right_values)] {
            let slot = entry
                .values
                .entry(r)
                .or_insert_with(|| ((r, s), Vec::new()));
            for v in vals {
                if !slot.1.iter().any(|x| x.0 == v.0) {
                    slot.1.push(v.clone());
                }
            }
        }
        entry.pairs_total += 1;
        if entry.pairs.len() < MAX_PAIRS {
            entry.pairs.push((i, j, d));
        }
    }
    by.into_values().collect()
}
