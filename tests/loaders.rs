//! Loaders on written fixtures (`tests/fixtures/{html,feeds,json,encodings}`): pages with
//! layout junk and without an article, feeds with CDATA, double escapes and relative links,
//! JSON Lines with a bad record, legacy and UTF-16 encodings, hidden escape sequences; and a
//! property test that no bytes panic any loader.

use parallax::engine::article::{Article, BlockKind, Format, Source};
use parallax::engine::load::{self, Input, LoadError, LoadOptions, Loaded, load_input, parse};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn load(rel: &str) -> Loaded {
    load_input(&Input::File(fixture(rel)), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn one(rel: &str) -> Article {
    let mut l = load(rel);
    assert_eq!(l.articles.len(), 1, "{rel}");
    l.articles.remove(0)
}

fn content(a: &Article) -> String {
    a.content_blocks()
        .map(|b| a.slice(b.span))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn html_article_is_found_inside_layout_junk() {
    let a = one("html/layout-junk.html");
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "Ceasefire talks resume in Geneva");
    assert_eq!(a.meta.outlet.as_deref(), Some("The Daily Example"));
    assert_eq!(a.meta.byline.as_deref(), Some("Maria Lopez"));
    assert_eq!(a.meta.date.as_deref(), Some("2025-05-16T09:30:00Z"));
    assert_eq!(a.meta.language.as_deref(), Some("en-GB"));
    assert!(!a.meta.outlet_derived);
    let body = content(&a);
    assert!(body.contains("Negotiators from both sides returned to Geneva"));
    assert!(
        body.contains("“window for agreement is narrow but real”"),
        "entities decoded"
    );
    assert!(body.contains("joint statement could follow"));
    for junk in [
        "Sign in",
        "Buy cheap flights",
        "Related stories",
        "fake news",
        "Privacy",
        "var ads",
        "color: red",
    ] {
        assert!(!a.text.contains(junk), "{junk:?} leaked into {:?}", a.text);
    }
    let kinds: Vec<(BlockKind, &str)> =
        a.blocks.iter().map(|b| (b.kind, a.slice(b.span))).collect();
    assert!(
        kinds.contains(&(BlockKind::Heading, "What is on the table")),
        "{kinds:#?}"
    );
    assert!(kinds.contains(&(
        BlockKind::Bullet,
        "• Safe corridors for civilians leaving the besieged eastern towns."
    )));
    // Rendered text: blocks separated by one blank line, no runs of whitespace.
    for b in &a.blocks {
        let t = a.slice(b.span);
        assert_eq!(t, t.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    assert!(a.notes.is_empty(), "{:?}", a.notes);
}

#[test]
fn page_without_article_falls_back_to_page_text() {
    let a = one("html/no-article.html");
    assert!(
        a.notes
            .iter()
            .any(|n| n == "readability found no article; showing the page text"),
        "{:?}",
        a.notes
    );
    assert!(a.text.contains("Bitte wählen Sie eine Rubrik."));
    assert!(
        !a.text.contains("Impressum") && !a.text.contains("Kontakt"),
        "{}",
        a.text
    );
    assert_eq!(a.title, "Example Portal – Start");
    assert_eq!(a.meta.language.as_deref(), Some("de"));
}

#[test]
fn deeply_nested_page_skips_readability_without_overflowing() {
    let depth = 20_000;
    let html = format!(
        "<!doctype html><html><body>{}<p>Deep text is still shown.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let l = parse(Source::Stdin, html.as_bytes(), Format::Html).unwrap();
    let a = &l.articles[0];
    assert!(a.text.contains("Deep text is still shown."));
    assert!(
        a.notes
            .iter()
            .any(|n| n.contains("nested over 256 deep left out")),
        "{:?}",
        a.notes
    );
}

#[test]
fn feed_with_cdata_and_double_escapes() {
    let l = load("feeds/cdata-entities.rss");
    assert_eq!(l.articles.len(), 2);
    let a = &l.articles[0];
    assert_eq!(a.format, Format::Feed);
    assert_eq!(
        a.source.label(),
        format!("{}#1", fixture("feeds/cdata-entities.rss").display())
    );
    assert_eq!(a.title, "AT&T deal “on track”, regulators say");
    assert_eq!(a.meta.outlet.as_deref(), Some("Example Wire & Co"));
    assert_eq!(a.meta.byline.as_deref(), Some("Sam O'Neil"));
    assert_eq!(a.meta.date.as_deref(), Some("2025-05-13T08:00:00Z"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://wire.example.com/news/att-deal")
    );
    let body = content(a);
    assert!(
        body.contains("the merger was “on track” & could close by June."),
        "{body}"
    );
    assert!(
        body.contains("Shares rose 3%.\nAnalysts were cautious."),
        "br br splits: {body}"
    );
    let b = &l.articles[1];
    assert!(
        content(b).contains("double-escaped ampersand & an élève."),
        "{}",
        b.text
    );
    assert_eq!(
        b.meta.url.as_deref(),
        Some("https://wire.example.com/news/second")
    );
}

#[test]
fn atom_relative_links_resolve() {
    let l = load("feeds/relative.atom");
    let [a, b] = &l.articles[..] else {
        panic!("two entries expected, got {}", l.articles.len())
    };
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://metro.example.org/news/2025/05/bridge")
    );
    assert_eq!(
        b.meta.url.as_deref(),
        Some("https://other.example.net/blog/posts/budget")
    );
    assert_eq!(
        a.meta.outlet.as_deref(),
        Some("Metro Daily"),
        "HTML title loses markup"
    );
    assert_eq!(a.meta.byline.as_deref(), Some("Lee Chan"));
    assert_eq!(
        b.meta.date.as_deref(),
        Some("2025-05-15T16:30:00Z"),
        "published, in UTC"
    );
    assert!(content(b).contains("31 votes to 12"));
}

#[test]
fn jsonl_loads_good_records_and_names_the_bad() {
    let l = load("json/export.jsonl");
    assert_eq!(l.articles.len(), 3);
    let path = fixture("json/export.jsonl").display().to_string();
    let msgs: Vec<String> = l.problems.iter().map(LoadError::to_string).collect();
    assert_eq!(
        msgs,
        vec![format!("{path}: record 3: no body or paragraphs")]
    );
    let [a, b, c] = &l.articles[..] else {
        unreachable!()
    };
    assert_eq!(a.meta.outlet.as_deref(), Some("Wire One"));
    assert_eq!(a.meta.date.as_deref(), Some("2025-05-16"));
    assert_eq!(a.meta.byline.as_deref(), Some("A. Writer"));
    assert_eq!(b.meta.outlet.as_deref(), Some("Wire Two"));
    assert_eq!(
        content(b),
        "Talks resume, again\nDelegates met again.\nA statement is expected."
    );
    assert!(content(c).contains("HTML body works."));
    assert!(matches!(&c.source, Source::Entry { index: 3, .. }));
}

#[test]
fn legacy_encodings_are_decoded_and_named() {
    let ru = one("encodings/windows-1251.txt");
    assert!(
        ru.text.starts_with("Переговоры возобновились в Женеве"),
        "{}",
        ru.text
    );
    assert_eq!(ru.meta.encoding.as_deref(), Some("windows-1251 (guessed)"));
    let fr = one("encodings/iso-8859-1.txt");
    assert!(
        fr.text.contains("« La fenêtre est étroite mais réelle »"),
        "{}",
        fr.text
    );
    let enc = fr.meta.encoding.clone().unwrap_or_default();
    assert!(
        enc.ends_with("(guessed)") && enc.contains("-125") || enc.contains("8859"),
        "{enc}"
    );
    let declared = one("encodings/declared-1251.html");
    assert_eq!(declared.meta.encoding.as_deref(), Some("windows-1251"));
    assert!(declared.text.contains("Посланник ООН"));
}

#[test]
fn utf16_is_text_not_binary() {
    for (rel, enc) in [
        ("encodings/utf16le-bom.txt", "UTF-16LE"),
        ("encodings/utf16be-nobom.txt", "UTF-16BE (guessed)"),
    ] {
        let a = one(rel);
        assert_eq!(a.title, "Talks Resume in Geneva", "{rel}");
        assert!(a.text.contains("“a narrow window”"), "{rel}");
        assert_eq!(a.meta.encoding.as_deref(), Some(enc), "{rel}");
    }
}

/// No ESC, C1 control or other control character (but `\n`, `\t`) in any displayed string.
fn assert_clean(what: &str, s: &str) {
    let bad: Vec<char> = s
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in {s:?}");
    assert!(
        !s.contains("[2J") && !s.contains("]52;"),
        "{what}: escape residue in {s:?}"
    );
}

fn assert_article_clean(a: &Article) {
    assert_clean("text", &a.text);
    assert_clean("title", &a.title);
    assert_clean("label", &a.source.label());
    let m = &a.meta;
    for (what, v) in [
        ("outlet", &m.outlet),
        ("byline", &m.byline),
        ("date", &m.date),
        ("url", &m.url),
        ("language", &m.language),
        ("encoding", &m.encoding),
    ] {
        assert_clean(what, v.as_deref().unwrap_or(""));
    }
    for n in &a.notes {
        assert_clean("note", n);
    }
}

#[test]
fn hidden_escape_sequences_never_survive() {
    for rel in [
        "html/escapes.html",
        "json/escapes.json",
        "feeds/escapes.rss",
    ] {
        let l = load(rel);
        assert!(!l.articles.is_empty(), "{rel}");
        for a in &l.articles {
            assert_article_clean(a);
            assert!(a.word_count() > 5, "{rel}: body kept: {:?}", a.text);
            assert!(a.title.starts_with("Evil"), "{rel}: {:?}", a.title);
        }
    }
}

#[test]
fn content_beats_a_wrong_extension_and_directories_find_new_formats() {
    let dir = std::env::temp_dir().join(format!("parallax-loaders-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = std::fs::read(fixture("html/layout-junk.html")).unwrap();
    std::fs::write(dir.join("page.txt"), &page).unwrap();
    std::fs::write(
        dir.join("noext"),
        std::fs::read(fixture("feeds/relative.atom")).unwrap(),
    )
    .unwrap();
    std::fs::copy(fixture("json/export.jsonl"), dir.join("e.jsonl")).unwrap();
    std::fs::copy(fixture("feeds/relative.atom"), dir.join("f.atom")).unwrap();
    let a = load_input(&Input::File(dir.join("page.txt")), &LoadOptions::default()).unwrap();
    assert_eq!(a.articles[0].format, Format::Html);
    let f = load_input(&Input::File(dir.join("noext")), &LoadOptions::default()).unwrap();
    assert_eq!(f.articles[0].format, Format::Feed);
    let (inputs, problems) = load::expand(std::slice::from_ref(&dir));
    assert!(problems.is_empty());
    let names: Vec<String> = inputs.iter().map(Input::label).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names.iter().any(|n| n.ends_with("e.jsonl")) && names.iter().any(|n| n.ends_with("f.atom"))
    );
    let (articles, problems) = load::load_all(&inputs, &LoadOptions::default());
    assert_eq!(articles.len(), 3 + 2 + 1);
    assert_eq!(problems.len(), 1, "the bad JSONL record");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn malformed_inputs_are_errors_naming_the_file() {
    let src = || Source::File("bad.xml".into());
    let e = parse(
        src(),
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item>",
        Format::Feed,
    )
    .unwrap_err();
    assert!(
        matches!(e, LoadError::Parse { .. }) && e.to_string().starts_with("bad.xml: "),
        "{e}"
    );
    let e = parse(Source::File("x.json".into()), b"{\"title\": ", Format::Json).unwrap_err();
    assert!(e.to_string().starts_with("x.json: not valid JSON"), "{e}");
}

const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Markdown,
    Format::Html,
    Format::Feed,
    Format::Json,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for f in FORMATS {
            if let Ok(l) = parse(Source::Stdin, &bytes, f) {
                for a in &l.articles {
                    assert_article_clean(a);
                }
            }
        }
    }

    #[test]
    fn markup_like_text_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()), Just("</p>".to_string()), Just("<div>".to_string()),
                Just("<li>".to_string()), Just("<br>".to_string()), Just("<h2>".to_string()),
                Just("<?xml version=\"1.0\"?>".to_string()), Just("<rss version=\"2.0\">".to_string()),
                Just("<item><title>".to_string()), Just("]]>".to_string()), Just("<![CDATA[".to_string()),
                Just("{\"body\":".to_string()), Just("\"x\"}".to_string()), Just("&amp;#27;".to_string()),
                Just("\u{1b}]52;c;x\u{7}".to_string()), Just("\u{9b}2J".to_string()), "[a-z \n]{0,20}",
            ],
            0..60,
        )
    ) {
        let s = parts.concat();
        for f in FORMATS {
            if let Ok(l) = parse(Source::Stdin, s.as_bytes(), f) {
                for a in &l.articles {
                    assert_article_clean(a);
                }
            }
        }
    }
}
