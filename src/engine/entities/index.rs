//! The story's entities at a glance: one entry per (type, canonical name) with its mention
//! count in each article, for the reader's entities pane.
//!
//! Names (PERSON, ORG, GPE, LOC, NORP) are all listed. Dates and numbers are listed only when
//! at least two reports give them (or the story has one report): a figure several reports
//! share is worth comparing, while the long tail of figures that only one report mentions
//! ("two", "Friday", "2014") would bury the names.

use super::{EntityKind, Extraction};
use crate::engine::sanitize::sanitize_line;
use std::collections::HashMap;

/// One entity of the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub kind: EntityKind,
    /// The canonical name as mentions carry it (used to find them).
    pub canonical: String,
    /// The name as drawn: sanitized, on one line.
    pub display: String,
    /// The articles that mention it (positions in the order the extractions were given,
    /// ascending) and how many times each does. Sparse: a library of thousands of reports
    /// and thousands of names would otherwise hold names × reports counts, mostly zeros.
    pub mentioned: Vec<(usize, usize)>,
    pub total: usize,
    /// How many articles mention it.
    pub spread: usize,
}

/// The entries of a story, grouped by type (in [`EntityKind::ALL`] order) and, within a
/// type, by spread, then total mentions, then name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityIndex {
    pub articles: usize,
    pub entries: Vec<IndexEntry>,
    /// Dates and numbers left out because only one report gives them.
    pub hidden: usize,
}

impl IndexEntry {
    /// How many times article `a` mentions it.
    pub fn count(&self, a: usize) -> usize {
        self.mentioned
            .binary_search_by_key(&a, |&(i, _)| i)
            .map_or(0, |k| self.mentioned[k].1)
    }
}

impl EntityIndex {
    pub fn build(extractions: &[&Extraction]) -> EntityIndex {
        let n = extractions.len();
        let mut at: HashMap<(EntityKind, &str), usize> = HashMap::new();
        let mut entries: Vec<IndexEntry> = Vec::new();
        for (a, ex) in extractions.iter().enumerate() {
            for m in &ex.mentions {
                let k = *at.entry((m.kind, m.canonical.as_str())).or_insert_with(|| {
                    entries.push(IndexEntry {
                        kind: m.kind,
                        canonical: m.canonical.clone(),
                        display: sanitize_line(&m.canonical),
                        mentioned: Vec::new(),
                        total: 0,
                        spread: 0,
                    });
                    entries.len() - 1
                });
                let e = &mut entries[k];
                match e.mentioned.last_mut() {
                    Some((last, c)) if *last == a => *c += 1,
                    _ => {
                        e.mentioned.push((a, 1));
                        e.spread += 1;
                    }
                }
                e.total += 1;
            }
        }
        let before = entries.len();
        let min_spread = n.min(2);
        entries.retain(|e| {
            !matches!(e.kind, EntityKind::Date | EntityKind::Number) || e.spread >= min_spread
        });
        let hidden = before - entries.len();
        entries.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then(b.spread.cmp(&a.spread))
                .then(b.total.cmp(&a.total))
                .then_with(|| a.display.cmp(&b.display))
        });
        EntityIndex {
            articles: n,
            entries,
            hidden,
        }
    }

    /// Entries of one type.
    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &IndexEntry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::Span;
    use crate::engine::entities::Mention;

    fn ex(ms: &[(EntityKind, &str)]) -> Extraction {
        Extraction {
            mentions: ms
                .iter()
                .enumerate()
                .map(|(i, (k, c))| Mention {
                    span: Span::new(i * 10, i * 10 + 5),
                    kind: *k,
                    canonical: c.to_string(),
                })
                .collect(),
            ..Extraction::default()
        }
    }

    #[test]
    fn counts_per_article_and_sorts_by_spread_then_total() {
        use EntityKind::*;
        let a = ex(&[(Person, "Ann Lee"), (Person, "Bo Li"), (Person, "Bo Li")]);
        let b = ex(&[
            (Person, "Ann Lee"),
            (Gpe, "Chad"),
            (Number, "7"),
            (Date, "May"),
        ]);
        let c = ex(&[(Number, "7"), (Person, "Bo Li")]);
        let idx = EntityIndex::build(&[&a, &b, &c]);
        let names: Vec<&str> = idx.entries.iter().map(|e| e.display.as_str()).collect();
        // Bo Li: 2 articles, 3 mentions; Ann Lee: 2 articles, 2 mentions.
        assert_eq!(names, ["Bo Li", "Ann Lee", "Chad", "7"]);
        assert_eq!(idx.entries[0].mentioned, [(0, 2), (2, 1)]);
        assert_eq!(
            (0..3).map(|a| idx.entries[0].count(a)).collect::<Vec<_>>(),
            [2, 0, 1]
        );
        assert_eq!(idx.entries[0].spread, 2);
        assert_eq!(
            (0..3).map(|a| idx.entries[3].count(a)).collect::<Vec<_>>(),
            [0, 1, 1]
        );
        // "May" is in one report only.
        assert_eq!(idx.hidden, 1);
        assert_eq!(idx.of_kind(Person).count(), 2);
    }

    #[test]
    fn one_report_keeps_its_dates_and_names_are_one_line() {
        let a = ex(&[
            (EntityKind::Date, "May"),
            (EntityKind::Org, "Big\nCo\u{1b}[31m"),
        ]);
        let idx = EntityIndex::build(&[&a]);
        assert_eq!(idx.hidden, 0);
        assert_eq!(idx.entries.len(), 2);
        assert!(
            idx.entries
                .iter()
                .all(|e| !e.display.contains(['\n', '\u{1b}']))
        );
    }
}
