//! Loading off the UI thread: inputs are read in parallel (rayon) on a worker, and articles,
//! failures and progress stream back to the event loop as [`Action`]s as they arrive. Each
//! batch carries its input's position so the library keeps command-line order. `Esc` cancels;
//! what loaded stays. Entity extraction runs after loading, so it never delays the library.

use super::action::Action;
use crate::engine::Article;
use crate::engine::entities::extract;
use crate::engine::load::{Input, LoadOptions, load_input};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;

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
                let result = load_input(input, &opts);
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
                    current: input.label(),
                });
                kept
            })
            .collect();
        let _ = tx.send(Action::LoadFinished);
        // Phase 2: entities and quotes for highlighting, arriving as they are ready.
        loaded.par_iter().for_each(|(order, articles)| {
            if flag.load(Ordering::Relaxed) {
                return;
            }
            let extractions = articles.iter().map(extract).collect();
            let _ = tx.send(Action::Extracted {
                order: *order,
                extractions,
            });
        });
    });
    LoadHandle { cancel }
}
