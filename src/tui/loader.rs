//! Loading off the UI thread: inputs are read in parallel (rayon) on a worker, and articles,
//! failures and progress stream back to the event loop as [`Action`]s as they arrive. Each
//! batch carries its input's position so the library keeps command-line order. `Esc` cancels;
//! what loaded stays. Entity extraction runs after loading, so it never delays the library:
//! over the whole story at once ([`story_actions`]), so canonical names are story-wide, and
//! the entities pane's index is built here too, off the UI thread.

use super::action::Action;
use crate::engine::Article;
use crate::engine::entities::index::EntityIndex;
use crate::engine::entities::{Extraction, extract_story};
use crate::engine::load::{Input, LoadOptions, load_input};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

pub struct LoadHandle {
    cancel: Arc<AtomicBool>,
}

impl LoadHandle {
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Starts loading `inputs` on a worker thread.
pub fn spawn(inputs: Vec<Input>, opts: LoadOptions, tx: Sender<Action>) -> LoadHandle {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    std::thread::spawn(move || {
        let total = inputs.len();
        let done = AtomicUsize::new(0);
        // Inputs being read now, by position: the status line names one still pending.
        let reading: Mutex<BTreeMap<usize, String>> = Mutex::new(BTreeMap::new());
        let pending = |reading: &Mutex<BTreeMap<usize, String>>| {
            reading
                .lock()
                .map(|r| r.values().next().cloned().unwrap_or_default())
                .unwrap_or_default()
        };
        let _ = tx.send(Action::Progress {
            done: 0,
            total,
            current: inputs.first().map(Input::label).unwrap_or_default(),
        });
        // Phase 1: load, so the library fills as fast as files can be read.
        let loaded: Vec<(usize, Vec<Article>)> = inputs
            .par_iter()
            .enumerate()
            .filter_map(|(order, input)| {
                if flag.load(Ordering::Relaxed) {
                    return None;
                }
                if let Ok(mut r) = reading.lock() {
                    r.insert(order, input.label());
                }
                let result = load_input(input, &opts);
                if let Ok(mut r) = reading.lock() {
                    r.remove(&order);
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                let kept = match result {
                    Ok(loaded) => {
                        let _ = tx.send(Action::Loaded {
                            order,
                            articles: loaded.articles.clone(),
                        });
                        for p in loaded.problems {
                            let _ = tx.send(Action::LoadFailed(p));
                        }
                        Some((order, loaded.articles))
                    }
                    Err(e) => {
                        let _ = tx.send(Action::LoadFailed(e));
                        None
                    }
                };
                let _ = tx.send(Action::Progress {
                    done: n,
                    total,
                    current: pending(&reading),
                });
                kept
            })
            .collect();
        let _ = tx.send(Action::LoadFinished);
        // Phase 2: entities and quotes, canonical names across every loaded article.
        if flag.load(Ordering::Relaxed) {
            return;
        }
        let mut sorted = loaded;
        sorted.sort_by_key(|(order, _)| *order);
        let articles: Vec<Article> = sorted.iter().flat_map(|(_, a)| a.clone()).collect();
        let actions = story_actions(sorted);
        let extractions: Vec<Extraction> = actions
            .iter()
            .filter_map(|a| match a {
                Action::Extracted { extractions, .. } => Some(extractions.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        for action in actions {
            let _ = tx.send(action);
        }
        // Phase 3: group the reports into stories, then a story model (all pairwise
        // comparisons) per story of two or more reports, largest first, still off the UI
        // thread.
        if flag.load(Ordering::Relaxed) || articles.is_empty() {
            return;
        }
        story_phase(&articles, &extractions, |action| {
            let _ = tx.send(action);
            !flag.load(Ordering::Relaxed)
        });
    });
    LoadHandle { cancel }
}

/// The story phase of loading: groups the articles (library order, with their story-wide
/// extractions) into stories and hands `send` the grouping, then a model per story of two or
/// more reports, built in parallel and sent as each is done; `send` returns false to stop
/// (the user cancelled).
pub fn story_phase(
    articles: &[Article],
    extractions: &[Extraction],
    send: impl Fn(Action) -> bool + Sync,
) {
    let stories = crate::engine::group::group(articles, extractions);
    let grouping = stories
        .iter()
        .map(|s| (s.members.clone(), s.label.clone()))
        .collect();
    if !send(Action::Stories(grouping)) || !send(Action::StoryBuilding) {
        return;
    }
    let go_on = AtomicBool::new(true);
    stories
        .par_iter()
        .filter(|s| s.members.len() > 1)
        .for_each(|s| {
            if go_on.load(Ordering::Relaxed)
                && !send(story_action_of(articles, extractions, &s.members))
            {
                go_on.store(false, Ordering::Relaxed);
            }
        });
}

/// The story model of all the loaded articles (library order) and their story-wide
/// extractions, as one story.
pub fn story_action(articles: &[Article], extractions: &[Extraction]) -> Action {
    let all: Vec<usize> = (0..articles.len().min(extractions.len())).collect();
    story_action_of(articles, extractions, &all)
}

/// The story model of the reports `members` (library positions) of the loaded articles.
pub fn story_action_of(
    articles: &[Article],
    extractions: &[Extraction],
    members: &[usize],
) -> Action {
    let members: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| i < articles.len() && i < extractions.len())
        .collect();
    let arts: Vec<Article> = members.iter().map(|&i| articles[i].clone()).collect();
    let exs: Vec<Extraction> = members.iter().map(|&i| extractions[i].clone()).collect();
    Action::Story {
        members,
        model: Arc::new(crate::engine::story::build(&arts, &exs)),
    }
}

/// Story-wide extraction of what loaded (input position, its articles): one
/// [`Action::Extracted`] per input, then the [`Action::Entities`] index, whose article
/// positions are the library's (inputs in command-line order).
pub fn story_actions(mut loaded: Vec<(usize, Vec<Article>)>) -> Vec<Action> {
    loaded.sort_by_key(|(order, _)| *order);
    let batches: Vec<(usize, usize)> = loaded.iter().map(|(o, a)| (*o, a.len())).collect();
    let all: Vec<Article> = loaded.into_iter().flat_map(|(_, a)| a).collect();
    let extractions = extract_story(&all);
    let index = EntityIndex::build(&extractions.iter().collect::<Vec<_>>());
    let mut rest = extractions.into_iter();
    let mut out: Vec<Action> = batches
        .into_iter()
        .map(|(order, n)| Action::Extracted {
            order,
            extractions: rest.by_ref().take(n).collect(),
        })
        .collect();
    out.push(Action::Entities(index));
    out
}
