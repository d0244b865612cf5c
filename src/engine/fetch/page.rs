//! A fetched body → articles, through the same path as a file's bytes ([`load::parse`]:
//! decoding, sanitizing, the HTML / feed / JSON loaders, the empty and binary checks). What
//! HTTP adds: the format hint from `Content-Type` (instead of an extension), and its charset
//! when the document declares none.

use super::FetchError;
use super::client::Response;
use crate::engine::article::{Format, Source};
use crate::engine::load::{self, LoadError, Loaded, encoding, sniff};
use encoding_rs::{Encoding, UTF_8};

/// The format `Content-Type` names, if it names one; `Err` when it names something that is
/// no article (an image, a PDF, an archive).
pub fn format_hint(mime: Option<&str>, url: &str) -> Result<Option<Format>, FetchError> {
    let by_path = || {
        url::Url::parse(url)
            .ok()
            .and_then(|u| load::format_of_extension(std::path::Path::new(u.path())))
    };
    let Some(mime) = mime else {
        return Ok(by_path());
    };
    let format = match mime {
        "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "application/rss+xml"
        | "application/atom+xml"
        | "application/rdf+xml"
        | "application/xml"
        | "text/xml" => Some(Format::Feed),
        "application/feed+json" => Some(Format::Feed),
        "application/json" | "application/x-ndjson" | "application/jsonl" => Some(Format::Json),
        "text/markdown" | "text/x-markdown" => Some(Format::Markdown),
        "text/plain" | "application/octet-stream" | "binary/octet-stream" => by_path(),
        m if m.starts_with("text/") => by_path(),
        m if m.ends_with("+xml") => Some(Format::Feed),
        m if m.ends_with("+json") => Some(Format::Json),
        other => {
            return Err(FetchError::NotArticle {
                url: url.to_string(),
                content_type: other.to_string(),
            });
        }
    };
    Ok(format)
}

/// The body re-encoded as UTF-8 when `Content-Type` gives a charset and the document itself
/// declares none (no byte-order mark, no `<meta charset>`, no XML declaration). Returns the
/// encoding used. UTF-8 is left to the loader, which also says when such a body is not.
pub fn with_header_charset(
    body: &[u8],
    charset: Option<&str>,
) -> Option<(Vec<u8>, &'static Encoding)> {
    let enc = Encoding::for_label(charset?.trim().as_bytes())?;
    if enc == UTF_8 || encoding::bom(body).is_some() || encoding::declared(body).is_some() {
        return None;
    }
    let (text, _, _) = enc.decode(body);
    Some((text.into_owned().into_bytes(), enc))
}

/// Parses a fetched body into articles (no full-text completion: see `fulltext`).
pub fn parse(resp: &Response) -> Result<Loaded, LoadError> {
    parse_with_format(resp).map(|(loaded, _)| loaded)
}

/// [`parse`], and the format the body was read as.
pub fn parse_with_format(resp: &Response) -> Result<(Loaded, Format), LoadError> {
    let hint = format_hint(resp.mime.as_deref(), &resp.final_url)?;
    let recoded = with_header_charset(&resp.body, resp.charset.as_deref());
    let bytes = recoded.as_ref().map_or(resp.body.as_slice(), |(b, _)| b);
    let format = sniff::resolve(hint, bytes);
    let source = Source::Url(resp.final_url.clone());
    let mut loaded = match load::parse(source, bytes, format) {
        Err(LoadError::Binary { .. }) => {
            return Err(FetchError::NotArticle {
                url: resp.url.clone(),
                content_type: format!(
                    "{}, binary content",
                    resp.mime.as_deref().unwrap_or("not given")
                ),
            }
            .into());
        }
        other => other?,
    };
    for a in &mut loaded.articles {
        if let Some((_, enc)) = &recoded {
            a.meta.encoding = Some(format!("{} (from the HTTP header)", enc.name()));
        }
        // A page is known by where it came from; a feed entry by its own link.
        if a.meta.url.is_none() && matches!(a.source, Source::Url(_)) {
            a.meta.url = Some(crate::engine::sanitize::sanitize_line(&resp.final_url));
        }
    }
    Ok((loaded, format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_give_formats() {
        let u = "http://h/x";
        assert_eq!(format_hint(Some("text/html"), u), Ok(Some(Format::Html)));
        assert_eq!(
            format_hint(Some("application/rss+xml"), u),
            Ok(Some(Format::Feed))
        );
        assert_eq!(
            format_hint(Some("text/plain"), "http://h/a.md"),
            Ok(Some(Format::Markdown))
        );
        assert_eq!(
            format_hint(None, "http://h/feed.xml"),
            Ok(Some(Format::Feed))
        );
        assert!(matches!(
            format_hint(Some("image/png"), u),
            Err(FetchError::NotArticle { .. })
        ));
        assert!(matches!(
            format_hint(Some("application/pdf"), u),
            Err(FetchError::NotArticle { .. })
        ));
    }

    #[test]
    fn header_charset_only_when_the_page_declares_none() {
        let latin1 = b"<p>M\xfcnchen</p>";
        let (utf8, enc) = with_header_charset(latin1, Some("ISO-8859-1")).unwrap();
        assert_eq!(String::from_utf8(utf8).unwrap(), "<p>München</p>");
        assert_eq!(enc.name(), "windows-1252");
        let declared = b"<meta charset=\"koi8-r\"><p>\xf0</p>";
        assert!(with_header_charset(declared, Some("ISO-8859-1")).is_none());
        assert!(with_header_charset(latin1, Some("utf-8")).is_none());
        assert!(with_header_charset(latin1, Some("no-such-charset")).is_none());
        assert!(with_header_charset(latin1, None).is_none());
    }
}
