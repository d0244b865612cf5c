//! Fetching: http(s) URLs → bytes → the same loading path as files → [`Loaded`].
//!
//! A URL is an input like a file ([`crate::engine::load::Input::Url`]): [`client::get`] does
//! the HTTP exchange under our limits (scheme, timeouts, redirects, size while streaming,
//! compression), [`page::parse`] hands the body to [`load::parse`] with the format and charset
//! HTTP gives, and [`fulltext`] completes feed entries that are only summaries from their
//! linked pages. Every failure is a [`FetchError`] naming the URL and the reason; it never
//! stops the other inputs. Nothing here knows of terminals or of the store: progress is a
//! callback, and `store::sync` adds conditional requests and persistence on top.

pub mod client;
pub mod error;
pub mod fulltext;
pub mod hosts;
pub mod page;
pub mod subscriptions;
pub mod url;

pub use client::{Conditional, Response};
pub use error::FetchError;
pub use url::{looks_like_url, parse_http};

use crate::engine::article::Format;
use crate::engine::load::{self, LoadError, LoadOptions, Loaded};
use std::sync::LazyLock;
use std::time::Duration;

/// Redirects followed, at most.
pub const MAX_REDIRECTS: usize = 5;
/// Sent with every request: servers can tell who asks.
pub const USER_AGENT: &str = concat!(
    "parallax/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader)"
);

/// Network limits. The defaults are 10 s to connect and 30 s for a whole request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NetOptions {
    pub connect_timeout: Duration,
    /// For one request, from DNS to the last body byte, redirects included.
    pub total_timeout: Duration,
    /// Complete summary-only feed entries from their linked pages.
    pub full_text: bool,
    /// Honour `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` / `NO_PROXY`.
    pub proxy_from_env: bool,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            full_text: true,
            proxy_from_env: true,
        }
    }
}

/// Where one URL is, for progress displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for a free slot for its host.
    Waiting,
    Connecting,
    Receiving {
        bytes: u64,
        total: Option<u64>,
    },
    /// The body is in; it is being read into articles.
    Reading,
    /// Linked pages of a feed's summary entries.
    FullText {
        done: usize,
        total: usize,
    },
}

/// A progress callback; called from worker threads.
pub type Progress<'a> = &'a (dyn Fn(Stage) + Sync);

/// What one URL gave.
#[derive(Debug)]
pub struct Fetched {
    pub response: Response,
    /// `None` when the server answered 304 Not Modified.
    pub loaded: Option<Loaded>,
    /// Per article of `loaded`: the SHA-256 of the bytes it was read from (the feed's, or
    /// the linked page's when it was completed from one).
    pub raw_sha256: Vec<String>,
    /// The format the body was read as (`None` for a 304).
    pub format: Option<Format>,
    /// A feed's title (its entries' outlet), before any entry was completed.
    pub title: Option<String>,
}

/// Fetches `url` (conditionally when `cond` has validators) and reads what came.
pub fn fetch(
    url: &str,
    cond: &Conditional,
    opts: &LoadOptions,
    progress: Progress<'_>,
) -> Result<Fetched, LoadError> {
    let response = client::get(url, cond, &opts.net, opts.max_bytes, progress)?;
    if response.not_modified {
        return Ok(Fetched {
            response,
            loaded: None,
            raw_sha256: Vec::new(),
            format: None,
            title: None,
        });
    }
    progress(Stage::Reading);
    let (mut loaded, format) = page::parse_with_format(&response)?;
    let title = loaded.articles.first().and_then(|a| a.meta.outlet.clone());
    let body_hash = sha256_hex(&response.body);
    let mut raw_sha256 = vec![body_hash; loaded.articles.len()];
    if opts.net.full_text && loaded.articles.iter().any(|a| a.format == Format::Feed) {
        for (i, hash) in fulltext::complete(&mut loaded, opts, progress) {
            if let Some(h) = raw_sha256.get_mut(i) {
                *h = hash;
            }
        }
    }
    Ok(Fetched {
        response,
        loaded: Some(loaded),
        raw_sha256,
        format: Some(format),
        title,
    })
}

/// Fetches and reads one URL: the path of a URL given where a file could be.
pub fn load_url(
    url: &str,
    opts: &LoadOptions,
    progress: Progress<'_>,
) -> Result<Loaded, LoadError> {
    let fetched = fetch(url, &Conditional::default(), opts, progress)?;
    Ok(fetched.loaded.unwrap_or_default())
}

/// Hex SHA-256 of some bytes (the store's identity of raw bodies and texts).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Threads for network-bound loading: a fetch mostly waits, so more of them than cores.
const IO_THREADS: usize = 8;

static IO_POOL: LazyLock<Option<rayon::ThreadPool>> = LazyLock::new(|| {
    rayon::ThreadPoolBuilder::new()
        .num_threads(IO_THREADS.max(rayon::current_num_threads()))
        .thread_name(|i| format!("parallax-io-{i}"))
        .build()
        .ok()
});

/// Runs `f` (typically a `par_iter` over inputs) on the I/O pool, so that URLs are fetched
/// several at once even on a two-core machine; on the current pool if it could not be built.
pub fn with_io_threads<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match IO_POOL.as_ref() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// [`with_io_threads`] when `io` holds (there are URLs to fetch), else `f` where it is.
pub fn with_io_threads_if<R: Send>(io: bool, f: impl FnOnce() -> R + Send) -> R {
    if io { with_io_threads(f) } else { f() }
}

/// True when `inputs` holds a URL (callers then use [`with_io_threads`]).
pub fn any_url(inputs: &[load::Input]) -> bool {
    inputs.iter().any(|i| matches!(i, load::Input::Url(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_user_agent_names_parallax() {
        assert!(USER_AGENT.starts_with("parallax/"));
    }
}
