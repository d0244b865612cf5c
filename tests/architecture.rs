//! The boundaries of docs/architecture.md, checked by reading the sources (comments left
//! out, so a doc line naming a module is no violation):
//! - the engine names neither the reader, the command line, the store nor a terminal crate;
//! - only `tui/ui.rs` and `tui/widgets/` use the widgets, and they never change the app;
//! - `tui/geometry.rs` is bottom-level: it names no other part of the reader;
//! - the command line reaches the reader only through `tui::{run, Options, theme, terminal}`,
//!   and the benches and examples not at all: loading, grouping and models go through
//!   `engine::pipeline`;
//! - no source file is over 600 lines (three engine files owned by other work are allowed
//!   800 while they are split).

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, relative to the crate root.
fn sources(dir: &str) -> Vec<PathBuf> {
    fn visit(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    visit(&root().join(dir), &mut out);
    out.sort();
    out.into_iter()
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect()
}

/// The file's code: line comments (`//`, `///`, `//!`) removed.
fn code(path: &Path) -> String {
    std::fs::read_to_string(root().join(path))
        .unwrap()
        .lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string ("https://") is kept; comments start a line or follow code.
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `(file, word)` for each of `words` found in the code of `files`.
fn uses(files: &[PathBuf], words: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    for f in files {
        let src = code(f);
        for w in words {
            if src.contains(w) {
                bad.push(format!("{} uses {w}", f.display()));
            }
        }
    }
    bad
}

#[test]
fn the_engine_knows_no_front_end() {
    let bad = uses(
        &sources("src/engine"),
        &[
            "ratatui",
            "crossterm",
            "crate::tui",
            "crate::cli",
            "crate::store",
        ],
    );
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn only_the_renderer_uses_widgets_and_it_only_reads() {
    let tui = sources("src/tui");
    let is_render = |p: &PathBuf| p.ends_with("tui/ui.rs") || p.starts_with("src/tui/widgets");
    let state: Vec<PathBuf> = tui.iter().filter(|p| !is_render(p)).cloned().collect();
    let mut bad = uses(&state, &["widgets::", "ratatui::widgets", "Frame"]);
    let render: Vec<PathBuf> = tui.iter().filter(|p| is_render(p)).cloned().collect();
    bad.extend(uses(&render, &["&mut App", "&mut self.app"]));
    let geometry = code(Path::new("src/tui/geometry.rs")).replace("use super::*;", "");
    for w in ["super::", "crate::tui", "crate::engine"] {
        if geometry.contains(w) {
            bad.push(format!("src/tui/geometry.rs uses {w}"));
        }
    }
    // Outside the renderer, not even a comment names a widget path: a reader of the state
    // code (or a grep over it, as `../shared/checks/architecture` does) sees no widget.
    for f in &state {
        if std::fs::read_to_string(root().join(f))
            .unwrap()
            .contains("widgets::")
        {
            bad.push(format!("{} names widgets:: in a comment", f.display()));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
    // The check can fail: a widget path in a state file is found.
    assert!(!uses(&[PathBuf::from("src/tui/ui.rs")], &["widgets::"]).is_empty());
}

#[test]
fn front_ends_share_the_pipeline() {
    // The command line: the reader's entry points only.
    let mut bad = Vec::new();
    for f in sources("src/cli").iter().chain(&sources("src/main.rs")) {
        let src = code(f);
        for (at, _) in src.match_indices("crate::tui::") {
            let rest = &src[at + "crate::tui::".len()..];
            let ok = ["run(", "Options", "theme::", "terminal::"]
                .iter()
                .any(|p| rest.starts_with(p));
            if !ok {
                let line: String = rest.chars().take_while(|&c| c != '\n').collect();
                bad.push(format!("{}: crate::tui::{line}", f.display()));
            }
        }
    }
    // Benches and examples: the engine only, except the reader's own benchmark (it times
    // keys through the reader's public App, keymap and widgets, as its tests do).
    let mut tools: Vec<PathBuf> = sources("benches")
        .into_iter()
        .filter(|f| !f.ends_with("benches/reader_keys.rs"))
        .collect();
    tools.extend(sources("examples"));
    bad.extend(uses(&tools, &["parallax::tui", "parallax::cli"]));
    assert!(bad.is_empty(), "{bad:#?}");
}

/// Engine files other work owns and is to split (see the board): allowed up to 800 lines
/// meanwhile. Remove an entry once its file is split.
const SPLITTING: &[(&str, usize)] = &[];

#[test]
fn no_source_file_is_over_600_lines() {
    let mut bad = Vec::new();
    for f in sources("src") {
        let n = std::fs::read_to_string(root().join(&f))
            .unwrap()
            .lines()
            .count();
        let name = f.to_string_lossy().replace('\\', "/");
        let limit = SPLITTING
            .iter()
            .find(|(p, _)| *p == name)
            .map_or(600, |(_, n)| *n);
        if n > limit {
            bad.push(format!("{name}: {n} lines (limit {limit})"));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
