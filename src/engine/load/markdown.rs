//! Markdown: YAML-style front matter for metadata, then the rendered text (not the markup)
//! with headings, paragraphs and list items as blocks. Parsing is pulldown-cmark's; we keep a
//! source map so offsets still point into the file.

use super::structure::{Hint, RawBlock, classify};
use super::{Decoded, default_meta};
use crate::engine::article::{Article, Format, Meta, Source, SourceMapBuilder, Span};
use crate::engine::sanitize::{sanitize, sanitize_line};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub fn parse(source: Source, decoded: Decoded) -> Article {
    let md = &decoded.text;
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_STRIKETHROUGH;
    let mut r = Renderer::default();
    let mut front = String::new();
    let mut in_meta = false;
    let mut skip_depth = 0usize;
    for (event, range) in Parser::new_ext(md, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Text(t) if in_meta => front.push_str(&t),
            Event::Start(Tag::Image { .. } | Tag::HtmlBlock) => skip_depth += 1,
            Event::End(TagEnd::Image | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            _ if skip_depth > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => r.begin(Hint::Heading(level_num(level))),
            Event::Start(Tag::Item) => r.begin(Hint::Bullet),
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_)) if r.current.is_none() => {
                r.begin(Hint::Para)
            }
            Event::End(
                TagEnd::Heading(_) | TagEnd::Item | TagEnd::Paragraph | TagEnd::CodeBlock,
            ) => r.end(),
            Event::Text(t) | Event::Code(t) => {
                if r.current.is_none() {
                    r.begin(Hint::Para);
                }
                let verbatim = md.get(range.clone()) == Some(t.as_ref());
                r.push(&t, range.start, verbatim);
            }
            Event::SoftBreak => r.push(" ", range.start, false),
            Event::HardBreak => r.push("\n", range.start, false),
            _ => {}
        }
    }
    r.end();
    let fm = front_matter(&front);
    let mut notes = decoded.notes;
    if r.cleaned > 0 {
        notes.push(format!(
            "{} control or invisible character{} from character references removed",
            r.cleaned,
            if r.cleaned == 1 { "" } else { "s" }
        ));
    }
    let text = r.text;
    let map = r.map.finish().then(&decoded.map);
    let s = classify(&text, &r.blocks, fm.title.as_deref());
    let meta = default_meta(
        &source,
        Meta {
            outlet: fm.outlet,
            byline: fm.author.or(s.byline),
            date: fm.date,
            url: fm.url,
            encoding: decoded.encoding,
            ..Meta::default()
        },
    );
    Article {
        source,
        format: Format::Markdown,
        title: s.title,
        title_derived: s.title_derived,
        meta,
        blocks: s.blocks,
        source_map: map,
        notes,
        text,
        words: Default::default(),
        key: Default::default(),
    }
}

fn level_num(level: HeadingLevel) -> u8 {
    level as u8
}

#[derive(Default)]
struct Renderer {
    text: String,
    map: SourceMapBuilder,
    blocks: Vec<RawBlock>,
    current: Option<(Hint, usize)>,
    /// Characters removed from decoded references (`&#27;`, `&#x9b;`, `&#x202e;`).
    cleaned: usize,
}

impl Renderer {
    fn begin(&mut self, hint: Hint) {
        self.end();
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.current = Some((hint, self.text.len()));
        if hint == Hint::Bullet {
            self.text.push_str("• ");
        }
    }

    fn push(&mut self, s: &str, src: usize, verbatim: bool) {
        if verbatim {
            self.map.push(self.text.len(), src);
        } else {
            // Not a copy of the source (a character reference, an entity, a break): decoded
            // text, so it is sanitized again (`&#27;` is an ESC). Map its start only.
            let (clean, report, _) = sanitize(s);
            self.cleaned += report.total();
            self.map.push(self.text.len(), src);
            self.map.push(self.text.len() + clean.len(), src + 1);
            self.text.push_str(&clean);
            return;
        }
        self.text.push_str(s);
    }

    fn end(&mut self) {
        if let Some((hint, start)) = self.current.take() {
            let body = &self.text[start..];
            let lead = body.len() - body.trim_start().len();
            let len = body.trim().len();
            let bullet_only = hint == Hint::Bullet && body.trim() == "•";
            if len > 0 && !bullet_only {
                self.blocks.push(RawBlock {
                    span: Span::new(start + lead, start + lead + len),
                    hint,
                });
            }
        }
    }
}

#[derive(Default, Debug)]
struct FrontMatter {
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    date: Option<String>,
    author: Option<String>,
}

/// `key: value` lines; quotes around values removed; unknown keys ignored.
fn front_matter(raw: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for line in raw.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']);
        if value.is_empty() {
            continue;
        }
        let value = Some(sanitize_line(value));
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => fm.title = value,
            "source" | "outlet" | "publisher" | "site" => fm.outlet = value,
            "url" | "link" => fm.url = value,
            "date" | "published" => fm.date = value,
            "author" | "byline" => fm.author = value,
            _ => {}
        }
    }
    fm
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::BlockKind;
    use crate::engine::load::decode;

    fn load(md: &str) -> Article {
        parse(Source::Stdin, decode(md.as_bytes()))
    }

    #[test]
    fn front_matter_and_rendered_text() {
        let md = "---\ntitle: \"Talks in Istanbul\"\nsource: Example News\nurl: https://example.com/a\ndate: 2025-05-15\n---\n\n# Talks in Istanbul\n\nThe **talks** began in [Istanbul](https://x.y) on\nFriday.\n\n## Reactions\n\n- One *point*\n- Two\n";
        let a = load(md);
        assert_eq!(a.title, "Talks in Istanbul");
        assert_eq!(a.meta.outlet.as_deref(), Some("Example News"));
        assert_eq!(a.meta.date.as_deref(), Some("2025-05-15"));
        assert!(!a.text.contains("**") && !a.text.contains("]("));
        let kinds: Vec<_> = a.blocks.iter().map(|b| (b.kind, a.slice(b.span))).collect();
        assert_eq!(kinds[0].0, BlockKind::Title);
        assert_eq!(
            kinds[1],
            (BlockKind::Body, "The talks began in Istanbul on Friday.")
        );
        assert_eq!(kinds[2], (BlockKind::Heading, "Reactions"));
        assert_eq!(kinds[3], (BlockKind::Bullet, "• One point"));
        // "Istanbul" maps back to its place in the markdown source.
        let at = a.text.find("Istanbul on").unwrap();
        let src = a.source_map.to_source(at);
        assert_eq!(&md[src..src + 8], "Istanbul");
    }
}
