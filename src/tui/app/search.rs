//! Search's part of [`App`]: which view a search is for ([`App::scope`]), running one when
//! the prompt confirms it, and moving each view to a hit (`n` / `N`). The hits themselves are
//! found by [`crate::tui::search`]; the prompt is [`crate::tui::prompt`].

use super::{App, Focus};
use crate::engine::sanitize::sanitize_line;
use crate::engine::text::truncate;
use crate::tui::action::{Command, Effect};
use crate::tui::reader::Step;
use crate::tui::search::{self, Hit, Matcher, Scope};

impl App {
    /// The view a search made now would be for.
    pub fn scope(&self) -> Option<Scope> {
        if let Some(v) = &self.compare {
            return Some(Scope::Compare {
                job: v.job,
                swapped: v.swapped,
            });
        }
        if self.story_view.open {
            return self.story_view.current.map(Scope::Story);
        }
        match self.focus {
            Focus::Library if !self.entities.visible => Some(Scope::Library),
            _ => self.reader.open.map(Scope::Reader),
        }
    }

    /// The search, when it is for the view on screen (for the widgets).
    pub fn search_here(&self) -> Option<&search::SearchState> {
        let scope = self.scope()?;
        (self.search.scope == Some(scope)).then_some(&self.search)
    }

    /// Searches the view at hand for `pattern` (an empty one clears the search) and goes to
    /// the first hit.
    pub(super) fn run_search(&mut self, pattern: &str) -> Option<Effect> {
        let Some(m) = Matcher::new(pattern) else {
            self.search.clear();
            return Some(Effect::Notice("search cleared".to_string()));
        };
        let Some(scope) = self.scope() else {
            return Some(Effect::Notice("nothing to search yet".to_string()));
        };
        let hits = self.find_hits(scope, &m);
        self.search.set(pattern, m, scope, hits);
        if self.search.hits.is_empty() {
            let shown = truncate(&sanitize_line(pattern), 40);
            let still = if self.comparing() {
                " (still comparing)"
            } else {
                ""
            };
            return Some(Effect::Notice(format!(
                "no match for \u{201c}{shown}\u{201d} in {}{still}",
                scope.name()
            )));
        }
        self.go_to_hit();
        Some(Effect::Notice(self.search.note(false)))
    }

    /// The hits of `m` in the view `scope` names, in the order it shows them.
    fn find_hits(&mut self, scope: Scope, m: &Matcher) -> Vec<Hit> {
        match scope {
            Scope::Library => search::library_hits(&self.model, m),
            Scope::Reader(i) => self
                .model
                .article(i)
                .map(|a| search::text_hits(a, m))
                .unwrap_or_default(),
            Scope::Compare { .. } => self
                .compare
                .as_ref()
                .map(|v| search::compare_hits(v, m))
                .unwrap_or_default(),
            Scope::Story(_) => {
                if let Some(sm) = self.story() {
                    let sm = sm.clone();
                    self.story_view.derive(&sm);
                }
                search::story_hits(&self.story_view, &self.model, m)
            }
        }
    }

    /// `n` / `N`: the next / previous hit after a search in this view; otherwise (or when the
    /// last jump was to an entity mention) what `n` / `N` did before: mentions in the main
    /// screen, differences in the compare view.
    pub(super) fn step_match(&mut self, c: Command) -> Option<Effect> {
        let forward = c == Command::NextMatch;
        let here = self.scope().is_some_and(|s| self.search.active(s));
        if here && self.search.last {
            let before = self.search.current;
            self.search.step(forward);
            let now = self.search.current;
            let wrapped = (forward && now <= before) || (!forward && now >= before);
            let wrapped = wrapped && self.search.hits.len() > 1;
            self.go_to_hit();
            return Some(Effect::Notice(self.search.note(wrapped)));
        }
        if let Some(view) = self.compare.as_mut() {
            let c = if forward {
                Command::NextDifference
            } else {
                Command::PrevDifference
            };
            return view.update(c, self.geometry.compare.body.height as usize);
        }
        if self.story_view.open {
            return Some(Effect::Notice("/ searches this screen".to_string()));
        }
        self.jump(if forward { Step::Next } else { Step::Prev })
    }

    /// Moves the view to the current hit.
    fn go_to_hit(&mut self) {
        let Some(hit) = self.search.current_hit() else {
            return;
        };
        match hit {
            Hit::Report(i) => {
                self.library.selected = i;
                if !self.geometry.main.narrow {
                    self.reader.open(i);
                }
            }
            Hit::Text(span) => {
                if let Some(open) = self.reader.open {
                    self.reader.mark = Some((open, span));
                    self.reader.reveal = true;
                }
            }
            Hit::Row { row, .. } => {
                let h = self.geometry.compare.body.height as usize;
                if let Some(v) = self.compare.as_mut() {
                    v.go_to(row, h);
                }
            }
            Hit::Story { pane, row } => {
                self.story_view.pane = pane;
                self.story_view.selected[pane.index()] = row;
            }
        }
    }

    /// After the compare view swapped its sides its rows changed: a search made there is
    /// made again, quietly and without moving, so its hits stay drawn and `n` goes on from
    /// the current row.
    pub(super) fn search_again_after(&mut self, before: Option<Scope>) {
        let now = self.scope();
        let (Some(before), Some(now)) = (before, now) else {
            return;
        };
        if now == before || self.search.scope != Some(before) {
            return;
        }
        let Some(m) = self.search.matcher.clone() else {
            return;
        };
        let hits = self.find_hits(now, &m);
        let (pattern, last) = (self.search.pattern.clone(), self.search.last);
        self.search.set(&pattern, m, now, hits);
        self.search.last = last;
        let row = self.compare.as_ref().map_or(0, |v| v.row);
        self.search.current = self
            .search
            .hits
            .iter()
            .position(|h| matches!(h, Hit::Row { row: r, .. } if *r >= row))
            .unwrap_or(0);
    }
}
