//! Extraction throughput: the five seeds concatenated and repeated to about 4 MB, as one
//! article, through `entities::extract` (sentences, mentions, canonical names, quotes).
//!
//! Two groups: `extract` is wall time; `extract_cpu` is the process's CPU time (`cpu-time`)
//! with extraction run in a one-thread rayon pool: the figure for "MB/s on one core" that
//! holds on a machine busy with other work, where wall time also counts the time the thread
//! waited for a core.

use cpu_time::ProcessTime;
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::engine::article::{Article, Format, Source};
use parallax::engine::entities::extract;
use parallax::engine::load::{SEEDS, parse};
use std::hint::black_box;
use std::time::Duration;

/// The CPU time of the process; values in nanoseconds, shown as wall time is.
struct Cpu;

impl Measurement for Cpu {
    type Intermediate = ProcessTime;
    type Value = Duration;
    fn start(&self) -> ProcessTime {
        ProcessTime::now()
    }
    fn end(&self, start: ProcessTime) -> Duration {
        start.elapsed()
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WallTime.formatter()
    }
}

fn article() -> Article {
    let one: String = SEEDS.iter().map(|(_, t)| format!("{t}\n\n")).collect();
    let mut text = String::new();
    while text.len() < 4_000_000 {
        text.push_str(&one);
    }
    let article = parse(Source::Stdin, text.as_bytes(), Format::Text)
        .expect("parses")
        .articles
        .remove(0);
    let content: usize = article.content_blocks().map(|b| b.span.len()).sum();
    assert!(
        content * 10 > article.text.len() * 9,
        "most of the text must be content"
    );
    article
}

fn wall(c: &mut Criterion) {
    let article = article();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(article.text.len() as u64));
    group.sample_size(10);
    group.bench_function("seeds_4mb", |b| b.iter(|| extract(black_box(&article))));
    group.finish();
}

fn cpu(c: &mut Criterion<Cpu>) {
    let article = article();
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let mut group = c.benchmark_group("extract_cpu");
    group.throughput(Throughput::Bytes(article.text.len() as u64));
    group.sample_size(10);
    group.bench_function("seeds_4mb", |b| {
        b.iter(|| one.install(|| extract(black_box(&article))))
    });
    group.finish();
}

criterion_group!(benches, wall);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(Cpu);
    targets = cpu
}
criterion_main!(benches, cpu_benches);
