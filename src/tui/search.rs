//! Search (`/`): a literal pattern over the pane at hand — the library (titles, outlets),
//! the reading pane (the open report's text), the compare view (both sides) or the story
//! screen (claims, entities, quotes). Case-insensitive unless the pattern has a capital
//! ("smart case"). The hits are found once, when the search is confirmed, in the order the
//! pane shows them; `n` / `N` step through them ([`SearchState::step`]) and the widgets
//! highlight them. A search belongs to the view it was made in ([`Scope`]): elsewhere it is
//! not drawn and `n` / `N` keep their other meanings.

use super::compare::CompareView;
use super::compare::layout::row_side;
use super::model::Model;
use super::story::{Pane, StoryState};
use crate::engine::side::Side;
use crate::engine::{Article, BlockKind, Span};
use regex::{Regex, RegexBuilder};

/// The longest pattern the prompt takes, in characters.
pub const MAX_PATTERN: usize = 200;
/// At most this many hits are kept (the count says "+" beyond).
pub const MAX_HITS: usize = 10_000;

/// A compiled pattern: the text literally, case-insensitive unless it has a capital.
#[derive(Debug, Clone)]
pub struct Matcher {
    re: Regex,
}

impl Matcher {
    /// `None` for an empty (or all-space) pattern.
    pub fn new(pattern: &str) -> Option<Matcher> {
        if pattern.trim().is_empty() {
            return None;
        }
        let smart = !pattern.chars().any(char::is_uppercase);
        let re = RegexBuilder::new(&regex::escape(pattern))
            .case_insensitive(smart)
            .build()
            .ok()?;
        Some(Matcher { re })
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.re.is_match(hay)
    }

    /// Byte ranges of the matches in `hay`.
    pub fn find_iter<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = Span> + 'a {
        self.re
            .find_iter(hay)
            .filter(|m| !m.is_empty())
            .map(|m| Span::new(m.start(), m.end()))
    }
}

/// The view a search was made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Library,
    /// The reading pane showing this report.
    Reader(usize),
    /// The compare view of this job, with this side order.
    Compare {
        job: u64,
        swapped: bool,
    },
    /// The story screen of this story.
    Story(usize),
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Library => "the library",
            Scope::Reader(_) => "this report",
            Scope::Compare { .. } => "both reports",
            Scope::Story(_) => "claims, entities and quotes",
        }
    }
}

/// One match, where the view shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A report of the library (its title or outlet).
    Report(usize),
    /// Bytes of the open report's text.
    Text(Span),
    /// Bytes of a sentence in row `row` of the compare view, on the displayed side `side`.
    Row { row: usize, side: Side, span: Span },
    /// Row `row` of a story screen pane (its display order).
    Story { pane: Pane, row: usize },
}

/// The search: the pattern, where it was made, its hits and the current one.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The pattern as typed (sanitized for display by the widgets).
    pub pattern: String,
    pub matcher: Option<Matcher>,
    pub scope: Option<Scope>,
    pub hits: Vec<Hit>,
    /// More hits than [`MAX_HITS`] were found.
    pub capped: bool,
    pub current: usize,
    /// The last jump went to a match (rather than an entity mention): `n` / `N` step matches.
    pub last: bool,
}

impl SearchState {
    /// A new search's result.
    pub fn set(&mut self, pattern: &str, matcher: Matcher, scope: Scope, mut hits: Vec<Hit>) {
        self.capped = hits.len() > MAX_HITS;
        hits.truncate(MAX_HITS);
        self.pattern = pattern.to_string();
        self.matcher = Some(matcher);
        self.scope = Some(scope);
        self.hits = hits;
        self.current = 0;
        self.last = !self.hits.is_empty();
    }

    /// Forgets the search (an empty pattern).
    pub fn clear(&mut self) {
        *self = SearchState::default();
    }

    /// The search is for this view and found something.
    pub fn active(&self, scope: Scope) -> bool {
        self.scope == Some(scope) && !self.hits.is_empty()
    }

    /// The matcher, when the search is for this view (for highlighting).
    pub fn matcher_for(&self, scope: Scope) -> Option<&Matcher> {
        self.matcher.as_ref().filter(|_| self.scope == Some(scope))
    }

    pub fn current_hit(&self) -> Option<Hit> {
        self.hits.get(self.current).copied()
    }

    /// The next (`forward`) or previous hit, wrapping at either end.
    pub fn step(&mut self, forward: bool) -> Option<Hit> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        self.current = if forward {
            (self.current + 1) % n
        } else {
            (self.current + n - 1) % n
        };
        self.last = true;
        self.current_hit()
    }

    /// The status line's note: `match K/N`, and a word when it wrapped.
    pub fn note(&self, wrapped: bool) -> String {
        let plus = if self.capped { "+" } else { "" };
        let wrap = if wrapped { " (wrapped)" } else { "" };
        format!("match {}/{}{plus}{wrap}", self.current + 1, self.hits.len())
    }

    /// Bytes of the open report's text that match, and whether each is the current hit.
    pub fn text_hits(&self, report: usize, within: Span) -> Vec<(Span, bool)> {
        if self.scope != Some(Scope::Reader(report)) {
            return Vec::new();
        }
        let from = self.hits.partition_point(|h| match h {
            Hit::Text(s) => s.end <= within.start,
            _ => false,
        });
        self.hits[from..]
            .iter()
            .enumerate()
            .map_while(|(k, h)| match h {
                Hit::Text(s) if s.start < within.end => Some((*s, from + k == self.current)),
                _ => None,
            })
            .collect()
    }

    /// The compare view's hits in row `row` on the displayed side `side`.
    pub fn row_hits(&self, scope: Scope, row: usize, side: Side) -> Vec<(Span, bool)> {
        if self.scope != Some(scope) {
            return Vec::new();
        }
        let from = self.hits.partition_point(|h| match h {
            Hit::Row { row: r, .. } => *r < row,
            _ => false,
        });
        self.hits[from..]
            .iter()
            .enumerate()
            .map_while(|(k, h)| match h {
                Hit::Row {
                    row: r,
                    side: s,
                    span,
                } if *r == row => Some((*s == side).then_some((*span, from + k == self.current))),
                _ => None,
            })
            .flatten()
            .collect()
    }
}

/// The matches of `m` in `text` (a slice starting at byte `base`), as spans of the whole.
fn spans_in(m: &Matcher, text: &str, base: usize, out: &mut Vec<Span>) {
    for s in m.find_iter(text) {
        if out.len() > MAX_HITS {
            return;
        }
        out.push(Span::new(base + s.start, base + s.end));
    }
}

/// Library: the reports whose title or outlet matches, in display order.
pub fn library_hits(model: &Model, m: &Matcher) -> Vec<Hit> {
    model
        .order()
        .iter()
        .filter(|&&i| {
            model
                .article(i)
                .is_some_and(|a| m.is_match(&a.title) || m.is_match(&a.outlet_label()))
        })
        .map(|&i| Hit::Report(i))
        .collect()
}

/// The reading pane: matches in the blocks it draws (as `tui::layout` does), in text order.
pub fn text_hits(a: &Article, m: &Matcher) -> Vec<Hit> {
    let mut spans = Vec::new();
    for b in a.content_blocks() {
        if b.kind == BlockKind::Title && !a.title_derived {
            continue;
        }
        spans_in(m, a.slice(b.span), b.span.start, &mut spans);
    }
    spans.sort_unstable();
    spans.dedup();
    spans.into_iter().map(Hit::Text).collect()
}

/// The compare view: matches in each row's sentences, left side then right, in row order.
pub fn compare_hits(view: &CompareView, m: &Matcher) -> Vec<Hit> {
    let Some(c) = view.shown() else {
        return Vec::new();
    };
    let shown = view.displayed();
    let mut out = Vec::new();
    for (ri, row) in c.rows.iter().enumerate() {
        for side in [Side::Left, Side::Right] {
            let (idx, _) = row_side(row, side);
            let sentences = match side {
                Side::Left => &c.left_sentences,
                Side::Right => &c.right_sentences,
            };
            let article = &shown[side].article;
            let mut spans = Vec::new();
            for s in idx.iter().filter_map(|&i| sentences.get(i)) {
                spans_in(m, article.slice(s.span), s.span.start, &mut spans);
            }
            out.extend(spans.into_iter().map(|span| Hit::Row {
                row: ri,
                side,
                span,
            }));
            if out.len() > MAX_HITS {
                return out;
            }
        }
    }
    out
}

/// The story screen: rows of the claims, entities and quotes panes whose text matches, the
/// pane on screen first, then the others in tab order.
pub fn story_hits(state: &StoryState, model: &Model, m: &Matcher) -> Vec<Hit> {
    let Some((_, sm, members)) = state.story(model) else {
        return Vec::new();
    };
    let text = |r: usize, span: Span| -> Option<String> {
        let a = model.article(*members.get(r)?)?;
        Some(a.slice(span).to_string())
    };
    let sentence = |r: usize, s: usize| -> Option<String> {
        let span = sm.sentences.get(r)?.get(s)?.span;
        text(r, span)
    };
    let mut panes = vec![Pane::Claims, Pane::Entities, Pane::Quotes];
    if let Some(k) = panes.iter().position(|p| *p == state.pane) {
        panes.rotate_left(k);
    }
    let mut out = Vec::new();
    for pane in panes {
        let rows: Vec<bool> = match pane {
            Pane::Claims => state
                .claim_rows
                .iter()
                .map(|&c| {
                    sm.claims
                        .get(c)
                        .and_then(|c| c.sentences.first())
                        .and_then(|&(r, s)| sentence(r, s))
                        .is_some_and(|t| m.is_match(&t))
                })
                .collect(),
            Pane::Entities => state
                .entity_rows
                .iter()
                .map(|&e| sm.entities.get(e).is_some_and(|e| m.is_match(&e.canonical)))
                .collect(),
            Pane::Quotes => sm
                .quotes
                .iter()
                .map(|q| {
                    text(q.report, q.span).is_some_and(|t| m.is_match(&t))
                        || q.speaker.as_deref().is_some_and(|s| m.is_match(s))
                })
                .collect(),
            _ => Vec::new(),
        };
        out.extend(
            rows.iter()
                .enumerate()
                .filter(|(_, hit)| **hit)
                .map(|(row, _)| Hit::Story { pane, row }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case() {
        let lower = Matcher::new("rubio").unwrap();
        assert!(lower.is_match("Marco RUBIO said"));
        let upper = Matcher::new("Rubio").unwrap();
        assert!(upper.is_match("Marco Rubio said"));
        assert!(!upper.is_match("marco rubio said"));
        // Literal, not a regular expression.
        let dot = Matcher::new("a.b").unwrap();
        assert!(dot.is_match("x a.b y") && !dot.is_match("axb"));
        assert!(Matcher::new("  ").is_none());
    }

    #[test]
    fn offsets_are_bytes_of_the_haystack() {
        let m = Matcher::new("café").unwrap();
        let hay = "Le CAFÉ et le café";
        let spans: Vec<Span> = m.find_iter(hay).collect();
        assert_eq!(spans.len(), 2);
        for s in spans {
            assert!(hay[s.range()].to_lowercase() == "café");
        }
    }

    #[test]
    fn stepping_wraps_both_ways() {
        let mut s = SearchState::default();
        let hits = (0..3).map(Hit::Report).collect();
        s.set("x", Matcher::new("x").unwrap(), Scope::Library, hits);
        assert_eq!(s.note(false), "match 1/3");
        s.step(false);
        assert_eq!(s.current, 2);
        s.step(true);
        assert_eq!(s.current, 0);
        assert!(s.active(Scope::Library) && !s.active(Scope::Reader(0)));
    }
}
