//! The command line: arguments (clap), the plain-text output used when stdout is not a
//! terminal (or with `--dump`), and the choice between that and the interactive reader.
//!
//! One file per subcommand (`entities`, `stories`, `story`, `compare`); `args` holds the clap
//! types, `input` turns paths into articles, `output` writes to stdout, `dump` prints articles.

mod args;
mod compare;
mod config;
mod dump;
mod entities;
mod fetch;
mod input;
mod notes;
mod output;
mod progress;
mod reading;
mod stories;
mod story;
mod versions;

pub use args::{Cli, CompareFormat, ReadArgs, StoryFormat, Sub, parse_size};
pub use dump::{dump_article, expand_tabs};
pub use input::inputs_for;

use crate::engine::fetch::NetOptions;
use crate::engine::load::{Input, LoadOptions};
use crate::engine::sanitize::sanitize_line;
use crate::tui::theme::Depth;
use clap::Parser;
use output::{print_block, warn};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(&e),
    };
    let net = net_options(cli.timeout);
    let opts = |max_bytes: u64| LoadOptions { max_bytes, net };
    let store = crate::store::location(cli.store.as_deref(), &|k| std::env::var(k).ok());
    match cli.command {
        Some(Sub::Entities {
            paths,
            json,
            max_size,
        }) => return entities::run(&paths, json, &opts(max_size)),
        Some(Sub::Stories {
            paths,
            json,
            max_size,
        }) => return stories::run(&paths, json, &opts(max_size)),
        Some(Sub::Fetch { urls, max_size }) => {
            return fetch::run(&urls, &opts(max_size), store.as_deref());
        }
        Some(Sub::Versions {
            url,
            json,
            compare,
            width,
        }) => return versions::run(&url, json, compare.as_deref(), width, store.as_deref()),
        Some(Sub::Story {
            paths,
            json,
            format,
            model,
            max_size,
        }) => {
            let format = if json {
                StoryFormat::Json
            } else {
                format.unwrap_or(StoryFormat::Markdown)
            };
            return story::run(&paths, format, model, &opts(max_size));
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
            return compare::run(&a, &b, format, width, &opts(max_size));
        }
        Some(Sub::Notes { format, json }) => {
            return notes::run(if json {
                notes::NotesFormat::Json
            } else {
                format
            });
        }
        None => {}
    }

    let args = cli.read;
    // The config is the reader's, but a --config that cannot be read is an error anyway.
    let env = |k: &str| std::env::var(k).ok();
    let config = match config::find(args.config.as_deref(), &env) {
        Ok(found) => found,
        Err(message) => {
            warn(&message);
            return ExitCode::FAILURE;
        }
    };
    let opts = opts(args.max_size);
    let (inputs, problems) = match reading::inputs(&args, store.as_deref()) {
        Ok(found) => found,
        Err(message) => {
            warn(&message);
            return ExitCode::FAILURE;
        }
    };
    if inputs.is_empty() {
        for p in &problems {
            warn(&p.display());
        }
        warn("nothing to load");
        return ExitCode::FAILURE;
    }
    if args.dump || !std::io::stdout().is_terminal() {
        return dump::dump(&inputs, &opts, problems);
    }
    if inputs.contains(&Input::Stdin) && std::io::stdin().is_terminal() {
        // The reader takes its keys from the terminal: it cannot also read an article there.
        warn(
            "standard input is the terminal, which the reader needs for its keys: pipe the \
             article in (cat FILE | parallax -), name the file, or use --dump",
        );
        return ExitCode::FAILURE;
    }
    let depth = Depth::detect(args.color, &|k| std::env::var(k).ok());
    // The library is the store's (no arguments, or --offline): a refresh reopens it.
    let from_store = args.paths.is_empty()
        || (!inputs.is_empty() && inputs.iter().all(|i| matches!(i, Input::Saved(_))));
    let tui_opts = crate::tui::Options {
        inputs,
        problems,
        load: opts,
        depth,
        ascii: args.ascii || crate::tui::theme::ascii_only(&env),
        mouse: !args.no_mouse,
        store,
        urls_file: crate::engine::fetch::subscriptions::default_path(&env),
        from_store,
        notes_file: crate::notes::location(&env),
        config: config.config,
        config_problems: config.problems,
    };
    let result = crate::tui::run(tui_opts);
    if let Some(sig) = crate::tui::terminal::stop_signal() {
        return ExitCode::from(crate::tui::terminal::exit_status(sig));
    }
    match result {
        Ok(0) => {
            warn("nothing could be loaded");
            ExitCode::FAILURE
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            warn(&format!(
                "terminal error: {}",
                sanitize_line(&e.to_string())
            ));
            ExitCode::FAILURE
        }
    }
}

/// A clap error or `--help`/`--version`: printed sanitized (an error quotes the arguments,
/// and a file name can hold escape sequences), with clap's exit status.
fn argument_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // Our own text, no argument in it: clap prints it (styled on a terminal); a closed
        // pipe is ignored.
        let _ = e.print();
    } else {
        print_block(&e.render().to_string(), false);
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Network options from `--timeout`: the total, and at most 10 s of it to connect.
fn net_options(timeout_secs: u64) -> NetOptions {
    let total = std::time::Duration::from_secs(timeout_secs);
    let defaults = NetOptions::default();
    NetOptions {
        total_timeout: total,
        connect_timeout: defaults.connect_timeout.min(total),
        ..defaults
    }
}
