//! Search on screen: the prompt in the status line (`/`, the input sanitized), and the
//! helpers the panes use to highlight hits — by byte range (reading pane, compare view) or
//! by the pattern over a drawn line (library, story screen).

use super::truncate_left;
use crate::engine::Span as TextSpan;
use crate::engine::sanitize::sanitize_line;
use crate::tui::app::App;
use crate::tui::search::Matcher;
use crate::tui::theme::{Role, Theme};
use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The prompt over the status line of the screen at hand, with the cursor after the input.
pub fn prompt(app: &App, frame: &mut Frame) {
    let Some(input) = app.prompt.input.as_deref() else {
        return;
    };
    let area = if app.compare.is_some() {
        app.geometry.compare.status
    } else {
        app.geometry.main.status
    };
    if area.width < 2 || area.height == 0 {
        return;
    }
    // As typed, but nothing that could act on the terminal; the end stays in view.
    let shown = sanitize_line(input);
    let room = (area.width as usize).saturating_sub(1 + app.prompt.kind.lead().chars().count());
    let shown = truncate_left(&shown, room);
    let text = format!("{}{shown}", app.prompt.kind.lead());
    let w = text.width() as u16;
    let style = app.theme.style(Role::Status);
    // The whole line: nothing of the status line under it shows through.
    let line = super::padded(&text, area.width as usize, style);
    frame.render_widget(Paragraph::new(Line::from(line)).style(style), area);
    frame.set_cursor_position(Position::new(area.x + w.min(area.width - 1), area.y));
}

/// `range` cut where the hits (sorted, each with whether it is the current one) start and
/// end: each piece with `None` outside a hit, `Some(current)` inside one.
pub fn split(range: TextSpan, hits: &[(TextSpan, bool)]) -> Vec<(TextSpan, Option<bool>)> {
    let mut out = Vec::new();
    let mut pos = range.start;
    for &(h, current) in hits {
        let (a, b) = (h.start.max(pos), h.end.min(range.end));
        if a >= b {
            continue;
        }
        if a > pos {
            out.push((TextSpan::new(pos, a), None));
        }
        out.push((TextSpan::new(a, b), Some(current)));
        pos = b;
    }
    if pos < range.end || out.is_empty() {
        out.push((TextSpan::new(pos, range.end), None));
    }
    out
}

/// The style of a piece: a hit over `base`, the current hit marked.
pub fn hit_style(theme: &Theme, base: Style, hit: Option<bool>) -> Style {
    match hit {
        None => base,
        Some(false) => base.patch(theme.style(Role::Search)),
        Some(true) => base.patch(theme.style(Role::Mark)),
    }
}

/// A drawn line with the pattern's matches in it highlighted (a match may cross spans).
pub fn highlight_line<'a>(line: Line<'a>, m: &Matcher, theme: &Theme) -> Line<'a> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let hits: Vec<(TextSpan, bool)> = m.find_iter(&text).map(|s| (s, false)).collect();
    if hits.is_empty() {
        return line;
    }
    let mut spans = Vec::with_capacity(line.spans.len() + 2 * hits.len());
    let mut at = 0;
    for s in line.spans {
        let len = s.content.len();
        for (piece, hit) in split(TextSpan::new(at, at + len), &hits) {
            let part = text.get(piece.range()).unwrap_or("").to_string();
            spans.push(Span::styled(part, hit_style(theme, s.style, hit)));
        }
        at += len;
    }
    Line::from(spans).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_cuts_at_hits() {
        let r = TextSpan::new(10, 20);
        let hits = [(TextSpan::new(5, 12), false), (TextSpan::new(15, 16), true)];
        let got = split(r, &hits);
        assert_eq!(
            got,
            vec![
                (TextSpan::new(10, 12), Some(false)),
                (TextSpan::new(12, 15), None),
                (TextSpan::new(15, 16), Some(true)),
                (TextSpan::new(16, 20), None),
            ]
        );
        assert_eq!(split(r, &[]), vec![(r, None)]);
    }

    #[test]
    fn a_match_across_spans_is_highlighted_in_both() {
        let theme = Theme::new(crate::tui::theme::Depth::Mono);
        let line = Line::from(vec![Span::raw("Marco Ru"), Span::raw("bio said")]);
        let out = highlight_line(line, &Matcher::new("rubio").unwrap(), &theme);
        let hit: String = out
            .spans
            .iter()
            .filter(|s| s.style == theme.style(Role::Search))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(hit, "Rubio");
        let all: String = out.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(all, "Marco Rubio said");
    }
}
