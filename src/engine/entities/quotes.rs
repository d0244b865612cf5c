//! Direct quotations and their speakers.
//!
//! Quotes are paired within a block (curly `“…”`, or straight `"…"` alternating), so a quote
//! may span sentences. The speaker is the PERSON (or ORG) named next to a verb of saying just
//! after the closing mark (`…,” Rubio said`, `…,” said Medinsky`, `Rubio told reporters`) or
//! just before the opening one (`Trump said, “…`); `he`/`she` resolve to the last person
//! named before the quote; a quote that directly follows an attributed one in the same block
//! (within a short gap) inherits its speaker. Unattributed quotes of 1–3 words are scare quotes and left out.

use super::gazetteer::SAY_VERBS;
use super::{EntityKind, Mention, Quote};
use crate::engine::article::Span;
use crate::engine::segment::find_byte;

fn words_in(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Pairs quote marks inside `span` of `text`.
fn pairs(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(block) = text.get(span.range()) else {
        return out;
    };
    let mut open_curly: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    // Byte by byte: `"` is one byte, and `“` `”` are E2 80 9C / E2 80 9D (a lead byte E2
    // never occurs inside another character).
    let b = block.as_bytes();
    let mut from = 0;
    while let Some(i) = find_byte(b, from, &[b'"', 0xE2]) {
        from = i + 1;
        match b[i] {
            0xE2 => match b.get(i + 1..i + 3) {
                Some([0x80, 0x9C]) => open_curly = Some(i),
                Some([0x80, 0x9D]) => {
                    if let Some(s) = open_curly.take() {
                        out.push(Span::new(span.start + s, span.start + i + 3));
                    }
                }
                _ => {}
            },
            b'"' => match open_straight.take() {
                Some(s) => out.push(Span::new(span.start + s, span.start + i + 1)),
                None => open_straight = Some(i),
            },
            _ => {}
        }
    }
    out.sort();
    out
}

/// The first lower-cased word of `s` and the rest.
fn first_word(s: &str) -> (String, &str) {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ':');
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’'))
        .unwrap_or(s.len());
    (s[..end].trim_end_matches('.').to_lowercase(), &s[end..])
}

fn speaker_kind(m: &Mention) -> bool {
    matches!(m.kind, EntityKind::Person | EntityKind::Org)
}

/// Finds quotes in `blocks` (spans of `text`), resolving speakers with `mentions`.
pub fn find(text: &str, blocks: &[Span], mentions: &[Mention]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    for &block in blocks {
        let mut previous: Option<(Span, Option<String>)> = None;
        for q in pairs(text, block) {
            let inner = text.get(q.start..q.end).unwrap_or("");
            let mut speaker =
                after(text, q, block, mentions).or_else(|| before(text, q, block, mentions));
            if speaker.is_none()
                && let Some((p, Some(s))) = &previous
                && text
                    .get(p.end..q.start)
                    .is_some_and(|gap| gap.len() <= 120 && !gap.contains(['“', '"']))
                && starts_sentence(text, block, q.start)
            {
                speaker = Some(s.clone());
            }
            previous = Some((q, speaker.clone()));
            if speaker.is_none() && words_in(inner) <= 3 {
                continue;
            }
            quotes.push(Quote { span: q, speaker });
        }
    }
    quotes
}

/// `…,” Rubio said` / `…,” said Medinsky` / `…,” he said`.
fn after(text: &str, q: Span, block: Span, mentions: &[Mention]) -> Option<String> {
    let rest = text.get(q.end..block.end)?;
    let lead = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
            .len();
    let start = q.end + lead;
    // A mention right there, followed by a verb of saying.
    if let Some(m) = starting_at(mentions, start).filter(|m| speaker_kind(m)) {
        let (verb, _) = first_word(text.get(m.span.end..block.end)?);
        if SAY_VERBS.contains(verb.as_str()) {
            return Some(m.canonical.clone());
        }
        return None;
    }
    let (w, tail) = first_word(text.get(start..block.end)?);
    if SAY_VERBS.contains(w.as_str()) {
        let off = block.end - tail.len();
        let lead = tail.len() - tail.trim_start().len();
        return starting_at(mentions, off + lead)
            .filter(|m| speaker_kind(m))
            .map(|m| m.canonical.clone());
    }
    if matches!(w.as_str(), "he" | "she") {
        let (verb, _) = first_word(tail);
        if SAY_VERBS.contains(verb.as_str()) {
            return last_person_before(q.start, block, mentions);
        }
    }
    None
}

/// `Trump said, “…` / `Rubio told reporters: “…`.
fn before(text: &str, q: Span, block: Span, mentions: &[Mention]) -> Option<String> {
    let head = text.get(block.start..q.start)?.trim_end();
    let head = head
        .strip_suffix(',')
        .or_else(|| head.strip_suffix(':'))?
        .trim_end();
    // The clause before the quote: back to the last sentence end.
    let clause_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '.' | '!' | '?' | '”' | '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = head.get(clause_start..)?;
    let verb_pos = clause
        .split_whitespace()
        .rev()
        .take(3)
        .find(|w| SAY_VERBS.contains(w.to_lowercase().as_str()))?;
    let verb_at = block.start + clause_start + clause.rfind(verb_pos)?;
    let lo = block.start + clause_start;
    ending_by(mentions, verb_at)
        .iter()
        .rev()
        .take_while(|m| m.span.start >= lo)
        .find(|m| speaker_kind(m))
        .map(|m| m.canonical.clone())
}

/// Whether the quote at `offset` opens a sentence (not `called it a "stunt"`).
fn starts_sentence(text: &str, block: Span, offset: usize) -> bool {
    let head = text.get(block.start..offset).unwrap_or("").trim_end();
    head.is_empty() || head.ends_with(['.', '!', '?', '”', '"', ':'])
}

fn last_person_before(offset: usize, block: Span, mentions: &[Mention]) -> Option<String> {
    ending_by(mentions, offset)
        .iter()
        .rev()
        .take_while(|m| m.span.start + 2000 >= block.start)
        .find(|m| m.kind == EntityKind::Person)
        .map(|m| m.canonical.clone())
}

/// The mention starting exactly at `offset` (mentions are sorted and non-overlapping).
fn starting_at(mentions: &[Mention], offset: usize) -> Option<&Mention> {
    let i = mentions.partition_point(|m| m.span.start < offset);
    mentions.get(i).filter(|m| m.span.start == offset)
}

/// The mentions that end at or before `offset`.
fn ending_by(mentions: &[Mention], offset: usize) -> &[Mention] {
    let i = mentions.partition_point(|m| m.span.end <= offset);
    mentions.get(..i).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use crate::engine::article::{Format, Source};
    use crate::engine::entities::extract;
    use crate::engine::load::parse;

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let article = parse(Source::Stdin, text.as_bytes(), Format::Text)
            .unwrap()
            .articles
            .remove(0);
        let ex = extract(&article);
        ex.quotes
            .iter()
            .map(|q| (article.slice(q.span).to_string(), q.speaker.clone()))
            .collect()
    }

    #[test]
    fn speakers_after_before_and_inherited() {
        let q = quotes(
            "Prime Minister Anna Berg spoke on Monday. \u{201c}We will win this vote,\u{201d} Berg told reporters. \u{201c}Then we govern.\u{201d}\n\nLater, Berg said: \"The budget comes first and it comes now.\" Critics called it a \"stunt\".",
        );
        assert_eq!(q.len(), 3, "{q:?}");
        assert!(
            q.iter().all(|(_, s)| s.as_deref() == Some("Anna Berg")),
            "{q:?}"
        );
    }
}
