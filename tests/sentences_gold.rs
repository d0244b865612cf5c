//! Sentence split against the hand-labelled gold (`tests/fixtures/gold/sentences`).
//!
//! The gold covers every line of the file, so the split is run on all blocks here (skipped
//! ones too); the content-only split used by the app is a subset of it.

use parallax::engine::load::{Input, LoadOptions, SEEDS, load_input};
use parallax::engine::segment::{sentences, sentences_where};
use std::collections::HashSet;

fn gold(name: &str) -> Vec<(usize, usize)> {
    let path = format!(
        "{}/tests/fixtures/gold/sentences/{}",
        env!("CARGO_MANIFEST_DIR"),
        name.replace(".txt", ".json")
    );
    let text = std::fs::read_to_string(&path).expect("gold sentence file");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| {
            (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

#[test]
fn sentence_split_matches_gold() {
    let (mut matched, mut total_gold, mut total_pred) = (0, 0, 0);
    for (i, (name, _)) in SEEDS.iter().enumerate() {
        let article = &load_input(&Input::Seed(i), &LoadOptions::default())
            .unwrap()
            .articles[0];
        let pred: Vec<(usize, usize)> = sentences_where(article, |_| true)
            .iter()
            .map(|s| (s.span.start, s.span.end))
            .collect();
        let g = gold(name);
        let gs: HashSet<_> = g.iter().copied().collect();
        let ps: HashSet<_> = pred.iter().copied().collect();
        for p in &pred {
            if !gs.contains(p) {
                println!("{name}: extra {:?}", &article.text[p.0..p.1]);
            }
        }
        for q in &g {
            if !ps.contains(q) {
                println!("{name}: missed {:?}", &article.text[q.0..q.1]);
            }
        }
        matched += gs.intersection(&ps).count();
        total_gold += g.len();
        total_pred += pred.len();
        // The content split is the same split restricted to content blocks.
        for s in sentences(article) {
            assert!(ps.contains(&(s.span.start, s.span.end)));
        }
    }
    let recall = matched as f64 / total_gold as f64;
    let precision = matched as f64 / total_pred as f64;
    println!(
        "sentences: exact match {matched}/{total_gold} gold, {total_pred} predicted (P={precision:.3} R={recall:.3})"
    );
    assert!(
        recall >= 0.95 && precision >= 0.95,
        "sentence agreement too low"
    );
}
