//! Sentences and words: the units every comparison and extraction works on.
//!
//! [`sentences`] splits each content block of an [`Article`] into sentences (never across
//! blocks; a line break inside a block always ends a sentence, so headlines, headings and
//! bullets are sentences of their own). It knows news text: abbreviations and initials
//! (`U.S.`, `Mr.`, `Gen.`, `a.m.`, `J. D.`), decimals and thousands (`3.5`, `12,000`),
//! ellipses, and quotes or brackets after the final stop (`end.” Next`). [`words`] gives the
//! Unicode words of a span with a case-folded form and an English stem.
//!
//! Everything is a byte [`Span`] into `article.text`, trimmed of whitespace, on `char`
//! boundaries. Nothing here panics on any input.

use crate::engine::article::{Article, BlockKind, Span};
use rustc_hash::FxHashSet;
use std::sync::{Arc, LazyLock};

mod words;
pub use words::{stem_of, words};

/// One sentence: a span of the article text and the index of its block in `article.blocks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    pub span: Span,
    pub block: usize,
}

/// One word: its span, its case-folded form (`’` folded to `'`) and its English stem (both
/// shared with the word's other occurrences: a clone allocates nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub norm: Arc<str>,
    pub stem: Arc<str>,
}

/// The sentences of the story: every content block (title, headings, body, bullets), split.
pub fn sentences(article: &Article) -> Vec<Sentence> {
    sentences_where(article, BlockKind::is_content)
}

/// The sentences of the blocks whose kind passes `keep` (e.g. all blocks, to compare with
/// labels made on the whole file).
pub fn sentences_where(article: &Article, keep: impl Fn(BlockKind) -> bool) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, block) in article.blocks.iter().enumerate() {
        if !keep(block.kind) {
            continue;
        }
        for span in split(&article.text, block.span) {
            out.push(Sentence { span, block: index });
        }
    }
    out
}

/// Splits one range of `text` (a block) into trimmed sentence spans. Lines are split first;
/// a leading list marker (`•`, `-`, `*`, ...) is left out of the sentence.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let Some(block) = text.get(span.range()) else {
        return out;
    };
    let mut line_start = 0;
    for line in block.split('\n') {
        let start = span.start + line_start;
        line_start += line.len() + 1;
        let (skip, rest) = strip_marker(line);
        split_line(rest, start + skip, &mut out);
    }
    out
}

/// Leading whitespace and one list marker followed by whitespace.
fn strip_marker(line: &str) -> (usize, &str) {
    let trimmed = line.trim_start();
    let mut skip = line.len() - trimmed.len();
    let mut chars = trimmed.chars();
    if let Some(c) = chars.next()
        && matches!(
            c,
            '•' | '◦' | '▪' | '‣' | '·' | '-' | '*' | '–' | '—' | '●' | '■'
        )
        && chars.next().is_some_and(char::is_whitespace)
    {
        let after = &trimmed[c.len_utf8()..];
        let rest = after.trim_start();
        skip += c.len_utf8() + (after.len() - rest.len());
    }
    (skip, line.get(skip..).unwrap_or(""))
}

/// Abbreviations after which a period never ends a sentence (lower case, without the final
/// period): titles, month names, `No.`, `St.`, `vs.`.
static NEVER_FINAL: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
        "cmdr", "adm", "maj", "brig", "cpl", "pvt", "supt", "insp", "det", "rev", "fr", "hon",
        "pres", "amb", "st", "mt", "ft", "no", "nos", "vs", "v", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
        "thur", "thurs", "fri", "sat", "sun", "approx", "dept", "est", "fig", "e.g", "i.e", "cf",
        "ca", "c", "al", "op", "vol", "pp", "p", "ch", "art", "sec", "para",
    ]
    .into_iter()
    .collect()
});

/// Abbreviations that can end a sentence: they end one only when the next word is a typical
/// sentence opener (`U.S. He said` but not `U.S. Secretary`).
static MAYBE_FINAL: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    [
        "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "jr",
        "sr", "bros", "plc", "llc", "d.c",
    ]
    .into_iter()
    .collect()
});

/// Capitalised words that typically open a sentence (function words). The entity tagger's
/// stop words extend this list rather than repeat it.
pub const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "when",
    "while",
    "if",
    "there",
    "here",
    "however",
    "meanwhile",
    "still",
    "then",
    "now",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "one",
    "what",
    "why",
    "how",
    "who",
    "where",
    "despite",
    "although",
    "though",
    "since",
    "for",
    "with",
    "by",
    "from",
    "to",
    "officials",
    "both",
    "each",
    "other",
    "such",
    "until",
];

static OPENERS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| SENTENCE_OPENERS.iter().copied().collect());

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹')
}

fn push_trimmed(line: &str, base: usize, from: usize, to: usize, out: &mut Vec<Span>) {
    let Some(piece) = line.get(from..to) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    if !body.is_empty() {
        let s = base + from + lead;
        out.push(Span::new(s, s + body.len()));
    }
}

/// The word (letters, digits, inner periods) that ends just before byte `end` of `line`.
fn word_before(line: &str, end: usize) -> &str {
    let head = line.get(..end).unwrap_or("");
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    head.get(start..).unwrap_or("")
}

/// The next word after byte `from`, skipping whitespace and opening quotes/brackets.
fn word_after(line: &str, from: usize) -> &str {
    let tail = line.get(from..).unwrap_or("");
    let tail = tail.trim_start_matches(|c: char| c.is_whitespace() || is_opener(c));
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(tail.len(), |(i, _)| i);
    tail.get(..end).unwrap_or("")
}

fn split_line(line: &str, base: usize, out: &mut Vec<Span>) {
    split_line_by(line, base, out, next_stop);
}

/// The splitter's scan, with `skip(bytes, i)` giving the next position at or after `i` that
/// may hold a terminator (`None`: there is none). `.` `!` `?` and the lead byte of `…` are
/// never inside another character's encoding, so [`next_stop`] keeps `i` on a character
/// boundary; the tests check it against a scan of every character.
fn split_line_by(
    line: &str,
    base: usize,
    out: &mut Vec<Span>,
    skip: impl Fn(&[u8], usize) -> Option<usize>,
) {
    let mut sent_start = 0;
    let mut i = 0;
    let bytes = line.as_bytes();
    while i < line.len() {
        match skip(bytes, i) {
            Some(k) => i = k,
            None => break,
        }
        let Some(c) = line.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += c.len_utf8();
            continue;
        }
        let stop = i;
        let (j, dots) = terminator_run(line, i);
        i = j;
        // Must be followed by whitespace or the end of the line.
        let next = line.get(j..).and_then(|s| s.chars().next());
        if next.is_some_and(|n| !n.is_whitespace()) {
            continue;
        }
        if next.is_some() && !is_boundary(line, stop, j, c, dots) {
            continue;
        }
        push_trimmed(line, base, sent_start, j, out);
        sent_start = j;
    }
    push_trimmed(line, base, sent_start, line.len(), out);
}

/// The run of terminators and closers starting at `i` (a terminator): where it ends, and how
/// many of its terminators are dots (`.` or `…`).
fn terminator_run(line: &str, i: usize) -> (usize, usize) {
    let mut j = i;
    let mut dots = 0;
    while let Some(d) = line.get(j..).and_then(|s| s.chars().next()) {
        if matches!(d, '.' | '!' | '?' | '…') {
            if d == '.' || d == '…' {
                dots += 1;
            }
            j += d.len_utf8();
        } else if is_closer(d) {
            j += d.len_utf8();
        } else {
            break;
        }
    }
    (j, dots)
}

/// Whether the terminator run `stop..after` (followed by whitespace) ends a sentence.
fn is_boundary(line: &str, stop: usize, after: usize, first: char, dots: usize) -> bool {
    let next = word_after(line, after);
    let Some(nc) = next.chars().next() else {
        // Followed by punctuation only (a dash, a quote mark alone): break on ! and ?.
        return first != '.' || dots > 1;
    };
    if nc.is_lowercase() {
        return false;
    }
    if first != '.' || dots > 1 {
        // ! ? … : a capital or a digit after them starts a new sentence.
        return true;
    }
    let word = word_before(line, stop);
    with_lower(word, |lower| {
        if lower.is_empty() {
            return true;
        }
        if lower == "no" || lower == "nos" {
            // `No. 10` is an abbreviation, `“No.” She left` is not.
            return !nc.is_ascii_digit();
        }
        if NEVER_FINAL.contains(lower) {
            return false;
        }
        // A single capital letter: an initial (`J. D. Vance`).
        let mut wc = word.chars();
        if let (Some(w), None) = (wc.next(), wc.next())
            && w.is_uppercase()
        {
            return false;
        }
        if MAYBE_FINAL.contains(lower) || (word.contains('.') && word.len() <= 6) {
            return with_lower(next, |next| OPENERS.contains(next));
        }
        true
    })
}

/// `f` of `s` lower-cased (`str::to_lowercase`; a short ASCII word on the stack).
fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    match buf.get_mut(..s.len()) {
        Some(b) if s.is_ascii() => {
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            f(std::str::from_utf8(b).unwrap_or_default())
        }
        _ => f(&s.to_lowercase()),
    }
}

/// The offset of the first byte at or after `from` that can start a terminator: `.` `!` `?`
/// or E2, the lead byte of `…` (none of them ever inside another character's encoding).
fn next_stop(b: &[u8], from: usize) -> Option<usize> {
    find_byte(b, from, &[b'.', b'!', b'?', 0xE2])
}

/// The offset of the first byte at or after `from` that is one of `needles`, eight bytes at
/// a time: a byte equal to `n` is a zero byte of `x ^ n…n`, and the lowest byte flagged by
/// `(y - 1…1) & !y & 80…80` is always a true zero byte.
#[inline]
pub(crate) fn find_byte<const N: usize>(b: &[u8], from: usize, needles: &[u8; N]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
    let rest = b.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for c in chunks.by_ref() {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let m = needles
            .iter()
            .fold(0, |m, &n| m | zero(x ^ (ONES * u64::from(n))));
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|b| needles.contains(b))
        .map(|k| at + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        split(s, Span::new(0, s.len()))
            .into_iter()
            .map(|sp| &s[sp.range()])
            .collect()
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(
            texts(
                "U.S. Secretary of State Marco Rubio met Mr. Fidan at 10 a.m. on Friday. It cost $3.5 billion, or 12,000 jobs. Next."
            ),
            vec![
                "U.S. Secretary of State Marco Rubio met Mr. Fidan at 10 a.m. on Friday.",
                "It cost $3.5 billion, or 12,000 jobs.",
                "Next."
            ]
        );
        assert_eq!(
            texts("He met J. D. Vance. Then left."),
            vec!["He met J. D. Vance.", "Then left."]
        );
        assert_eq!(
            texts("It moved to the U.S. He stayed."),
            vec!["It moved to the U.S.", "He stayed."]
        );
    }

    #[test]
    fn quotes_ellipses_lines_and_markers() {
        assert_eq!(
            texts(
                "He called it a “theater prop.” This matters.\n  • Bullet one\nWait... what? Yes!"
            ),
            vec![
                "He called it a “theater prop.”",
                "This matters.",
                "Bullet one",
                "Wait... what?",
                "Yes!"
            ]
        );
        assert_eq!(
            texts("\"Without any preconditions,\" he said. \"No.\" She left."),
            vec![
                "\"Without any preconditions,\" he said.",
                "\"No.\"",
                "She left."
            ]
        );
        assert!(texts("").is_empty());
    }

    /// The sentence splitter's scan one `char` at a time: the definition that `split_line`
    /// (skipping to the next terminator byte) must equal.
    fn split_line_chars(line: &str, base: usize, out: &mut Vec<Span>) {
        split_line_by(line, base, out, |_, i| Some(i));
    }

    /// Characters around which the splitter decides: terminators, closers and openers, spaces,
    /// capitals and lower case, digits, abbreviation letters, characters of 2 to 4 bytes.
    const ALPHABET: &[char] = &[
        'a', 'U', 'S', 'M', 'r', 'J', 'n', 'o', '1', '.', '!', '?', '…', '"', '”', '’', ')', '“',
        '(', ' ', '\u{a0}', '\u{2009}', 'é', 'Ä', '中', '😀', 'â', ',',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_fast_scan_is_the_char_by_char_one(
            cs in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..60),
            base in 0usize..3,
        ) {
            let line: String = cs.into_iter().collect();
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            split_line(&line, base, &mut fast);
            split_line_chars(&line, base, &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
