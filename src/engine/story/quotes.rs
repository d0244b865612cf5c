//! The quote ledger: each quotation and how every other report uses it.

use super::*;

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
                } else if paraphrased(r, s, q.span, corpus, claims, claim_of) {
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

/// True when the sentence holding `span` in report `r` is in a claim report `s` carries.
fn paraphrased(
    r: usize,
    s: usize,
    span: Span,
    corpus: &Corpus,
    claims: &[Claim],
    claim_of: &[Vec<usize>],
) -> bool {
    let Some(i) = corpus.docs[r]
        .sentences
        .iter()
        .position(|x| x.span.overlaps(span))
    else {
        return false;
    };
    claim_of[r]
        .get(i)
        .and_then(|&c| claims.get(c))
        .is_some_and(|c| c.reports.contains(&s))
}
