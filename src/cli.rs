//! The command line: arguments (clap), the plain-text output used when stdout is not a
//! terminal (or with `--dump`), and the choice between that and the interactive reader.

use crate::engine::Article;
use crate::engine::article::{BlockKind, meta_line, notes};
use crate::engine::load::{self, Input, LoadError, LoadOptions};
use crate::engine::sanitize::sanitize_line;
use crate::tui::theme::{ColorChoice, Depth};
use clap::{Args, Parser};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Compare news reports of the same story, side by side, in the terminal.",
    long_about = "Compare news reports of the same story, side by side, in the terminal.\n\n\
        With no PATH, opens the five built-in seed reports. PATH may be a file, a directory \
        (read recursively) or - for standard input. When standard output is not a terminal the \
        articles are printed as plain text instead."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Sub>,
    #[command(flatten)]
    pub read: ReadArgs,
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
        /// Largest input to read.
        #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
        max_size: u64,
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
    /// Files, directories, or - for standard input. Default: the built-in seed reports.
    pub paths: Vec<PathBuf>,
    /// Print the articles as plain text instead of opening the reader.
    #[arg(long)]
    pub dump: bool,
    /// When to use colour (NO_COLOR is honoured in auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
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

/// The inputs for the command line's paths (the seeds when there are none).
pub fn inputs_for(paths: &[PathBuf]) -> (Vec<Input>, Vec<LoadError>) {
    if paths.is_empty() {
        (load::seed_inputs(), Vec::new())
    } else {
        load::expand(paths)
    }
}

/// Plain text for one article: title, metadata, notes, then the body paragraphs.
pub fn dump_article(a: &Article, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", sanitize_line(&a.title))?;
    writeln!(out, "{}", meta_line(a))?;
    for n in notes(a) {
        writeln!(out, "[{n}]")?;
    }
    for b in a.content_blocks() {
        if b.kind == BlockKind::Title && !a.title_derived {
            continue;
        }
        writeln!(out)?;
        let text = a.slice(b.span);
        let text = if b.kind == BlockKind::Heading {
            format!("## {text}")
        } else {
            text.to_string()
        };
        writeln!(out, "{}", expand_tabs(&text))?;
    }
    Ok(())
}

/// Tabs to spaces at 8-column stops (the text is already free of other controls).
pub fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                let n = 8 - col % 8;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\n' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

fn dump(inputs: &[Input], opts: &LoadOptions, problems: Vec<LoadError>) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut loaded = 0usize;
    let mut report = |e: &LoadError| eprintln!("parallax: {}", e.display());
    problems.iter().for_each(&mut report);
    // Read in parallel, print in input order.
    use rayon::prelude::*;
    let results: Vec<_> = inputs
        .par_iter()
        .map(|input| load::load_input(input, opts))
        .collect();
    for result in results {
        let loaded_input = match result {
            Ok(l) => l,
            Err(e) => {
                report(&e);
                continue;
            }
        };
        loaded_input.problems.iter().for_each(&mut report);
        for a in loaded_input.articles {
            if loaded > 0 {
                let _ = writeln!(out, "\n{}\n", "─".repeat(72));
            }
            loaded += 1;
            if let Err(e) = dump_article(&a, &mut out) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
                eprintln!("parallax: writing output: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let _ = out.flush();
    if loaded == 0 {
        eprintln!("parallax: nothing could be loaded");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Loads everything in input order (in parallel), reporting problems on stderr.
fn load_for_script(paths: &[PathBuf], opts: &LoadOptions) -> Vec<Article> {
    use rayon::prelude::*;
    let (inputs, problems) = inputs_for(paths);
    for p in &problems {
        eprintln!("parallax: {}", p.display());
    }
    let results: Vec<_> = inputs
        .par_iter()
        .map(|i| load::load_input(i, opts))
        .collect();
    let mut articles = Vec::new();
    for r in results {
        match r {
            Ok(l) => {
                for p in &l.problems {
                    eprintln!("parallax: {}", p.display());
                }
                articles.extend(l.articles);
            }
            Err(e) => eprintln!("parallax: {}", e.display()),
        }
    }
    articles
}

/// `parallax entities`: mentions and quotes per article, as JSON or a table.
fn entities(paths: &[PathBuf], json: bool, max_bytes: u64) -> ExitCode {
    use crate::engine::entities;
    let articles = load_for_script(paths, &LoadOptions { max_bytes });
    if articles.is_empty() {
        eprintln!("parallax: nothing could be loaded");
        return ExitCode::FAILURE;
    }
    let extractions = entities::extract_story(&articles);
    write_stdout(|out| {
        if json {
            let all: Vec<_> = articles
                .iter()
                .zip(&extractions)
                .map(|(a, ex)| entities::to_json(a, ex))
                .collect();
            write_json(out, &serde_json::Value::Array(all))
        } else {
            articles
                .iter()
                .zip(&extractions)
                .try_for_each(|(a, ex)| writeln!(out, "{}", entities::table(a, ex)))
        }
    })
}

/// `parallax stories`: the articles grouped into stories, as JSON or a listing.
fn stories(paths: &[PathBuf], json: bool, max_bytes: u64) -> ExitCode {
    use crate::engine::{entities, group};
    use rayon::prelude::*;
    let articles = load_for_script(paths, &LoadOptions { max_bytes });
    if articles.is_empty() {
        eprintln!("parallax: nothing could be loaded");
        return ExitCode::FAILURE;
    }
    // Per article: names are canonical within one report, which is what grouping compares.
    let extractions: Vec<_> = articles.par_iter().map(entities::extract).collect();
    let stories = group::group(&articles, &extractions);
    write_stdout(|out| {
        if json {
            let all: Vec<_> = stories
            .iter()
            .map(|s| {
                let members: Vec<_> = s
                    .members
                    .iter()
                    .filter_map(|&m| articles.get(m))
                    .map(|a| {
                        serde_json::json!({"path": a.source.label(), "title": sanitize_line(&a.title)})
                    })
                    .collect();
                serde_json::json!({"label": s.label, "articles": members})
            })
            .collect();
            write_json(out, &serde_json::json!({ "stories": all }))
        } else {
            stories.iter().enumerate().try_for_each(|(i, s)| {
                let n = s.members.len();
                // No shared names to label it: the first report's title stands in.
                let label = match s.label.trim() {
                    "" => s
                        .members
                        .first()
                        .and_then(|&m| articles.get(m))
                        .map_or_else(String::new, |a| {
                            crate::tui::widgets::truncate(&sanitize_line(&a.title), 60)
                        }),
                    _ => sanitize_line(&s.label),
                };
                writeln!(
                    out,
                    "{}{}. {label} ({n} report{})",
                    if i > 0 { "\n" } else { "" },
                    i + 1,
                    if n == 1 { "" } else { "s" }
                )?;
                for a in s.members.iter().filter_map(|&m| articles.get(m)) {
                    writeln!(out, "   {}  {}", a.source.label(), sanitize_line(&a.title))?;
                }
                Ok(())
            })
        }
    })
}

/// Writes script output to stdout; a closed pipe is not an error.
fn write_stdout(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax: writing output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Pretty JSON and a final newline.
fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// Loads one report for `compare`: the first article of `path` (a feed's first entry).
fn load_one(path: &std::path::Path, opts: &LoadOptions) -> Result<Article, ()> {
    let articles = load_for_script(std::slice::from_ref(&path.to_path_buf()), opts);
    let n = articles.len();
    match articles.into_iter().next() {
        Some(a) => {
            if n > 1 {
                eprintln!(
                    "parallax: {}: {n} articles; comparing the first",
                    sanitize_line(&path.display().to_string())
                );
            }
            Ok(a)
        }
        None => {
            eprintln!(
                "parallax: {}: no article to compare",
                sanitize_line(&path.display().to_string())
            );
            Err(())
        }
    }
}

/// `parallax story`: the loaded reports as one story.
fn story(paths: &[PathBuf], format: StoryFormat, max_bytes: u64) -> ExitCode {
    use crate::engine::{entities, story};
    let articles = load_for_script(paths, &LoadOptions { max_bytes });
    if articles.len() < 2 {
        eprintln!(
            "parallax: a story needs at least two reports; {} loaded",
            articles.len()
        );
        return ExitCode::FAILURE;
    }
    let extractions = entities::extract_story(&articles);
    let model = story::build(&articles, &extractions);
    write_stdout(|out| match format {
        StoryFormat::Json => write_json(out, &story::to_json(&model, &articles)),
        StoryFormat::Markdown => write!(out, "{}", story::to_markdown(&model, &articles)),
    })
}

/// `parallax compare A B`.
fn compare(
    a: &std::path::Path,
    b: &std::path::Path,
    format: CompareFormat,
    width: Option<u16>,
    max_bytes: u64,
) -> ExitCode {
    use crate::engine::compare::{self, render};
    use crate::engine::entities;
    let opts = LoadOptions { max_bytes };
    let (Ok(a), Ok(b)) = (load_one(a, &opts), load_one(b, &opts)) else {
        return ExitCode::FAILURE;
    };
    let ex = entities::extract_story(&[a.clone(), b.clone()]);
    let c = compare::compare((&a, &ex[0]), (&b, &ex[1]));
    let width = width.map(usize::from).unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            crossterm_width().unwrap_or(100)
        } else {
            100
        }
    });
    write_stdout(|out| match format {
        CompareFormat::Json => write_json(out, &render::to_json(&c, &a, &b)),
        CompareFormat::Text => write!(out, "{}", render::to_text(&c, &a, &b, width)),
        CompareFormat::Markdown => write!(out, "{}", render::to_markdown(&c, &a, &b)),
    })
}

fn crossterm_width() -> Option<usize> {
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Sub::Entities {
            paths,
            json,
            max_size,
        }) => return entities(&paths, json, max_size),
        Some(Sub::Stories {
            paths,
            json,
            max_size,
        }) => return stories(&paths, json, max_size),
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
            return story(&paths, format, max_size);
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
            return compare(&a, &b, format, width, max_size);
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
        return dump(&inputs, &opts, problems);
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

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(expand_tabs("a\tb"), "a       b");
        assert_eq!(expand_tabs("abcdefgh\tx"), "abcdefgh        x");
    }
}
