//! Generalisation check: three short reports on other stories (an election, a takeover, a
//! football match), hand-labelled in `tests/fixtures/other_stories/*.json` with the
//! conventions of the seed gold. The extractor must reach 0.75 mention F1 on them.

use parallax::engine::article::{Format, Source};
use parallax::engine::entities::{eval, extract};
use parallax::engine::load::parse;
use std::collections::HashMap;

#[test]
fn other_stories_score_above_floor() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/other_stories");
    let mut gold = Vec::new();
    let mut pred = HashMap::new();
    for name in ["election", "earnings", "match"] {
        let path = std::path::PathBuf::from(format!("{dir}/{name}.txt"));
        let bytes = std::fs::read(&path).expect("story");
        let article = parse(Source::File(path), &bytes, Format::Text)
            .expect("parses")
            .articles
            .remove(0);
        let ex = extract(&article);
        let g = eval::parse_file(&std::fs::read_to_string(format!("{dir}/{name}.json")).unwrap())
            .expect("gold parses");
        let p = eval::from_extraction(&article, &ex);
        let text = String::from_utf8_lossy(&bytes);
        let key = |m: &eval::EvalMention| (m.start, m.end, m.kind.clone());
        for m in &p {
            if !g.1.iter().any(|x| key(x) == key(m)) {
                println!("{name} FP {:<6} {:?}", m.kind, &text[m.start..m.end]);
            }
        }
        for m in &g.1 {
            if !p.iter().any(|x| key(x) == key(m)) {
                println!("{name} FN {:<6} {:?}", m.kind, &text[m.start..m.end]);
            }
        }
        pred.insert(g.0.clone(), p);
        gold.push(g);
    }
    let scores = eval::score(&gold, &pred);
    println!("{}", eval::format(&scores));
    assert!(
        scores.mention_exact.f1 >= 0.75,
        "mention F1 {:.3} on other stories is below 0.75",
        scores.mention_exact.f1
    );
}
