//! Loading off the UI thread: a worker reads the inputs one by one and streams articles,
//! failures and progress back to the event loop as [`Action`]s. `Esc` cancels; what loaded
//! stays.

use super::action::Action;
use crate::engine::load::{Input, LoadOptions, load_input};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
        for (done, input) in inputs.iter().enumerate() {
            if flag.load(Ordering::Relaxed) {
                break;
            }
            let progress = Action::Progress {
                done,
                total,
                current: input.label(),
            };
            if tx.send(progress).is_err() {
                return;
            }
            let action = match load_input(input, &opts) {
                Ok(articles) => Action::Loaded(articles),
                Err(e) => Action::LoadFailed(e),
            };
            if tx.send(action).is_err() {
                return;
            }
        }
        let _ = tx.send(Action::Progress {
            done: total,
            total,
            current: String::new(),
        });
        let _ = tx.send(Action::LoadFinished);
    });
    LoadHandle { cancel }
}
