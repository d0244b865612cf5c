//! Discrepancies: the same quantity, date or place of one fact given with values that cannot
//! both be true, inside a linked sentence pair.
//!
//! A pair of values disagrees when
//! - both are of one kind and, for figures, one unit ([`values::same_unit`]: a percentage is
//!   not a count) and they cannot both hold ([`values::compatible`]: "$5 billion" = "5bn",
//!   "12%" = "12 per cent", "nearly 50,000" allows 49,812, a score is one value);
//! - they fill one slot: the nearest content word before or after them is the same ("a depth
//!   of 10 km" / "a depth of 16 km", "52 of the 141 seats" / "54 of the 141 seats"), or the two
//!   sentences are the same claim with one figure each;
//! - neither report also gives the other's value somewhere (then both figures are told, of two
//!   things: a three-day and a 30-day ceasefire);
//! - the sentences do not name different people (two players' figures), are not anchored at
//!   different dates (two events), and the figures are not far apart ([`FAR_APART`]: "all
//!   four constituencies" / "71 constituencies" count two things);
//! - dates: a weekday is not weighed against a calendar date, a span of time not against a
//!   point in time, a date told more precisely is the same date;
//! - places: both in a "where" slot ("meet in Istanbul" / "meet in Ankara", not "Russia's
//!   delegation"), and not a city against its own country.
//!
//! A figure hedged as a lower bound ("at least 120" / "more than 140") is marked as a possible
//! update of a developing story.

use super::align::{Link, LinkKind};
use super::values::{self, Quantity};
use crate::engine::article::{Article, Span};
use crate::engine::entities::gazetteer::{self, STOP_WORDS};
use crate::engine::entities::{EntityKind, Extraction, numeric};
use crate::engine::segment::Sentence;
use unicode_segmentation::UnicodeSegmentation;

mod facts;
mod numbered;
use facts::{everywhere_index, key_of, vals};
pub use numbered::number_facts;

/// Where two linked sentences give different numbers, dates or places.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Discrepancy {
    pub left: usize,
    pub right: usize,
    pub kind: EntityKind,
    /// The values only the left sentence gives, with their spans.
    pub left_values: Vec<(String, Span)>,
    pub right_values: Vec<(String, Span)>,
    /// The normalised form of each value, in the same order.
    pub left_normalised: Vec<String>,
    pub right_normalised: Vec<String>,
    /// A figure given as a lower bound: perhaps the same count told later.
    pub possible_update: bool,
}

/// Kinds whose differing values inside an aligned pair are discrepancies.
pub const DISCREPANCY_KINDS: [EntityKind; 4] = [
    EntityKind::Number,
    EntityKind::Date,
    EntityKind::Gpe,
    EntityKind::Loc,
];

/// One comparable value of a sentence.
struct Val {
    text: String,
    span: Span,
    /// Normalised key: equal keys are one value.
    key: String,
    /// A hash of `key`: most keys compared differ, and differ here.
    key_hash: u64,
    /// `key` numbered across the story ([`number_facts`]; `u32::MAX` until then).
    key_id: u32,
    quantity: Option<Quantity>,
    /// The words next to it ([`context`]).
    ctx: Context,
    /// For a place: whether it sits in a "where" slot ([`where_slot`]).
    where_slot: bool,
}

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

impl Val {
    fn same_key(&self, other: &Val) -> bool {
        self.key_hash == other.key_hash && self.key == other.key
    }
    /// [`Val::same_key`], by number when both sides were numbered together (`ids`).
    fn same_key_in(&self, other: &Val, ids: bool) -> bool {
        if ids {
            self.key_id == other.key_id
        } else {
            self.same_key(other)
        }
    }
    /// The same value given for the same thing: one key, and slots that meet (or one of
    /// them unknown). "Nine people killed" / "the national figure of nine" is one key in two
    /// slots: the second sentence's nine does not answer the first's.
    fn same_fact(&self, other: &Val, ids: bool) -> bool {
        let (a, b) = (self.slot(), other.slot());
        let unknown = |s: &SlotRef| s.0.is_none() && s.1.is_none();
        self.same_key_in(other, ids) && (unknown(&a) || unknown(&b) || slots_meet(a, b))
    }
    /// The slot words of the value ([`Slot`]), borrowed.
    fn slot(&self) -> SlotRef<'_> {
        (self.ctx.1.as_deref(), self.ctx.2.as_deref())
    }
}

/// (nearest word before, nearest content word before, nearest content word after).
///
/// And whether that content word after is the very next word ("54 seats": the thing
/// counted), not reached over a preposition ("54 of the 141 seats", "1.6% in the quarter").
type Context = (Option<String>, Option<String>, Option<String>, bool);

/// What the comparison needs of one sentence, computed once per report.
struct SentenceFacts<'a> {
    /// Canonical names with their hashes, sorted, once each.
    people: Vec<(u64, &'a str)>,
    /// The same names numbered across the story ([`number_facts`]), sorted (empty until then).
    people_ids: Vec<u32>,
    /// Per kind of [`DISCREPANCY_KINDS`], in that order.
    vals: [Vec<Val>; 4],
    /// Bit k: `vals[k]` is not empty.
    kinds: u8,
}

/// One report prepared for finding discrepancies: per aligned sentence its people and
/// values, and every value key of the report (figures and dates), so that a pair of reports
/// costs only the work on its links. `parallax compare` and the story model use the same.
pub struct Side<'a> {
    sentences: Vec<SentenceFacts<'a>>,
    /// Every key of figures (0) and dates (1) in the whole report, with the slot words
    /// ([`Context`] minus the first) of each place it is given (`None`: outside the aligned
    /// sentences, slot unknown).
    everywhere: [Everywhere; 2],
    /// Per sentence, from [`number_facts`]: equal numbers for sentences that give the same
    /// values in the same slots (empty until numbered).
    facts: Vec<u32>,
    /// The numbering ([`number_facts`]) of `facts`, value keys and people (0: none).
    numbering: u64,
}

/// Value key → the slots it fills in one report.
type Everywhere = rustc_hash::FxHashMap<String, Vec<Option<Slot>>>;

/// The nearest content words before and after a value.
type Slot = (Option<String>, Option<String>);

/// A [`Slot`], borrowed.
type SlotRef<'a> = (Option<&'a str>, Option<&'a str>);

fn slot_ref(s: &Slot) -> SlotRef<'_> {
    (s.0.as_deref(), s.1.as_deref())
}

/// Whether two slots share a word (either side, or across: "kills 120" / "120 dead" do not,
/// "120 people killed" / "killed 120 people" do).
fn slots_meet(a: SlotRef, b: SlotRef) -> bool {
    let (wa, wb) = ([a.0, a.1], [b.0, b.1]);
    wa.iter()
        .flatten()
        .any(|w| wb.iter().flatten().any(|v| v == w))
}

impl<'a> Side<'a> {
    /// Sentence `k`'s facts number ([`number_facts`]): two sentences of numbered reports with
    /// one number give the same values in the same slots. `None` until numbered.
    pub fn facts_of(&self, k: usize) -> Option<u32> {
        self.facts.get(k).copied()
    }

    pub fn new(article: &'a Article, ex: &'a Extraction, sentences: &[Sentence]) -> Side<'a> {
        // Every figure and date of the report with the slot of each place it is given
        // ([`Everywhere`]); those inside the sentences are found with their values below, so
        // each mention's key and context is computed once.
        let mut everywhere = [Everywhere::default(), Everywhere::default()];
        let mut placed = vec![false; ex.mentions.len()];
        let facts = sentences
            .iter()
            .map(|s| {
                let vals = vals(article, ex, s.span, &mut everywhere, &mut placed);
                let kinds = (0..vals.len())
                    .filter(|&k| !vals[k].is_empty())
                    .fold(0u8, |m, k| m | (1 << k));
                SentenceFacts {
                    people_ids: Vec::new(),
                    people: people(ex, s.span),
                    vals,
                    kinds,
                }
            })
            .collect();
        // The figures and dates outside the sentences: slot unknown.
        for (m, _) in ex.mentions.iter().zip(&placed).filter(|(_, p)| !**p) {
            if let Some(e) = everywhere_index(m.kind) {
                let key = key_of(article, m.span, m);
                everywhere[e].entry(key).or_default().push(None);
            }
        }
        Side {
            facts: Vec::new(),
            numbering: 0,
            sentences: facts,
            everywhere,
        }
    }
    /// Whether this report also gives `v`'s value for the same thing: in a slot that shares
    /// a word with `v`'s, or where the slot is unknown. Then both figures are told, of two
    /// things (a three-day and a 30-day ceasefire); a value given for something else ("the
    /// national figure of nine did not include three herders" / "killing nine people") does
    /// not make another report's figure of the same thing agree.
    fn gives(&self, kind: EntityKind, v: &Val) -> bool {
        let Some(slots) = self.everywhere[usize::from(kind != EntityKind::Number)].get(&v.key)
        else {
            return false;
        };
        let own = v.slot();
        own.0.is_none() && own.1.is_none()
            || slots.iter().any(|s| match s {
                None => true,
                Some(s) => slots_meet(slot_ref(s), own),
            })
    }
}

/// The quantity of the figure at `span`, with the hedge before it inside `sentence` ("at
/// least 120": the entity span is "120").
fn figure(article: &Article, sentence: Span, span: Span) -> Option<Quantity> {
    let text = article.slice(span);
    let from = span.start.saturating_sub(24).max(sentence.start);
    let before = (from..span.start)
        .find(|&i| article.text.is_char_boundary(i))
        .and_then(|i| article.text.get(i..span.start))
        .unwrap_or("");
    match values::hedge_ending(before) {
        Some(h) => values::quantity(&format!("{h}{text}")),
        None => values::quantity(text),
    }
}

/// Whether a word carries content (not a stop word, hedge or number).
fn content(w: &str) -> bool {
    !STOP_WORDS.contains(w)
        && !numeric::HEDGES.contains(&w)
        && !w.chars().any(|c| c.is_ascii_digit())
        && !numeric::UNIT_WORDS.contains(&w)
}

/// The words next to `span` inside `sentence`: (nearest word before, nearest content word
/// before, nearest content word after), case-folded, hedges skipped.
fn context(article: &Article, sentence: Span, span: Span) -> Context {
    let before_text = article.text.get(sentence.start..span.start).unwrap_or("");
    let after_text = article.text.get(span.end..sentence.end).unwrap_or("");
    let low = |w: &str| w.to_lowercase();
    let before = before_text
        .unicode_words()
        .rev()
        .map(low)
        .find(|w| !numeric::HEDGES.contains(&w.as_str()));
    let before_content = before_text
        .unicode_words()
        .rev()
        .map(low)
        .find(|w| content(w))
        .map(|w| stem(&w));
    let after_content = after_text
        .unicode_words()
        .map(low)
        .find(|w| content(w))
        .map(|w| stem(&w));
    let next = after_text.unicode_words().next().map(low);
    let adjacent = next.is_some_and(|w| content(&w));
    (before, before_content, after_content, adjacent)
}

/// A slot word's English stem: "taking 52 seats" and "take 54 seats" fill one slot.
fn stem(w: &str) -> String {
    crate::engine::segment::stem_of(w)
}

/// Words that put a place in a "where" slot: "meet in Istanbul", "travelled to Ankara".
const PLACE_PREPOSITIONS: [&str; 11] = [
    "in", "to", "at", "from", "near", "into", "inside", "outside", "toward", "towards", "across",
];

/// Whether the place at `span` says where something happens ("talks in Istanbul") rather
/// than whose it is or what kind ("Russia's delegation", "Ukraine Peace Talks").
fn where_slot(article: &Article, sentence: Span, span: Span, before: Option<&str>) -> bool {
    let after = article.text.get(span.end..sentence.end).unwrap_or("");
    let possessive = after.starts_with("’s") || after.starts_with("'s");
    let modifier = after
        .strip_prefix(' ')
        .and_then(|t| t.unicode_words().next())
        .is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !numeric::is_calendar_word(w)
        });
    before.is_some_and(|w| PLACE_PREPOSITIONS.contains(&w)) && !possessive && !modifier
}

/// The people a sentence names (canonical, with a hash), sorted, once each.
fn people(ex: &Extraction, span: Span) -> Vec<(u64, &str)> {
    let mut out: Vec<(u64, &str)> = ex
        .mentions_in(span)
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| (hash(&m.canonical), m.canonical.as_str()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn is_duration(v: &str) -> bool {
    let l = v.to_lowercase();
    ["years", "months", "weeks", "days", "hours", "decades"]
        .iter()
        .any(|u| l.ends_with(u))
}

fn is_weekday_date(v: &str) -> bool {
    v.split(|c: char| !c.is_alphanumeric())
        .any(|w| numeric::is_weekday(&w.to_lowercase()))
}

/// Figures more than [`FAR_APART`] times apart are taken as figures of two things ("all four
/// constituencies" / "71 constituencies"), not one figure told two ways.
fn far_apart(a: &Quantity, b: &Quantity) -> bool {
    let (x, y) = (a.value.abs(), b.value.abs());
    a.score.is_none() && x.min(y) > 0.0 && x.max(y) / x.min(y) > FAR_APART
}

/// See [`far_apart`].
pub const FAR_APART: f64 = 2.5;

/// "last month", "yesterday": a date relative to the report's own, not compared.
fn relative(v: &str) -> bool {
    v.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "last"
                | "next"
                | "this"
                | "yesterday"
                | "today"
                | "tomorrow"
                | "ago"
                | "earlier"
                | "later"
                | "recent"
                | "recently"
                | "past"
                | "coming"
                | "previous"
        )
    })
}

/// "February 2022" / "2022": one date told more or less precisely.
fn within(p: &str, q: &str) -> bool {
    let (p, q) = (p.to_lowercase(), q.to_lowercase());
    let inside = |long: &str, short: &str| {
        long.split(|c: char| !c.is_alphanumeric())
            .any(|w| w == short)
    };
    inside(&p, &q) || inside(&q, &p)
}

/// Values that disagree inside linked pairs (see the module documentation).
pub fn find(
    links: &[Link],
    ls: &[Sentence],
    rs: &[Sentence],
    a: (&Article, &Extraction),
    b: (&Article, &Extraction),
) -> Vec<Discrepancy> {
    // The two reports' values are independent work.
    let parallel = crate::engine::par::worth_it(a.0.text.len() + b.0.text.len());
    let (sa, sb) = crate::engine::par::join(
        parallel,
        || Side::new(a.0, a.1, ls),
        || Side::new(b.0, b.1, rs),
    );
    find_in(links, &sa, &sb)
}

/// [`find`] on prepared reports.
pub fn find_in(links: &[Link], a: &Side, b: &Side) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    // Keys and names compared by number when the two were numbered together.
    let ids = a.numbering != 0 && a.numbering == b.numbering;
    for l in links {
        let (Some(fa), Some(fb)) = (a.sentences.get(l.left), b.sentences.get(l.right)) else {
            continue;
        };
        // The same values in the same slots: each value has its match on the other side.
        if let (Some(x), Some(y)) = (a.facts.get(l.left), b.facts.get(l.right))
            && x == y
        {
            continue;
        }
        // A weak link (two sentences each other's best counterpart on little evidence) does
        // not establish that they tell one fact.
        let weak = l.is_weak();
        // Values of a kind both sentences give (for a weak link, figures only): else nothing
        // to weigh.
        let both = fa.kinds & fb.kinds & if weak { 1 } else { u8::MAX };
        if both == 0 {
            continue;
        }
        let (pa, pb) = (&fa.people, &fb.people);
        // Two sentences about different people give figures of different things.
        let apart = if ids {
            numbered::disjoint(&fa.people_ids, &fb.people_ids)
        } else {
            numbered::disjoint(pa, pb)
        };
        if !pa.is_empty() && !pb.is_empty() && apart {
            continue;
        }
        // Two sentences anchored at different times tell figures of two events (a quake in
        // 2020 and one in 2023).
        let (da, db) = (&fa.vals[1], &fb.vals[1]);
        let other_times = !da.is_empty()
            && !db.is_empty()
            && !da.iter().any(|x| {
                db.iter()
                    .any(|y| x.same_key_in(y, ids) || within(&x.text, &y.text))
            });
        for (k, kind) in DISCREPANCY_KINDS.into_iter().enumerate() {
            // A weak link tells one fact only where a figure sits in one slot of both.
            if weak && kind != EntityKind::Number {
                continue;
            }
            let (va, vb) = (&fa.vals[k], &fb.vals[k]);
            if va.is_empty() || vb.is_empty() {
                continue;
            }
            // Two sentences that place the fact in one place agree on where it is; another
            // place in one of them is something else ("talks in Istanbul ... casualties in
            // Ukraine" / "a meeting in Ankara, relocated to Istanbul").
            if matches!(kind, EntityKind::Gpe | EntityKind::Loc)
                && va.iter().any(|x| vb.iter().any(|y| y.same_key_in(x, ids)))
            {
                continue;
            }
            // The values only one side gives (no lists made: most links have none).
            let (fig, only_a, only_b);
            fig = kind == EntityKind::Number;
            // Figures: a value the other sentence gives for something else does not count.
            let same = |x: &Val, y: &Val| {
                if fig {
                    x.same_fact(y, ids)
                } else {
                    x.same_key_in(y, ids)
                }
            };
            only_a = || va.iter().filter(|x| !vb.iter().any(|y| same(x, y)));
            only_b = || vb.iter().filter(|y| !va.iter().any(|x| same(x, y)));
            let (na, nb) = (only_a().count(), only_b().count());
            if na == 0 || nb == 0 {
                continue;
            }
            let mut d = Discrepancy {
                left: l.left,
                right: l.right,
                kind,
                left_values: Vec::new(),
                right_values: Vec::new(),
                left_normalised: Vec::new(),
                right_normalised: Vec::new(),
                possible_update: false,
            };
            for x in only_a() {
                let cx = &x.ctx;
                for y in only_b() {
                    let cy = &y.ctx;
                    let before = cx.1.is_some() && cx.1 == cy.1;
                    let after = cx.2.is_some() && cx.2 == cy.2;
                    let slot = before || after;
                    // A figure's slot for a count: when the noun right after one of them
                    // ("71 seats") is all they share, the words before, which differ, say
                    // two things were counted ("a majority of 71 seats" / "won 54 of the
                    // 141 seats").
                    let counted =
                        before || (after && (!(cx.3 || cy.3) || cx.1.is_none() || cy.1.is_none()));
                    let lone = l.kind == LinkKind::Same && na == 1 && nb == 1;
                    let ok = match kind {
                        EntityKind::Number => {
                            let (Some(qx), Some(qy)) = (&x.quantity, &y.quantity) else {
                                continue;
                            };
                            (counted || (lone && !weak))
                                && !other_times
                                && !far_apart(qx, qy)
                                && values::same_unit(qx, qy)
                                && !values::compatible(qx, qy)
                                && !b.gives(kind, x)
                                && !a.gives(kind, y)
                        }
                        EntityKind::Date => {
                            // A date belongs to one event of a sentence: only its own slot.
                            slot && !relative(&x.text)
                                && !relative(&y.text)
                                && is_weekday_date(&x.text) == is_weekday_date(&y.text)
                                && is_duration(&x.text) == is_duration(&y.text)
                                && !within(&x.text, &y.text)
                                && !b.gives(kind, x)
                                && !a.gives(kind, y)
                        }
                        _ => {
                            let raw_slot = (cx.0.is_some() && cx.0 == cy.0) || slot;
                            raw_slot
                                && x.where_slot
                                && y.where_slot
                                && !gazetteer::place_within(&x.key, &y.key)
                        }
                    };
                    if !ok {
                        continue;
                    }
                    if let (Some(qx), Some(qy)) = (&x.quantity, &y.quantity) {
                        d.possible_update |= values::possible_update(qx, qy);
                    }
                    if !d.left_values.iter().any(|v| v.1 == x.span) {
                        d.left_values.push((x.text.clone(), x.span));
                        d.left_normalised.push(x.key.clone());
                    }
                    if !d.right_values.iter().any(|v| v.1 == y.span) {
                        d.right_values.push((y.text.clone(), y.span));
                        d.right_normalised.push(y.key.clone());
                    }
                }
            }
            if !d.left_values.is_empty() {
                out.push(d);
            }
        }
    }
    out
}
