//! Conformance against real pages and feeds in `../shared/corpus` (not part of the project).
//!
//! Pages: our body text against Readability's `expected.html` by word-multiset overlap
//! (precision and recall), our title against `expected-metadata.json`. Feeds: entry counts and
//! titles checked by reading the files, and a clear parse error for the truncated one.
//! Run `cargo test --test corpus_conformance -- --nocapture` to see the table. When the
//! corpus is absent the test prints why and passes.

use parallax::engine::article::{Article, BlockKind, Format, Source};
use parallax::engine::load::{LoadError, LoadOptions, Loaded, load_input};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use unicode_segmentation::UnicodeSegmentation;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_input(
        &parallax::engine::load::Input::File(path.to_path_buf()),
        &LoadOptions::default(),
    )
}

fn words(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in text.unicode_words() {
        *m.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    m
}

/// (precision, recall) of `ours` against `theirs`, as word multisets.
fn overlap(ours: &HashMap<String, usize>, theirs: &HashMap<String, usize>) -> (f64, f64) {
    let common: usize = ours
        .iter()
        .map(|(w, n)| (*n).min(theirs.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>().max(1) as f64;
    (common as f64 / total(ours), common as f64 / total(theirs))
}

/// Our body: content blocks other than the title.
fn body(a: &Article) -> String {
    a.blocks
        .iter()
        .filter(|b| b.kind.is_content() && b.kind != BlockKind::Title)
        .map(|b| a.slice(b.span))
        .collect::<Vec<_>>()
        .join("\n")
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['’', '‘'], "'")
}

#[test]
fn html_pages_match_readability() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus not found");
        return;
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    println!(
        "\n{:<14} {:>9} {:>7} {:>7}  title",
        "page", "words", "P", "R"
    );
    let mut failures = Vec::new();
    for page in pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let loaded = load(&page.join("source.html")).expect("page loads");
        let a = &loaded.articles[0];
        assert_eq!(a.format, Format::Html);
        let expected = std::fs::read_to_string(page.join("expected.html")).unwrap();
        let theirs = dom_query::Document::from(expected.as_str()).root().text();
        let (p, r) = overlap(&words(&body(a)), &words(&theirs));
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).unwrap(),
        )
        .unwrap();
        let want = meta["title"].as_str().unwrap_or("");
        let title_ok = norm(&a.title) == norm(want);
        println!(
            "{name:<14} {:>9} {p:>7.3} {r:>7.3}  {} {:?}{}",
            a.word_count(),
            if title_ok { "ok" } else { "DIFFERS" },
            a.title,
            if a.notes.is_empty() {
                String::new()
            } else {
                format!(" notes: {:?}", a.notes)
            }
        );
        if p < 0.9 || r < 0.9 {
            failures.push(format!("{name}: precision {p:.3}, recall {r:.3}"));
        }
        if !title_ok {
            failures.push(format!("{name}: title {:?}, expected {want:?}", a.title));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A feed file, its entry count, its first title, and another (index, title).
type FeedCase = (
    &'static str,
    usize,
    &'static str,
    Option<(usize, &'static str)>,
);

#[test]
fn feeds_load_with_counts_and_titles() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus not found");
        return;
    };
    let feeds = dir.join("feeds");
    // (file, entries, first title, a later title), read from the files by hand.
    let cases: &[FeedCase] = &[
        (
            "tpm-talkingpointsmemo.atom",
            20,
            "Hannity Announces Fox Has Hired Sebastian Gorka As NatSec Strategist",
            Some((
                7,
                "Reports: DOJ Could Seek CNN Sale Before AT&T-Time Warner Merger",
            )),
        ),
        (
            "nbcnewyork-cdata-odd-date.rss.xml",
            1,
            "NYC cops search for stabbing suspect after leaving 18-year-old to bleed out on sidewalk",
            None,
        ),
        (
            "oren-ru-windows1251.rss.xml",
            10,
            "В Бузулуке главные стройплощадки – детсад и Ледовый дворец",
            Some((1, "ЧОПовцы в Оренбурге избили молодого человека")),
        ),
    ];
    println!(
        "\n{:<36} {:>7} {:>8}  first title",
        "feed", "entries", "expected"
    );
    for (file, count, first, later) in cases {
        let loaded = load(&feeds.join(file)).expect("feed loads");
        let arts = &loaded.articles;
        println!(
            "{file:<36} {:>7} {count:>8}  {:?}",
            arts.len(),
            arts.first().map(|a| &a.title)
        );
        assert_eq!(arts.len(), *count, "{file}");
        assert!(loaded.problems.is_empty(), "{file}: {:?}", loaded.problems);
        assert_eq!(arts[0].title, *first, "{file}");
        if let Some((i, t)) = later {
            assert_eq!(arts[*i].title, *t, "{file}");
        }
        for a in arts {
            assert_eq!(a.format, Format::Feed);
            assert!(matches!(a.source, Source::Entry { .. }));
            assert!(a.meta.outlet.is_some(), "{file}: outlet");
        }
    }
    // Atom: relative links resolved against the feed's link; HTML content rendered.
    let tpm = load(&feeds.join("tpm-talkingpointsmemo.atom"))
        .unwrap()
        .articles;
    assert_eq!(
        tpm[0].meta.url.as_deref(),
        Some(
            "http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist"
        )
    );
    assert!(
        tpm[0]
            .text
            .contains("“Joining us now is Dr. Sebastian Gorka,”"),
        "{}",
        tpm[0].text
    );
    assert!(
        tpm.iter()
            .all(|a| !a.text.contains("&amp;") && !a.text.contains("&#"))
    );
    // windows-1251 declared: said so, text readable.
    let oren = load(&feeds.join("oren-ru-windows1251.rss.xml"))
        .unwrap()
        .articles;
    assert_eq!(oren[0].meta.encoding.as_deref(), Some("windows-1251"));
    assert!(oren[1].text.contains("(видео)"), "{}", oren[1].text);
    // CDATA author and body.
    let nbc = load(&feeds.join("nbcnewyork-cdata-odd-date.rss.xml"))
        .unwrap()
        .articles;
    assert_eq!(
        nbc[0].meta.byline.as_deref(),
        Some("Gaby Acevedo and Jessica Cunnington")
    );
    assert!(nbc[0].text.contains("A young man was left for dead"));

    let bad = feeds.join("reuters-truncated-invalid.rss.xml");
    match load(&bad) {
        Err(e @ LoadError::Parse { .. }) => {
            let msg = e.to_string();
            println!(
                "{:<36} {:>7} {:>8}  {msg}",
                "reuters-truncated-invalid.rss.xml", "error", "error"
            );
            assert!(msg.contains("reuters-truncated-invalid.rss.xml"), "{msg}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}
