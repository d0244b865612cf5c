//! Which arguments are URLs, and which URLs are fetched: `http` and `https` only. Every other
//! scheme (`file:`, `ftp:`, `data:`, `javascript:` …) is refused with a message naming it, so
//! a URL can never be a way to read a local file or run anything.

use super::FetchError;

/// Schemes recognised as URLs even without `//` (so `file:/etc/passwd` or `data:,x` is
/// refused rather than looked for as a file).
const BARE_SCHEMES: &[&str] = &[
    "file",
    "data",
    "javascript",
    "vbscript",
    "mailto",
    "about",
    "blob",
    "ftp",
    "ftps",
    "sftp",
    "gopher",
    "telnet",
    "ssh",
    "ws",
    "wss",
    "news",
    "nntp",
    "feed",
    "http",
    "https",
];

/// The scheme of `arg` when it starts with one (RFC 3986: a letter, then letters, digits,
/// `+`, `-`, `.`, then `:`). Single letters are not schemes (a Windows drive, `C:`).
pub fn scheme_of(arg: &str) -> Option<&str> {
    let colon = arg.find(':')?;
    let scheme = &arg[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (scheme.len() >= 2
        && first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// True when `arg` is meant as a URL: a scheme followed by `//`, or a well-known scheme.
/// The caller checks first that no local file has that name.
pub fn looks_like_url(arg: &str) -> bool {
    scheme_of(arg).is_some_and(|s| {
        arg[s.len() + 1..].starts_with("//")
            || BARE_SCHEMES.contains(&s.to_ascii_lowercase().as_str())
    })
}

/// Parses a URL to fetch: absolute, `http` or `https`, with a host.
pub fn parse_http(arg: &str) -> Result<url::Url, FetchError> {
    let refuse = |scheme: &str| FetchError::Scheme {
        url: arg.to_string(),
        scheme: scheme.to_ascii_lowercase(),
    };
    let url = url::Url::parse(arg.trim()).map_err(|e| match scheme_of(arg) {
        Some(s) if !matches!(s.to_ascii_lowercase().as_str(), "http" | "https") => refuse(s),
        _ => FetchError::BadUrl {
            url: arg.to_string(),
            reason: e.to_string(),
        },
    })?;
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(refuse(other)),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::BadUrl {
            url: arg.to_string(),
            reason: "no host".into(),
        });
    }
    Ok(url)
}

/// The host a URL names, for messages and per-host limits (`host:port` when the port is not
/// the scheme's default).
pub fn host_key(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or("");
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

/// An outlet name from a URL's host: `www.bbc.co.uk` → `bbc.co.uk`.
pub fn outlet_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(looks_like_url("https://example.com/a"));
        assert!(looks_like_url("file:///etc/passwd"));
        assert!(looks_like_url("file:/etc/passwd"));
        assert!(looks_like_url("javascript:alert(1)"));
        assert!(looks_like_url("HTTP://EXAMPLE.COM"));
        assert!(!looks_like_url("notes.txt"));
        assert!(!looks_like_url("C:\\news\\a.txt"));
        assert!(!looks_like_url("reuters:talks.txt"));
        assert!(!looks_like_url("./http://x"));
    }

    #[test]
    fn only_http_and_https_are_fetched() {
        assert!(parse_http("http://127.0.0.1:8080/a.html").is_ok());
        assert!(parse_http("https://example.com").is_ok());
        for (arg, scheme) in [
            ("file:///etc/passwd", "file"),
            ("FILE:///etc/passwd", "file"),
            ("ftp://example.com/x", "ftp"),
            ("data:text/html,<p>x", "data"),
            ("javascript:alert(1)", "javascript"),
        ] {
            match parse_http(arg) {
                Err(FetchError::Scheme { scheme: s, .. }) => assert_eq!(s, scheme, "{arg}"),
                other => panic!("{arg}: {other:?}"),
            }
        }
        let e = parse_http("file:///etc/passwd").unwrap_err().to_string();
        assert_eq!(
            e,
            "file:///etc/passwd: only http and https URLs are fetched (file: refused)"
        );
        assert!(matches!(
            parse_http("http://"),
            Err(FetchError::BadUrl { .. })
        ));
    }

    #[test]
    fn hosts_and_outlets() {
        let u = url::Url::parse("http://127.0.0.1:8080/x").unwrap();
        assert_eq!(host_key(&u), "127.0.0.1:8080");
        assert_eq!(
            outlet_of("https://www.bbc.co.uk/news/x").as_deref(),
            Some("bbc.co.uk")
        );
    }
}
