//! Guards run on markup before any parser sees it: a linear scan of the tags.
//!
//! HTML parsers do work per tag that grows with what is open (the stack of open elements, the
//! list of active formatting elements) and per attribute that grows with the attributes
//! before it (duplicate checks), so 100,000 nested `<div>`s or 300,000 attributes on one tag
//! take minutes. [`defuse`] rewrites such markup before parsing: tags nested deeper than
//! [`MAX_DEPTH`] (by an upper estimate of nesting) are left out, with their closing tags, and a
//! tag with more than [`MAX_ATTRIBUTES`] attributes loses them. Markup within the bounds is
//! returned unchanged (borrowed), so real pages parse exactly as before. [`strip_tags`] is the
//! last resort when a parse runs over its time budget.

use std::borrow::Cow;

/// Nesting (estimated) beyond which tags are left out before parsing.
pub const MAX_DEPTH: usize = 256;
/// Attributes beyond which a tag's attributes are dropped before parsing.
pub const MAX_ATTRIBUTES: usize = 256;

/// Elements that never hold others, or that the parser closes implicitly when a sibling
/// starts (so they do not add up in an estimate of nesting).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "option", "param", "dt", "dd", "tr", "td", "th",
];

/// One piece of markup found by [`scan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// An opening tag that adds to the nesting, with its attribute count.
    Open {
        attrs: usize,
    },
    /// A void or self-closing tag, with its attribute count.
    Leaf {
        attrs: usize,
    },
    Close,
    /// A comment, or the raw text of a script or style: not markup, not text.
    Skipped,
}

/// Calls `f(start, end, piece, name_end)` for each tag, in order, skipping comments and the
/// contents of scripts and styles. `start..end` is the tag's byte range (end past `>`, or the
/// end of input), `name_end` where its name ends.
fn scan(html: &str, mut f: impl FnMut(usize, usize, Piece, usize)) {
    let b = html.as_bytes();
    let mut i = 0usize;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let start = i + off;
        i = start + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i, b"-->").unwrap_or(b.len());
            f(start, i, Piece::Skipped, start);
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let name_start = i + usize::from(close);
        let name_end = name_start
            + b[name_start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
                .count();
        if name_end == name_start || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let (tag_end, attrs) = tag_end(b, name_end);
        i = tag_end;
        if close {
            f(start, tag_end, Piece::Close, name_end);
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let self_closed = b[..tag_end].ends_with(b"/>");
        if VOID.contains(&name.as_str()) || self_closed {
            f(start, tag_end, Piece::Leaf { attrs }, name_end);
            continue;
        }
        f(start, tag_end, Piece::Open { attrs }, name_end);
        if matches!(
            name.as_str(),
            "script" | "style" | "textarea" | "title" | "xmp"
        ) {
            let closer = format!("</{name}");
            i = find_ci(html, tag_end, &closer).unwrap_or(b.len());
            f(tag_end, i, Piece::Skipped, tag_end);
        }
    }
}

/// The end of a tag whose name ends at `from` (past its `>`, quotes respected), and how many
/// attributes it has.
fn tag_end(b: &[u8], from: usize) -> (usize, usize) {
    let (mut i, mut attrs, mut in_name) = (from, 0usize, false);
    while i < b.len() {
        match b[i] {
            b'>' => return (i + 1, attrs),
            q @ (b'"' | b'\'') => {
                in_name = false;
                i = memchr(q, &b[i + 1..]).map_or(b.len(), |p| i + 1 + p);
            }
            c if c.is_ascii_whitespace() || c == b'/' || c == b'=' => in_name = false,
            _ => {
                if !in_name && b[i - 1] != b'=' {
                    attrs += 1;
                }
                in_name = true;
            }
        }
        i += 1;
    }
    (b.len(), attrs)
}

/// An upper estimate of element nesting: open tags minus close tags, skipping void elements,
/// self-closing tags, comments, and the insides of scripts and styles.
pub fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    scan(html, |_, _, piece, _| match piece {
        Piece::Open { .. } => {
            depth += 1;
            max = max.max(depth);
        }
        Piece::Close => depth = depth.saturating_sub(1),
        Piece::Leaf { .. } | Piece::Skipped => {}
    });
    max
}

/// Markup made safe to parse (see the module docs), and a note when it was changed.
pub fn defuse(html: &str) -> (Cow<'_, str>, Option<String>) {
    let (mut depth, mut max, mut most_attrs) = (0usize, 0usize, 0usize);
    scan(html, |_, _, piece, _| match piece {
        Piece::Open { attrs } => {
            depth += 1;
            max = max.max(depth);
            most_attrs = most_attrs.max(attrs);
        }
        Piece::Leaf { attrs } => most_attrs = most_attrs.max(attrs),
        Piece::Close => depth = depth.saturating_sub(1),
        Piece::Skipped => {}
    });
    if max <= MAX_DEPTH && most_attrs <= MAX_ATTRIBUTES {
        return (Cow::Borrowed(html), None);
    }
    let mut out = String::with_capacity(html.len().min(1 << 24));
    let (mut copied, mut depth, mut dropped, mut stripped) = (0usize, 0usize, 0usize, 0usize);
    scan(html, |start, end, piece, name_end| {
        let keep = match piece {
            Piece::Open { .. } => {
                depth += 1;
                depth <= MAX_DEPTH
            }
            Piece::Close => {
                let keep = depth <= MAX_DEPTH;
                depth = depth.saturating_sub(1);
                keep
            }
            Piece::Leaf { .. } | Piece::Skipped => true,
        };
        let attrs = match piece {
            Piece::Open { attrs } | Piece::Leaf { attrs } => attrs,
            Piece::Close | Piece::Skipped => 0,
        };
        out.push_str(&html[copied..start]);
        copied = end;
        if !keep {
            dropped += 1;
        } else if attrs > MAX_ATTRIBUTES {
            stripped += 1;
            out.push_str(&html[start..name_end]);
            out.push('>');
        } else {
            out.push_str(&html[start..end]);
        }
    });
    out.push_str(&html[copied..]);
    let mut what = Vec::new();
    if dropped > 0 {
        what.push(format!(
            "{dropped} tags nested over {MAX_DEPTH} deep left out"
        ));
    }
    if stripped > 0 {
        what.push(format!(
            "attributes of {stripped} tag{} with over {MAX_ATTRIBUTES} dropped",
            if stripped == 1 { "" } else { "s" }
        ));
    }
    let note = format!("pathological markup: {}", what.join("; "));
    (Cow::Owned(out), Some(note))
}

/// The text of markup without its tags (and without comments, scripts and styles), entities
/// decoded: for when parsing ran over its time budget.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut copied = 0usize;
    scan(html, |start, end, _, _| {
        out.push_str(&html[copied..start]);
        out.push(' ');
        copied = end;
    });
    out.push_str(&html[copied..]);
    html_escape::decode_html_entities(&out).into_owned()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p + needle.len())
}

fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = hay.as_bytes().get(from..)?;
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_estimated() {
        assert_eq!(
            nesting_depth("<html><body><div><p>x<br>y</div></body></html>"),
            3
        );
        assert_eq!(
            nesting_depth("<div><!-- <div><div> --><img src=x/></div>"),
            1
        );
        assert_eq!(
            nesting_depth("<script>if (a<b && c<d) {}</script><div></div>"),
            1
        );
        assert_eq!(nesting_depth(&"<span>".repeat(600)), 600);
        assert_eq!(nesting_depth("<a title='x>y'><b>t</b></a>"), 2);
    }

    #[test]
    fn ordinary_markup_is_untouched() {
        let page = "<html><body><div class=\"a\" id=b><p>Text &amp; more</p></div></body></html>";
        let (out, note) = defuse(page);
        assert!(matches!(out, Cow::Borrowed(_)) && note.is_none());
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let html = format!("{}deep text{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let (out, note) = defuse(&html);
        assert!(out.contains("deep text"));
        assert_eq!(nesting_depth(&out), MAX_DEPTH);
        assert!(note.unwrap().contains("left out"));
    }

    #[test]
    fn attribute_floods_are_dropped() {
        let attrs: String = (0..1000).map(|i| format!(" a{i}=\"v\"")).collect();
        let html = format!("<p{attrs}>kept</p>");
        let (out, note) = defuse(&html);
        assert_eq!(out, "<p>kept</p>");
        assert!(note.unwrap().contains("attributes"));
    }

    #[test]
    fn stripped_text() {
        assert_eq!(
            strip_tags("<p>a &amp; <b>b</b></p><script>x<y</script>c")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["a", "&", "b", "c"]
        );
    }
}
