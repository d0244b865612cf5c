//! Named entities and quotations: who, where, when and how many, per article and across a
//! story.
//!
//! Rule-based and fast: a hand-written tokenizer, embedded gazetteers (`assets/gazetteers`),
//! title and context cues, DATE/NUMBER patterns ([`numeric`]), a story lexicon so surnames and
//! headline words resolve to names seen in body text, and story-wide canonical names
//! ([`canon`]). Spans follow `tests/fixtures/gold/entities/GUIDE.md`: names only (titles,
//! leading `the`, possessives outside), hyphenated compounds split.
//!
//! Mentions are found in the story blocks and in repeated headlines; page boilerplate and stray
//! bylines are ignored.

pub mod canon;
mod classes;
pub mod eval;
pub mod evalsets;
pub mod gazetteer;
pub mod index;
pub mod lexicon;
pub mod lists;
pub mod names;
pub mod numeric;
mod numeric_words;
mod passes;
pub mod quotes;
mod runs;
pub mod tagger;
pub mod teams;
pub mod tokens;
#[cfg(test)]
mod tokens_ref;

use crate::engine::article::{Article, BlockKind, SkipReason, Span};
use crate::engine::segment::{self, Sentence};
use passes::{First, first_pass, second_pass, story_lexicon};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::fmt::Write as _;
use tagger::Raw;

/// The entity types of the gold labels (OntoNotes, merged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Date,
    Number,
}

impl EntityKind {
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Gpe,
        EntityKind::Loc,
        EntityKind::Norp,
        EntityKind::Date,
        EntityKind::Number,
    ];
    /// The label as in the gold files: `PERSON`, `ORG`, ...
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Gpe => "GPE",
            EntityKind::Loc => "LOC",
            EntityKind::Norp => "NORP",
            EntityKind::Date => "DATE",
            EntityKind::Number => "NUMBER",
        }
    }
    /// The word users see for the type, the same in every view (the JSON keeps
    /// [`EntityKind::label`]'s codes).
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "organisation",
            EntityKind::Gpe => "country/city",
            EntityKind::Loc => "place",
            EntityKind::Norp => "group",
            EntityKind::Date => "date",
            EntityKind::Number => "number",
        }
    }
    /// [`EntityKind::name`] for a heading over several of them.
    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Org => "organisations",
            EntityKind::Gpe => "countries/cities",
            EntityKind::Loc => "places",
            EntityKind::Norp => "groups",
            EntityKind::Date => "dates",
            EntityKind::Number => "numbers",
        }
    }
    /// The widest [`EntityKind::name`], for a column of them.
    pub const NAME_WIDTH: usize = 12;
    pub fn from_label(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.label() == s)
    }
}

/// One entity mention: a span of the article text, its type and story-wide canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    pub canonical: String,
}

/// A direct quotation (span includes the quote marks) and its speaker's canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub span: Span,
    pub speaker: Option<String>,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// The story sentences ([`segment::sentences`]).
    pub sentences: Vec<Sentence>,
    /// Sorted, non-overlapping.
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
}

impl Extraction {
    /// The mentions that overlap `span`, in order (a binary search, then a scan).
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = &Mention> {
        let first = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions[first..]
            .iter()
            .take_while(move |m| m.span.start < span.end)
    }
}

impl Mention {
    /// What two mentions must share to be the same fact: the canonical name, or for a date or
    /// number its normalised value ("12,000" = "12000", "at least 120" = "120").
    pub fn value_key(&self, article: &crate::engine::Article) -> String {
        if matches!(self.kind, EntityKind::Date | EntityKind::Number) {
            numeric::normalise(article.slice(self.span))
        } else {
            self.canonical.clone()
        }
    }
}

/// Blocks searched for mentions: story blocks and repeated headlines.
fn searched(kind: BlockKind) -> bool {
    kind.is_content() || kind == BlockKind::Skipped(SkipReason::RepeatedHeadline)
}

/// Sentence spans to tag, each with whether it is a headline.
type Units = Vec<(Span, bool)>;

/// The sentences of the searched blocks (each split once), and from them the units tagged:
/// (sentence span, is headline).
fn units(article: &Article) -> (Vec<Sentence>, Units) {
    let sentences = segment::sentences_where(article, searched);
    let units = sentences
        .iter()
        .map(|s| {
            let kind = article.blocks[s.block].kind;
            let heading = matches!(
                kind,
                BlockKind::Title | BlockKind::Heading | BlockKind::Skipped(_)
            );
            (
                s.span,
                heading || tagger::looks_like_headline(article.slice(s.span)),
            )
        })
        .collect();
    (sentences, units)
}

/// Extracts sentences, mentions and quotes from one article.
pub fn extract(article: &Article) -> Extraction {
    extract_story(std::slice::from_ref(article))
        .pop()
        .unwrap_or_default()
}

/// Extracts every article of a story, with names canonicalised across all of them. The
/// articles are tagged in parallel (rayon); the result does not depend on the thread count.
pub fn extract_story(articles: &[Article]) -> Vec<Extraction> {
    let (all_sentences, all_units): (Vec<Vec<Sentence>>, Vec<Units>) =
        articles.par_iter().map(units).unzip();
    // Pass 1: names found in body text make the story lexicon.
    let found: Vec<First> = articles
        .par_iter()
        .zip(&all_units)
        .map(|(article, u)| first_pass(article, u))
        .collect();
    let lex = story_lexicon(articles, &found);
    // Pass 2: tag again with the lexicon.
    let raws: Vec<Vec<Raw>> = articles
        .par_iter()
        .zip(&all_units)
        .zip(found)
        .map(|((a, u), first)| {
            let mut raws = second_pass(a, u, first, &lex);
            teams::retype(&a.text, &mut raws);
            raws
        })
        .collect();
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let mentions = canon::canonicalise(&texts, &raws);
    articles
        .par_iter()
        .zip(mentions)
        .zip(all_sentences)
        .map(|((article, mentions), sentences)| {
            let blocks: Vec<Span> = article
                .blocks
                .iter()
                .filter(|b| b.kind.is_content())
                .map(|b| b.span)
                .collect();
            let quotes = quotes::find(&article.text, &blocks, &mentions);
            // The story sentences: those of content blocks ([`segment::sentences`]).
            let sentences = sentences
                .into_iter()
                .filter(|s| article.blocks[s.block].kind.is_content())
                .collect();
            Extraction {
                sentences,
                mentions,
                quotes,
            }
        })
        .collect()
}

/// The extraction as JSON, offsets mapped to the input as read:
/// `{"path","title","mentions":[{start,end,text,type,canonical}],"quotes":[{start,end,text,speaker}]}`.
pub fn to_json(article: &Article, ex: &Extraction) -> serde_json::Value {
    let map = |s: Span| {
        (
            article.source_map.to_source(s.start),
            article.source_map.to_source(s.end),
        )
    };
    let mentions: Vec<_> = ex
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = map(m.span);
            json!({"start": start, "end": end, "text": article.slice(m.span),
                   "type": m.kind.label(), "canonical": m.canonical})
        })
        .collect();
    let quotes: Vec<_> = ex
        .quotes
        .iter()
        .map(|q| {
            let (start, end) = map(q.span);
            json!({"start": start, "end": end, "text": article.slice(q.span), "speaker": q.speaker})
        })
        .collect();
    json!({"path": article.source.label(), "title": article.title,
           "mentions": mentions, "quotes": quotes})
}

/// A readable table of the mentions (grouped by canonical name) and quotes of one article.
pub fn table(article: &Article, ex: &Extraction) -> String {
    let mut groups: Vec<(EntityKind, &str, Vec<&str>)> = Vec::new();
    for m in &ex.mentions {
        let surface = article.slice(m.span);
        match groups
            .iter_mut()
            .find(|(k, c, _)| *k == m.kind && *c == m.canonical)
        {
            Some(g) => g.2.push(surface),
            None => groups.push((m.kind, &m.canonical, vec![surface])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.len().cmp(&a.2.len())));
    let mut out = String::new();
    let _ = writeln!(out, "{}", article.source.label());
    let _ = writeln!(out, "{:<7} {:>3}  {:<32} forms", "type", "n", "canonical");
    for (kind, canonical, forms) in &groups {
        let mut distinct: Vec<&str> = forms.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let _ = writeln!(
            out,
            "{:<7} {:>3}  {:<32} {}",
            kind.label(),
            forms.len(),
            canonical,
            distinct.join(", ")
        );
    }
    if !ex.quotes.is_empty() {
        let _ = writeln!(out, "quotes:");
        for q in &ex.quotes {
            let text: String = article.slice(q.span).chars().take(70).collect();
            let _ = writeln!(
                out,
                "  {:<24} {}",
                q.speaker.as_deref().unwrap_or("(unattributed)"),
                text
            );
        }
    }
    out
}
