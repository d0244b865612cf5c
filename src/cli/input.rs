//! Turning the command line's paths into inputs and articles, problems reported on stderr.

use super::output::warn;
use super::progress::StderrProgress;
use crate::engine::Article;
use crate::engine::load::{self, Input, LoadError, LoadOptions, Loaded};
use crate::engine::pipeline;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The inputs for the command line's paths (the seeds when there are none).
pub fn inputs_for(paths: &[PathBuf]) -> (Vec<Input>, Vec<LoadError>) {
    if paths.is_empty() {
        (load::seed_inputs(), Vec::new())
    } else {
        load::expand(paths)
    }
}

/// A progress line for the URLs among `inputs` (on a terminal's stderr), as a watch for
/// [`pipeline::load_each`].
fn url_progress(inputs: &[Input]) -> StderrProgress {
    StderrProgress::new(inputs.iter().filter(|i| matches!(i, Input::Url(_))).count())
}

fn watch(progress: &StderrProgress) -> impl Fn(&Input, bool) + Sync + '_ {
    move |input, done| {
        if let Input::Url(u) = input {
            if done {
                progress.tick();
            } else {
                progress.show("fetching", u);
            }
        }
    }
}

/// Reads every input in parallel, results in input order (URLs several at once, with a
/// progress line).
pub(crate) fn load_inputs(inputs: &[Input], opts: &LoadOptions) -> Vec<Result<Loaded, LoadError>> {
    let progress = url_progress(inputs);
    pipeline::load_each(inputs, opts, &watch(&progress))
}

/// Loads everything in input order (in parallel), reporting problems on stderr.
pub(crate) fn load_for_script(paths: &[PathBuf], opts: &LoadOptions) -> Vec<Article> {
    let (inputs, problems) = inputs_for(paths);
    for p in &problems {
        warn(&p.display());
    }
    hint_if_typing(&inputs);
    let progress = url_progress(&inputs);
    let (articles, problems) = pipeline::load_watched(&inputs, opts, &watch(&progress));
    drop(progress);
    for p in &problems {
        warn(&p.display());
    }
    articles
}

/// Loads one report for `compare`: the first article of `path` (a feed's first entry).
pub(crate) fn load_one(path: &std::path::Path, opts: &LoadOptions) -> Result<Article, ()> {
    let articles = load_for_script(std::slice::from_ref(&path.to_path_buf()), opts);
    first_of(path, articles)
}

/// [`load_one`] of both sides of `compare`, read at once when both are local files (the
/// two reports are independent work); stderr says the same, in the same order, as two
/// calls of [`load_one`] one after the other.
pub(crate) fn load_two(
    a: &std::path::Path,
    b: &std::path::Path,
    opts: &LoadOptions,
) -> (Result<Article, ()>, Result<Article, ()>) {
    let (ia, pa) = inputs_for(std::slice::from_ref(&a.to_path_buf()));
    let (ib, pb) = inputs_for(std::slice::from_ref(&b.to_path_buf()));
    let local = |i: &Input| !matches!(i, Input::Url(_) | Input::Stdin);
    if !(ia.iter().all(local) && ib.iter().all(local)) {
        return (load_one(a, opts), load_one(b, opts));
    }
    let all: Vec<Input> = ia.iter().chain(&ib).cloned().collect();
    let mut results = pipeline::load_each(&all, opts, &|_, _| {});
    let rb = results.split_off(ia.len());
    let side = |path: &std::path::Path, problems: Vec<LoadError>, results| {
        for p in &problems {
            warn(&p.display());
        }
        let (articles, problems) = pipeline::flatten(results);
        for p in &problems {
            warn(&p.display());
        }
        first_of(path, articles)
    };
    let ra = side(a, pa, results);
    (ra, side(b, pb, rb))
}

/// The first of the articles read from `path`, saying so when there were more or none.
fn first_of(path: &std::path::Path, articles: Vec<Article>) -> Result<Article, ()> {
    let n = articles.len();
    match articles.into_iter().next() {
        Some(a) => {
            if n > 1 {
                warn(&format!(
                    "{}: {n} articles; comparing the first",
                    crate::engine::sanitize::shown_path(path)
                ));
            }
            Ok(a)
        }
        None => {
            warn(&format!(
                "{}: no article to compare",
                crate::engine::sanitize::shown_path(path)
            ));
            Err(())
        }
    }
}

/// Says how to end typed input when `-` is read from a terminal (as `cat -` would wait).
pub(crate) fn hint_if_typing(inputs: &[Input]) {
    if inputs.contains(&Input::Stdin) && std::io::stdin().is_terminal() {
        warn("reading standard input from the terminal; end it with Ctrl-D");
    }
}
