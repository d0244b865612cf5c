//! Story model speed on generated stories of 30, 300 and 1,000 reports (see
//! `benches/common/story_gen.rs`: each report a random subset of 300–900 words of the five
//! seeds' sentences, shuffled; deterministic, no external data), in process: the story-wide
//! extraction and the model ([`parallax::engine::pipeline::one_story`]), the files already
//! parsed. The model aligns every pair of reports, so its cost has a part that grows with
//! the square of their number; the 300/30 ratio (all pairs would be 100×) is the figure to
//! watch.
//!
//! Whole process, with peak memory and the same ratio: `benches/story.sh [RUNS]`, which runs
//! `parallax story DIR --json` under `/usr/bin/time -v` on files written by
//! `cargo run --release --example story_corpus -- DIR N`.
//!
//! Run: `cargo bench --bench story` (about five minutes; the 1,000-report story alone takes
//! ten samples of several seconds).

#[path = "common/story_gen.rs"]
mod story_gen;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use parallax::engine::article::{Format, Source};
use parallax::engine::load::parse;
use parallax::engine::pipeline::one_story;
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let all: Vec<_> = story_gen::story(1000)
        .iter()
        .map(|t| {
            parse(Source::Stdin, t.as_bytes(), Format::Text)
                .expect("a generated report parses")
                .articles
                .remove(0)
        })
        .collect();
    let mut group = c.benchmark_group("story");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    for n in [30, 300, 1000] {
        let articles = &all[..n];
        let (_, model) = one_story(articles);
        assert_eq!(model.n, n);
        assert!(
            model.claims.iter().any(|c| c.reports.len() > n / 10),
            "claims carried widely"
        );
        group.bench_with_input(BenchmarkId::new("generated_reports", n), &n, |b, _| {
            b.iter(|| black_box(one_story(articles)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
