//! One HTTP GET with our limits: ureq (rustls, no OpenSSL) with status codes and redirects
//! handled here, so that a redirect loop is named as one, a redirect to another scheme is
//! refused, and the total timeout covers every hop. The body is read as it streams and
//! reading stops at the size limit (gzip and brotli are decoded by ureq, deflate here); the
//! limit applies to the decoded bytes, so a compressed bomb stops early too.

use super::error::{FetchError, classify, status_reason};
use super::hosts::HOSTS;
use super::url::{host_key, parse_http};
use super::{MAX_REDIRECTS, NetOptions, Progress, Stage, USER_AGENT};
use std::io::{BufRead, BufReader, Read};
use std::sync::{LazyLock, Mutex};
use std::time::Instant;
use ureq::http::header;

/// Validators from an earlier fetch, sent so that an unchanged resource answers 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful exchange (2xx, or 304 to a conditional request).
#[derive(Debug, Clone, Default)]
pub struct Response {
    /// The URL asked for.
    pub url: String,
    /// Where the body came from, after redirects.
    pub final_url: String,
    pub status: u16,
    /// 304: the validators still hold; `body` is empty.
    pub not_modified: bool,
    /// The media type of `Content-Type`, lower case (`text/html`).
    pub mime: Option<String>,
    /// The `charset` parameter of `Content-Type`.
    pub charset: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The decoded body, at most the size limit.
    pub body: Vec<u8>,
}

const ACCEPT: &str = "text/html, application/xhtml+xml, application/rss+xml, \
    application/atom+xml, application/feed+json, application/xml;q=0.9, text/*;q=0.8, */*;q=0.5";
const ACCEPT_ENCODING: &str = "gzip, deflate, br";

/// One agent (connection pool, TLS config) per set of options, shared by every thread.
static AGENTS: LazyLock<Mutex<Vec<(NetOptions, ureq::Agent)>>> =
    LazyLock::new(|| Mutex::new(Vec::new()));

fn agent(opts: &NetOptions) -> ureq::Agent {
    let mut agents = AGENTS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, a)) = agents.iter().find(|(o, _)| o == opts) {
        return a.clone();
    }
    let proxy = if opts.proxy_from_env {
        ureq::Proxy::try_from_env()
    } else {
        None
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(opts.connect_timeout.min(opts.total_timeout)))
        .timeout_global(Some(opts.total_timeout))
        .user_agent(USER_AGENT)
        .accept(ACCEPT)
        .accept_encoding(ACCEPT_ENCODING)
        .proxy(proxy)
        .build()
        .into();
    agents.push((*opts, agent.clone()));
    agent
}

/// GETs `url`, following up to [`MAX_REDIRECTS`] redirects, and reads at most `max_bytes`
/// of body. `progress` hears each stage.
pub fn get(
    url: &str,
    cond: &Conditional,
    opts: &NetOptions,
    max_bytes: u64,
    progress: Progress<'_>,
) -> Result<Response, FetchError> {
    let start = Instant::now();
    let mut current = parse_http(url)?;
    let host = host_key(&current);
    progress(Stage::Waiting);
    let _slot = HOSTS.acquire(&host);
    let agent = agent(opts);
    let mut visited = vec![current.to_string()];
    loop {
        let remaining = opts.total_timeout.saturating_sub(start.elapsed());
        let hop_host = current.host_str().unwrap_or("").to_string();
        let fail = |e: ureq::Error| classify(e, url, &hop_host, opts.total_timeout);
        if remaining.is_zero() {
            return Err(fail(ureq::Error::Timeout(ureq::Timeout::Global)));
        }
        progress(Stage::Connecting);
        let mut request = agent.get(current.as_str());
        if let Some(e) = &cond.etag {
            request = request.header(header::IF_NONE_MATCH, e);
        }
        if let Some(lm) = &cond.last_modified {
            request = request.header(header::IF_MODIFIED_SINCE, lm);
        }
        let response = request
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()
            .map_err(fail)?;
        let status = response.status().as_u16();
        let headers = response.headers();
        let text = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_string())
        };
        if (300..400).contains(&status) && status != 304 {
            let Some(location) = text(header::LOCATION) else {
                return Err(FetchError::Status {
                    url: url.to_string(),
                    status,
                    reason: "redirect without a Location".into(),
                });
            };
            let next = current.join(&location).map_err(|e| FetchError::Network {
                url: url.to_string(),
                reason: format!("bad redirect target {location:?}: {e}"),
            })?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(FetchError::Network {
                    url: url.to_string(),
                    reason: format!(
                        "redirected to {next}, which is not an http or https URL (refused)"
                    ),
                });
            }
            if visited.iter().any(|v| v == next.as_str()) {
                visited.push(next.to_string());
                return Err(FetchError::RedirectLoop {
                    url: url.to_string(),
                    chain: visited.join(" → "),
                });
            }
            if visited.len() > MAX_REDIRECTS {
                return Err(FetchError::TooManyRedirects {
                    url: url.to_string(),
                    limit: MAX_REDIRECTS,
                    last: next.to_string(),
                });
            }
            visited.push(next.to_string());
            current = next;
            continue;
        }
        let (mime, charset) = text(header::CONTENT_TYPE)
            .map(|ct| split_content_type(&ct))
            .unwrap_or((None, None));
        let mut out = Response {
            url: url.to_string(),
            final_url: current.to_string(),
            status,
            not_modified: status == 304,
            mime,
            charset,
            etag: text(header::ETAG),
            last_modified: text(header::LAST_MODIFIED),
            body: Vec::new(),
        };
        if status == 304 {
            return Ok(out);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status {
                url: url.to_string(),
                status,
                reason: status_reason(status).into(),
            });
        }
        let encoding = text(header::CONTENT_ENCODING)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let length = text(header::CONTENT_LENGTH).and_then(|l| l.parse::<u64>().ok());
        let too_large = || FetchError::TooLarge {
            url: url.to_string(),
            limit: max_bytes,
        };
        if matches!(encoding.as_str(), "" | "identity") && length.is_some_and(|l| l > max_bytes) {
            return Err(too_large());
        }
        let reader = response
            .into_body()
            .into_with_config()
            .limit(u64::MAX)
            .reader();
        let mut reader: Box<dyn Read> = match encoding.as_str() {
            "" | "identity" | "gzip" | "x-gzip" | "br" => Box::new(reader),
            "deflate" => deflate(reader),
            other => {
                return Err(FetchError::Network {
                    url: url.to_string(),
                    reason: format!("unsupported Content-Encoding {other:?}"),
                });
            }
        };
        out.body = read_limited(&mut reader, max_bytes, length, progress).map_err(|e| match e {
            ReadError::TooLarge => too_large(),
            ReadError::Io(io) => classify(ureq::Error::Io(io), url, &hop_host, opts.total_timeout),
        })?;
        return Ok(out);
    }
}

enum ReadError {
    TooLarge,
    Io(std::io::Error),
}

/// Reads until the end or until more than `max` bytes arrived (then stops: the rest is never
/// read, the connection is dropped).
fn read_limited(
    reader: &mut dyn Read,
    max: u64,
    total: Option<u64>,
    progress: Progress<'_>,
) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::with_capacity(total.unwrap_or(0).min(max) as usize);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(body),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::Io(e)),
        };
        if body.len() as u64 + n as u64 > max {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk[..n]);
        progress(Stage::Receiving {
            bytes: body.len() as u64,
            total,
        });
    }
}

/// HTTP's `deflate` is zlib-wrapped by the standard, raw deflate by some servers: the first
/// two bytes tell which.
fn deflate(reader: impl Read + 'static) -> Box<dyn Read> {
    let mut buffered = BufReader::new(reader);
    let zlib = buffered
        .fill_buf()
        .ok()
        .filter(|h| h.len() >= 2)
        .is_some_and(|h| h[0] & 0x0f == 8 && (u16::from(h[0]) << 8 | u16::from(h[1])) % 31 == 0);
    if zlib {
        Box::new(flate2::bufread::ZlibDecoder::new(buffered))
    } else {
        Box::new(flate2::bufread::DeflateDecoder::new(buffered))
    }
}

/// `text/html; charset=ISO-8859-1` → (`text/html`, `ISO-8859-1`).
pub fn split_content_type(ct: &str) -> (Option<String>, Option<String>) {
    let mut parts = ct.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    });
    (mime, charset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_parts() {
        assert_eq!(
            split_content_type("text/html; charset=ISO-8859-1"),
            (Some("text/html".into()), Some("ISO-8859-1".into()))
        );
        assert_eq!(
            split_content_type("Application/RSS+XML;Charset=\"utf-8\""),
            (Some("application/rss+xml".into()), Some("utf-8".into()))
        );
        assert_eq!(split_content_type(""), (None, None));
    }

    #[test]
    fn reading_stops_at_the_limit() {
        struct Endless(u64);
        impl Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.0 += buf.len() as u64;
                buf.fill(b'x');
                Ok(buf.len())
            }
        }
        let mut r = Endless(0);
        let out = read_limited(&mut r, 1 << 20, None, &|_| {});
        assert!(matches!(out, Err(ReadError::TooLarge)));
        assert!(r.0 < (1 << 20) + 128 * 1024, "read {} bytes", r.0);
        let mut small: &[u8] = b"hello";
        assert!(matches!(read_limited(&mut small, 5, None, &|_| {}), Ok(b) if b == b"hello"));
    }

    #[test]
    fn deflate_both_forms() {
        use flate2::Compression;
        use std::io::Write;
        let text = b"Deflated news, twice over.".repeat(20);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(&text).unwrap();
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(&text).unwrap();
        for bytes in [z.finish().unwrap(), raw.finish().unwrap()] {
            let mut out = Vec::new();
            deflate(std::io::Cursor::new(bytes))
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out, text);
        }
    }
}
