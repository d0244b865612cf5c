//! `parallax stories`.

use super::input::load_for_script;
use super::output::{write_json, write_stdout};
use crate::engine::load::LoadOptions;
use crate::engine::sanitize::sanitize_line;
use std::path::PathBuf;
use std::process::ExitCode;

/// `parallax stories`: the articles grouped into stories, as JSON or a listing.
pub(crate) fn run(paths: &[PathBuf], json: bool, max_bytes: u64) -> ExitCode {
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
