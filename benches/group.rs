//! Grouping throughput: 2,000 generated articles in about 490 stories, through
//! `group::group` (extractions given), through per-article extraction plus grouping, and the
//! whole pipeline after loading (`engine::pipeline::analyse_and_model`, what the reader's
//! worker and the command line run): extraction, grouping, story-wide extraction per story,
//! then each story's model (`story::build`).
//!
//! The folder is generated from the six real stories (the five seeds and the five other-story
//! fixtures in `tests/fixtures/stories/`): generated story `s` takes every report of base story
//! `s % 6` and rewrites them all with one substitution map drawn for `s` (a fixed-seed
//! generator): a capitalised word becomes a pseudo-name from a pool of 5,000 with probability
//! 0.9, another content word of 4+ letters becomes a pseudo-word from a pool of 20,000 with
//! probability 0.4, every digit is redrawn. So reports of one generated story keep their real
//! relationships (wire copy, paraphrase), while stories made from the same base share the
//! unreplaced half of their topic words and stories made from any base share pseudo-names and
//! pseudo-words by chance: many same-kind events, told apart by names and details. Generation
//! stops at 2,000 articles. The setup prints how well the generated stories are recovered
//! (B-cubed precision / recall) beside the timings.

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::engine::Article;
use parallax::engine::article::{Format, Source};
use parallax::engine::entities::gazetteer::STOP_WORDS;
use parallax::engine::entities::{Extraction, extract};
use parallax::engine::group::{Story, group};
use parallax::engine::load::{SEEDS, parse};
use parallax::engine::pipeline;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

/// A pronounceable pseudo-word for pool index `i`.
fn pseudo(i: usize, syllables: usize) -> String {
    const ONSETS: &[&str] = &[
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "kl",
        "st",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];
    let mut x = i.wrapping_mul(2_654_435_761) ^ 0x5bd1_e995;
    let mut out = String::new();
    for _ in 0..syllables {
        out.push_str(ONSETS[x % ONSETS.len()]);
        x /= ONSETS.len();
        out.push_str(VOWELS[x % VOWELS.len()]);
        x /= VOWELS.len();
    }
    out.push_str(ONSETS[i % ONSETS.len()]);
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The reports of each base story, as (name, text).
fn bases() -> Vec<Vec<(String, String)>> {
    let mut out = vec![
        SEEDS
            .iter()
            .map(|(n, t)| (format!("seeds/{n}"), t.to_string()))
            .collect::<Vec<_>>(),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&d)
            .expect("story")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        out.push(
            files
                .iter()
                .map(|f| {
                    (
                        f.display().to_string(),
                        std::fs::read_to_string(f).expect("text"),
                    )
                })
                .collect(),
        );
    }
    out
}

/// Rewrites `text` with the story's substitution map (filled on first sight of a word).
fn rewrite(text: &str, map: &mut HashMap<String, String>, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush =
        |word: &mut String, out: &mut String, map: &mut HashMap<String, String>, rng: &mut Rng| {
            if word.is_empty() {
                return;
            }
            let lower = word.to_lowercase();
            let repl = map.entry(word.clone()).or_insert_with(|| {
                if word.chars().all(|c| c.is_ascii_digit()) {
                    word.chars()
                        .map(|_| char::from(b'0' + rng.below(10) as u8))
                        .collect()
                } else if STOP_WORDS.contains(lower.as_str()) {
                    word.clone()
                } else if word.chars().next().is_some_and(char::is_uppercase) {
                    if rng.chance(0.9) {
                        capitalise(&pseudo(rng.below(5_000), 2))
                    } else {
                        word.clone()
                    }
                } else if word.chars().count() >= 4 && rng.chance(0.4) {
                    pseudo(100_000 + rng.below(20_000), 3)
                } else {
                    word.clone()
                }
            });
            out.push_str(repl);
            word.clear();
        };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, map, rng);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, map, rng);
    out
}

/// 2,000 generated articles and their generated-story labels.
fn corpus() -> (Vec<Article>, Vec<usize>) {
    let bases = bases();
    let mut articles = Vec::new();
    let mut labels = Vec::new();
    let mut s = 0;
    while articles.len() < 2_000 {
        let mut rng = Rng(0xC0FFEE ^ (s as u64).wrapping_mul(0x1000_0001));
        let mut map = HashMap::new();
        for (name, text) in &bases[s % bases.len()] {
            if articles.len() == 2_000 {
                break;
            }
            let text = rewrite(text, &mut map, &mut rng);
            let source = Source::File(format!("gen/{s:03}/{name}").into());
            let loaded = parse(source, text.as_bytes(), Format::Text).expect("parses");
            articles.extend(loaded.articles);
            labels.push(s);
        }
        s += 1;
    }
    (articles, labels)
}

/// B-cubed precision and recall of `stories` against generated labels.
fn bcubed(stories: &[Story], labels: &[usize]) -> (f64, f64) {
    let mut story_of = vec![0; labels.len()];
    for (k, s) in stories.iter().enumerate() {
        for &m in &s.members {
            story_of[m] = k;
        }
    }
    let mut both: HashMap<(usize, usize), usize> = HashMap::new();
    let mut gold: HashMap<usize, usize> = HashMap::new();
    for (i, &l) in labels.iter().enumerate() {
        *both.entry((story_of[i], l)).or_default() += 1;
        *gold.entry(l).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (i, &l) in labels.iter().enumerate() {
        let c = both[&(story_of[i], l)] as f64;
        p += c / stories[story_of[i]].members.len() as f64;
        r += c / gold[&l] as f64;
    }
    (p / labels.len() as f64, r / labels.len() as f64)
}

fn bench(c: &mut Criterion) {
    let (articles, labels) = corpus();
    let t = Instant::now();
    let extractions: Vec<Extraction> = articles.par_iter().map(extract).collect();
    let extract_time = t.elapsed();
    let t = Instant::now();
    let stories = group(&articles, &extractions);
    let group_time = t.elapsed();
    let (p, r) = bcubed(&stories, &labels);
    let generated = labels.last().map_or(0, |l| l + 1);
    eprintln!(
        "{} articles in {generated} generated stories -> {} stories; B-cubed P {p:.3} R {r:.3}; \
         one run: extraction {extract_time:.2?}, grouping {group_time:.2?}",
        articles.len(),
        stories.len()
    );
    let words = group(&articles, &[]);
    let (p, r) = bcubed(&words, &labels);
    eprintln!(
        "words only: {} stories; B-cubed P {p:.3} R {r:.3}",
        words.len()
    );

    let mut g = c.benchmark_group("group");
    g.sample_size(10);
    g.bench_function("2000_articles", |b| {
        b.iter(|| group(black_box(&articles), black_box(&extractions)))
    });
    g.bench_function("2000_articles_with_extraction", |b| {
        b.iter(|| {
            let ex: Vec<Extraction> = articles.par_iter().map(extract).collect();
            group(black_box(&articles), &ex)
        })
    });
    // The one pipeline every front end runs after loading (`engine::pipeline`): per-article
    // extraction, grouping, story-wide extraction per story, then a model per story of two or
    // more reports, events counted as the reader's worker would send them.
    g.bench_function("2000_articles_grouped_with_story_models", |b| {
        b.iter(|| {
            let models = AtomicUsize::new(0);
            pipeline::analyse_and_model(black_box(&articles), &pipeline::Cancel::new(), &|e| {
                if matches!(e, pipeline::Event::Story { .. }) {
                    models.fetch_add(1, Ordering::Relaxed);
                }
            });
            black_box(models.into_inner())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
