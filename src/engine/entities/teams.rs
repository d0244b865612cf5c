//! National (and city) sports teams named by their country: in a match report `Brazil beat
//! Argentina 2-1` names two teams (ORG), not two countries. A place becomes a team in an
//! article when the article reads as a sports report (several sports words) and the place
//! stands in a team's role at least once: next to a score, as the subject or object of a
//! match verb, or before a player's role (`Tunisia's goalkeeper`). Every mention of that place
//! in the article is then a team, except where it is plainly a place (`in Sochi`, `from
//! Brazil`).

use super::EntityKind;
use super::gazetteer::{FxSet, set};
use super::tagger::Raw;
use std::sync::LazyLock;

static SPORTS_WORDS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "goal",
        "goals",
        "scored",
        "scoring",
        "match",
        "penalty",
        "striker",
        "goalkeeper",
        "midfielder",
        "defender",
        "coach",
        "qualifier",
        "tournament",
        "half-time",
        "halftime",
        "kick",
        "referee",
        "equaliser",
        "equalizer",
        "header",
        "substitute",
        "innings",
        "wicket",
        "touchdown",
        "inning",
        "quarterback",
        "playoff",
        "playoffs",
        "semi-final",
        "quarter-final",
        "final",
        "squad",
        "fixture",
        "stadium",
    ])
});

/// Verbs of a match whose subject or object is a team.
static MATCH_VERBS: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "beat",
        "beats",
        "defeated",
        "defeat",
        "defeats",
        "edged",
        "thrashed",
        "routed",
        "faced",
        "face",
        "faces",
        "drew",
        "draw",
        "tied",
        "trailed",
        "trail",
        "host",
        "hosts",
        "hosted",
        "played",
        "play",
        "plays",
        "meet",
        "meets",
        "equalised",
        "equalized",
        "scored",
        "conceded",
        "opened",
        "eliminated",
        "knocked",
        "overcame",
        "outplayed",
        "won",
        "lost",
    ])
});

/// Roles after a team's name (`Tunisia's goalkeeper`, `Panama coach`).
static TEAM_ROLES: LazyLock<FxSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "goalkeeper",
        "keeper",
        "striker",
        "coach",
        "captain",
        "defender",
        "midfielder",
        "forward",
        "manager",
        "squad",
        "players",
        "fans",
        "supporters",
        "winger",
        "substitute",
        "bench",
        "defence",
        "defense",
        "attack",
        "goal",
        "attempt",
        "lineup",
        "line-up",
    ])
});

/// Words before a place that keep it a place even in a sports report.
const PLACE_BEFORE: &[&str] = &["in", "at", "from", "of", "near", "across", "around", "into"];

fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
}

fn is_score(s: &str) -> bool {
    // "2-1", "3 – 0", "1 - 2"
    let t = s.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = t[digits..].trim_start();
    let rest = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('–'))
        .or_else(|| rest.strip_prefix('—'));
    rest.is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// `s` lower-cased into `buf` (as `str::to_lowercase`; ASCII without allocating).
fn lower<'a>(s: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf
}

/// Retypes as ORG the places of `raws` (mentions of one article in `text`) that are teams.
pub fn retype(text: &str, raws: &mut [Raw]) {
    // Three sports words in the first 20,000 words make a sports report: stop at the third.
    let mut low = String::new();
    let sports = words(text)
        .take(20_000)
        .filter(|w| {
            low.clear();
            if w.is_ascii() {
                low.push_str(w);
                low.make_ascii_lowercase();
            } else {
                low.extend(w.chars().flat_map(char::to_lowercase));
            }
            SPORTS_WORDS.contains(low.as_str())
        })
        .take(3)
        .count();
    if sports < 3 {
        return;
    }
    let (mut next, mut prev) = (String::new(), String::new());
    let mut teams: Vec<&str> = Vec::new();
    for r in raws.iter().filter(|r| r.kind == EntityKind::Gpe) {
        let name = text.get(r.span.range()).unwrap_or("");
        if teams.contains(&name) {
            continue; // Already a team: nothing more to learn.
        }
        let before = text.get(r.span.start.saturating_sub(40)..r.span.start);
        let after = text.get(r.span.end..(r.span.end + 40).min(text.len()));
        let (Some(before), Some(after)) = (before, after) else {
            continue;
        };
        let after_poss = after
            .strip_prefix("’s")
            .or_else(|| after.strip_prefix("'s"))
            .unwrap_or(after);
        let next = lower(words(after_poss).next().unwrap_or(""), &mut next);
        let prev = lower(words(before).next_back().unwrap_or(""), &mut prev);
        let team = is_score(after)
            || before.trim_end().ends_with(|c: char| c.is_ascii_digit()) && is_score_end(before)
            || MATCH_VERBS.contains(next) && !after.starts_with(',')
            || TEAM_ROLES.contains(next)
            || MATCH_VERBS.contains(prev)
            || matches!(prev, "against" | "vs" | "versus" | "v");
        if team {
            teams.push(name);
        }
    }
    if teams.is_empty() {
        return;
    }
    for r in raws.iter_mut().filter(|r| r.kind == EntityKind::Gpe) {
        let name = text.get(r.span.range()).unwrap_or("");
        if !teams.contains(&name) {
            continue;
        }
        let before = text
            .get(r.span.start.saturating_sub(20)..r.span.start)
            .unwrap_or("");
        let prev = lower(words(before).next_back().unwrap_or(""), &mut prev);
        if !PLACE_BEFORE.contains(&prev) {
            r.kind = EntityKind::Org;
            r.canonical = Some(name.to_string());
        }
    }
}

/// Whether `before` ends with a score (`... 3 – 0 `), so the name after it is the other team.
fn is_score_end(before: &str) -> bool {
    let t = before.trim_end();
    let b = t.as_bytes();
    let mut i = b.len();
    while i > 0 && b[i - 1].is_ascii_digit() {
        i -= 1;
    }
    let head = t[..i].trim_end();
    let head = head
        .strip_suffix('-')
        .or_else(|| head.strip_suffix('–'))
        .or_else(|| head.strip_suffix('—'));
    head.is_some_and(|h| h.trim_end().ends_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::Span;

    fn raw(text: &str, name: &str, nth: usize) -> Raw {
        let start = text.match_indices(name).nth(nth).expect("in text").0;
        Raw {
            span: Span::new(start, start + name.len()),
            kind: EntityKind::Gpe,
            canonical: None,
        }
    }

    #[test]
    fn countries_in_a_match_report_are_teams_but_venues_stay_places() {
        let text = "Brazil beat Argentina 2-1 in Buenos Aires. The goal came late; the \
                    striker scored a penalty. Argentina's coach was angry. Fans in Brazil cheered.";
        let mut raws = vec![
            raw(text, "Brazil", 0),
            raw(text, "Argentina", 0),
            raw(text, "Buenos Aires", 0),
            raw(text, "Argentina", 1),
            raw(text, "Brazil", 1),
        ];
        retype(text, &mut raws);
        let kinds: Vec<EntityKind> = raws.iter().map(|r| r.kind).collect();
        use EntityKind::*;
        assert_eq!(kinds, [Org, Org, Gpe, Org, Gpe]);
    }

    #[test]
    fn no_teams_outside_sports_reports() {
        let text = "Brazil beat expectations as exports to Argentina rose 2-1 on the year.";
        let mut raws = vec![raw(text, "Brazil", 0), raw(text, "Argentina", 0)];
        retype(text, &mut raws);
        assert!(raws.iter().all(|r| r.kind == EntityKind::Gpe));
    }
}
