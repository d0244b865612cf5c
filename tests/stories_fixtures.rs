//! The other-story fixtures in `tests/fixtures/stories/` stay valid ground truth: every story
//! has 3–4 reports of 250–600 words, and every hand-labelled sentence in an `alignment.json`
//! is exactly one sentence of `segment::sentences`, so other tests can map labels to indices.

use parallax::engine::Article;
use parallax::engine::load::{Input, LoadOptions, load_input};
use parallax::engine::segment::sentences;
use std::path::{Path, PathBuf};

fn stories_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories")
}

fn load(path: &Path) -> Article {
    let mut loaded = load_input(&Input::File(path.to_path_buf()), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.display()));
    assert_eq!(loaded.articles.len(), 1, "{}", path.display());
    loaded.articles.remove(0)
}

fn sentence_texts(a: &Article) -> Vec<String> {
    sentences(a)
        .iter()
        .map(|s| a.slice(s.span).to_string())
        .collect()
}

fn story_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(stories_dir())
        .expect("fixtures/stories exists")
        .map(|e| e.expect("dir entry").path())
        // `labels/` holds fact tags and discrepancy labels, not a story.
        .filter(|p| p.is_dir() && !p.ends_with("labels"))
        .collect();
    dirs.sort();
    dirs
}

fn reports(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("story dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_story_has_three_or_four_reports_of_the_right_length() {
    let dirs = story_dirs();
    assert!(dirs.len() >= 4, "at least four stories, got {}", dirs.len());
    for dir in dirs {
        let files = reports(&dir);
        assert!(
            (3..=4).contains(&files.len()),
            "{}: {} reports",
            dir.display(),
            files.len()
        );
        for f in files {
            let a = load(&f);
            assert!(!a.title_derived, "{}: headline recognised", f.display());
            let words = a.word_count();
            assert!(
                (250..=600).contains(&words),
                "{}: {words} words",
                f.display()
            );
        }
    }
}

#[test]
fn alignment_labels_are_sentences_of_the_split() {
    let mut checked = 0;
    for dir in story_dirs() {
        let path = dir.join("alignment.json");
        if !path.exists() {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("readable"))
                .expect("valid JSON");
        let file = |key: &str| {
            let name = json[key].as_str().expect("file name");
            sentence_texts(&load(&dir.join(name)))
        };
        let (a, b) = (file("a"), file("b"));
        let pairs = json["pairs"].as_array().expect("pairs");
        assert!(!pairs.is_empty(), "{}: no pairs", path.display());
        for p in pairs {
            for (side, sents) in [("a", &a), ("b", &b)] {
                let text = p[side].as_str().expect("sentence text");
                let n = sents.iter().filter(|s| s.as_str() == text).count();
                assert_eq!(n, 1, "{}: {side} sentence {text:?}", path.display());
            }
            let label = p["label"].as_str().expect("label");
            assert!(label == "same" || label == "partial", "{label}");
            checked += 1;
        }
    }
    assert!(checked >= 20, "labelled pairs checked: {checked}");
}

/// `cargo test --test stories_fixtures -- --ignored --nocapture print_sentences` lists each
/// report's sentences with indices, for labelling.
#[test]
#[ignore]
fn print_sentences() {
    for dir in story_dirs() {
        for f in reports(&dir) {
            println!("== {}", f.display());
            for (i, s) in sentence_texts(&load(&f)).iter().enumerate() {
                println!("{i:3} {s}");
            }
        }
    }
}
