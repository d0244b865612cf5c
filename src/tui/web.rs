//! The web component: every URL being fetched — by the loading pipeline (URL inputs) or by a
//! background refresh (`R`) — with its state, for the list in the library pane and the
//! status line; and what the last refresh brought.
//!
//! Rows are keyed by URL and kept in the order they were first heard of. The list shows
//! while something is still queued or in flight; finished rows stay in the state (the
//! messages popup keeps the failures).

use super::action::{Command, Effect, VersionPair};
use crate::engine::fetch::Stage;
use crate::engine::load::Input;
use crate::engine::pipeline::FetchState;
use crate::engine::sanitize::sanitize_line;
use crate::engine::{Article, Source};
use crate::store::sync::{Background, Event as SyncEvent, Outcome, Report};

/// One URL's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlState {
    Queued,
    Busy(Stage),
    /// Done, and what it gave ("3 articles", "2 new, 1 changed", "not modified").
    Done(String),
    Failed(String),
}

impl UrlState {
    pub fn finished(&self) -> bool {
        matches!(self, UrlState::Done(_) | UrlState::Failed(_))
    }

    /// A short description: `queued`, `connecting`, `120 KB`, `full text 2/5`, …
    pub fn describe(&self) -> String {
        match self {
            UrlState::Queued => "queued".into(),
            UrlState::Busy(Stage::Waiting) => "waiting for the host".into(),
            UrlState::Busy(Stage::Connecting) => "connecting".into(),
            UrlState::Busy(Stage::Receiving { bytes, total }) => match total {
                Some(t) if *t > 0 => format!("{} of {}", size(*bytes), size(*t)),
                _ => size(*bytes),
            },
            UrlState::Busy(Stage::Reading) => "reading".into(),
            UrlState::Busy(Stage::FullText { done, total }) => {
                format!("full text {done}/{total}")
            }
            UrlState::Done(what) => what.clone(),
            UrlState::Failed(why) => why.clone(),
        }
    }
}

/// `512 B`, `12 KB`, `3.4 MB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{} KB", b / 1024),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRow {
    /// The URL, sanitized.
    pub url: String,
    pub state: UrlState,
}

/// Rows at most (a refresh of hundreds of feeds keeps the newest states).
const MAX_ROWS: usize = 2_000;

#[derive(Debug, Default)]
pub struct WebState {
    pub rows: Vec<UrlRow>,
    /// A background refresh is running.
    pub refreshing: bool,
    /// What the last refresh brought, once it finished.
    pub last_refresh: Option<String>,
    /// The library holds the store's articles (no arguments, or `--offline`): a refresh
    /// that brought something reopens it.
    pub from_store: bool,
    /// The store's articles to reopen the library with, held while the compare view or the
    /// story screen is open (reopening would close it under the user).
    pub pending: Option<Vec<Input>>,
    /// The URL of the report that was open when the library was reopened: selected again
    /// when it comes back.
    pub reselect: Option<String>,
}

impl WebState {
    fn set(&mut self, url: &str, state: UrlState) {
        let url = sanitize_line(url);
        if let Some(r) = self.rows.iter_mut().find(|r| r.url == url) {
            // A late stage never overwrites the end.
            if !r.state.finished() || state.finished() || state == UrlState::Queued {
                r.state = state;
            }
        } else if self.rows.len() < MAX_ROWS {
            self.rows.push(UrlRow { url, state });
        }
    }

    /// A URL input's state from the loading pipeline.
    pub fn fetching(&mut self, url: &str, state: FetchState) {
        let state = match state {
            FetchState::Queued => UrlState::Queued,
            FetchState::Stage(s) => UrlState::Busy(s),
            FetchState::Done(1) => UrlState::Done("1 article".into()),
            FetchState::Done(n) => UrlState::Done(format!("{n} articles")),
            FetchState::Failed(why) => UrlState::Failed(sanitize_line(&why)),
        };
        self.set(url, state);
    }

    /// A refresh is starting over `urls` (when known: with none, the worker picks them).
    pub fn refresh_started(&mut self, urls: &[String]) {
        self.refreshing = true;
        self.last_refresh = None;
        self.rows.retain(|r| !r.state.finished());
        for u in urls {
            self.set(u, UrlState::Queued);
        }
    }

    /// A message from the background refresh. Returns the reports when it finished.
    pub fn refresh(&mut self, b: Background) -> Option<Result<Vec<Report>, String>> {
        match b {
            Background::Event(SyncEvent::Queued(url)) => {
                self.set(&url, UrlState::Queued);
                None
            }
            Background::Event(SyncEvent::Stage { url, stage }) => {
                self.set(&url, UrlState::Busy(stage));
                None
            }
            Background::Event(SyncEvent::Done(report)) => {
                let state = match &report.outcome {
                    Outcome::Failed(_) => UrlState::Failed(report.summary()),
                    Outcome::NotModified => UrlState::Done("not modified".into()),
                    Outcome::Saved { counts, problems } => {
                        UrlState::Done(counts_note(counts, problems.len()))
                    }
                };
                self.set(&report.url, state);
                None
            }
            Background::Problem(_) => None,
            Background::Finished(reports) => {
                self.refreshing = false;
                self.last_refresh = Some(summary(&reports));
                Some(Ok(reports))
            }
            Background::Failed(why) => {
                self.refreshing = false;
                let why = if why == crate::store::sync::NOTHING_TO_REFRESH {
                    why
                } else {
                    format!("refresh failed: {}", sanitize_line(&why))
                };
                self.last_refresh = Some(why.clone());
                Some(Err(why))
            }
        }
    }

    /// True while some URL is queued or being fetched: the list shows.
    pub fn active(&self) -> bool {
        self.refreshing || self.rows.iter().any(|r| !r.state.finished())
    }

    /// (finished, all) rows.
    pub fn progress(&self) -> (usize, usize) {
        let done = self.rows.iter().filter(|r| r.state.finished()).count();
        (done, self.rows.len())
    }

    /// The rows to list, in flight first, then queued, then finished (newest last), at most
    /// `n`.
    pub fn visible(&self, n: usize) -> Vec<&UrlRow> {
        let rank = |r: &UrlRow| match r.state {
            UrlState::Busy(_) => 0,
            UrlState::Queued => 1,
            _ => 2,
        };
        let mut rows: Vec<&UrlRow> = self.rows.iter().collect();
        rows.sort_by_key(|r| rank(r));
        rows.truncate(n);
        rows
    }

    /// Lines the list wants in the library pane (a heading, and two lines — the URL, its
    /// state — for each of up to six rows), 0 when inactive.
    pub fn wanted_lines(&self) -> u16 {
        if self.active() {
            1 + 2 * self.rows.len().min(6) as u16
        } else {
            0
        }
    }
}

/// `1 new, 2 changed, 26 unchanged, 1 entry failed`: the counts that are not zero.
fn counts_note(c: &crate::store::SaveCounts, failed: usize) -> String {
    let mut parts: Vec<String> = [
        (c.new, "new"),
        (c.changed, "changed"),
        (c.unchanged, "unchanged"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    match failed {
        0 => {}
        1 => parts.push("1 entry failed".into()),
        n => parts.push(format!("{n} entries failed")),
    }
    if parts.is_empty() {
        "nothing in it".into()
    } else {
        parts.join(", ")
    }
}

/// `refreshed 3 sources: 2 new, 1 changed, 1 failed` — what came, most telling first, the
/// zeros left out (`nothing new` when nothing came), so it fits a status line.
pub fn summary(reports: &[Report]) -> String {
    let (mut new, mut changed, mut failed) = (0, 0, 0);
    for r in reports {
        match &r.outcome {
            Outcome::Saved { counts, .. } => {
                new += counts.new;
                changed += counts.changed;
            }
            Outcome::NotModified => {}
            Outcome::Failed(_) => failed += 1,
        }
    }
    let mut parts = Vec::new();
    if new > 0 {
        parts.push(format!("{new} new"));
    }
    if changed > 0 {
        parts.push(format!("{changed} changed"));
    }
    if parts.is_empty() {
        parts.push("nothing new".into());
    }
    if failed > 0 {
        parts.push(format!("{failed} failed (! lists why)"));
    }
    let n = reports.len();
    format!(
        "refreshed {n} source{}: {}",
        if n == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

/// The web URL of a report, when it came from the web: the store's or the fetched URL, else
/// the page URL a saved file names.
pub fn web_url(a: &Article) -> Option<&str> {
    match &a.source {
        Source::Stored { url, .. } | Source::Url(url) => Some(url),
        _ => a
            .meta
            .url
            .as_deref()
            .filter(|u| crate::engine::fetch::parse_http(u).is_ok()),
    }
}

/// What `V` needs from the store: the last two versions of `url`, labelled; `Ok(None)`
/// when only one is kept; `Err` says why there is nothing to compare.
pub fn read_versions(
    store: Option<&std::path::Path>,
    url: &str,
) -> Result<Option<Box<VersionPair>>, String> {
    use crate::store::LastTwo;
    let not_kept = || "not in the store: versions are kept of what parallax fetch brings".into();
    match crate::store::last_two_versions(store.ok_or_else(not_kept)?, url) {
        Ok(LastTwo::NotKept) => Err(not_kept()),
        Ok(LastTwo::One) => Ok(None),
        Ok(LastTwo::Two { older, newer, kept }) => Ok(Some(Box::new(VersionPair {
            labels: [older.label(kept), newer.label(kept)],
            older: older.article,
            newer: newer.article,
        }))),
        Err(e) => Err(e.display()),
    }
}

impl WebState {
    /// `R` and `V` (library and reading panes); `at_hand` is the report they are about.
    pub fn update(&mut self, c: Command, at_hand: Option<&Article>) -> Option<Effect> {
        match c {
            Command::Refresh if self.refreshing => {
                Some(Effect::Notice("a refresh is already running".into()))
            }
            Command::Refresh => {
                self.refresh_started(&[]);
                Some(Effect::Refresh)
            }
            Command::Versions => Some(match at_hand {
                None => Effect::Notice("no report to show versions of".into()),
                Some(a) => match web_url(a) {
                    Some(u) => Effect::LoadVersions(u.to_string()),
                    None => Effect::Notice("not from the web: no versions to compare".into()),
                },
            }),
            _ => None,
        }
    }

    /// A message from the background refresh: its problems go to `messages`; once it is
    /// over, a notice says what it brought, or — when the library is the store's and
    /// something is new or changed — the store is read again ([`Effect::Reload`]).
    pub fn refreshed(&mut self, b: Background, messages: &mut Vec<String>) -> Option<Effect> {
        match &b {
            Background::Problem(p) => messages.push(sanitize_line(p)),
            Background::Event(SyncEvent::Done(r)) => match &r.outcome {
                Outcome::Failed(e) => messages.push(sanitize_line(e)),
                Outcome::Saved { problems, .. } => {
                    messages.extend(problems.iter().map(|p| sanitize_line(p)))
                }
                Outcome::NotModified => {}
            },
            _ => {}
        }
        let reports = match self.refresh(b)? {
            Ok(r) => r,
            Err(why) => return Some(Effect::Notice(why)),
        };
        let summary = self.last_refresh.clone().unwrap_or_default();
        let brought = reports.iter().any(|r| {
            matches!(&r.outcome, Outcome::Saved { counts, .. } if counts.new + counts.changed > 0)
        });
        Some(match (brought, self.from_store) {
            (true, true) => Effect::Reload,
            (true, false) => Effect::Notice(format!("{summary} — saved: parallax --offline")),
            (false, _) => Effect::Notice(summary),
        })
    }

    /// The versions read for `V`: the compare view of the two ([`Effect::ComparePair`]), or
    /// why not.
    pub fn versions_read(
        &mut self,
        result: Result<Option<Box<VersionPair>>, String>,
    ) -> Option<Effect> {
        Some(match result {
            Ok(Some(pair)) => Effect::ComparePair(pair),
            Ok(None) => Effect::Notice(
                "one version kept of this article: unchanged since first fetched".into(),
            ),
            Err(why) => Effect::Notice(sanitize_line(&why)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SaveCounts;

    #[test]
    fn states_follow_the_pipeline_and_the_end_stays() {
        let mut w = WebState::default();
        w.fetching("http://a/1", FetchState::Queued);
        w.fetching("http://a/2", FetchState::Queued);
        assert!(w.active());
        w.fetching(
            "http://a/1",
            FetchState::Stage(Stage::Receiving {
                bytes: 2048,
                total: Some(4096),
            }),
        );
        assert_eq!(w.visible(5)[0].state.describe(), "2 KB of 4 KB");
        w.fetching("http://a/1", FetchState::Done(3));
        w.fetching("http://a/1", FetchState::Stage(Stage::Reading));
        assert_eq!(w.rows[0].state, UrlState::Done("3 articles".into()));
        w.fetching(
            "http://a/2",
            FetchState::Failed("HTTP 404 Not Found".into()),
        );
        assert!(!w.active());
        assert_eq!(w.progress(), (2, 2));
        assert_eq!(w.wanted_lines(), 0);
    }

    #[test]
    fn a_refresh_reports_and_sums_up() {
        let mut w = WebState::default();
        w.refresh_started(&["http://f/feed".into()]);
        assert!(w.active());
        let report = Report {
            url: "http://f/feed".into(),
            outcome: Outcome::Saved {
                counts: SaveCounts {
                    new: 2,
                    changed: 1,
                    unchanged: 4,
                },
                problems: vec![],
            },
        };
        assert!(
            w.refresh(Background::Event(SyncEvent::Done(report.clone())))
                .is_none()
        );
        let done = w.refresh(Background::Finished(vec![report]));
        assert!(matches!(done, Some(Ok(_))));
        assert!(!w.refreshing);
        assert_eq!(
            w.last_refresh.as_deref(),
            Some("refreshed 1 source: 2 new, 1 changed")
        );
        // Nothing to refresh is not a failure; a store that cannot be opened is.
        w.refresh_started(&[]);
        let nothing = crate::store::sync::NOTHING_TO_REFRESH;
        assert!(w.refresh(Background::Failed(nothing.into())).is_some());
        assert_eq!(w.last_refresh.as_deref(), Some(nothing));
        w.refresh(Background::Failed("store.sqlite3: locked".into()));
        assert_eq!(
            w.last_refresh.as_deref(),
            Some("refresh failed: store.sqlite3: locked")
        );
    }
}
