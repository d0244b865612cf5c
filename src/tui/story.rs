//! The story screen's state and keys (`o`): five panes over the [`StoryModel`] — coverage
//! matrix, claims, entity matrix, quote ledger, discrepancies — each a list with a selection.
//! Drawn by `tui/widgets/story.rs`; this only changes state, through [`StoryState::update`].
//! The story shown is one of the library's ([`StoryState::current`]); report r of its model
//! is library position `members[r]`.

use super::action::{Command, Effect, move_in_list};
use super::model::Model;
use super::overlay::Overlay;
use crate::engine::Span;
use crate::engine::story::StoryModel;
use crate::engine::text::truncate;
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

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// The story screen's state: which pane, each pane's selection and first row shown, the
/// single-source filter, and rows derived from the model (rebuilt when it changes).
#[derive(Debug, Clone, Default)]
pub struct StoryState {
    pub open: bool,
    /// The story shown: an index into the library's stories (one with a model).
    pub current: Option<usize>,
    /// `o` was pressed before the story was ready: say so when it is.
    pub wanted: bool,
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
    /// Entities in the model's order: by spread, then mentions, then name (indices into
    /// `model.entities`).
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

    /// The tab bar's labels, one per pane (` 2 Claims 77 `), drawn one column apart after a
    /// leading space.
    pub fn tab_labels(&self, m: &StoryModel) -> Vec<String> {
        Pane::ALL
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let count = match p {
                    Pane::Coverage => String::new(),
                    _ => format!(" {}", self.rows(m, *p)),
                };
                format!(" {} {}{count} ", k + 1, p.title())
            })
            .collect()
    }

    /// The tabs as drawn in a bar `width` columns wide (a space before each, one after the
    /// last): in full when they fit; else the open tab in full and the others cut (`…`) to
    /// share what is left, down to their number; the open tab is cut only when nothing else
    /// is left to cut.
    pub fn tab_bar(&self, m: &StoryModel, width: usize) -> Vec<String> {
        use unicode_width::UnicodeWidthStr;
        let labels = self.tab_labels(m);
        let n = labels.len();
        let open = self.pane.index();
        let spaces = n + 1;
        let total: usize = labels.iter().map(|l| l.width()).sum::<usize>() + spaces;
        if total <= width {
            return labels;
        }
        // The others' shortest forms: their number, spaced; the bare digit when the open tab
        // needs the room.
        let open_w = labels[open].width();
        let short_w = |pad: bool| (n - 1) * if pad { 3 } else { 1 };
        let pad = spaces + short_w(true) + open_w <= width;
        let short = |k: usize| {
            if pad {
                format!(" {} ", k + 1)
            } else {
                (k + 1).to_string()
            }
        };
        let share = width.saturating_sub(spaces + open_w) / (n - 1).max(1);
        let room = width.saturating_sub(spaces + short_w(pad));
        labels
            .iter()
            .enumerate()
            .map(|(k, l)| match k {
                k if k == open => truncate(l, open_w.min(room)),
                // Cut, a letter of the title at least; else the number alone.
                k if share > short(k).width() + 1 => truncate(l, share),
                k => short(k),
            })
            .collect()
    }

    /// The pane whose tab is at column `x` of the tab bar, `width` columns wide.
    pub fn tab_at(&self, m: &StoryModel, x: usize, width: usize) -> Option<Pane> {
        use unicode_width::UnicodeWidthStr;
        let mut at = 1;
        for (p, label) in Pane::ALL.iter().zip(self.tab_bar(m, width)) {
            let w = label.width();
            if (at..at + w).contains(&x) {
                return Some(*p);
            }
            at += w + 1;
        }
        None
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
    pub fn derive(&mut self, m: &Arc<StoryModel>) {
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
        // The engine lists them by spread, then mentions, then name already.
        self.entity_rows = (0..m.entities.len()).collect();
    }
}

impl StoryState {
    /// The story on the screen, its model and members, if built.
    pub fn story<'a>(&self, model: &'a Model) -> Option<(usize, &'a Arc<StoryModel>, &'a [usize])> {
        let k = self.current?;
        let s = model.stories.get(k)?;
        Some((k, s.model.as_ref()?, &s.members))
    }

    /// A model arrived for story `k`: the first one to arrive is shown, and the one shown is
    /// replaced by its new model.
    pub fn model_arrived(&mut self, k: usize) {
        if self.current.is_none() {
            self.current = Some(k);
        }
    }

    /// The stories changed (a new grouping, a report landed): none is shown until a model
    /// arrives.
    pub fn forget(&mut self) {
        self.current = None;
        self.open = false;
    }

    /// `o`: the story screen of report `at` (the report at hand), or a note saying why not.
    pub fn open_for(&mut self, model: &Model, at: Option<usize>) -> Option<Effect> {
        let entry = at.and_then(|i| model.story_of(i));
        let ready = match entry {
            Some((k, e, _)) if e.model.is_some() => Some(k),
            Some((_, e, _)) if e.members.len() < 2 => {
                return Some(Effect::Notice(format!(
                    "no other report of this story among the {} loaded ({} stories)",
                    model.len(),
                    model.stories.len()
                )));
            }
            _ => None,
        };
        let Some(k) = ready else {
            // Not ready yet (rather than impossible): say so when it is.
            self.wanted = model.building || model.len() > 1;
            return Some(Effect::Notice(if model.building {
                "building story… (o again when done)".to_string()
            } else if model.len() < 2 {
                "the story screen needs two or more reports".to_string()
            } else {
                "story not ready yet: extracting…".to_string()
            }));
        };
        if Some(k) != self.current {
            *self = StoryState {
                current: Some(k),
                wanted: self.wanted,
                ..StoryState::default()
            };
        }
        self.open = true;
        None
    }

    /// Keys on the story screen, with a list `height` rows high.
    pub fn update(
        &mut self,
        c: Command,
        lib: &Model,
        open: Option<usize>,
        height: usize,
    ) -> Option<Effect> {
        let Some((_, model, members)) = self.story(lib) else {
            self.open = false;
            return None;
        };
        let model = model.clone();
        self.derive(&model);
        let k = self.pane.index();
        match c {
            Command::Quit => return Some(Effect::Quit),
            Command::Help => return Some(Effect::Show(Overlay::Help)),
            Command::Messages => return Some(Effect::Show(Overlay::Messages)),
            Command::Close | Command::Cancel | Command::Back => {
                if self.pane == Pane::Entities && self.entity_detail {
                    self.entity_detail = false;
                } else {
                    self.open = false;
                }
            }
            Command::StoryOpen => self.open = false,
            Command::StoryPane(p) => self.pane = Pane::ALL[(p as usize).min(4)],
            Command::StoryNextPane => self.pane = Pane::ALL[(k + 1) % 5],
            Command::StoryPrevPane => self.pane = Pane::ALL[(k + 4) % 5],
            Command::StoryLeft if self.pane == Pane::Coverage => {
                self.column = self.column.saturating_sub(1);
            }
            Command::StoryRight if self.pane == Pane::Coverage => {
                self.column = (self.column + 1).min(model.n.saturating_sub(1));
            }
            Command::StoryLeft => self.pane = Pane::ALL[(k + 4) % 5],
            Command::StoryRight => self.pane = Pane::ALL[(k + 1) % 5],
            Command::StorySingleSource => {
                self.single_only = !self.single_only;
                self.pane = Pane::Claims;
                self.selected[1] = 0;
                self.offset[1] = 0;
                self.derive(&model);
                let n = self.claim_rows.len();
                return Some(Effect::Notice(if self.single_only {
                    format!("single-source claims: {n} (f: all)")
                } else {
                    format!("all claims: {n}")
                }));
            }
            Command::Open => return self.enter(&model, members, open),
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::HalfPageUp
            | Command::HalfPageDown
            | Command::Top
            | Command::Bottom => {
                let n = self.rows(&model, self.pane);
                if n == 0 {
                    return None;
                }
                let page = height.max(2) - 1;
                let s = self.selected[k];
                self.selected[k] = move_in_list(c, s, n, page);
            }
            _ => {}
        }
        None
    }

    /// Enter: a coverage cell opens the compare view of its pair (the diagonal, the report);
    /// a discrepancy opens the compare view of two reports that disagree, at the row holding
    /// it; claims and quotes show in full in a popup, from which Enter opens the reader at
    /// their sentence; an entity lists its mentions per report. Leaving the compare view (Esc)
    /// comes back here.
    fn enter(&mut self, m: &StoryModel, members: &[usize], open: Option<usize>) -> Option<Effect> {
        // A claim or quote: first in full, in a popup (Enter there reads it).
        if matches!(self.pane, Pane::Claims | Pane::Quotes) && self.rows(m, self.pane) > 0 {
            return Some(Effect::Show(Overlay::StoryDetail));
        }
        self.read(m, members, open)
    }

    /// Enter in the detail popup: reads the selected claim or quote in its report.
    pub fn read_selected(&mut self, lib: &Model, open: Option<usize>) -> Option<Effect> {
        let (_, model, members) = self.story(lib)?;
        let (model, members) = (model.clone(), members.to_vec());
        self.read(&model, &members, open)
    }

    fn read(&mut self, m: &StoryModel, members: &[usize], open: Option<usize>) -> Option<Effect> {
        let sel = self.current();
        // Reports are numbered within the story; `g` maps them to library positions.
        let g = |r: usize| members.get(r).copied().unwrap_or(r);
        let open = open.and_then(|o| (0..m.n).find(|&r| g(r) == o));
        // Prefer the open report's sentence when it has one.
        let pick = |refs: &[(usize, usize)]| {
            refs.iter()
                .find(|(r, _)| Some(*r) == open)
                .or(refs.first())
                .copied()
        };
        let sentence = |(r, s): (usize, usize)| m.sentences.get(r)?.get(s).map(|x| (r, x.span));
        let target: Option<(usize, Option<Span>)> = match self.pane {
            Pane::Coverage => {
                let col = self.column;
                if sel < m.n && col < m.n && col != sel {
                    // The header shows both coverages.
                    return Some(Effect::Compare {
                        a: g(sel),
                        b: g(col),
                        at: None,
                    });
                }
                (sel < m.n).then_some((sel, None))
            }
            Pane::Claims => self
                .claim_rows
                .get(sel)
                .and_then(|&c| m.claims.get(c))
                .and_then(|c| pick(&c.sentences))
                .and_then(sentence)
                .map(|(r, sp)| (r, Some(sp))),
            Pane::Discrepancies => {
                let d = m.discrepancies.get(sel)?;
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
                        return Some(Effect::Compare {
                            a: g(ra),
                            b: g(rb),
                            at: Some((span, note)),
                        });
                    }
                    (Some((r, span)), None) => Some((r, Some(span))),
                    _ => None,
                }
            }
            Pane::Quotes => m.quotes.get(sel).map(|q| (q.report, Some(q.span))),
            Pane::Entities => {
                self.entity_detail = !self.entity_detail;
                return None;
            }
        };
        let (r, at) = target?;
        Some(Effect::Open { report: g(r), at })
    }

    /// Keeps the derived rows, selection and scroll current, with lists `height` rows high.
    pub fn prepare(&mut self, lib: &Model, height: usize) {
        let Some((_, model, _)) = self.story(lib) else {
            self.open = false;
            return;
        };
        let model = model.clone();
        self.derive(&model);
        self.column = self.column.min(model.n.saturating_sub(1));
        let h = height.max(1);
        for pane in Pane::ALL {
            let k = pane.index();
            let n = self.rows(&model, pane);
            self.selected[k] = self.selected[k].min(n.saturating_sub(1));
            let s = self.selected[k];
            if s < self.offset[k] {
                self.offset[k] = s;
            } else if s >= self.offset[k] + h {
                self.offset[k] = s + 1 - h;
            }
            self.offset[k] = self.offset[k].min(n.saturating_sub(h));
        }
    }
}
