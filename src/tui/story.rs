//! The story screen's state and keys (`o`): five panes over the [`StoryModel`] — coverage
//! matrix, claims, entity matrix, quote ledger, discrepancies — each a list with a selection.
//! Drawing is in `widgets::story`; this only changes state, through [`App::story_command`].

use super::action::Command;
use super::app::{App, Focus};
use super::widgets::story::story_geometry;
use crate::engine::Span;
use crate::engine::story::StoryModel;
use std::sync::Arc;

/// The panes, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Coverage,
    Claims,
    Entities,
    Quotes,
    Discrepancies,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Coverage,
        Pane::Claims,
        Pane::Entities,
        Pane::Quotes,
        Pane::Discrepancies,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Coverage => "Coverage",
            Pane::Claims => "Claims",
            Pane::Entities => "Entities",
            Pane::Quotes => "Quotes",
            Pane::Discrepancies => "Discrepancies",
        }
    }

    fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// The story screen's state: which pane, each pane's selection and first row shown, the
/// single-source filter, and rows derived from the model (rebuilt when it changes).
#[derive(Debug, Clone, Default)]
pub struct StoryState {
    pub open: bool,
    pub pane: Pane,
    pub selected: [usize; 5],
    pub offset: [usize; 5],
    /// Coverage: the selected column (the row is `selected[0]`); the cell (row, column)
    /// opens the compare view of that pair.
    pub column: usize,
    /// Claims: only those carried by one report.
    pub single_only: bool,
    /// Entities: the selected entity's mentions per report are listed.
    pub entity_detail: bool,
    /// Claims shown (indices into `model.claims`), after the filter.
    pub claim_rows: Vec<usize>,
    /// Entities by spread, then mentions, then name (indices into `model.entities`).
    pub entity_rows: Vec<usize>,
    /// The model and filter the rows were derived from.
    built: Option<(usize, bool)>,
}

impl StoryState {
    /// Rows in a pane of the model.
    pub fn rows(&self, m: &StoryModel, pane: Pane) -> usize {
        match pane {
            Pane::Coverage => m.n,
            Pane::Claims => self.claim_rows.len(),
            Pane::Entities => self.entity_rows.len(),
            Pane::Quotes => m.quotes.len(),
            Pane::Discrepancies => m.discrepancies.len(),
        }
    }

    pub fn current(&self) -> usize {
        self.selected[self.pane.index()]
    }

    pub fn offset_of(&self, pane: Pane) -> usize {
        self.offset[pane.index()]
    }

    pub fn selected_in(&self, pane: Pane) -> usize {
        self.selected[pane.index()]
    }

    /// Rebuilds the derived rows when the model or the filter changed.
    fn derive(&mut self, m: &Arc<StoryModel>) {
        let key = (Arc::as_ptr(m) as usize, self.single_only);
        if self.built == Some(key) {
            return;
        }
        if self.built.is_none_or(|(model, _)| model != key.0) {
            // A new model: the matrix cursor starts on the first pair, not the diagonal.
            self.column = usize::from(m.n > 1);
        }
        self.built = Some(key);
        self.claim_rows = (0..m.claims.len())
            .filter(|&c| !self.single_only || m.claims[c].single_source())
            .collect();
        let mut ents: Vec<usize> = (0..m.entities.len()).collect();
        ents.sort_by_key(|&e| {
            let row = &m.entities[e];
            (
                std::cmp::Reverse(row.spread()),
                std::cmp::Reverse(row.counts.iter().sum::<usize>()),
                row.canonical.clone(),
            )
        });
        self.entity_rows = ents;
    }
}

impl App {
    /// `o`: the story screen of the report at hand (the selection in the library, else the
    /// open report), or a notice saying why not.
    pub(crate) fn open_story(&mut self) {
        let entry = self.report_at_hand().and_then(|i| self.story_of(i));
        let ready = match entry {
            Some((k, e, _)) if e.model.is_some() => Some(k),
            Some((_, e, _)) if e.members.len() < 2 => {
                self.notice = Some(format!(
                    "no other report of this story among the {} loaded ({} stories)",
                    self.articles.len(),
                    self.stories.len()
                ));
                return;
            }
            _ => None,
        };
        let Some(k) = ready else {
            // Not ready yet (rather than impossible): say so when it is.
            self.story_wanted = self.story_building || self.articles.len() > 1;
            self.notice = Some(if self.story_building {
                "building story… (o again when done)".to_string()
            } else if self.articles.len() < 2 {
                "the story screen needs two or more reports".to_string()
            } else {
                "story not ready yet: extracting…".to_string()
            });
            return;
        };
        if k != self.current_story || self.story.is_none() {
            self.choose_story(k);
            self.story_view = StoryState::default();
        }
        self.story_view.open = true;
    }

    /// `U` in the reader: dim what other reports also say.
    pub(crate) fn toggle_only_this(&mut self) {
        let ready = self
            .open
            .is_some_and(|i| super::widgets::story::reader_story(self, i).is_some());
        if !ready {
            self.notice = Some(if self.story_building || self.stories.is_empty() {
                "story not ready yet".to_string()
            } else {
                "no other report of this story is loaded".to_string()
            });
            return;
        }
        self.only_this = !self.only_this;
        self.notice = Some(if self.only_this {
            "only this report: what others also say is dimmed (U again: all)".to_string()
        } else {
            "showing everything".to_string()
        });
    }

    /// Keys on the story screen.
    pub(crate) fn story_command(&mut self, c: Command) {
        let Some(model) = self.story.clone() else {
            self.story_view.open = false;
            return;
        };
        self.story_view.derive(&model);
        let sv = &mut self.story_view;
        let k = sv.pane.index();
        match c {
            Command::Quit => self.quit = true,
            Command::Help => {
                self.overlay = Some(super::app::Overlay::Help);
                self.overlay_scroll = 0;
            }
            Command::Messages => {
                self.overlay = Some(super::app::Overlay::Messages);
                self.overlay_scroll = 0;
            }
            Command::Close | Command::Cancel => {
                if sv.pane == Pane::Entities && sv.entity_detail {
                    sv.entity_detail = false;
                } else {
                    sv.open = false;
                }
            }
            Command::StoryOpen => sv.open = false,
            Command::StoryPane(p) => sv.pane = Pane::ALL[(p as usize).min(4)],
            Command::StoryNextPane => sv.pane = Pane::ALL[(k + 1) % 5],
            Command::StoryPrevPane => sv.pane = Pane::ALL[(k + 4) % 5],
            Command::StoryLeft if sv.pane == Pane::Coverage => {
                sv.column = sv.column.saturating_sub(1);
            }
            Command::StoryRight if sv.pane == Pane::Coverage => {
                sv.column = (sv.column + 1).min(model.n.saturating_sub(1));
            }
            Command::StoryLeft => sv.pane = Pane::ALL[(k + 4) % 5],
            Command::StoryRight => sv.pane = Pane::ALL[(k + 1) % 5],
            Command::StorySingleSource => {
                sv.single_only = !sv.single_only;
                sv.pane = Pane::Claims;
                sv.selected[1] = 0;
                sv.offset[1] = 0;
                sv.derive(&model);
                let n = sv.claim_rows.len();
                self.notice = Some(if sv.single_only {
                    format!("single-source claims: {n} (f: all)")
                } else {
                    format!("all claims: {n}")
                });
            }
            Command::Open => self.story_enter(&model),
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::HalfPageUp
            | Command::HalfPageDown
            | Command::Top
            | Command::Bottom => {
                let n = sv.rows(&model, sv.pane);
                if n == 0 {
                    return;
                }
                let page = (story_geometry(self.size, sv.pane).list.height as usize).max(2) - 1;
                let s = sv.selected[k];
                sv.selected[k] = super::action::move_in_list(c, s, n, page);
            }
            _ => {}
        }
    }

    /// Enter: a coverage cell opens the compare view of its pair (the diagonal, the report);
    /// a discrepancy opens the compare view of two reports that disagree, at the row holding
    /// it; claims and quotes open the reader at their sentence; an entity lists its mentions
    /// per report. Leaving the compare view (Esc) comes back here.
    fn story_enter(&mut self, m: &StoryModel) {
        let sv = &self.story_view;
        let sel = sv.current();
        // Reports are numbered within the story; `g` maps them to library positions.
        let members = self.story_members.clone();
        let g = |r: usize| members.get(r).copied().unwrap_or(r);
        let open = self.open.and_then(|o| (0..m.n).find(|&r| g(r) == o));
        // Prefer the open report's sentence when it has one.
        let pick = |refs: &[(usize, usize)]| {
            refs.iter()
                .find(|(r, _)| Some(*r) == open)
                .or(refs.first())
                .copied()
        };
        let sentence = |(r, s): (usize, usize)| m.sentences.get(r)?.get(s).map(|x| (r, x.span));
        let target: Option<(usize, Option<Span>)> = match sv.pane {
            Pane::Coverage => {
                let col = sv.column;
                if sel < m.n && col < m.n && col != sel {
                    // The header shows both coverages.
                    self.compare_reports(g(sel), g(col), None);
                    return;
                }
                (sel < m.n).then_some((sel, None))
            }
            Pane::Claims => sv
                .claim_rows
                .get(sel)
                .and_then(|&c| m.claims.get(c))
                .and_then(|c| pick(&c.sentences))
                .and_then(sentence)
                .map(|(r, sp)| (r, Some(sp))),
            Pane::Discrepancies => {
                let Some(d) = m.discrepancies.get(sel) else {
                    return;
                };
                let refs: Vec<(usize, usize)> = d.values.values().map(|(s, _)| *s).collect();
                let a = pick(&refs);
                let b = refs.iter().find(|r| Some(**r) != a).copied();
                match (a.and_then(sentence), b) {
                    (Some((ra, span)), Some((rb, _))) => {
                        let said = |r: usize| {
                            d.values.get(&r).map_or(String::new(), |(_, v)| {
                                v.iter()
                                    .map(|x| x.0.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            })
                        };
                        let note = crate::engine::sanitize::sanitize_line(&format!(
                            "A: {} · B: {}",
                            said(ra),
                            said(rb)
                        ));
                        self.compare_reports(g(ra), g(rb), Some((span, note)));
                        return;
                    }
                    (Some((r, span)), None) => Some((r, Some(span))),
                    _ => None,
                }
            }
            Pane::Quotes => m.quotes.get(sel).map(|q| (q.report, Some(q.span))),
            Pane::Entities => {
                self.story_view.entity_detail = !self.story_view.entity_detail;
                return;
            }
        };
        if let Some((r, span)) = target {
            self.open_report_at(g(r), span);
        }
    }

    /// Leaves the story screen for the reader on report `r`, scrolled to `span` and marked.
    pub fn open_report_at(&mut self, r: usize, span: Option<Span>) {
        if r >= self.articles.len() {
            return;
        }
        self.story_view.open = false;
        self.selected = r;
        if self.open != Some(r) {
            self.open = Some(r);
            self.reader_scroll = 0;
        }
        self.mark = span.map(|s| (r, s));
        self.reveal = span.is_some();
        self.focus = Focus::Reader;
    }

    /// Keeps the story screen's derived rows, selection and scroll current (from `prepare`).
    pub(crate) fn prepare_story(&mut self) {
        let Some(model) = self.story.clone() else {
            self.story_view.open = false;
            return;
        };
        let sv = &mut self.story_view;
        sv.derive(&model);
        sv.column = sv.column.min(model.n.saturating_sub(1));
        for pane in Pane::ALL {
            let k = pane.index();
            let n = sv.rows(&model, pane);
            sv.selected[k] = sv.selected[k].min(n.saturating_sub(1));
            let h = (story_geometry(self.size, pane).list.height as usize).max(1);
            let s = sv.selected[k];
            if s < sv.offset[k] {
                sv.offset[k] = s;
            } else if s >= sv.offset[k] + h {
                sv.offset[k] = s + 1 - h;
            }
            sv.offset[k] = sv.offset[k].min(n.saturating_sub(h));
        }
    }
}
