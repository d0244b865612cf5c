//! Property tests: the sanitizer's guarantees and a loader that never panics.

use parallax::engine::load::{self, parse};
use parallax::engine::sanitize::{sanitize, sanitize_line};
use parallax::engine::{Format, Source};
use proptest::prelude::*;

/// Strings rich in the characters that matter: escapes, C1, bidi, joiners, CR.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\x1b",
        "[",
        "]",
        "\x07",
        "\\",
        "P",
        "31m",
        "\r",
        "\n",
        "\t",
        "\u{9b}",
        "\u{9d}",
        "\u{9c}",
        "\u{90}",
        "\u{85}",
        "\u{7f}",
        "\u{202e}",
        "\u{2066}",
        "\u{200d}",
        "\u{200c}",
        "\u{200b}",
        "\u{feff}",
        "\u{e0041}",
        "a",
        "é",
        " ",
        "👨",
        "\u{0}",
        ";",
        "(",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_string), any::<String>()],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn output_has_no_controls_but_newline_and_tab(s in nasty()) {
        let (out, _, map) = sanitize(&s);
        for c in out.chars() {
            prop_assert!(!c.is_control() || c == '\n' || c == '\t', "{c:?} in {out:?}");
            let invisible = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{200b}');
            prop_assert!(!invisible, "invisible {:?} survived", c);
        }
        // Every clean offset maps inside the input.
        for (i, _) in out.char_indices() {
            prop_assert!(map.to_source(i) <= s.len());
        }
    }

    #[test]
    fn sanitizing_twice_changes_nothing(s in nasty()) {
        let (once, _, _) = sanitize(&s);
        let (twice, report, _) = sanitize(&once);
        prop_assert_eq!(&twice, &once);
        prop_assert_eq!(report.total(), 0);
    }

    #[test]
    fn display_lines_have_no_controls_at_all(s in nasty()) {
        let line = sanitize_line(&s);
        prop_assert!(line.chars().all(|c| !c.is_control()));
    }

    #[test]
    fn no_input_panics_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..600), md in any::<bool>()) {
        let format = if md { Format::Markdown } else { Format::Text };
        if let Ok(articles) = parse(Source::Stdin, &bytes, format) {
            for a in articles.articles {
                for b in &a.blocks {
                    prop_assert!(b.span.end <= a.text.len());
                    prop_assert!(a.text.is_char_boundary(b.span.start) && a.text.is_char_boundary(b.span.end));
                }
                prop_assert!(!a.title.is_empty());
            }
        }
    }

    #[test]
    fn text_like_input_loads_with_ranges_in_order(s in nasty(), md in any::<bool>()) {
        let format = if md { Format::Markdown } else { Format::Text };
        if let Ok(articles) = parse(Source::Stdin, s.as_bytes(), format) {
            let a = &articles.articles[0];
            let mut last = 0;
            for b in &a.blocks {
                prop_assert!(b.span.start >= last && b.span.start <= b.span.end);
                last = b.span.end;
            }
            prop_assert!(a.title.chars().all(|c| !c.is_control()));
        }
    }
}

#[test]
fn utf8_files_without_controls_are_their_own_text() {
    for (name, text) in load::SEEDS {
        let a = parse(
            Source::Seed(name.to_string()),
            text.as_bytes(),
            Format::Text,
        )
        .unwrap();
        assert_eq!(a.articles[0].text, *text);
    }
}
