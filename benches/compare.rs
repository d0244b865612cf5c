//! Comparison speed, in process: a seed pair end to end (sentences, extraction, alignment,
//! word diff, coverage, discrepancies) and the large pair made from the seeds (A = seeds
//! 000..004 concatenated, B = 004..000, each cycle repeated 20 times: about 50,000 words a
//! side, the same paragraphs reordered). The whole-process comparison with
//! `git diff --no-index --word-diff=porcelain` is `benches/large_pair.sh`. Also the story
//! model of the five seeds (extractions given).

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::engine::article::{Format, Source};
use parallax::engine::compare::compare;
use parallax::engine::entities::extract_story;
use parallax::engine::load::{SEEDS, parse};
use std::hint::black_box;

/// The large pair's two texts.
pub fn large_pair() -> (String, String) {
    let texts: Vec<&str> = SEEDS.iter().map(|(_, t)| t.trim_matches('\n')).collect();
    let cycle = |order: &[usize]| {
        order
            .iter()
            .map(|&i| texts[i])
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let a = vec![cycle(&[0, 1, 2, 3, 4]); 20].join("\n\n");
    let b = vec![cycle(&[4, 3, 2, 1, 0]); 20].join("\n\n");
    (a, b)
}

fn article(text: &str) -> parallax::engine::Article {
    parse(Source::Stdin, text.as_bytes(), Format::Text)
        .expect("parses")
        .articles
        .remove(0)
}

fn bench(c: &mut Criterion) {
    let a = article(SEEDS[0].1);
    let b = article(SEEDS[1].1);
    let mut group = c.benchmark_group("compare");
    group.bench_function("seed_pair_000_001", |bench| {
        bench.iter(|| {
            let ex = extract_story(&[a.clone(), b.clone()]);
            black_box(compare((&a, &ex[0]), (&b, &ex[1])))
        })
    });
    let seeds: Vec<_> = SEEDS.iter().map(|(_, t)| article(t)).collect();
    let seed_ex = extract_story(&seeds);
    group.bench_function("story_model_5_seeds", |bench| {
        bench.iter(|| black_box(parallax::engine::story::build(&seeds, &seed_ex)))
    });
    let (ta, tb) = large_pair();
    let (la, lb) = (article(&ta), article(&tb));
    let ex = extract_story(&[la.clone(), lb.clone()]);
    let check = compare((&la, &ex[0]), (&lb, &ex[1]));
    assert!(
        check.coverage.0 > 0.99 && check.coverage.1 > 0.99,
        "{:?}",
        check.coverage
    );
    group.sample_size(10);
    group.bench_function("large_pair_align_diff", |bench| {
        bench.iter(|| black_box(compare((&la, &ex[0]), (&lb, &ex[1]))))
    });
    group.bench_function("large_pair_end_to_end", |bench| {
        bench.iter(|| {
            let (la, lb) = (article(&ta), article(&tb));
            let ex = extract_story(&[la.clone(), lb.clone()]);
            black_box(compare((&la, &ex[0]), (&lb, &ex[1])))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
