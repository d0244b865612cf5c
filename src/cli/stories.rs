//! `parallax stories`.

use super::input::load_for_script;
use super::output::{write_json, write_stdout};
use crate::engine::Article;
use crate::engine::group::Story;
use crate::engine::load::LoadOptions;
use crate::engine::pipeline;
use crate::engine::sanitize::sanitize_line;
use crate::engine::text::truncate;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// `{"stories": [...]}`. Fields are declared in alphabetical order: the output is the one
/// a `serde_json::Map` (sorted keys) gave before these structs.
#[derive(Serialize)]
struct StoriesJson {
    stories: Vec<StoryJson>,
}

#[derive(Serialize)]
struct StoryJson {
    articles: Vec<ArticleJson>,
    label: String,
}

#[derive(Serialize)]
struct ArticleJson {
    path: String,
    title: String,
}

fn to_json(stories: &[Story], articles: &[Article]) -> StoriesJson {
    StoriesJson {
        stories: stories
            .iter()
            .map(|s| StoryJson {
                articles: s
                    .members
                    .iter()
                    .filter_map(|&m| articles.get(m))
                    .map(|a| ArticleJson {
                        path: a.source.label(),
                        title: sanitize_line(&a.title),
                    })
                    .collect(),
                label: s.label.clone(),
            })
            .collect(),
    }
}

/// `parallax stories`: the articles grouped into stories ([`pipeline::group`], as the
/// reader's library groups them), as JSON or a listing.
pub(crate) fn run(paths: &[PathBuf], json: bool, opts: &LoadOptions) -> ExitCode {
    let articles = load_for_script(paths, opts);
    if articles.is_empty() {
        super::output::warn("nothing could be loaded");
        return ExitCode::FAILURE;
    }
    let (_, stories) = pipeline::group(&articles);
    write_stdout(|out| {
        if json {
            return write_json(out, &to_json(&stories, &articles));
        }
        stories.iter().enumerate().try_for_each(|(i, s)| {
            let n = s.members.len();
            // No shared names to label it: the first report's title stands in.
            let label = match s.label.trim() {
                "" => s
                    .members
                    .first()
                    .and_then(|&m| articles.get(m))
                    .map_or_else(String::new, |a| truncate(&sanitize_line(&a.title), 60)),
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
    })
}
