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
use std::collections::{BTreeMap, HashSet};
use unicode_segmentation::UnicodeSegmentation;

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
    quantity: Option<Quantity>,
}

fn vals(article: &Article, ex: &Extraction, span: Span, kind: EntityKind) -> Vec<Val> {
    let mut out: Vec<Val> = Vec::new();
    for m in ex
        .mentions_in(span)
        .filter(|m| m.kind == kind && m.span.start >= span.start && m.span.end <= span.end)
    {
        let text = article.slice(m.span).to_string();
        let quantity = (kind == EntityKind::Number)
            .then(|| values::quantity(&text))
            .flatten();
        let key = match &quantity {
            Some(q) => q.key(),
            None => m.value_key(article),
        };
        if !out.iter().any(|v| v.key == key) {
            out.push(Val {
                text,
                span: m.span,
                key,
                quantity,
            });
        }
    }
    out
}

/// Every value key of a kind in a whole report.
fn all_keys(article: &Article, ex: &Extraction, kind: EntityKind) -> HashSet<String> {
    ex.mentions
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| {
            let text = article.slice(m.span);
            match (kind == EntityKind::Number)
                .then(|| values::quantity(text))
                .flatten()
            {
                Some(q) => q.key(),
                None => m.value_key(article),
            }
        })
        .collect()
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
fn context(
    article: &Article,
    sentence: Span,
    span: Span,
) -> (Option<String>, Option<String>, Option<String>) {
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
        .find(|w| content(w));
    let after_content = after_text.unicode_words().map(low).find(|w| content(w));
    (before, before_content, after_content)
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

/// The people a sentence names (canonical).
fn people(ex: &Extraction, span: Span) -> HashSet<&str> {
    ex.mentions_in(span)
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| m.canonical.as_str())
        .collect()
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
    let mut out = Vec::new();
    let mut everywhere: BTreeMap<(EntityKind, bool), HashSet<String>> = BTreeMap::new();
    for kind in [EntityKind::Number, EntityKind::Date] {
        everywhere.insert((kind, true), all_keys(a.0, a.1, kind));
        everywhere.insert((kind, false), all_keys(b.0, b.1, kind));
    }
    for l in links {
        let (Some(sa), Some(sb)) = (ls.get(l.left), rs.get(l.right)) else {
            continue;
        };
        // A weak link (two sentences each other's best counterpart on little evidence) does
        // not establish that they tell one fact.
        let weak = l.is_weak();
        let (sa, sb) = (sa.span, sb.span);
        let (pa, pb) = (people(a.1, sa), people(b.1, sb));
        // Two sentences about different people give figures of different things.
        if !pa.is_empty() && !pb.is_empty() && pa.is_disjoint(&pb) {
            continue;
        }
        // Two sentences anchored at different times tell figures of two events (a quake in
        // 2020 and one in 2023).
        let (da, db) = (
            vals(a.0, a.1, sa, EntityKind::Date),
            vals(b.0, b.1, sb, EntityKind::Date),
        );
        let other_times = !da.is_empty()
            && !db.is_empty()
            && !da.iter().any(|x| {
                db.iter()
                    .any(|y| x.key == y.key || within(&x.text, &y.text))
            });
        for kind in DISCREPANCY_KINDS {
            // A weak link tells one fact only where a figure sits in one slot of both.
            if weak && kind != EntityKind::Number {
                continue;
            }
            let va = vals(a.0, a.1, sa, kind);
            let vb = vals(b.0, b.1, sb, kind);
            // Two sentences that place the fact in one place agree on where it is; another
            // place in one of them is something else ("talks in Istanbul ... casualties in
            // Ukraine" / "a meeting in Ankara, relocated to Istanbul").
            if matches!(kind, EntityKind::Gpe | EntityKind::Loc)
                && va.iter().any(|x| vb.iter().any(|y| y.key == x.key))
            {
                continue;
            }
            let only_a: Vec<&Val> = va
                .iter()
                .filter(|x| !vb.iter().any(|y| y.key == x.key))
                .collect();
            let only_b: Vec<&Val> = vb
                .iter()
                .filter(|y| !va.iter().any(|x| x.key == y.key))
                .collect();
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
            for x in &only_a {
                let cx = context(a.0, sa, x.span);
                for y in &only_b {
                    let cy = context(b.0, sb, y.span);
                    let slot = (cx.1.is_some() && cx.1 == cy.1) || (cx.2.is_some() && cx.2 == cy.2);
                    let lone = l.kind == LinkKind::Same && only_a.len() == 1 && only_b.len() == 1;
                    let ok = match kind {
                        EntityKind::Number => {
                            let (Some(qx), Some(qy)) = (&x.quantity, &y.quantity) else {
                                continue;
                            };
                            (slot || (lone && !weak))
                                && !other_times
                                && !far_apart(qx, qy)
                                && values::same_unit(qx, qy)
                                && !values::compatible(qx, qy)
                                && !everywhere[&(kind, false)].contains(&x.key)
                                && !everywhere[&(kind, true)].contains(&y.key)
                        }
                        EntityKind::Date => {
                            // A date belongs to one event of a sentence: only its own slot.
                            slot && !relative(&x.text)
                                && !relative(&y.text)
                                && is_weekday_date(&x.text) == is_weekday_date(&y.text)
                                && is_duration(&x.text) == is_duration(&y.text)
                                && !within(&x.text, &y.text)
                                && !everywhere[&(kind, false)].contains(&x.key)
                                && !everywhere[&(kind, true)].contains(&y.key)
                        }
                        _ => {
                            let raw_slot = (cx.0.is_some() && cx.0 == cy.0) || slot;
                            raw_slot
                                && !gazetteer::place_within(&x.key, &y.key)
                                && where_slot(a.0, sa, x.span, cx.0.as_deref())
                                && where_slot(b.0, sb, y.span, cy.0.as_deref())
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
