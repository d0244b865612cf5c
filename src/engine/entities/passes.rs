//! The two tagging passes of [`super::extract_story`]: the body sentences with an empty
//! lexicon (the names they yield make the story lexicon), then every sentence with that
//! lexicon. Most body sentences need no second tagging: each sentence logs the questions it
//! put to the lexicon ([`Asked`]), and when the story lexicon answers them all so that the
//! sentence would go the same way, the first pass's mentions are its mentions.

use super::EntityKind;
use super::lexicon::Lexicon;
use super::tagger::{self, Raw};
use crate::engine::article::{Article, Span};

/// One question a sentence put to the story lexicon, with the surface asked about. Tagging
/// is a deterministic function of the sentence and the lexicon's answers, so a sentence
/// whose every question gets the same answer from another lexicon is tagged the same with
/// it: the second pass of [`super::extract_story`] reuses the first pass's mentions then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Lookup(Span),
    Surname(Span),
    /// The lookup of a whole capitalised run in the tagger's `classify`, which emits the run as the
    /// lexicon's kind when it knows it: the kind the rules gave the run alone (`None` when
    /// they gave anything else), so that a lexicon agreeing with the rules changes nothing.
    Run(Span, Option<EntityKind>),
}

impl Asked {
    /// Whether `lex` answers this question as the empty lexicon does (`None`, `false`).
    pub fn unchanged(self, text: &str, lex: &Lexicon) -> bool {
        match self {
            Asked::Lookup(s) => lex.lookup(text.get(s.range()).unwrap_or("")).is_none(),
            Asked::Surname(s) => !lex.is_surname(text.get(s.range()).unwrap_or("")),
            Asked::Run(s, ruled) => match lex.lookup(text.get(s.range()).unwrap_or("")) {
                None => true,
                known => ruled.is_some() && known == ruled,
            },
        }
    }
}

/// The first pass's answer for one body sentence: its mentions (a range of [`First::raws`])
/// and the questions it put to the (empty) lexicon (a range of [`First::asked`]).
struct FirstSentence {
    raws: std::ops::Range<usize>,
    asked: std::ops::Range<usize>,
}

/// The first pass over an article's body sentences, tagged with the empty lexicon.
pub(super) struct First {
    raws: Vec<Raw>,
    asked: Vec<tagger::Asked>,
    /// By unit; `None` for a headline (not tagged in the first pass).
    sentences: Vec<Option<FirstSentence>>,
}

pub(super) fn first_pass(article: &Article, units: &[(Span, bool)]) -> First {
    let empty = Lexicon::default();
    let mut scratch = tagger::Scratch::default();
    let mut first = First {
        raws: Vec::new(),
        asked: Vec::new(),
        sentences: Vec::with_capacity(units.len()),
    };
    for &(span, headline) in units {
        if headline {
            first.sentences.push(None);
            continue;
        }
        let (r0, a0) = (first.raws.len(), first.asked.len());
        tagger::tag_sentence_with(
            &mut scratch,
            &article.text,
            span,
            false,
            &empty,
            &mut first.raws,
        );
        first.asked.extend_from_slice(scratch.asked());
        first.sentences.push(Some(FirstSentence {
            raws: r0..first.raws.len(),
            asked: a0..first.asked.len(),
        }));
    }
    first
}

/// The second pass, with the story lexicon. A sentence whose every question to the lexicon
/// has an answer leading where the first pass went is tagged exactly as in the first pass
/// (tagging is deterministic; see [`tagger::Asked`]), so its first-pass mentions are kept.
pub(super) fn second_pass(
    article: &Article,
    units: &[(Span, bool)],
    first: &First,
    lex: &Lexicon,
) -> Vec<Raw> {
    let mut out = Vec::with_capacity(first.raws.len());
    let mut scratch = tagger::Scratch::default();
    for (k, &(span, headline)) in units.iter().enumerate() {
        if let Some(Some(f)) = first.sentences.get(k)
            && first.asked[f.asked.clone()]
                .iter()
                .all(|q| q.unchanged(&article.text, lex))
        {
            out.extend_from_slice(&first.raws[f.raws.clone()]);
            continue;
        }
        tagger::tag_sentence_with(&mut scratch, &article.text, span, headline, lex, &mut out);
    }
    out
}

/// The story lexicon: every name (not dates or numbers) the first pass found.
pub(super) fn story_lexicon(articles: &[Article], found: &[First]) -> Lexicon {
    let mut lex = Lexicon::default();
    for (article, first) in articles.iter().zip(found) {
        for r in &first.raws {
            if !matches!(r.kind, EntityKind::Date | EntityKind::Number) {
                lex.add(article.slice(r.span), r.kind);
            }
        }
    }
    lex
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::article::{Format, Source};
    use crate::engine::load::{SEEDS, parse};

    /// Every unit tagged again with the story lexicon: what the second pass must equal.
    fn retag_all(article: &Article, units: &[(Span, bool)], lex: &Lexicon) -> Vec<Raw> {
        let mut out = Vec::new();
        let mut scratch = tagger::Scratch::default();
        for &(span, headline) in units {
            tagger::tag_sentence_with(&mut scratch, &article.text, span, headline, lex, &mut out);
        }
        out
    }

    fn story(texts: &[&str]) -> Vec<Article> {
        texts
            .iter()
            .map(|t| {
                parse(Source::Stdin, t.as_bytes(), Format::Text)
                    .expect("parses")
                    .articles
                    .remove(0)
            })
            .collect()
    }

    fn check(articles: &[Article]) -> (usize, usize) {
        let units: Vec<_> = articles.iter().map(|a| super::super::units(a).1).collect();
        let found: Vec<First> = articles
            .iter()
            .zip(&units)
            .map(|(a, u)| first_pass(a, u))
            .collect();
        let lex = story_lexicon(articles, &found);
        let (mut kept, mut body) = (0, 0);
        for ((a, u), f) in articles.iter().zip(&units).zip(&found) {
            assert_eq!(
                second_pass(a, u, f, &lex),
                retag_all(a, u, &lex),
                "{}",
                a.title
            );
            for s in f.sentences.iter().flatten() {
                body += 1;
                kept += usize::from(
                    f.asked[s.asked.clone()]
                        .iter()
                        .all(|q| q.unchanged(&a.text, &lex)),
                );
            }
        }
        (kept, body)
    }

    #[test]
    fn the_second_pass_equals_tagging_every_sentence_again() {
        let seeds: Vec<&str> = SEEDS.iter().map(|(_, t)| *t).collect();
        let (kept, body) = check(&story(&seeds));
        // The shortcut must also be taken: most body sentences keep their first tagging.
        assert!(kept * 2 > body, "{kept} of {body} body sentences kept");
        // A story where the lexicon disagrees with the rules: a run the rules call a
        // person, found as an organisation elsewhere in the story.
        let texts = [
            "Analysts at Brightwater Partners said on Monday that the deal was done.",
            "Brightwater Partners announced the deal. Officials said Brightwater Partners would pay.",
            "The shares of Brightwater Partners rose. Jane Okafor said Okafor was pleased.",
        ];
        check(&story(&texts));
        let gum =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/gum-news");
        let Ok(dir) = std::fs::read_dir(&gum) else {
            println!("skipped the GUM check: {} is not there", gum.display());
            return;
        };
        let mut texts: Vec<String> = dir
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        texts.sort();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (kept, body) = check(&story(&refs));
        assert!(kept * 2 > body, "GUM: {kept} of {body} body sentences kept");
    }
}
