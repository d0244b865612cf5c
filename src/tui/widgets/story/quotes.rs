//! The quote ledger: each quotation and how every report uses it.

use super::{Ctx, Parts, QUOTE_LEGEND, use_symbol, wrap};
use crate::engine::sanitize::sanitize_line;
use crate::engine::story::QuoteUse;
use crate::tui::geometry::StoryGeometry;
use crate::tui::story::Pane;
use crate::tui::theme::Role;
use crate::tui::widgets::{padded, truncate};
use ratatui::text::{Line, Span};

pub(super) fn quotes(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    let speaker_w = 18.min(width / 4);
    let lead = m.n + 1 + speaker_w + 1;
    let header = Line::styled(
        truncate(
            &format!("{:<w$} {:<speaker_w$} quote", "reports", "speaker", w = m.n),
            width,
        ),
        theme.style(Role::Meta),
    );
    let rows = m
        .quotes
        .iter()
        .skip(c.offset)
        .take(c.height)
        .map(|q| {
            let mut spans: Vec<Span> = q
                .uses
                .iter()
                .map(|u| {
                    let role = match u {
                        QuoteUse::Absent => Role::Dim,
                        QuoteUse::OtherSpeaker => Role::Key,
                        _ => Role::Text,
                    };
                    Span::styled(use_symbol(*u), theme.style(role))
                })
                .collect();
            spans.push(Span::raw(" "));
            let speaker = q.speaker.as_deref().map(sanitize_line).unwrap_or_default();
            let speaker = if speaker.is_empty() {
                "(unattributed)".to_string()
            } else {
                speaker
            };
            spans.push(padded(&speaker, speaker_w, theme.style(Role::Person)));
            spans.push(Span::raw(" "));
            let text = c.quote(q);
            spans.push(Span::styled(
                truncate(&text, width.saturating_sub(lead)),
                theme.style(Role::Quote),
            ));
            Line::from(spans)
        })
        .collect();
    let mut detail = vec![Line::styled(
        truncate(QUOTE_LEGEND, width),
        theme.style(Role::Meta),
    )];
    if let Some(q) = m.quotes.get(c.app.story_view.selected_in(Pane::Quotes)) {
        let text = c.quote(q);
        for l in wrap(&text, width, 2) {
            detail.push(Line::styled(l, theme.style(Role::Quote)));
        }
        let uses: Vec<String> = q
            .uses
            .iter()
            .enumerate()
            .map(|(r, u)| format!("{} {} {}", use_symbol(*u), c.label(r), u.label()))
            .collect();
        for l in wrap(&uses.join("   "), width, 3) {
            detail.push(Line::raw(l));
        }
    }
    (header, rows, detail)
}
