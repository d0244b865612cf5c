//! One report's values per sentence, as [`super::Side`] keeps them: each figure's and date's
//! key and context computed once, for its sentence's values and the report-wide keys alike.

use super::{DISCREPANCY_KINDS, Everywhere, Val, context, figure, hash, where_slot};
use crate::engine::article::{Article, Span};
use crate::engine::entities::{EntityKind, Extraction, Mention};

/// Which of [`Side::everywhere`] a value of `kind` goes to: figures (0) and dates (1).
pub(super) fn everywhere_index(kind: EntityKind) -> Option<usize> {
    match kind {
        EntityKind::Number => Some(0),
        EntityKind::Date => Some(1),
        _ => None,
    }
}

/// The values of one sentence, per kind of [`DISCREPANCY_KINDS`] (once per key); each figure
/// and date of it is also entered in `everywhere` with its slot, and marked in `placed` (by
/// mention index).
pub(super) fn vals(
    article: &Article,
    ex: &Extraction,
    span: Span,
    everywhere: &mut [Everywhere; 2],
    placed: &mut [bool],
) -> [Vec<Val>; 4] {
    let mut out: [Vec<Val>; 4] = Default::default();
    let first = ex.mentions.partition_point(|m| m.span.end <= span.start);
    for (i, m) in ex.mentions[first..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.span.start < span.end)
        .filter(|(_, m)| m.span.start >= span.start && m.span.end <= span.end)
    {
        let Some(k) = DISCREPANCY_KINDS.iter().position(|&kind| kind == m.kind) else {
            continue;
        };
        let kind = m.kind;
        let quantity = (kind == EntityKind::Number)
            .then(|| figure(article, span, m.span))
            .flatten();
        let key = match &quantity {
            Some(q) => q.key(),
            None => m.value_key(article),
        };
        let seen = out[k].iter().any(|v| v.key == key);
        let place = everywhere_index(kind);
        if seen && place.is_none() {
            continue;
        }
        let ctx = context(article, span, m.span);
        if let Some(e) = place
            // A mention lies in one sentence at most (sentences do not overlap).
            && let Some(p) = placed.get_mut(first + i)
            && !*p
        {
            *p = true;
            everywhere[e]
                .entry(key.clone())
                .or_default()
                .push(Some((ctx.1.clone(), ctx.2.clone())));
        }
        if seen {
            continue;
        }
        let where_slot = matches!(kind, EntityKind::Gpe | EntityKind::Loc)
            && where_slot(article, span, m.span, ctx.0.as_deref());
        let key_hash = hash(&key);
        out[k].push(Val {
            text: article.slice(m.span).to_string(),
            span: m.span,
            key,
            key_hash,
            key_id: u32::MAX,
            quantity,
            ctx,
            where_slot,
        });
    }
    out
}

/// A value's key: a figure's quantity (with its hedge inside `within`), else
/// [`crate::engine::entities::Mention::value_key`].
pub(super) fn key_of(article: &Article, within: Span, m: &Mention) -> String {
    match (m.kind == EntityKind::Number)
        .then(|| figure(article, within, m.span))
        .flatten()
    {
        Some(q) => q.key(),
        None => m.value_key(article),
    }
}
