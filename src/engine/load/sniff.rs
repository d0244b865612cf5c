//! Content sniffing: what a file is, by its first bytes, when the extension is missing or wrong.
//!
//! Strong signals win over the extension: an XML declaration followed by `<rss`, `<feed` or
//! `<rdf:RDF` is a feed; `<!doctype html` or `<html` is a page; `{`/`[` that parses as JSON is
//! JSON (a JSON Feed when it says so). Without a strong signal the extension decides, and
//! without an extension the text is plain text.

use super::encoding;
use crate::engine::article::Format;

/// What the sniffer found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A format recognised by content.
    Format(Format),
    /// No strong signal: text of some kind.
    Text,
    /// NUL bytes or many control bytes (and not UTF-16).
    Binary,
}

/// How many bytes are looked at for markup signals.
const HEAD: usize = 4096;

/// Sniffs a format from content alone.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let utf16 = encoding::is_utf16(bytes);
    if !utf16 && super::looks_binary(bytes) {
        return Sniffed::Binary;
    }
    let head: String = if utf16 {
        encoding::decode_raw(&bytes[..bytes.len().min(HEAD * 2) & !1])
            .0
            .into_owned()
    } else {
        let head = &bytes[..bytes.len().min(HEAD)];
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        String::from_utf8_lossy(head).into_owned()
    };
    let lowered = head.to_ascii_lowercase();
    let lower = skip_prolog(&lowered);
    if lower.starts_with("<rss") || lower.starts_with("<feed") || lower.starts_with("<rdf:rdf") {
        return Sniffed::Format(Format::Feed);
    }
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return Sniffed::Format(Format::Html);
    }
    let trimmed = lower.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if trimmed.starts_with('{') && trimmed.contains("jsonfeed.org/version") {
            return Sniffed::Format(Format::Feed);
        }
        if is_json(bytes, utf16) {
            return Sniffed::Format(Format::Json);
        }
    }
    // Markup without a doctype: a page fragment that starts with a common tag.
    if ["<head", "<body", "<meta ", "<title"]
        .iter()
        .any(|t| lower.starts_with(t))
    {
        return Sniffed::Format(Format::Html);
    }
    Sniffed::Text
}

/// Skips leading whitespace, the XML declaration, comments, processing instructions and a
/// non-HTML doctype, returning what follows.
fn skip_prolog(s: &str) -> &str {
    let mut rest = s.trim_start();
    loop {
        let next = if rest.starts_with("<?") {
            rest.find("?>").map(|p| &rest[p + 2..])
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|p| &rest[p + 3..])
        } else if rest.starts_with("<!doctype") && !rest.starts_with("<!doctype html") {
            // An internal subset (`<!DOCTYPE rss [ <!ENTITY …> ]>`) holds '>' of its own.
            let close = match (rest.find('['), rest.find('>')) {
                (Some(b), Some(g)) if b < g => rest[b..].find("]").map(|e| b + e),
                _ => Some(0),
            };
            close.and_then(|c| rest[c..].find('>').map(|p| &rest[c + p + 1..]))
        } else {
            None
        };
        match next {
            Some(n) => rest = n.trim_start(),
            None => return rest,
        }
    }
}

/// The whole input parses as JSON, or its first non-blank line does (JSON Lines).
fn is_json(bytes: &[u8], utf16: bool) -> bool {
    let text = encoding::decode_raw(bytes).0;
    let text = if utf16 {
        text
    } else {
        text.trim_start_matches('\u{feff}').into()
    };
    if serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok() {
        return true;
    }
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| serde_json::from_str::<serde::de::IgnoredAny>(l).is_ok())
}

/// The first character that is not whitespace or a byte-order mark (in the first bytes).
fn first_char(bytes: &[u8]) -> Option<char> {
    let head = encoding::decode_raw(&bytes[..bytes.len().min(HEAD)]).0;
    head.chars()
        .find(|c| !c.is_whitespace() && *c != '\u{feff}')
}

/// The format to parse with: a strong content signal, else the extension's, else text.
pub fn resolve(by_extension: Option<Format>, bytes: &[u8]) -> Format {
    match sniff(bytes) {
        Sniffed::Format(f) => match (by_extension, f) {
            // Markdown may embed HTML; a JSON Feed is JSON: keep what the name says.
            (Some(Format::Markdown), Format::Html) => Format::Markdown,
            (Some(Format::Feed), Format::Json) => Format::Feed,
            _ => f,
        },
        Sniffed::Text | Sniffed::Binary => {
            let start = first_char(bytes);
            match by_extension {
                // A truncated or broken ".json" is reported as the malformed JSON it is, and a
                // ".xml" that is markup as a malformed feed, not shown as raw text.
                Some(Format::Json) if matches!(start, Some('{' | '[')) => Format::Json,
                Some(Format::Feed) if start == Some('<') => Format::Feed,
                // A ".json" or ".xml" of plain words: read it as text rather than fail to parse.
                Some(Format::Json | Format::Feed) | None => Format::Text,
                Some(f) => f,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        let f = |s: &str| sniff(s.as_bytes());
        assert_eq!(
            f("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Sniffed::Format(Format::Feed)
        );
        assert_eq!(
            f("<?xml version='1.0'?><!-- c --><feed xmlns=\"\">"),
            Sniffed::Format(Format::Feed)
        );
        assert_eq!(
            f("<rdf:RDF xmlns:rdf=\"x\">"),
            Sniffed::Format(Format::Feed)
        );
        assert_eq!(f("  <!DOCTYPE html><html>"), Sniffed::Format(Format::Html));
        assert_eq!(
            f("<?xml version=\"1.0\"?><!DOCTYPE x><html xmlns=\"\">"),
            Sniffed::Format(Format::Html)
        );
        assert_eq!(f("[{\"title\": \"a\"}]"), Sniffed::Format(Format::Json));
        assert_eq!(f("{\"a\":1}\n{\"a\":2}\n"), Sniffed::Format(Format::Json));
        assert_eq!(f("{ not json"), Sniffed::Text);
        assert_eq!(f("Just a story.\n"), Sniffed::Text);
        assert_eq!(sniff(b"\x00\x01\x02\x03"), Sniffed::Binary);
    }

    #[test]
    fn extension_and_content_agree_or_content_wins() {
        assert_eq!(
            resolve(Some(Format::Text), b"<!doctype html><p>x"),
            Format::Html
        );
        assert_eq!(
            resolve(Some(Format::Markdown), b"<html>x"),
            Format::Markdown
        );
        assert_eq!(resolve(Some(Format::Json), b"plain words"), Format::Text);
        assert_eq!(
            resolve(Some(Format::Json), b"[{\"title\": \"cut"),
            Format::Json
        );
        assert_eq!(resolve(Some(Format::Feed), b"<rss><channel>"), Format::Feed);
        let dtd = b"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"x\">\n]>\n<rss>";
        assert_eq!(resolve(None, dtd), Format::Feed);
        assert_eq!(
            resolve(Some(Format::Html), b"<p>fragment</p>"),
            Format::Html
        );
        assert_eq!(resolve(None, b"<rss version=\"2.0\">"), Format::Feed);
    }
}
