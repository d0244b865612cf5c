//! The story screen (`o`): a tab bar and one pane of the story model — coverage matrix (a
//! heat map: shade characters and bold / dim, readable without colour), claims by how many
//! reports carry them (`●●●·● 4/5`), the entity matrix, the quote ledger and discrepancies —
//! each a list with the selection's details below.

use super::truncate;
use crate::engine::sanitize::sanitize_line;
use crate::engine::story::{QuoteUse, StoryModel};
use crate::tui::app::App;
use crate::tui::story::Pane;
use crate::tui::theme::{Role, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

mod claims;
mod coverage;
mod detail;
mod discrepancies;
mod entities;
mod gutter;
mod quotes;

pub use detail::detail;
pub use gutter::{ReaderStory, gutter, note_gutter, note_role, reader_story, word_style};

pub struct StoryScreen<'a> {
    pub app: &'a App,
}

/// `●` for each report in `reports`, `·` for the others.
pub(super) fn marks(
    n: usize,
    carried: impl Fn(usize) -> bool,
    theme: &Theme,
) -> Vec<Span<'static>> {
    (0..n)
        .map(|r| {
            if carried(r) {
                Span::styled("●", theme.style(Role::Text))
            } else {
                Span::styled("·", theme.style(Role::Dim))
            }
        })
        .collect()
}

/// A note's mark and a space, or two spaces.
pub(super) fn note_mark(b: Option<&crate::notes::Badge>, theme: &Theme) -> Span<'static> {
    match b {
        Some(b) => Span::styled(format!("{} ", b.symbol()), theme.style(note_role(*b))),
        None => Span::raw("  "),
    }
}

/// Greedy word wrap of one line of text to `width` columns, at most `max` lines (the last
/// ends in `…` when cut).
pub(super) fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut out = crate::engine::compare::render::wrap(text, width);
    if out.len() > max {
        out.truncate(max);
        if let Some(last) = out.last_mut() {
            *last = truncate(&format!("{last} …"), width);
        }
    }
    out
}

/// The shade and style for a coverage share, as the rounded percentage printed beside it (so
/// a printed 50 is always in the 50–74 band).
pub(super) fn heat(pct: u32) -> (&'static str, Role) {
    match pct {
        75.. => ("█", Role::Heat3),
        50.. => ("▓", Role::Heat2),
        25.. => ("▒", Role::Heat1),
        _ => ("░", Role::Heat0),
    }
}

/// A quotation's use in one report, as a symbol.
pub fn use_symbol(u: QuoteUse) -> &'static str {
    match u {
        QuoteUse::Source => "★",
        QuoteUse::Verbatim => "●",
        QuoteUse::Trimmed => "◐",
        QuoteUse::Paraphrased => "○",
        QuoteUse::OtherSpeaker => "✗",
        QuoteUse::Absent => "·",
    }
}

pub(super) const QUOTE_LEGEND: &str =
    "★ source  ● verbatim  ◐ trimmed  ○ paraphrased  ✗ other speaker  · absent";

/// What a pane draws from: the model, its reports' names, and the rows in view (only those
/// are built: `offset`, `height`).
pub(super) struct Ctx<'a> {
    app: &'a App,
    m: &'a StoryModel,
    names: Vec<String>,
    theme: &'a Theme,
    offset: usize,
    height: usize,
}

impl Ctx<'_> {
    /// The text of sentence `s` of report `r`, on one line.
    pub(super) fn sentence(&self, r: usize, s: usize) -> String {
        match (
            self.app.model.article(self.app.story_report(r)),
            self.m.sentences.get(r).and_then(|x| x.get(s)),
        ) {
            (Some(a), Some(sent)) => sanitize_line(a.slice(sent.span)),
            _ => String::new(),
        }
    }

    /// The first mention of entity `e` in report r: the words before it in its sentence, the
    /// mention, the words after, each on one line (sanitized).
    pub(super) fn first_mention(
        &self,
        r: usize,
        e: &crate::engine::story::EntityRow,
    ) -> Option<(String, String, String)> {
        let g = self.app.story_report(r);
        let (article, ex) = (self.app.model.article(g)?, self.app.model.extraction(g)?);
        let m = ex
            .mentions
            .iter()
            .find(|m| m.kind == e.kind && m.canonical == e.canonical)?;
        let sentence = self
            .m
            .sentences
            .get(r)?
            .iter()
            .find(|s| s.span.start <= m.span.start && m.span.end <= s.span.end)
            .map_or(m.span, |s| s.span);
        let text = &article.text;
        let raw = |a: usize, b: usize| text.get(a..b).unwrap_or("");
        // Sanitizing trims a line; the spaces next to the mention are kept.
        let (before, after) = (
            raw(sentence.start, m.span.start),
            raw(m.span.end, sentence.end),
        );
        let space = |t: bool| if t { " " } else { "" };
        Some((
            format!(
                "{}{}",
                sanitize_line(before),
                space(before.ends_with(char::is_whitespace))
            ),
            sanitize_line(raw(m.span.start, m.span.end)),
            format!(
                "{}{}",
                space(after.starts_with(char::is_whitespace)),
                sanitize_line(after)
            ),
        ))
    }

    /// A quotation's words, on one line.
    pub(super) fn quote(&self, q: &crate::engine::story::QuoteRow) -> String {
        self.app
            .model
            .article(self.app.story_report(q.report))
            .map(|a| sanitize_line(a.slice(q.span)))
            .unwrap_or_default()
    }

    /// Report r of the story as every view names it: its outlet (or short name), as in the
    /// library and the compare view; its number in the story only when it has no name.
    pub(super) fn label(&self, r: usize) -> String {
        match self.names.get(r).filter(|n| !n.is_empty()) {
            Some(name) => name.clone(),
            None => format!("#{}", r + 1),
        }
    }

    /// The label cut to a column `w` wide (for matrix headers).
    pub(super) fn short_label(&self, r: usize, w: usize) -> String {
        truncate(&self.label(r), w)
    }

    pub(super) fn claim_text(&self, c: usize) -> String {
        self.m
            .claims
            .get(c)
            .and_then(|c| c.sentences.first())
            .map(|&(r, s)| self.sentence(r, s))
            .unwrap_or_default()
    }
}

impl Widget for StoryScreen<'_> {
    fn render(self, _area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let sv = &app.story_view;
        let g = app.geometry.story;
        let Some(m) = app.story().map(|m| &**m) else {
            Paragraph::new(Line::styled(
                app.model.building_note(),
                theme.style(Role::Dim),
            ))
            .render(g.block, buf);
            return;
        };
        // Tab bar.
        let mut tabs: Vec<Span> = vec![Span::raw(" ")];
        for (p, text) in Pane::ALL.iter().zip(sv.tab_bar(m, g.tabs.width as usize)) {
            let style = if *p == sv.pane {
                theme.style(Role::Selected)
            } else {
                theme.style(Role::Meta)
            };
            tabs.push(Span::styled(text, style));
            tabs.push(Span::raw(" "));
        }
        Paragraph::new(Line::from(super::truncate_spans(
            tabs,
            g.tabs.width as usize,
        )))
        .render(g.tabs, buf);
        // With several stories, which one this is.
        let story = if app.model.grouped() {
            let current = sv.current.unwrap_or(0);
            let label = app
                .model
                .stories
                .get(current)
                .map_or("", |s| s.label.as_str());
            format!(
                " Story {}/{}: {} ·",
                current + 1,
                app.model.stories.len(),
                sanitize_line(label)
            )
        } else {
            String::new()
        };
        let title = match sv.pane {
            Pane::Coverage => format!(
                " Coverage of {} reports: share of the row's words the column's report covers{} ",
                m.n,
                if m.method == crate::engine::story::Method::StoryWide {
                    " (story-wide clusters)"
                } else {
                    ""
                }
            ),
            Pane::Claims if sv.single_only => {
                " Claims carried by one report only (f: all) ".to_string()
            }
            Pane::Claims => " Claims by how many reports carry them (f: single-source) ".into(),
            Pane::Entities => " Entities by how many reports mention them ".into(),
            Pane::Quotes => " Quotations and how each report uses them ".into(),
            Pane::Discrepancies => " Figures, dates and places that differ ".into(),
        };
        let border = theme.style(Role::BorderFocused);
        // A story cut to the model's limit says so.
        let members = app.story_members().len();
        let cut = if m.n < members {
            format!(" first {} of {members} reports ·", m.n)
        } else {
            String::new()
        };
        let title = format!("{story}{cut}{title}");
        Block::default()
            .borders(Borders::ALL)
            .border_style(border)
            .title(Span::styled(
                truncate(&title, g.block.width.saturating_sub(2) as usize),
                border,
            ))
            .render(g.block, buf);
        let ctx = Ctx {
            app,
            m,
            // Only the story's reports: report r of the model is named `names[r]`.
            names: (0..m.n)
                .map(|r| app.model.outlet(app.story_report(r)))
                .collect(),
            theme,
            offset: sv.offset_of(sv.pane),
            height: g.list.height as usize,
        };
        let (header, mut visible, mut detail) = match sv.pane {
            Pane::Coverage => coverage::coverage(&ctx, g),
            Pane::Claims => claims::claims(&ctx, g),
            Pane::Entities => entities::entities(&ctx, g),
            Pane::Quotes => quotes::quotes(&ctx, g),
            Pane::Discrepancies => discrepancies::discrepancies(&ctx, g),
        };
        // A search made here: its pattern highlighted in the rows and the details.
        let scope = sv.current.map(crate::tui::search::Scope::Story);
        if let Some(m) = scope.and_then(|s| app.search.matcher_for(s)) {
            let mark = |ls: Vec<Line<'static>>| {
                ls.into_iter()
                    .map(|l| super::search::highlight_line(l, m, theme))
                    .collect()
            };
            visible = mark(visible);
            detail = mark(detail);
        }
        Paragraph::new(header).render(g.header, buf);
        let offset = ctx.offset;
        let sel = sv.selected_in(sv.pane);
        let n_rows = sv.rows(m, sv.pane);
        if n_rows == 0 {
            let msg = match sv.pane {
                Pane::Claims if sv.single_only => "No single-source claims.",
                Pane::Quotes => "No quotations found.",
                Pane::Discrepancies => "No discrepancies between linked sentences.",
                _ => "Nothing here.",
            };
            Paragraph::new(Line::styled(msg, theme.style(Role::Dim))).render(g.list, buf);
        }
        Paragraph::new(visible).render(g.list, buf);
        if sel >= offset && sel < offset + g.list.height as usize {
            let y = g.list.y + (sel - offset) as u16;
            let row = Rect::new(g.list.x, y, g.list.width, 1);
            if sv.pane == Pane::Coverage {
                // The row, and in it the cell Enter compares.
                buf.set_style(row, theme.style(Role::SelectedUnfocused));
                let (label_w, cols) = coverage::coverage_columns(&ctx, g.list.width as usize);
                if sv.column < cols {
                    let x = label_w + 1 + sv.column * 6;
                    let cell = Rect::new(g.list.x + x as u16, y, 5, 1).intersection(row);
                    buf.set_style(cell, theme.style(Role::Selected));
                }
            } else {
                buf.set_style(row, theme.style(Role::Selected));
            }
        }
        let mut detail_area = g.detail;
        if sv.pane == Pane::Coverage && detail_area.height > 0 {
            // The matrix is short: its legend and details follow it.
            let y = g.list.y + (n_rows as u16 + 1).min(g.list.height);
            detail_area.height += detail_area.y - y;
            detail_area.y = y;
        }
        if detail_area.height > 0 {
            let rule = "─".repeat(g.detail.width as usize);
            let mut lines = vec![Line::styled(rule, theme.style(Role::Border))];
            lines.extend(detail);
            Paragraph::new(lines).render(detail_area, buf);
        }
    }
}

pub(super) type Parts = (Line<'static>, Vec<Line<'static>>, Vec<Line<'static>>);
