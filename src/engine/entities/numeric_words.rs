//! The word tables behind [`super::numeric`]: weekdays, months, cardinals, scales, units,
//! seasons and the cues around dates and figures.

use super::gazetteer::{FxSet, set};
use std::sync::LazyLock;

pub(super) static WEEKDAYS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ])
});
pub(super) static MONTHS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ])
});
pub(super) static RELATIVE_DAYS: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| set(&["today", "tomorrow", "yesterday"]));
pub(super) static DURATION_NOUNS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "decade",
        "decades",
        "century",
        "centuries",
        "weekend",
        "weekends",
    ])
});
/// Number words with their values: `UNIT_WORDS[n]` is n.
pub const UNIT_WORDS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
/// `TENS_WORDS[t]` is 20 + 10·t.
pub const TENS_WORDS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Whether `word` (lower case) names a day of the week.
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(word)
}

/// Whether `word` (any case) names a day of the week or a month.
pub fn is_calendar_word(word: &str) -> bool {
    let l = word.to_lowercase();
    WEEKDAYS.contains(l.as_str()) || MONTHS.contains(l.as_str())
}

/// Qualifiers that hedge a figure without changing it ("at least 120" is still 120).
pub const HEDGES: [&str; 12] = [
    "at", "least", "more", "than", "over", "nearly", "almost", "about", "around", "some",
    "roughly", "up",
];
pub(super) static CARDINALS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    UNIT_WORDS[2..]
        .iter()
        .chain(&TENS_WORDS)
        .chain(&[
            "hundred", "thousand", "million", "billion", "trillion", "dozen",
        ])
        .copied()
        .collect()
});
/// Cardinals that only count when joined to another cardinal or a unit (`one million`).
pub(super) static WEAK_CARDINALS: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| set(&["one", "a"]));
pub(super) static VAGUE: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "dozens",
        "tens",
    ])
});
pub(super) static ORDINALS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ])
});
pub(super) static SCALES: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "hundred", "thousand", "million", "billion", "trillion", "bn", "m", "k", "tn", "mn",
    ])
});
/// Units kept inside a number span (`5 km`, `20 percent`, `3 billion dollars`).
pub(super) static UNITS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "percent",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "kg",
        "kilograms",
        "tonnes",
        "tons",
        "barrels",
        "dollars",
        "euros",
        "pounds",
        "yuan",
        "rubles",
        "roubles",
        "hryvnias",
        "points",
        "mph",
        "meter",
        "meters",
        "metre",
        "square",
        "feet",
        "foot",
        "inches",
        "acres",
        "hectares",
        "litres",
        "liters",
        "gallons",
        "kilometre",
        "kilometer",
        "mile",
        "per",
    ])
});
/// Units of clock time: a number before them is TIME, which is not labelled.
pub(super) static TIME_UNITS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "hour", "hours", "minute", "minutes", "second", "seconds", "hrs", "mins",
    ])
});
/// Seasons and the season: `last fall`, `this season`.
pub(super) static SEASONS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "spring", "summer", "autumn", "fall", "winter", "season", "quarter",
    ])
});
/// Words before `one` that make it a pronoun (`no one`, `this one`).
pub(super) const ONE_PRONOUN_BEFORE: &[&str] = &[
    "no", "every", "any", "some", "each", "the", "this", "that", "which", "someone", "anyone",
    "everyone", "a", "another", "only", "little", "right", "wrong", "new", "old", "big",
];
/// Nouns after `N-` that make a number+unit modifier (`30-day`, `five-year`).
pub(super) static HYPHEN_UNITS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "day",
        "week",
        "month",
        "year",
        "hour",
        "minute",
        "second",
        "point",
        "member",
        "nation",
        "country",
        "seat",
        "game",
        "match",
        "man",
        "mile",
        "km",
        "kilometre",
        "kilometer",
        "storey",
        "story",
        "page",
        "party",
        "state",
        "part",
        "goal",
        "run",
        "times",
        "percent",
        "metre",
        "meter",
        "foot",
        "inch",
        "ton",
        "tonne",
        "person",
        "vote",
        "set",
        "round",
        "stage",
        "lap",
        "term",
        "way",
        "fold",
        "strong",
        "hour",
        "minute",
    ])
});
pub(super) static TIME_AFTER: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "a.m.",
        "p.m.",
        "am",
        "pm",
        "gmt",
        "utc",
        "o'clock",
        "o’clock",
    ])
});
pub(super) static MONTH_CUES: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "in", "since", "until", "by", "early", "late", "mid", "last", "next", "this", "from",
        "before", "after", "during", "through", "of",
    ])
});
pub(super) static RELATIVE_PERIOD: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| set(&["last", "next", "this", "past", "coming"]));

/// Every word that can start a numeric expression: one lookup rejects all other words.
pub(super) static ANY_WORD: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    [
        &*WEEKDAYS,
        &*MONTHS,
        &*RELATIVE_DAYS,
        &*RELATIVE_PERIOD,
        &*ORDINALS,
        &*CARDINALS,
        &*WEAK_CARDINALS,
        &*VAGUE,
    ]
    .into_iter()
    .flat_map(|s| s.iter().copied())
    .collect()
});
