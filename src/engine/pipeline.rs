//! The one pipeline every front end runs: inputs → articles → extraction → grouping → story
//! models. The reader's worker streams it as [`Event`]s ([`run`], stoppable by a [`Cancel`]);
//! the command line (`parallax stories`, `story`, `entities`) and the benches call the same
//! stages one by one ([`load`], [`analyse`], [`model`], [`one_story`]), so every front end
//! computes the same grouping, the same names and the same figures.
//!
//! ```text
//! inputs ─ load (parallel, input order) ─▶ articles (library order)
//!        ─ extract per article ─▶ group::group ─▶ stories        (what `parallax stories` lists)
//!        ─ extract_story per story ─▶ extractions                 (names canonical in a story)
//!        ─ story::build per story of 2+ ─▶ models                 (what `parallax story` prints
//!                                                                   for that story's files)
//! ```
//!
//! Grouping compares per-article extractions (names canonical within one report: what the
//! grouping model is built and measured on). Once grouped, each story's reports are extracted
//! again together, so a surname in one report resolves to the full name another report of
//! the *same* story gives, never one from an unrelated story; a report alone in its story
//! keeps its per-article extraction (the same thing). `parallax story` on one story's files,
//! in library order, therefore gives the model the reader shows for that story.

use crate::engine::Article;
use crate::engine::entities::index::EntityIndex;
use crate::engine::entities::{Extraction, extract, extract_story};
use crate::engine::fetch;
use crate::engine::group::{self, Story};
use crate::engine::load::{Input, LoadError, LoadOptions, Loaded, load_input};
use crate::engine::story::{self, StoryModel};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Stops a running pipeline between steps; what was sent stays valid.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// What [`run`] reports, in this order: loading (`Progress`, `Loaded`, `Failed` as inputs
/// finish, in any order), `LoadFinished`, then `Extracted` (per article), `Grouped`,
/// `Extracted` again (story-wide, replacing the first), `Entities`, one `Story` per story of
/// two or more reports (largest first as they finish), and `Finished` — unless cancelled,
/// when the stream stops after the step at hand (`LoadFinished` and `Finished` still come).
/// Positions ("library positions") are those of the articles ordered by input, then within
/// an input: where every article sits once loading has finished.
#[derive(Debug)]
pub enum Event {
    /// `done` of `total` inputs read; `current` names one still being read.
    Progress {
        done: usize,
        total: usize,
        current: String,
    },
    /// The articles of input `order` (command-line position).
    Loaded {
        order: usize,
        articles: Vec<Arc<Article>>,
    },
    /// An input, or a part of one, could not be read.
    Failed(LoadError),
    /// Where URL input `order` is: queued (sent for every URL at the start), each stage of
    /// its fetch, then done or failed — so a display can list every URL's state.
    Fetching {
        order: usize,
        url: String,
        state: FetchState,
    },
    /// Every input has been read (or loading was cancelled).
    LoadFinished,
    /// Entities and quotes of every article, by library position.
    Extracted(Vec<Arc<Extraction>>),
    /// The articles grouped into stories (members are library positions).
    Grouped(Vec<Story>),
    /// The entities of the library (article positions are library positions).
    Entities(EntityIndex),
    /// The model of the story of reports `members` is being built: `done` of `total` pairs
    /// of its reports aligned (sent as the share done grows by a percent or more).
    Building {
        members: Vec<usize>,
        done: usize,
        total: usize,
    },
    /// The model of the story of reports `members` (report r of the model is `members[r]`).
    Story {
        members: Vec<usize>,
        model: Arc<StoryModel>,
    },
    /// Nothing more follows.
    Finished,
}

/// A URL input's state ([`Event::Fetching`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchState {
    Queued,
    Stage(fetch::Stage),
    /// Read: this many articles.
    Done(usize),
    /// The reason (the message names the URL too, in [`Event::Failed`]).
    Failed(String),
}

/// Loads `inputs` in parallel; articles in input order, and every problem, in input order
/// too (the command line's path: its messages come out the same every run).
pub fn load(inputs: &[Input], opts: &LoadOptions) -> (Vec<Article>, Vec<LoadError>) {
    load_watched(inputs, opts, &|_, _| {})
}

/// Each input's result, in input order, read in parallel; `watch` hears each input start
/// (`false`) and end (`true`) — the command line's progress line. With URLs among the
/// inputs, the reading runs on the I/O threads, so several are fetched at once.
pub fn load_each(
    inputs: &[Input],
    opts: &LoadOptions,
    watch: &(dyn Fn(&Input, bool) + Sync),
) -> Vec<Result<Loaded, LoadError>> {
    let one = |i: &Input| {
        watch(i, false);
        let r = load_input(i, opts);
        watch(i, true);
        r
    };
    // One input is read where we are: starting the thread pool would cost a one-file
    // command more than the reading.
    let read = || {
        if inputs.len() <= 1 {
            inputs.iter().map(one).collect()
        } else {
            inputs.par_iter().map(one).collect()
        }
    };
    fetch::with_io_threads_if(fetch::any_url(inputs), read)
}

/// [`load`], with [`load_each`]'s `watch`.
pub fn load_watched(
    inputs: &[Input],
    opts: &LoadOptions,
    watch: &(dyn Fn(&Input, bool) + Sync),
) -> (Vec<Article>, Vec<LoadError>) {
    flatten(load_each(inputs, opts, watch))
}

/// [`load_each`]'s results as [`load_watched`] gives them: the articles, then the problems,
/// in input order.
pub fn flatten(results: Vec<Result<Loaded, LoadError>>) -> (Vec<Article>, Vec<LoadError>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(mut l) => {
                problems.append(&mut l.problems);
                articles.append(&mut l.articles);
            }
            Err(e) => problems.push(e),
        }
    }
    (articles, problems)
}

/// The grouping and the names of a library.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Stories, largest first (members are positions in the articles given).
    pub stories: Vec<Story>,
    /// Per article, names canonical across its story's reports.
    pub extractions: Vec<Extraction>,
}

/// Per-article extraction, then the grouping ([`group::group`]): what `parallax stories`
/// lists and the reader's library shows.
pub fn group(articles: &[Article]) -> (Vec<Extraction>, Vec<Story>) {
    let per_article: Vec<Extraction> = articles.par_iter().map(extract).collect();
    let stories = group::group(articles, &per_article);
    (per_article, stories)
}

/// Each story's reports extracted together (names canonical within the story); reports
/// alone in their story keep `per_article`.
pub fn extract_stories(
    articles: &[Article],
    mut per_article: Vec<Extraction>,
    stories: &[Story],
) -> Vec<Extraction> {
    let multi: Vec<&Story> = stories.iter().filter(|s| s.members.len() > 1).collect();
    let done: Vec<(&Story, Vec<Extraction>)> = multi
        .par_iter()
        .map(|s| (*s, extract_story(&members_of(articles, &s.members))))
        .collect();
    for (s, exs) in done {
        for (&m, ex) in s.members.iter().zip(exs) {
            if let Some(slot) = per_article.get_mut(m) {
                *slot = ex;
            }
        }
    }
    per_article
}

/// [`group`], then [`extract_stories`].
pub fn analyse(articles: &[Article]) -> Analysis {
    let (per_article, stories) = group(articles);
    let extractions = extract_stories(articles, per_article, &stories);
    Analysis {
        stories,
        extractions,
    }
}

/// The items at `members` as a slice (the engine's story functions take one): `all` itself
/// when the story is every report in order (a one-story folder or feed, where a copy would
/// double the memory held), else clones of the members.
fn members_of<'a, T: Clone>(all: &'a [T], members: &[usize]) -> Cow<'a, [T]> {
    if members.len() == all.len() && members.iter().enumerate().all(|(i, &m)| i == m) {
        return Cow::Borrowed(all);
    }
    Cow::Owned(
        members
            .iter()
            .filter_map(|&m| all.get(m).cloned())
            .collect(),
    )
}

/// The model of the story of reports `members` (positions in `articles`), with the
/// extractions [`analyse`] gave them.
pub fn model(articles: &[Article], extractions: &[Extraction], members: &[usize]) -> StoryModel {
    model_with(articles, extractions, members, &|_, _| {})
}

/// [`model`], telling `progress` (pairs aligned, pairs in all) as it goes.
pub fn model_with(
    articles: &[Article],
    extractions: &[Extraction],
    members: &[usize],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> StoryModel {
    let members: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| m < articles.len() && m < extractions.len())
        .collect();
    story::build_with(
        &members_of(articles, &members),
        &members_of(extractions, &members),
        progress,
    )
}

/// All of `articles` as one story (`parallax story`): extracted together, then modelled.
pub fn one_story(articles: &[Article]) -> (Vec<Extraction>, StoryModel) {
    one_story_by(articles, story::Method::for_reports(articles.len()))
}

/// [`one_story`] by the given method, whatever the story's size.
pub fn one_story_by(articles: &[Article], method: story::Method) -> (Vec<Extraction>, StoryModel) {
    let extractions = extract_story(articles);
    let model = story::build_by(articles, &extractions, method, &|_, _| {});
    (extractions, model)
}

/// Runs the whole pipeline on the calling thread, handing each [`Event`] to `send`.
pub fn run(inputs: &[Input], opts: &LoadOptions, cancel: &Cancel, send: &(dyn Fn(Event) + Sync)) {
    let batches = stream_load(inputs, opts, cancel, send);
    send(Event::LoadFinished);
    if !cancel.is_cancelled() {
        let articles: Vec<Article> = batches.into_iter().flat_map(|(_, a)| a).collect();
        analyse_and_model(&articles, cancel, send);
    }
    send(Event::Finished);
}

/// Runs [`run`] on a new thread; the returned [`Cancel`] stops it.
pub fn spawn(
    inputs: Vec<Input>,
    opts: LoadOptions,
    send: impl Fn(Event) + Send + Sync + 'static,
) -> Cancel {
    let cancel = Cancel::new();
    let flag = cancel.clone();
    std::thread::spawn(move || run(&inputs, &opts, &flag, &send));
    cancel
}

/// Loading, streamed: the inputs are read in parallel and each batch is sent as it arrives;
/// returns the batches in input order.
fn stream_load(
    inputs: &[Input],
    opts: &LoadOptions,
    cancel: &Cancel,
    send: &(dyn Fn(Event) + Sync),
) -> Vec<(usize, Vec<Article>)> {
    let total = inputs.len();
    let done = AtomicUsize::new(0);
    // Inputs being read now, by position: progress names one still pending.
    let reading: Mutex<BTreeMap<usize, String>> = Mutex::new(BTreeMap::new());
    let pending = || {
        reading
            .lock()
            .map(|r| r.values().next().cloned().unwrap_or_default())
            .unwrap_or_default()
    };
    send(Event::Progress {
        done: 0,
        total,
        current: inputs.first().map(Input::label).unwrap_or_default(),
    });
    let fetching = |order: usize, url: &str, state: FetchState| {
        send(Event::Fetching {
            order,
            url: url.to_string(),
            state,
        })
    };
    for (order, input) in inputs.iter().enumerate() {
        if let Input::Url(u) = input {
            fetching(order, u, FetchState::Queued);
        }
    }
    let read = || -> Vec<(usize, Vec<Article>)> {
        inputs
            .par_iter()
            .enumerate()
            .filter_map(|(order, input)| {
                if cancel.is_cancelled() {
                    return None;
                }
                if let Ok(mut r) = reading.lock() {
                    r.insert(order, input.label());
                }
                let result = match input {
                    Input::Url(u) => {
                        let stage = |s| fetching(order, u, FetchState::Stage(s));
                        let r = fetch::load_url(u, opts, &stage);
                        let state = match &r {
                            Ok(l) => FetchState::Done(l.articles.len()),
                            Err(e) => {
                                let msg = e.display();
                                let reason = msg
                                    .strip_prefix(u.as_str())
                                    .and_then(|m| m.strip_prefix(": "))
                                    .map_or(msg.clone(), str::to_string);
                                FetchState::Failed(reason)
                            }
                        };
                        fetching(order, u, state);
                        r
                    }
                    _ => load_input(input, opts),
                };
                if let Ok(mut r) = reading.lock() {
                    r.remove(&order);
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                let kept = match result {
                    Ok(l) => {
                        send(Event::Loaded {
                            order,
                            articles: l.articles.iter().cloned().map(Arc::new).collect(),
                        });
                        l.problems.into_iter().for_each(|p| send(Event::Failed(p)));
                        Some((order, l.articles))
                    }
                    Err(e) => {
                        send(Event::Failed(e));
                        None
                    }
                };
                send(Event::Progress {
                    done: n,
                    total,
                    current: pending(),
                });
                kept
            })
            .collect()
    };
    // URLs mostly wait on the network: several at once, on the I/O threads.
    let mut loaded = fetch::with_io_threads_if(fetch::any_url(inputs), read);
    loaded.sort_by_key(|(order, _)| *order);
    loaded
}

/// Everything after loading, for the articles in library order.
pub fn analyse_and_model(articles: &[Article], cancel: &Cancel, send: &(dyn Fn(Event) + Sync)) {
    if articles.is_empty() {
        return;
    }
    let shared = |exs: &[Extraction]| exs.iter().cloned().map(Arc::new).collect();
    let (per_article, stories) = group(articles);
    send(Event::Extracted(shared(&per_article)));
    send(Event::Grouped(stories.clone()));
    if cancel.is_cancelled() {
        return;
    }
    let extractions = extract_stories(articles, per_article, &stories);
    send(Event::Extracted(shared(&extractions)));
    send(Event::Entities(EntityIndex::build(
        &extractions.iter().collect::<Vec<_>>(),
    )));
    stories
        .par_iter()
        .filter(|s| s.members.len() > 1)
        .for_each(|s| {
            if !cancel.is_cancelled() {
                // Percent steps, so a big story sends about a hundred of these.
                let sent = AtomicUsize::new(0);
                let progress = |done: usize, total: usize| {
                    let step = done * 100 / total.max(1);
                    if sent.fetch_max(step + 1, Ordering::Relaxed) < step + 1 {
                        send(Event::Building {
                            members: s.members.clone(),
                            done,
                            total,
                        });
                    }
                };
                send(Event::Story {
                    members: s.members.clone(),
                    model: Arc::new(model_with(articles, &extractions, &s.members, &progress)),
                });
            }
        });
}

/// Every event of a run, in the order sent (tests and tools that want the whole stream).
pub fn collect(inputs: &[Input], opts: &LoadOptions) -> Vec<Event> {
    let events = Mutex::new(Vec::new());
    run(inputs, opts, &Cancel::new(), &|e| {
        if let Ok(mut v) = events.lock() {
            v.push(e);
        }
    });
    events.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load::seed_inputs;

    #[test]
    fn a_story_of_every_report_borrows_them_and_a_part_is_copied() {
        let all = vec![10, 11, 12, 13];
        assert!(matches!(members_of(&all, &[0, 1, 2, 3]), Cow::Borrowed(_)));
        let part = members_of(&all, &[1, 3]);
        assert!(matches!(part, Cow::Owned(_)));
        assert_eq!(&*part, &[11, 13]);
        // Every report but out of order, and a member out of range, are copies.
        assert_eq!(&*members_of(&all, &[3, 2, 1, 0]), &[13, 12, 11, 10]);
        assert_eq!(&*members_of(&all, &[0, 9]), &[10]);
    }

    #[test]
    fn the_stream_is_in_order_and_a_cancel_stops_it() {
        let events = collect(&seed_inputs(), &LoadOptions::default());
        let names: Vec<&str> = events
            .iter()
            .map(|e| match e {
                Event::Progress { .. } => "progress",
                Event::Loaded { .. } => "loaded",
                Event::Failed(_) => "failed",
                Event::Fetching { .. } => "fetching",
                Event::LoadFinished => "load finished",
                Event::Extracted(_) => "extracted",
                Event::Grouped(_) => "grouped",
                Event::Entities(_) => "entities",
                Event::Building { .. } => "building",
                Event::Story { .. } => "story",
                Event::Finished => "finished",
            })
            .filter(|n| !matches!(*n, "progress" | "loaded" | "building"))
            .collect();
        assert_eq!(
            names,
            [
                "load finished",
                "extracted",
                "grouped",
                "extracted",
                "entities",
                "story",
                "finished"
            ]
        );
        let cancel = Cancel::new();
        cancel.cancel();
        let n = AtomicUsize::new(0);
        run(&seed_inputs(), &LoadOptions::default(), &cancel, &|e| {
            assert!(matches!(
                e,
                Event::Progress { .. } | Event::LoadFinished | Event::Finished
            ));
            n.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(n.into_inner(), 3);
    }

    #[test]
    fn a_story_reports_its_progress_before_its_model() {
        let events = collect(&seed_inputs(), &LoadOptions::default());
        let story = events
            .iter()
            .position(|e| matches!(e, Event::Story { .. }))
            .expect("the seeds make a story");
        let building: Vec<(usize, usize, usize)> = events
            .iter()
            .enumerate()
            .filter_map(|(k, e)| match e {
                Event::Building { done, total, .. } => Some((k, *done, *total)),
                _ => None,
            })
            .collect();
        assert!(!building.is_empty(), "no progress");
        assert!(
            building
                .iter()
                .all(|&(k, done, total)| k < story && done <= total && total == 10)
        );
        assert!(building.iter().any(|&(_, done, total)| done == total));
    }
}
