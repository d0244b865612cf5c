//! Loading off the UI thread: inputs are read in parallel (rayon) on a worker, and articles,
//! failures and progress stream back to the event loop as [`Action`]s as they arrive. Each
//! batch carries its input's position so the library keeps command-line order. `Esc` cancels;
//! what loaded stays.

use super::action::Action;
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
        inputs
            .par_iter()
            .enumerate()
            .for_each_with(tx.clone(), |tx, (order, input)| {
                if flag.load(Ordering::Relaxed) {
                    return;
                }
                match load_input(input, &opts) {
                    Ok(loaded) => {
                        let extractions = loaded.articles.iter().map(extract).collect();
                        let _ = tx.send(Action::Loaded {
                            order,
                            articles: loaded.articles,
                            extractions,
                        });
                        for p in loaded.problems {
                            let _ = tx.send(Action::LoadFailed(p));
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Action::LoadFailed(e));
                    }
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                let _ = tx.send(Action::Progress {
                    done: n,
                    total,
                    current: input.label(),
                });
            });
        let _ = tx.send(Action::LoadFinished);
    });
    LoadHandle { cancel }
}
