//! Quick extraction throughput without criterion: the benchmark's 4 MB of seed text through
//! `entities::extract`, `N` times (default 7), printing each run and the median in MiB/s.
//! `cargo run --release --example extract_speed [-- N]`. Useful under `perf stat` and
//! `perf record`, where the criterion harness would get in the way.

use parallax::engine::article::{Format, Source};
use parallax::engine::entities::extract;
use parallax::engine::load::{SEEDS, parse};
use std::time::Instant;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(7);
    let one: String = SEEDS
        .iter()
        .map(|(_, t)| {
            let body = t.split("\nLeave a Reply").next().unwrap_or(t);
            format!("{body}\n\n")
        })
        .collect();
    let mut text = String::new();
    while text.len() < 4_000_000 {
        text.push_str(&one);
    }
    let article = parse(Source::Stdin, text.as_bytes(), Format::Text)
        .expect("parses")
        .articles
        .remove(0);
    let mib = article.text.len() as f64 / (1024.0 * 1024.0);
    let mut rates = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let ex = extract(std::hint::black_box(&article));
        let secs = t.elapsed().as_secs_f64();
        std::hint::black_box(ex);
        rates.push(mib / secs);
        println!("{:.1} ms  {:.2} MiB/s", secs * 1000.0, mib / secs);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "median {:.2} MiB/s over {} runs ({mib:.2} MiB)",
        rates[rates.len() / 2],
        rates.len()
    );
}
