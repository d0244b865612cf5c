//! The story screen (`o`): a tab bar and one pane of the story model — coverage matrix (a
//! heat map: shade characters and bold / dim, readable without colour), claims by how many
//! reports carry them (`●●●·● 4/5`), the entity matrix, the quote ledger and discrepancies —
//! each a list with the selection's details below.

use super::reader::entity_role;
use super::{padded, truncate, truncate_left};
use crate::engine::sanitize::sanitize_line;
use crate::engine::story::{QuoteUse, StoryModel};
use crate::tui::app::App;
use crate::tui::geometry::StoryGeometry;
use crate::tui::story::Pane;
use crate::tui::theme::{Role, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

pub struct StoryScreen<'a> {
    pub app: &'a App,
}

/// `●` for each report in `reports`, `·` for the others.
fn marks(n: usize, carried: impl Fn(usize) -> bool, theme: &Theme) -> Vec<Span<'static>> {
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

/// Greedy word wrap of one line of text to `width` columns, at most `max` lines (the last
/// ends in `…` when cut).
fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
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
fn heat(pct: u32) -> (&'static str, Role) {
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

const QUOTE_LEGEND: &str =
    "★ source  ● verbatim  ◐ trimmed  ○ paraphrased  ✗ other speaker  · absent";

struct Ctx<'a> {
    app: &'a App,
    m: &'a StoryModel,
    names: Vec<String>,
    theme: &'a Theme,
}

impl Ctx<'_> {
    /// The text of sentence `s` of report `r`, on one line.
    fn sentence(&self, r: usize, s: usize) -> String {
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
    fn first_mention(
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
    fn quote(&self, q: &crate::engine::story::QuoteRow) -> String {
        self.app
            .model
            .article(self.app.story_report(q.report))
            .map(|a| sanitize_line(a.slice(q.span)))
            .unwrap_or_default()
    }

    /// Report r of the story: its number in the story and its outlet.
    fn label(&self, r: usize) -> String {
        let name = self.names.get(r);
        format!("{} {}", r + 1, name.map_or("", |s| s.as_str()))
    }

    fn claim_text(&self, c: usize) -> String {
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
            Paragraph::new(Line::styled("building story…", theme.style(Role::Dim)))
                .render(g.block, buf);
            return;
        };
        // Tab bar.
        let mut tabs: Vec<Span> = vec![Span::raw(" ")];
        for (k, p) in Pane::ALL.iter().enumerate() {
            let count = match p {
                Pane::Coverage => String::new(),
                _ => format!(" {}", sv.rows(m, *p)),
            };
            let text = format!(" {} {}{count} ", k + 1, p.title());
            let style = if *p == sv.pane {
                theme.style(Role::Selected)
            } else {
                theme.style(Role::Meta)
            };
            tabs.push(Span::styled(text, style));
            tabs.push(Span::raw(" "));
        }
        Paragraph::new(Line::from(tabs)).render(g.tabs, buf);
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
                " Coverage of {} reports: share of the row's words the column's report covers ",
                m.n
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
        let title = format!("{story}{title}");
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
        };
        let (header, rows, detail) = match sv.pane {
            Pane::Coverage => coverage(&ctx, g),
            Pane::Claims => claims(&ctx, g),
            Pane::Entities => entities(&ctx, g),
            Pane::Quotes => quotes(&ctx, g),
            Pane::Discrepancies => discrepancies(&ctx, g),
        };
        Paragraph::new(header).render(g.header, buf);
        let offset = sv.offset_of(sv.pane);
        let sel = sv.selected_in(sv.pane);
        if rows.is_empty() {
            let msg = match sv.pane {
                Pane::Claims if sv.single_only => "No single-source claims.",
                Pane::Quotes => "No quotations found.",
                Pane::Discrepancies => "No discrepancies between linked sentences.",
                _ => "Nothing here.",
            };
            Paragraph::new(Line::styled(msg, theme.style(Role::Dim))).render(g.list, buf);
        }
        let n_rows = rows.len();
        let visible: Vec<Line> = rows
            .into_iter()
            .skip(offset)
            .take(g.list.height as usize)
            .collect();
        Paragraph::new(visible).render(g.list, buf);
        if sel >= offset && sel < offset + g.list.height as usize {
            let y = g.list.y + (sel - offset) as u16;
            let row = Rect::new(g.list.x, y, g.list.width, 1);
            if sv.pane == Pane::Coverage {
                // The row, and in it the cell Enter compares.
                buf.set_style(row, theme.style(Role::SelectedUnfocused));
                let (label_w, cols) = coverage_columns(&ctx, g.list.width as usize);
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

type Parts = (Line<'static>, Vec<Line<'static>>, Vec<Line<'static>>);

/// The coverage matrix's row-label width and how many columns (6 wide each) fit in `width`.
fn coverage_columns(c: &Ctx, width: usize) -> (usize, usize) {
    let label_w = (0..c.m.n)
        .map(|r| c.label(r).width())
        .max()
        .unwrap_or(0)
        .clamp(6, 22);
    let fit = width.saturating_sub(label_w + 1) / 6;
    (label_w, c.m.n.min(fit))
}

fn coverage(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    let (label_w, cols) = coverage_columns(c, width);
    let mut head = format!("{:<w$} ", "", w = label_w);
    for j in 0..cols {
        head.push_str(&format!("{:>5} ", j + 1));
    }
    if cols < m.n {
        head.push_str(&format!(" (+{} columns)", m.n - cols));
    }
    let header = Line::styled(truncate(&head, width), theme.style(Role::Meta));
    let rows = (0..m.n)
        .map(|r| {
            let mut spans = vec![padded(&c.label(r), label_w, theme.style(Role::Text))];
            spans.push(Span::raw(" "));
            for j in 0..cols {
                if j == r {
                    spans.push(Span::styled("    —", theme.style(Role::Dim)));
                } else {
                    let x = m.coverage[r][j];
                    let pct = (x * 100.0).round() as u32;
                    let (shade, role) = heat(pct);
                    spans.push(Span::styled(format!("{shade}{pct:>4}"), theme.style(role)));
                }
                spans.push(Span::raw(" "));
            }
            Line::from(spans)
        })
        .collect();
    let sel = c.app.story_view.selected_in(Pane::Coverage);
    let mut detail = vec![Line::from(vec![
        Span::styled("░", theme.style(Role::Heat0)),
        Span::raw(" <25%  "),
        Span::styled("▒", theme.style(Role::Heat1)),
        Span::raw(" 25–49%  "),
        Span::styled("▓", theme.style(Role::Heat2)),
        Span::raw(" 50–74%  "),
        Span::styled("█", theme.style(Role::Heat3)),
        Span::raw(" ≥75%  of the row report's words, covered by the column's"),
    ])];
    if let Some(o) = m.originality.get(sel) {
        let best = (0..m.n)
            .filter(|&j| j != sel)
            .max_by(|&a, &b| m.coverage[sel][a].total_cmp(&m.coverage[sel][b]));
        let mut text = format!(
            "{}: {} words, {:.0}% in wire-copy runs shared with another report",
            c.label(sel),
            o.words,
            o.wire_share() * 100.0
        );
        if let Some(b) = best {
            text.push_str(&format!(
                "; covered most by {} ({:.0}%)",
                c.label(b),
                m.coverage[sel][b] * 100.0
            ));
        }
        for l in wrap(&text, width, 3) {
            detail.push(Line::raw(l));
        }
        let col = c.app.story_view.column;
        let hint = if col != sel && col < m.n {
            format!(
                "Enter: compare {} (A) with {} (B), {:.0}% covered · ←/→ column",
                c.label(sel),
                c.label(col),
                m.coverage[sel][col] * 100.0
            )
        } else {
            "Enter: read this report · ←/→ column".to_string()
        };
        for l in wrap(&hint, width, 2) {
            detail.push(Line::styled(l, theme.style(Role::Dim)));
        }
    }
    (header, rows, detail)
}

fn claims(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    let frac_w = format!("{}/{}", m.n, m.n).len();
    let lead = m.n + 1 + frac_w + 1;
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
            truncate(&format!("Claim {} · {who} · Enter: read it", k + 1), width),
            theme.style(Role::Meta),
        ));
        let label_w = claim
            .reports
            .iter()
            .map(|&r| c.label(r).width())
            .max()
            .unwrap_or(0)
            .min(18);
        for &(r, s) in &claim.sentences {
            detail.push(Line::from(vec![
                padded(&c.label(r), label_w, theme.style(Role::Key)),
                Span::raw(" "),
                Span::raw(truncate(
                    &c.sentence(r, s),
                    width.saturating_sub(label_w + 1),
                )),
            ]));
        }
    }
    (header, rows, detail)
}

fn entities(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    let kind_w = 7;
    let cols = 2 * m.n;
    let tail = cols + 8;
    let name_w = width.saturating_sub(kind_w + tail).clamp(4, 36);
    let mut head = format!("{:<kind_w$}{:<name_w$}", "type", "entity");
    for r in 0..m.n {
        head.push_str(&format!("{:<2}", (r + 1) % 10));
    }
    head.push_str(" spread");
    let header = Line::styled(truncate(&head, width), theme.style(Role::Meta));
    let sv = &c.app.story_view;
    let rows = sv
        .entity_rows
        .iter()
        .map(|&k| {
            let e = &m.entities[k];
            let role = entity_role(e.kind);
            let mut spans = vec![
                padded(e.kind.label(), kind_w, theme.style(role)),
                padded(
                    &sanitize_line(&e.canonical),
                    name_w,
                    theme.style(Role::Text),
                ),
            ];
            for r in 0..m.n {
                let n = e.counts.get(r).copied().unwrap_or(0);
                spans.push(if n > 0 {
                    Span::styled("● ", theme.style(Role::Text))
                } else {
                    Span::styled("· ", theme.style(Role::Dim))
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
                        e.kind.label()
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
                    spans.push(Span::styled(
                        truncate(&said, room.saturating_sub(lead)),
                        theme.style(entity_role(e.kind)),
                    ));
                    let used = lead + said.width();
                    spans.push(Span::styled(
                        truncate(&after, room.saturating_sub(used)),
                        theme.style(Role::Dim),
                    ));
                }
                detail.push(Line::from(spans));
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

fn quotes(c: &Ctx, g: StoryGeometry) -> Parts {
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

fn discrepancies(c: &Ctx, g: StoryGeometry) -> Parts {
    let m = c.m;
    let theme = c.theme;
    let width = g.list.width as usize;
    let kind_w = 7;
    let values_w = (width.saturating_sub(kind_w) * 2 / 5).max(10);
    let header = Line::styled(
        truncate(
            &format!(
                "{:<kind_w$}{:<values_w$} claim",
                "type", "values per report"
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
                format!("{}: {}", r + 1, v.join(", "))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let rows = m
        .discrepancies
        .iter()
        .map(|d| {
            Line::from(vec![
                padded(d.kind.label(), kind_w, theme.style(entity_role(d.kind))),
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
            ])
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
                    d.kind.label(),
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

/// The story model's view of the open report `idx`, for the reading pane: its sentences with
/// how many other reports carry each, and whether `U` dims the shared ones.
#[derive(Debug, Clone, Copy)]
pub struct ReaderStory<'a> {
    pub model: &'a StoryModel,
    pub report: usize,
    pub only_this: bool,
}

/// The model of the story report `idx` (a library position) belongs to, if built.
pub fn reader_story(app: &App, idx: usize) -> Option<ReaderStory<'_>> {
    let (model, report) = app.model.model_of(idx)?;
    Some(ReaderStory {
        model,
        report,
        only_this: app.reader.only_this,
    })
}

impl ReaderStory<'_> {
    /// The sentence holding byte `at`.
    fn sentence_at(&self, at: usize) -> Option<usize> {
        let sents = &self.model.sentences[self.report];
        let k = sents
            .partition_point(|s| s.span.start <= at)
            .checked_sub(1)?;
        (at < sents[k].span.end).then_some(k)
    }
}

/// A word's base style in the reader: dimmed under `U` when another report carries its
/// sentence, and marked when it lies inside a marked sentence (a jump from the story screen).
pub fn word_style(
    story: Option<ReaderStory>,
    word: crate::engine::Span,
    mark: Option<crate::engine::Span>,
    style: Style,
    theme: &Theme,
) -> Style {
    let mut style = style;
    if let Some(st) = story.filter(|s| s.only_this)
        && let Some(k) = st.sentence_at(word.start)
        && st.model.carried_by_others(st.report, k) > 0
    {
        style = style.patch(theme.style(Role::Dim));
    }
    // A mark wider than the word (a sentence) covers it whole; mention marks are exact.
    if mark.is_some_and(|m| m.start <= word.start && word.end <= m.end && m != word) {
        style = style.patch(theme.style(Role::Mark));
    }
    style
}

/// The gutter left of the text: on the line where a sentence starts, how many other reports
/// carry it (`0` = only this report, emphasised; `9` caps larger counts as `+`).
pub fn gutter(
    story: ReaderStory,
    doc: &crate::tui::layout::DocLayout,
    scroll: usize,
    text: Rect,
    theme: &Theme,
    buf: &mut Buffer,
) {
    use crate::tui::layout::LineContent;
    if text.x < 2 || text.width == 0 {
        return;
    }
    let x = text.x - 2;
    let sents = &story.model.sentences[story.report];
    for (row, line) in doc
        .lines
        .iter()
        .skip(scroll)
        .take(text.height as usize)
        .enumerate()
    {
        let LineContent::Words(ws) = &line.content else {
            continue;
        };
        let (Some(first), Some(last)) = (ws.first(), ws.last()) else {
            continue;
        };
        let k = sents.partition_point(|s| s.span.start < first.start);
        if k >= sents.len() || sents[k].span.start >= last.end {
            continue;
        }
        let n = story.model.carried_by_others(story.report, k);
        let (symbol, role) = match n {
            0 => ("0".to_string(), Role::Key),
            1..=9 => (n.to_string(), Role::Dim),
            _ => ("+".to_string(), Role::Dim),
        };
        buf.set_string(x, text.y + row as u16, symbol, theme.style(role));
    }
}
