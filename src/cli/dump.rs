//! The plain-text output of the reader's articles (`--dump`, or stdout not a terminal).

use super::output::{SafeWriter, is_closed_pipe, warn};
use crate::engine::Article;
use crate::engine::article::{BlockKind, meta_line, notes};
use crate::engine::load::{Input, LoadError, LoadOptions};
use crate::engine::sanitize::sanitize_line;
use std::io::Write;
use std::process::ExitCode;

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

pub(crate) fn dump(inputs: &[Input], opts: &LoadOptions, problems: Vec<LoadError>) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = SafeWriter::new(std::io::BufWriter::new(stdout.lock()));
    let mut loaded = 0usize;
    let mut report = |e: &LoadError| warn(&e.display());
    problems.iter().for_each(&mut report);
    super::input::hint_if_typing(inputs);
    // Read in parallel, print in input order.
    let results = super::input::load_inputs(inputs, opts);
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
            let separator = if loaded > 0 {
                writeln!(out, "\n{}\n", "─".repeat(72))
            } else {
                Ok(())
            };
            loaded += 1;
            if let Err(e) = separator.and_then(|_| dump_article(&a, &mut out)) {
                if is_closed_pipe(&e) {
                    return ExitCode::SUCCESS;
                }
                warn(&format!("writing output: {e}"));
                return ExitCode::FAILURE;
            }
        }
    }
    if let Err(e) = out.flush()
        && !is_closed_pipe(&e)
    {
        warn(&format!("writing output: {e}"));
        return ExitCode::FAILURE;
    }
    if loaded == 0 {
        warn("nothing could be loaded");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(expand_tabs("a\tb"), "a       b");
        assert_eq!(expand_tabs("abcdefgh\tx"), "abcdefgh        x");
    }
}
