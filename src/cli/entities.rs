//! `parallax entities`.

use super::input::load_for_script;
use super::output::{write_json, write_stdout};
use crate::engine::entities;
use crate::engine::load::LoadOptions;
use crate::engine::pipeline;
use std::path::PathBuf;
use std::process::ExitCode;

/// `parallax entities`: mentions and quotes per article, as JSON or a table. Names are
/// canonical within each article's story, as the reader shows them ([`pipeline::analyse`]).
pub(crate) fn run(paths: &[PathBuf], json: bool, opts: &LoadOptions) -> ExitCode {
    let articles = load_for_script(paths, opts);
    if articles.is_empty() {
        super::output::warn("nothing could be loaded");
        return ExitCode::FAILURE;
    }
    let extractions = pipeline::analyse(&articles).extractions;
    write_stdout(|out| {
        if json {
            let all: Vec<_> = articles
                .iter()
                .zip(&extractions)
                .map(|(a, ex)| entities::to_json(a, ex))
                .collect();
            write_json(out, &all)
        } else {
            articles
                .iter()
                .zip(&extractions)
                .try_for_each(|(a, ex)| writeln!(out, "{}", entities::table(a, ex)))
        }
    })
}
