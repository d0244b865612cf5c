//! The embedded word lists (`assets/gazetteers/*.txt`), parsed once into hash maps.
//!
//! Names are looked up by their lower-cased tokens joined with single spaces, so matching a
//! candidate is one hash lookup per length. Case is checked by the caller.

use super::EntityKind;
use crate::engine::segment::SENTENCE_OPENERS;
use std::collections::HashMap;
use std::sync::LazyLock;

pub use super::lists::{
    CENSUS_GIVEN, CENSUS_SURNAMES, COMMON_WORDS, GEONAMES_CITIES, SortedList, VERY_COMMON_WORDS,
};

/// One gazetteer entry: its type and the canonical name it joins.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntityKind,
    pub canonical: String,
    /// True when the entry is written all in capitals (an acronym like `US`): then the text
    /// must match its case exactly.
    pub acronym: bool,
}

/// FxHash (`rustc-hash`) for the word lookups: the keys are our own lists, so hash flooding
/// is not a concern, and SipHash dominated profiles.
pub use rustc_hash::FxHasher as Fx;

pub use rustc_hash::{FxHashMap as FxMap, FxHashSet as FxSet};

pub struct Gazetteer {
    pub names: FxMap<String, Entry>,
    /// Longest entry in tokens.
    pub max_len: usize,
    pub given: FxSet<String>,
    pub title_heads: FxSet<String>,
    pub title_mods: FxSet<String>,
    pub departments: FxSet<String>,
}

const LISTS: &[(EntityKind, &str)] = &[
    (
        EntityKind::Gpe,
        include_str!("../../../assets/gazetteers/countries.txt"),
    ),
    (
        EntityKind::Gpe,
        include_str!("../../../assets/gazetteers/cities.txt"),
    ),
    (
        EntityKind::Gpe,
        include_str!("../../../assets/gazetteers/regions.txt"),
    ),
    (
        EntityKind::Loc,
        include_str!("../../../assets/gazetteers/locations.txt"),
    ),
    (
        EntityKind::Norp,
        include_str!("../../../assets/gazetteers/demonyms.txt"),
    ),
    (
        EntityKind::Org,
        include_str!("../../../assets/gazetteers/organisations.txt"),
    ),
];

const GIVEN: &str = include_str!("../../../assets/gazetteers/given_names.txt");
const TITLES: &str = include_str!("../../../assets/gazetteers/titles.txt");

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The lookup key of a name: its tokens (as the tokenizer makes them), lower-cased, joined
/// with single spaces.
pub fn key_of(name: &str) -> String {
    let toks = super::tokens::tokenize(name, 0);
    let mut key = String::new();
    for t in &toks {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&name[t.start..t.end].to_lowercase());
    }
    key
}

/// City → country, for the cities of `cities.txt` (`city_countries.txt`), keyed by
/// [`key_of`] the city's canonical name.
static CITY_COUNTRIES: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    include_str!("../../../assets/gazetteers/city_countries.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(city, country)| (key_of(city), country.trim()))
        .collect()
});

/// Whether one of two places lies in the other ("Istanbul" / "Turkey"), as far as the
/// gazetteer knows: such values say where at two levels of detail, they do not disagree.
pub fn place_within(a: &str, b: &str) -> bool {
    let (ka, kb) = (key_of(a), key_of(b));
    CITY_COUNTRIES.get(&ka).is_some_and(|c| key_of(c) == kb)
        || CITY_COUNTRIES.get(&kb).is_some_and(|c| key_of(c) == ka)
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut names = FxMap::default();
    let mut max_len = 1;
    for &(kind, text) in LISTS {
        for line in lines(text) {
            let (surface, canonical) = line.split_once('=').unwrap_or((line, line));
            let key = key_of(surface);
            max_len = max_len.max(key.split(' ').count());
            let acronym = surface.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !surface.chars().any(char::is_lowercase);
            // A nationality noun's plural (Belgian → Belgians, Bangladeshi → Bangladeshis).
            if kind == EntityKind::Norp
                && !surface.contains(' ')
                && (surface.ends_with("an") || surface.ends_with('i'))
            {
                names.entry(format!("{key}s")).or_insert(Entry {
                    kind,
                    canonical: canonical.to_string(),
                    acronym: false,
                });
            }
            names.entry(key).or_insert(Entry {
                kind,
                canonical: canonical.to_string(),
                acronym,
            });
        }
    }
    let given = lines(GIVEN).map(str::to_lowercase).collect();
    let (mut title_heads, mut title_mods, mut departments) =
        (FxSet::default(), FxSet::default(), FxSet::default());
    for line in lines(TITLES) {
        if let Some((tag, word)) = line.split_once(' ') {
            let word = word.to_string();
            match tag {
                "head" => title_heads.insert(word),
                "mod" => title_mods.insert(word),
                "dept" => departments.insert(word),
                _ => false,
            };
        }
    }
    Gazetteer {
        names,
        max_len,
        given,
        title_heads,
        title_mods,
        departments,
    }
});

/// Whether a lower-cased word is a given name (the curated list or the census one).
pub fn is_given(low: &str) -> bool {
    GAZETTEER.given.contains(low) || CENSUS_GIVEN.contains(low)
}

/// A word list as a set.
pub(crate) fn set(words: &[&'static str]) -> FxSet<&'static str> {
    words.iter().copied().collect()
}

/// Verbs of saying that mark the name next to them as a speaker.
pub static SAY_VERBS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "said",
        "says",
        "told",
        "tells",
        "added",
        "adds",
        "stated",
        "noted",
        "wrote",
        "warned",
        "argued",
        "explained",
        "insisted",
        "remarked",
        "responded",
        "replied",
        "asked",
        "confirmed",
        "announced",
        "tweeted",
        "declared",
        "claimed",
        "stressed",
        "urged",
        "acknowledged",
        "admitted",
        "continued",
        "recalled",
        "suggested",
        "posted",
        "emphasised",
        "emphasized",
    ])
});

/// Last words that make a capitalised name an organisation.
pub static ORG_KEYWORDS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "inc",
        "corp",
        "corporation",
        "ltd",
        "plc",
        "llc",
        "co",
        "group",
        "bank",
        "ministry",
        "university",
        "college",
        "agency",
        "commission",
        "committee",
        "association",
        "federation",
        "union",
        "fund",
        "institute",
        "court",
        "parliament",
        "assembly",
        "council",
        "party",
        "army",
        "navy",
        "police",
        "service",
        "department",
        "office",
        "times",
        "post",
        "journal",
        "news",
        "press",
        "airlines",
        "airways",
        "motors",
        "technologies",
        "holdings",
        "company",
        "fc",
        "club",
        "league",
        "foundation",
        "organization",
        "organisation",
        "authority",
        "board",
        "bureau",
        "network",
        "media",
        "systems",
        "industries",
        "energy",
        "capital",
        "partners",
        "ventures",
        "labs",
        "pharmaceuticals",
        "telecom",
        "guard",
        "forces",
        "brigade",
        "battalion",
        "front",
        "movement",
        "alliance",
        "coalition",
        "tribunal",
        "exchange",
        "reserve",
        "broadcasting",
        "television",
        "radio",
        "magazine",
        "herald",
        "tribune",
        "gazette",
        "daily",
        "hospital",
        "school",
        "academy",
        "church",
        "cabinet",
        "government",
        "administration",
        "senate",
        "congress",
        "council",
        "united",
        "rovers",
        "athletic",
        "wanderers",
        "bundesliga",
    ])
});

/// Last words that make a capitalised name a non-GPE location.
pub static LOC_DESIGNATORS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "peninsula",
        "sea",
        "ocean",
        "river",
        "mountains",
        "mountain",
        "strait",
        "gulf",
        "bay",
        "island",
        "islands",
        "lake",
        "valley",
        "desert",
        "coast",
        "canal",
        "channel",
        "basin",
        "plateau",
        "range",
        "hills",
        "delta",
        "forest",
        "region",
        "straits",
        "mount",
    ])
});

/// Capitalised words that are never names by themselves (sentence openers, pronouns,
/// function words, headline verbs).
pub static STOP_WORDS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    let mut words = set(&[
        "my",
        "your",
        "which",
        "of",
        "instead",
        "nonetheless",
        "nevertheless",
        "additionally",
        "also",
        "according",
        "speaking",
        "asked",
        "during",
        "amid",
        "over",
        "under",
        "about",
        "into",
        "than",
        "more",
        "less",
        "first",
        "last",
        "next",
        "new",
        "top",
        "former",
        "late",
        "mr",
        "mrs",
        "ms",
        "dr",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "yes",
        "every",
        "any",
        "only",
        "just",
        "even",
        "because",
        "once",
        "whether",
        "without",
        "within",
        "against",
        "between",
        "among",
        "through",
        "across",
        "toward",
        "towards",
        "upon",
        "via",
        "per",
        "like",
        "unlike",
        "including",
        "following",
        "following",
        "earlier",
        "later",
        "today",
        "tonight",
        "said",
        "says",
        "sources",
        "analysts",
    ]);
    // Every word that opens a sentence is a stop word too.
    words.extend(SENTENCE_OPENERS.iter().copied());
    words
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse() {
        let us = GAZETTEER
            .names
            .get(&key_of("U.S."))
            .map(|e| (e.kind, e.canonical.clone()));
        assert_eq!(us, Some((EntityKind::Gpe, "United States".to_string())));
        assert!(GAZETTEER.title_heads.contains("president"));
        assert!(GAZETTEER.given.contains("vladimir"));
    }

    #[test]
    fn sorted_lists_find_every_line_and_nothing_else() {
        for list in [
            &GEONAMES_CITIES,
            &CENSUS_GIVEN,
            &CENSUS_SURNAMES,
            &COMMON_WORDS,
            &VERY_COMMON_WORDS,
        ] {
            let lines: Vec<&str> = list.lines().collect();
            assert!(lines.len() > 1000);
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
            for l in &lines {
                assert!(list.contains(l), "{l:?}");
                assert!(!list.contains(&format!("{l}q")) || lines.contains(&&*format!("{l}q")));
            }
        }
        assert!(GEONAMES_CITIES.contains("sochi"));
        assert!(!GEONAMES_CITIES.contains("# geonames"));
        assert!(!COMMON_WORDS.contains(""));
    }
}
