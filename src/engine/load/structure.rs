//! From raw blocks to a structured article: the headline, subheadings, and what is not body.
//!
//! Scraped text is messy: a headline captured two or three times, comment-form boilerplate at
//! the end, a stray signature. These are marked [`BlockKind::Skipped`] by range, never removed
//! from the text, so offsets stay those of the file and the reader can still show them dimmed.

use crate::engine::article::{Block, BlockKind, SkipReason, Span};

/// What the format parser knows about a block before classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// A paragraph (in plain text: a line, or a run of hard-wrapped lines).
    Para,
    /// A heading from markup, with its level (1 = top).
    Heading(u8),
    /// A list item.
    Bullet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawBlock {
    pub span: Span,
    pub hint: Hint,
}

/// The outcome of classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structured {
    pub title: String,
    pub title_derived: bool,
    pub byline: Option<String>,
    pub blocks: Vec<Block>,
}

const MAX_TITLE_CHARS: usize = 80;

/// Phrases that open a comment form: the block and everything after it is boilerplate.
const COMMENT_FORM_OPENERS: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "join the conversation",
    "comments are closed",
];

/// Phrases that mark a single block as page furniture rather than reporting.
const BOILERPLATE: &[&str] = &[
    "your email address will not be published",
    "required fields are marked",
    "save my name, email, and website",
    "click to share on",
    "share this:",
    "share this article",
    "like this:",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "all rights reserved",
    "follow us on",
    "advertisement",
    "skip to content",
    "cookie policy",
];

/// Classifies raw blocks. `explicit_title` is a title stated by the format (front matter, a
/// feed entry, an HTML page); without one the first block is the headline when it looks like
/// one, else a title is derived from the first sentence.
pub fn classify(text: &str, raw: &[RawBlock], explicit_title: Option<&str>) -> Structured {
    let slice = |s: Span| text.get(s.range()).unwrap_or("").trim();
    let mut blocks: Vec<Block> = Vec::with_capacity(raw.len());
    let mut title = explicit_title.map(str::to_string);
    let mut title_derived = false;

    for (i, rb) in raw.iter().enumerate() {
        let kind = match rb.hint {
            Hint::Heading(_) => BlockKind::Heading,
            Hint::Bullet => BlockKind::Bullet,
            Hint::Para => {
                let is_last = i + 1 == raw.len();
                if !is_last && looks_like_heading(slice(rb.span)) {
                    BlockKind::Heading
                } else {
                    BlockKind::Body
                }
            }
        };
        blocks.push(Block {
            span: rb.span,
            kind,
        });
    }

    // The headline: the first block, when it is one.
    if let Some(first) = blocks.first_mut() {
        let first_text = slice(first.span);
        let is_headline = match &title {
            Some(t) => same_text(t, first_text),
            None => {
                raw.len() > 1
                    && raw[0].hint != Hint::Bullet
                    && (raw[0].hint != Hint::Para || looks_like_headline(first_text))
            }
        };
        if is_headline {
            first.kind = BlockKind::Title;
            if title.is_none() {
                title = Some(first_text.to_string());
            }
        }
    }

    // A byline line near the top ("By Jane Smith").
    let mut byline = None;
    for b in blocks.iter_mut().take(4) {
        if let Some(name) = byline_of(slice(b.span))
            && b.kind != BlockKind::Title
        {
            byline = Some(name.to_string());
            b.kind = BlockKind::Skipped(SkipReason::StrayByline);
            break;
        }
    }

    // Repeated headline and subheadings.
    let mut seen_heads: Vec<String> = title.iter().map(|t| normalize(t)).collect();
    for b in blocks.iter_mut() {
        if !matches!(b.kind, BlockKind::Heading | BlockKind::Body) {
            continue;
        }
        // Trimmed, it is empty exactly when it has no words.
        let t = slice(b.span);
        if t.is_empty() {
            continue;
        }
        if normalizes_to_any(t, &seen_heads) {
            b.kind = BlockKind::Skipped(SkipReason::RepeatedHeadline);
        } else if b.kind == BlockKind::Heading {
            seen_heads.push(normalize(t));
        }
    }

    // Comment forms and page furniture.
    let mut in_comment_form = false;
    let mut lower = String::new();
    for b in blocks.iter_mut() {
        lower.clear();
        push_lower(&mut lower, slice(b.span));
        // A comment form is a run of short lines; a line of prose ends it (text pasted
        // after one page's furniture is the next article, not more furniture).
        if in_comment_form && lower.len() >= 60 && !BOILERPLATE.iter().any(|p| lower.contains(p)) {
            in_comment_form = false;
        }
        if !in_comment_form && COMMENT_FORM_OPENERS.iter().any(|p| lower.starts_with(p)) {
            in_comment_form = lower.len() < 80;
        }
        if in_comment_form || (lower.len() < 200 && BOILERPLATE.iter().any(|p| lower.contains(p))) {
            b.kind = BlockKind::Skipped(SkipReason::Boilerplate);
        }
    }

    // A stray signature at the very end ("SH").
    if let Some(last) = blocks.iter_mut().rev().find(|b| b.kind.is_content()) {
        let t = slice(last.span);
        if last.kind != BlockKind::Title
            && t.split_whitespace().count() <= 3
            && t.chars().count() <= 30
            && !ends_sentence(t)
            && blocks_before_have_body(raw, last.span)
        {
            last.kind = BlockKind::Skipped(SkipReason::StrayByline);
        }
    }

    let title = match title {
        Some(t) => t,
        None => {
            title_derived = true;
            let first_body = blocks
                .iter()
                .find(|b| b.kind.is_content())
                .map(|b| slice(b.span))
                .unwrap_or("");
            shorten(first_sentence(first_body), MAX_TITLE_CHARS)
        }
    };
    let title = crate::engine::sanitize::sanitize_line(&title);
    let title = if title.is_empty() {
        title_derived = true;
        "(untitled)".to_string()
    } else {
        title
    };

    Structured {
        title,
        title_derived,
        byline,
        blocks,
    }
}

fn blocks_before_have_body(raw: &[RawBlock], span: Span) -> bool {
    raw.iter().filter(|r| r.span.end <= span.start).count() >= 2
}

fn same_text(a: &str, b: &str) -> bool {
    normalize(a) == normalize(b)
}

/// Case- and space-insensitive form for comparing headlines: the words (split at Unicode
/// whitespace, as `split_whitespace`) lower-cased (as `to_lowercase`), joined by one space.
fn normalize(s: &str) -> String {
    if s.contains('Σ') {
        // The one letter whose lower case depends on its neighbours.
        return s
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut out = String::with_capacity(s.len());
    // Whether whitespace came since the last word (one space then goes before the next).
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `normalize(s) == norm`, decided at the first character that differs (most
/// blocks are not a headline told again, and differ from it at once).
#[cfg(test)]
fn normalizes_to(s: &str, norm: &str) -> bool {
    if s.contains('Σ') {
        return normalize(s) == norm;
    }
    plain_normalizes_to(s, norm)
}

/// Whether `normalize(s)` is one of `norms`: `s` is looked at for `Σ` once, not once per
/// headline (on a long report, scanning every block for it again for each headline seen was
/// most of the work of [`classify`]).
fn normalizes_to_any(s: &str, norms: &[String]) -> bool {
    if s.contains('Σ') {
        let n = normalize(s);
        return norms.contains(&n);
    }
    norms.iter().any(|h| plain_normalizes_to(s, h))
}

/// [`normalizes_to`] of a text without `Σ`.
fn plain_normalizes_to(s: &str, norm: &str) -> bool {
    let mut want = norm.chars();
    let (mut gap, mut started) = (false, false);
    for c in s.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if gap && started && want.next() != Some(' ') {
            return false;
        }
        (gap, started) = (false, true);
        if c.is_ascii() {
            if want.next() != Some(c.to_ascii_lowercase()) {
                return false;
            }
        } else if !c.to_lowercase().all(|l| want.next() == Some(l)) {
            return false;
        }
    }
    want.next().is_none()
}

/// Appends `w.to_lowercase()`: runs of ASCII copied and lowered in place, any other
/// character by its own lower case (what `to_lowercase` does for all but `Σ`).
fn push_lower(out: &mut String, w: &str) {
    if w.contains('Σ') {
        out.push_str(&w.to_lowercase());
        return;
    }
    let mut rest = w;
    while !rest.is_empty() {
        let n = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..n]);
        out[from..].make_ascii_lowercase();
        rest = &rest[n..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// The text ends like a sentence: a final stop, possibly followed by closing quotes/brackets.
fn ends_sentence(s: &str) -> bool {
    let trimmed = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';', ','])
}

/// A headline: short, and not ending with a sentence-final period.
pub fn looks_like_headline(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let trimmed = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', ' ']);
    (1..=25).contains(&words)
        && s.chars().count() <= 200
        && !trimmed.ends_with(['.', ',', ';', ':'])
        && s.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// A subheading inside plain text: shorter than a headline, no final punctuation at all.
fn looks_like_heading(s: &str) -> bool {
    // Counted no further than 15: a paragraph is not read to its end for this.
    let words = s.split_whitespace().take(15).count();
    (1..=14).contains(&words)
        && s.chars().count() <= 100
        && !ends_sentence(s)
        && s.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '“')
}

/// "By Jane Smith" / "By Jane Smith and John Doe, Reuters" → the names.
fn byline_of(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("By ").or_else(|| s.strip_prefix("BY "))?;
    let words = rest.split_whitespace().count();
    let capitalised = rest
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    ((1..=8).contains(&words) && capitalised * 2 >= words && !ends_sentence(rest)).then_some(rest)
}

/// The first sentence of a paragraph, by the story segmenter's rules.
pub fn first_sentence(s: &str) -> &str {
    crate::engine::segment::split(s, Span::new(0, s.len()))
        .first()
        .and_then(|first| s.get(..first.end))
        .unwrap_or(s)
}

/// Shortens to at most `max` characters at a word boundary, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(p) if p > max / 2 => &head[..p],
        _ => head,
    };
    format!(
        "{}…",
        head.trim_end_matches([',', ';', ':', ' ', '-', '–', '—'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para_blocks(text: &str) -> Vec<RawBlock> {
        let mut out = Vec::new();
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_end();
            if !t.trim().is_empty() {
                out.push(RawBlock {
                    span: Span::new(pos, pos + t.len()),
                    hint: Hint::Para,
                });
            }
            pos += line.len();
        }
        out
    }

    #[test]
    fn headline_repeated_and_comment_form() {
        let text = "Big News Today\n\nBig News Today\n\nSomething happened in Paris. It was big.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n";
        let s = classify(text, &para_blocks(text), None);
        assert_eq!(s.title, "Big News Today");
        assert!(!s.title_derived);
        let kinds: Vec<_> = s.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Title,
                BlockKind::Skipped(SkipReason::RepeatedHeadline),
                BlockKind::Body,
                BlockKind::Skipped(SkipReason::Boilerplate),
                BlockKind::Skipped(SkipReason::Boilerplate),
            ]
        );
    }

    #[test]
    fn derived_title_and_stray_signature() {
        let text = "Russia and Ukraine are preparing for their first direct peace talks in three years, but optimism is low. More.\nSecond paragraph here.\nSH\n";
        let s = classify(text, &para_blocks(text), None);
        assert!(s.title_derived);
        assert_eq!(
            s.title,
            "Russia and Ukraine are preparing for their first direct peace talks in three…"
        );
        assert_eq!(s.blocks[0].kind, BlockKind::Body);
        assert_eq!(
            s.blocks[2].kind,
            BlockKind::Skipped(SkipReason::StrayByline)
        );
    }

    #[test]
    fn first_sentence_skips_abbreviations() {
        assert_eq!(
            first_sentence("Mr. J. Smith met U.S. officials. Then left."),
            "Mr. J. Smith met U.S. officials."
        );
    }

    #[test]
    fn first_sentence_after_a_wide_space() {
        assert_eq!(
            first_sentence("Dr.\u{a0}Mr. Who. Next"),
            "Dr.\u{a0}Mr. Who."
        );
    }

    #[test]
    fn byline_is_lifted() {
        let text = "A Headline Here\nBy Jane Smith\nBody text goes here. And more.\n";
        let s = classify(text, &para_blocks(text), None);
        assert_eq!(s.byline.as_deref(), Some("Jane Smith"));
    }

    /// Characters around which lower-casing and whitespace splitting decide: ASCII letters
    /// and spaces of every kind, letters whose lower case is longer or depends on context
    /// (`İ`, `Σ`), no-break and other Unicode spaces, curly quotes.
    const ALPHABET: &[char] = &[
        'a', 'B', 'Z', ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1c}', '\u{85}', '\u{a0}',
        '\u{2009}', '\u{3000}', 'İ', 'Σ', 'σ', 'É', 'ß', '’', '“', '.', '1',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn normalize_is_split_lower_join(
            cs in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40),
        ) {
            let s: String = cs.into_iter().collect();
            let want = s
                .split_whitespace()
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(normalize(&s), want.clone());
            proptest::prop_assert!(normalizes_to(&s, &want));
            let other = normalize(&s[..s.char_indices().nth(1).map_or(0, |(k, _)| k)]);
            proptest::prop_assert_eq!(normalizes_to(&s, &other), other == want);
            let heads = [other.clone(), format!("{want}x"), want.clone()];
            proptest::prop_assert!(normalizes_to_any(&s, &heads));
            proptest::prop_assert_eq!(normalizes_to_any(&s, &heads[..2]), other == want);
            let mut lower = String::from("x");
            push_lower(&mut lower, &s);
            proptest::prop_assert_eq!(lower, format!("x{}", s.to_lowercase()));
        }
    }
}
