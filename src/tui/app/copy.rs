//! `y`'s part of [`App`]: what is at hand to copy in the view on screen
//! ([`crate::tui::copy`] builds the text), and the status line's confirmation. The event loop
//! sends it to the terminal ([`Effect::Copy`]).

use super::App;
use crate::tui::action::Effect;
use crate::tui::copy;
use crate::tui::search::{Hit, Scope};

impl App {
    /// `y`: the current sentence, row, claim, quote or discrepancy with its source.
    pub(super) fn copy(&mut self) -> Option<Effect> {
        let clip = if let Some(view) = &self.compare {
            copy::row(view)
        } else if self.story_view.open {
            copy::story(&self.story_view, &self.model)
        } else {
            self.reader
                .open
                .and_then(|i| copy::sentence(&self.model, i, self.copy_offset(i)))
        };
        let Some(clip) = clip else {
            let here = if self.story_view.open {
                "nothing to copy here: y copies a claim, quote or discrepancy"
            } else {
                "nothing to copy here"
            };
            return Some(Effect::Notice(here.to_string()));
        };
        self.notice = Some(format!("copied {} with its source", clip.what));
        Some(Effect::Copy(clip.text))
    }

    /// Where in report `i` the current sentence is: the current search hit, else the marked
    /// mention, else the top of the reading pane.
    pub(super) fn copy_offset(&self, i: usize) -> usize {
        if self.search.scope == Some(Scope::Reader(i))
            && let Some(Hit::Text(span)) = self.search.current_hit()
        {
            return span.start;
        }
        match self.reader.mark {
            Some((m, span)) if m == i => span.start,
            _ => self.reader.view_offset(),
        }
    }
}
