//! The reading pane: the open article's title, metadata and paragraphs, already wrapped by
//! `tui::layout`; only the visible lines are drawn.

use crate::engine::Span as TextSpan;
use crate::engine::entities::{EntityKind, Extraction};
use crate::tui::app::{App, Focus};
use crate::tui::layout::{LineContent, LineKind};
use crate::tui::theme::Role;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};

pub struct ArticlePane<'a> {
    pub app: &'a App,
}

/// The role that styles an entity type.
pub fn entity_role(kind: EntityKind) -> Role {
    match kind {
        EntityKind::Person => Role::Person,
        EntityKind::Org => Role::Org,
        EntityKind::Gpe => Role::Gpe,
        EntityKind::Loc => Role::Loc,
        EntityKind::Norp => Role::Norp,
        EntityKind::Date => Role::Date,
        EntityKind::Number => Role::Number,
    }
}

/// Pushes one word, split where entity mentions start and end, each part styled by the
/// mention under it; words inside a quotation get the quote style too, and the marked
/// mention (from the entities pane) the mark style.
pub fn highlighted<'a>(
    text: &'a str,
    word: TextSpan,
    base: Style,
    ex: Option<&Extraction>,
    mark: Option<TextSpan>,
    theme: &Theme,
    out: &mut Vec<Span<'a>>,
) {
    let slice = |a: usize, b: usize| text.get(a..b).unwrap_or("");
    let Some(ex) = ex else {
        // Highlighting off: the marked mention still shows.
        match mark.filter(|m| m.overlaps(word)) {
            Some(m) => {
                let (a, b) = (m.start.max(word.start), m.end.min(word.end));
                let marked = base.patch(theme.style(Role::Mark));
                for (x, y, st) in [(word.start, a, base), (a, b, marked), (b, word.end, base)] {
                    if x < y {
                        out.push(Span::styled(slice(x, y), st));
                    }
                }
            }
            None => out.push(Span::styled(slice(word.start, word.end), base)),
        }
        return;
    };
    let in_quote = ex.quotes.iter().any(|q| q.span.overlaps(word));
    let base = if in_quote {
        base.patch(theme.style(Role::Quote))
    } else {
        base
    };
    let mut pos = word.start;
    for m in ex.mentions_in(word) {
        let start = m.span.start.max(word.start);
        let end = m.span.end.min(word.end);
        if start > pos {
            out.push(Span::styled(slice(pos, start), base));
        }
        let mut st = base.patch(theme.style(entity_role(m.kind)));
        if mark == Some(m.span) {
            st = st.patch(theme.style(Role::Mark));
        }
        out.push(Span::styled(slice(start, end), st));
        pos = end;
    }
    if pos < word.end {
        out.push(Span::styled(slice(pos, word.end), base));
    }
}

fn role_of(kind: LineKind) -> Role {
    match kind {
        LineKind::Title => Role::Title,
        LineKind::Meta => Role::Meta,
        LineKind::Note => Role::Note,
        LineKind::Heading => Role::Heading,
        LineKind::Bullet | LineKind::Body | LineKind::Blank => Role::Text,
    }
}

impl Widget for ArticlePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let focused = app.focus == Focus::Reader && app.overlay.open.is_none();
        let reader = &app.reader;
        let border = theme.style(if focused {
            Role::BorderFocused
        } else {
            Role::Border
        });
        let label = match reader.open.and_then(|i| app.model.article(i)) {
            Some(a) => format!(" {} ", a.outlet_label()),
            None => " Reader ".to_string(),
        };
        Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(
                super::truncate(&label, area.width.saturating_sub(4) as usize),
                border,
            ))
            .render(area, buf);
        let text_area = app.geometry.main.reader_text;
        let (Some(idx), Some((_, doc))) = (reader.open, reader.doc.as_ref()) else {
            let msg = if app.model.is_empty() {
                ""
            } else {
                "Select a report and press Enter."
            };
            Paragraph::new(msg)
                .style(theme.style(Role::Dim))
                .render(text_area, buf);
            return;
        };
        let Some(article) = app.model.article(idx) else {
            return;
        };
        let extraction = app
            .model
            .extraction(idx)
            .filter(|_| reader.highlight)
            .map(|e| &**e);
        let mark = reader.mark.filter(|(i, _)| *i == idx).map(|(_, s)| s);
        let story = super::story::reader_story(app, idx);
        let visible = doc
            .lines
            .iter()
            .skip(reader.scroll)
            .take(text_area.height as usize);
        // Search hits among the visible words.
        let words = |l: &crate::tui::layout::DocLine| match &l.content {
            LineContent::Words(ws) => ws.clone(),
            _ => Vec::new(),
        };
        let shown: Vec<TextSpan> = visible.clone().flat_map(words).collect();
        let hits = match (shown.first(), shown.last()) {
            (Some(a), Some(b)) => app.search.text_hits(idx, TextSpan::new(a.start, b.end)),
            _ => Vec::new(),
        };
        let lines: Vec<Line> = visible
            .map(|l| {
                let style = theme.style(role_of(l.kind));
                let indent = Span::raw(" ".repeat(l.indent as usize));
                match &l.content {
                    LineContent::Blank => Line::default(),
                    LineContent::Owned(s) => {
                        Line::from(vec![indent, Span::styled(s.clone(), style)])
                    }
                    LineContent::Words(ws) => {
                        let mut spans = Vec::with_capacity(ws.len() * 2 + 1);
                        spans.push(indent);
                        for (i, w) in ws.iter().enumerate() {
                            if i > 0 {
                                spans.push(Span::styled(" ", style));
                            }
                            let word = article.text.get(w.range()).unwrap_or("");
                            let style = super::story::word_style(story, *w, mark, style, theme);
                            if l.kind == LineKind::Bullet && i == 0 && word == "•" {
                                spans.push(Span::styled(word, theme.style(Role::Bullet)));
                            } else {
                                for (piece, hit) in super::search::split(*w, &hits) {
                                    highlighted(
                                        &article.text,
                                        piece,
                                        super::search::hit_style(theme, style, hit),
                                        extraction,
                                        mark,
                                        theme,
                                        &mut spans,
                                    );
                                }
                            }
                        }
                        Line::from(spans)
                    }
                }
            })
            .collect();
        Paragraph::new(lines).render(text_area, buf);
        let main = &app.geometry.main;
        if let Some(story) = story {
            let at = (main.story_x, text_area);
            super::story::gutter(story, doc, reader.scroll, at, theme, buf);
        }
        let at = (main.note_x, text_area);
        super::story::note_gutter(&app.notes, doc, reader.scroll, at, theme, buf);
        let total = doc.lines.len();
        if total > text_area.height as usize {
            let mut state = ScrollbarState::new(total.saturating_sub(text_area.height as usize))
                .position(reader.scroll);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .style(theme.style(Role::Scrollbar))
                .render(area.inner(Margin::new(0, 1)), buf, &mut state);
        }
    }
}
