//! The README's key table lists every action of the keymap: for each action bound in
//! `assets/keymap.toml`, one of its keys appears in the table (as the help writes it, in
//! backticks), on a row that describes it. The `?` help is generated from the keymap, so it
//! cannot miss one; this keeps the README from drifting.

use parallax::tui::action::Command;
use parallax::tui::keymap::Keymap;
use std::collections::BTreeMap;

/// The rows of the table under `## Keys`.
fn key_table() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme.find("\n## Keys").expect("a Keys section");
    let rest = &readme[start + 1..];
    let end = rest[1..].find("\n## ").map_or(rest.len(), |e| e + 1);
    rest[..end]
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("| ---"))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_keymap_action_is_in_the_readme_key_table() {
    let rows = key_table();
    assert!(rows.len() > 10, "{rows:?}");
    let keymap = Keymap::default_map();
    let mut keys: BTreeMap<Command, Vec<String>> = BTreeMap::new();
    for table in keymap.modes.values() {
        for (k, c) in table {
            keys.entry(*c).or_default().push(k.label());
        }
    }
    let mut missing = Vec::new();
    for (c, labels) in &keys {
        let found = rows.iter().any(|row| {
            // The keys column: what is before the second `|`.
            let keys_col = row.split('|').nth(1).unwrap_or("");
            labels.iter().any(|l| keys_col.contains(&format!("`{l}`")))
        });
        if !found {
            let name = Command::ALL
                .iter()
                .find(|(x, _, _)| x == c)
                .map_or("?", |(_, n, _)| n);
            missing.push(format!("{name} ({})", labels.join(" ")));
        }
    }
    assert!(
        missing.is_empty(),
        "not in the README's key table: {missing:?}"
    );
}
