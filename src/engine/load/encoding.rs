//! Text encodings: bytes as read → UTF-8, sanitized, with a note when it was not plain UTF-8.
//!
//! The order is the one browsers use, minus the network: a byte-order mark (UTF-8, UTF-16LE,
//! UTF-16BE), then a charset the document declares (`<?xml encoding="…"?>`, `<meta charset>`,
//! `<meta http-equiv="content-type" content="…; charset=…">`), then UTF-8 when the bytes are
//! valid UTF-8 or nearly so (see `mostly_utf8`), then a guess by chardetng.
//! `Decoded::encoding` names the encoding whenever it was not plain UTF-8 ("windows-1251",
//! "ISO-8859-2 (guessed)", "UTF-16LE", "UTF-8 (2 invalid bytes replaced)"), so the reader can
//! say so.

use crate::engine::article::SourceMap;
use crate::engine::sanitize::{sanitize, sanitize_line};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// Decoded, sanitized text plus what the reader should be told about it.
pub struct Decoded {
    pub text: String,
    /// Maps offsets in `text` to offsets in the decoded input (exact for UTF-8 input).
    pub map: SourceMap,
    pub notes: Vec<String>,
    pub encoding: Option<String>,
}

/// How far into the input a charset declaration is looked for.
const DECLARATION_WINDOW: usize = 2048;

/// The encoding named by a byte-order mark, and the mark's length.
pub fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// UTF-16 without a byte-order mark: in the first KiB, nearly every other byte is NUL and the
/// rest are not (ASCII-range text). Returns the byte order.
pub fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 9 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True when the bytes are UTF-16 (by byte-order mark or by shape), so NUL bytes in them do
/// not mean "binary".
pub fn is_utf16(bytes: &[u8]) -> bool {
    matches!(bom(bytes), Some((e, _)) if e == UTF_16LE || e == UTF_16BE)
        || bomless_utf16(bytes).is_some()
}

/// A charset declared in the first bytes: an XML declaration or an HTML `<meta>`.
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    match declaration(bytes)? {
        Declared::Known(enc) => Some(enc),
        Declared::Unsupported(_) => None,
    }
}

/// What a document says its charset is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declared {
    Known(&'static Encoding),
    /// A label encoding_rs does not know, or one it maps to the replacement encoding (ISO-2022-KR,
    /// HZ-GB-2312 ...: decoding would turn the whole file into one U+FFFD). The label is
    /// sanitized and shortened for display.
    Unsupported(String),
}

/// The charset declaration in the first bytes, if there is one.
pub fn declaration(bytes: &[u8]) -> Option<Declared> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let label = xml_declared(&head).or_else(|| meta_declared(&head))?.trim();
    let unsupported = || {
        let shown: String = sanitize_line(label).chars().take(40).collect();
        Declared::Unsupported(shown)
    };
    let Some(enc) = Encoding::for_label(label.as_bytes()) else {
        return Some(unsupported());
    };
    if enc == REPLACEMENT {
        return Some(unsupported());
    }
    // A document we could read the declaration of as ASCII is not UTF-16, whatever it says.
    if enc == UTF_16LE || enc == UTF_16BE {
        return Some(Declared::Known(UTF_8));
    }
    Some(Declared::Known(enc))
}

fn xml_declared(head: &str) -> Option<&str> {
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    quoted_after(decl, "encoding")
}

fn meta_declared(head: &str) -> Option<&str> {
    let mut rest = head;
    while let Some(at) = rest.find("<meta") {
        let tag = &rest[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(cs) = quoted_after(tag, "charset") {
            return Some(cs);
        }
        if tag.contains("http-equiv")
            && let Some(content) = quoted_after(tag, "content")
            && let Some(pos) = content.find("charset=")
        {
            let cs = &content[pos + 8..];
            return Some(cs.split([';', ' ', '"', '\'']).next().unwrap_or(cs));
        }
        rest = &rest[at + 5..];
    }
    None
}

/// The value of `name=value`, `name="value"` or `name='value'` in an attribute list (or in a
/// `content="…; charset=…"` value). `name` must start a word.
fn quoted_after<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(pos) = s[from..].find(name).map(|p| from + p) {
        from = pos + name.len();
        let starts_word = s[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, ';' | '"' | '\''));
        let Some(rest) = s[from..].trim_start().strip_prefix('=') else {
            continue;
        };
        if !starts_word {
            continue;
        }
        let rest = rest.trim_start();
        let (quote, body) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
            _ => (None, rest),
        };
        let end = match quote {
            Some(q) => body.find(q)?,
            None => body
                .find(|c: char| c.is_whitespace() || matches!(c, '/' | '>' | ';' | '"' | '\''))
                .unwrap_or(body.len()),
        };
        let v = &body[..end];
        return (!v.is_empty()).then_some(v);
    }
    None
}

/// How many bytes of `bytes` are not part of valid UTF-8.
fn invalid_utf8_bytes(bytes: &[u8]) -> usize {
    bytes.utf8_chunks().map(|c| c.invalid().len()).sum()
}

/// UTF-8 with a few stray bytes (one Latin-1 `é` pasted into a UTF-8 file, one raw C1 byte
/// beside a `U+202E`): its valid multi-byte sequences hold more continuation bytes than there
/// are invalid bytes (a valid 3-byte sequence counts 2: it almost never forms by chance), and
/// the invalid bytes are a handful or under 1% of the non-ASCII bytes. Legacy 8-bit text
/// almost never forms valid sequences (Cyrillic or accented letters are not followed by
/// continuation bytes), so it is not taken.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut invalid, mut continuations) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        invalid += chunk.invalid().len();
        continuations += chunk
            .valid()
            .chars()
            .map(|c| c.len_utf8() - 1)
            .sum::<usize>();
    }
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    continuations > invalid && (invalid <= 4 || invalid * 100 < non_ascii)
}

/// Which encoding to use and whether it was guessed. Never fails: chardetng always answers.
pub fn detect(bytes: &[u8]) -> (&'static Encoding, usize, bool) {
    let (enc, skip, guessed, _) = detect_with_declaration(bytes);
    (enc, skip, guessed)
}

/// [`detect`], and the label of a declared charset that could not be used.
fn detect_with_declaration(bytes: &[u8]) -> (&'static Encoding, usize, bool, Option<String>) {
    if let Some((enc, len)) = bom(bytes) {
        return (enc, len, false, None);
    }
    if let Some(enc) = bomless_utf16(bytes) {
        return (enc, 0, true, None);
    }
    let unsupported = match declaration(bytes) {
        Some(Declared::Known(enc)) => return (enc, 0, false, None),
        Some(Declared::Unsupported(label)) => Some(label),
        None => None,
    };
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        return (UTF_8, 0, unsupported.is_some(), unsupported);
    }
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    (det.guess(None, Utf8Detection::Allow), 0, true, unsupported)
}

/// Decodes bytes to text without sanitizing: for parsers (XML, JSON) that want the raw text.
/// Returns the text, the encoding's display name when it was not plain UTF-8, and whether
/// there were undecodable bytes. A declared charset that cannot be used is named in the
/// encoding ("UTF-8 (guessed; declared "iso-2022-kr" is not supported)").
pub fn decode_raw(bytes: &[u8]) -> (Cow<'_, str>, Option<String>, bool) {
    let (enc, skip, guessed, unsupported) = detect_with_declaration(bytes);
    let (text, errors) = enc.decode_without_bom_handling(&bytes[skip..]);
    let name = if let Some(label) = unsupported {
        Some(format!(
            "{} (guessed; declared \"{label}\" is not supported)",
            enc.name()
        ))
    } else if enc == UTF_8 && !guessed {
        errors.then(|| {
            let n = invalid_utf8_bytes(&bytes[skip..]);
            format!(
                "UTF-8 ({n} invalid byte{} replaced)",
                if n == 1 { "" } else { "s" }
            )
        })
    } else if guessed {
        Some(format!("{} (guessed)", enc.name()))
    } else {
        Some(enc.name().to_string())
    };
    (text, name, errors)
}

/// Decodes bytes (see the module docs for the order) and sanitizes the text.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (raw, encoding, errors) = decode_raw(bytes);
    let mut notes = Vec::new();
    if errors {
        let what = match encoding.as_deref() {
            Some(e) if !e.starts_with("UTF-8") => e,
            _ => "UTF-8",
        };
        notes.push(format!("not valid {what}: invalid bytes shown as \u{FFFD}"));
    }
    let (text, cleaned, map) = sanitize(&raw);
    if cleaned.total() > 0 {
        notes.push(format!(
            "{} control or invisible character{} removed or replaced",
            cleaned.total(),
            if cleaned.total() == 1 { "" } else { "s" }
        ));
    }
    Decoded {
        text,
        map,
        notes,
        encoding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_declarations() {
        let d = decode(b"\xef\xbb\xbfplain");
        assert_eq!((d.text.as_str(), d.encoding), ("plain", None));
        let mut le = vec![0xff, 0xfe];
        le.extend("Zürich".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le);
        assert_eq!(d.text, "Zürich");
        assert_eq!(d.encoding.as_deref(), Some("UTF-16LE"));
        let html = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8</body>";
        let d = decode(html);
        assert!(d.text.contains("При"), "{}", d.text);
        assert_eq!(d.encoding.as_deref(), Some("windows-1251"));
        let meta =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">caf\xe9";
        assert!(decode(meta).text.ends_with("café"));
        let xml = b"<?xml version='1.0' encoding='KOI8-R'?><a>\xf0\xd2\xc9</a>";
        assert_eq!(decode(xml).encoding.as_deref(), Some("KOI8-R"));
    }

    #[test]
    fn unsupported_and_unknown_declarations_fall_back() {
        for label in ["iso-2022-kr", "hz-gb-2312", "x-no-such-charset"] {
            let html = format!("<meta charset=\"{label}\"><p>Hello caf\u{e9} world</p>");
            let d = decode(html.as_bytes());
            assert!(d.text.contains("Hello café world"), "{label}: {}", d.text);
            let enc = d.encoding.unwrap();
            assert!(
                enc.contains(label) && enc.contains("not supported"),
                "{enc}"
            );
        }
        let d = decode(b"<meta charset=\"iso-2022-kr\"><p>caf\xe9 cr\xe8me br\xfbl\xe9e</p>");
        assert!(d.text.contains("café crème brûlée"), "{}", d.text);
    }

    #[test]
    fn guesses_are_labelled() {
        let d = decode("Le café était très animé, déjà plein à midi.".as_bytes());
        assert_eq!(d.encoding, None);
        let latin1: Vec<u8> = "Le café était très animé, déjà plein à midi."
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        let d = decode(&latin1);
        assert!(d.text.contains("café"));
        assert!(d.encoding.unwrap().ends_with("(guessed)"));
    }

    #[test]
    fn stray_bytes_in_utf8_are_replaced_not_guessed() {
        let bytes = b"Zelenskyy\xe2\x80\x99s \xe2\x80\x9cbig\xe2\x80\x9d day\n\nA caf\xc3\xa9 \xe9 here and more text.\n";
        let d = decode(bytes);
        assert!(d.text.starts_with("Zelenskyy’s “big” day"), "{}", d.text);
        assert!(d.text.contains("café \u{FFFD} here"), "{}", d.text);
        assert_eq!(
            d.encoding.as_deref(),
            Some("UTF-8 (1 invalid byte replaced)")
        );
        assert_eq!(
            d.notes,
            vec!["not valid UTF-8: invalid bytes shown as \u{FFFD}".to_string()]
        );
        // One 3-byte character (an RLO) and one raw C1 byte: UTF-8, not windows-1257.
        let d = decode(b"Maria Lopez said \xe2\x80\xae here and \x9b31m there.\n");
        assert_eq!(
            d.encoding.as_deref(),
            Some("UTF-8 (1 invalid byte replaced)")
        );
        assert!(!d.text.contains('\u{101}'), "{}", d.text);
        // Legacy text with an accidental valid pair stays a guess.
        let d = decode(b"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0 \xc3\xa9 \xe4\xe5\xed\xfc");
        assert!(d.encoding.unwrap().ends_with("(guessed)"));
    }

    #[test]
    fn bomless_utf16_is_found() {
        let be: Vec<u8> = "Hello there, world"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(is_utf16(&be));
        assert_eq!(decode(&be).text, "Hello there, world");
        assert!(!is_utf16(b"plain ascii text here"));
    }
}
