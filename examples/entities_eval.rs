//! Prints the entity scores of the extractor on the five seeds against the gold labels.
//!
//! `cargo run --release --example entities_eval [-- --show] [-- --write DIR]`: `--show` lists
//! the errors, `--write DIR` writes predictions in the format of `score_entities.py`.

use parallax::engine::entities::eval;
use parallax::engine::load::SEEDS;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let show = args.iter().any(|a| a == "--show");
    let write = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1));
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gold/entities");
    let run = match eval::run_seeds(std::path::Path::new(dir)) {
        Ok(run) => run,
        Err(e) => {
            eprintln!("entities_eval: {e}");
            return;
        }
    };
    for ((name, text), g) in SEEDS.iter().zip(&run.gold) {
        let p = &run.pred[&g.0];
        if show {
            let key = |m: &eval::EvalMention| (m.start, m.end, m.kind.clone());
            for m in p {
                if !g.1.iter().any(|x| key(x) == key(m)) {
                    println!(
                        "{name} FP {:>5} {:<6} {:?}",
                        m.start,
                        m.kind,
                        &text[m.start..m.end]
                    );
                }
            }
            for m in &g.1 {
                if !p.iter().any(|x| key(x) == key(m)) {
                    println!(
                        "{name} FN {:>5} {:<6} {:?}",
                        m.start,
                        m.kind,
                        &text[m.start..m.end]
                    );
                }
            }
        }
        if let Some(out) = write {
            let mentions: Vec<_> = p
                .iter()
                .map(|m| {
                    serde_json::json!({"start": m.start, "end": m.end, "type": m.kind,
                    "text": &text[m.start..m.end], "canonical": m.canonical})
                })
                .collect();
            let _ = std::fs::create_dir_all(out);
            let json = serde_json::json!({"file": name, "mentions": mentions});
            let _ = std::fs::write(
                format!("{out}/{}", name.replace(".txt", ".json")),
                json.to_string(),
            );
        }
    }
    print!("{}", eval::format(&run.scores()));
}
