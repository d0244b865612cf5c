//! Grouping many files into stories (`engine::group`): the five seeds mixed with the other-story
//! fixtures must group exactly by story (the folder is the label), measured by purity,
//! completeness and B-cubed precision / recall; one article is one story; the grouping does not
//! depend on input order.

#[path = "../benches/common/story_gen.rs"]
#[allow(dead_code)]
mod story_gen;

use parallax::engine::Article;
use parallax::engine::article::{Format, Source};
use parallax::engine::entities::{Extraction, extract};
use parallax::engine::group::{Params, Story, group, similarities};
use parallax::engine::load::parse;
use parallax::engine::load::{Input, LoadOptions, load_input};
use proptest::prelude::*;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// (article, gold story label) for every seed and every fixture report, in path order.
static CORPUS: LazyLock<(Vec<Article>, Vec<Extraction>, Vec<String>)> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut txt_in = |dir: &Path, label: &str| {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("readable dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        v.sort();
        files.extend(v.into_iter().map(|p| (p, label.to_string())));
    };
    txt_in(&root.join("seeds"), "seeds");
    let stories = root.join("tests/fixtures/stories");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&stories)
        .expect("stories dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let label = d.file_name().unwrap().to_string_lossy().into_owned();
        txt_in(&d, &label);
    }
    let articles: Vec<Article> = files
        .iter()
        .map(|(p, _)| {
            load_input(&Input::File(p.clone()), &LoadOptions::default())
                .expect("loads")
                .articles
                .remove(0)
        })
        .collect();
    let extractions = articles.par_iter().map(extract).collect();
    let labels = files.into_iter().map(|(_, l)| l).collect();
    (articles, extractions, labels)
});

/// Purity, completeness (inverse purity), B-cubed precision and recall of `stories` against
/// the gold labels.
fn scores(stories: &[Story], gold: &[String]) -> (f64, f64, f64, f64) {
    let n = gold.len() as f64;
    let mut predicted = vec![usize::MAX; gold.len()];
    for (s, story) in stories.iter().enumerate() {
        for &m in &story.members {
            predicted[m] = s;
        }
    }
    let mut gold_sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for g in gold {
        *gold_sizes.entry(g).or_default() += 1;
    }
    // Contingency: (story, gold label) → count.
    let mut both: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for (i, g) in gold.iter().enumerate() {
        *both.entry((predicted[i], g.as_str())).or_default() += 1;
    }
    let purity = stories
        .iter()
        .enumerate()
        .map(|(s, _)| {
            both.iter()
                .filter(|((p, _), _)| *p == s)
                .map(|(_, &c)| c)
                .max()
                .unwrap_or(0)
        })
        .sum::<usize>() as f64
        / n;
    let completeness = gold_sizes
        .keys()
        .map(|g| {
            both.iter()
                .filter(|((_, l), _)| l == g)
                .map(|(_, &c)| c)
                .max()
                .unwrap_or(0)
        })
        .sum::<usize>() as f64
        / n;
    let (mut bp, mut br) = (0.0, 0.0);
    for (i, g) in gold.iter().enumerate() {
        let c = both[&(predicted[i], g.as_str())] as f64;
        bp += c / stories[predicted[i]].members.len() as f64;
        br += c / gold_sizes[g.as_str()] as f64;
    }
    (purity, completeness, bp / n, br / n)
}

fn as_sets(stories: &[Story]) -> BTreeSet<Vec<usize>> {
    stories.iter().map(|s| s.members.clone()).collect()
}

/// The stories the gold labels make: the articles of each label, as member sets.
fn gold_sets<S: AsRef<str>>(labels: &[S]) -> BTreeSet<Vec<usize>> {
    let mut by_label: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, g) in labels.iter().enumerate() {
        by_label.entry(g.as_ref()).or_default().push(i);
    }
    by_label.into_values().collect()
}

#[test]
fn seeds_and_fixtures_group_exactly_by_story() {
    let (articles, extractions, gold) = &*CORPUS;
    assert!(articles.len() >= 20 && gold.contains(&"seeds".to_string()));
    let stories = group(articles, extractions);
    for s in &stories {
        let labels: Vec<&str> = s.members.iter().map(|&m| gold[m].as_str()).collect();
        println!("{:<60} {:?}", s.label, labels);
    }
    let (purity, completeness, bp, br) = scores(&stories, gold);
    println!(
        "purity {purity:.3} completeness {completeness:.3} B-cubed P {bp:.3} R {br:.3} ({} articles, {} stories)",
        articles.len(),
        stories.len()
    );
    assert_eq!(as_sets(&stories), gold_sets(gold));
    assert_eq!((purity, completeness, bp, br), (1.0, 1.0, 1.0, 1.0));
    // Every story is labelled, and sorted by size then first member.
    assert!(stories.iter().all(|s| !s.label.is_empty()));
    assert!(stories.windows(2).all(|w| {
        (w[0].members.len(), std::cmp::Reverse(w[0].members[0]))
            >= (w[1].members.len(), std::cmp::Reverse(w[1].members[0]))
    }));
}

#[test]
fn words_alone_group_the_fixtures_too() {
    // Without entity extraction (stems only) the grouping is still exact here.
    let (articles, _, gold) = &*CORPUS;
    let stories = group(articles, &[]);
    let (purity, completeness, bp, br) = scores(&stories, gold);
    println!(
        "words only: purity {purity:.3} completeness {completeness:.3} B-cubed P {bp:.3} R {br:.3}"
    );
    assert!(purity == 1.0 && completeness == 1.0, "{stories:#?}");
}

#[test]
#[ignore]
fn print_similarities() {
    let (articles, extractions, gold) = &*CORPUS;
    let params = Params {
        link: 0.0,
        min_shared: 1,
        ..Params::default()
    };
    let mut within = f32::MAX;
    let mut across = 0.0f32;
    for (i, j, s) in similarities(articles, extractions, &params) {
        let same = gold[i] == gold[j];
        if same {
            within = within.min(s);
        } else {
            across = across.max(s);
        }
        println!(
            "{s:.3} {} {} {}",
            if same { "same " } else { "CROSS" },
            articles[i].source,
            articles[j].source
        );
    }
    println!("lowest within {within:.3}, highest across {across:.3}");
}

#[test]
fn one_article_is_one_story() {
    let (articles, extractions, _) = &*CORPUS;
    for (a, ex) in articles.iter().zip(extractions) {
        let stories = group(std::slice::from_ref(a), std::slice::from_ref(ex));
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].members, vec![0]);
    }
    assert!(group(&[], &[]).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Any subset of the corpus in any order groups the same way (as sets of articles).
    #[test]
    fn grouping_is_invariant_to_input_order(
        order in Just((0..CORPUS.0.len()).collect::<Vec<_>>()).prop_shuffle(),
        keep in 2usize..64,
    ) {
        let (articles, extractions, _) = &*CORPUS;
        let order: Vec<usize> = order.into_iter().take(keep.min(articles.len())).collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        let pick = |idx: &[usize]| -> (Vec<Article>, Vec<Extraction>) {
            (idx.iter().map(|&i| articles[i].clone()).collect(),
             idx.iter().map(|&i| extractions[i].clone()).collect())
        };
        let (a1, e1) = pick(&order);
        let (a2, e2) = pick(&sorted);
        // Map each grouping back to corpus indices.
        let back = |stories: Vec<Story>, idx: &[usize]| -> BTreeSet<BTreeSet<usize>> {
            stories.into_iter().map(|s| s.members.into_iter().map(|m| idx[m]).collect()).collect()
        };
        let g1 = back(group(&a1, &e1), &order);
        let g2 = back(group(&a2, &e2), &sorted);
        prop_assert_eq!(g1, g2);
    }
}

#[test]
fn the_seeds_alone_are_one_story() {
    // A folder holding one story: the smoothed idf keeps words every report shares.
    let (articles, extractions, gold) = &*CORPUS;
    let idx: Vec<usize> = (0..articles.len())
        .filter(|&i| gold[i] == "seeds")
        .collect();
    let a: Vec<Article> = idx.iter().map(|&i| articles[i].clone()).collect();
    let e: Vec<Extraction> = idx.iter().map(|&i| extractions[i].clone()).collect();
    let stories = group(&a, &e);
    assert_eq!(stories.len(), 1, "{stories:#?}");
    assert_eq!(stories[0].members, (0..idx.len()).collect::<Vec<_>>());
    assert!(stories[0].label.contains("Putin"), "{}", stories[0].label);
}

/// The first `n` generated reports of one story (random subsets of the seeds' sentences,
/// `benches/common/story_gen.rs`) with their extractions.
fn generated(n: usize) -> (Vec<Article>, Vec<Extraction>) {
    let articles: Vec<Article> = story_gen::story(n)
        .iter()
        .filter_map(|t| parse(Source::Stdin, t.as_bytes(), Format::Text).ok())
        .filter_map(|mut l| (!l.articles.is_empty()).then(|| l.articles.remove(0)))
        .collect();
    assert_eq!(articles.len(), n);
    let extractions = articles.par_iter().map(extract).collect();
    (articles, extractions)
}

/// A folder holding one story stays one story however many reports it has: the story's own
/// words are then in most of the folder, so they are not rare there.
#[test]
fn many_reports_of_one_story_are_one_story() {
    for n in [30, 120, 300] {
        let (articles, extractions) = generated(n);
        let stories = group(&articles, &extractions);
        let sizes: Vec<usize> = stories.iter().map(|s| s.members.len()).collect();
        assert_eq!(sizes, vec![n], "{n} generated reports");
        assert!(!stories[0].label.is_empty());
    }
}

/// Many copies of the five seeds (each copy with its own last line) are one story.
#[test]
fn many_copies_of_the_seeds_are_one_story() {
    let (articles, _, gold) = &*CORPUS;
    let seeds: Vec<&Article> = (0..articles.len())
        .filter(|&i| gold[i] == "seeds")
        .map(|i| &articles[i])
        .collect();
    let copies: Vec<Article> = (0..24)
        .flat_map(|k| {
            seeds.iter().filter_map(move |a| {
                let text = format!("{}\n\nCopy {k} of this report.\n", a.text.trim_end());
                parse(Source::Stdin, text.as_bytes(), Format::Text)
                    .ok()
                    .and_then(|mut l| (!l.articles.is_empty()).then(|| l.articles.remove(0)))
            })
        })
        .collect();
    assert_eq!(copies.len(), 24 * seeds.len());
    let extractions: Vec<Extraction> = copies.par_iter().map(extract).collect();
    let stories = group(&copies, &extractions);
    let sizes: Vec<usize> = stories.iter().map(|s| s.members.len()).collect();
    assert_eq!(sizes, vec![copies.len()]);
    assert!(stories[0].label.contains("Putin"), "{}", stories[0].label);
}

/// A big story beside small ones: 300 generated reports of the seeds' story in one folder
/// with the seeds and the other-story fixtures. The big story takes in the seeds and nothing
/// else; the fixture stories stay whole and apart (also the two earthquakes).
#[test]
fn a_big_story_beside_small_ones_keeps_them_apart() {
    let (articles, extractions, gold) = &*CORPUS;
    let (mut all, mut exs) = generated(300);
    let mut labels = vec!["seeds".to_string(); all.len()];
    all.extend(articles.iter().cloned());
    exs.extend(extractions.iter().cloned());
    labels.extend(gold.iter().cloned());
    let stories = group(&all, &exs);
    let (purity, completeness, bp, br) = scores(&stories, &labels);
    println!(
        "big story and fixtures: purity {purity:.3} completeness {completeness:.3} B-cubed P {bp:.3} R {br:.3} ({} stories)",
        stories.len()
    );
    assert_eq!(as_sets(&stories), gold_sets(&labels));
}

#[test]
fn stories_listing_names_an_unlabelled_story_by_its_title() {
    let dir = std::env::temp_dir().join(format!("parallax-unlabelled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("nameless.txt");
    std::fs::write(
        &path,
        "the weather was \x1b[2Jnice and warm today, warmer than anyone here expected it to be\n\n\
         it rained a little later in the evening but nobody minded at all.\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("stories")
        .arg(&path)
        .output()
        .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("1. the weather was nice and warm today, warmer than")
            && first.ends_with("… (1 report)"),
        "{text:?}"
    );
    assert!(
        first.chars().count() <= "1. ".len() + 60 + " (1 report)".len(),
        "{first:?}"
    );
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn stories_subcommand_prints_json_and_names_bad_paths() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "stories",
            "--json",
            "seeds",
            "tests/fixtures/stories/canada-rate-cut/marketwire.txt",
            "tests/fixtures/stories/canada-rate-cut/the-ledger.txt",
            "/nonexistent-story",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent-story: no such file or directory"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let stories = v["stories"].as_array().expect("stories");
    let sizes: Vec<usize> = stories
        .iter()
        .map(|s| s["articles"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, vec![5, 2]);
    assert_eq!(
        stories[1]["articles"][0]["path"],
        "tests/fixtures/stories/canada-rate-cut/marketwire.txt"
    );
    assert!(
        stories[1]["articles"][1]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Relief"))
    );
    assert!(
        stories
            .iter()
            .all(|s| s["label"].as_str().is_some_and(|l| !l.is_empty()))
    );
}

/// Every file of a folder of unrelated events: the seeds, the other-story fixtures, the real
/// news pages of `../shared/corpus/html` and the 24 Wikinews articles of
/// `../shared/corpus/gum-news` (each page and each Wikinews article an event of its own). No
/// labelled story (seeds, fixtures) may take in another event, and no story mixes corpus
/// pages (5 did before the same-event check, 3 before it counted fact links only).
#[test]
fn unrelated_events_are_never_one_story() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !shared.join("gum-news").is_dir() || !shared.join("html").is_dir() {
        println!("skipped: {} is not there", shared.display());
        return;
    }
    let (articles, extractions, labels) = &*CORPUS;
    let mut articles = articles.clone();
    let mut extractions = extractions.clone();
    let mut labels = labels.clone();
    let mut extra: Vec<(PathBuf, String)> = Vec::new();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(shared.join("html"))
        .expect("html corpus")
        .map(|e| e.expect("entry").path().join("source.html"))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    let mut gum: Vec<PathBuf> = std::fs::read_dir(shared.join("gum-news"))
        .expect("gum corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    gum.sort();
    for p in pages.into_iter().chain(gum) {
        let label = p.display().to_string();
        extra.push((p, label));
    }
    assert!(extra.len() >= 25, "{} corpus files", extra.len());
    for (p, label) in extra {
        let Ok(loaded) = load_input(&Input::File(p.clone()), &LoadOptions::default()) else {
            panic!("{} does not load", p.display());
        };
        for a in loaded.articles.into_iter().take(1) {
            extractions.push(extract(&a));
            articles.push(a);
            labels.push(label.clone());
        }
    }
    let stories = group(&articles, &extractions);
    let mut mixed = Vec::new();
    for s in &stories {
        let events: BTreeSet<&str> = s.members.iter().map(|&m| labels[m].as_str()).collect();
        if events.len() > 1 {
            mixed.push((s.label.clone(), events));
        }
    }
    println!(
        "{} files, {} stories, {} mixing events",
        articles.len(),
        stories.len(),
        mixed.len()
    );
    println!("stories mixing events: {mixed:#?}");
    // The labelled stories (seeds, fixtures) never take in another event.
    let labelled = |l: &str| !l.contains("/shared/corpus/");
    for (label, events) in &mixed {
        assert!(
            !events.iter().any(|e| labelled(e)),
            "{label}: a labelled story mixed with another event: {events:?}"
        );
    }
    // Before compare::related counted fact links only (shared names or figures between
    // claim-worthy sentences, distinct sentences), 3 stories mixed corpus pages: two NASA
    // pieces (a shared 'inspire ... science' and 'Image: NASA.' credits), two Islamic State
    // pieces (one headline against three sentences), two Wikinews features ('Image: <name>.'
    // credits).
    assert!(mixed.is_empty(), "stories mixing events: {mixed:#?}");
}

/// The same-event test on its own (`Comparison::unrelated`, the compare view's warning): every
/// two reports of one labelled story tell one event; two reports of different labelled stories
/// do not, also two earthquakes (Izmir, Arequipa: epicentres, magnitudes, schools closed).
#[test]
fn reports_of_one_story_are_related_and_of_two_stories_not() {
    use parallax::engine::compare::compare;
    let (articles, extractions, gold) = &*CORPUS;
    let (mut related, mut apart) = ((0, 0), (0, 0));
    for i in 0..articles.len() {
        for j in i + 1..articles.len() {
            let c = compare(
                (&articles[i], &extractions[i]),
                (&articles[j], &extractions[j]),
            );
            if gold[i] == gold[j] {
                related.0 += usize::from(!c.unrelated);
                related.1 += 1;
                assert!(
                    !c.unrelated,
                    "{} / {}",
                    articles[i].source, articles[j].source
                );
            } else {
                apart.0 += usize::from(c.unrelated);
                apart.1 += 1;
            }
        }
    }
    println!(
        "one story: {}/{} pairs related; two stories: {}/{} pairs unrelated",
        related.0, related.1, apart.0, apart.1
    );
    assert_eq!(apart.0, apart.1, "pairs of two stories called related");
}
