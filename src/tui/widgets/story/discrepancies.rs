//! Figures, dates and places that differ between reports of one claim.

use super::{Ctx, Parts};
use crate::engine::entities::EntityKind;
use crate::engine::sanitize::sanitize_line;
use crate::tui::geometry::StoryGeometry;
use crate::tui::story::Pane;
use crate::tui::theme::Role;
use crate::tui::widgets::reader::entity_role;
use crate::tui::widgets::{padded, truncate};
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
    let kind_w = EntityKind::NAME_WIDTH + 1 + mark_w;
    let values_w = (width.saturating_sub(kind_w) * 2 / 5).max(10);
    let header = Line::styled(
        truncate(
            &format!(
                "{:mark_w$}{:<kind_w2$}{:<values_w$} claim",
                "",
                "type",
                "values per report",
                kind_w2 = kind_w - mark_w
            ),
            width,
        ),
        theme.style(Role::Meta),
    );
    let values = |d: &crate::engine::story::StoryDiscrepancy| {
        d.values
            .iter()
            .map(|(r, (_, vals))| {
                let v: Vec<String> = vals.iter().map(|(t, _)| sanitize_line(t)).collect();
                format!("{}: {}", c.label(*r), v.join(", "))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
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
                    kind_w - mark_w,
                    theme.style(entity_role(d.kind)),
                ),
                padded(
                    &values(d),
                    values_w.saturating_sub(1),
                    theme.style(Role::Number),
                ),
                Span::raw(" "),
                Span::raw(truncate(
                    &c.claim_text(d.claim),
                    width.saturating_sub(kind_w + values_w),
                )),
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
            let v = v.join(", ");
            let vw = v.width();
            detail.push(Line::from(vec![
                padded(&c.label(r), label_w, theme.style(Role::Key)),
                Span::raw(" "),
                Span::styled(v, theme.style(Role::Number).patch(Style::default())),
                Span::raw(" │ "),
                Span::raw(truncate(
                    &c.sentence(*sr, *ss),
                    width.saturating_sub(label_w + vw + 4),
                )),
            ]));
        }
    }
    (header, rows, detail)
}
