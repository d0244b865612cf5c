//! Extraction throughput: the five seeds concatenated and repeated to about 4 MB, as one
//! article, through `entities::extract` (sentences, mentions, canonical names, quotes).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use parallax::engine::article::{Format, Source};
use parallax::engine::entities::extract;
use parallax::engine::load::{SEEDS, parse};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
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
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(article.text.len() as u64));
    group.sample_size(10);
    group.bench_function("seeds_4mb", |b| b.iter(|| extract(black_box(&article))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
