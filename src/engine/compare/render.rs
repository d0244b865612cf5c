//! Renderings of a [`Comparison`] for scripts and people: JSON (byte offsets into each file as
//! read), plain text side by side fitting a width, Markdown, and a compact list of links.

pub use super::json::to_json;

use super::diff::{Change, Piece};
use super::{Comparison, Row};
use crate::engine::article::{Article, Span};
use crate::engine::sanitize::sanitize_line;
use std::fmt::Write as _;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fn clip(s: &str, n: usize) -> String {
    let clean = sanitize_line(s);
    let mut out = String::new();
    for g in clean.graphemes(true) {
        if out.width() + g.width() > n {
            out.push('…');
            break;
        }
        out.push_str(g);
    }
    out
}

/// One line per link and per unlinked sentence, in left order then right order:
/// `L3 ↔ R2  same     0.81  left text | right text`. Stable, for golden files.
pub fn links_text(c: &Comparison, a: &Article, b: &Article) -> String {
    let mut out = String::new();
    let text = |art: &Article, s: &crate::engine::segment::Sentence| clip(art.slice(s.span), 44);
    for l in &c.alignment.links {
        let _ = writeln!(
            out,
            "L{} ↔ R{}  {:<7} {:.2}  {} | {}",
            l.left,
            l.right,
            l.kind.label(),
            l.score,
            text(a, &c.left_sentences[l.left]),
            text(b, &c.right_sentences[l.right]),
        );
    }
    for &i in &c.alignment.left_only {
        let _ = writeln!(out, "L{i} only  {}", text(a, &c.left_sentences[i]));
    }
    for &j in &c.alignment.right_only {
        let _ = writeln!(out, "R{j} only  {}", text(b, &c.right_sentences[j]));
    }
    out
}

/// The text of a row side with words only this side has in `[brackets]` (`mark`), sanitized.
fn marked(article: &Article, pieces: &[Vec<Piece>], mark: (&str, &str)) -> Vec<String> {
    pieces
        .iter()
        .map(|ps| {
            let mut s = String::new();
            for p in ps {
                let t = flat(article.slice(p.range));
                if p.change == Change::Only {
                    s.push_str(mark.0);
                    s.push_str(&t);
                    s.push_str(mark.1);
                } else {
                    s.push_str(&t);
                }
            }
            s
        })
        .collect()
}

pub use crate::engine::text::wrap;

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn header(c: &Comparison, a: &Article, b: &Article) -> Vec<String> {
    let (links, lo, ro) = c.counts();
    let mut lines = vec![
        format!(
            "A: {} ({})",
            sanitize_line(&a.title),
            sanitize_line(&a.source.label())
        ),
        format!(
            "B: {} ({})",
            sanitize_line(&b.title),
            sanitize_line(&b.source.label())
        ),
        format!(
            "B covers {:.0}% of A, A covers {:.0}% of B · {} · {lo} only in A · {ro} only in B · {}",
            c.coverage.0 * 100.0,
            c.coverage.1 * 100.0,
            count(links, "linked pair", "linked pairs"),
            count(c.discrepancies.len(), "discrepancy", "discrepancies")
        ),
    ];
    if c.unrelated {
        lines.push(UNRELATED.to_string());
    }
    lines
}

/// The warning shown when the two reports look like reports of different events.
pub const UNRELATED: &str = "warning: these reports look like reports of different events (no sentence says the same thing)";

/// `n` and the noun, singular for one.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Wraps a summary line made of parts joined by ` · ` to `width` columns, breaking only
/// between parts (the break stands for the separator), so no count is parted from its noun;
/// a part wider than a line is word-wrapped on its own.
fn wrap_summary(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for part in line.split(" · ") {
        if cur.is_empty() || cur.width() + 3 + part.width() > width {
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            let mut wrapped = wrap(part, width);
            cur = wrapped.pop().unwrap_or_default();
            lines.extend(wrapped);
        } else {
            cur.push_str(" · ");
            cur.push_str(part);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn gutter(row: &Row) -> String {
    match (row.kind, row.left.is_empty(), row.right.is_empty()) {
        (Some(_), _, _) => format!("{} {:.2}", row.sign().unwrap_or(' '), row.score),
        (None, false, true) => "< only A".to_string(),
        (None, true, false) => "only B >".to_string(),
        _ => String::new(),
    }
}

/// The narrowest side-by-side text ([`to_text`]): two columns and the gutter.
pub const MIN_TEXT_WIDTH: usize = 40;

/// Side by side in plain text, `width` columns: each row's sentences wrapped in two columns
/// with a gutter (`= 0.81` same, `~ 0.42` partial, `< only A`, `only B >`); words only one side
/// has are in `[brackets]`.
pub fn to_text(c: &Comparison, a: &Article, b: &Article, width: usize) -> String {
    let width = width.max(MIN_TEXT_WIDTH);
    let g = 10;
    let col = (width - g - 2) / 2;
    let mut out = String::new();
    for (i, line) in header(c, a, b).into_iter().enumerate() {
        // The third line is the summary: counts stay with their nouns.
        let lines = if i == 2 {
            wrap_summary(&line, width)
        } else {
            wrap(&line, width)
        };
        for l in lines {
            let _ = writeln!(out, "{l}");
        }
    }
    let _ = writeln!(out, "{}", "─".repeat(width));
    for row in &c.rows {
        let left: Vec<String> = marked(a, &row.diff.left, ("[", "]"))
            .iter()
            .flat_map(|s| wrap(s, col))
            .collect();
        let shown = row.right.len().min(row.diff.right.len());
        let mut right: Vec<String> = marked(b, &row.diff.right[..shown], ("[", "]"))
            .iter()
            .flat_map(|s| wrap(s, col))
            .collect();
        right.extend(row.refs.iter().flat_map(|r| {
            let with = c.rows.get(r.row).and_then(|x| x.left.first());
            let note = match with {
                Some(i) => format!("(also B{}, shown with A{})", r.right + 1, i + 1),
                None => format!("(also B{})", r.right + 1),
            };
            wrap(&note, col)
        }));
        let n = left.len().max(right.len()).max(1);
        let gut = gutter(row);
        for k in 0..n {
            let l = left.get(k).map_or("", |s| s.as_str());
            let r = right.get(k).map_or("", |s| s.as_str());
            let gt = if k == 0 { gut.as_str() } else { "" };
            let line = format!("{} {} {}", pad(l, col), pad(gt, g), r);
            let _ = writeln!(out, "{}", line.trim_end());
        }
        let _ = writeln!(out);
    }
    out
}

/// Article text is sanitized when loaded; only line breaks and tabs remain to flatten.
fn flat(s: &str) -> String {
    s.replace(['\n', '\t', '\r'], " ")
}

/// Text for a Markdown table cell or line: whitespace flattened, Markdown's special
/// characters escaped (the one escaper the compare and story renderings share).
pub(crate) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in flat(s).chars() {
        if matches!(
            ch,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

fn md_marked(article: &Article, pieces: &[Vec<Piece>]) -> String {
    let mut parts = Vec::new();
    for ps in pieces {
        let mut s = String::new();
        for p in ps {
            let t = md_escape(article.slice(p.range));
            if p.change == Change::Only && !t.trim().is_empty() {
                let _ = write!(s, "**{}**", t.trim());
                if t.ends_with(' ') {
                    s.push(' ');
                }
            } else {
                s.push_str(&t);
            }
        }
        parts.push(s);
    }
    parts.join(" ")
}

/// A Markdown report: summary, the shared sentences as a table (words only one side has in
/// bold), what only each report says, and the discrepancies.
pub fn to_markdown(c: &Comparison, a: &Article, b: &Article) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Comparison\n");
    if c.unrelated {
        let _ = writeln!(out, "**{UNRELATED}**\n");
    }
    let _ = writeln!(
        out,
        "- **A:** {} ({})",
        md_escape(&a.title),
        md_escape(&a.source.label())
    );
    let _ = writeln!(
        out,
        "- **B:** {} ({})",
        md_escape(&b.title),
        md_escape(&b.source.label())
    );
    let (links, lo, ro) = c.counts();
    let _ = writeln!(
        out,
        "- B covers {:.0}% of A; A covers {:.0}% of B. {}, {} only in A, {ro} only in B, {}.\n",
        c.coverage.0 * 100.0,
        c.coverage.1 * 100.0,
        count(links, "linked sentence pair", "linked sentence pairs"),
        count(lo, "sentence", "sentences"),
        count(c.discrepancies.len(), "discrepancy", "discrepancies")
    );
    let _ = writeln!(out, "## Reported by both\n");
    let _ = writeln!(out, "| A | link | B |\n| --- | --- | --- |");
    for row in c.rows.iter().filter(|r| !r.is_one_sided()) {
        let _ = writeln!(
            out,
            "| {} | {} {:.2} | {} |",
            md_marked(a, &row.diff.left),
            if row.is_weak() {
                "unsure"
            } else {
                row.kind.map_or("", |k| k.label())
            },
            row.score,
            md_marked(
                b,
                &row.diff.right[..row.right.len().min(row.diff.right.len())]
            ) + &row
                .refs
                .iter()
                .map(|r| format!(" (also B{})", r.right + 1))
                .collect::<String>()
        );
    }
    for (title, side_a) in [("Only in A", true), ("Only in B", false)] {
        let _ = writeln!(out, "\n## {title}\n");
        let (art, list, sents) = if side_a {
            (a, &c.alignment.left_only, &c.left_sentences)
        } else {
            (b, &c.alignment.right_only, &c.right_sentences)
        };
        if list.is_empty() {
            let _ = writeln!(out, "(nothing)");
        }
        for &i in list {
            let _ = writeln!(out, "- {}", md_escape(art.slice(sents[i].span)));
        }
    }
    let _ = writeln!(out, "\n## Discrepancies\n");
    if c.discrepancies.is_empty() {
        let _ = writeln!(out, "(none found)");
    }
    for d in &c.discrepancies {
        let vals = |v: &[(String, Span)]| {
            v.iter()
                .map(|(t, _)| md_escape(t))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "- {}: A says **{}**, B says **{}**  \n  A: {}  \n  B: {}",
            d.kind.label(),
            vals(&d.left_values),
            vals(&d.right_values),
            md_escape(a.slice(c.left_sentences[d.left].span)),
            md_escape(b.slice(c.right_sentences[d.right].span)),
        );
    }
    out
}
