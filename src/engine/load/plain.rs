//! Plain text: each line is a block, unless the file is hard-wrapped (then runs of lines
//! separated by blank lines are paragraphs); bullets are blocks of their own.

use super::structure::{Hint, RawBlock, classify};
use super::{Decoded, default_meta};
use crate::engine::article::{Article, Format, Meta, Source, Span};

/// Builds an article from decoded plain text.
pub fn parse(source: Source, decoded: Decoded) -> Article {
    let text = decoded.text;
    let raw = raw_blocks(&text);
    let s = classify(&text, &raw, None);
    let meta = default_meta(
        &source,
        Meta {
            byline: s.byline,
            encoding: decoded.encoding,
            ..Meta::default()
        },
    );
    Article {
        source,
        format: Format::Text,
        title: s.title,
        title_derived: s.title_derived,
        meta,
        blocks: s.blocks,
        source_map: decoded.map,
        notes: decoded.notes,
        text,
        words: Default::default(),
        key: Default::default(),
    }
}

/// A line's span without surrounding whitespace, or `None` when blank.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    let line = &text[start..end];
    let lead = line.len() - line.trim_start().len();
    let body = line.trim();
    (!body.is_empty()).then(|| Span::new(start + lead, start + lead + body.len()))
}

pub fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('•' | '◦' | '▪' | '·' | '‣' | '-' | '*' | '–') => chars.next() == Some(' '),
        Some(c) if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            (rest.starts_with(". ") || rest.starts_with(") ")) && t.len() - rest.len() <= 3
        }
        _ => false,
    }
}

/// A file is hard-wrapped when its lines are short and paragraphs are separated by blank
/// lines: then consecutive lines are one paragraph.
fn is_hard_wrapped(lines: &[Span], text: &str, has_blank: bool) -> bool {
    if !has_blank || lines.len() < 4 {
        return false;
    }
    let long = lines
        .iter()
        .filter(|s| text[s.range()].chars().count() > 80)
        .count();
    let mid = lines
        .iter()
        .filter(|s| text[s.range()].chars().count() >= 40)
        .count();
    long == 0 && mid * 2 >= lines.len()
}

pub fn raw_blocks(text: &str) -> Vec<RawBlock> {
    // (span, blank line before it)
    let mut lines: Vec<(Span, bool)> = Vec::new();
    let mut pos = 0;
    let mut blank_before = false;
    let mut has_blank = false;
    for line in text.split_inclusive('\n') {
        match trimmed(text, pos, pos + line.len()) {
            Some(span) => {
                lines.push((span, blank_before));
                blank_before = false;
            }
            None => {
                blank_before = true;
                has_blank = !lines.is_empty();
            }
        }
        pos += line.len();
    }
    let spans: Vec<Span> = lines.iter().map(|l| l.0).collect();
    let wrapped = is_hard_wrapped(&spans, text, has_blank);
    let mut out: Vec<RawBlock> = Vec::new();
    for (span, blank) in lines {
        let line = &text[span.range()];
        let bullet = is_bullet(line);
        if wrapped
            && !blank
            && !bullet
            && let Some(last) = out.last_mut()
            && last.hint == Hint::Para
        {
            last.span.end = span.end;
            continue;
        }
        out.push(RawBlock {
            span,
            hint: if bullet { Hint::Bullet } else { Hint::Para },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_blocks_and_bullets_are_found() {
        let text = "Title Line\n\n  • first point\n  • second point\nA paragraph. Done.\n";
        let raw = raw_blocks(text);
        assert_eq!(raw.len(), 4);
        assert_eq!(&text[raw[1].span.range()], "• first point");
        assert_eq!(raw[1].hint, Hint::Bullet);
        assert_eq!(raw[3].hint, Hint::Para);
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let text = "A Title\n\nThis is a long line of text that wraps at about sixty\ncharacters, as email and old archives do, and it goes\non.\n\nSecond paragraph is here and it is also quite long ok.\nIt ends here.\n";
        let raw = raw_blocks(text);
        assert_eq!(raw.len(), 3, "{raw:?}");
        assert!(text[raw[1].span.range()].ends_with("on."));
    }
}
