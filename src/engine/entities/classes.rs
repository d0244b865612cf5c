//! Word classes: for each lower-case word, which of the tagger's word lists hold it, as bits,
//! looked up once per token when a sentence is tokenized ([`super::tagger`]'s scratch) instead
//! of once per list each time a rule asks.

use super::gazetteer::{FxMap, GAZETTEER, SAY_VERBS, STOP_WORDS};
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

static CLASSES: LazyLock<FxMap<String, u8>> = LazyLock::new(|| {
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
    m
});

/// The classes of a lower-case word (0 for a word in none of the lists).
pub fn of(low: &str) -> u8 {
    CLASSES.get(low).copied().unwrap_or(0)
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
        ] {
            assert!(set, "{w} is in its list");
            assert_ne!(of(w) & bit, 0, "{w}");
        }
        assert_eq!(of("qwxzv"), 0);
        // Every word of every list has its bit, and no other list's bit by mistake.
        for w in STOP_WORDS.iter() {
            assert_eq!(of(w) & SAY != 0, SAY_VERBS.contains(w), "{w}");
        }
    }
}
