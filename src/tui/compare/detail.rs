//! The row detail popup's facts (`Enter` in the compare view): what both sides of the current
//! row name, what only one does, and the row's discrepancies, worked out once when the popup
//! opens (or the row or side order changes), not at every frame.

use super::CompareView;
use crate::engine::Article;
use crate::engine::Span;
use crate::engine::entities::{EntityKind, Extraction};
use crate::engine::sanitize::sanitize_line;
use crate::engine::segment::Sentence;
use std::collections::BTreeSet;

/// The facts of one row, as displayed (left, right).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowDetail {
    /// The row and side order it was built for.
    pub key: (usize, bool),
    pub shared: String,
    pub only_left: String,
    pub only_right: String,
    /// "Discrepancy (number): A says 12, B says 14", one per discrepancy in the row.
    pub discrepancies: Vec<String>,
}

/// Entities (canonical, by type) and numbers (normalised) in some sentences of one side.
fn facts(article: &Article, ex: &Extraction, spans: &[Span]) -> BTreeSet<(EntityKind, String)> {
    let mut out = BTreeSet::new();
    for s in spans {
        for m in ex.mentions_in(*s) {
            out.insert((m.kind, sanitize_line(&m.value_key(article))));
        }
    }
    out
}

pub fn kind_name(k: EntityKind) -> &'static str {
    k.name()
}

fn fact_list<'a>(set: impl Iterator<Item = &'a (EntityKind, String)>) -> String {
    let all: Vec<String> = set
        .map(|(k, n)| format!("{n} ({})", kind_name(*k)))
        .collect();
    if all.is_empty() {
        "—".to_string()
    } else {
        all.join(", ")
    }
}

impl RowDetail {
    /// The detail of the view's current row, once the comparison is there.
    pub fn build(view: &CompareView) -> Option<RowDetail> {
        let (c, exs) = (view.shown()?, view.displayed_extractions()?);
        let row = c.rows.get(view.row)?;
        let sides = view.displayed();
        let spans = |idx: &[usize], sents: &[Sentence]| -> Vec<Span> {
            idx.iter()
                .filter_map(|&i| sents.get(i).map(|s| s.span))
                .collect()
        };
        let fl = facts(
            &sides.left.article,
            exs.left,
            &spans(&row.left, &c.left_sentences),
        );
        // Every right sentence the row's left one is linked to: those shown in the row and
        // those shown in another row and referred to from this one ("~ B7, see row 3").
        let linked: Vec<usize> = row.matched_right().collect();
        let fr = facts(
            &sides.right.article,
            exs.right,
            &spans(&linked, &c.right_sentences),
        );
        let vals = |v: &[(String, Span)]| {
            v.iter()
                .map(|(t, _)| sanitize_line(t))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let discrepancies = c
            .discrepancies
            .iter()
            .filter(|d| row.left.contains(&d.left) && linked.contains(&d.right))
            .map(|d| {
                format!(
                    "Discrepancy ({}): {} says {}, {} says {}",
                    kind_name(d.kind),
                    sides.left.letter,
                    vals(&d.left_values),
                    sides.right.letter,
                    vals(&d.right_values)
                )
            })
            .collect();
        Some(RowDetail {
            key: (view.row, view.swapped),
            shared: fact_list(fl.intersection(&fr)),
            only_left: fact_list(fl.difference(&fr)),
            only_right: fact_list(fr.difference(&fl)),
            discrepancies,
        })
    }
}
