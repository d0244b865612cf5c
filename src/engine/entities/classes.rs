//! Word classes: for each lower-case word, which of the tagger's word lists hold it, as bits,
//! looked up once per token when a sentence is tokenized ([`super::tagger`]'s scratch) instead
//! of once per list each time a rule asks.

use super::gazetteer::{FxMap, GAZETTEER, ORG_KEYWORDS, SAY_VERBS, STOP_WORDS};
use super::names::{FACILITIES, ORG_HEADS};
use super::numeric_words::ANY_WORD;
use std::sync::LazyLock;

/// A word that can start or be part of a numeric expression (`numeric_words::ANY_WORD`).
pub const NUMERIC: u8 = 1;
/// The head of a title (`president`, `minister`).
pub const TITLE_HEAD: u8 = 2;
/// A word that modifies a title (`deputy`, `former`).
pub const TITLE_MOD: u8 = 4;
/// A stop word (`STOP_WORDS`).
pub const STOP: u8 = 8;
/// A verb of saying (`SAY_VERBS`).
pub const SAY: u8 = 16;
/// Not a word list: set per token by the tagger's scratch for a capitalised word
/// ([`super::tokens::Tok::is_cap`]).
pub const CAP: u8 = 32;
/// The last word of an organisation name or the head before its complement (`ORG_KEYWORDS`,
/// `names::ORG_HEADS`).
pub const ORG: u8 = 64;
/// The last word of a facility's name (`names::FACILITIES`).
pub const FACILITY: u8 = 128;

/// The words with their classes, and which bytes start one of them (most punctuation starts
/// none, and is answered without hashing).
struct Classes {
    words: FxMap<String, u8>,
    first: [bool; 256],
}

static CLASSES: LazyLock<Classes> = LazyLock::new(|| {
    let mut m: FxMap<String, u8> = FxMap::default();
    let mut add = |w: &str, bit: u8| *m.entry(w.to_string()).or_default() |= bit;
    ANY_WORD.iter().for_each(|w| add(w, NUMERIC));
    GAZETTEER
        .title_heads
        .iter()
        .for_each(|w| add(w, TITLE_HEAD));
    GAZETTEER.title_mods.iter().for_each(|w| add(w, TITLE_MOD));
    STOP_WORDS.iter().for_each(|w| add(w, STOP));
    SAY_VERBS.iter().for_each(|w| add(w, SAY));
    ORG_KEYWORDS.iter().for_each(|w| add(w, ORG));
    ORG_HEADS.iter().for_each(|w| add(w, ORG));
    FACILITIES.iter().for_each(|w| add(w, FACILITY));
    let mut first = [false; 256];
    for w in m.keys() {
        if let Some(&b) = w.as_bytes().first() {
            first[usize::from(b)] = true;
        }
    }
    Classes { words: m, first }
});

/// The classes of a lower-case word (0 for a word in none of the lists).
pub fn of(low: &str) -> u8 {
    let c = &*CLASSES;
    match low.as_bytes().first() {
        Some(&b) if c.first[usize::from(b)] => c.words.get(low).copied().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_the_lists() {
        for (w, bit, set) in [
            (
                "president",
                TITLE_HEAD,
                GAZETTEER.title_heads.contains("president"),
            ),
            ("the", STOP, STOP_WORDS.contains("the")),
            ("said", SAY, SAY_VERBS.contains("said")),
            ("million", NUMERIC, ANY_WORD.contains("million")),
            ("university", ORG, ORG_HEADS.contains("university")),
            ("stadium", FACILITY, FACILITIES.contains("stadium")),
        ] {
            assert!(set, "{w} is in its list");
            assert_ne!(of(w) & bit, 0, "{w}");
        }
        assert_eq!(of("qwxzv"), 0);
        assert_eq!(of(""), 0);
        assert_eq!(of(","), 0);
        // Every word of every list has its bit, and no other list's bit by mistake.
        for w in STOP_WORDS.iter() {
            assert_eq!(of(w) & SAY != 0, SAY_VERBS.contains(w), "{w}");
        }
        for w in ORG_KEYWORDS
            .iter()
            .chain(ORG_HEADS.iter())
            .chain(FACILITIES.iter())
        {
            let org = ORG_KEYWORDS.contains(w) || ORG_HEADS.contains(w);
            assert_eq!(of(w) & ORG != 0, org, "{w}");
            assert_eq!(of(w) & FACILITY != 0, FACILITIES.contains(w), "{w}");
        }
    }
}
