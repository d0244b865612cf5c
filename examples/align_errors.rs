//! Lists every link the aligner makes on the labelled seed test pairs as TP or FP, then every
//! gold link it misses (FN), with both sentences: the material for error study.
//!
//! `cargo run --release --example align_errors [GOLD_DIR]` (GOLD_DIR defaults to
//! `tests/fixtures/gold`; the development pair 000/001 is left out).

use parallax::engine::compare::{align::Params, eval};
use std::collections::HashSet;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "tests/fixtures/gold".into()),
    );
    let (gold, preds, _) = eval::run_seeds(&dir, Params::default()).unwrap_or_else(|e| {
        eprintln!("align_errors: {e}");
        std::process::exit(1)
    });
    let read = |name: &str| {
        let (_, text) = parallax::engine::load::SEEDS
            .iter()
            .find(|(n, _)| *n == name)
            .expect("gold names seeds");
        text.to_string()
    };
    for (g, p) in gold.iter().zip(&preds) {
        if g.is_dev() {
            continue;
        }
        let (ta, tb) = (read(&g.a), read(&g.b));
        let show = |tag: &str, kind: &str, i: usize, j: usize| {
            let cut = |t: &str, s: parallax::engine::article::Span| -> String {
                t.get(s.start..s.end)
                    .unwrap_or("")
                    .chars()
                    .take(140)
                    .collect()
            };
            println!(
                "{tag} {kind} {}-{} {i}/{j}\n   A: {}\n   B: {}",
                &g.a[..3],
                &g.b[..3],
                cut(&ta, g.a_spans[i]),
                cut(&tb, g.b_spans[j])
            );
        };
        let in_gold: HashSet<(usize, usize)> = g.pairs.iter().map(|&(i, j, _)| (i, j)).collect();
        let mut predicted = HashSet::new();
        for &(sa, sb, kind) in p {
            for i in eval::map_span(sa, &g.a_spans) {
                for j in eval::map_span(sb, &g.b_spans) {
                    predicted.insert((i, j));
                    let tag = if in_gold.contains(&(i, j)) {
                        "TP"
                    } else {
                        "FP"
                    };
                    show(tag, kind.label(), i, j);
                }
            }
        }
        for &(i, j, kind) in &g.pairs {
            if !predicted.contains(&(i, j)) {
                show("FN", kind.label(), i, j);
            }
        }
    }
}
