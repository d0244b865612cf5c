//! What the reader (and `--dump`) opens: the paths and URLs given; with `--offline`, the
//! articles kept in the store (or the stored copies of the URLs given); with nothing at all,
//! the stored articles, else the subscriptions, else the built-in seeds — so a first run
//! with no store and no urls file is what it always was.

use super::args::ReadArgs;
use crate::engine::fetch::{self, subscriptions};
use crate::engine::load::{self, Input, LoadError};
use crate::engine::saved;
use crate::store::Store;
use std::path::Path;

type Found = (Vec<Input>, Vec<LoadError>);

/// The inputs for the reader's arguments; `Err` is a message for a request that cannot be
/// met at all (reading offline with an empty store).
pub(crate) fn inputs(args: &ReadArgs, store: Option<&Path>) -> Result<Found, String> {
    if args.offline {
        return offline(&args.paths, store);
    }
    if !args.paths.is_empty() {
        return Ok(load::expand(&args.paths));
    }
    if let Some(found) = stored(store)? {
        return Ok(found);
    }
    let env = |k: &str| std::env::var(k).ok();
    if let Some(path) = subscriptions::default_path(&env) {
        let subs = subscriptions::read(&path)?;
        let label = crate::engine::sanitize::shown_path(path);
        let problems: Vec<LoadError> = subs
            .problems
            .into_iter()
            .map(|(line, reason)| LoadError::Parse {
                path: format!("{label}:{line}"),
                reason,
            })
            .collect();
        if !subs.subs.is_empty() {
            let inputs = subs.subs.into_iter().map(|s| Input::Url(s.url)).collect();
            return Ok((inputs, problems));
        }
    }
    Ok((load::seed_inputs(), Vec::new()))
}

/// The newest stored articles, if the store has any.
fn stored(store: Option<&Path>) -> Result<Option<Found>, String> {
    let Some(path) = store else { return Ok(None) };
    let Some(store) = Store::open_existing(path).map_err(|e| e.display())? else {
        return Ok(None);
    };
    let latest = store
        .latest(crate::store::READER_LIMIT)
        .map_err(|e| e.display())?;
    if latest.is_empty() {
        return Ok(None);
    }
    Ok(Some((
        latest.into_iter().map(saved::input).collect(),
        Vec::new(),
    )))
}

/// `--offline`: the stored articles, or for each URL given its stored copy (files given are
/// read as usual: they are local).
fn offline(paths: &[std::path::PathBuf], store: Option<&Path>) -> Result<Found, String> {
    let where_ = store.map_or_else(
        || "(no location: set PARALLAX_STORE or --store)".to_string(),
        crate::engine::sanitize::shown_path,
    );
    let empty = || {
        format!(
            "the store {where_} is empty: nothing to read offline (fetch first: parallax fetch URL)"
        )
    };
    if paths.is_empty() {
        return stored(store)?.ok_or_else(empty);
    }
    let (given, mut problems) = load::expand(paths);
    let opened = match store {
        Some(p) => Store::open_existing(p).map_err(|e| e.display())?,
        None => None,
    };
    let mut inputs = Vec::new();
    for input in given {
        let Input::Url(url) = &input else {
            inputs.push(input);
            continue;
        };
        let copies = match &opened {
            Some(s) => s.latest_for(url).map_err(|e| e.display())?,
            None => Vec::new(),
        };
        if copies.is_empty() {
            problems.push(LoadError::Fetch(fetch::FetchError::Network {
                url: url.clone(),
                reason: format!("not in the store {where_} (offline: not fetched)"),
            }));
        }
        inputs.extend(copies.into_iter().map(saved::input));
    }
    Ok((inputs, problems))
}
