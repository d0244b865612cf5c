//! `parallax compare A B`.

use super::args::CompareFormat;
use super::input::load_two;
use super::output::{warn, write_json_pieces, write_stdout};
use crate::engine::load::LoadOptions;
use std::io::IsTerminal;
use std::process::ExitCode;

/// `parallax compare A B`.
pub(crate) fn run(
    a: &std::path::Path,
    b: &std::path::Path,
    format: CompareFormat,
    width: Option<u16>,
    opts: &LoadOptions,
) -> ExitCode {
    use crate::engine::compare::{self, render};
    use crate::engine::entities;
    if a.as_os_str() == "-" && b.as_os_str() == "-" {
        warn("standard input can be read only once: name a file for one side");
        return ExitCode::FAILURE;
    }
    let (Ok(a), Ok(b)) = load_two(a, b, opts) else {
        return ExitCode::FAILURE;
    };
    let ex = entities::extract_story(&[a.clone(), b.clone()]);
    let (c, corpus) = compare::compare_keeping((&a, &ex[0]), (&b, &ex[1]));
    let width = text_width(width);
    let code = write_stdout(|out| match format {
        CompareFormat::Json => {
            let parallel = crate::engine::par::worth_it(a.text.len() + b.text.len());
            write_json_pieces(out, render::to_json(&c, &a, &b).to_pieces(parallel))
        }
        CompareFormat::Text => write!(out, "{}", render::to_text(&c, &a, &b, width)),
        CompareFormat::Markdown => write!(out, "{}", render::to_markdown(&c, &a, &b)),
    });
    // The process ends here (this runs once, from `main`): freeing the two reports' words,
    // mentions and diffs one allocation at a time would cost more than the last step did.
    std::mem::forget((c, corpus, ex, a, b));
    code
}

/// The width of a side-by-side text: `--width` (raised to the narrowest, with a warning),
/// else the terminal's, else 100.
pub(crate) fn text_width(width: Option<u16>) -> usize {
    let min = crate::engine::compare::render::MIN_TEXT_WIDTH;
    match width.map(usize::from) {
        Some(w) if w < min => {
            warn(&format!(
                "--width {w} is below the narrowest side-by-side text; using {min}"
            ));
            min
        }
        Some(w) => w,
        None if std::io::stdout().is_terminal() => ratatui::crossterm::terminal::size()
            .ok()
            .map_or(100, |(w, _)| usize::from(w)),
        None => 100,
    }
}
