//! Full text for feeds that give only summaries: an entry shorter than [`SUMMARY_WORDS`]
//! that links to an http(s) page is completed from that page, read by the HTML loader. The
//! pages are fetched a few at a time (the process-wide per-host limit applies), at most
//! [`MAX_PAGES`] per feed. A page that cannot be fetched leaves the summary in place, with a
//! note and a problem naming the page and the reason.

use super::client::{Conditional, get};
use super::{FetchError, Progress, Stage, page};
use crate::engine::article::{Article, Format};
use crate::engine::load::{LoadError, LoadOptions, Loaded};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// An entry with fewer words than this is taken for a summary.
pub const SUMMARY_WORDS: usize = 150;
/// Linked pages fetched per feed, at most.
pub const MAX_PAGES: usize = 100;
/// Pages fetched at once for one feed (the per-host limit may hold them to fewer).
const WORKERS: usize = 4;

/// The entries of `loaded` worth completing: short, with a web link.
fn candidates(loaded: &Loaded) -> Vec<usize> {
    loaded
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            a.format == Format::Feed
                && a.word_count() < SUMMARY_WORDS
                && a.meta
                    .url
                    .as_deref()
                    .is_some_and(|u| super::url::parse_http(u).is_ok())
        })
        .map(|(i, _)| i)
        .take(MAX_PAGES)
        .collect()
}

/// Replaces summary-only entries by their linked pages' text. Returns, for each entry
/// replaced, its position and the SHA-256 of the page's bytes.
pub fn complete(
    loaded: &mut Loaded,
    opts: &LoadOptions,
    progress: Progress<'_>,
) -> Vec<(usize, String)> {
    let todo = candidates(loaded);
    if todo.is_empty() {
        return Vec::new();
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, PageResult)>> = Mutex::new(Vec::new());
    let total = todo.len();
    progress(Stage::FullText { done: 0, total });
    let entries = &loaded.articles;
    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(total) {
            s.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = todo.get(k) else { break };
                    let link = entries[i].meta.url.clone().unwrap_or_default();
                    let result = linked_page(&link, opts);
                    if let Ok(mut r) = results.lock() {
                        r.push((i, result));
                    }
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    progress(Stage::FullText { done: n, total });
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(i, _)| *i);
    let mut replaced = Vec::new();
    for (i, result) in results {
        let entry = &mut loaded.articles[i];
        match result {
            Ok((page, hash)) if page.word_count() > entry.word_count() => {
                *entry = merge(page, entry);
                replaced.push((i, hash));
            }
            Ok(_) => entry
                .notes
                .push("the linked page has no more text than the feed; showing the feed's".into()),
            Err(e) => {
                let reason = e.reason();
                entry
                    .notes
                    .push(crate::engine::sanitize::sanitize_line(&format!(
                        "full text not fetched ({reason}); showing the feed's summary"
                    )));
                loaded.problems.push(e.into_load_error());
            }
        }
    }
    replaced
}

/// A linked page's article and the SHA-256 of its bytes, or why there is none.
type PageResult = Result<(Article, String), FetchOrLoad>;

/// Why a linked page gave no article.
enum FetchOrLoad {
    Fetch(FetchError),
    Load(LoadError),
}

impl FetchOrLoad {
    fn reason(&self) -> String {
        let full = match self {
            FetchOrLoad::Fetch(e) => e.to_string(),
            FetchOrLoad::Load(e) => e.to_string(),
        };
        // The message starts with the URL; the note gives only the reason.
        full.split_once(": ")
            .map_or(full.clone(), |(_, r)| r.to_string())
    }
    fn into_load_error(self) -> LoadError {
        match self {
            FetchOrLoad::Fetch(e) => e.into(),
            FetchOrLoad::Load(e) => e,
        }
    }
}

/// The article of a linked page: fetched and read as HTML (a feed or other format linked
/// from an entry is not followed further).
fn linked_page(link: &str, opts: &LoadOptions) -> PageResult {
    let resp = get(
        link,
        &Conditional::default(),
        &opts.net,
        opts.max_bytes,
        &|_| {},
    )
    .map_err(FetchOrLoad::Fetch)?;
    let loaded = page::parse(&resp).map_err(FetchOrLoad::Load)?;
    let hash = super::sha256_hex(&resp.body);
    loaded
        .articles
        .into_iter()
        .find(|a| a.format == Format::Html)
        .map(|a| (a, hash))
        .ok_or_else(|| {
            FetchOrLoad::Fetch(FetchError::NotArticle {
                url: link.to_string(),
                content_type: resp.mime.unwrap_or_else(|| "not given".into()),
            })
        })
}

/// The page's article with what the feed knew and the page did not: the outlet (the feed's
/// title), the date, the byline, the entry's link.
fn merge(mut page: Article, entry: &Article) -> Article {
    if (page.meta.outlet.is_none() || page.meta.outlet_derived)
        && let Some(o) = &entry.meta.outlet
    {
        page.meta.outlet = Some(o.clone());
        page.meta.outlet_derived = false;
    }
    page.meta.date = page.meta.date.take().or_else(|| entry.meta.date.clone());
    page.meta.byline = page
        .meta
        .byline
        .take()
        .or_else(|| entry.meta.byline.clone());
    page.meta.url = entry.meta.url.clone();
    page.notes
        .push("full text from the linked page (the feed gave a summary)".into());
    page
}
