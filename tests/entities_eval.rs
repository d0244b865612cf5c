//! Entity extraction scored against labelled gold with the metrics of `score_entities.py`
//! (mention level, exact span and type): the five seeds, and the GUM Wikinews articles of
//! `../shared/corpus/gum-news` when that folder exists (`$PARALLAX_SHARED` overrides where
//! the shared folder is). The floors sit just under the figures the extractor reaches, so a
//! change that loses ground fails here.

use parallax::engine::entities::eval::{self, Scores};
use parallax::engine::entities::evalsets::{self, Grouping, held_out};
use std::collections::HashMap;

fn check(name: &str, scores: &Scores, overall: f64, per_type: &[(&str, f64)]) {
    println!("{name}\n{}", eval::format(scores));
    let mut low = Vec::new();
    if scores.mention_exact.f1 < overall {
        low.push(format!(
            "overall {:.3} < {overall}",
            scores.mention_exact.f1
        ));
    }
    for (t, floor) in per_type {
        let f1 = scores
            .mention_exact_per_type
            .iter()
            .find(|(k, _)| k == t)
            .map_or(0.0, |(_, p)| p.f1);
        if f1 < *floor {
            low.push(format!("{t} {f1:.3} < {floor}"));
        }
    }
    assert!(
        low.is_empty(),
        "{name}: mention F1 below its floor: {low:?}"
    );
}

#[test]
fn seed_mentions_score_above_floor() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gold/entities");
    let run = evalsets::run_seeds(std::path::Path::new(dir)).expect("seeds and gold load");
    assert_eq!(run.gold.len(), 5, "one gold file per seed");
    check(
        "seeds",
        &run.scores(),
        0.97,
        &[
            ("PERSON", 0.95),
            ("GPE", 0.95),
            ("NORP", 0.95),
            ("DATE", 0.9),
        ],
    );
}

#[test]
fn gum_news_mentions_score_above_floor() {
    let Some((texts, gold)) = evalsets::gum_dirs() else {
        println!("skipped: ../shared/corpus/gum-news not found (set PARALLAX_SHARED)");
        return;
    };
    let run = evalsets::run_dir(&texts, &gold, Grouping::OneStory).expect("GUM loads");
    assert_eq!(run.gold.len(), 24, "24 GUM news documents");
    check(
        "gum-news (24)",
        &run.scores(),
        0.81,
        &[
            ("PERSON", 0.8),
            ("ORG", 0.67),
            ("GPE", 0.8),
            ("LOC", 0.48),
            ("NORP", 0.84),
            ("DATE", 0.93),
            ("NUMBER", 0.93),
        ],
    );
    check(
        "gum-news held out (6)",
        &run.scores_where(held_out),
        0.72,
        &[],
    );
}

#[test]
fn other_story_fixtures_score_above_floor() {
    let dir = evalsets::other_stories_dir();
    let run = evalsets::run_dir(&dir, &dir, Grouping::PerArticle).expect("fixtures load");
    assert_eq!(run.gold.len(), 3);
    check("other stories", &run.scores(), 0.95, &[]);
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
