//! What leaves the reader for the world, as [`App`] decides it: `O`, the web page of the
//! report at hand — the library's selection or the open report, the compare view's left
//! side, the story screen's selected report, claim or quote — when it has one
//! ([`crate::tui::browser`] starts the browser); `w`, the compare view or story screen as
//! Markdown ([`crate::tui::export`]; the event loop writes the file).

use super::App;
use crate::tui::action::Effect;
use crate::tui::browser;
use crate::tui::story::Pane;
use crate::tui::web::web_url;

impl App {
    pub(super) fn open_url(&mut self) -> Option<Effect> {
        let article = if let Some(v) = &self.compare {
            Some(v.displayed().left.article.clone())
        } else if self.story_view.open {
            self.story_report_at_hand()
                .and_then(|i| self.model.article(i).cloned())
        } else {
            self.report_at_hand()
                .and_then(|i| self.model.article(i).cloned())
        };
        let Some(a) = article else {
            return Some(Effect::Notice("no report selected".to_string()));
        };
        let url = a
            .meta
            .url
            .as_deref()
            .and_then(browser::checked)
            .or_else(|| web_url(&a).and_then(browser::checked));
        match url {
            Some(u) => Some(Effect::OpenUrl(u)),
            None => Some(Effect::Notice(format!(
                "no web address for {}: nothing to open",
                crate::engine::sanitize::sanitize_line(&a.outlet_label())
            ))),
        }
    }

    /// `w`: the view on screen as Markdown, for the event loop to write.
    pub(super) fn write_view(&mut self) -> Option<Effect> {
        let out = if let Some(v) = &self.compare {
            crate::tui::export::compare(v)
        } else if self.story_view.open {
            crate::tui::export::story(&self.story_view, &self.model)
        } else {
            return Some(Effect::Notice(
                "w writes the compare view or the story screen (c, o)".to_string(),
            ));
        };
        match out {
            Some((name, text)) => Some(Effect::WriteFile { name, text }),
            None => Some(Effect::Notice("nothing to write yet".to_string())),
        }
    }

    /// The library position of the report the story screen's selection is about.
    fn story_report_at_hand(&self) -> Option<usize> {
        let (_, m, members) = self.story_view.story(&self.model)?;
        let sel = self.story_view.current();
        let r = match self.story_view.pane {
            Pane::Coverage => Some(sel),
            Pane::Claims => self
                .story_view
                .claim_rows
                .get(sel)
                .and_then(|&c| m.claims.get(c))
                .and_then(|c| c.sentences.first())
                .map(|&(r, _)| r),
            Pane::Quotes => m.quotes.get(sel).map(|q| q.report),
            Pane::Entities | Pane::Discrepancies => None,
        }?;
        members.get(r).copied()
    }
}
