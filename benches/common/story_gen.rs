//! Generated stories for the story benchmarks (`benches/story.rs`, `examples/story_corpus.rs`).
//!
//! Report `k` of a generated story is a random subset of the five seeds' body sentences,
//! shuffled, of 300–900 words (drawn uniformly), with one of them as its title and the rest in
//! paragraphs of one to three sentences. Deterministic: a SplitMix64 stream seeded with `k`,
//! so story `n` is the first `n` reports of story `n + 1`. No external data.

use parallax::engine::article::BlockKind;
use parallax::engine::article::{Format, Source};
use parallax::engine::load::SEEDS;
use parallax::engine::load::parse;
use parallax::engine::segment;

#[path = "rng.rs"]
mod rng;
use rng::Rng;

/// The seeds' body sentences with their word counts.
pub fn seed_sentences() -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (_, text) in SEEDS {
        let Ok(loaded) = parse(Source::Stdin, text.as_bytes(), Format::Text) else {
            continue;
        };
        for a in loaded.articles {
            for s in segment::sentences_where(&a, |k| k == BlockKind::Body) {
                let t = a.text[s.span.range()].trim().to_string();
                let words = segment::words(&a.text, s.span).len();
                if words > 0 {
                    out.push((t, words));
                }
            }
        }
    }
    out
}

/// The text of generated report `k` (a title line, a blank line, paragraphs).
pub fn report(pool: &[(String, usize)], k: usize) -> String {
    let mut rng = Rng(0x5eed_0000 + k as u64);
    let target = 300 + rng.below(601);
    let mut order: Vec<usize> = (0..pool.len()).collect();
    // Fisher–Yates: a random subset in a random order, taken until the target is reached.
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut picked = Vec::new();
    let mut words = 0;
    for i in order {
        if words >= target {
            break;
        }
        picked.push(&pool[i].0);
        words += pool[i].1;
    }
    let mut out = String::new();
    let mut rest = picked.iter();
    if let Some(t) = rest.next() {
        out.push_str(t.trim_end_matches('.'));
        out.push_str("\n\n");
    }
    let mut in_para = 0;
    let mut para_len = 1 + rng.below(3);
    for s in rest {
        if in_para == para_len {
            out.push_str("\n\n");
            in_para = 0;
            para_len = 1 + rng.below(3);
        } else if in_para > 0 {
            out.push(' ');
        }
        out.push_str(s);
        in_para += 1;
    }
    out.push('\n');
    out
}

/// The first `n` generated reports.
pub fn story(n: usize) -> Vec<String> {
    let pool = seed_sentences();
    (0..n).map(|k| report(&pool, k)).collect()
}
