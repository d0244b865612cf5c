//! `parallax fetch [URL…]`: the subscriptions (or the URLs given) into the local store, with a
//! line per source on stdout as each is saved (`URL: 2 new, 0 changed, 5 unchanged, 0 failed`,
//! `not modified (304)`, `failed: HTTP 404 Not Found`), problems on stderr, and a total. The
//! exit code is non-zero only when no source could be fetched.

use super::output::{SafeWriter, warn};
use super::progress::StderrProgress;
use crate::engine::fetch::{Stage, parse_http, subscriptions};
use crate::engine::load::LoadOptions;
use crate::engine::sanitize::sanitize_line;
use crate::store::sync::{self, Event, Outcome};
use crate::store::{SaveCounts, Store};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(urls: &[String], opts: &LoadOptions, store: Option<&Path>) -> ExitCode {
    let Some(path) = store else {
        warn("no place for the store: set PARALLAX_STORE or give --store PATH");
        return ExitCode::FAILURE;
    };
    let mut store = match Store::open(path) {
        Ok(s) => s,
        Err(e) => {
            warn(&e.display());
            return ExitCode::FAILURE;
        }
    };
    let Some(urls) = sources(urls, &store) else {
        return ExitCode::FAILURE;
    };
    let progress = StderrProgress::new(urls.len());
    let stdout = std::io::stdout();
    let mut out = SafeWriter::new(stdout.lock());
    let mut on_event = |e: Event| match e {
        Event::Queued(_) => {}
        Event::Stage { url, stage } => {
            let verb = match stage {
                Stage::FullText { done, total } => format!("full text {done}/{total} of"),
                _ => "fetching".to_string(),
            };
            progress.show(&verb, &url);
        }
        Event::Done(report) => {
            progress.tick();
            progress.clear();
            if let Outcome::Saved { problems, .. } = &report.outcome {
                for p in problems {
                    progress.clear();
                    warn(p);
                }
            }
            let line = format!("{}: {}", sanitize_line(&report.url), report.summary());
            if matches!(report.outcome, Outcome::Failed(_)) {
                progress.clear();
                warn(&line);
            }
            let _ = writeln!(out, "{line}");
        }
    };
    let reports = match sync::refresh(&mut store, &urls, opts, &mut on_event) {
        Ok(r) => r,
        Err(e) => {
            progress.clear();
            warn(&e.display());
            return ExitCode::FAILURE;
        }
    };
    drop(progress);
    let mut total = SaveCounts::default();
    let (mut not_modified, mut failed, mut entries_failed) = (0, 0, 0);
    for r in &reports {
        match &r.outcome {
            Outcome::Saved { counts, problems } => {
                total.add(*counts);
                entries_failed += problems.len();
            }
            Outcome::NotModified => not_modified += 1,
            Outcome::Failed(_) => failed += 1,
        }
    }
    let n = reports.len();
    let _ = writeln!(
        out,
        "{n} source{}: {} new, {} changed, {} unchanged, {entries_failed} {} failed, \
         {not_modified} not modified, {failed} source{} failed (store: {})",
        if n == 1 { "" } else { "s" },
        total.new,
        total.changed,
        total.unchanged,
        if entries_failed == 1 {
            "entry"
        } else {
            "entries"
        },
        if failed == 1 { "" } else { "s" },
        crate::engine::sanitize::shown_path(store.path())
    );
    let _ = out.flush();
    if failed == n {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The URLs to fetch: those given (each checked), else the subscriptions, else the sources
/// fetched before.
fn sources(given: &[String], store: &Store) -> Option<Vec<String>> {
    let mut urls = Vec::new();
    if !given.is_empty() {
        for u in given {
            match parse_http(u) {
                Ok(url) => urls.push(url.to_string()),
                Err(e) => warn(&e.to_string()),
            }
        }
        if urls.is_empty() {
            warn("nothing to fetch");
            return None;
        }
        return Some(urls);
    }
    let env = |k: &str| std::env::var(k).ok();
    let urls_file = subscriptions::default_path(&env);
    let (urls, problems) = sync::default_sources(urls_file.as_deref(), Some(store));
    for p in &problems {
        warn(p);
    }
    if urls.is_empty() {
        let file = urls_file.map_or_else(
            || "$XDG_CONFIG_HOME/parallax/urls".into(),
            |p| p.display().to_string(),
        );
        warn(&format!(
            "no subscriptions: put feed or page URLs in {} (one a line), or give them: \
             parallax fetch URL…",
            sanitize_line(&file)
        ));
        return None;
    }
    Some(urls)
}
