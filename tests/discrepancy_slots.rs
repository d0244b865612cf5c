//! Which figures of two linked sentences are one quantity told two ways: the slot rules of
//! `engine::compare::discrepancy` on small reports (the labelled figures are in
//! `tests/story_quality.rs`).

use parallax::engine::article::{Format, Source};
use parallax::engine::compare::compare;
use parallax::engine::entities::{EntityKind, extract_story};
use parallax::engine::load::parse;

fn text(t: &str) -> parallax::engine::Article {
    parse(Source::Stdin, t.as_bytes(), Format::Text)
        .expect("text parses")
        .articles
        .remove(0)
}

/// The figures each discrepancy of `a` against `b` gives, left then right.
fn figures(a: &str, b: &str) -> Vec<(Vec<String>, Vec<String>, bool)> {
    let (a, b) = (text(a), text(b));
    let ex = extract_story(&[a.clone(), b.clone()]);
    let c = compare((&a, &ex[0]), (&b, &ex[1]));
    assert!(!c.alignment.links.is_empty(), "the two sentences link");
    c.discrepancies
        .iter()
        .filter(|d| d.kind == EntityKind::Number)
        .map(|d| {
            let v =
                |x: &[(String, parallax::engine::Span)]| x.iter().map(|s| s.0.clone()).collect();
            (v(&d.left_values), v(&d.right_values), d.possible_update)
        })
        .collect()
}

#[test]
fn a_figure_the_other_sentence_gives_for_something_else_does_not_answer_it() {
    let found = figures(
        "Quake in the highlands\n\nA strong earthquake struck the highlands on Saturday, \
         killing nine people and destroying dozens of adobe homes, officials said.",
        "Quake in the highlands\n\nAt least 12 people were killed when a strong earthquake \
         struck the highlands on Saturday, the mayor said, adding that the national figure of \
         nine did not include three herders.",
    );
    assert_eq!(
        found,
        vec![(vec!["nine".to_string()], vec!["12".to_string()], true)],
        "nine killed / at least 12 killed, a possible update"
    );
}

#[test]
fn a_shared_counted_noun_alone_does_not_make_one_quantity() {
    let won = "Election\n\nThe Social Democrats, who won the vote on Sunday, won 54 of the 141 \
               seats in parliament, the electoral commission said.";
    // "a majority of 71 seats" and "won 54 seats" count two things.
    let found = figures(
        "Election\n\nThe Social Democrats, who won the vote on Sunday, need a majority of at \
         least 71 seats in parliament, the electoral commission said.",
        won,
    );
    assert!(found.is_empty(), "{found:?}");
    // "taking 52 of the 141 seats" / "won 54 of the 141 seats" count one.
    let found = figures(
        "Election\n\nThe Social Democrats, who won the vote on Sunday, taking 52 of the 141 \
         seats in parliament, the electoral commission said.",
        won,
    );
    assert_eq!(
        found,
        vec![(vec!["52".to_string()], vec!["54".to_string()], false)]
    );
}
