//! The web's part of [`App`]: what `R` and `V` lead to beyond the web component
//! ([`crate::tui::web::WebState`], which takes the keys and the workers' answers): the
//! compare view of an article's two kept versions, and the library started over from the
//! store after a refresh. A child module, so it reaches the components `App` composes as
//! `app.rs` does.

use super::App;
use crate::engine::load::Input;
use crate::tui::action::{Effect, VersionPair};
use crate::tui::compare;
use crate::tui::entities::EntitiesState;
use crate::tui::library::LibraryState;
use crate::tui::model::Model;
use crate::tui::reader::ReaderState;
use crate::tui::story::StoryState;
use crate::tui::web::web_url;
use std::sync::Arc;

impl App {
    /// The compare view of two versions of one article (older as A), its job to the loop.
    pub(super) fn compare_versions(&mut self, pair: VersionPair) -> Effect {
        let VersionPair {
            older,
            newer,
            labels: [a, b],
        } = pair;
        let (view, job) =
            compare::open_pair(self.next_job, (Arc::new(older), a), (Arc::new(newer), b));
        self.next_job += 1;
        self.compare = Some(view);
        Effect::StartCompare(Box::new(job))
    }

    /// The library again from the store's articles: the report at hand is selected again
    /// when it comes back; the refresh's summary stays in the status line.
    pub(super) fn reopen(&mut self, inputs: Vec<Input>) -> Option<Effect> {
        let at_hand = self.report_at_hand().and_then(|i| self.model.article(i));
        self.web.reselect = at_hand.and_then(|a| web_url(a)).map(str::to_string);
        self.reset_library();
        self.notice = self.web.last_refresh.clone();
        Some(Effect::StartPipeline(inputs))
    }

    /// Forgets the library (before it is loaded again from the store): every component
    /// that points into it starts over; keys, theme, size and the web state stay.
    pub fn reset_library(&mut self) {
        self.model = Model::default();
        self.library = LibraryState::default();
        self.reader = ReaderState::default();
        self.entities = EntitiesState::default();
        self.compare = None;
        self.story_view = StoryState::default();
        self.touched = false;
        self.prepare();
    }
}
