//! Prints sentence-alignment P/R/F1 on the labelled seed pairs, and the TF-IDF cosine baseline
//! computed in the same run.
//!
//! `cargo run --release --example align_eval [GOLD_DIR] [--grid]`
//! (GOLD_DIR defaults to `tests/fixtures/gold`). `--grid` searches the thresholds on the
//! development pair (000, 001) only and prints the test scores of the best setting.

use parallax::engine::compare::{align::Params, eval};
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let grid = args.iter().any(|a| a == "--grid");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--") && !a.contains('='))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tests/fixtures/gold"));
    if grid {
        let mut best: Option<(f64, Params)> = None;
        for best_cosine in [0.05, 0.1, 0.15, 1.0] {
            let same_cosine = 0.5;
            for link_cosine in [0.1, 0.15, 0.2, 0.25, 0.3] {
                for link_cover in [0.2, 0.25, 0.3, 0.35, 0.4, 0.5] {
                    for min_shared in [2.0, 2.5, 3.0, 3.5, 4.0] {
                        for max_links in [2, 4, 6] {
                            let p = Params {
                                same_cosine,
                                link_cosine,
                                link_cover,
                                min_shared,
                                max_links,
                                best_cosine,
                            };
                            let (_, _, s) = eval::run_seeds(&dir, p).unwrap_or_else(|e| {
                                eprintln!("align_eval: {e}");
                                std::process::exit(1)
                            });
                            if best.is_none_or(|(f, _)| s.dev_any.f1 > f) {
                                best = Some((s.dev_any.f1, p));
                            }
                        }
                    }
                }
            }
        }
        let (f, p) = best.expect("grid is not empty");
        println!("best on dev: any F1 {f:.3} with {p:?}");
        let (_, _, s) = eval::run_seeds(&dir, p).expect("ran above");
        print!("{}", eval::format(&s));
        return;
    }
    let mut p = Params::default();
    for a in &args {
        if let Some((k, v)) = a.split_once('=') {
            let v: f32 = v.parse().unwrap_or(0.0);
            match k {
                "same_cosine" => p.same_cosine = v,
                "link_cosine" => p.link_cosine = v,
                "link_cover" => p.link_cover = v,
                "min_shared" => p.min_shared = v,
                "best_cosine" => p.best_cosine = v,
                "max_links" => p.max_links = v as usize,
                _ => {}
            }
        }
    }
    match eval::run_seeds(&dir, p) {
        Ok((_, _, s)) => {
            print!("{}", eval::format(&s));
            if let Ok((th, t)) = eval::tfidf_seeds(&dir) {
                println!(
                    "TF-IDF cosine (threshold {th:.2} fitted on dev): dev any F1 {:.3}, test any F1 {:.3} (P {:.3} R {:.3})",
                    t.dev_any.f1, t.test_any.f1, t.test_any.p, t.test_any.r
                );
            }
        }
        Err(e) => {
            eprintln!("align_eval: {e}");
            std::process::exit(1);
        }
    }
}
