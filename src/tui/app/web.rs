//! The web's part of [`App`]: starting a refresh (`R`), taking in what it reports, and
//! comparing an article's two kept versions (`V`). A child module, so it reaches the
//! components `App` composes as `app.rs` does.

use super::App;
use crate::engine::sanitize::sanitize_line;
use crate::tui::action::Effect;
use crate::tui::compare;
use std::sync::Arc;

impl App {
    /// `R`: a background refresh of the subscriptions, unless one is running.
    pub(super) fn start_refresh(&mut self) -> Effect {
        if self.web.refreshing {
            return Effect::Notice("a refresh is already running".into());
        }
        self.web.refresh_started(&[]);
        Effect::Refresh
    }

    /// What a background refresh sent; when it is over, says what it brought and, when the
    /// library shows the store and something is new or changed, asks to reopen it.
    pub(super) fn refreshed(&mut self, b: crate::store::sync::Background) -> Option<Effect> {
        use crate::store::sync::{Background, Outcome};
        if let Background::Problem(p) = &b {
            self.model.messages.push(sanitize_line(p));
        }
        if let Background::Event(crate::store::sync::Event::Done(r)) = &b {
            match &r.outcome {
                Outcome::Failed(e) => self.model.messages.push(sanitize_line(e)),
                Outcome::Saved { problems, .. } => self
                    .model
                    .messages
                    .extend(problems.iter().map(|p| sanitize_line(p))),
                Outcome::NotModified => {}
            }
        }
        let reports = match self.web.refresh(b)? {
            Ok(r) => r,
            Err(why) => return Some(Effect::Notice(format!("refresh failed: {why}"))),
        };
        let summary = self.web.last_refresh.clone().unwrap_or_default();
        let brought = reports.iter().any(|r| {
            matches!(&r.outcome, Outcome::Saved { counts, .. } if counts.new + counts.changed > 0)
        });
        if brought && self.from_store {
            self.notice = Some(summary);
            return Some(Effect::Reload);
        }
        Some(Effect::Notice(if brought {
            format!("{summary} (into the store: parallax --offline reads them)")
        } else {
            summary
        }))
    }

    /// `V`: the last two kept versions of the report at hand, compared.
    pub(super) fn versions_of_report(&mut self) -> Effect {
        use crate::engine::Source;
        let Some(a) = self.report_at_hand().and_then(|i| self.model.article(i)) else {
            return Effect::Notice("no report to show versions of".into());
        };
        let url = match &a.source {
            Source::Stored { url, .. } => Some(url.clone()),
            _ => a
                .meta
                .url
                .as_deref()
                .filter(|u| crate::engine::fetch::parse_http(u).is_ok())
                .map(str::to_string),
        };
        match url {
            Some(u) => Effect::LoadVersions(u),
            None => Effect::Notice(
                "not a web article: the store keeps versions of what parallax fetch brings".into(),
            ),
        }
    }

    /// The versions read for `V`: the compare view of the older (A) and newer (B) one.
    pub(super) fn versions_read(
        &mut self,
        url: &str,
        result: Result<Option<Box<crate::tui::action::VersionPair>>, String>,
    ) -> Option<Effect> {
        match result {
            Ok(Some(pair)) => {
                let (older, newer) = *pair;
                let (view, job) =
                    compare::open_pair(self.next_job, Arc::new(older), Arc::new(newer));
                self.next_job += 1;
                self.compare = Some(view);
                Some(Effect::StartCompare(Box::new(job)))
            }
            Ok(None) => Some(Effect::Notice(format!(
                "{}: one version kept (unchanged since first fetched)",
                sanitize_line(url)
            ))),
            Err(why) => Some(Effect::Notice(sanitize_line(&why))),
        }
    }
}
