//! Why a URL could not be fetched: one variant per reason a user can act on, each naming the
//! URL. Built from ureq's errors by [`classify`], which looks through the I/O error wrapping
//! that body reads add.

use std::time::Duration;

/// A failed fetch. Every message starts with the URL (sanitized when displayed, through
/// [`crate::engine::load::LoadError::display`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: only http and https URLs are fetched ({scheme}: refused)")]
    Scheme { url: String, scheme: String },
    #[error("{url}: not a valid URL ({reason})")]
    BadUrl { url: String, reason: String },
    #[error("{url}: DNS lookup failed: no address found for {host}")]
    Dns { url: String, host: String },
    #[error("{url}: connection refused by {host}")]
    Refused { url: String, host: String },
    #[error("{url}: TLS error: {reason}")]
    Tls { url: String, reason: String },
    #[error("{url}: HTTP {status} {reason}")]
    Status {
        url: String,
        status: u16,
        reason: String,
    },
    #[error("{url}: timed out after {secs} s ({phase}; use --timeout to allow longer)")]
    Timeout {
        url: String,
        secs: u64,
        phase: String,
    },
    #[error("{url}: redirect loop ({chain})")]
    RedirectLoop { url: String, chain: String },
    #[error("{url}: too many redirects (more than {limit}; last to {last})")]
    TooManyRedirects {
        url: String,
        limit: usize,
        last: String,
    },
    #[error(
        "{url}: over the size limit of {limit} bytes, stopped reading (use --max-size to raise it)"
    )]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: not a page or feed (Content-Type {content_type})")]
    NotArticle { url: String, content_type: String },
    #[error("{url}: {reason}")]
    Network { url: String, reason: String },
}

impl FetchError {
    /// The URL the error is about.
    pub fn url(&self) -> &str {
        match self {
            FetchError::Scheme { url, .. }
            | FetchError::BadUrl { url, .. }
            | FetchError::Dns { url, .. }
            | FetchError::Refused { url, .. }
            | FetchError::Tls { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::RedirectLoop { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::NotArticle { url, .. }
            | FetchError::Network { url, .. } => url,
        }
    }

    /// A one-word kind for logs and summaries ("dns", "http-404", "timeout", ...).
    pub fn kind(&self) -> String {
        match self {
            FetchError::Scheme { .. } => "scheme".into(),
            FetchError::BadUrl { .. } => "bad-url".into(),
            FetchError::Dns { .. } => "dns".into(),
            FetchError::Refused { .. } => "refused".into(),
            FetchError::Tls { .. } => "tls".into(),
            FetchError::Status { status, .. } => format!("http-{status}"),
            FetchError::Timeout { .. } => "timeout".into(),
            FetchError::RedirectLoop { .. } => "redirect-loop".into(),
            FetchError::TooManyRedirects { .. } => "too-many-redirects".into(),
            FetchError::TooLarge { .. } => "too-large".into(),
            FetchError::NotArticle { .. } => "not-article".into(),
            FetchError::Network { .. } => "network".into(),
        }
    }
}

/// Maps a ureq error (from the request or from reading the body) to the reason a user sees.
pub fn classify(err: ureq::Error, url: &str, host: &str, total: Duration) -> FetchError {
    let url = url.to_string();
    let host = host.to_string();
    match err {
        ureq::Error::Io(io) => classify_io(io, url, host, total),
        ureq::Error::HostNotFound => FetchError::Dns { url, host },
        ureq::Error::Timeout(t) => FetchError::Timeout {
            url,
            secs: total.as_secs(),
            phase: timeout_phase(t).into(),
        },
        ureq::Error::StatusCode(status) => FetchError::Status {
            url,
            status,
            reason: status_reason(status).into(),
        },
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url,
            limit: super::MAX_REDIRECTS,
            last: String::from("?"),
        },
        e @ (ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_)) => {
            FetchError::Tls {
                url,
                reason: e.to_string(),
            }
        }
        ureq::Error::TlsRequired => FetchError::Tls {
            url,
            reason: "the connection is not encrypted".into(),
        },
        ureq::Error::BadUri(reason) => FetchError::BadUrl { url, reason },
        ureq::Error::ConnectionFailed => FetchError::Network {
            url,
            reason: format!("could not connect to {host}"),
        },
        e => FetchError::Network {
            url,
            reason: e.to_string(),
        },
    }
}

fn classify_io(io: std::io::Error, url: String, host: String, total: Duration) -> FetchError {
    use std::io::ErrorKind;
    // Body reads wrap ureq's own errors (a timeout while streaming) in an io::Error, and
    // the TLS layer its handshake errors.
    if io.get_ref().is_some_and(|e| e.is::<ureq::Error>()) {
        return classify(ureq::Error::from(io), &url, &host, total);
    }
    if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
        return FetchError::Tls {
            url,
            reason: tls.to_string(),
        };
    }
    let text = io.to_string();
    match io.kind() {
        ErrorKind::ConnectionRefused => FetchError::Refused { url, host },
        ErrorKind::TimedOut | ErrorKind::WouldBlock => FetchError::Timeout {
            url,
            secs: total.as_secs(),
            phase: "network".into(),
        },
        _ if text.contains("failed to lookup address")
            || text.contains("Name or service not known")
            || text.contains("nodename nor servname") =>
        {
            FetchError::Dns { url, host }
        }
        ErrorKind::ConnectionReset | ErrorKind::UnexpectedEof | ErrorKind::BrokenPipe => {
            FetchError::Network {
                url,
                reason: format!("the connection to {host} closed early ({text})"),
            }
        }
        _ => FetchError::Network {
            url,
            reason: format!("network error: {text}"),
        },
    }
}

fn timeout_phase(t: ureq::Timeout) -> &'static str {
    use ureq::Timeout as T;
    match t {
        T::Resolve => "looking up the host",
        T::Connect => "connecting",
        T::SendRequest | T::SendBody | T::PerWrite | T::Await100 => "sending the request",
        T::RecvResponse => "waiting for the response",
        T::RecvBody => "reading the body",
        _ => "the whole request",
    }
}

/// The reason phrase of common statuses (servers' own phrases are not kept by HTTP/2 and
/// often missing).
pub fn status_reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        s if (400..500).contains(&s) => "(client error)",
        s if (500..600).contains(&s) => "(server error)",
        _ => "(unexpected status)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_url_and_reason() {
        let e = FetchError::Status {
            url: "http://a/x.html".into(),
            status: 404,
            reason: status_reason(404).into(),
        };
        assert_eq!(e.to_string(), "http://a/x.html: HTTP 404 Not Found");
        assert_eq!(e.kind(), "http-404");
        let e = classify(
            ureq::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
            "http://127.0.0.1:9/",
            "127.0.0.1",
            Duration::from_secs(30),
        );
        assert!(matches!(e, FetchError::Refused { .. }), "{e}");
        let e = classify(
            ureq::Error::Timeout(ureq::Timeout::Global),
            "http://a/",
            "a",
            Duration::from_secs(3),
        );
        assert_eq!(
            e.to_string(),
            "http://a/: timed out after 3 s (the whole request; use --timeout to allow longer)"
        );
    }
}
