//! Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) with feed-rs: each entry becomes an article.
//!
//! The bytes are decoded by [`super::encoding`] first (so a guessed or declared charset is
//! reported like any other file's) and handed to feed-rs as UTF-8. Entry content or summary
//! HTML is rendered to blocks as pages are ([`super::html::render_fragment`]); relative links
//! are resolved against `xml:base` (by feed-rs) or else the feed's own link. A truncated or
//! malformed feed is a [`LoadError::Parse`] naming the file.

use super::encoding::decode_raw;
use super::html::{Rendered, build, clean_byline, clean_line, render_fragment, render_plain};
use super::structure::Hint;
use super::{LoadError, Loaded};
use crate::engine::article::{Article, Format, Meta, Source};
use feed_rs::model::{Entry, Feed, Link, Text};

/// Parses a feed into one article per entry.
pub fn parse(source: Source, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let label = source.label();
    let fail = |reason: String| LoadError::Parse {
        path: label.clone(),
        reason,
    };
    let (text, encoding, errors) = decode_raw(bytes);
    let xml = without_rss_namespace(&without_declarations(&text)).into_owned();
    let xml = super::feed_email::guard(&xml).into_owned();
    let trimmed = xml.trim_start();
    if has_internal_subset(trimmed) {
        return Err(fail(
            "not a valid feed: it declares an internal DTD subset (<!DOCTYPE … [ … ]>, entity \
             definitions), which feeds do not use"
                .into(),
        ));
    }
    if trimmed.starts_with('<') && !is_closed(trimmed) {
        return Err(fail(
            "not a valid feed: the XML ends before its root element is closed (truncated?)".into(),
        ));
    }
    let feed = feed_rs::parser::Builder::new()
        .build()
        .parse(xml.as_bytes())
        .map_err(|e| fail(format!("not a valid feed: {e}")))?;
    let mut notes = Vec::new();
    if errors {
        notes.push("the feed has undecodable bytes, shown as \u{FFFD}".to_string());
    }
    let base = feed_link(&feed);
    let outlet = feed.title.as_ref().and_then(text_line);
    let articles = feed
        .entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let source = Source::Entry {
                of: Box::new(source.clone()),
                index,
            };
            let meta = Meta {
                outlet: outlet.clone(),
                encoding: encoding.clone(),
                language: entry
                    .language
                    .as_deref()
                    .or(feed.language.as_deref())
                    .and_then(clean_line),
                ..Meta::default()
            };
            entry_article(source, entry, base.as_deref(), meta, notes.clone())
        })
        .collect();
    Ok(Loaded {
        articles,
        problems: Vec::new(),
    })
}

fn entry_article(
    source: Source,
    entry: &Entry,
    base: Option<&str>,
    meta: Meta,
    mut notes: Vec<String>,
) -> Article {
    let title = entry.title.as_ref().and_then(text_line);
    let names: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().and_then(clean_byline))
        .collect();
    let date = entry
        .published
        .or(entry.updated)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let url = entry_link(&entry.links)
        .map(|href| resolve(entry.base.as_deref().or(base), href))
        .and_then(|u| clean_line(&u));
    let meta = Meta {
        byline: (!names.is_empty()).then(|| names.join(", ")),
        date,
        url,
        ..meta
    };
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref().map(|b| (b, c.content_type.to_string())))
        .filter(|(b, _)| !b.trim().is_empty())
        .or_else(|| {
            entry
                .summary
                .as_ref()
                .map(|s| (s.content.as_str(), s.content_type.to_string()))
        });
    let mut rendered = match body {
        Some((b, kind)) if kind.starts_with("text/plain") && !b.contains('<') => plain(b),
        Some((b, _)) => render_fragment(b),
        None => Rendered::default(),
    };
    if rendered.pieces.is_empty() {
        notes.push("the feed entry has no text; showing its title".to_string());
        if let Some(t) = &title {
            rendered.pieces.push((Hint::Heading(1), t.clone()));
        }
    }
    build(source, Format::Feed, rendered, title, meta, notes)
}

/// Plain-text content: entities decoded, blank lines separate paragraphs.
fn plain(body: &str) -> Rendered {
    render_plain(&html_escape::decode_html_entities(body), "\n\n")
}

/// A feed text (title, name) as one clean line; HTML titles lose their markup.
fn text_line(t: &Text) -> Option<String> {
    clean_line(&t.content)
}

/// The entry's own page: the `alternate` link, else the first one.
fn entry_link(links: &[Link]) -> Option<&str> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(links.first())
        .map(|l| l.href.as_str())
}

/// The feed's site link, the base for entry links that are relative.
fn feed_link(feed: &Feed) -> Option<String> {
    feed.links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone())
}

/// Resolves `href` against `base` when it is relative and the base is absolute.
fn resolve(base: Option<&str>, href: &str) -> String {
    if url::Url::parse(href).is_ok() {
        return href.to_string();
    }
    base.and_then(|b| url::Url::parse(b).ok())
        .and_then(|b| b.join(href).ok())
        .map_or_else(|| href.to_string(), String::from)
}

/// The XML without its XML declarations: the text is UTF-8 now, so a declared encoding is
/// stale, and a declaration anywhere but at the start (hostile or broken input) makes the XML
/// reader switch encodings mid-stream, which panics inside it. Without one, XML is UTF-8.
fn without_declarations(xml: &str) -> std::borrow::Cow<'_, str> {
    let body = xml.trim_start_matches('\u{feff}');
    let is_decl = |rest: &str| {
        rest.starts_with("<?xml")
            && rest[5..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_whitespace() || c == '?')
    };
    if !body
        .match_indices("<?xml")
        .any(|(i, _)| is_decl(&body[i..]))
    {
        return body.into();
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("<?xml") {
        let end = is_decl(&rest[at..])
            .then(|| rest[at..].find("?>"))
            .flatten();
        match end {
            Some(e) => {
                out.push_str(&rest[..at]);
                rest = &rest[at + e + 2..];
            }
            None => {
                out.push_str(&rest[..at + 5]);
                rest = &rest[at + 5..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// RSS 2.0 has no namespace, but some feeds declare one (`<rss xmlns="http://backend.
/// userland.com/rss2">`) and feed-rs then ignores every element: drop a default namespace
/// from an `<rss>` root.
fn without_rss_namespace(xml: &str) -> std::borrow::Cow<'_, str> {
    let Some(at) = xml.find("<rss") else {
        return xml.into();
    };
    let tag_end = xml[at..].find('>').map_or(xml.len(), |p| at + p);
    let tag = &xml[at..tag_end];
    let Some(ns) = tag.find(" xmlns=").or_else(|| tag.find("\nxmlns=")) else {
        return xml.into();
    };
    let value = &tag[ns + 7..];
    let Some(q) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
        return xml.into();
    };
    let Some(close) = value[1..].find(q) else {
        return xml.into();
    };
    let (start, end) = (at + ns, at + ns + 7 + 1 + close + 1);
    format!("{}{}", &xml[..start], &xml[end..]).into()
}

/// True when a `<!DOCTYPE` before the root element has an internal subset (`[ … ]`): entity
/// definitions a feed never needs and an attacker does (exponential expansion).
fn has_internal_subset(xml: &str) -> bool {
    let b = xml.as_bytes();
    let head = &b[..b.len().min(64 * 1024)];
    let mut from = 0;
    while let Some(p) = head[from..].windows(2).position(|w| w == b"<!") {
        let decl = &head[from + p + 2..];
        if decl
            .get(..7)
            .is_some_and(|d| d.eq_ignore_ascii_case(b"doctype"))
        {
            let end = decl.iter().position(|&c| c == b'>').unwrap_or(decl.len());
            return decl[..end].contains(&b'[');
        }
        from += p + 2;
    }
    false
}

/// True when the XML's root element is closed: after trailing comments and whitespace, the
/// text ends with the root's closing tag (or the root closes itself).
fn is_closed(xml: &str) -> bool {
    let mut head = xml;
    let root = loop {
        let Some(p) = head.find('<') else {
            return false;
        };
        head = &head[p + 1..];
        if !head.starts_with(['?', '!']) {
            break head
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or("");
        }
    };
    let mut tail = xml.trim_end();
    while tail.ends_with("-->") {
        match tail.rfind("<!--") {
            Some(p) => tail = tail[..p].trim_end(),
            None => return false,
        }
    }
    let closing = tail
        .strip_suffix('>')
        .map(str::trim_end)
        .and_then(|t| t.strip_suffix(root))
        .is_some_and(|t| t.ends_with("</"));
    let self_closed = head.trim_end().ends_with("/>") && !head.contains('<');
    !root.is_empty() && (closing || self_closed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_dropped() {
        let x = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss/>";
        assert_eq!(without_declarations(x), "<rss/>");
        assert_eq!(without_declarations("<rss/>"), "<rss/>");
        // A second one later (found by fuzzing: the XML reader panicked switching encodings).
        let late = "\u{1b}[2J<?xml version=\"1.0\" encoding=\"iso-2022-kr\"?><rss/><?xmlfoo?>";
        assert_eq!(without_declarations(late), "\u{1b}[2J<rss/><?xmlfoo?>");
        assert_eq!(
            without_declarations("<rss><?xml never ends"),
            "<rss><?xml never ends"
        );
    }

    #[test]
    fn rss_default_namespace_is_dropped() {
        let x =
            "<?xml?><rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\" xmlns:y=\"z\">";
        assert_eq!(
            without_rss_namespace(x),
            "<?xml?><rss version=\"2.0\" xmlns:y=\"z\">"
        );
    }

    #[test]
    fn internal_subsets_are_seen() {
        assert!(has_internal_subset(
            "<?xml?>\n<!DOCTYPE rss [<!ENTITY a \"b\">]><rss/>"
        ));
        assert!(!has_internal_subset(
            "<!DOCTYPE rss SYSTEM \"x.dtd\"><rss/>"
        ));
        assert!(!has_internal_subset("<rss><channel/></rss>"));
        // Found by fuzzing: a multi-byte character right after "<!" (no panic on slicing).
        assert!(!has_internal_subset("<!—±<rss/>"));
        // Nor when the 64 KiB look-ahead ends inside one.
        let long = format!("{}é<rss/>", "a".repeat(64 * 1024 - 1));
        assert!(!has_internal_subset(&long));
    }

    #[test]
    fn truncation_is_seen() {
        assert!(is_closed("<rss><channel/></rss>\n<!-- x -->"));
        assert!(!is_closed("<rss><channel><title>x</title>\n<!-- cut -->"));
    }

    #[test]
    fn links_resolve() {
        assert_eq!(resolve(Some("http://a.com/x/"), "/b"), "http://a.com/b");
        assert_eq!(resolve(None, "/b"), "/b");
        assert_eq!(
            resolve(Some("http://a.com"), "https://c.org/"),
            "https://c.org/"
        );
    }
}
