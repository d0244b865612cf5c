//! What the loading pipeline sends ([`Event`]): reports in batches, extractions, the
//! entities index, stories and their models, progress and failures — each handed to the
//! components that keep a report.

use super::App;
use crate::engine::pipeline::Event;
use crate::engine::sanitize::sanitize_line;
use std::sync::Arc;

impl App {
    /// What the loading pipeline sent ([`Event`]).
    pub(super) fn pipeline(&mut self, event: Event) {
        match event {
            Event::Loaded { order, articles } => self.insert(order, articles),
            Event::Entities(index) => {
                if index.articles == self.model.len() {
                    self.entities.set_index(&index);
                    self.model.index = index;
                }
            }
            Event::Extracted(extractions) => self.model.set_extractions(extractions),
            Event::Failed(e) => {
                self.model.load.failed += 1;
                self.model.messages.push(e.display());
            }
            Event::Progress {
                done,
                total,
                current,
            } => {
                let load = &mut self.model.load;
                load.done = done;
                load.total = total;
                load.current = sanitize_line(&current);
            }
            Event::Fetching { url, state, .. } => self.web.fetching(&url, state),
            Event::LoadFinished => {
                self.model.load.finished = true;
                self.web.reselect = None;
            }
            Event::Grouped(stories) => {
                self.model.set_stories(stories);
                self.story_view.forget();
                // Until the user moves, the top of the library is selected and open; with
                // headers, that is the first report of the first story.
                if !self.touched
                    && let Some(&first) = self.model.order().first()
                {
                    self.library.selected = first;
                    self.library.offset = 0;
                    self.reader.open = Some(first);
                }
            }
            Event::Building {
                members,
                done,
                total,
            } => {
                self.model.building_pairs.insert(members, (done, total));
            }
            Event::Story { members, model } => {
                if let Some(k) = self.model.set_story_model(members, model) {
                    if self.story_view.story(&self.model).is_none() {
                        self.story_view.current = None;
                    }
                    self.story_view.model_arrived(k);
                }
                self.story_ready();
            }
            Event::Finished => {
                // Nothing more comes (every story alone, or a cancel): nothing is building.
                self.model.building = false;
                self.story_ready();
            }
        }
    }

    /// The "not ready" answer to `o` would otherwise stay until the next key.
    fn story_ready(&mut self) {
        if self.story_view.wanted && !self.model.building {
            self.story_view.wanted = false;
            if self.model.stories.iter().any(|s| s.model.is_some()) {
                self.notice = Some("story ready: o opens the story screen".to_string());
            }
        }
    }

    /// A batch of reports from input `order`: every component keeps its report.
    fn insert(&mut self, order: usize, batch: Vec<Arc<crate::engine::Article>>) {
        let n = batch.len();
        if n == 0 {
            return;
        }
        // After a reopening, the report that was open, if it is in this batch.
        let again = (!self.touched)
            .then_some(self.web.reselect.as_deref())
            .flatten()
            .and_then(|u| {
                batch
                    .iter()
                    .position(|a| crate::tui::web::web_url(a) == Some(u))
            });
        let pos = self.model.insert(order, batch);
        // The index and the stories were dropped (positions moved); new ones follow.
        self.entities.set_index(&self.model.index);
        self.story_view.forget();
        let total = self.model.len();
        self.library.inserted(pos, n, total);
        self.reader.inserted(pos, n);
        if let Some(k) = again {
            // Selected and open again, and kept from here as if the user had chosen it.
            self.web.reselect = None;
            self.touched = true;
            self.library.selected = pos + k;
            self.reader.open = Some(pos + k);
        } else if !self.touched {
            // Until the user moves, the top of the library is selected and open.
            self.library.selected = 0;
            self.reader.open = Some(0);
        } else if self.reader.open.is_none() {
            self.reader.open = Some(self.library.selected.min(total - 1));
        }
    }
}
