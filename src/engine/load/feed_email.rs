//! A guard for a panic in feed-rs 3.0: its person parser (`parse_person_name_email`, used
//! for RSS `<author>`, `<managingEditor>`, `<webMaster>`, `<dc:creator>`) slices one byte
//! before and after the e-mail address it finds, which lands inside a character when the
//! neighbour is not ASCII (`jane@x.example\u{a0}(Jane)`, a C1 control, a curly apostrophe)
//! and panics. Before parsing, a space is put between an e-mail address and a neighbour that
//! is not ASCII, or that is a character reference (`&…;`) which the XML parser would decode
//! into one. The space is all that changes, and only beside e-mail addresses.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// feed-rs's e-mail pattern with its optional lead (`<[(`, `mailto:`) and tail (`>])`).
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:<\[\()?(?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:>\]\))?")
        .expect("a valid pattern")
});

/// `xml` with a space on each side of an e-mail address where feed-rs could slice into the
/// neighbouring character.
pub fn guard(xml: &str) -> Cow<'_, str> {
    if !xml.contains('@') {
        return Cow::Borrowed(xml);
    }
    let mut out = String::new();
    let mut last = 0;
    for m in EMAIL.find_iter(xml) {
        let before = xml[..m.start()].chars().next_back();
        let after = xml[m.end()..].chars().next();
        let pad_before = before.is_some_and(|c| !c.is_ascii() || c == ';');
        let pad_after = after.is_some_and(|c| !c.is_ascii() || c == '&');
        if !(pad_before || pad_after) {
            continue;
        }
        out.push_str(&xml[last..m.start()]);
        if pad_before {
            out.push(' ');
        }
        out.push_str(m.as_str());
        if pad_after {
            out.push(' ');
        }
        last = m.end();
    }
    if last == 0 {
        return Cow::Borrowed(xml);
    }
    out.push_str(&xml[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_beside_non_ascii_or_references_get_a_space() {
        assert_eq!(
            guard("jane@x.example\u{a0}(Jane)"),
            "jane@x.example \u{a0}(Jane)"
        );
        assert_eq!(guard("\u{2019}jane@x.example"), "\u{2019} jane@x.example");
        assert_eq!(guard("jane@x.example&#xA0;J"), "jane@x.example &#xA0;J");
        assert_eq!(guard("Jane (jane@x.example)"), "Jane (jane@x.example)");
        assert!(matches!(guard("no address here"), Cow::Borrowed(_)));
    }

    /// Authors that made feed-rs panic (a proptest found the first, with a C1 control).
    #[test]
    fn feeds_with_such_authors_load() {
        use crate::engine::article::{Format, Source};
        for author in [
            "m@x.ex\u{9b}2Jample (Mallory\u{9b}31m)",
            "jane@x.example\u{a0}(Jane Doe)",
            "Jane Doe\u{a0}jane@x.example",
            "jane@x.example&#xA0;(Jane Doe)",
            "&#x2019;jane@x.example (Jane Doe)",
            "jane@x.example\u{2019}s desk",
        ] {
            let feed = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
                 <title>T</title><link>https://x.example/</link><item><title>Item</title>\
                 <link>https://x.example/a</link><author>{author}</author>\
                 <description>Body text.</description></item></channel></rss>"
            );
            let loaded = crate::engine::load::parse(Source::Stdin, feed.as_bytes(), Format::Feed)
                .unwrap_or_else(|e| panic!("{author:?}: {e}"));
            assert_eq!(loaded.articles.len(), 1, "{author:?}");
        }
    }
}
