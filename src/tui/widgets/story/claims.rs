//! Claims by how many reports carry them (`●●●·● 4/5`).

use super::{Ctx, Parts, marks, wrap};
use crate::tui::geometry::StoryGeometry;
use crate::tui::story::Pane;
use crate::tui::theme::Role;
use crate::tui::widgets::{padded, truncate};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub(super) fn claims(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    let frac_w = format!("{}/{}", m.n, m.n).len();
    // With notes in the story, a column for their marks after the count.
    let noted = !c.app.notes.claims.is_empty();
    let lead = m.n + 1 + frac_w + 1 + if noted { 2 } else { 0 };
    let header = Line::styled(
        truncate(
            &format!(
                "{:<lead$}claim (as the first report carrying it words it)",
                "reports"
            ),
            width,
        ),
        theme.style(Role::Meta),
    );
    let sv = &c.app.story_view;
    let rows = sv
        .claim_rows
        .iter()
        .skip(c.offset)
        .take(c.height)
        .map(|&k| {
            let claim = &m.claims[k];
            let mut spans = marks(m.n, |r| claim.reports.contains(&r), theme);
            let frac = format!("{}/{}", claim.reports.len(), m.n);
            spans.push(Span::styled(
                format!(" {frac:>frac_w$} "),
                theme.style(if claim.single_source() {
                    Role::Key
                } else {
                    Role::Meta
                }),
            ));
            if noted {
                spans.push(super::note_mark(c.app.notes.claims.get(&k), theme));
            }
            spans.push(Span::raw(truncate(
                &c.claim_text(k),
                width.saturating_sub(lead),
            )));
            Line::from(spans)
        })
        .collect();
    let mut detail = Vec::new();
    if let Some(&k) = sv.claim_rows.get(sv.selected_in(Pane::Claims)) {
        let claim = &m.claims[k];
        let who = if claim.single_source() {
            "only one report carries it".to_string()
        } else {
            format!("{} of {} reports carry it", claim.reports.len(), m.n)
        };
        detail.push(Line::styled(
            truncate(&format!("Claim {} · {who} · Enter: in full", k + 1), width),
            theme.style(Role::Meta),
        ));
        let label_w = claim
            .reports
            .iter()
            .map(|&r| c.label(r).width())
            .max()
            .unwrap_or(0)
            .min(18);
        // Each report's sentence wraps onto a second line under itself (Enter: all of it).
        let text_w = width.saturating_sub(label_w + 1).max(1);
        for &(r, s) in &claim.sentences {
            for (i, part) in wrap(&c.sentence(r, s), text_w, 2).into_iter().enumerate() {
                let label = if i == 0 { c.label(r) } else { String::new() };
                detail.push(Line::from(vec![
                    padded(&label, label_w, theme.style(Role::Key)),
                    Span::raw(" "),
                    Span::raw(part),
                ]));
            }
        }
    }
    (header, rows, detail)
}
