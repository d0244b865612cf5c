//! Copying with the source (`y`): what is at hand — the reading pane's current sentence (after
//! a search, the one holding the current hit), the compare view's row, the story screen's
//! claim, quote or discrepancy — with a citation line per report (outlet, title, date, URL
//! or path), all on sanitized lines, sent to the terminal's clipboard with OSC 52 (which
//! works over SSH and in tmux with `set-clipboard on`).

use super::compare::CompareView;
use super::compare::layout::row_side;
use super::model::Model;
use super::story::{Pane, StoryState};
use crate::engine::sanitize::sanitize_line;
use crate::engine::side::Side;
use crate::engine::{Article, Span};
use base64::Engine;

/// The most text one copy sends (terminals cap OSC 52; a row or claim is far shorter).
pub const MAX_COPY: usize = 64 * 1024;

/// What `y` copies and how the status line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    pub text: String,
    pub what: &'static str,
}

/// The escape sequence that puts `text` on the clipboard: OSC 52, base64, BEL-terminated.
pub fn osc52(text: &str) -> String {
    let mut end = text.len().min(MAX_COPY);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let b64 = base64::engine::general_purpose::STANDARD.encode(&text[..end]);
    format!("\x1b]52;c;{b64}\x07")
}

/// The citation of a report: `— outlet, “title”, date, URL or path` (sanitized; what is
/// unknown is left out).
pub fn citation(a: &Article) -> String {
    let mut parts = vec![sanitize_line(&a.outlet_label())];
    let title = sanitize_line(&a.title);
    if !title.is_empty() {
        parts.push(format!("\u{201c}{title}\u{201d}"));
    }
    if let Some(d) = a.meta.date.as_deref().map(sanitize_line) {
        parts.push(d);
    }
    let place = a
        .meta
        .url
        .as_deref()
        .map(sanitize_line)
        .unwrap_or_else(|| a.source.label());
    if !parts.contains(&place) {
        parts.push(place);
    }
    parts.retain(|p| !p.is_empty());
    format!("\u{2014} {}", parts.join(", "))
}

/// The sentence of report `i` that holds byte `at` (the block holding it before the
/// sentences are known).
pub fn sentence_at(model: &Model, i: usize, at: usize) -> Option<Span> {
    let a = model.article(i)?;
    let within = |s: &Span| s.start <= at && at < s.end.max(s.start + 1);
    let from_ex = model
        .extraction(i)
        .and_then(|ex| ex.sentences.iter().map(|s| s.span).find(within));
    from_ex.or_else(|| a.content_blocks().map(|b| b.span).find(within))
}

/// The reading pane: the sentence of report `i` holding byte `at`, then its citation.
pub fn sentence(model: &Model, i: usize, at: usize) -> Option<Clip> {
    let a = model.article(i)?;
    let span = sentence_at(model, i, at)?;
    let text = format!(
        "\u{201c}{}\u{201d}\n{}\n",
        sanitize_line(a.slice(span)),
        citation(a)
    );
    Some(Clip {
        text,
        what: "the sentence",
    })
}

/// The compare view: the current row, each side's sentences under its letter and outlet,
/// then both citations.
pub fn row(view: &CompareView) -> Option<Clip> {
    let c = view.shown()?;
    let row = c.rows.get(view.row)?;
    let shown = view.displayed();
    let mut text = String::new();
    for side in [Side::Left, Side::Right] {
        let s = shown[side];
        let (idx, _) = row_side(row, side);
        let sentences = match side {
            Side::Left => &c.left_sentences,
            Side::Right => &c.right_sentences,
        };
        let said: Vec<String> = idx
            .iter()
            .filter_map(|&i| sentences.get(i))
            .map(|x| sanitize_line(s.article.slice(x.span)))
            .collect();
        let said = if said.is_empty() {
            "(not in this report)".to_string()
        } else {
            said.join(" ")
        };
        text.push_str(&format!("{} ({}): {said}\n", s.letter, s.outlet));
    }
    for side in [Side::Left, Side::Right] {
        let s = shown[side];
        text.push_str(&format!("{}: {}\n", s.letter, citation(&s.article)));
    }
    Some(Clip {
        text,
        what: "the row",
    })
}

/// The story screen: the selected claim, quote or discrepancy with the citation of every
/// report it quotes from.
pub fn story(state: &StoryState, model: &Model) -> Option<Clip> {
    let (_, m, members) = state.story(model)?;
    let article = |r: usize| members.get(r).and_then(|&i| model.article(i));
    let sentence = |r: usize, s: usize| -> Option<String> {
        let span = m.sentences.get(r)?.get(s)?.span;
        Some(sanitize_line(article(r)?.slice(span)))
    };
    let cite = |rs: &mut Vec<usize>, text: &mut String| {
        rs.dedup();
        for &r in rs.iter() {
            if let Some(a) = article(r) {
                text.push_str(&citation(a));
                text.push('\n');
            }
        }
    };
    let sel = state.current();
    match state.pane {
        Pane::Claims => {
            let claim = m.claims.get(*state.claim_rows.get(sel)?)?;
            let &(r, s) = claim.sentences.first()?;
            let mut text = format!(
                "\u{201c}{}\u{201d} ({} of {} reports)\n",
                sentence(r, s)?,
                claim.reports.len(),
                m.n
            );
            let mut rs: Vec<usize> = claim.sentences.iter().map(|&(r, _)| r).collect();
            rs.sort_unstable();
            cite(&mut rs, &mut text);
            Some(Clip {
                text,
                what: "the claim",
            })
        }
        Pane::Quotes => {
            let q = m.quotes.get(sel)?;
            let words = sanitize_line(article(q.report)?.slice(q.span));
            let speaker = q.speaker.as_deref().map(sanitize_line);
            let mut text = match speaker.filter(|s| !s.is_empty()) {
                Some(who) => format!("{words} ({who})\n"),
                None => format!("{words}\n"),
            };
            cite(&mut vec![q.report], &mut text);
            Some(Clip {
                text,
                what: "the quote",
            })
        }
        Pane::Discrepancies => {
            let d = m.discrepancies.get(sel)?;
            let mut text = format!("{} differs:\n", d.kind.name());
            let mut rs = Vec::new();
            for (&r, ((sr, ss), vals)) in &d.values {
                let said: Vec<String> = vals.iter().map(|(v, _)| sanitize_line(v)).collect();
                let outlet = article(r).map(|a| sanitize_line(&a.outlet_label()));
                text.push_str(&format!(
                    "{}: {} \u{2014} \u{201c}{}\u{201d}\n",
                    outlet.unwrap_or_default(),
                    said.join(", "),
                    sentence(*sr, *ss).unwrap_or_default()
                ));
                rs.push(r);
            }
            cite(&mut rs, &mut text);
            Some(Clip {
                text,
                what: "the discrepancy",
            })
        }
        Pane::Coverage | Pane::Entities => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn osc52_is_base64_between_the_right_bytes() {
        let s = osc52("Rubio said \u{201c}no\u{201d}");
        assert!(s.starts_with("\x1b]52;c;") && s.ends_with('\x07'));
        let b64 = &s[7..s.len() - 1];
        let back = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert_eq!(
            String::from_utf8(back).unwrap(),
            "Rubio said \u{201c}no\u{201d}"
        );
        // Capped at a character boundary.
        let long = "é".repeat(MAX_COPY);
        assert!(osc52(&long).len() < MAX_COPY * 2);
    }
}
