//! The story model: what three or more reports of one event agree on, what only one says,
//! who is quoted where, which figures disagree, and which report is wire copy.
//!
//! Everything comes from the pairwise comparisons ([`crate::engine::compare`]) of all reports,
//! computed once, in parallel, over one [`Corpus`] (so a term's rarity is measured over the
//! whole story):
//!
//! - **Claims** group sentences that say the same thing across reports. Links are merged
//!   strongest first; two groups join only if at least half of the sentence pairs across them
//!   are linked (a guard against chaining A~B~C when A and C have nothing in common), and all of
//!   them when the join would give a report a second sentence in the claim (a report making
//!   the same point twice, in other words). A claim carried by one report is single-source.
//! - **Coverage matrix**: `coverage[i][j]` is the share of report i's words report j covers.
//! - **Entity matrix**: every canonical entity × report, with mention counts.
//! - **Quote ledger**: each quotation and, per report, whether it appears verbatim, trimmed (a
//!   run of at least five of its words, or most of it), paraphrased (its sentence is linked to
//!   one there), attributed to someone else (the words are there, another speaker), or not.
//! - **Discrepancies**: numbers, dates and places that differ between linked sentences,
//!   gathered per claim with each report's values (places and dates only between sentences
//!   of one claim).
//! - **Originality**: per report, the share of its words in verbatim runs of 8+ words shared
//!   with another report (wire copy).

use crate::engine::article::{Article, BlockKind, Span};
use crate::engine::compare::align::{Corpus, LinkKind};
use crate::engine::compare::{Comparison, compare_in};
use crate::engine::entities::{EntityKind, Extraction};
use crate::engine::segment::{self, Sentence};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
    /// All pairs `(i, j)` with `i < j`, compared.
    pub comparisons: HashMap<(usize, usize), Comparison>,
    pub claims: Vec<Claim>,
    /// Per report, per sentence: its claim.
    pub claim_of: Vec<Vec<usize>>,
    pub coverage: Vec<Vec<f32>>,
    pub entities: Vec<EntityRow>,
    pub quotes: Vec<QuoteRow>,
    pub discrepancies: Vec<StoryDiscrepancy>,
    pub originality: Vec<Originality>,
    /// The reports prepared for alignment, with term rarity over the whole story: a pair
    /// compared in it (either way round, [`compare_in`]) gives the figures above.
    pub corpus: Corpus,
}

impl StoryModel {
    /// How many other reports carry the claim sentence `s` of report `r` belongs to.
    pub fn carried_by_others(&self, r: usize, s: usize) -> usize {
        self.claim_of
            .get(r)
            .and_then(|c| c.get(s))
            .and_then(|&c| self.claims.get(c))
            .map_or(0, |c| c.reports.len().saturating_sub(1))
    }
}

/// The most reports one story model compares (every pair is compared: n² work and memory).
/// Past it the model holds the first `MAX_REPORTS` (`model.n` says how many), and callers say so.
pub const MAX_REPORTS: usize = 200;

/// Builds the story model of `articles` (with their extractions, canonicalised across the
/// story: [`crate::engine::entities::extract_story`]), of the first [`MAX_REPORTS`] at most.
pub fn build(articles: &[Article], extractions: &[Extraction]) -> StoryModel {
    let n = articles.len().min(extractions.len()).min(MAX_REPORTS);
    let arts: Vec<&Article> = articles[..n].iter().collect();
    let exs: Vec<&Extraction> = extractions[..n].iter().collect();
    let corpus = Corpus::new(&arts, &exs);
    let pairs: Vec<(usize, usize)> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect();
    let comparisons: HashMap<(usize, usize), Comparison> = pairs
        .par_iter()
        .map(|&(i, j)| {
            (
                (i, j),
                compare_in(&corpus, i, j, (arts[i], exs[i]), (arts[j], exs[j])),
            )
        })
        .collect();
    let sentences: Vec<Vec<Sentence>> = corpus.docs.iter().map(|d| d.sentences.clone()).collect();
    let (claims, claim_of) = claims(articles, &sentences, &comparisons);
    let mut coverage = vec![vec![1.0f32; n]; n];
    for (&(i, j), c) in &comparisons {
        coverage[i][j] = c.coverage.0;
        coverage[j][i] = c.coverage.1;
    }
    let discrepancies = discrepancies(&comparisons, &claim_of);
    let originality = (0..n)
        .map(|r| {
            let mut wire: BTreeSet<usize> = BTreeSet::new();
            for (&(i, j), c) in &comparisons {
                if i == r {
                    wire.extend(c.wire.0.starts());
                } else if j == r {
                    wire.extend(c.wire.1.starts());
                }
            }
            Originality {
                words: corpus.docs[r].words.iter().map(Vec::len).sum(),
                wire_words: wire.len(),
            }
        })
        .collect();
    let quotes = quotes(articles, extractions, &corpus, &comparisons, n);
    StoryModel {
        n,
        entities: entities(extractions, n),
        sentences,
        comparisons,
        claims,
        claim_of,
        coverage,
        quotes,
        discrepancies,
        originality,
        corpus,
    }
}

fn claims(
    articles: &[Article],
    sentences: &[Vec<Sentence>],
    comparisons: &HashMap<(usize, usize), Comparison>,
) -> (Vec<Claim>, Vec<Vec<usize>>) {
    // Nodes: every sentence of every report; repeated headlines are folded into the title.
    let mut offset = Vec::with_capacity(sentences.len());
    let mut total = 0;
    for s in sentences {
        offset.push(total);
        total += s.len();
    }
    let node = |r: usize, s: usize| offset[r] + s;
    let mut edges: Vec<(f32, usize, usize)> = Vec::new();
    let mut linked: HashSet<(usize, usize)> = HashSet::new();
    for (&(i, j), c) in comparisons {
        for l in &c.alignment.links {
            let (x, y) = (node(i, l.left), node(j, l.right));
            let weight = l.score + if l.kind == LinkKind::Same { 1.0 } else { 0.0 };
            edges.push((weight, x, y));
            linked.insert((x.min(y), x.max(y)));
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let report_of: Vec<usize> = (0..sentences.len())
        .flat_map(|r| std::iter::repeat_n(r, sentences[r].len()))
        .collect();
    let skipped: Vec<bool> = (0..sentences.len())
        .flat_map(|r| {
            sentences[r].iter().map(move |s| {
                matches!(
                    articles
                        .get(r)
                        .and_then(|a| a.blocks.get(s.block))
                        .map(|b| b.kind),
                    Some(BlockKind::Skipped(_))
                )
            })
        })
        .collect();
    let mut members: Vec<Vec<usize>> = (0..total).map(|x| vec![x]).collect();
    let mut cluster: Vec<usize> = (0..total).collect();
    for (_, x, y) in edges {
        if skipped[x] || skipped[y] {
            continue;
        }
        let (cx, cy) = (cluster[x], cluster[y]);
        if cx == cy {
            continue;
        }
        // Pairs across reports (sentences of one report are never aligned to each other).
        let (mut cross, mut links) = (0, 0);
        for &a in &members[cx] {
            for &b in &members[cy] {
                if report_of[a] != report_of[b] {
                    cross += 1;
                    links += usize::from(linked.contains(&(a.min(b), a.max(b))));
                }
            }
        }
        // The guard against chaining: at least half the pairs across the two groups must be
        // linked. A merge that gives one report a second sentence in the claim (a report
        // making the point twice, in other words) needs every pair linked and at least three
        // reports in the claim: two sentences that one sentence elsewhere happens to link to
        // are not yet the same point.
        let mut reports: HashSet<usize> = members[cx].iter().map(|&m| report_of[m]).collect();
        let repeats = members[cy]
            .iter()
            .filter(|&&m| !reports.insert(report_of[m]))
            .count()
            > 0;
        if (repeats && (links < cross || reports.len() < 3)) || 2 * links < cross {
            continue;
        }
        let moved = std::mem::take(&mut members[cy]);
        for &m in &moved {
            cluster[m] = cx;
        }
        members[cx].extend(moved);
    }
    let mut out: Vec<Claim> = Vec::new();
    let mut claim_of: Vec<Vec<usize>> = sentences
        .iter()
        .map(|s| vec![usize::MAX; s.len()])
        .collect();
    let mut order: Vec<usize> = (0..total).filter(|&c| !members[c].is_empty()).collect();
    let key = |c: usize| {
        let reports: BTreeSet<usize> = members[c].iter().map(|&m| report_of[m]).collect();
        let first = members[c].iter().copied().min().unwrap_or(0);
        (std::cmp::Reverse(reports.len()), first)
    };
    order.sort_by_key(|&c| key(c));
    for c in order {
        let mut sents: Vec<SentenceRef> = members[c]
            .iter()
            .map(|&m| (report_of[m], m - offset[report_of[m]]))
            .collect();
        sents.sort_unstable();
        // A repeated headline on its own is not a claim of its own.
        if sents.len() == 1 && skipped[members[c][0]] {
            continue;
        }
        let reports: Vec<usize> = sents
            .iter()
            .map(|s| s.0)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for &(r, s) in &sents {
            claim_of[r][s] = out.len();
        }
        out.push(Claim {
            sentences: sents,
            reports,
        });
    }
    (out, claim_of)
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
    comparisons: &HashMap<(usize, usize), Comparison>,
    claim_of: &[Vec<usize>],
) -> Vec<StoryDiscrepancy> {
    let mut by: BTreeMap<(usize, EntityKind), StoryDiscrepancy> = BTreeMap::new();
    let mut keys: Vec<&(usize, usize)> = comparisons.keys().collect();
    keys.sort_unstable();
    for &(i, j) in keys {
        let c = &comparisons[&(i, j)];
        for d in &c.discrepancies {
            // Places and dates disagree only within a claim: two sentences linked loosely but
            // placed in different claims say different things ("talks in Istanbul" / "met in
            // Kyiv"). A figure in the same slot is specific enough on its own ("a depth of
            // 10 km" / "a depth of 16 km", whatever else the two sentences say).
            let claim = claim_of[i][d.left];
            if claim == usize::MAX
                || (d.kind != EntityKind::Number && claim_of[j][d.right] != claim)
            {
                continue;
            }
            let entry = by
                .entry((claim, d.kind))
                .or_insert_with(|| StoryDiscrepancy {
                    claim,
                    kind: d.kind,
                    values: BTreeMap::new(),
                });
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
        }
    }
    by.into_values().collect()
}

/// Longest run of consecutive equal words between `q` and `s`: (length, start in s).
fn longest_run(q: &[&str], s: &[&str]) -> (usize, usize) {
    let mut best = (0, 0);
    let mut prev = vec![0usize; s.len() + 1];
    let mut cur = vec![0usize; s.len() + 1];
    for qw in q {
        for (k, sw) in s.iter().enumerate() {
            cur[k + 1] = if qw == sw { prev[k] + 1 } else { 0 };
            if cur[k + 1] > best.0 {
                best = (cur[k + 1], k + 1 - cur[k + 1]);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

fn quotes(
    articles: &[Article],
    extractions: &[Extraction],
    corpus: &Corpus,
    comparisons: &HashMap<(usize, usize), Comparison>,
    n: usize,
) -> Vec<QuoteRow> {
    // Every report's words (norms) with their spans.
    let words: Vec<Vec<segment::Word>> = corpus
        .docs
        .iter()
        .map(|d| d.words.iter().flatten().cloned().collect())
        .collect();
    let norms: Vec<Vec<&str>> = words
        .iter()
        .map(|ws| ws.iter().map(|w| w.norm.as_str()).collect())
        .collect();
    let mut rows: Vec<QuoteRow> = Vec::new();
    // Quotes already accounted for: (report, quote start).
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for r in 0..n {
        for q in &extractions[r].quotes {
            if seen.contains(&(r, q.span.start)) {
                continue;
            }
            let qw: Vec<String> = segment::words(&articles[r].text, q.span)
                .into_iter()
                .map(|w| w.norm)
                .collect();
            let qn: Vec<&str> = qw.iter().map(String::as_str).collect();
            if qn.len() < 3 {
                continue;
            }
            let mut uses = vec![QuoteUse::Absent; n];
            uses[r] = QuoteUse::Source;
            for s in (0..n).filter(|&s| s != r) {
                let (len, start) = longest_run(&qn, &norms[s]);
                if len >= 5 || (len >= 3 && 2 * len > qn.len()) {
                    let at = words[s][start].span.start;
                    // The quote in `s` that holds these words, and its speaker.
                    let there = extractions[s].quotes.iter().find(|x| x.span.contains(at));
                    if let Some(x) = there {
                        seen.insert((s, x.span.start));
                    }
                    let other_speaker = match (there.and_then(|x| x.speaker.as_ref()), &q.speaker) {
                        (Some(a), Some(b)) => a != b,
                        _ => false,
                    };
                    uses[s] = if other_speaker {
                        QuoteUse::OtherSpeaker
                    } else if len == qn.len() {
                        QuoteUse::Verbatim
                    } else {
                        QuoteUse::Trimmed
                    };
                } else if paraphrased(r, s, q.span, corpus, comparisons) {
                    uses[s] = QuoteUse::Paraphrased;
                }
            }
            rows.push(QuoteRow {
                report: r,
                span: q.span,
                speaker: q.speaker.clone(),
                uses,
            });
        }
    }
    rows
}

/// True when the sentence holding `span` in report `r` is linked to a sentence of `s`.
fn paraphrased(
    r: usize,
    s: usize,
    span: Span,
    corpus: &Corpus,
    comparisons: &HashMap<(usize, usize), Comparison>,
) -> bool {
    let Some(i) = corpus.docs[r]
        .sentences
        .iter()
        .position(|x| x.span.overlaps(span))
    else {
        return false;
    };
    let Some(c) = comparisons.get(&(r.min(s), r.max(s))) else {
        return false;
    };
    c.alignment
        .links
        .iter()
        .any(|l| if r < s { l.left == i } else { l.right == i })
}

/// The story model as JSON, byte offsets into each file as read.
pub fn to_json(m: &StoryModel, articles: &[Article]) -> serde_json::Value {
    use serde_json::json;
    let map = |r: usize, o: usize| articles[r].source_map.to_source(o);
    let sref = |(r, s): SentenceRef| {
        let sp = m.sentences[r][s].span;
        json!({"report": r, "sentence": s, "start": map(r, sp.start), "end": map(r, sp.end)})
    };
    let round = |x: f32| (x as f64 * 1000.0).round() / 1000.0;
    json!({
        "reports": articles.iter().take(m.n).enumerate().map(|(r, a)| json!({
            "index": r, "path": a.source.label(), "title": a.title,
            "sentences": m.sentences[r].iter().map(|s| json!({"start": map(r, s.span.start), "end": map(r, s.span.end)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "claims": m.claims.iter().map(|c| json!({
            "reports": c.reports, "single_source": c.single_source(),
            "sentences": c.sentences.iter().map(|&s| sref(s)).collect::<Vec<_>>(),
            "text": articles[c.sentences[0].0].slice(m.sentences[c.sentences[0].0][c.sentences[0].1].span),
        })).collect::<Vec<_>>(),
        "coverage": m.coverage.iter().map(|row| row.iter().map(|&x| round(x)).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "entities": m.entities.iter().map(|e| json!({"type": e.kind.label(), "canonical": e.canonical, "counts": e.counts})).collect::<Vec<_>>(),
        "quotes": m.quotes.iter().map(|q| json!({
            "report": q.report, "start": map(q.report, q.span.start), "end": map(q.report, q.span.end),
            "text": articles[q.report].slice(q.span), "speaker": q.speaker, "uses": q.uses,
        })).collect::<Vec<_>>(),
        "discrepancies": m.discrepancies.iter().map(|d| json!({
            "claim": d.claim, "type": d.kind.label(),
            "values": d.values.iter().map(|(&r, (s, vals))| json!({
                "report": r, "sentence": sref(*s),
                "values": vals.iter().map(|(t, sp)| json!({"text": t, "start": map(r, sp.start), "end": map(r, sp.end)})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "originality": m.originality.iter().map(|o| json!({"words": o.words, "wire_words": o.wire_words, "wire_share": round(o.wire_share())})).collect::<Vec<_>>(),
    })
}

fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\n' | '\t' | '\r' => out.push(' '),
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// Short names for reports in tables: their outlet, or their file stem.
pub fn report_names(articles: &[Article]) -> Vec<String> {
    articles
        .iter()
        .map(|a| crate::engine::sanitize::sanitize_line(&a.outlet_label()))
        .collect()
}

/// A Markdown report a fact-checker can paste: reports, coverage matrix, claims by how many
/// reports carry them, single-source claims, discrepancies, quotes and wire copy.
pub fn to_markdown(m: &StoryModel, articles: &[Article]) -> String {
    use std::fmt::Write as _;
    let names = report_names(articles);
    let mut o = String::new();
    let _ = writeln!(o, "# Story: {} reports\n", m.n);
    for (r, a) in articles.iter().take(m.n).enumerate() {
        let _ = writeln!(
            o,
            "{}. **{}** ({}): {}",
            r + 1,
            md(&names[r]),
            md(&a.source.label()),
            md(&a.title)
        );
    }
    let _ = writeln!(
        o,
        "\n## Coverage (share of the row's report that the column's report covers)\n"
    );
    let _ = writeln!(
        o,
        "| | {} |\n|---|{}",
        (1..=m.n)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(m.n)
    );
    for (r, row) in m.coverage.iter().enumerate() {
        let _ = writeln!(
            o,
            "| {} | {} |",
            r + 1,
            row.iter()
                .enumerate()
                .map(|(c, x)| if c == r {
                    "—".to_string()
                } else {
                    format!("{:.0}%", x * 100.0)
                })
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    let text = |(r, s): SentenceRef| md(articles[r].slice(m.sentences[r][s].span));
    let _ = writeln!(o, "\n## Claims carried by several reports\n");
    for c in m.claims.iter().filter(|c| c.reports.len() > 1) {
        let _ = writeln!(
            o,
            "- **{}/{} reports** ({}): {}",
            c.reports.len(),
            m.n,
            c.reports
                .iter()
                .map(|r| (r + 1).to_string())
                .collect::<Vec<_>>()
                .join(", "),
            text(c.sentences[0])
        );
    }
    let _ = writeln!(o, "\n## Single-source claims\n");
    for (r, name) in names.iter().enumerate().take(m.n) {
        let singles: Vec<_> = m
            .claims
            .iter()
            .filter(|c| c.single_source() && c.reports[0] == r)
            .collect();
        if singles.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n### Only in {} ({})\n", r + 1, md(name));
        for c in singles {
            let _ = writeln!(o, "- {}", text(c.sentences[0]));
        }
    }
    let _ = writeln!(o, "\n## Discrepancies\n");
    if m.discrepancies.is_empty() {
        let _ = writeln!(o, "(none found)");
    }
    for d in &m.discrepancies {
        let vals: Vec<String> = d
            .values
            .iter()
            .map(|(r, (_, v))| {
                format!(
                    "{} says **{}**",
                    r + 1,
                    v.iter().map(|x| md(&x.0)).collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        let _ = writeln!(o, "- {} — {}", d.kind.label(), vals.join("; "));
    }
    let _ = writeln!(o, "\n## Quotes\n");
    for q in &m.quotes {
        let _ = writeln!(
            o,
            "- “{}” — {} (first in {}): {}",
            md(articles[q.report]
                .slice(q.span)
                .trim_matches(|c| "\"“”".contains(c))),
            md(q.speaker.as_deref().unwrap_or("unattributed")),
            q.report + 1,
            q.uses
                .iter()
                .enumerate()
                .filter(|(r, _)| *r != q.report)
                .map(|(r, u)| format!("{} {}", r + 1, u.label()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(o, "\n## Wire copy\n");
    for (r, x) in m.originality.iter().enumerate() {
        let _ = writeln!(
            o,
            "- {} ({}): {:.0}% of {} words in verbatim runs of 8+ words shared with another report",
            r + 1,
            md(&names[r]),
            x.wire_share() * 100.0,
            x.words
        );
    }
    o
}
