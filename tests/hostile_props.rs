//! Fuzz-style property tests: every loader on real files (tests/fixtures, and
//! ../shared/corpus when it is there) with hostile fragments spliced in at random byte
//! positions, and on raw random bytes; the sanitizer on raw bytes; and every output path of
//! the engine (the dump, entity tables and JSON, compare in three formats, the story in two,
//! story labels) on hostile articles. Nothing panics, and nothing a terminal would act on
//! (C0 but newline and tab, C1, bidi controls, other invisibles) comes out. Case counts are
//! small so the whole file stays within seconds in CI; proptest's regressions file keeps any
//! failure found.

mod hostile;

use hostile::is_forbidden;
use parallax::engine::load::{self, Loaded, parse};
use parallax::engine::sanitize::{sanitize, sanitize_line};
use parallax::engine::{Article, Format, Source};
use proptest::prelude::*;
use std::path::Path;

/// Fragments an attacker would try: raw escapes and C1 (as UTF-8 and as lone legacy bytes),
/// character references in every spelling, entities, JSON and percent escapes, markup that
/// opens or closes structure, and bytes that are not UTF-8.
const FRAGMENTS: &[&[u8]] = &[
    b"\x1b[2J",
    b"\x1b]0;PWNED\x07",
    b"\x1b]8;;http://x\x1b\\",
    b"\x1bP1$r\x1b\\",
    b"\x1b",
    "\u{9b}2J".as_bytes(),
    "\u{9d}0;t\u{9c}".as_bytes(),
    "\u{90}q".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{2066}".as_bytes(),
    "\u{200f}".as_bytes(),
    "\u{feff}".as_bytes(),
    "\u{e0041}".as_bytes(),
    b"\x9b",
    b"\x9d",
    b"\x90",
    b"\xc2",
    b"\xff\xfe",
    b"\x00",
    b"\x07",
    b"\r",
    b"\x7f",
    b"&#27;",
    b"&#x1b;[31m",
    b"&#X1B;",
    b"&#0027;",
    b"&#155;",
    b"&#x9b;",
    b"&#x9d;0;x&#x9c;",
    b"&#x202e;",
    b"&#8238;",
    b"&#x90;",
    b"&#7;",
    b"&#0;",
    b"&#x110000;",
    b"&amp;#27;",
    b"&rlm;",
    b"&lrm;",
    b"&zwj;",
    b"\\u001b[2J",
    b"\\u009b",
    b"\\u202e",
    b"\\ud800",
    b"%1b%5b2J",
    b"%C2%9B",
    b"<div>",
    b"</div>",
    b"<p>",
    b"<![CDATA[\x1b]0;x\x07]]>",
    b"]]>",
    b"<!--",
    b"-->",
    b"<!DOCTYPE x [<!ENTITY a \"&#27;\">]>",
    b"&a;",
    b"<?xml version=\"1.0\" encoding=\"iso-2022-kr\"?>",
    b"<meta charset=\"x-bogus\">",
    b"\n---\ntitle: &#27;]0;T&#7;\n---\n",
    b"\n> > > ",
    b"\n- - - ",
    b"`&#27;`",
    b"\"}, {\"title\": \"\\u001b]0;J\\u0007\", \"body\": \"x\\u009bx\"}",
    b"\n\n",
];

/// Real files of one kind: fixtures always, the shared corpus when it is there.
fn bases(fixture_dirs: &[&str], corpus: &[&str], ext: &[&str]) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut collect = |dir: &Path| {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                let source = p.join("source.html");
                if source.is_file() {
                    files.push(std::fs::read(source).unwrap());
                }
            } else if ext.iter().any(|e| p.to_string_lossy().ends_with(e)) {
                files.push(std::fs::read(&p).unwrap());
            }
        }
    };
    for d in fixture_dirs {
        collect(&root.join(d));
    }
    let shared = root.join("../shared/corpus");
    if shared.is_dir() {
        for d in corpus {
            collect(&shared.join(d));
        }
    } else {
        eprintln!("note: ../shared/corpus is absent; fuzzing the fixtures only");
    }
    if files.is_empty() {
        files.push(load::SEEDS[0].1.as_bytes().to_vec());
    }
    files
}

/// A real file with hostile fragments spliced in at random places.
fn spliced(files: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let n = files.len();
    (
        0..n,
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop_oneof![
                    4 => prop::sample::select(FRAGMENTS).prop_map(<[u8]>::to_vec),
                    1 => prop::collection::vec(any::<u8>(), 1..8),
                ],
            ),
            1..12,
        ),
    )
        .prop_map(move |(i, edits)| {
            let mut bytes = files[i].clone();
            for (at, frag) in edits {
                let pos = at.index(bytes.len() + 1);
                bytes.splice(pos..pos, frag);
            }
            bytes
        })
}

/// Raw bytes with fragments mixed in.
fn raw_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(FRAGMENTS).prop_map(<[u8]>::to_vec),
            2 => prop::collection::vec(any::<u8>(), 0..16),
            2 => "[a-zA-Z .,]{1,40}".prop_map(String::into_bytes),
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn check_str(s: &str, what: &str) -> Result<(), TestCaseError> {
    if let Some(c) = s.chars().find(|&c| is_forbidden(c)) {
        return Err(TestCaseError::fail(format!("{what}: {c:?} in {s:?}")));
    }
    Ok(())
}

fn check_json(v: &serde_json::Value, what: &str) -> Result<(), TestCaseError> {
    match v {
        serde_json::Value::String(s) => check_str(s, what),
        serde_json::Value::Array(a) => a.iter().try_for_each(|v| check_json(v, what)),
        serde_json::Value::Object(o) => o.iter().try_for_each(|(k, v)| {
            check_str(k, what)?;
            check_json(v, what)
        }),
        _ => Ok(()),
    }
}

/// The loader's guarantees for one input: no panic (the call returns), spans in bounds on
/// character boundaries, and every string clean, errors included.
fn check_loaded(result: Result<Loaded, load::LoadError>) -> Result<Vec<Article>, TestCaseError> {
    let loaded = match result {
        Ok(l) => l,
        Err(e) => {
            check_str(&e.display(), "error")?;
            return Ok(Vec::new());
        }
    };
    for p in &loaded.problems {
        check_str(&p.display(), "problem")?;
    }
    for a in &loaded.articles {
        check_str(&a.text, "text")?;
        check_str(&a.title, "title")?;
        prop_assert!(!a.title.contains('\n'));
        for n in &a.notes {
            check_str(n, "note")?;
        }
        let m = &a.meta;
        for f in [
            &m.outlet,
            &m.byline,
            &m.date,
            &m.url,
            &m.language,
            &m.encoding,
        ]
        .into_iter()
        .flatten()
        {
            check_str(f, "meta")?;
        }
        for b in &a.blocks {
            prop_assert!(b.span.start <= b.span.end && b.span.end <= a.text.len());
            prop_assert!(a.text.is_char_boundary(b.span.start));
            prop_assert!(a.text.is_char_boundary(b.span.end));
        }
        check_str(&a.source.label(), "label")?;
    }
    Ok(loaded.articles)
}

fn fuzz_config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(fuzz_config(64))]

    #[test]
    fn feed_loader_on_spliced_feeds(bytes in spliced(bases(&["tests/fixtures/feeds"], &["feeds"], &[".rss", ".atom", ".xml"]))) {
        check_loaded(parse(Source::Stdin, &bytes, Format::Feed))?;
    }

    #[test]
    fn json_loader_on_spliced_json(bytes in spliced(bases(&["tests/fixtures/json", "tests/fixtures/other_stories"], &[], &[".json", ".jsonl"]))) {
        check_loaded(parse(Source::Stdin, &bytes, Format::Json))?;
    }

    #[test]
    fn markdown_and_text_loaders_on_spliced_reports(bytes in spliced(bases(&["seeds", "tests/fixtures/encodings"], &["gum-news"], &[".txt", ".html"])), md in any::<bool>()) {
        let format = if md { Format::Markdown } else { Format::Text };
        check_loaded(parse(Source::Stdin, &bytes, format))?;
    }

    #[test]
    fn every_loader_on_raw_bytes(bytes in raw_bytes(), f in 0usize..5) {
        let format = [Format::Feed, Format::Json, Format::Html, Format::Markdown, Format::Text][f];
        check_loaded(parse(Source::Stdin, &bytes, format))?;
        // And with the format sniffed, as files without an extension are read.
        check_loaded(parse(Source::Stdin, &bytes, load::sniff::resolve(None, &bytes)))?;
    }

    #[test]
    fn sanitizer_on_raw_bytes(bytes in raw_bytes()) {
        let text = String::from_utf8_lossy(&bytes);
        let (clean, _, map) = sanitize(&text);
        check_str(&clean, "sanitize")?;
        prop_assert_eq!(&sanitize(&clean).0, &clean, "idempotent");
        for (i, _) in clean.char_indices() {
            prop_assert!(map.to_source(i) <= text.len());
        }
        let line = sanitize_line(&text);
        prop_assert!(line.chars().all(|c| !c.is_control()));
        check_str(&line, "sanitize_line")?;
        // Decoding references after sanitizing must be followed by sanitizing again: the
        // decoded text of a clean string can be hostile, and sanitize catches it.
        let decoded = html_escape::decode_html_entities(&clean);
        check_str(&sanitize(&decoded).0, "decoded then sanitized")?;
    }
}

proptest! {
    #![proptest_config(fuzz_config(24))]

    #[test]
    fn html_loader_on_spliced_pages(bytes in spliced(bases(&["tests/fixtures/html", "tests/fixtures/encodings"], &["html"], &[".html"]))) {
        check_loaded(parse(Source::Stdin, &bytes, Format::Html))?;
    }
}

/// Two hostile reports (and a third for the story) from spliced seeds, in several formats.
fn hostile_reports() -> impl Strategy<Value = Vec<Article>> {
    let seeds: Vec<Vec<u8>> = load::SEEDS
        .iter()
        .map(|(_, t)| t.as_bytes().to_vec())
        .collect();
    prop::collection::vec((spliced(seeds), 0usize..3), 3).prop_map(|docs| {
        docs.into_iter()
            .filter_map(|(bytes, f)| {
                let format = [Format::Markdown, Format::Text, Format::Html][f];
                let mut bytes = bytes;
                if format == Format::Html {
                    // Wrap as a page so the reference forms are decoded by the HTML parser.
                    let mut page = b"<html><body><p>".to_vec();
                    page.extend(bytes.iter().flat_map(|&b| {
                        if b == b'\n' {
                            b"</p><p>".to_vec()
                        } else {
                            vec![b]
                        }
                    }));
                    page.extend(b"</p></body></html>");
                    bytes = page;
                }
                parse(Source::Stdin, &bytes, format)
                    .ok()?
                    .articles
                    .into_iter()
                    .next()
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(fuzz_config(12))]

    #[test]
    fn no_output_path_emits_controls_from_input(articles in hostile_reports()) {
        use parallax::engine::{compare, entities, group, story};
        prop_assume!(articles.len() >= 2);
        let exs = entities::extract_story(&articles);
        for (a, ex) in articles.iter().zip(&exs) {
            let mut dump = Vec::new();
            parallax::cli::dump_article(a, &mut dump).unwrap();
            check_str(&String::from_utf8(dump).unwrap(), "dump")?;
            check_str(&entities::table(a, ex), "entities table")?;
            check_json(&entities::to_json(a, ex), "entities json")?;
        }
        let c = compare::compare((&articles[0], &exs[0]), (&articles[1], &exs[1]));
        check_str(&compare::render::to_text(&c, &articles[0], &articles[1], 80), "compare text")?;
        check_str(&compare::render::to_markdown(&c, &articles[0], &articles[1]), "compare markdown")?;
        let json = serde_json::to_value(compare::render::to_json(&c, &articles[0], &articles[1]));
        check_json(&json.unwrap(), "compare json")?;
        let model = story::build(&articles, &exs);
        check_str(&story::to_markdown(&model, &articles), "story markdown")?;
        check_json(&story::to_json(&model, &articles), "story json")?;
        let per: Vec<_> = articles.iter().map(entities::extract).collect();
        for s in group::group(&articles, &per) {
            check_str(&s.label, "story label")?;
        }
    }
}
