//! The article model: one report, its clean text, and byte ranges into that text.
//!
//! Everything later (sentences, words, entities, diff pieces) is a [`Span`] into
//! [`Article::text`], so overlaying one kind of range on another is a range intersection and
//! every offset can be checked. For a UTF-8 plain-text file with no control characters the text
//! *is* the file; otherwise a [`SourceMap`] maps clean offsets back to the bytes as read.

use crate::engine::sanitize::sanitize_line;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// A byte range `start..end` into an article's text. Always on `char` boundaries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
    /// One of the embedded seed reports, by file name.
    Seed(String),
    /// One article of several in one input: a feed entry or a JSON record. `index` counts
    /// from 0; the label counts from 1 (`feed.xml#3` is the third entry).
    Entry {
        of: Box<Source>,
        index: usize,
    },
    /// A page or feed fetched from the web (the URL after redirects).
    Url(String),
    /// One kept version of a web article, from the local store (`version` counts from 1).
    Stored {
        url: String,
        version: u32,
    },
}

impl Source {
    /// A short label for display, sanitized (file names are untrusted too).
    pub fn label(&self) -> String {
        match self {
            Source::File(p) => crate::engine::sanitize::shown_path(p),
            Source::Stdin => "stdin".to_string(),
            Source::Seed(name) => format!("seeds/{}", sanitize_line(name)),
            Source::Entry { of, index } => format!("{}#{}", of.label(), index + 1),
            Source::Url(u) => sanitize_line(u),
            Source::Stored { url, version: 1 } => sanitize_line(url),
            Source::Stored { url, version } => format!("{} (v{version})", sanitize_line(url)),
        }
    }
    /// The file name without directories or extension, used to derive an outlet name.
    pub fn stem(&self) -> Option<String> {
        match self {
            Source::File(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()),
            Source::Stdin => None,
            Source::Seed(name) => Some(name.trim_end_matches(".txt").to_string()),
            Source::Entry { of, .. } => of.stem(),
            // The host names the outlet: `www.bbc.co.uk` → `bbc.co.uk`.
            Source::Url(u) | Source::Stored { url: u, .. } => {
                crate::engine::fetch::url::outlet_of(u)
            }
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// The format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Feed,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Json => "json",
        }
    }
}

/// What a block of text is, for the reader and for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The headline, when the text starts with one.
    Title,
    /// A subheading inside the body.
    Heading,
    /// A body paragraph.
    Body,
    /// A list item (the marker is inside the span).
    Bullet,
    /// Not part of the story: shown dimmed (or hidden) and ignored by comparison.
    Skipped(SkipReason),
}

impl BlockKind {
    /// True for blocks that carry the story (title, headings, paragraphs, bullets).
    pub fn is_content(self) -> bool {
        !matches!(self, BlockKind::Skipped(_))
    }
}

/// Why a block was left out of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The headline repeated (scrapers often capture it two or three times).
    RepeatedHeadline,
    /// Comment form, share buttons, newsletter prompts.
    Boilerplate,
    /// A stray byline or signature line at the end.
    StrayByline,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::RepeatedHeadline => "repeated headline",
            SkipReason::Boilerplate => "page boilerplate",
            SkipReason::StrayByline => "stray byline",
        }
    }
}

/// A paragraph-level block: a span of the text and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// Optional facts about a report, shown in the metadata line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    pub outlet: Option<String>,
    /// True when the outlet was derived from the file name rather than stated.
    pub outlet_derived: bool,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The text encoding when it was not plain UTF-8, with "(guessed)" when detected.
    pub encoding: Option<String>,
}

/// One news report.
#[derive(Debug, Clone)]
pub struct Article {
    pub source: Source,
    pub format: Format,
    /// The clean (sanitized, rendered) text; every span indexes into it.
    pub text: String,
    pub title: String,
    /// True when the title was made from the first sentence because there was no headline.
    pub title_derived: bool,
    pub meta: Meta,
    /// Blocks in text order, non-overlapping.
    pub blocks: Vec<Block>,
    /// Maps offsets in `text` to byte offsets in the input as read.
    pub source_map: SourceMap,
    /// Things the reader should know about how this article was read (lossy decoding,
    /// removed control characters, ...). Already sanitized.
    pub notes: Vec<String>,
    /// [`Article::word_count`], computed on first use: the library shows it every frame.
    pub(crate) words: std::sync::OnceLock<usize>,
    /// [`Article::content_key`], computed on first use.
    pub(crate) key: std::sync::OnceLock<String>,
}

impl Article {
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Blocks that carry the story: what the reader shows in full and comparison uses.
    pub fn content_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind.is_content())
    }

    /// Number of words in the content blocks (Unicode word boundaries).
    pub fn word_count(&self) -> usize {
        use unicode_segmentation::UnicodeSegmentation;
        *self.words.get_or_init(|| {
            self.content_blocks()
                .map(|b| self.slice(b.span).unicode_words().count())
                .sum()
        })
    }

    /// What identifies the report by its content, not its name: the SHA-256 (hex) of its
    /// clean text. A renamed or moved file keeps it; notes are kept under it.
    pub fn content_key(&self) -> &str {
        self.key
            .get_or_init(|| crate::engine::fetch::sha256_hex(self.text.as_bytes()))
    }

    /// The outlet to display: the stated one, else the derived one, else the source label.
    pub fn outlet_label(&self) -> String {
        self.meta
            .outlet
            .clone()
            .unwrap_or_else(|| self.source.label())
    }
}

/// The metadata line: outlet, byline, date, URL, format, encoding.
pub fn meta_line(a: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(o) = &a.meta.outlet {
        parts.push(o.clone());
    }
    if let Some(b) = &a.meta.byline {
        parts.push(format!("by {b}"));
    }
    if let Some(d) = &a.meta.date {
        parts.push(d.clone());
    }
    if let Some(u) = &a.meta.url {
        parts.push(u.clone());
    }
    let mut fmt = a.format.name().to_string();
    if let Some(e) = &a.meta.encoding {
        fmt.push_str(&format!(", {e}"));
    }
    parts.push(fmt);
    parts.push(format!("{} words", a.word_count()));
    parts.join(" · ")
}

/// Notes shown under the metadata: how the article was read, and what was left out.
pub fn notes(a: &Article) -> Vec<String> {
    let mut out = a.notes.clone();
    if a.title_derived {
        out.push("no headline: title taken from the first sentence".into());
    }
    let skipped: Vec<&'static str> = a
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Skipped(r) => Some(r.describe()),
            _ => None,
        })
        .collect();
    if !skipped.is_empty() {
        let mut kinds = skipped.clone();
        kinds.sort_unstable();
        kinds.dedup();
        out.push(format!(
            "{} block{} left out: {}",
            skipped.len(),
            if skipped.len() == 1 { "" } else { "s" },
            kinds.join(", ")
        ));
    }
    out
}

/// Maps offsets in a clean text back to offsets in the input it was made from.
///
/// Stored as segments `(clean_start, input_start)`: within a segment offsets advance together.
/// A map is composed with the one of an earlier stage by [`SourceMap::then`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    segments: Vec<(usize, usize)>,
}

impl SourceMap {
    pub fn identity() -> Self {
        SourceMap::default()
    }

    pub fn is_identity(&self) -> bool {
        self.segments.iter().all(|&(c, i)| c == i)
    }

    pub fn builder() -> SourceMapBuilder {
        SourceMapBuilder::default()
    }

    /// The input offset of clean offset `offset`.
    pub fn to_source(&self, offset: usize) -> usize {
        let idx = self.segments.partition_point(|&(c, _)| c <= offset);
        if idx == 0 {
            return offset;
        }
        let (c, i) = self.segments[idx - 1];
        i + (offset - c)
    }

    /// Composes two stages: `self` maps stage-2 text to stage-1 text, `earlier` maps stage-1
    /// text to the input. The result maps stage-2 text to the input.
    pub fn then(&self, earlier: &SourceMap) -> SourceMap {
        if earlier.is_identity() {
            return self.clone();
        }
        let mut builder = SourceMap::builder();
        let mut points: Vec<usize> = self.segments.iter().map(|&(c, _)| c).collect();
        // Every boundary of the earlier map, expressed in stage-2 offsets, starts a segment too.
        for &(mid, _) in &earlier.segments {
            if let Some(c) = self.clean_offset_of(mid) {
                points.push(c);
            }
        }
        points.sort_unstable();
        points.dedup();
        for c in points {
            builder.push(c, earlier.to_source(self.to_source(c)));
        }
        builder.finish()
    }

    /// The clean offset whose input offset is `input`, if one maps exactly there.
    fn clean_offset_of(&self, input: usize) -> Option<usize> {
        if self.segments.is_empty() {
            return Some(input);
        }
        self.segments
            .iter()
            .zip(self.segments.iter().skip(1).map(Some).chain([None]))
            .find_map(|(&(c, i), next)| {
                let len = next.map(|&(nc, _)| nc - c);
                (input >= i && len.is_none_or(|l| input < i + l)).then(|| c + (input - i))
            })
    }
}

/// Builds a [`SourceMap`] from (clean offset, input offset) pairs in increasing clean order.
#[derive(Debug, Default)]
pub struct SourceMapBuilder {
    segments: Vec<(usize, usize)>,
}

impl SourceMapBuilder {
    /// Records that clean offset `clean` comes from input offset `input`. Only starts a new
    /// segment when the pair does not continue the current one.
    pub fn push(&mut self, clean: usize, input: usize) {
        if let Some(&(c, i)) = self.segments.last()
            && clean >= c
            && input >= i
            && clean - c == input - i
        {
            return;
        }
        if self.segments.is_empty() && clean == input {
            self.segments.push((0, 0));
            return;
        }
        self.segments.push((clean, input));
    }

    pub fn finish(self) -> SourceMap {
        SourceMap {
            segments: self.segments,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_map_segments_and_composition() {
        // clean "abcd" from input "ab--cd": c at 2 comes from 4.
        let mut b = SourceMap::builder();
        for (c, i) in [(0, 0), (1, 1), (2, 4), (3, 5)] {
            b.push(c, i);
        }
        let first = b.finish();
        assert_eq!(first.to_source(1), 1);
        assert_eq!(first.to_source(3), 5);
        // second stage drops the first char: "bcd" from "abcd".
        let mut b = SourceMap::builder();
        for (c, i) in [(0, 1), (1, 2), (2, 3)] {
            b.push(c, i);
        }
        let second = b.finish();
        let both = second.then(&first);
        assert_eq!(both.to_source(0), 1);
        assert_eq!(both.to_source(1), 4);
        assert_eq!(both.to_source(2), 5);
    }

    #[test]
    fn span_basics() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert!(s.contains(4) && !s.contains(5));
        assert!(s.overlaps(Span::new(4, 9)) && !s.overlaps(Span::new(5, 9)));
    }
}
