//! The two tagging passes of [`super::extract_story`]: the body sentences with an empty
//! lexicon (the names they yield make the story lexicon), then every sentence with that
//! lexicon. Most body sentences need no second tagging: each sentence logs the questions it
//! put to the lexicon ([`Asked`]), and when the story lexicon answers them all so that the
//! sentence would go the same way, the first pass's mentions are its mentions. A capitalised
//! run the story lexicon knows (a surname alone, a name at the start of a sentence) changes
//! only that run's mention, so it is patched in rather than the sentence tagged again.

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
    /// lexicon's kind when it knows it, and else what the rules give it.
    Run {
        span: Span,
        /// The kind the rules gave the run alone (`None` when they gave anything else), so that
        /// a lexicon agreeing with the rules changes nothing.
        ruled: Option<EntityKind>,
        /// Where the rules' mentions for the run start among the sentence's mentions, and how
        /// many they are.
        at: u32,
        emitted: u32,
        /// Whether the rest of the sentence is tagged the same whatever the run's mention:
        /// tagging goes on after the run in the same state either way, and only a number right
        /// after it looks back at the mention before it.
        local: bool,
    },
}

/// What another lexicon's answer to an [`Asked`] question does to the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The same as the empty lexicon's, or one leading to the same tagging.
    Same,
    /// The run's mentions are replaced by the run as this kind; the rest is tagged the same.
    Patch(EntityKind),
    /// The sentence must be tagged again.
    Retag,
}

impl Asked {
    /// How `lex` answers this question, against the empty lexicon (`None`, `false`).
    pub fn answer(self, text: &str, lex: &Lexicon) -> Answer {
        let of = |s: Span| text.get(s.range()).unwrap_or("");
        let same = |b: bool| if b { Answer::Same } else { Answer::Retag };
        match self {
            Asked::Lookup(s) => same(lex.lookup(of(s)).is_none()),
            Asked::Surname(s) => same(!lex.is_surname(of(s))),
            Asked::Run {
                span, ruled, local, ..
            } => match lex.lookup(of(span)) {
                None => Answer::Same,
                known if ruled.is_some() && known == ruled => Answer::Same,
                Some(kind) if local => Answer::Patch(kind),
                Some(_) => Answer::Retag,
            },
        }
    }

    /// Whether `lex` answers this question as the empty lexicon does, or so that tagging
    /// goes the same way.
    pub fn unchanged(self, text: &str, lex: &Lexicon) -> bool {
        self.answer(text, lex) == Answer::Same
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
/// (tagging is deterministic; see [`tagger::Asked`]), so its first-pass mentions are kept
/// (moved, not copied), with the runs the story lexicon names differently patched
/// ([`Answer::Patch`]).
pub(super) fn second_pass(
    article: &Article,
    units: &[(Span, bool)],
    first: First,
    lex: &Lexicon,
) -> Vec<Raw> {
    let mut out = Vec::with_capacity(first.raws.len());
    let mut scratch = tagger::Scratch::default();
    // The patches of one sentence: (first mention replaced, how many, the run, its kind).
    let mut patches: Vec<(usize, usize, Span, EntityKind)> = Vec::new();
    // The first pass's mentions, taken sentence by sentence (their ranges follow each other).
    let mut raws = first.raws.into_iter();
    for (k, &(span, headline)) in units.iter().enumerate() {
        if let Some(Some(f)) = first.sentences.get(k) {
            let mut mine = raws.by_ref().take(f.raws.len());
            if patched(
                &first.asked[f.asked.clone()],
                &article.text,
                lex,
                &mut patches,
            ) {
                let mut from = 0;
                for &(at, n, span, kind) in &patches {
                    out.extend(mine.by_ref().take(at.saturating_sub(from)));
                    mine.by_ref().take(n).for_each(drop);
                    out.push(Raw {
                        span,
                        kind,
                        canonical: None,
                    });
                    from = at + n;
                }
                out.extend(mine);
                continue;
            }
            mine.for_each(drop);
        }
        tagger::tag_sentence_with(&mut scratch, &article.text, span, headline, lex, &mut out);
    }
    out
}

/// Whether the story lexicon's answers to a sentence's questions keep its first-pass tagging
/// but for the runs it names (`patches`, in order); false when the sentence must be tagged
/// again.
fn patched(
    asked: &[Asked],
    text: &str,
    lex: &Lexicon,
    patches: &mut Vec<(usize, usize, Span, EntityKind)>,
) -> bool {
    patches.clear();
    for &q in asked {
        match (q.answer(text, lex), q) {
            (Answer::Same, _) => {}
            (
                Answer::Patch(kind),
                Asked::Run {
                    span, at, emitted, ..
                },
            ) => patches.push((at as usize, emitted as usize, span, kind)),
            _ => return false,
        }
    }
    true
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
        let mut patches = Vec::new();
        for ((a, u), f) in articles.iter().zip(&units).zip(found) {
            for s in f.sentences.iter().flatten() {
                body += 1;
                let keep = patched(&f.asked[s.asked.clone()], &a.text, &lex, &mut patches);
                kept += usize::from(keep);
                PATCHED.with(|n| n.set(n.get() + usize::from(keep && !patches.is_empty())));
            }
            assert_eq!(
                second_pass(a, u, f, &lex),
                retag_all(a, u, &lex),
                "{}",
                a.title
            );
        }
        (kept, body)
    }

    thread_local! {
        /// Body sentences kept with runs patched, in [`check`]s on this thread.
        static PATCHED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    #[test]
    fn the_second_pass_equals_tagging_every_sentence_again() {
        let seeds: Vec<&str> = SEEDS.iter().map(|(_, t)| *t).collect();
        let (kept, body) = check(&story(&seeds));
        // The shortcut must also be taken: most body sentences keep their first tagging,
        // some with runs the story lexicon names (a surname alone) patched in.
        assert!(kept * 2 > body, "{kept} of {body} body sentences kept");
        assert!(PATCHED.with(|n| n.get()) > 0, "no sentence was patched");
        // A story where the lexicon disagrees with the rules: a run the rules call a
        // person, found as an organisation elsewhere in the story.
        let texts = [
            "Analysts at Brightwater Partners said on Monday that the deal was done.",
            "Brightwater Partners announced the deal. Officials said Brightwater Partners would pay.",
            "The shares of Brightwater Partners rose. Jane Okafor said Okafor was pleased.",
            // A known name right before a number (which looks back at it), and in a headline.
            "Okafor 3 votes were counted. Brightwater Partners Rise 5 Percent On Okafor Deal",
            "Talks with Okafor, Okafor and Brightwater Partners went on; Okafor 12,000 left.",
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
