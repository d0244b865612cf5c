//! DATE and NUMBER patterns over tokens: weekdays, months with days or years, years,
//! durations (`three years`, `fourth year`), relative days; figures, percents, money,
//! spelled-out cardinals, `tens of thousands`, and number+unit modifiers (`30-day`).
//!
//! Per the gold GUIDE: approximators (`over`, `roughly`) stay outside, `10 a.m.` is TIME
//! (not labelled), the `16` of `F-16` is not a number, `one` alone is not labelled.

use super::EntityKind;
use super::classes;
use super::tokens::{Lows, Tok, TokKind};

pub use super::numeric_words::*;

fn is_word(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
}

/// A joined hyphen at `i` (no space on either side).
fn joined_hyphen(toks: &[Tok], text: &str, i: usize) -> bool {
    toks.get(i).is_some_and(|t| {
        matches!(t.text(text), "-" | "‑" | "–")
            && !t.space_before
            && toks.get(i + 1).is_some_and(|n| !n.space_before)
    })
}

fn is_year(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s.starts_with("1") || s.starts_with("20"))
}

fn is_day_number(s: &str) -> bool {
    let d = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    d.len() <= 2 && !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
}

/// A numeric expression starting at token `i`: `(tokens consumed, kind)`. `prev_low` is the
/// lower-cased previous token (for `in May`).
#[inline]
pub fn match_at(toks: &[Tok], text: &str, lows: Lows, i: usize) -> Option<(usize, EntityKind)> {
    let t = toks.get(i)?;
    // Cheap rejections first (most tokens): a word in no numeric list, punctuation other than
    // a currency sign (`$`, or a two- or three-byte `£` `¥` `€`), a possessive.
    let rejected = match t.kind {
        TokKind::Word => !lows.is(i, classes::NUMERIC),
        TokKind::Punct => !matches!(
            text.as_bytes().get(t.start),
            Some(b'$') | Some(0xC2) | Some(0xE2)
        ),
        TokKind::Poss => true,
        TokKind::Num => false,
    };
    if rejected {
        return None;
    }
    match_token(toks, text, lows, i, t)
}

/// [`match_at`] past its cheap rejections.
fn match_token(
    toks: &[Tok],
    text: &str,
    lows: Lows,
    i: usize,
    t: &Tok,
) -> Option<(usize, EntityKind)> {
    let w = t.text(text);
    let l = lows.get(i);
    let prev = if i > 0 { lows.get(i - 1) } else { "" };
    match t.kind {
        TokKind::Num => number_at(toks, text, lows, i, l, prev),
        TokKind::Word => word_at(toks, text, lows, i, w, l, prev),
        TokKind::Punct if matches!(w, "$" | "£" | "€" | "¥") => {
            let n = toks.get(i + 1)?;
            if n.kind != TokKind::Num {
                return None;
            }
            let mut len = 2;
            if SCALES.contains(lows.get(i + 2)) {
                len = 3;
            }
            Some((len, EntityKind::Number))
        }
        _ => None,
    }
}

fn number_at(
    toks: &[Tok],
    text: &str,
    lows: Lows,
    i: usize,
    l: &str,
    prev: &str,
) -> Option<(usize, EntityKind)> {
    // The 16 of F-16; parts of codes.
    if i >= 2 && joined_hyphen(toks, text, i - 1) && is_word(toks, i - 2) {
        return None;
    }
    let next = lows.get(i + 1);
    if TIME_AFTER.contains(next) || next == ":" {
        return None;
    }
    if i > 0 && prev == ":" && !toks[i].space_before {
        return None;
    }
    if joined_hyphen(toks, text, i + 1) && HYPHEN_UNITS.contains(lows.get(i + 2)) {
        return Some((aged(toks, text, lows, i + 3) - i, EntityKind::Number));
    }
    // A score or range written as one token run: 3-1, 102-98.
    if joined_hyphen(toks, text, i + 1)
        && toks.get(i + 2).is_some_and(|t| t.kind == TokKind::Num)
        && !is_year(l)
        && !joined_hyphen(toks, text, i + 3)
    {
        return Some((3, EntityKind::Number));
    }
    if is_year(l) {
        // Unless it is a quantity: 2000 troops is ambiguous; a year is the common reading.
        if next == "%" {
            return Some((2, EntityKind::Number));
        }
        return Some((1, EntityKind::Date));
    }
    if l.ends_with('s') && is_year(l.trim_end_matches('s')) {
        return Some((1, EntityKind::Date));
    }
    if is_day_number(l) && MONTHS.contains(next) && is_cap(toks, text, i + 1) {
        // 16 May [2025]
        let mut len = 2;
        if toks.get(i + 2).is_some_and(|t| is_year(t.text(text))) {
            len = 3;
        }
        return Some((len, EntityKind::Date));
    }
    if DURATION_NOUNS.contains(next) {
        return Some((ago(lows, i + 2) - i, EntityKind::Date));
    }
    if TIME_UNITS.contains(next) {
        return None;
    }
    if l.ends_with("st") || l.ends_with("nd") || l.ends_with("rd") || l.ends_with("th") {
        return None; // An ordinal (22nd), which is not labelled.
    }
    let mut len = 1;
    if next == "%" {
        len = 2;
    } else if SCALES.contains(next) || UNITS.contains(next) {
        len = 2;
        if UNITS.contains(lows.get(i + 2)) {
            len = 3;
        }
    } else if next == "per" && lows.get(i + 2) == "cent" {
        len = 3;
    }
    Some((len, EntityKind::Number))
}

fn is_cap(toks: &[Tok], text: &str, i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.is_cap(text))
}

fn word_at(
    toks: &[Tok],
    text: &str,
    lows: Lows,
    i: usize,
    w: &str,
    l: &str,
    prev: &str,
) -> Option<(usize, EntityKind)> {
    let cap = w.chars().next().is_some_and(char::is_uppercase);
    if cap && WEEKDAYS.contains(l) {
        return Some((1, EntityKind::Date));
    }
    if RELATIVE_DAYS.contains(l) {
        return Some((1, EntityKind::Date));
    }
    if cap && MONTHS.contains(l) {
        let mut j = i + 1;
        if toks.get(j).is_some_and(|t| t.is_punct(text, ".")) && l.len() <= 4 {
            j += 1;
        }
        let next = toks.get(j).map(|t| t.text(text)).unwrap_or("");
        if is_day_number(next) && toks.get(j).is_some_and(|t| t.kind == TokKind::Num) {
            // May 16[, 2025]
            let mut end = j + 1;
            if toks.get(end).is_some_and(|t| t.is_punct(text, ","))
                && toks.get(end + 1).is_some_and(|t| is_year(t.text(text)))
            {
                end += 2;
            }
            return Some((end - i, EntityKind::Date));
        }
        if is_year(next) {
            return Some((j + 1 - i, EntityKind::Date));
        }
        if l != "may" && l != "march" || MONTH_CUES.contains(prev) {
            return Some((1, EntityKind::Date));
        }
        return None;
    }
    if RELATIVE_PERIOD.contains(l) {
        let n = lows.get(i + 1);
        if DURATION_NOUNS.contains(n) || SEASONS.contains(n) || WEEKDAYS.contains(n) {
            return Some((2, EntityKind::Date));
        }
        if MONTHS.contains(n) && is_cap(toks, text, i + 1) {
            return Some((2, EntityKind::Date));
        }
        // the past 30 days, the next two weeks
        if matches!(l, "past" | "next" | "last")
            && let Some((len, EntityKind::Date)) = match_at(toks, text, lows, i + 1)
        {
            return Some((len + 1, EntityKind::Date));
        }
        return None;
    }
    // a decade, a year ago (not "twice a year", "once a week")
    if l == "a"
        && matches!(
            lows.get(i + 1),
            "year" | "decade" | "century" | "month" | "week"
        )
        && !matches!(prev, "per" | "times" | "once" | "twice" | "than")
        && !UNITS.contains(prev)
        && !SCALES.contains(prev)
    {
        return Some((ago(lows, i + 2) - i, EntityKind::Date));
    }
    if ORDINALS.contains(l) && DURATION_NOUNS.contains(lows.get(i + 1)) {
        return Some((2, EntityKind::Date));
    }
    // second-quarter, third quarter
    if ORDINALS.contains(l) {
        if joined_hyphen(toks, text, i + 1) && lows.get(i + 2) == "quarter" {
            return Some((3, EntityKind::Date));
        }
        if lows.get(i + 1) == "quarter" {
            return Some((2, EntityKind::Date));
        }
    }
    let strong = CARDINALS.contains(l);
    let weak = WEAK_CARDINALS.contains(l);
    if VAGUE.contains(l) {
        // tens of thousands, hundreds of millions
        if lows.get(i + 1) == "of" && VAGUE.contains(lows.get(i + 2)) {
            return Some((3, EntityKind::Number));
        }
        if l == "tens" {
            return None;
        }
        return Some((1, EntityKind::Number));
    }
    if !strong && !weak {
        return None;
    }
    // A cardinal phrase: two million, twenty-five, one hundred.
    let mut j = i + 1;
    loop {
        if joined_hyphen(toks, text, j) && CARDINALS.contains(lows.get(j + 1)) {
            j += 2;
        } else if CARDINALS.contains(lows.get(j)) {
            j += 1;
        } else {
            break;
        }
    }
    if joined_hyphen(toks, text, j) && HYPHEN_UNITS.contains(lows.get(j + 1)) {
        if l == "a" {
            return None;
        }
        return Some((aged(toks, text, lows, j + 2) - i, EntityKind::Number));
    }
    if TIME_UNITS.contains(lows.get(j)) {
        return None;
    }
    let multi = j > i + 1;
    if l == "one" && !multi && DURATION_NOUNS.contains(lows.get(j)) && prev != "the" {
        return Some((ago(lows, j + 1) - i, EntityKind::Date));
    }
    if weak && !multi {
        if l == "one" && one_is_number(toks, lows, i, prev) {
            return Some((1, EntityKind::Number));
        }
        return None;
    }
    if l == "a" && !SCALES.contains(lows.get(j - 1)) {
        return None;
    }
    if DURATION_NOUNS.contains(lows.get(j)) {
        return Some((ago(lows, j + 1) - i, EntityKind::Date));
    }
    if lows.get(j) == "percent" || lows.get(j) == "%" {
        return Some((j + 1 - i, EntityKind::Number));
    }
    if lows.get(j) == "per" && lows.get(j + 1) == "cent" {
        return Some((j + 2 - i, EntityKind::Number));
    }
    Some((j - i, EntityKind::Number))
}

/// The end of a duration at `j`: after a following `ago` (`two years ago`).
fn ago(lows: Lows, j: usize) -> usize {
    if lows.get(j) == "ago" { j + 1 } else { j }
}

/// The end of a number+unit modifier at `j`: after a joined `-old` (`14-year-old`).
fn aged(toks: &[Tok], text: &str, lows: Lows, j: usize) -> usize {
    if joined_hyphen(toks, text, j) && lows.get(j + 1) == "old" {
        j + 2
    } else {
        j
    }
}

/// Whether a lone `one` at `i` counts (`one of the nations`, `one shell`), not a pronoun
/// (`no one`, `this one`, `one another`) nor a word before punctuation (`One, he said`).
fn one_is_number(toks: &[Tok], lows: Lows, i: usize, prev: &str) -> bool {
    let next = toks.get(i + 1);
    next.is_some_and(|t| t.kind == TokKind::Word || t.kind == TokKind::Num)
        && !ONE_PRONOUN_BEFORE.contains(&prev)
        && !matches!(
            lows.get(i + 1),
            "another" | "day" | "way" | "thing" | "time"
        )
}

/// Normalises a number or date mention for comparison: case-folded, hedges dropped, thousands
/// separators dropped, number words up to ninety-nine as digits (`Thirty-seven` → `37`).
pub fn normalise(text: &str) -> String {
    let lower = text.to_lowercase().replace('’', "'");
    let mut parts: Vec<String> = Vec::new();
    let mut pending_tens: Option<usize> = None;
    for word in lower.split(|c: char| c.is_whitespace() || c == '-') {
        if word.is_empty() || HEDGES.contains(&word) {
            continue;
        }
        if let Some(t) = TENS_WORDS.iter().position(|w| *w == word) {
            if let Some(p) = pending_tens.take() {
                parts.push(p.to_string());
            }
            pending_tens = Some(20 + 10 * t);
            continue;
        }
        if let Some(u) = UNIT_WORDS.iter().position(|w| *w == word) {
            match pending_tens.take() {
                Some(t) if u < 10 => parts.push((t + u).to_string()),
                Some(t) => {
                    parts.push(t.to_string());
                    parts.push(u.to_string());
                }
                None => parts.push(u.to_string()),
            }
            continue;
        }
        if let Some(p) = pending_tens.take() {
            parts.push(p.to_string());
        }
        let digits = word.chars().any(|c| c.is_ascii_digit());
        parts.push(word.chars().filter(|&c| !(digits && c == ',')).collect());
    }
    if let Some(p) = pending_tens {
        parts.push(p.to_string());
    }
    parts.join(" ")
}

#[cfg(test)]
mod number_tests {
    use super::normalise as n;

    #[test]
    fn numbers_normalise() {
        assert_eq!(n("12,000"), "12000");
        assert_eq!(n("Thirty-seven"), "37");
        assert_eq!(n("at least 120"), n("more than 120"));
        assert_eq!(n("three years"), "3 years");
        assert_ne!(n("120"), n("140"));
    }
}
