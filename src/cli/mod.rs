//! The command line: arguments (clap), the plain-text output used when stdout is not a
//! terminal (or with `--dump`), and the choice between that and the interactive reader.
//!
//! One file per subcommand (`entities`, `stories`, `story`, `compare`); `args` holds the clap
//! types, `input` turns paths into articles, `output` writes to stdout, `dump` prints articles.

mod args;
mod compare;
mod dump;
mod entities;
mod input;
mod output;
mod stories;
mod story;

pub use args::{Cli, CompareFormat, ReadArgs, StoryFormat, Sub, parse_size};
pub use dump::{dump_article, expand_tabs};
pub use input::inputs_for;

use crate::engine::load::LoadOptions;
use crate::engine::sanitize::sanitize_line;
use crate::tui::theme::Depth;
use clap::Parser;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Sub::Entities {
            paths,
            json,
            max_size,
        }) => return entities::run(&paths, json, max_size),
        Some(Sub::Stories {
            paths,
            json,
            max_size,
        }) => return stories::run(&paths, json, max_size),
        Some(Sub::Story {
            paths,
            json,
            format,
            max_size,
        }) => {
            let format = if json {
                StoryFormat::Json
            } else {
                format.unwrap_or(StoryFormat::Markdown)
            };
            return story::run(&paths, format, max_size);
        }
        Some(Sub::Compare {
            a,
            b,
            json,
            format,
            width,
            max_size,
        }) => {
            let format = if json {
                CompareFormat::Json
            } else {
                format.unwrap_or(CompareFormat::Text)
            };
            return compare::run(&a, &b, format, width, max_size);
        }
        None => {}
    }

    let args = cli.read;
    let opts = LoadOptions {
        max_bytes: args.max_size,
    };
    let (inputs, problems) = inputs_for(&args.paths);
    if inputs.is_empty() {
        for p in &problems {
            eprintln!("parallax: {}", p.display());
        }
        eprintln!("parallax: nothing to load");
        return ExitCode::FAILURE;
    }
    if args.dump || !std::io::stdout().is_terminal() {
        return dump::dump(&inputs, &opts, problems);
    }
    let depth = Depth::detect(args.color, &|k| std::env::var(k).ok());
    let tui_opts = crate::tui::Options {
        inputs,
        problems,
        load: opts,
        depth,
    };
    match crate::tui::run(tui_opts) {
        Ok(0) => {
            eprintln!("parallax: nothing could be loaded");
            ExitCode::FAILURE
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "parallax: terminal error: {}",
                sanitize_line(&e.to_string())
            );
            ExitCode::FAILURE
        }
    }
}
