//! One `entities::extract` of the extract bench's input (the seeds repeated to 4 MB as one
//! article, as in `benches/extract.rs`), on the main thread, for instruction counts that hold
//! on a busy machine:
//!
//! ```text
//! cargo build --release --example extract_callgrind
//! valgrind --tool=callgrind --toggle-collect='extract_callgrind::run' \
//!     target/release/examples/extract_callgrind [RUNS]
//! ```

use parallax::engine::article::{Article, Format, Source};
use parallax::engine::entities::{Extraction, extract};
use parallax::engine::load::{SEEDS, parse};

fn main() {
    let one: String = SEEDS.iter().map(|(_, t)| format!("{t}\n\n")).collect();
    let mut text = String::new();
    while text.len() < 4_000_000 {
        text.push_str(&one);
    }
    let Some(article) = parse(Source::Stdin, text.as_bytes(), Format::Text)
        .ok()
        .and_then(|mut loaded| loaded.articles.drain(..).next())
    else {
        eprintln!("extract_callgrind: the seeds did not load");
        std::process::exit(1);
    };
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    // One thread, the calling one: everything callgrind counts is on it.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .use_current_thread()
        .build();
    let Ok(pool) = pool else {
        eprintln!("extract_callgrind: no thread pool");
        std::process::exit(1);
    };
    let mentions: usize = pool.install(|| {
        (0..runs)
            .map(|_| std::hint::black_box(run(&article)).mentions.len())
            .sum()
    });
    println!(
        "{} bytes, {runs} runs, {mentions} mentions",
        article.text.len()
    );
}

/// The extraction callgrind counts (`--toggle-collect='extract_callgrind::run'`).
#[inline(never)]
fn run(article: &Article) -> Extraction {
    extract(article)
}
