//! Name phrases recognised by their shape rather than by a list of names:
//!
//! * organisations and facilities by their head word: a run of capitalised words ending in
//!   `University`, `Foundation`, `Ministry`, `FC`... (ORG) or `Stadium`, `Station`, `Bridge`...
//!   (LOC), or headed by one and followed by an `of`/`for`/`on` complement (`University of
//!   Leeds`, `Church of Scientology`, `Norwegian Academy of Science and Letters`);
//! * photo credits (`Image: NASA.`): the label is no name, what follows is its author;
//! * whether a capitalised run reads as a person's name (a given name first, or no word in it
//!   an everyday English word) or as a thing (`Science Fair`, `Internet Explorer`).

use super::EntityKind;
use super::classes;
use super::gazetteer::{CENSUS_SURNAMES, COMMON_WORDS, FxSet, VERY_COMMON_WORDS, is_given, set};
use super::numeric;
use super::tagger::Ctx;
use super::tokens::TokKind;
use std::sync::LazyLock;

/// Head words that name an organisation before an `of` complement (`University of Leeds`), in
/// addition to the last words of [`super::gazetteer::ORG_KEYWORDS`].
pub(super) static ORG_HEADS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "university",
        "church",
        "ministry",
        "department",
        "institute",
        "museum",
        "society",
        "corps",
        "academy",
        "council",
        "bank",
        "college",
        "school",
        "federation",
        "association",
        "union",
        "office",
        "board",
        "commission",
        "committee",
        "league",
        "party",
        "court",
        "agency",
        "organisation",
        "organization",
        "foundation",
        "order",
        "house",
        "secretariat",
        "directorate",
        "bureau",
        "centre",
        "center",
    ])
});

/// Last words that make a capitalised run a facility or landmark (LOC).
pub(super) static FACILITIES: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "stadium",
        "arena",
        "hall",
        "centre",
        "center",
        "mosque",
        "bridge",
        "station",
        "airport",
        "square",
        "street",
        "avenue",
        "road",
        "boulevard",
        "palace",
        "tower",
        "towers",
        "building",
        "cathedral",
        "temple",
        "memorial",
        "base",
        "hotel",
        "park",
        "plaza",
        "mall",
        "prison",
        "pad",
        "gardens",
        "cemetery",
        "terminal",
        "harbour",
        "harbor",
        "port",
        "dam",
        "highway",
        "motorway",
        "market",
        "monument",
        "shrine",
        "gate",
    ])
});

/// Centres that are organisations rather than buildings (`Pew Research Center`).
const ORG_CENTRES: &[&str] = &["research", "medical", "policy", "cancer", "data", "studies"];

/// Lower-case particles inside personal names (`Angel Di Maria`, `Ludwig van Beethoven`).
const NAME_PARTICLES: &[&str] = &[
    "di", "de", "da", "van", "von", "der", "den", "del", "bin", "ibn",
];

/// Words after a name that make it an organisation (`Nordwind shares`, `Apple CEO`).
static ORG_AFTER: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "shares",
        "stock",
        "shareholders",
        "investors",
        "ceo",
        "cfo",
        "chairman",
        "chairwoman",
        "spokesperson",
        "subsidiary",
        "headquarters",
        "employees",
        "staff",
        "executives",
        "stores",
        "users",
        "inc",
        "ltd",
        "plc",
        "corp",
    ])
});

/// Words before a name that make it an organisation (`shares of X` is handled apart).
static ORG_BEFORE: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "rival",
        "competitor",
        "startup",
        "start-up",
        "carmaker",
        "automaker",
        "retailer",
        "airline",
        "broadcaster",
        "insurer",
        "lender",
        "bank",
        "firm",
        "company",
        "conglomerate",
        "app",
        "website",
        "newspaper",
        "publisher",
        "brand",
        "club",
        "side",
        "outfit",
    ])
});

/// Last words of events, prizes and works, which are outside the seven types (`World Cup`,
/// `Pulitzer Prize`): the run is left unlabelled.
pub(super) static EVENT_WORDS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "prize",
        "prizes",
        "award",
        "awards",
        "cup",
        "championship",
        "championships",
        "games",
        "olympics",
        "festival",
        "fair",
        "expo",
        "trophy",
        "medal",
        "tournament",
        "summit",
        "conference",
        "marathon",
        "war",
        "series",
        "show",
        "awards",
        "open",
        "classic",
        "derby",
        "rally",
        "exhibition",
        "biennale",
        "act",
        "treaty",
        "accord",
        "agreement",
        "protocol",
        "doctrine",
    ])
});

/// Acronyms that are common nouns, not organisations (`CEO`, `IPO`, `AI`).
const NOT_ORG_ACRONYMS: &[&str] = &[
    "ai", "ipo", "ceo", "cfo", "coo", "cto", "mvp", "gdp", "vip", "gmt", "utc", "html", "pdf",
    "tv", "dna", "hiv", "aids", "covid", "lgbt", "lgbtq", "vr", "ar", "pc", "it", "ok", "usb",
    "id", "faq", "pr", "hq", "ev", "evs", "suv", "era", "mph", "rpm", "gps", "sms", "url", "api",
    "atm", "iq", "icu", "mri", "phd", "mba", "am", "pm", "fm", "ac", "diy", "asap", "rsvp", "ps",
    "nb", "aka", "eta", "pov", "esg", "ipos", "ceos", "ufo", "rbi", "psa", "llc", "inc", "ltd",
    "plc", "cpi", "ppi",
];

impl Ctx<'_> {
    /// Whether the all-capital word at `i` can be an organisation's acronym: not a common
    /// noun acronym (`CEO`, `IPO`), not an everyday word in capitals (`UNLESS`), no digits
    /// (`IE6`), no Roman numeral (`XVII`).
    pub(super) fn acronym_org(&self, i: usize) -> bool {
        let l = self.low(i);
        let w = self.raw_text(i);
        let everyday = l.len() >= 5 && COMMON_WORDS.contains(l);
        let roman = w.bytes().all(|b| b"IVXLCDM".contains(&b));
        let digits = w.bytes().any(|b| b.is_ascii_digit());
        !(NOT_ORG_ACRONYMS.contains(&l) || everyday || roman || digits)
    }
}

/// Labels of picture and sound credits (`Image: NASA.`).
const CREDIT_WORDS: &[&str] = &[
    "image",
    "images",
    "photo",
    "photos",
    "photograph",
    "picture",
    "video",
    "audio",
    "credit",
    "credits",
    "illustration",
    "graphic",
];

impl Ctx<'_> {
    /// The kind a name ending in word `j` has by that word: a facility (LOC, but an ORG for
    /// `Research Center`) or an organisation ([`classes::FACILITY`], [`classes::ORG`]).
    fn org_word(&self, j: usize) -> Option<EntityKind> {
        if self.is(j, classes::FACILITY) {
            if matches!(self.low(j), "centre" | "center")
                && j > 0
                && ORG_CENTRES.contains(&self.low(j - 1))
            {
                return Some(EntityKind::Org);
            }
            return Some(EntityKind::Loc);
        }
        self.is(j, classes::ORG).then_some(EntityKind::Org)
    }

    /// Whether token `j` (after the first) continues a capitalised name run.
    fn run_word(&self, j: usize) -> bool {
        let Some(t) = self.toks.get(j) else {
            return false;
        };
        if t.kind == TokKind::Num {
            return false;
        }
        if !self.cap(j) {
            return false;
        }
        let l = self.low(j);
        !(self.is(j, classes::SAY)
            || matches!(l, "the" | "a" | "an" | "and" | "of" | "in")
            || self.title_len(j).is_some() && self.org_word(j).is_none()
            || numeric::match_at(self.toks, self.text, self.lowv(), j).is_some())
    }

    /// The end of a run of capitalised words from `i` (`&` and joined hyphens between
    /// capitalised words included).
    fn run_end(&self, i: usize) -> usize {
        let mut j = i + 1;
        loop {
            if self.run_word(j) {
                j += 1;
            } else if (self.toks.get(j).is_some_and(|t| t.is_punct(self.text, "&"))
                || self.hyphen_between(j))
                && self.run_word(j + 1)
            {
                j += 2;
            } else {
                return j;
            }
        }
    }

    /// A hyphen at `j`, joined or spaced, between two words (`American - Islamic`).
    fn hyphen_between(&self, j: usize) -> bool {
        self.toks
            .get(j)
            .is_some_and(|t| matches!(t.text(self.text), "-" | "–") && j > 0)
    }

    /// An organisation or facility name starting at `i`: `(start, end, kind)`; `start` is
    /// after a nationality word that only describes it (`Greek` + `Ministry of Culture`).
    pub(super) fn org_phrase(&self, i: usize) -> Option<(usize, usize, EntityKind)> {
        if self.is(i, classes::STOP) && self.low(i) != "new" || !self.cap(i) {
            return None;
        }
        // Cheap rejection first: an organisation or facility word among the next
        // capitalised words, or a complement after them.
        let mut k = i;
        while k < i + 10
            && (self.cap(k)
                || self.hyphen_between(k)
                || self.toks.get(k).is_some_and(|t| t.is_punct(self.text, "&")))
        {
            k += 1;
        }
        if !(i..k).any(|m| self.org_word(m).is_some()) {
            return None;
        }
        let end = self.run_end(i);
        let last = end - 1;
        let kind = self.org_word(last)?;
        let mut stop = end;
        // The complement: of / for / on [the] Capitalised run [and Word].
        if matches!(self.low(end), "of" | "for" | "on") {
            let mut c = end + 1;
            if self.low(c) == "the" {
                c += 1;
            }
            if self.cap(c) && !self.is(c, classes::STOP) {
                let mut e = self.run_end(c);
                // A person named right after the organisation is not part of it.
                if let Some(g) = (c + 1..e).find(|&k| is_given(self.low(k))) {
                    e = g;
                }
                if self.low(e) == "and" && self.cap(e + 1) && !self.cap(e + 2) {
                    e += 2;
                }
                stop = e;
            }
        }
        if stop == end && end == i + 1 {
            return None; // A head word alone ("University") is no name.
        }
        let mut start = i;
        if stop > end
            && end > i + 1
            && self
                .gazetteer_at(i)
                .is_some_and(|(len, k, _)| len == 1 && k == EntityKind::Norp)
        {
            start = i + 1;
        }
        Some((start, stop, kind))
    }

    /// A credit label at `i` (`Image` before `:`): the tokens to skip.
    pub(super) fn credit_at(&self, i: usize) -> Option<usize> {
        (CREDIT_WORDS.contains(&self.low(i))
            && self
                .toks
                .get(i + 1)
                .is_some_and(|t| t.is_punct(self.text, ":")))
        .then_some(2)
    }

    /// Whether the capitalised run `i..j` reads as a person's name: a given name first, or
    /// every word unlike an everyday English word (or a common surname last).
    pub(super) fn person_like(&self, i: usize, j: usize) -> bool {
        if is_given(self.low(i)) {
            return true;
        }
        let last = self.low(j - 1);
        let particle = (i + 1..j).any(|k| NAME_PARTICLES.contains(&self.low(k)));
        // A rare first word and no very common last one (`Vinicius Junior`, not `Kowloon
        // West` or `Budweiser Man`).
        !COMMON_WORDS.contains(self.low(i))
            && (particle || !VERY_COMMON_WORDS.contains(last) || CENSUS_SURNAMES.contains(last))
    }

    /// Evidence around the capitalised run `i..j` that it names an organisation: `X shares`,
    /// `X's chief executive`, `shares of X`, `agreed to buy X`, `the X party`.
    pub(super) fn org_context(&self, i: usize, j: usize) -> bool {
        let mut after = j;
        if self
            .toks
            .get(after)
            .is_some_and(|t| t.kind == TokKind::Poss)
        {
            after += 1;
        }
        let next = self.low(after);
        let prev = if i > 0 { self.low(i - 1) } else { "" };
        let prev2 = if i > 1 { self.low(i - 2) } else { "" };
        ORG_AFTER.contains(next)
            || (next == "chief" && matches!(self.low(after + 1), "executive" | "financial"))
            || (matches!(next, "party" | "group" | "movement") && !self.cap(after))
            || ORG_BEFORE.contains(prev)
            || (prev == "of" && matches!(prev2, "shares" | "stake" | "takeover" | "acquisition"))
            || (matches!(
                prev2,
                "buy" | "acquire" | "bought" | "acquired" | "acquiring"
            ) && matches!(prev, "rival" | "competitor" | "startup" | "start-up"))
    }

    /// A hyphenated given name after a surname and a first syllable (`Lam Cheuk-ting`, `Kim
    /// Jong-un`, `Park Joo-Ho`): the two tokens to absorb at `j` (hyphen and syllable).
    pub(super) fn given_syllable(&self, i: usize, j: usize) -> bool {
        j == i + 2
            && self.joined_hyphen(j)
            && self.raw_text(j - 1).chars().count() <= 6
            && self
                .toks
                .get(j + 1)
                .is_some_and(|t| t.kind == TokKind::Word && t.text(self.text).chars().count() <= 6)
            && !self.joined_hyphen(j + 2)
            && self.gazetteer_at(j + 1).is_none()
    }

    /// An Arabic article joined to a name (`Al-Maeena`, `El-Hassan`): part of the name.
    pub(super) fn article_prefix(&self, j: usize) -> bool {
        matches!(self.low(j), "al" | "el" | "ul" | "ad" | "ar" | "as")
            && self.joined_hyphen(j + 1)
            && self.cap(j + 2)
    }
}
