//! The event loop's web jobs, each on a worker thread with its answer sent back as an
//! [`Action`]: a refresh of the subscriptions into the store, reading two versions of an
//! article, and the store's articles for reopening the library.

use super::action::Action;
use crate::engine::load::{Input, LoadOptions};
use std::path::PathBuf;
use std::sync::mpsc::Sender;

/// `R`: refreshes the subscriptions (else the known sources) into the store.
pub fn refresh(
    store: &Option<PathBuf>,
    urls_file: &Option<PathBuf>,
    opts: LoadOptions,
    tx: &Sender<Action>,
) {
    let Some(path) = store.clone() else {
        let _ = tx.send(Action::Refresh(crate::store::sync::Background::Failed(
            "no place for the store: set PARALLAX_STORE or give --store PATH".into(),
        )));
        return;
    };
    let tx = std::sync::Mutex::new(tx.clone());
    crate::store::sync::spawn(path, urls_file.clone(), Vec::new(), opts, move |b| {
        if let Ok(tx) = tx.lock() {
            let _ = tx.send(Action::Refresh(b));
        }
    });
}

/// `V`: the last two versions of `url`, read off the event loop (the store may be busy
/// with a fetch).
pub fn versions(store: &Option<PathBuf>, url: String, tx: &Sender<Action>) {
    let tx = tx.clone();
    let store = store.clone();
    std::thread::spawn(move || {
        let result = super::web::read_versions(store.as_deref(), &url);
        let _ = tx.send(Action::Versions { url, result });
    });
}

/// After a refresh: the store's newest articles, read on a worker and sent back to reopen
/// the library with.
pub fn reopen(store: &Option<PathBuf>, tx: &Sender<Action>) {
    let (Some(path), tx) = (store.clone(), tx.clone()) else {
        return;
    };
    std::thread::spawn(move || {
        let inputs: Vec<Input> = crate::store::stored_inputs(&path, crate::store::READER_LIMIT)
            .ok()
            .flatten()
            .unwrap_or_default();
        let _ = tx.send(Action::Reopen(inputs));
    });
}
