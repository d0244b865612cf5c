//! `parallax story`.

use super::args::{StoryFormat, StoryMethod};
use super::input::load_for_script;
use super::output::{warn, write_json_value, write_stdout};
use crate::engine::load::LoadOptions;
use crate::engine::pipeline;
use std::path::PathBuf;
use std::process::ExitCode;

/// `parallax story`: the loaded reports as one story ([`pipeline::one_story`]: given one
/// story's files in library order, the model the reader shows for that story).
pub(crate) fn run(
    paths: &[PathBuf],
    format: StoryFormat,
    method: StoryMethod,
    opts: &LoadOptions,
) -> ExitCode {
    use crate::engine::story;
    let articles = load_for_script(paths, opts);
    let mut articles = articles;
    if articles.len() < 2 {
        warn(&format!(
            "a story needs at least two reports; {} loaded",
            articles.len()
        ));
        return ExitCode::FAILURE;
    }
    if articles.len() > story::MAX_REPORTS {
        // The coverage matrix has a figure per pair: the bound keeps time and memory in hand.
        warn(&format!(
            "{} reports loaded; a story has a coverage figure for every pair of its reports, so \
             this one is built from the first {} (name fewer files, or use `parallax stories` to \
             group them first)",
            articles.len(),
            story::MAX_REPORTS
        ));
        articles.truncate(story::MAX_REPORTS);
    }
    let method = match method {
        StoryMethod::Auto => story::Method::for_reports(articles.len()),
        StoryMethod::Pairs => story::Method::Pairs,
        StoryMethod::StoryWide => story::Method::StoryWide,
    };
    let (_, model) = pipeline::one_story_by(&articles, method);
    write_stdout(|out| match format {
        StoryFormat::Json => write_json_value(out, story::to_json(&model, &articles)),
        StoryFormat::Markdown => write!(out, "{}", story::to_markdown(&model, &articles)),
    })
}
