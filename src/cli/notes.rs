//! `parallax notes`: the reader's notes (`m`, `M`, `a`), each with its sentence and its
//! report's source, as Markdown or JSON. Only reads the notes file: a file it cannot read is
//! an error naming it, and is left as it is.

use super::output::{warn, write_stdout};
use crate::notes::{self, export};
use std::process::ExitCode;

/// Output formats of `parallax notes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NotesFormat {
    /// A heading per report, a bullet per note.
    Markdown,
    /// `[{report_sha256, outlet, title, source, url, notes: [{sentence, mark, note, ...}]}]`.
    Json,
}

pub fn run(format: NotesFormat) -> ExitCode {
    let Some(path) = notes::location(&|k| std::env::var(k).ok()) else {
        warn("no notes file: neither XDG_DATA_HOME nor HOME is set");
        return ExitCode::FAILURE;
    };
    let data = match notes::read(&path) {
        Ok(data) => data.unwrap_or_default(),
        Err(notes::ReadError::Unreadable(why) | notes::ReadError::Corrupt(why)) => {
            warn(&format!(
                "cannot read the notes file {}: {why}",
                path.display()
            ));
            return ExitCode::FAILURE;
        }
    };
    let text = match format {
        NotesFormat::Markdown => export::markdown(&data),
        NotesFormat::Json => export::json(&data) + "\n",
    };
    write_stdout(|out| out.write_all(text.as_bytes()))
}
