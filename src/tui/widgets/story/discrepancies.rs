//! Figures, dates and places that differ between reports of one claim.

use super::{Ctx, Parts};
use crate::engine::entities::EntityKind;
use crate::engine::sanitize::sanitize_line;
use crate::tui::geometry::StoryGeometry;
use crate::tui::story::Pane;
use crate::tui::theme::Role;
use crate::tui::widgets::reader::entity_role;
use crate::tui::widgets::{padded, truncate, truncate_spans};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub(super) fn discrepancies(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    // With notes in the story, a column for their marks first.
    let noted = !c.app.notes.discrepancies.is_empty();
    let mark_w = if noted { 2 } else { 0 };
    // Every report's values (a part each), as the list shows them in `w` columns: all of
    // each part when they fit, else every part cut (`…`) to an equal share, so no report's
    // value is left out.
    let values = |d: &crate::engine::story::StoryDiscrepancy, w: usize| {
        let parts: Vec<String> = d
            .values
            .iter()
            .map(|(r, (_, vals))| {
                let v: Vec<String> = vals.iter().map(|(t, _)| sanitize_line(t)).collect();
                format!("{}: {}", c.label(*r), v.join(", "))
            })
            .collect();
        let joined = parts.join(" · ");
        if joined.width() <= w || parts.len() < 2 {
            return truncate(&joined, w);
        }
        let share = w.saturating_sub(3 * (parts.len() - 1)) / parts.len();
        parts
            .iter()
            .map(|p| truncate(p, share))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    // The values come first, then the type, then the claim (its text is in the detail).
    let widest = m
        .discrepancies
        .iter()
        .map(|d| values(d, usize::MAX).width())
        .max()
        .unwrap_or(0);
    let full_kind = EntityKind::NAME_WIDTH + 1;
    let share = (width.saturating_sub(full_kind + mark_w) * 2 / 5).max(18);
    // On a wide screen the type and some of the claim keep their room; on a narrow one the
    // type is cut to make room for the values, and the claim goes.
    let reserve = if width >= 60 { full_kind + 24 } else { 6 };
    let values_w = share
        .max(widest + 1)
        .min(width.saturating_sub(mark_w + reserve));
    let kind_w = full_kind.min(width.saturating_sub(mark_w + values_w)) + mark_w;
    let claim_w = width.saturating_sub(kind_w + values_w);
    let header = Line::styled(
        truncate(
            &format!(
                "{:mark_w$}{:<kind_w2$}{:<values_w$}{}",
                "",
                truncate("type", (kind_w - mark_w).saturating_sub(1)),
                truncate("values per report", values_w.saturating_sub(1)),
                if claim_w > 0 { "claim" } else { "" },
                kind_w2 = kind_w - mark_w
            ),
            width,
        ),
        theme.style(Role::Meta),
    );
    let rows = m
        .discrepancies
        .iter()
        .skip(c.offset)
        .take(c.height)
        .enumerate()
        .map(|(k, d)| {
            let mark = noted.then(|| {
                let b = c.app.notes.discrepancies.get(&(c.offset + k));
                super::note_mark(b, theme)
            });
            Line::from_iter(mark.into_iter().chain([
                padded(
                    d.kind.name(),
                    (kind_w - mark_w).saturating_sub(1),
                    theme.style(entity_role(d.kind)),
                ),
                Span::raw(" "),
                padded(
                    &values(d, values_w.saturating_sub(1)),
                    values_w.saturating_sub(1),
                    theme.style(Role::Number),
                ),
                Span::raw(" "),
                Span::raw(truncate(&c.claim_text(d.claim), claim_w)),
            ]))
        })
        .collect();
    let mut detail = Vec::new();
    if let Some(d) = m
        .discrepancies
        .get(c.app.story_view.selected_in(Pane::Discrepancies))
    {
        detail.push(Line::styled(
            truncate(
                &format!(
                    "{} differs in claim {} · Enter: compare two of these reports there",
                    d.kind.name(),
                    d.claim + 1
                ),
                width,
            ),
            theme.style(Role::Meta),
        ));
        let label_w = d
            .values
            .keys()
            .map(|&r| c.label(r).width())
            .max()
            .unwrap_or(0)
            .min(18);
        for (&r, ((sr, ss), vals)) in &d.values {
            let v: Vec<String> = vals.iter().map(|(t, _)| sanitize_line(t)).collect();
            let spans = vec![
                padded(&c.label(r), label_w, theme.style(Role::Key)),
                Span::raw(" "),
                Span::styled(
                    v.join(", "),
                    theme.style(Role::Number).patch(Style::default()),
                ),
                Span::raw(" │ "),
                Span::raw(c.sentence(*sr, *ss)),
            ];
            detail.push(Line::from(truncate_spans(spans, width)));
        }
    }
    (header, rows, detail)
}
