//! The command line's arguments (clap types) and the size parser they use.

use crate::tui::theme::ColorChoice;
use clap::{Args, Parser};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Compare news reports of the same story, side by side, in the terminal.",
    long_about = "Compare news reports of the same story, side by side, in the terminal.\n\n\
        PATH may be a file, a directory (read recursively), - for standard input, or an http(s) \
        URL of a page or feed. With no PATH, opens the articles kept in the local store (see \
        `parallax fetch`), else the subscriptions, else the five built-in seed reports. When \
        standard output is not a terminal the articles are printed as plain text instead."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Sub>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Seconds a URL may take in all, from connecting to the last byte (connecting: at most 10).
    #[arg(long, global = true, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub timeout: u64,
    /// The local store (default: $PARALLAX_STORE, else $XDG_DATA_HOME/parallax/store.sqlite3).
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Print the people, places, organisations, dates, numbers and quotes of each article.
    Entities {
        /// Files, directories, or - for standard input. Default: the built-in seed reports.
        paths: Vec<PathBuf>,
        /// JSON: per article {path, title, mentions, quotes}, byte offsets into the file as read.
        #[arg(long)]
        json: bool,
        /// Largest input to read.
        #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
        max_size: u64,
    },
    /// Line up two reports sentence by sentence: what they share, what only one says, and
    /// where their numbers, dates and places differ.
    Compare {
        /// The left report (a file, or - for standard input).
        a: PathBuf,
        /// The right report.
        b: PathBuf,
        /// Same as --format json.
        #[arg(long)]
        json: bool,
        /// Output format. Default: text (side by side, fitting --width).
        #[arg(long, value_enum)]
        format: Option<CompareFormat>,
        /// Width of the text format (default: the terminal's, or 100).
        #[arg(long)]
        width: Option<u16>,
        /// Largest input to read.
        #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
        max_size: u64,
    },
    /// The whole story of several reports: claims and who carries them, coverage and entity
    /// matrices, quotes, discrepancies and wire copy.
    Story {
        /// Files, directories, or - for standard input. Default: the built-in seed reports.
        paths: Vec<PathBuf>,
        /// Same as --format json.
        #[arg(long)]
        json: bool,
        /// Output format (default: markdown).
        #[arg(long, value_enum)]
        format: Option<StoryFormat>,
        /// How reports are matched: every pair aligned (a pair's figures are `parallax
        /// compare`'s), story-wide clusters (the work grows about linearly), or auto:
        /// story-wide from 100 reports.
        #[arg(long, value_enum, default_value_t = StoryMethod::Auto)]
        model: StoryMethod,
        /// Largest input to read.
        #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
        max_size: u64,
    },
    /// Fetch the subscriptions (or the URLs given) into the local store, conditionally
    /// (ETag / Last-Modified), and print what each brought: new, changed, unchanged, failed.
    Fetch {
        /// http(s) URLs of feeds or pages. Default: the subscriptions in
        /// $XDG_CONFIG_HOME/parallax/urls (one URL a line, newsboat's format).
        urls: Vec<String>,
        /// Largest body to read.
        #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
        max_size: u64,
    },
    /// List the versions the store keeps of an article (each distinct text it had), or
    /// compare two of them.
    Versions {
        /// The article's URL.
        url: String,
        /// JSON: [{version, fetched_at, published, title, words, text_sha256, raw_sha256}].
        #[arg(long)]
        json: bool,
        /// Compare two versions side by side (numbers as listed): what was added, removed,
        /// changed.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        compare: Option<Vec<u32>>,
        /// Width of the comparison (default: the terminal's, or 100).
        #[arg(long)]
        width: Option<u16>,
    },
    /// Print the notes made in the reader (m checked, M doubtful, a a note), each with its
    /// sentence and its report's outlet, title and path or URL.
    Notes {
        /// Output format.
        #[arg(long, value_enum, default_value_t = super::notes::NotesFormat::Markdown)]
        format: super::notes::NotesFormat,
        /// Same as --format json.
        #[arg(long)]
        json: bool,
    },
    /// Group the articles into stories (events) by shared rare words and names.
    Stories {
        /// Files, directories, or - for standard input. Default: the built-in seed reports.
        paths: Vec<PathBuf>,
        /// JSON: {"stories": [{"label", "articles": [{"path", "title"}]}]}, largest story first.
        #[arg(long)]
        json: bool,
        /// Largest input to read.
        #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
        max_size: u64,
    },
}

/// How `parallax story` matches its reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StoryMethod {
    /// Every pair aligned below 100 reports, story-wide clusters from there.
    Auto,
    /// Every pair of reports aligned.
    Pairs,
    /// Story-wide clusters.
    StoryWide,
}

/// Output formats of `parallax story`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StoryFormat {
    /// The whole model with byte offsets.
    Json,
    /// A readable report.
    Markdown,
}

/// Output formats of `parallax compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// `{left, right, pairs, left_only, right_only, coverage, discrepancies, ...}`.
    Json,
    /// Side by side in plain text with markers.
    Text,
    /// A report to paste into a document.
    Markdown,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Files, directories, - for standard input, or http(s) URLs. Default: the stored
    /// articles, else the subscriptions, else the built-in seed reports.
    pub paths: Vec<PathBuf>,
    /// Open the articles kept in the local store, newest first, without the network.
    #[arg(long)]
    pub offline: bool,
    /// Print the articles as plain text instead of opening the reader.
    #[arg(long)]
    pub dump: bool,
    /// When to use colour (NO_COLOR is honoured in auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Draw the reader with ASCII only (the default when the locale is not UTF-8, or
    /// TERM=linux).
    #[arg(long)]
    pub ascii: bool,
    /// Leave the mouse to the terminal (no wheel scrolling or clicks in the reader; the
    /// terminal's own selection works as usual).
    #[arg(long)]
    pub no_mouse: bool,
    /// The config file: key bindings and theme styles over the built-in ones (default:
    /// $XDG_CONFIG_HOME/parallax/config.toml, else ~/.config/parallax/config.toml).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Largest input to read, e.g. 16M, 512K, 1G or a number of bytes.
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_size: u64,
}

/// "16M" / "16MiB" / "512k" / "1G" / "1000" → bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a size (try 16M)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("{s:?}: unknown unit (use K, M or G)")),
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("").is_err());
    }
}
