//! The story model as JSON and as Markdown.

use super::*;
use serde_json::Value;

/// A JSON object from (key, value) pairs, the values moved in (the `json!` macro copies
/// every value it is given: a story's nested lists would be copied at each level).
fn obj<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn list<T>(items: impl IntoIterator<Item = T>, f: impl FnMut(T) -> Value) -> Value {
    Value::Array(items.into_iter().map(f).collect())
}

/// The story model as JSON, byte offsets into each file as read.
pub fn to_json(m: &StoryModel, articles: &[Article]) -> Value {
    let map = |r: usize, o: usize| Value::from(articles[r].source_map.to_source(o));
    let sref = |(r, s): SentenceRef| {
        let sp = m.sentences[r][s].span;
        obj([
            ("report", r.into()),
            ("sentence", s.into()),
            ("start", map(r, sp.start)),
            ("end", map(r, sp.end)),
        ])
    };
    let round = |x: f32| Value::from((x as f64 * 1000.0).round() / 1000.0);
    let ints = |v: &[usize]| list(v, |&x| Value::from(x));
    let opt = |s: &Option<String>| s.as_ref().map_or(Value::Null, |s| Value::from(s.as_str()));
    obj([
        (
            "model",
            serde_json::to_value(m.method).unwrap_or(Value::Null),
        ),
        (
            "reports",
            list(articles.iter().take(m.n).enumerate(), |(r, a)| {
                obj([
                    ("index", r.into()),
                    ("path", a.source.label().into()),
                    ("title", a.title.as_str().into()),
                    (
                        "sentences",
                        list(&m.sentences[r], |s| {
                            obj([("start", map(r, s.span.start)), ("end", map(r, s.span.end))])
                        }),
                    ),
                ])
            }),
        ),
        (
            "claims",
            list(&m.claims, |c| {
                let (r, k) = c.sentences[0];
                obj([
                    ("reports", ints(&c.reports)),
                    ("single_source", c.single_source().into()),
                    ("sentences", list(&c.sentences, |&s| sref(s))),
                    ("text", articles[r].slice(m.sentences[r][k].span).into()),
                ])
            }),
        ),
        (
            "coverage",
            list(&m.coverage, |row| list(row, |&x| round(x))),
        ),
        (
            "entities",
            list(&m.entities, |e| {
                obj([
                    ("type", e.kind.label().into()),
                    ("canonical", e.canonical.as_str().into()),
                    ("counts", ints(&e.counts)),
                ])
            }),
        ),
        (
            "quotes",
            list(&m.quotes, |q| {
                obj([
                    ("report", q.report.into()),
                    ("start", map(q.report, q.span.start)),
                    ("end", map(q.report, q.span.end)),
                    ("text", articles[q.report].slice(q.span).into()),
                    ("speaker", opt(&q.speaker)),
                    ("uses", serde_json::to_value(&q.uses).unwrap_or(Value::Null)),
                ])
            }),
        ),
        (
            "discrepancies",
            list(&m.discrepancies, |d| {
                let side = |r: usize, s: usize, vals: &[(String, Span)], norm: &[String]| {
                    obj([
                        ("report", r.into()),
                        ("sentence", sref((r, s))),
                        (
                            "values",
                            list(vals.iter().zip(norm), |((t, sp), n)| {
                                obj([
                                    ("text", t.as_str().into()),
                                    ("start", map(r, sp.start)),
                                    ("end", map(r, sp.end)),
                                    ("normalised", n.as_str().into()),
                                ])
                            }),
                        ),
                    ])
                };
                obj([
                    ("claim", d.claim.into()),
                    ("type", d.kind.label().into()),
                    (
                        "values",
                        list(&d.values, |(&r, (s, vals))| {
                            obj([
                                ("report", r.into()),
                                ("sentence", sref(*s)),
                                (
                                    "values",
                                    list(vals, |(t, sp)| {
                                        obj([
                                            ("text", t.as_str().into()),
                                            ("start", map(r, sp.start)),
                                            ("end", map(r, sp.end)),
                                        ])
                                    }),
                                ),
                            ])
                        }),
                    ),
                    ("possible_update", d.possible_update.into()),
                    ("pairs_total", d.pairs_total.into()),
                    (
                        "pairs",
                        list(&d.pairs, |(i, j, x)| {
                            obj([
                                ("reports", ints(&[*i, *j])),
                                ("left", side(*i, x.left, &x.left_values, &x.left_normalised)),
                                (
                                    "right",
                                    side(*j, x.right, &x.right_values, &x.right_normalised),
                                ),
                            ])
                        }),
                    ),
                ])
            }),
        ),
        (
            "originality",
            list(&m.originality, |o| {
                obj([
                    ("words", o.words.into()),
                    ("wire_words", o.wire_words.into()),
                    ("wire_share", round(o.wire_share())),
                ])
            }),
        ),
    ])
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
    if m.method == super::Method::StoryWide {
        let _ = writeln!(
            o,
            "From story-wide clusters ({} reports or more; `--model pairs` aligns every pair, \
             as `parallax compare` does).\n",
            super::WIDE_FROM
        );
    }
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
