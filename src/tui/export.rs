//! `w`: the compare view or the story screen written as Markdown (the same reports as
//! `parallax compare --format markdown` and `parallax story`), to a new file in the current
//! directory — never over an existing one — and the status line says where.

use super::compare::CompareView;
use super::model::Model;
use super::story::StoryState;
use crate::engine::compare::render as compare_render;
use crate::engine::sanitize::neutralize;
use crate::engine::story as story_render;
use std::path::{Path, PathBuf};

/// How many numbered names (`name-2.md` …) are tried before giving up.
const TRIES: usize = 100;

/// A file name from report names: ASCII letters and digits, words joined by `-`, bounded.
pub fn slug(parts: &[&str]) -> String {
    let mut out = String::from("parallax");
    for p in parts {
        let words: Vec<String> = p
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        if !words.is_empty() {
            out.push('-');
            out.push_str(&words.join("-"));
        }
        out.truncate(80);
    }
    out.trim_end_matches('-').to_string()
}

/// The compare view as shown (sides in their displayed order), and a file name for it.
pub fn compare(view: &CompareView) -> Option<(String, String)> {
    let c = view.shown()?;
    let s = view.displayed();
    let text = compare_render::to_markdown(c, &s.left.article, &s.right.article);
    Some((slug(&["compare", &s.left.outlet, &s.right.outlet]), text))
}

/// The story screen's story, and a file name for it.
pub fn story(state: &StoryState, model: &Model) -> Option<(String, String)> {
    let (k, m, members) = state.story(model)?;
    let articles: Vec<crate::engine::Article> = members
        .iter()
        .filter_map(|&i| model.article(i).map(|a| (**a).clone()))
        .collect();
    let text = story_render::to_markdown(m, &articles);
    let label = model.stories.get(k).map_or("", |s| s.label.as_str());
    Some((slug(&["story", label]), text))
}

/// Writes `text` to a new file `dir/name.md` (else `name-2.md`, …); returns its path.
pub fn write_new(dir: &Path, name: &str, text: &str) -> std::io::Result<PathBuf> {
    use std::io::Write;
    let mut clean = text.to_string();
    neutralize(&mut clean);
    for k in 1..=TRIES {
        let file = if k == 1 {
            format!("{name}.md")
        } else {
            format!("{name}-{k}.md")
        };
        let path = dir.join(file);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(clean.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!("{name}.md and {TRIES} numbered names exist"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_and_files_never_overwritten() {
        assert_eq!(
            slug(&["compare", "The Times / Ünïcode", "AP"]),
            "parallax-compare-the-times-n-code-ap"
        );
        let dir = std::env::temp_dir().join(format!("parallax-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = write_new(&dir, "x", "# one\u{1b}[2J\n").unwrap();
        let b = write_new(&dir, "x", "# two\n").unwrap();
        assert!(a.ends_with("x.md") && b.ends_with("x-2.md"));
        let first = std::fs::read_to_string(&a).unwrap();
        assert!(first.starts_with("# one") && !first.contains('\u{1b}'));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
