//! Refreshing sources into the store (`parallax fetch`, and the reader's refresh key):
//! each source is fetched on a worker thread, conditionally when the store has its
//! validators (`If-None-Match` / `If-Modified-Since`), read like any URL input (full text for
//! summary feeds included), and saved by the calling thread — the one writer — in one
//! transaction per source as soon as it arrives. A failure is recorded and reported; it never
//! stops the other sources.

use super::articles::{Incoming, SaveCounts, article_url};
use super::sources::Fetch;
use super::{Store, StoreError};
use crate::engine::article::Format;
use crate::engine::fetch::{self, Conditional, FetchError, Fetched, Stage};
use crate::engine::load::{LoadError, LoadOptions};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Sources fetched at once (the per-host limit still applies).
const WORKERS: usize = 8;

/// What became of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Fetched and saved; `problems` are entries or linked pages that failed (each message
    /// names its URL).
    Saved {
        counts: SaveCounts,
        problems: Vec<String>,
    },
    /// 304: unchanged since the last fetch.
    NotModified,
    /// The message names the URL and the reason.
    Failed(String),
}

/// One source's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub url: String,
    pub outcome: Outcome,
}

impl Report {
    /// `new, changed, unchanged, failed` for the summary line.
    pub fn summary(&self) -> String {
        match &self.outcome {
            Outcome::Saved { counts, problems } => format!(
                "{} new, {} changed, {} unchanged, {} failed",
                counts.new,
                counts.changed,
                counts.unchanged,
                problems.len()
            ),
            Outcome::NotModified => "not modified (304)".into(),
            Outcome::Failed(e) => {
                let reason = e
                    .strip_prefix(&self.url)
                    .and_then(|r| r.strip_prefix(": "))
                    .unwrap_or(e);
                format!("failed: {reason}")
            }
        }
    }
}

/// Progress of a refresh, for a display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Sent for every URL before any is fetched, so a display can list them all.
    Queued(String),
    Stage {
        url: String,
        stage: Stage,
    },
    Done(Report),
}

enum Msg {
    Stage(usize, Stage),
    Done(usize, Box<Result<Fetched, LoadError>>),
}

/// Fetches `urls` into `store`; `on_event` hears every stage and every result (on the
/// calling thread). Returns the reports in the order of `urls`.
pub fn refresh(
    store: &mut Store,
    urls: &[String],
    opts: &LoadOptions,
    on_event: &mut dyn FnMut(Event),
) -> Result<Vec<Report>, StoreError> {
    let validators: Vec<Conditional> = urls
        .iter()
        .map(|u| {
            store
                .source(u)
                .map(|s| s.map(|s| s.validators).unwrap_or_default())
        })
        .collect::<Result<_, _>>()?;
    for u in urls {
        on_event(Event::Queued(u.clone()));
    }
    let mut reports: Vec<Option<Report>> = vec![None; urls.len()];
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut store_error = None;
    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(urls.len()) {
            let tx = tx.clone();
            let (next, validators) = (&next, &validators);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let progress = |stage: Stage| {
                        let _ = tx.send(Msg::Stage(i, stage));
                    };
                    let result = fetch::fetch(url, &validators[i], opts, &progress);
                    if tx.send(Msg::Done(i, Box::new(result))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for msg in rx {
            match msg {
                Msg::Stage(i, stage) => on_event(Event::Stage {
                    url: urls[i].clone(),
                    stage,
                }),
                Msg::Done(i, result) => {
                    let report = match save(store, &urls[i], *result) {
                        Ok(r) => r,
                        Err(e) => {
                            // The store failed: keep going for the report, remember the error.
                            let r = Report {
                                url: urls[i].clone(),
                                outcome: Outcome::Failed(e.display()),
                            };
                            store_error.get_or_insert(e);
                            r
                        }
                    };
                    on_event(Event::Done(report.clone()));
                    reports[i] = Some(report);
                }
            }
        }
    });
    if let Some(e) = store_error {
        return Err(e);
    }
    Ok(reports
        .into_iter()
        .zip(urls)
        .map(|(r, u)| {
            r.unwrap_or_else(|| Report {
                url: u.clone(),
                outcome: Outcome::Failed(format!("{u}: not fetched")),
            })
        })
        .collect())
}

/// Saves one source's result.
fn save(
    store: &mut Store,
    url: &str,
    result: Result<Fetched, LoadError>,
) -> Result<Report, StoreError> {
    let fetched = match result {
        Ok(f) => f,
        Err(e) => {
            let status = match &e {
                LoadError::Fetch(FetchError::Status { status, .. }) => Some(*status),
                _ => None,
            };
            let message = e.display();
            store.record_failure(url, status, &message)?;
            return Ok(Report {
                url: url.to_string(),
                outcome: Outcome::Failed(message),
            });
        }
    };
    let Some(loaded) = fetched.loaded else {
        store.record_not_modified(url)?;
        return Ok(Report {
            url: url.to_string(),
            outcome: Outcome::NotModified,
        });
    };
    let items: Vec<Incoming<'_>> = loaded
        .articles
        .iter()
        .zip(&fetched.raw_sha256)
        .map(|(a, raw)| Incoming {
            article: a,
            url: article_url(a),
            raw_sha256: raw.clone(),
        })
        .collect();
    let kind = match fetched.format {
        Some(Format::Feed) => "feed",
        _ => "page",
    };
    let r = &fetched.response;
    let counts = store.save_fetch(&Fetch {
        url,
        final_url: &r.final_url,
        kind,
        title: fetched.title.as_deref().filter(|_| kind == "feed"),
        status: r.status,
        validators: Conditional {
            etag: r.etag.clone(),
            last_modified: r.last_modified.clone(),
        },
        articles: &items,
    })?;
    Ok(Report {
        url: url.to_string(),
        outcome: Outcome::Saved {
            counts,
            problems: loaded.problems.iter().map(LoadError::display).collect(),
        },
    })
}

/// Why a refresh without URLs did nothing ([`Background::Failed`]).
pub const NOTHING_TO_REFRESH: &str = "nothing to refresh: no urls file, nothing fetched yet";

/// What a background refresh ([`spawn`]) reports: each event of [`refresh`], then once
/// `Finished` with the reports, or `Failed` when the store could not be used at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Background {
    Event(Event),
    /// A line of the urls file that could not be used (it names the file and line).
    Problem(String),
    Finished(Vec<Report>),
    Failed(String),
}

/// The sources a refresh without URLs covers: the subscriptions of `urls_file` (normally
/// [`crate::engine::fetch::subscriptions::default_path`]), else every source the store has
/// fetched before. Problems (unusable lines of the urls file) come beside.
pub fn default_sources(
    urls_file: Option<&std::path::Path>,
    store: Option<&Store>,
) -> (Vec<String>, Vec<String>) {
    use crate::engine::fetch::subscriptions;
    let mut problems = Vec::new();
    let mut urls = Vec::new();
    if let Some(path) = urls_file {
        let label = crate::engine::sanitize::shown_path(path);
        match subscriptions::read(path) {
            Ok(subs) => {
                problems.extend(
                    subs.problems
                        .iter()
                        .map(|(line, reason)| format!("{label}:{line}: {reason}")),
                );
                urls.extend(
                    subs.subs
                        .iter()
                        .filter_map(|s| fetch::parse_http(&s.url).ok().map(String::from)),
                );
            }
            Err(e) => problems.push(e),
        }
    }
    if urls.is_empty()
        && let Some(store) = store
    {
        match store.source_urls() {
            Ok(known) => urls = known,
            Err(e) => problems.push(e.display()),
        }
    }
    let mut seen = std::collections::HashSet::new();
    urls.retain(|u| seen.insert(u.clone()));
    (urls, problems)
}

/// Refreshes `urls` (or, when empty, [`default_sources`] of `urls_file`) into the store at
/// `path` on a new thread, handing every step to `send` — the reader's refresh key, which
/// must not wait.
pub fn spawn(
    path: PathBuf,
    urls_file: Option<PathBuf>,
    urls: Vec<String>,
    opts: LoadOptions,
    send: impl Fn(Background) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        // The store is created only when there is something to put in it.
        let known = match Store::open_existing(&path) {
            Ok(s) => s,
            Err(e) => return send(Background::Failed(e.display())),
        };
        let urls = if urls.is_empty() {
            let (urls, problems) = default_sources(urls_file.as_deref(), known.as_ref());
            for p in problems {
                send(Background::Problem(p));
            }
            urls
        } else {
            urls
        };
        if urls.is_empty() {
            return send(Background::Failed(NOTHING_TO_REFRESH.into()));
        }
        let mut store = match known.map_or_else(|| Store::open(&path), Ok) {
            Ok(s) => s,
            Err(e) => return send(Background::Failed(e.display())),
        };
        match refresh(&mut store, &urls, &opts, &mut |e| {
            send(Background::Event(e))
        }) {
            Ok(reports) => send(Background::Finished(reports)),
            Err(e) => send(Background::Failed(e.display())),
        }
    })
}
