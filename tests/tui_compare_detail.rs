//! The compare view's row detail (`Enter`): what both sides name counts every B sentence the
//! row's A sentence is linked to — those shown in the row and those shown in another row and
//! referred to from it ("~ B13, see row 3") — and the popup shows the referred sentences' text.

mod common;
use common::{draw, events, feed, press, run_pending, screen};

use parallax::engine::load::seed_inputs;
use parallax::engine::side::Side;
use parallax::tui::app::App;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;
use std::collections::BTreeSet;

fn compare_seeds() -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(&mut app, events(&seed_inputs()));
    draw(&mut app, 100, 40);
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    draw(&mut app, 100, 40);
    app
}

/// The canonical values (names, numbers, dates) one side's sentences `idx` mention.
fn names(app: &App, side: Side, idx: &[usize]) -> BTreeSet<String> {
    let v = app.compare.as_ref().unwrap();
    let (c, exs) = (v.shown().unwrap(), v.displayed_extractions().unwrap());
    let (article, sentences) = match side {
        Side::Left => (&v.displayed().left.article, &c.left_sentences),
        Side::Right => (&v.displayed().right.article, &c.right_sentences),
    };
    let mut out = BTreeSet::new();
    for &i in idx {
        for m in exs[side].mentions_in(sentences[i].span) {
            out.insert(m.value_key(article));
        }
    }
    out
}

fn left_names(app: &App, idx: &[usize]) -> BTreeSet<String> {
    names(app, Side::Left, idx)
}

fn right_names(app: &App, idx: &[usize]) -> BTreeSet<String> {
    names(app, Side::Right, idx)
}

#[test]
fn the_row_detail_counts_the_b_sentences_referred_to() {
    let mut app = compare_seeds();
    let rows = app.compare.as_ref().unwrap().rows().to_vec();
    let with_refs: Vec<usize> = (0..rows.len())
        .filter(|&r| !rows[r].refs.is_empty() && !rows[r].left.is_empty())
        .collect();
    assert!(
        !with_refs.is_empty(),
        "the seed pair has rows with references"
    );
    let mut checked = 0;
    for r in with_refs {
        let v = app.compare.as_mut().unwrap();
        v.go_to(r, 30);
        press(&mut app, KeyCode::Enter);
        let term = draw(&mut app, 100, 40);
        let text = screen(&term);
        let v = app.compare.as_ref().unwrap();
        let d = v.detail.clone().expect("the popup is open");
        assert_eq!(d.key.0, r);
        let referred: Vec<usize> = rows[r].refs.iter().map(|x| x.right).collect();
        let left = left_names(&app, &rows[r].left);
        for name in right_names(&app, &referred) {
            let item = format!("{name} (");
            assert!(
                !d.only_left.contains(&item),
                "row {}: {name} is named by a referred B sentence, yet listed as only A: {}",
                r + 1,
                d.only_left
            );
            let list = if left.contains(&name) {
                &d.shared
            } else {
                &d.only_right
            };
            assert!(
                list.contains(&item),
                "row {}: {name} (named by a referred B sentence) is missing from {list}",
                r + 1
            );
            checked += 1;
        }
        // The discrepancies between the row's A sentence and a referred B one are listed.
        let c = v.shown().unwrap();
        let expected = c
            .discrepancies
            .iter()
            .filter(|x| {
                rows[r].left.contains(&x.left) && rows[r].matched_right().any(|b| b == x.right)
            })
            .count();
        assert_eq!(d.discrepancies.len(), expected, "row {}", r + 1);
        // The referred sentences are shown in the popup: each one's first words follow its
        // "also ~ Bn, see row m:" line, before the lists of names.
        let article = &v.displayed().right.article;
        for (k, &i) in referred.iter().enumerate() {
            let first: String = article
                .slice(c.right_sentences[i].span)
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            let also = format!("B{}, see row {}", i + 1, rows[r].refs[k].row + 1);
            let at = text
                .find(&also)
                .unwrap_or_else(|| panic!("row {}: {also:?} in the popup:\n{text}", r + 1));
            let end = text[at..].find("Both name:").map_or(text.len(), |e| at + e);
            assert!(
                text[at..end].contains(&first),
                "row {}: the popup shows B{}'s text ({first:?}) after {also:?}:\n{text}",
                r + 1,
                i + 1
            );
        }
        press(&mut app, KeyCode::Esc);
        draw(&mut app, 100, 40);
    }
    assert!(checked > 0, "some referred sentence names something");
}
