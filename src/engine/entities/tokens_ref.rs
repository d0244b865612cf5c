//! The tokenizer as first written, one `char` at a time: the definition that the fast
//! tokenizer of [`super::tokens`] (ASCII handled byte by byte) must equal on any text.

use super::tokens::{Tok, TokKind};
use proptest::prelude::*;

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some(char::from(b));
    }
    s.get(i..).and_then(|r| r.chars().next())
}

/// Tokenizes `text`, adding `base` to every offset.
fn tokenize(text: &str, base: usize) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, base, &mut out);
    out
}

/// `tokenize` into a cleared `out`.
fn tokenize_into(text: &str, base: usize, out: &mut Vec<Tok>) {
    out.clear();
    let mut i = 0;
    let mut space = true;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            i = scan_number(text, i);
            kind = TokKind::Num;
        } else if c.is_alphanumeric() {
            i = scan_word(text, i);
            kind = TokKind::Word;
        } else if is_apos(c) && !out.is_empty() && !space {
            // Possessive: ’s / 's at a word end, or a lone ’ after an s.
            let next = char_at(text, i + c.len_utf8());
            let after = next.and_then(|n| char_at(text, i + c.len_utf8() + n.len_utf8()));
            if matches!(next, Some('s') | Some('S')) && !after.is_some_and(char::is_alphanumeric) {
                i += c.len_utf8() + 1;
                kind = TokKind::Poss;
            } else if !next.is_some_and(char::is_alphanumeric)
                && text.get(..i).is_some_and(|h| h.ends_with('s'))
            {
                i += c.len_utf8();
                kind = TokKind::Poss;
            } else {
                i += c.len_utf8();
                kind = TokKind::Punct;
            }
        } else {
            i += c.len_utf8();
            kind = TokKind::Punct;
        }
        out.push(Tok {
            start: base + start,
            end: base + i,
            kind,
            space_before: space,
        });
        space = false;
    }
}

fn scan_number(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i].is_ascii_digit()
            || ((b[i] == b',' || b[i] == b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
        } else {
            break;
        }
    }
    // A short letter suffix: 32bn, 10th, 1990s, 5m.
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphabetic() && j - i < 3 {
        j += 1;
    }
    if j > i && !b.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
        i = j;
    }
    i
}

fn scan_word(text: &str, start: usize) -> usize {
    // Dotted abbreviation: U.S., a.m., U.S.A., D.C.
    if let Some(end) = dotted(text, start) {
        return end;
    }
    let mut i = start;
    while let Some(c) = char_at(text, i) {
        if c.is_alphanumeric() || c == '\u{301}' || c == '\u{308}' {
            i += c.len_utf8();
        } else if is_apos(c) {
            // Inner apostrophe (don't, O'Brien) but not a possessive 's.
            let next = char_at(text, i + c.len_utf8());
            let after = next.and_then(|n| char_at(text, i + c.len_utf8() + n.len_utf8()));
            let possessive =
                matches!(next, Some('s') | Some('S')) && !after.is_some_and(char::is_alphanumeric);
            if next.is_some_and(char::is_alphabetic) && !possessive {
                i += c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    i
}

/// `X.Y.` (and longer): single letters each followed by a period.
fn dotted(text: &str, start: usize) -> Option<usize> {
    let mut i = start;
    let mut letters = 0;
    while let Some(c) = char_at(text, i) {
        if !c.is_alphabetic() || char_at(text, i + c.len_utf8()) != Some('.') {
            break;
        }
        i += c.len_utf8() + 1;
        letters += 1;
        if char_at(text, i).is_some_and(char::is_alphabetic)
            && char_at(text, i + 1).is_some_and(|n| n != '.')
        {
            // Next letter is not followed by a period (U.S.Army): stop here.
            break;
        }
    }
    (letters >= 2).then_some(i)
}

/// Characters that make the tokenizer's decisions: ASCII letters, digits and punctuation,
/// apostrophes, every kind of whitespace, combining marks, letters outside ASCII (one whose
/// lower case is longer), symbols and digits of other scripts.
const ALPHABET: &[char] = &[
    'a', 'b', 's', 'S', 'Z', 'e', '0', '1', '9', '.', ',', '\'', '’', '‘', '-', '–', '$', '£', '€',
    '¥', '%', ' ', ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{a0}', '\u{2009}',
    '\u{3000}', '\u{301}', '\u{308}', 'é', 'İ', 'Σ', 'ß', '中', '٣', '²', '😀', '"', '“', '(', ':',
];

fn texts() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40)
        .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn the_fast_tokenizer_is_the_char_by_char_one(text in texts(), base in 0usize..5) {
        prop_assert_eq!(super::tokens::tokenize(&text, base), tokenize(&text, base));
    }
}

#[test]
fn the_fast_tokenizer_is_the_char_by_char_one_on_the_seeds() {
    for (_, text) in crate::engine::load::SEEDS {
        assert_eq!(super::tokens::tokenize(text, 7), tokenize(text, 7));
    }
}
