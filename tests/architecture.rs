//! The engine knows nothing of terminals: no file under src/engine mentions ratatui or
//! crossterm.

use std::path::Path;

fn visit(dir: &Path, bad: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, bad);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let src = std::fs::read_to_string(&path).unwrap();
            for word in ["ratatui::", "crossterm::", "use ratatui", "use crossterm"] {
                if src.contains(word) {
                    bad.push(format!("{} mentions {word}", path.display()));
                }
            }
        }
    }
}

#[test]
fn engine_has_no_terminal_code() {
    let mut bad = Vec::new();
    visit(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine"),
        &mut bad,
    );
    assert!(bad.is_empty(), "{bad:#?}");
}
