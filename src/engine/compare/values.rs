//! Values two reports can disagree on, normalised for comparison: a quantity is its number
//! (scale words applied: "$5 billion" = "5bn" = "US$5 billion" = 5e9 dollars), its unit ("12%" =
//! "12 per cent") and how it is hedged ("at least 120" is a lower bound, "nearly 50,000" an
//! upper one, "about 10" approximate); a score ("3-2") is one value; a date is its normalised
//! words (numeric::normalise), a weekday kept apart from calendar dates.

use crate::engine::entities::numeric;

/// How a figure is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    /// "at least", "more than", "over".
    AtLeast,
    /// "nearly", "almost", "up to", "under".
    AtMost,
    /// "about", "around", "some", "roughly".
    About,
}

/// A parsed quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// "%", a currency ("$", "€", "£", "C$" ...), "score", or the first unit word ("km").
    pub unit: String,
    pub bound: Bound,
    /// For a score: its text ("3-2").
    pub score: Option<String>,
}

impl Quantity {
    /// The normalised form shown in JSON: `5000000000 $`, `12 %`, `3-2 score`, `120 people`.
    pub fn key(&self) -> String {
        if let Some(s) = &self.score {
            return format!("{s} score");
        }
        let v = if self.value.fract() == 0.0 && self.value.abs() < 1e15 {
            format!("{}", self.value as i64)
        } else {
            format!("{}", (self.value * 1e6).round() / 1e6)
        };
        let b = match self.bound {
            Bound::Exact => "",
            Bound::AtLeast => ">=",
            Bound::AtMost => "<=",
            Bound::About => "~",
        };
        if self.unit.is_empty() {
            format!("{b}{v}")
        } else {
            format!("{b}{v} {}", self.unit)
        }
    }
}

const CURRENCIES: [(&str, &str); 12] = [
    ("us$", "$"),
    ("usd", "$"),
    ("c$", "C$"),
    ("a$", "A$"),
    ("nz$", "NZ$"),
    ("hk$", "HK$"),
    ("$", "$"),
    ("€", "€"),
    ("eur", "€"),
    ("£", "£"),
    ("gbp", "£"),
    ("¥", "¥"),
];

fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "trillion" | "tn" | "trn" => 1e12,
        "billion" | "bn" | "b" | "bln" => 1e9,
        "million" | "mn" | "m" | "mln" => 1e6,
        "thousand" | "k" => 1e3,
        "hundred" => 1e2,
        _ => return None,
    })
}

/// Words before a figure that bound it, longest first where one ends another ("just over"
/// before "over").
const HEDGE_PHRASES: [(&str, Bound); 19] = [
    ("just over ", Bound::AtLeast),
    ("just under ", Bound::AtMost),
    ("at least ", Bound::AtLeast),
    ("more than ", Bound::AtLeast),
    ("over ", Bound::AtLeast),
    ("above ", Bound::AtLeast),
    ("upwards of ", Bound::AtLeast),
    ("nearly ", Bound::AtMost),
    ("almost ", Bound::AtMost),
    ("up to ", Bound::AtMost),
    ("under ", Bound::AtMost),
    ("less than ", Bound::AtMost),
    ("fewer than ", Bound::AtMost),
    ("about ", Bound::About),
    ("around ", Bound::About),
    ("some ", Bound::About),
    ("roughly ", Bound::About),
    ("approximately ", Bound::About),
    ("an estimated ", Bound::About),
];

/// The hedge that `before` (the text before a figure) ends with, if any: "killing at least"
/// → "at least ". Entity spans leave hedges out (the gold guide's rule); a figure's bound
/// needs them.
pub fn hedge_ending(before: &str) -> Option<&'static str> {
    let t = before.trim_end().to_lowercase();
    HEDGE_PHRASES.iter().map(|h| h.0).find(|h| {
        let h = h.trim_end();
        t.strip_suffix(h)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
    })
}

/// Parses a number mention ("$4.2 billion", "12 per cent", "at least 120", "Nearly 50,000",
/// "3-2", "five"). `None` when it holds no number.
pub fn quantity(text: &str) -> Option<Quantity> {
    let lower = text.to_lowercase().replace(['’', '\u{a0}'], " ");
    let t = lower.trim();
    // A score or a result: digits-dash-digits.
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((x, y)) = compact.split_once(['-', '–'])
        && !x.is_empty()
        && !y.is_empty()
        && x.chars().all(|c| c.is_ascii_digit())
        && y.chars().all(|c| c.is_ascii_digit())
    {
        return Some(Quantity {
            value: x.parse().ok()?,
            unit: "score".into(),
            bound: Bound::Exact,
            score: Some(format!("{x}-{y}")),
        });
    }
    let mut bound = Bound::Exact;
    let mut rest = t;
    for &(hedge, b) in &HEDGE_PHRASES {
        if let Some(r) = rest.strip_prefix(hedge) {
            bound = b;
            rest = r.trim_start();
            break;
        }
    }
    let mut unit = String::new();
    for (p, cur) in CURRENCIES {
        if let Some(r) = rest.strip_prefix(p) {
            unit = cur.to_string();
            rest = r.trim_start();
            break;
        }
    }
    // Number words as digits ("thirty-seven" → "37"), thousands separators dropped.
    let norm = numeric::normalise(rest);
    let mut words = norm.split_whitespace().peekable();
    let first = words.next()?;
    // "5bn", "12%", "4.2m": the number and what is glued to it.
    let split = first
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(first.len());
    let (num, glued) = first.split_at(split);
    let mut value: f64 = num.trim_end_matches('.').parse().ok()?;
    let mut tail: Vec<&str> = Vec::new();
    if !glued.is_empty() {
        tail.push(glued);
    }
    tail.extend(words);
    let mut k = 0;
    while k < tail.len() {
        let w = tail[k].trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '$');
        if let Some(s) = scale(w) {
            value *= s;
            k += 1;
            continue;
        }
        break;
    }
    let rest: Vec<&str> = tail[k..].to_vec();
    let first_rest = rest.first().copied().unwrap_or("");
    if first_rest.starts_with('%')
        || first_rest == "percent"
        || (first_rest == "per" && rest.get(1).is_some_and(|w| w.starts_with("cent")))
    {
        unit = "%".into();
    } else if unit.is_empty() && !first_rest.is_empty() {
        if let Some((_, cur)) = CURRENCIES.iter().find(|(p, _)| *p == first_rest) {
            unit = cur.to_string();
        } else {
            unit = unit_word(first_rest);
        }
    }
    Some(Quantity {
        value,
        unit,
        bound,
        score: None,
    })
}

/// A unit word in one spelling: "kilometres" / "kilometers" / "km" → "km".
fn unit_word(w: &str) -> String {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    match w {
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km".into(),
        "mile" | "miles" => "mi".into(),
        "metre" | "metres" | "meter" | "meters" | "m" => "m".into(),
        "dollar" | "dollars" => "$".into(),
        "euro" | "euros" => "€".into(),
        "pound" | "pounds" => "£".into(),
        _ => w.trim_end_matches('s').to_string(),
    }
}

/// Whether two quantities can both be true of one thing.
pub fn compatible(a: &Quantity, b: &Quantity) -> bool {
    if a.score.is_some() || b.score.is_some() {
        return a.score == b.score;
    }
    let (x, y) = (a.value, b.value);
    let near = |p: f64, q: f64| (p - q).abs() <= 0.05 * p.abs().max(q.abs());
    if x == y && a.bound == b.bound {
        return true;
    }
    use Bound::*;
    match (a.bound, b.bound) {
        (Exact, Exact) => x == y,
        (About, _) | (_, About) => near(x, y),
        // "nearly 50,000" and 49,812: a bound and a value within 10% under it.
        (AtMost, Exact) => y <= x && y >= 0.9 * x,
        (Exact, AtMost) => x <= y && x >= 0.9 * y,
        // A lower bound and a value above it agree ("more than 1,300" / "1,350").
        (AtLeast, Exact) => y >= x && y <= 1.1 * x,
        (Exact, AtLeast) => x >= y && x <= 1.1 * y,
        // Two lower (or two upper) bounds: different ones are an update or a disagreement.
        (AtLeast, AtLeast) | (AtMost, AtMost) => x == y,
        (AtLeast, AtMost) | (AtMost, AtLeast) => near(x, y),
    }
}

/// Whether two quantities may be one figure of a developing story told at two times (a toll
/// given as "at least N").
pub fn possible_update(a: &Quantity, b: &Quantity) -> bool {
    a.score.is_none()
        && b.score.is_none()
        && (a.bound == Bound::AtLeast || b.bound == Bound::AtLeast)
}

/// Whether two quantities measure the same kind of thing (a percentage is not a count).
pub fn same_unit(a: &Quantity, b: &Quantity) -> bool {
    let money = |u: &str| u.contains('$') || ["€", "£", "¥"].contains(&u);
    if a.score.is_some() != b.score.is_some() {
        return false;
    }
    a.unit == b.unit
        || (a.unit.is_empty() && !money(&b.unit) && b.unit != "%")
        || (b.unit.is_empty() && !money(&a.unit) && a.unit != "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(t: &str) -> Quantity {
        quantity(t).unwrap_or_else(|| panic!("{t} parses"))
    }

    #[test]
    fn the_hedge_before_a_figure_is_found_at_a_word_boundary() {
        assert_eq!(hedge_ending("killing at least "), Some("at least "));
        assert_eq!(hedge_ending("Turnout was just over "), Some("just over "));
        assert_eq!(hedge_ending("At Least "), Some("at least "));
        assert_eq!(hedge_ending("Nearly "), Some("nearly "));
        // "moreover" is not "over"; nothing before, nothing found.
        assert_eq!(hedge_ending("moreover "), None);
        assert_eq!(hedge_ending("killing "), None);
        assert_eq!(hedge_ending(""), None);
        assert_eq!(q("at least 120").bound, Bound::AtLeast);
    }

    #[test]
    fn one_figure_in_many_spellings() {
        assert_eq!(q("$5 billion").key(), q("5bn dollars").key());
        assert_eq!(q("$5 billion").key(), q("US$5 billion").key());
        assert_eq!(q("$5 billion").key(), "5000000000 $");
        assert_eq!(q("12%").key(), q("12 per cent").key());
        assert_eq!(q("12%").key(), q("12 percent").key());
        assert_eq!(q("3-2").key(), "3-2 score");
        assert_eq!(q("Thirty-seven").value, 37.0);
        assert_eq!(q("49,812").value, 49812.0);
        assert_ne!(q("C$3 billion").key(), q("$3 billion").key());
    }

    #[test]
    fn hedged_figures_agree_with_values_they_allow() {
        assert!(compatible(&q("Nearly 50,000"), &q("49,812")));
        assert!(compatible(&q("about 10 km"), &q("10 km")));
        assert!(!compatible(&q("at least 120"), &q("more than 140")));
        assert!(possible_update(&q("at least 120"), &q("more than 140")));
        assert!(!compatible(&q("nine"), &q("At least 12")));
        assert!(!compatible(&q("3-2"), &q("2-1")));
        assert!(!compatible(&q("1.6%"), &q("1.5%")));
        assert!(!possible_update(&q("1.6%"), &q("1.5%")));
        assert!(!same_unit(&q("12%"), &q("$12 billion")));
        assert!(same_unit(&q("52"), &q("54 seats")));
    }
}
