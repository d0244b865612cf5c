//! Tags one sentence: numeric patterns, gazetteer names, title words and capitalised runs.
//!
//! Titles and roles (`President`, `Defense Minister`, `Secretary of State`, `aide`) are
//! recognised and kept outside the names they introduce; a capitalised run after a title is a
//! PERSON. In headlines (title and heading blocks, or title-cased lines) an unknown capitalised
//! word is never a name by itself: only gazetteer names and names already seen in the story
//! body (the [`Lexicon`]) are tagged, so `Peace Talks START` yields nothing.

use super::EntityKind;
use super::classes;
use super::gazetteer::{
    FxSet, GAZETTEER, GEONAMES_CITIES, LOC_DESIGNATORS, ORG_KEYWORDS, is_given,
};
use super::lexicon::Lexicon;
use super::numeric;
pub use super::passes::Asked;
use super::runs::classify;
use super::tokens::{Lows, Tok, TokKind, tokenize_into};
use crate::engine::article::Span;
use std::sync::LazyLock;

/// A mention before canonicalisation, with the gazetteer's canonical name when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    pub span: Span,
    pub kind: EntityKind,
    pub canonical: Option<String>,
}

/// A gazetteer name at a token: (tokens, kind, canonical; `None` for the surface itself).
pub(super) type Gaz = (usize, EntityKind, Option<&'static str>);

/// Lower-case words that join the parts of a name (`Bank of England`, `Charles de Gaulle`).
const CONNECTORS: &[&str] = &[
    "of", "de", "von", "van", "der", "bin", "al", "da", "del", "la", "le", "du", "and", "the", "es",
];
const NAME_CONNECTORS: &[&str] = &["de", "von", "van", "der", "bin", "al", "da", "del", "du"];
const ABBREV_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "prof", "st",
];

/// The token runs that a longer gazetteer name or city goes on from: every key of those lists
/// cut at each of its spaces (keys are tokens joined by single spaces, so a run of tokens
/// that is none of these is the start of no key).
static NAME_PREFIXES: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    let names = GAZETTEER.names.keys().map(String::as_str);
    names
        .chain(GEONAMES_CITIES.lines())
        .flat_map(|key| key.match_indices(' ').map(move |(at, _)| &key[..at]))
        .collect()
});

/// Buffers reused from sentence to sentence, so tagging allocates nothing per token.
#[derive(Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    /// The lower-cased tokens joined by single spaces: a run of tokens is a slice of it, which
    /// is exactly the gazetteer's key form.
    low: String,
    /// Each token's range in `low`.
    lows: Vec<(u32, u32)>,
    /// Each token's word classes.
    classes: Vec<u8>,
    memo: Vec<Option<Option<Gaz>>>,
    /// What the last sentence asked the lexicon, in order: see [`Scratch::asked`].
    asked: Vec<Asked>,
}

impl Scratch {
    /// The questions the last tagged sentence put to the lexicon.
    pub fn asked(&self) -> &[Asked] {
        &self.asked
    }

    fn fill(&mut self, text: &str, slice: &str, base: usize) {
        tokenize_into(slice, base, &mut self.toks);
        self.low.clear();
        self.lows.clear();
        self.classes.clear();
        for t in &self.toks {
            if !self.low.is_empty() {
                self.low.push(' ');
            }
            let start = self.low.len();
            let w = t.text(text);
            if w.is_ascii() {
                self.low.push_str(w);
                self.low[start..].make_ascii_lowercase();
            } else {
                self.low.extend(w.chars().flat_map(char::to_lowercase));
            }
            self.lows.push((start as u32, self.low.len() as u32));
            let cap = if t.is_cap(text) { classes::CAP } else { 0 };
            self.classes.push(classes::of(&self.low[start..]) | cap);
        }
    }
}

pub(super) struct Ctx<'a> {
    pub(super) text: &'a str,
    pub(super) toks: &'a [Tok],
    low: &'a str,
    lows: &'a [(u32, u32)],
    classes: &'a [u8],
    pub(super) headline: bool,
    lex: &'a Lexicon,
    /// [`Ctx::gazetteer_at`] per token, once computed.
    memo: std::cell::RefCell<Vec<Option<Option<Gaz>>>>,
    pub(super) asked: std::cell::RefCell<Vec<Asked>>,
}

impl Ctx<'_> {
    /// The lexicon's kind for the text of `span` (every question is logged in `asked`).
    pub(super) fn lex_lookup(&self, span: Span) -> Option<EntityKind> {
        self.asked.borrow_mut().push(Asked::Lookup(span));
        self.lex.lookup(self.text.get(span.range()).unwrap_or(""))
    }
    fn lex_is_surname(&self, span: Span) -> bool {
        self.asked.borrow_mut().push(Asked::Surname(span));
        self.lex
            .is_surname(self.text.get(span.range()).unwrap_or(""))
    }
    pub(super) fn low(&self, i: usize) -> &str {
        self.lowv().get(i)
    }
    pub(super) fn lowv(&self) -> Lows<'_> {
        Lows {
            text: self.low,
            ranges: self.lows,
            classes: self.classes,
        }
    }
    /// The lower-cased tokens `i..=j` joined by single spaces.
    pub(super) fn low_run(&self, i: usize, j: usize) -> &str {
        match (self.lows.get(i), self.lows.get(j)) {
            (Some(&(a, _)), Some(&(_, b))) => self.low.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }
    pub(super) fn cap(&self, i: usize) -> bool {
        self.is(i, classes::CAP)
    }
    pub(super) fn raw_text(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }
    pub(super) fn span(&self, i: usize, j: usize) -> Span {
        Span::new(self.toks[i].start, self.toks[j - 1].end)
    }
    /// Whether token `i` is in a word list (a [`classes`] bit).
    pub(super) fn is(&self, i: usize, bits: u8) -> bool {
        self.lowv().is(i, bits)
    }
    fn is_head(&self, i: usize) -> bool {
        self.is(i, classes::TITLE_HEAD)
    }
    fn is_mod(&self, i: usize) -> bool {
        self.is(i, classes::TITLE_MOD)
    }
    pub(super) fn joined_hyphen(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.text(self.text) == "-" && !t.space_before)
            && self.toks.get(i + 1).is_some_and(|t| !t.space_before)
    }

    /// A title phrase starting at `i`: modifiers, one or more heads, `of` + department.
    pub(super) fn title_len(&self, i: usize) -> Option<usize> {
        let mut j = i;
        let mut heads = 0;
        loop {
            if self.is_head(j) {
                heads += 1;
                j += 1;
            } else if self.is_mod(j) && (self.is_head(j + 1) || self.is_mod(j + 1)) {
                j += 1;
            } else if heads > 0
                && self.joined_hyphen(j)
                && (self.is_head(j + 1) || matches!(self.low(j + 1), "general" | "elect"))
            {
                j += 2;
                heads += 1;
            } else {
                break;
            }
        }
        if heads == 0 {
            return None;
        }
        if self.low(j) == "of" {
            let two = self.low_run(j + 1, j + 2);
            if j + 2 < self.toks.len() && GAZETTEER.departments.contains(two) {
                j += 3;
            } else if GAZETTEER.departments.contains(self.low(j + 1)) {
                j += 2;
            }
        }
        if ABBREV_TITLES.contains(&self.low(j - 1))
            && self.toks.get(j).is_some_and(|t| t.is_punct(self.text, "."))
        {
            j += 1;
        }
        Some(j - i)
    }

    /// The longest gazetteer name at `i` (memoised per token).
    pub(super) fn gazetteer_at(&self, i: usize) -> Option<Gaz> {
        if let Some(Some(hit)) = self.memo.borrow().get(i) {
            return *hit;
        }
        let hit = self.gazetteer_uncached(i);
        if let Some(slot) = self.memo.borrow_mut().get_mut(i) {
            *slot = Some(hit);
        }
        hit
    }

    fn gazetteer_uncached(&self, i: usize) -> Option<Gaz> {
        let max = GAZETTEER.max_len.min(self.toks.len().saturating_sub(i));
        let mut best = None;
        for len in 1..=max {
            let j = i + len - 1;
            let t = &self.toks[j];
            if len > 1
                && t.kind == TokKind::Word
                && !self.cap(j)
                && !CONNECTORS.contains(&self.low(j))
            {
                break;
            }
            // No name or city goes on from the tokens so far: none is longer.
            if len > 1 && !NAME_PREFIXES.contains(self.low_run(i, j - 1)) {
                break;
            }
            let key = self.low_run(i, j);
            if let Some(e) = GAZETTEER.names.get(key) {
                let last_ok = self.cap(j) || self.toks[j].kind != TokKind::Word;
                let case_ok = !e.acronym
                    || same_but_spaces(self.span_text(i, j + 1), &e.canonical)
                    || self.all_caps_span(i, j + 1);
                if last_ok && case_ok {
                    best = Some((len, e.kind, Some(e.canonical.as_str())));
                }
            } else if len <= 3 && self.cap(j) && GEONAMES_CITIES.contains(key) {
                best = Some((len, EntityKind::Gpe, None));
            }
        }
        best
    }
    pub(super) fn span_text(&self, i: usize, j: usize) -> &str {
        let s = self.span(i, j);
        self.text.get(s.range()).unwrap_or("")
    }
    fn all_caps_span(&self, i: usize, j: usize) -> bool {
        (i..j).all(|k| self.toks[k].kind != TokKind::Word || self.toks[k].is_all_caps(self.text))
    }

    /// The end of a capitalised name run starting at `i` (exclusive).
    fn chunk_end(&self, i: usize) -> usize {
        let given_head = is_given(self.low(i));
        let mut j = i;
        while j < self.toks.len() {
            if self.given_syllable(i, j) {
                j += 2;
            } else if self.article_prefix(j) && (j > i || self.cap(j)) {
                j += 3;
            } else if self.cap(j) {
                if j > i {
                    if self.is(j, classes::STOP | classes::SAY)
                        || self.title_len(j).is_some()
                        || numeric::match_at(self.toks, self.text, self.lowv(), j).is_some()
                    {
                        break;
                    }
                    if let Some((_, kind, _)) = self.gazetteer_at(j)
                        && !(given_head && kind != EntityKind::Norp)
                    {
                        break;
                    }
                }
                j += 1;
                // An initial: J. D. Vance
                if self.raw_text(j - 1).chars().count() == 1
                    && self.toks.get(j).is_some_and(|p| p.is_punct(self.text, "."))
                    && self.cap(j + 1)
                {
                    j += 1;
                }
            } else if j > i && NAME_CONNECTORS.contains(&self.low(j)) && self.cap(j + 1) {
                j += 1;
            } else {
                break;
            }
        }
        j.max(i + 1)
    }
}

/// Whether `a` and `b` are the same once spaces are removed.
fn same_but_spaces(a: &str, b: &str) -> bool {
    let (a, b) = (
        a.bytes().filter(|&c| c != b' '),
        b.bytes().filter(|&c| c != b' '),
    );
    a.eq(b)
}

/// Whether a line reads as a headline: most longer words capitalised and no final period.
pub fn looks_like_headline(line: &str) -> bool {
    let t = line.trim_end();
    if t.ends_with('.') || t.ends_with(',') {
        return false;
    }
    let (mut long, mut caps) = (0, 0);
    for w in line.split_whitespace() {
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            if w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
            {
                caps += 1;
            }
        }
    }
    long >= 3 && caps * 10 >= long * 7
}

/// Tags the sentence `span` of `text`, appending mentions in order.
pub fn tag_sentence(text: &str, span: Span, headline: bool, lex: &Lexicon, out: &mut Vec<Raw>) {
    tag_sentence_with(&mut Scratch::default(), text, span, headline, lex, out);
}

/// [`tag_sentence`] with buffers kept between calls.
pub fn tag_sentence_with(
    scratch: &mut Scratch,
    text: &str,
    span: Span,
    headline: bool,
    lex: &Lexicon,
    out: &mut Vec<Raw>,
) {
    let Some(slice) = text.get(span.range()) else {
        return;
    };
    scratch.fill(text, slice, span.start);
    let mut memo = std::mem::take(&mut scratch.memo);
    memo.clear();
    memo.resize(scratch.toks.len(), None);
    let mut asked = std::mem::take(&mut scratch.asked);
    asked.clear();
    let cx = Ctx {
        text,
        toks: &scratch.toks,
        low: &scratch.low,
        lows: &scratch.lows,
        classes: &scratch.classes,
        headline,
        lex,
        memo: std::cell::RefCell::new(memo),
        asked: std::cell::RefCell::new(asked),
    };
    let n = cx.toks.len();
    // The sentence's first mention in `out`.
    let first = out.len();
    let mut titled = false;
    // After a credit label (`Image:`): the next name is its author.
    let mut credit = false;
    let mut i = 0;
    let push = |s: Span, kind, canonical, out: &mut Vec<Raw>| {
        if out.last().is_none_or(|r: &Raw| r.span.end <= s.start) && !s.is_empty() {
            out.push(Raw {
                span: s,
                kind,
                canonical,
            });
        }
    };
    while i < n {
        let t = cx.toks[i];
        if let Some((len, kind)) = numeric::match_at(cx.toks, text, cx.lowv(), i) {
            let len = len.min(n - i);
            if t.kind == TokKind::Num && i > 0 && cx.cap(i - 1) && kind == EntityKind::Number {
                let named = out.last().is_some_and(|r| r.span.end == cx.toks[i - 1].end);
                if !named && !numeric::is_calendar_word(cx.raw_text(i - 1)) {
                    // The model number of a product or name: Internet Explorer 6, Studio 54.
                    i += 1;
                    titled = false;
                    continue;
                }
            }
            push(cx.span(i, i + len), kind, None, out);
            i += len;
            titled = false;
            continue;
        }
        if t.kind != TokKind::Word || !cx.cap(i) {
            if t.kind == TokKind::Word {
                if cx.is_head(i) {
                    titled = true;
                } else if !cx.is_mod(i) {
                    titled = false;
                }
            } else if !(t.is_punct(text, ",") || t.is_punct(text, ".")) {
                titled = false;
            }
            i += 1;
            continue;
        }
        if let Some(len) = cx.credit_at(i) {
            i += len;
            credit = true;
            titled = false;
            continue;
        }
        if let Some((start, end, kind)) = cx.org_phrase(i)
            && cx.gazetteer_at(i).is_none_or(|(len, _, _)| i + len < end)
            && (!headline || cx.lex_lookup(cx.span(start, end)).is_some())
        {
            if start > i {
                push(cx.span(i, start), EntityKind::Norp, None, out);
            }
            push(cx.span(start, end), kind, None, out);
            i = end;
            titled = false;
            credit = false;
            continue;
        }
        if let Some((len, kind, canonical)) = cx.gazetteer_at(i) {
            let given_person = len == 1
                && cx.cap(i + 1)
                && is_given(cx.low(i))
                && cx.gazetteer_at(i + 1).is_none()
                && cx.title_len(i + 1).is_none();
            let surname =
                len == 1 && kind != EntityKind::Person && cx.lex_is_surname(cx.span(i, i + 1));
            if surname {
                push(cx.span(i, i + 1), EntityKind::Person, None, out);
                i += 1;
                titled = false;
                continue;
            }
            if !given_person {
                let mut end = i + len;
                let mut kind = kind;
                let mut canonical = canonical.map(str::to_string);
                if matches!(kind, EntityKind::Norp | EntityKind::Gpe) && cx.cap(end) {
                    if LOC_DESIGNATORS.contains(cx.low(end)) {
                        kind = EntityKind::Loc;
                        end += 1;
                        canonical = None;
                    } else if ORG_KEYWORDS.contains(cx.low(end))
                        && !matches!(cx.low(end), "united" | "energy" | "capital")
                    {
                        kind = EntityKind::Org;
                        end += 1;
                        canonical = None;
                    }
                }
                push(cx.span(i, end), kind, canonical, out);
                i = end;
                titled = false;
                continue;
            }
        }
        if let Some(len) = cx.title_len(i) {
            titled = true;
            i += len;
            continue;
        }
        if cx.is(i, classes::STOP) {
            titled = false;
            i += 1;
            continue;
        }
        let j = cx.chunk_end(i).min(n);
        let at = out.len() - first;
        let q = classify(&cx, i, j, titled || credit, &mut |s, k| {
            push(s, k, None, out)
        });
        if let Some(q) = q
            && let Some(Asked::Run {
                at: a, emitted: e, ..
            }) = cx.asked.borrow_mut().get_mut(q)
        {
            // Where the run's mentions are among the sentence's, as pushed.
            (*a, *e) = (at as u32, (out.len() - first - at) as u32);
        }
        titled = false;
        credit = false;
        i = j;
    }
    scratch.memo = cx.memo.into_inner();
    scratch.asked = cx.asked.into_inner();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<(String, EntityKind)> {
        let mut out = Vec::new();
        tag_sentence(
            s,
            Span::new(0, s.len()),
            false,
            &Lexicon::default(),
            &mut out,
        );
        out.iter()
            .map(|r| (s[r.span.range()].to_string(), r.kind))
            .collect()
    }

    #[test]
    fn titles_stay_outside_names() {
        use EntityKind::*;
        assert_eq!(
            tags(
                "Marco Rubio, the U.S. Secretary of State, met Turkish Foreign Minister Hakan Fidan."
            ),
            vec![
                ("Marco Rubio".into(), Person),
                ("U.S.".into(), Gpe),
                ("Turkish".into(), Norp),
                ("Hakan Fidan".into(), Person)
            ]
        );
    }
}
