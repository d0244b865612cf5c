//! Entity extraction on the five seeds, scored against the hand labels in
//! `tests/fixtures/gold/entities` with the same metrics as `score_entities.py`.

use parallax::engine::entities::eval;
use std::collections::HashMap;

#[test]
fn seed_mentions_score_above_floor() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gold/entities");
    let run = eval::run_seeds(std::path::Path::new(dir)).expect("seeds and gold load");
    assert_eq!(run.gold.len(), 5, "one gold file per seed");
    let scores = run.scores();
    println!("{}", eval::format(&scores));
    assert!(
        scores.mention_exact.f1 >= 0.85,
        "mention F1 {:.3} below the 0.85 floor",
        scores.mention_exact.f1
    );
}

#[test]
fn scorer_counts_like_the_python_one() {
    let m = |s, e, k: &str, c: &str| eval::EvalMention {
        start: s,
        end: e,
        kind: k.into(),
        canonical: c.into(),
    };
    let gold = vec![(
        "a.txt".to_string(),
        vec![
            m(0, 5, "PERSON", "Vladimir Putin"),
            m(10, 16, "GPE", "Russia"),
        ],
    )];
    let mut pred = HashMap::new();
    pred.insert(
        "a.txt".to_string(),
        vec![
            m(0, 5, "PERSON", "Putin"),
            m(10, 16, "ORG", "Russia"),
            m(20, 22, "DATE", "x"),
        ],
    );
    let s = eval::score(&gold, &pred);
    assert_eq!(
        (s.mention_exact.tp, s.mention_exact.fp, s.mention_exact.fn_),
        (1, 2, 1)
    );
    assert_eq!(
        (s.mention_exact_untyped.tp, s.mention_exact_untyped.fp),
        (2, 1)
    );
    // entity/name ignores type: "russia" matches, "putin" does not, "x" is extra.
    assert_eq!(
        (s.entity_name.tp, s.entity_name.fp, s.entity_name.fn_),
        (1, 2, 1)
    );
    assert_eq!(s.entity_name_type.tp, 0);
}
