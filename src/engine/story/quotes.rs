//! The quote ledger: each quotation and how every other report uses it.

use super::*;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// Runs of quoted words are looked up through word trigrams: a use needs a run of 3+ words.
const GRAM: usize = 3;

fn gram_hash(words: &[&str]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    words.hash(&mut h);
    h.finish()
}

/// Every word trigram of the story: hash → (report, position), so finding a quotation's
/// words in every report costs the places its trigrams occur, not every report's length.
struct Grams(FxHashMap<u64, Vec<(u32, u32)>>);

impl Grams {
    fn new(norms: &[Vec<&str>]) -> Grams {
        let mut map: FxHashMap<u64, Vec<(u32, u32)>> = FxHashMap::default();
        for (r, ns) in norms.iter().enumerate() {
            for (p, w) in ns.windows(GRAM).enumerate() {
                map.entry(gram_hash(w))
                    .or_default()
                    .push((r as u32, p as u32));
            }
        }
        Grams(map)
    }

    /// Per report other than `r`: the longest run of consecutive equal words of `q` in it, of
    /// at least [`GRAM`] words, as (length, start in that report) — on a tie the run that
    /// starts first in `q`, then in the report (what a scan of `q` against the report in
    /// reading order finds first). Shorter runs are not looked for: (0, 0).
    fn longest_runs(&self, q: &[&str], norms: &[Vec<&str>], r: usize) -> Vec<(usize, usize)> {
        // (length, start in q, start in the report) per report.
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; norms.len()];
        for (a, w) in q.windows(GRAM).enumerate() {
            let Some(hits) = self.0.get(&gram_hash(w)) else {
                continue;
            };
            for &(s, p) in hits {
                let (s, p) = (s as usize, p as usize);
                let sw = &norms[s];
                if s == r || sw[p..p + GRAM] != *w {
                    continue;
                }
                // The whole run through (a, p).
                let back = (1..=a.min(p))
                    .take_while(|&k| q[a - k] == sw[p - k])
                    .count();
                let (qa, sa) = (a - back, p - back);
                let len = q[qa..]
                    .iter()
                    .zip(&sw[sa..])
                    .take_while(|(x, y)| x == y)
                    .count();
                let better = match best[s] {
                    None => true,
                    Some((l, bq, bs)) => len > l || (len == l && (qa, sa) < (bq, bs)),
                };
                if better {
                    best[s] = Some((len, qa, sa));
                }
            }
        }
        best.into_iter()
            .map(|b| b.map_or((0, 0), |(len, _, start)| (len, start)))
            .collect()
    }
}

pub(super) fn quotes(
    articles: &[Article],
    extractions: &[Extraction],
    corpus: &Corpus,
    claims: &[Claim],
    claim_of: &[Vec<usize>],
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
        .map(|ws| ws.iter().map(|w| &*w.norm).collect())
        .collect();
    let grams = Grams::new(&norms);
    let mut rows: Vec<QuoteRow> = Vec::new();
    // Quotes already accounted for: (report, quote start).
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for r in 0..n {
        for q in &extractions[r].quotes {
            if seen.contains(&(r, q.span.start)) {
                continue;
            }
            let qw: Vec<std::sync::Arc<str>> = segment::words(&articles[r].text, q.span)
                .into_iter()
                .map(|w| w.norm)
                .collect();
            let qn: Vec<&str> = qw.iter().map(|w| &**w).collect();
            if qn.len() < 3 {
                continue;
            }
            let mut uses = vec![QuoteUse::Absent; n];
            uses[r] = QuoteUse::Source;
            let runs = grams.longest_runs(&qn, &norms, r);
            // The sentence holding the quotation, and its claim's reports.
            let carried = corpus.docs[r]
                .sentences
                .iter()
                .position(|x| x.span.overlaps(q.span))
                .and_then(|i| claim_of[r].get(i))
                .and_then(|&c| claims.get(c))
                .map_or(&[][..], |c| c.reports.as_slice());
            for s in (0..n).filter(|&s| s != r) {
                let (len, start) = runs[s];
                let run = words[s].get(start..start + len).unwrap_or(&[]);
                // Long enough (a run of 0–2 words is no use), then enough words of its own.
                if (len >= 5 || (len >= 3 && 2 * len > qn.len()))
                    && said_words(run, &extractions[s]) >= 3.min(len - 1)
                {
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
                } else if carried.contains(&s) {
                    // Its sentence is in a claim that report carries.
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

/// How many words of `run` (consecutive words of one report) say something of their own:
/// outside every name, date and figure that report mentions, and not among the commonest
/// words of English ([`crate::engine::compare::align::background_weight`] 0). Two reports
/// sharing "President Trump and President Putin" or "the United States and Russia" share
/// names, not a quotation.
fn said_words(run: &[segment::Word], extraction: &Extraction) -> usize {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return 0;
    };
    let mentions: Vec<Span> = extraction
        .mentions_in(Span::new(first.span.start, last.span.end))
        .map(|m| m.span)
        .collect();
    run.iter()
        .filter(|w| !mentions.iter().any(|m| m.contains(w.span.start)))
        .filter(|w| crate::engine::compare::align::background_weight(&w.norm) > 0.0)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan the index replaces: longest run of consecutive equal words of `q` in `s`,
    /// (length, start in s), the first found in reading order on a tie.
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

    /// A small pseudo-random stream (SplitMix64).
    fn stream(seed: u64) -> impl FnMut(usize) -> usize {
        let mut x = seed;
        move |n| {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) % n as u64) as usize
        }
    }

    #[test]
    fn indexed_runs_equal_the_scan() {
        // Texts over a small vocabulary, so runs of every length and ties are common.
        let vocab = ["a", "b", "c", "d", "e", "f"];
        let mut next = stream(7);
        for round in 0..200 {
            let reports: Vec<Vec<&str>> = (0..4)
                .map(|_| (0..next(60)).map(|_| vocab[next(vocab.len())]).collect())
                .collect();
            let r = round % 4;
            // A quote: a piece of report r, sometimes altered.
            let src = &reports[r];
            let q: Vec<&str> = if src.len() > 3 {
                let from = next(src.len() - 3);
                let mut q: Vec<&str> = src[from..(from + 3 + next(12)).min(src.len())].to_vec();
                if next(2) == 0 {
                    let k = next(q.len());
                    q[k] = vocab[next(vocab.len())];
                }
                q
            } else {
                vec!["a", "b", "c"]
            };
            let runs = Grams::new(&reports).longest_runs(&q, &reports, r);
            for (s, words) in reports.iter().enumerate() {
                if s == r {
                    continue;
                }
                let (len, start) = longest_run(&q, words);
                if len >= GRAM {
                    assert_eq!(runs[s], (len, start), "round {round}, report {s}: {q:?}");
                } else {
                    assert!(runs[s].0 < GRAM, "round {round}, report {s}");
                }
            }
        }
    }
}
