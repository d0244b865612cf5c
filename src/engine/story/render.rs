//! The story model as JSON and as Markdown.

use super::*;

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
            "possible_update": d.possible_update,
            "pairs": d.pairs.iter().map(|(i, j, x)| {
                let side = |r: usize, s: usize, vals: &[(String, Span)], norm: &[String]| json!({
                    "report": r, "sentence": sref((r, s)),
                    "values": vals.iter().zip(norm).map(|((t, sp), n)| json!({
                        "text": t, "start": map(r, sp.start), "end": map(r, sp.end), "normalised": n,
                    })).collect::<Vec<_>>(),
                });
                json!({"reports": [i, j],
                       "left": side(*i, x.left, &x.left_values, &x.left_normalised),
                       "right": side(*j, x.right, &x.right_values, &x.right_normalised)})
            }).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "originality": m.originality.iter().map(|o| json!({"words": o.words, "wire_words": o.wire_words, "wire_share": round(o.wire_share())})).collect::<Vec<_>>(),
    })
}

use crate::engine::compare::render::md_escape as md;

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
