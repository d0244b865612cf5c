//! One pipeline, one answer: the reader (the App fed by the loading pipeline's events),
//! `parallax stories`, `parallax story` and `parallax entities` give the same grouping, the
//! same names and the same story figures on the seeds, the fixtures and `../shared/corpus`.
//! (They did not: the command line grouped with per-article names while the reader grouped
//! with names canonical across the whole library, and they split the corpus differently.)

mod common;

use parallax::engine::Article;
use parallax::engine::article::Source;
use parallax::engine::load::expand;
use parallax::engine::{entities, pipeline, story};
use parallax::tui::app::App;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::{Depth, Theme};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary; its stdout as JSON.
fn cli_json(args: &[&str], paths: &[PathBuf]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .current_dir(root())
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The file an article was read from, when it is the only article of that file.
fn own_file(a: &Article, counts: &BTreeMap<String, usize>) -> Option<PathBuf> {
    match &a.source {
        Source::File(p) if counts.get(&a.source.label()) == Some(&1) => Some(p.clone()),
        _ => None,
    }
}

fn check(paths: &[PathBuf]) {
    let (inputs, _) = expand(paths);
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    common::feed(&mut app, common::events(&inputs));
    assert!(app.model.load.finished && !app.model.building);
    let n = app.model.len();
    let what = format!(
        "{paths:?}: {n} articles, {} stories",
        app.model.stories.len()
    );

    // Grouping: the same stories, labels and members, in the same order.
    let listed = cli_json(&["stories", "--json"], paths);
    let cli: Vec<(String, Vec<String>)> = listed["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let members = s["articles"].as_array().unwrap();
            let paths = members.iter().map(|a| a["path"].to_string()).collect();
            (s["label"].as_str().unwrap().to_string(), paths)
        })
        .collect();
    let reader: Vec<(String, Vec<String>)> = app
        .model
        .stories
        .iter()
        .map(|s| {
            let paths = s
                .members
                .iter()
                .map(|&m| Value::from(app.model.reports[m].article.source.label()).to_string())
                .collect();
            (s.label.clone(), paths)
        })
        .collect();
    assert_eq!(reader, cli, "{what}");

    // Names: `parallax entities` extracts as the reader does.
    let ents = cli_json(&["entities", "--json"], paths);
    let reader_ents: Vec<Value> = app
        .model
        .reports
        .iter()
        .map(|r| entities::to_json(&r.article, &r.extraction))
        .collect();
    assert_eq!(ents, Value::Array(reader_ents), "{what}");

    // Figures: each story's model is what `parallax story` gives for its files, in library
    // order (in process, through the command line's own stage, when a report shares its
    // file with others: a feed's entries cannot be named one by one).
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for a in app.model.reports.iter().map(|r| &r.article) {
        *counts.entry(a.source.label()).or_default() += 1;
    }
    let mut by_binary = 0;
    for s in app.model.stories.iter().filter(|s| s.members.len() > 1) {
        let model = s.model.as_ref().expect("every story of 2+ has its model");
        let arts: Vec<Article> = s
            .members
            .iter()
            .map(|&m| (*app.model.reports[m].article).clone())
            .collect();
        let shown = story::to_json(model, &arts);
        let files: Option<Vec<PathBuf>> = arts.iter().map(|a| own_file(a, &counts)).collect();
        let printed = match files {
            Some(files) => {
                by_binary += 1;
                cli_json(&["story", "--json"], &files)
            }
            None => {
                let (_, m) = pipeline::one_story(&arts);
                story::to_json(&m, &arts)
            }
        };
        assert_eq!(shown, printed, "{what}: story {:?}", s.label);
    }
    println!("{what}: {by_binary} stories checked through the binary");
}

#[test]
fn seeds_and_fixtures() {
    check(&[root().join("seeds")]);
    check(&[root().join("tests/fixtures/stories")]);
}

#[test]
fn shared_corpus() {
    // `../shared` beside the checkout (CI), or two levels up (a worktree under /work/wt).
    let found = ["../shared/corpus", "../../shared/corpus"]
        .iter()
        .map(|p| root().join(p))
        .find(|p| p.is_dir());
    match found {
        Some(dir) => check(&[dir]),
        None => println!("skipped: ../shared/corpus not found"),
    }
}
