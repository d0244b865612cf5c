//! The story screen's detail popup (Enter on a claim or a quote): the whole text, wrapped,
//! and every report's sentence of it with that report's source (outlet, title, date, URL or
//! path); Enter reads it in its report, Esc comes back.

use crate::engine::compare::render::wrap;
use crate::engine::sanitize::sanitize_line;
use crate::tui::app::App;
use crate::tui::copy::citation;
use crate::tui::story::Pane;
use crate::tui::theme::Role;
use crate::tui::widgets::overlay;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::Line;

/// `text` wrapped to `width` after `indent`.
fn wrapped(text: &str, width: usize, indent: &str, style: Style, out: &mut Vec<Line<'static>>) {
    let room = width.saturating_sub(indent.chars().count()).max(1);
    for l in wrap(text, room) {
        out.push(Line::styled(format!("{indent}{l}"), style));
    }
}

pub fn detail(app: &App, frame: &mut Frame) {
    let sv = &app.story_view;
    let Some((_, m, members)) = sv.story(&app.model) else {
        return;
    };
    let theme = &app.theme;
    let width = overlay::max_width(app.geometry.size.0).min(100);
    let inner = (width as usize).saturating_sub(3);
    let article = |r: usize| members.get(r).and_then(|&i| app.model.article(i));
    let sentence = |r: usize, s: usize| -> Option<String> {
        let span = m.sentences.get(r)?.get(s)?.span;
        Some(sanitize_line(article(r)?.slice(span)))
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    let (title, cites): (String, Vec<(usize, Option<String>)>) = match sv.pane {
        Pane::Claims => {
            let Some(&k) = sv.claim_rows.get(sv.selected_in(Pane::Claims)) else {
                return;
            };
            let Some(claim) = m.claims.get(k) else {
                return;
            };
            let text = claim
                .sentences
                .first()
                .and_then(|&(r, s)| sentence(r, s))
                .unwrap_or_default();
            wrapped(&text, inner, " ", theme.style(Role::Title), &mut lines);
            let badge = app
                .notes
                .claims
                .get(&k)
                .map(|b| format!(" · note: {}", b.name()));
            lines.push(Line::styled(
                format!(
                    " {} of {} reports carry it{}",
                    claim.reports.len(),
                    m.n,
                    badge.unwrap_or_default()
                ),
                theme.style(Role::Meta),
            ));
            let cites = claim
                .sentences
                .iter()
                .map(|&(r, s)| (r, sentence(r, s)))
                .collect();
            (format!("Claim {}", k + 1), cites)
        }
        Pane::Quotes => {
            let sel = sv.selected_in(Pane::Quotes);
            let Some(q) = m.quotes.get(sel) else {
                return;
            };
            let words = article(q.report).map_or(String::new(), |a| sanitize_line(a.slice(q.span)));
            wrapped(&words, inner, " ", theme.style(Role::Quote), &mut lines);
            if let Some(who) = q
                .speaker
                .as_deref()
                .map(sanitize_line)
                .filter(|s| !s.is_empty())
            {
                lines.push(Line::styled(
                    format!(" \u{2014} {who}"),
                    theme.style(Role::Meta),
                ));
            }
            (format!("Quote {}", sel + 1), vec![(q.report, None)])
        }
        _ => return,
    };
    for (r, said) in cites {
        let Some(a) = article(r) else {
            continue;
        };
        lines.push(Line::default());
        wrapped(&citation(a), inner, " ", theme.style(Role::Key), &mut lines);
        if let Some(said) = said {
            wrapped(
                &format!("\u{201c}{said}\u{201d}"),
                inner,
                "   ",
                theme.style(Role::Text),
                &mut lines,
            );
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        " Enter: read it in its report · Esc: back",
        theme.style(Role::Meta),
    ));
    overlay::popup(app, frame, &title, lines, width);
}
