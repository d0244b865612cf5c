//! The aligner on two stories it was not tuned on (`tests/fixtures/stories/*/alignment.json`,
//! labelled by text with the seed guide's rules): P/R/F1 over all links, printed, and a floor so
//! a change that only helps the seeds shows up here.

use parallax::engine::article::{Format, Source};
use parallax::engine::compare::compare;
use parallax::engine::entities::{eval::Prf, extract_story};
use parallax::engine::load::parse;
use std::collections::HashSet;
use std::path::Path;

fn story(slug: &str) -> (usize, usize, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stories")
        .join(slug);
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("alignment.json")).unwrap())
            .unwrap();
    let load = |name: &str| {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        parse(Source::File(dir.join(name)), &bytes, Format::Text)
            .unwrap()
            .articles
            .remove(0)
    };
    let (a, b) = (
        load(gold["a"].as_str().unwrap()),
        load(gold["b"].as_str().unwrap()),
    );
    let ex = extract_story(&[a.clone(), b.clone()]);
    let c = compare((&a, &ex[0]), (&b, &ex[1]));
    let index = |art: &parallax::engine::Article,
                 sents: &[parallax::engine::segment::Sentence],
                 t: &str| {
        sents
            .iter()
            .position(|s| art.slice(s.span) == t)
            .unwrap_or_else(|| panic!("{slug}: no sentence {t:?}"))
    };
    let g: HashSet<(usize, usize)> = gold["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                index(&a, &c.left_sentences, p["a"].as_str().unwrap()),
                index(&b, &c.right_sentences, p["b"].as_str().unwrap()),
            )
        })
        .collect();
    let pred: HashSet<(usize, usize)> = c
        .alignment
        .links
        .iter()
        .map(|l| (l.left, l.right))
        .collect();
    let tp = pred.intersection(&g).count();
    (tp, pred.len() - tp, g.len() - tp)
}

#[test]
fn unseen_stories() {
    let mut total = (0, 0, 0);
    for slug in ["izmir-earthquake", "canada-rate-cut"] {
        let (tp, fp, fn_) = story(slug);
        let prf = Prf::new(tp, fp, fn_);
        println!(
            "{slug:<18} P {:.3} R {:.3} F1 {:.3} (tp {tp} fp {fp} fn {fn_})",
            prf.p, prf.r, prf.f1
        );
        total = (total.0 + tp, total.1 + fp, total.2 + fn_);
    }
    let prf = Prf::new(total.0, total.1, total.2);
    println!(
        "{:<18} P {:.3} R {:.3} F1 {:.3}",
        "both", prf.p, prf.r, prf.f1
    );
    assert!(prf.f1 >= 0.55, "any F1 on unseen stories {:.3}", prf.f1);
}
