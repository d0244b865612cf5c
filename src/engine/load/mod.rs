//! Loading: paths → inputs → bytes → decoded, sanitized text → [`Article`]s.
//!
//! A bad input never stops the others: each problem is a [`LoadError`] naming the input and the
//! reason, collected beside the articles that did load. The steps are separate functions so the
//! TUI can run them on worker threads and stream results (see `tui::loader`).
//!
//! One input may hold many articles (a feed, a JSON list): [`parse`] returns a [`Loaded`]
//! with the articles and the problems of single records, and fails as a whole only when the
//! input cannot be read at all. The format comes from the extension, corrected by content
//! ([`sniff`]); bytes are decoded by [`encoding`].

pub mod encoding;
mod feed;
mod feed_email;
pub mod html;
mod json;
mod markdown;
mod plain;
pub mod read;
pub mod sniff;
pub mod structure;
pub mod walk;

pub use encoding::{Decoded, decode};
pub use walk::expand;

use crate::engine::article::{Article, Format, Meta, Source};
use crate::engine::fetch;
use crate::engine::sanitize::sanitize_line;
use std::path::{Path, PathBuf};

/// Default cap on one input's size.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Extensions picked up when walking a directory.
pub const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "xml", "rss", "atom", "json", "jsonl",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    pub max_bytes: u64,
    /// Timeouts and the like for URL inputs.
    pub net: crate::engine::fetch::NetOptions,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            net: crate::engine::fetch::NetOptions::default(),
        }
    }
}

/// Why an input could not be loaded. Every variant names the input; messages are sanitized
/// when displayed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error(
        "{path}: directory holds no articles (.txt, .md, .html, .xml, .rss, .atom, .json, .jsonl)"
    )]
    EmptyDir { path: String },
    #[error("{path}: file is empty")]
    Empty { path: String },
    #[error("{path}: binary file, skipped")]
    Binary { path: String },
    #[error(
        "{path}: {size} bytes is over the size limit of {limit} bytes (use --max-size to raise it)"
    )]
    TooLarge { path: String, size: u64, limit: u64 },
    /// The input grew past the limit while being read (a pipe, standard input, a growing file).
    #[error("{path}: more than {limit} bytes, over the size limit (use --max-size to raise it)")]
    TooLargeStream { path: String, limit: u64 },
    /// A socket, a device or another special file: never opened.
    #[error("{path}: not a regular file ({what}), skipped")]
    NotRegular { path: String, what: &'static str },
    /// A named pipe that could not be read in time.
    #[error("{path}: {what}, skipped")]
    Pipe { path: String, what: &'static str },
    /// Standard input, or one pipe, named twice: it can be read only once.
    #[error("{path}: the same stream as {first} (it can be read only once), skipped")]
    Duplicate { path: String, first: String },
    /// A directory walk stopped at a bound (depth, entry count).
    #[error("{path}: {reason}")]
    Walk { path: String, reason: String },
    #[error("{path}: {reason}")]
    Parse { path: String, reason: String },
    /// One record of a multi-article input (a JSON list or JSON Lines) is unusable; `number`
    /// counts from 1.
    #[error("{path}: record {number}: {reason}")]
    Record {
        path: String,
        number: usize,
        reason: String,
    },
    /// `FILE#N` names an entry the file does not have.
    #[error("{path}: no entry {number} (it has {count})")]
    NoEntry {
        path: String,
        number: usize,
        count: usize,
    },
    /// A URL that could not be fetched (the message names the URL and the reason).
    #[error(transparent)]
    Fetch(#[from] crate::engine::fetch::FetchError),
}

/// What one input yielded: its articles, and the problems of single records that did not
/// stop the others (a JSON Lines file with one bad line).
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<LoadError>,
}

impl Loaded {
    /// One article, no problems.
    pub fn one(article: Article) -> Self {
        Loaded {
            articles: vec![article],
            problems: Vec::new(),
        }
    }
}

impl LoadError {
    /// The message, safe to show on a terminal.
    pub fn display(&self) -> String {
        sanitize_line(&self.to_string())
    }
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
    Seed(usize),
    /// An http(s) URL, fetched by [`crate::engine::fetch`].
    Url(String),
    /// An article kept in the local store ([`crate::engine::saved`]).
    Saved(std::sync::Arc<crate::engine::saved::SavedArticle>),
    /// One entry of a file of several (a feed, a JSON list), as its label names it:
    /// `feed.atom#6` is `index` 5.
    Entry {
        path: PathBuf,
        index: usize,
    },
}

impl Input {
    pub fn label(&self) -> String {
        match self {
            Input::File(p) => crate::engine::sanitize::shown_path(p),
            Input::Url(u) => sanitize_line(u),
            Input::Saved(s) => Source::Stored {
                url: s.url.clone(),
                version: s.version,
            }
            .label(),
            Input::Stdin => "stdin".to_string(),
            Input::Seed(i) => format!("seeds/{}", SEEDS[*i].0),
            Input::Entry { path, index } => {
                format!(
                    "{}#{}",
                    crate::engine::sanitize::shown_path(path),
                    index + 1
                )
            }
        }
    }
}

/// The five seed reports, compiled into the binary.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_5eb35f87fe822ca5.txt",
        include_str!("../../../seeds/000_5eb35f87fe822ca5.txt"),
    ),
    (
        "001_8d5a9b1879ca2c6b.txt",
        include_str!("../../../seeds/001_8d5a9b1879ca2c6b.txt"),
    ),
    (
        "002_2713d7da61a5e33a.txt",
        include_str!("../../../seeds/002_2713d7da61a5e33a.txt"),
    ),
    (
        "003_b3ebd288fe82ba2a.txt",
        include_str!("../../../seeds/003_b3ebd288fe82ba2a.txt"),
    ),
    (
        "004_b6a664ef53afea79.txt",
        include_str!("../../../seeds/004_b6a664ef53afea79.txt"),
    ),
];

/// The inputs for the embedded seeds.
pub fn seed_inputs() -> Vec<Input> {
    (0..SEEDS.len()).map(Input::Seed).collect()
}

/// Reads and parses one input.
pub fn load_input(input: &Input, opts: &LoadOptions) -> Result<Loaded, LoadError> {
    match input {
        Input::Url(url) => fetch::load_url(url, opts, &|_| {}),
        Input::Saved(saved) => Ok(Loaded::one(saved.to_article())),
        Input::Seed(i) => {
            let (name, text) = SEEDS[*i];
            parse(
                Source::Seed(name.to_string()),
                text.as_bytes(),
                Format::Text,
            )
        }
        Input::Stdin => {
            let bytes = read::read_stdin(opts.max_bytes)?;
            parse(Source::Stdin, &bytes, sniff::resolve(None, &bytes))
        }
        Input::File(path) => {
            let bytes = read::read_path(path, opts.max_bytes)?;
            let format = sniff::resolve(format_of_extension(path), &bytes);
            parse(Source::File(path.clone()), &bytes, format)
        }
        Input::Entry { path, index } => {
            let mut all = load_input(&Input::File(path.clone()), opts)?;
            let count = all.articles.len();
            if *index >= count {
                return Err(LoadError::NoEntry {
                    path: crate::engine::sanitize::shown_path(path),
                    number: index + 1,
                    count,
                });
            }
            Ok(Loaded {
                articles: vec![all.articles.swap_remove(*index)],
                problems: all.problems,
            })
        }
    }
}

/// The format a file name suggests (text when it suggests none).
pub fn format_of(path: &Path) -> Format {
    format_of_extension(path).unwrap_or(Format::Text)
}

/// The format a file's extension names, if it names one.
pub fn format_of_extension(path: &Path) -> Option<Format> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("md" | "markdown") => Some(Format::Markdown),
        Some("txt" | "text") => Some(Format::Text),
        Some("html" | "htm" | "xhtml") => Some(Format::Html),
        Some("xml" | "rss" | "atom" | "rdf") => Some(Format::Feed),
        Some("json" | "jsonl" | "ndjson") => Some(Format::Json),
        _ => None,
    }
}

/// True when the bytes look like a binary file rather than text: a NUL byte, or many
/// control bytes, in the first 8 KiB (UTF-16 is handled by the decoder before this).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    !head.is_empty() && controls * 10 > head.len()
}

/// Parses bytes of a known format into articles. Never panics, whatever the bytes.
pub fn parse(source: Source, bytes: &[u8], format: Format) -> Result<Loaded, LoadError> {
    let label = source.label();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty { path: label });
    }
    if !encoding::is_utf16(bytes) && looks_binary(bytes) {
        return Err(LoadError::Binary { path: label });
    }
    let loaded = match format {
        Format::Feed => feed::parse(source, bytes)?,
        Format::Json => json::parse(source, bytes)?,
        Format::Html => Loaded::one(html::parse(source, decode(bytes))),
        Format::Markdown => Loaded::one(markdown::parse(source, decode(bytes))),
        Format::Text => Loaded::one(plain::parse(source, decode(bytes))),
    };
    let Loaded {
        mut articles,
        problems,
    } = loaded;
    articles.retain(|a| !a.blocks.is_empty());
    articles.iter_mut().for_each(seal);
    if articles.is_empty() && problems.is_empty() {
        return Err(LoadError::Empty { path: label });
    }
    Ok(Loaded { articles, problems })
}

/// The last guard before an article leaves the loader: every format sanitizes after each of
/// its decoding steps, and this makes sure of it. Text keeps its byte offsets (unsafe
/// characters become spaces of the same length); one-line fields are sanitized again.
fn seal(a: &mut Article) {
    use crate::engine::sanitize::neutralize;
    let n = neutralize(&mut a.text);
    let line = |s: &mut String| {
        if s.chars().any(crate::engine::sanitize::is_unsafe) {
            *s = sanitize_line(s);
        }
    };
    line(&mut a.title);
    let m = &mut a.meta;
    for field in [
        &mut m.outlet,
        &mut m.byline,
        &mut m.date,
        &mut m.url,
        &mut m.language,
        &mut m.encoding,
    ]
    .into_iter()
    .flatten()
    {
        line(field);
    }
    a.notes.iter_mut().for_each(line);
    if n > 0 {
        a.notes.push(format!(
            "{n} control character{} left by a decoder blanked",
            if n == 1 { "" } else { "s" }
        ));
    }
}

/// Loads everything, in order, on the calling thread (the CLI's path; the TUI streams).
pub fn load_all(inputs: &[Input], opts: &LoadOptions) -> (Vec<Article>, Vec<LoadError>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        match load_input(input, opts) {
            Ok(mut loaded) => {
                articles.append(&mut loaded.articles);
                problems.append(&mut loaded.problems);
            }
            Err(e) => problems.push(e),
        }
    }
    (articles, problems)
}

/// An outlet name from a file name: the part before `--` or `__` when there is one
/// (`reuters--talks.txt` → `reuters`), else the stem without a trailing content hash
/// (`000_5eb35f87fe822ca5` → `000`).
pub fn outlet_from_stem(stem: &str) -> String {
    let part = stem
        .split("--")
        .next()
        .and_then(|p| p.split("__").next())
        .unwrap_or(stem);
    let part = match part.rsplit_once(['_', '-']) {
        Some((head, hash))
            if !head.is_empty()
                && hash.len() >= 8
                && hash.chars().all(|c| c.is_ascii_hexdigit()) =>
        {
            head
        }
        _ => part,
    };
    sanitize_line(part)
}

/// Fills the outlet from the source when the format did not state one.
pub(crate) fn default_meta(source: &Source, mut meta: Meta) -> Meta {
    if meta.outlet.is_none() {
        meta.outlet = source.stem().map(|s| outlet_from_stem(&s));
        meta.outlet_derived = meta.outlet.is_some();
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::BlockKind;

    fn seed(i: usize) -> Article {
        load_input(&Input::Seed(i), &LoadOptions::default())
            .unwrap()
            .articles
            .remove(0)
    }

    #[test]
    fn seeds_are_the_files_bytes() {
        for (i, (_, text)) in SEEDS.iter().enumerate() {
            let a = seed(i);
            assert_eq!(a.text, *text, "seed {i}");
            assert!(a.source_map.is_identity());
        }
    }

    #[test]
    fn seed_titles() {
        let titles: Vec<(String, bool)> = (0..5)
            .map(|i| {
                let a = seed(i);
                (a.title, a.title_derived)
            })
            .collect();
        assert!(titles[0].0.starts_with("US Has Low Expectations") && !titles[0].1);
        assert!(titles[1].1, "001 has no headline");
        assert_eq!(titles[2].0, "Peace Talks START – But CHANCES?");
        assert!(titles[3].1, "003 has no headline");
        assert_eq!(
            titles[4].0,
            "Trump and Putin Needed for Breakthrough in Ukraine Peace Talks, Rubio Says"
        );
    }

    #[test]
    fn seed_noise_is_skipped() {
        let a = seed(4);
        let body: String = a
            .content_blocks()
            .map(|b| a.slice(b.span))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(body.matches("Needed for Breakthrough").count(), 1);
        assert!(!body.contains("Leave a Reply"));
        assert!(!body.contains("Required fields"));
        let c = seed(3);
        let last = c.content_blocks().last().unwrap();
        assert!(c.slice(last.span).starts_with("Meanwhile, Zelenskyy"));
        assert!(
            c.blocks
                .iter()
                .any(|b| matches!(b.kind, BlockKind::Skipped(_)) && c.slice(b.span) == "SH")
        );
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let src = || Source::Stdin;
        assert!(matches!(
            parse(src(), b"", Format::Text),
            Err(LoadError::Empty { .. })
        ));
        assert!(matches!(
            parse(src(), b"\x00\x01\x02binary", Format::Text),
            Err(LoadError::Binary { .. })
        ));
        let guessed = parse(src(), b"Caf\xe9 news\n\nBody.", Format::Text).unwrap();
        let enc = guessed.articles[0].meta.encoding.as_deref().unwrap_or("");
        assert!(enc.ends_with("(guessed)"), "{enc}");
    }

    #[test]
    fn outlet_from_file_names() {
        assert_eq!(outlet_from_stem("reuters--peace-talks"), "reuters");
        assert_eq!(outlet_from_stem("000_5eb35f87fe822ca5"), "000");
        assert_eq!(outlet_from_stem("bbc-news"), "bbc-news");
    }
}
