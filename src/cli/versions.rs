//! `parallax versions URL`: the versions the store keeps of an article (each distinct text it
//! had, oldest first), as a table or JSON; `--compare A B` lines two of them up side by side,
//! as `parallax compare` does two reports.

use super::output::{warn, write_json, write_stdout};
use crate::engine::sanitize::sanitize_line;
use crate::store::Store;
use crate::store::time::format_utc;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(
    url: &str,
    json: bool,
    compare: Option<&[u32]>,
    width: Option<u16>,
    store: Option<&Path>,
) -> ExitCode {
    let shown = sanitize_line(url);
    let opened = match store.map(Store::open_existing) {
        Some(Ok(Some(s))) => s,
        Some(Err(e)) => {
            warn(&e.display());
            return ExitCode::FAILURE;
        }
        _ => {
            warn(&format!(
                "{shown}: no store yet (parallax fetch keeps versions)"
            ));
            return ExitCode::FAILURE;
        }
    };
    let versions = match opened.versions(url) {
        Ok(v) if !v.is_empty() => v,
        Ok(_) => {
            warn(&format!(
                "{shown}: not in the store (fetch it: parallax fetch {shown})"
            ));
            return ExitCode::FAILURE;
        }
        Err(e) => {
            warn(&e.display());
            return ExitCode::FAILURE;
        }
    };
    if let Some(&[a, b]) = compare {
        let get = |n: u32| match opened.version(url, n) {
            Ok(Some(s)) => Some(s.to_article()),
            Ok(None) => {
                warn(&format!(
                    "{shown}: no version {n} (the store has 1 to {})",
                    versions.len()
                ));
                None
            }
            Err(e) => {
                warn(&e.display());
                None
            }
        };
        let (Some(left), Some(right)) = (get(a), get(b)) else {
            return ExitCode::FAILURE;
        };
        return compare_versions(&left, &right, width);
    }
    write_stdout(|out| {
        if json {
            let all: Vec<_> = versions
                .iter()
                .map(|v| {
                    serde_json::json!({
                        "version": v.number,
                        "fetched_at": format_utc(v.fetched_at),
                        "published": v.published.as_deref().map(sanitize_line),
                        "title": sanitize_line(&v.title),
                        "words": v.words,
                        "text_sha256": v.text_sha256,
                        "raw_sha256": v.raw_sha256,
                    })
                })
                .collect();
            return write_json(out, &serde_json::Value::Array(all));
        }
        let n = versions.len();
        writeln!(out, "{shown}: {n} version{}", if n == 1 { "" } else { "s" })?;
        for v in &versions {
            let published = v
                .published
                .as_deref()
                .map(|p| format!("  published {}", sanitize_line(p)))
                .unwrap_or_default();
            writeln!(
                out,
                "  v{:<3} fetched {}  {:>6} words  {}  {}{published}",
                v.number,
                format_utc(v.fetched_at),
                v.words,
                &v.text_sha256[..v.text_sha256.len().min(12)],
                crate::engine::text::truncate(&sanitize_line(&v.title), 50),
            )?;
        }
        if n > 1 {
            writeln!(
                out,
                "compare two: parallax versions {shown} --compare {} {}",
                n - 1,
                n
            )?;
        }
        Ok(())
    })
}

/// Two versions side by side: the compare view's text form.
fn compare_versions(
    a: &crate::engine::Article,
    b: &crate::engine::Article,
    width: Option<u16>,
) -> ExitCode {
    use crate::engine::compare::{self, render};
    use crate::engine::entities;
    let ex = entities::extract_story(&[a.clone(), b.clone()]);
    let c = compare::compare((a, &ex[0]), (b, &ex[1]));
    let width = super::compare::text_width(width);
    write_stdout(|out| write!(out, "{}", render::to_text(&c, a, b, width)))
}
