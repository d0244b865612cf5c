//! The entity matrix: who names which entity, and where each report first does.

use super::{Ctx, Parts};
use crate::engine::entities::EntityKind;
use crate::engine::sanitize::sanitize_line;
use crate::tui::geometry::StoryGeometry;
use crate::tui::story::Pane;
use crate::tui::theme::Role;
use crate::tui::widgets::reader::entity_role;
use crate::tui::widgets::{padded, truncate, truncate_left, truncate_spans};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub(super) fn entities(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    let kind_w = EntityKind::NAME_WIDTH + 1;
    // A column per report, headed by its name (cut to at most 4 columns).
    let col_w = (0..m.n)
        .map(|r| c.label(r).width())
        .max()
        .unwrap_or(1)
        .clamp(1, 4)
        + 1;
    let cols = col_w * m.n;
    let tail = cols + 8;
    let name_w = width.saturating_sub(kind_w + tail).clamp(4, 36);
    let mut head = format!("{:<kind_w$}{:<name_w$}", "type", "entity");
    for r in 0..m.n {
        let l = c.short_label(r, col_w - 1);
        head.push_str(&l);
        head.push_str(&" ".repeat(col_w - l.width()));
    }
    head.push_str(" spread");
    let header = Line::styled(truncate(&head, width), theme.style(Role::Meta));
    let sv = &c.app.story_view;
    let rows = sv
        .entity_rows
        .iter()
        .skip(c.offset)
        .take(c.height)
        .map(|&k| {
            let e = &m.entities[k];
            let role = entity_role(e.kind);
            let mut spans = vec![
                padded(e.kind.name(), kind_w, theme.style(role)),
                padded(
                    &sanitize_line(&e.canonical),
                    name_w,
                    theme.style(Role::Text),
                ),
            ];
            for r in 0..m.n {
                let n = e.counts.get(r).copied().unwrap_or(0);
                let pad = " ".repeat(col_w - 1);
                spans.push(if n > 0 {
                    Span::styled(format!("●{pad}"), theme.style(Role::Text))
                } else {
                    Span::styled(format!("·{pad}"), theme.style(Role::Dim))
                });
            }
            spans.push(Span::styled(
                format!(" {}/{}", e.spread(), m.n),
                theme.style(Role::Meta),
            ));
            Line::from(spans)
        })
        .collect();
    let mut detail = Vec::new();
    if let Some(&k) = sv.entity_rows.get(sv.selected_in(Pane::Entities)) {
        let e = &m.entities[k];
        let name = sanitize_line(&e.canonical);
        if sv.entity_detail {
            detail.push(Line::styled(
                truncate(
                    &format!(
                        "{name} ({}): mentions per report, and the first",
                        e.kind.name()
                    ),
                    width,
                ),
                theme.style(entity_role(e.kind)),
            ));
            let label_w = (0..m.n)
                .map(|r| c.label(r).width())
                .max()
                .unwrap_or(0)
                .min(22);
            for r in 0..m.n {
                let n = e.counts.get(r).copied().unwrap_or(0);
                let (text, style) = if n == 0 {
                    ("·  none".to_string(), theme.style(Role::Dim))
                } else {
                    (
                        format!("●{n:<3}mention{}", if n == 1 { "" } else { "s" }),
                        theme.style(Role::Text),
                    )
                };
                let mut spans = vec![
                    padded(&c.label(r), label_w, theme.style(Role::Key)),
                    Span::raw(" "),
                    padded(&text, 13, style),
                ];
                // Where the report first names it, in its own words.
                let room = width.saturating_sub(label_w + 15);
                if n > 0
                    && room > 8
                    && let Some((before, said, after)) = c.first_mention(r, e)
                {
                    let lead = before.width().min(room / 3);
                    let before = truncate_left(&before, lead);
                    spans.push(Span::styled(before, theme.style(Role::Dim)));
                    spans.push(Span::styled(said, theme.style(entity_role(e.kind))));
                    spans.push(Span::styled(after, theme.style(Role::Dim)));
                }
                detail.push(Line::from(truncate_spans(spans, width)));
            }
        } else {
            let total: usize = e.counts.iter().sum();
            detail.push(Line::raw(truncate(
                &format!(
                    "{name}: {total} mentions in {} of {} reports",
                    e.spread(),
                    m.n
                ),
                width,
            )));
            detail.push(Line::styled(
                "Enter: mentions per report",
                theme.style(Role::Dim),
            ));
        }
    }
    (header, rows, detail)
}
