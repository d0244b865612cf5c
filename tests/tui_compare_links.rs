//! The compare view draws what the engine knows about each link: a B sentence matched by
//! several A sentences is drawn once and referred to from the other rows ("~ B7, see row 3"),
//! a weak link carries a sign (`?`) and not a colour only, and two reports of different
//! events get a warning in the header. Driven through the keymap and `App::update`, drawn on
//! ratatui's TestBackend with no colour (as under NO_COLOR).

mod common;
use common::{draw, events, feed, press, run_pending, screen};

use parallax::engine::Span;
use parallax::engine::load::{Input, seed_inputs};
use parallax::engine::pipeline::Event;
use parallax::tui::app::App;
use parallax::tui::compare::layout::Cell;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;
use std::path::PathBuf;

fn app_of(inputs: &[Input]) -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(
        &mut app,
        events(inputs)
            .into_iter()
            .filter(|e| !matches!(e, Event::Grouped(_) | Event::Story { .. } | Event::Finished)),
    );
    app
}

/// Marks library rows `a` and `b` (a < b) and opens the compare view on them.
fn compare(app: &mut App, (a, b): (usize, usize), w: u16, h: u16) {
    draw(app, w, h);
    for _ in 0..a {
        press(app, KeyCode::Char('j'));
    }
    press(app, KeyCode::Char(' '));
    for _ in a..b {
        press(app, KeyCode::Char('j'));
    }
    press(app, KeyCode::Char(' '));
    press(app, KeyCode::Char('c'));
    run_pending(app);
    assert!(app.compare.as_ref().is_some_and(|v| v.shown().is_some()));
    draw(app, w, h);
}

/// Moves (`j`) until row `target` is the current one or `j` goes no further, and draws.
fn scroll_to_row(app: &mut App, target: usize, w: u16, h: u16) -> String {
    for _ in 0..2000 {
        let v = app.compare.as_ref().unwrap();
        let (row, scroll) = (v.row, v.scroll);
        if row >= target {
            break;
        }
        press(app, KeyCode::Char('j'));
        draw(app, w, h);
        let v = app.compare.as_ref().unwrap();
        if (v.row, v.scroll) == (row, scroll) {
            break;
        }
    }
    screen(&draw(app, w, h))
}

/// The B sentence a byte range of B's text falls in.
fn sentence_of(spans: &[Span], at: usize) -> Option<usize> {
    spans.iter().position(|s| s.start <= at && at < s.end)
}

#[test]
fn a_b_sentence_matched_twice_is_drawn_once_and_referred_to() {
    let mut app = app_of(&seed_inputs());
    compare(&mut app, (0, 3), 120, 40);
    let view = app.compare.as_ref().unwrap();
    let c = view.shown().unwrap().clone();
    let spans: Vec<Span> = c.right_sentences.iter().map(|s| s.span).collect();
    // Which rows draw each B sentence's words, and which rows refer to it.
    let mut drawn: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
    let mut refs: Vec<(usize, String)> = Vec::new();
    for line in &view.layout.lines {
        match &line.right {
            Cell::Text { words, .. } => {
                for f in words.iter().flatten() {
                    if let Some(j) = sentence_of(&spans, f.range.start)
                        && !drawn[j].contains(&line.row)
                    {
                        drawn[j].push(line.row);
                    }
                }
            }
            Cell::Ref(text) => refs.push((line.row, text.clone())),
            _ => {}
        }
    }
    for (j, rows) in drawn.iter().enumerate() {
        assert!(rows.len() <= 1, "B{} drawn in rows {rows:?}", j + 1);
    }
    // Every reference names a B sentence drawn in full in the row it points to, and there
    // is at least one (000 and 003 share sentences matched by several of the other's).
    let mut n = 0;
    for (ri, row) in c.rows.iter().enumerate() {
        for r in &row.refs {
            n += 1;
            assert_eq!(
                drawn[r.right],
                vec![r.row],
                "B{} is shown in its row",
                r.right + 1
            );
            let want = format!("B{}, see row {}", r.right + 1, r.row + 1);
            assert!(
                refs.iter().any(|(at, t)| *at == ri && t.ends_with(&want)),
                "row {ri} refers to {want:?}: {refs:?}"
            );
        }
    }
    assert!(n > 0, "no references on the seeds");
    let _ = view;
    // And on screen: the first row's references, next to its own B sentence.
    let s = screen(&draw(&mut app, 120, 40));
    let first = &c.rows[0].refs[0];
    assert!(
        s.contains(&format!("B{}, see row {}", first.right + 1, first.row + 1)),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn r_follows_a_reference_to_its_row_and_comes_back() {
    let mut app = app_of(&seed_inputs());
    compare(&mut app, (0, 3), 120, 40);
    let c = app.compare.as_ref().unwrap().shown().unwrap().clone();
    // The first row with references, and a row with none (to press `r` on first).
    let from = c
        .rows
        .iter()
        .position(|r| !r.refs.is_empty())
        .expect("a row with references");
    let bare = c
        .rows
        .iter()
        .position(|r| r.refs.is_empty())
        .expect("a row without");
    scroll_to_row(&mut app, bare, 120, 40);
    assert_eq!(app.compare.as_ref().unwrap().row, bare);
    press(&mut app, KeyCode::Char('r'));
    let v = app.compare.as_ref().unwrap();
    assert_eq!(v.row, bare, "nothing to follow: stays");
    assert!(v.note.contains("no references"), "{}", v.note);
    // From the row with references: each press goes to the row of its next one.
    press(&mut app, KeyCode::Char('g'));
    scroll_to_row(&mut app, from, 120, 40);
    assert_eq!(app.compare.as_ref().unwrap().row, from);
    let refs = &c.rows[from].refs;
    press(&mut app, KeyCode::Char('r'));
    let s = screen(&draw(&mut app, 120, 40));
    let v = app.compare.as_ref().unwrap();
    assert_eq!(
        v.row,
        refs[0].row,
        "at the row showing B{}",
        refs[0].right + 1
    );
    let want = format!("row {}: B{}", refs[0].row + 1, refs[0].right + 1);
    assert!(v.note.contains(&want), "{} / {want}", v.note);
    assert!(
        s.contains(&want),
        "the status line says where it went:\n{s}"
    );
    // `r` again comes back; then on to the next reference.
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.compare.as_ref().unwrap().row, from, "back");
    press(&mut app, KeyCode::Char('r'));
    let next = &refs[1 % refs.len()];
    assert_eq!(app.compare.as_ref().unwrap().row, next.row);
}

#[test]
fn weak_links_carry_a_sign_not_only_a_colour() {
    let mut app = app_of(&seed_inputs());
    compare(&mut app, (0, 3), 120, 40);
    let c = app.compare.as_ref().unwrap().shown().unwrap().clone();
    // A row whose best link is weak: its gutter says "?" (unsure), never "=" or "~".
    let weak_row = c
        .rows
        .iter()
        .position(|r| r.is_weak())
        .expect("a weak row on the seeds");
    let score = format!("{:.2}", c.rows[weak_row].score.clamp(0.0, 0.99));
    let label = format!("? {}", score.trim_start_matches('0'));
    let s = scroll_to_row(&mut app, weak_row, 120, 40);
    assert!(s.contains(&format!("│ {label} │")), "{label:?} in:\n{s}");
    // A B sentence shown in full in a row through a weak link is led by "? ".
    let (ri, j) = c
        .rows
        .iter()
        .enumerate()
        .find_map(|(ri, r)| {
            r.right
                .iter()
                .find(|&&j| r.links.iter().any(|l| l.right == j && l.is_weak()))
                .map(|&j| (ri, j))
        })
        .expect("a weakly linked B sentence shown in full on the seeds");
    let b = &app.compare.as_ref().unwrap().sides.right.article;
    let text = b.slice(c.right_sentences[j].span).to_string();
    let first_word = text.split_whitespace().next().unwrap().to_string();
    let s = scroll_to_row(&mut app, ri, 120, 40);
    assert!(
        s.lines().any(|l| l.contains(&format!("│? {first_word}"))),
        "B{} led by '? ':\n{s}",
        j + 1
    );
    // A strong row keeps its sign.
    assert!(!c.rows[0].is_weak());
}

fn fixture(story: &str, name: &str) -> Input {
    Input::File(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/stories")
            .join(story)
            .join(name),
    )
}

#[test]
fn reports_of_different_events_are_flagged_in_the_header() {
    let inputs = [
        fixture("izmir-earthquake", "newswire.txt"),
        fixture("lithuania-election", "newswire.txt"),
    ];
    let mut app = app_of(&inputs);
    compare(&mut app, (0, 1), 80, 24);
    assert!(app.compare.as_ref().unwrap().shown().unwrap().unrelated);
    let s = screen(&draw(&mut app, 80, 24));
    let header: Vec<&str> = s.lines().take(4).collect();
    assert!(
        header.iter().any(|l| l.starts_with("! different events?")),
        "{s}"
    );
    insta::assert_snapshot!(s);
    let s = screen(&draw(&mut app, 120, 40));
    assert!(
        s.lines()
            .take(3)
            .any(|l| l.starts_with("! different events?")),
        "{s}"
    );
    // Two reports of one story: no warning.
    let mut app = app_of(&seed_inputs());
    compare(&mut app, (0, 3), 80, 24);
    assert!(!app.compare.as_ref().unwrap().shown().unwrap().unrelated);
    assert!(!screen(&draw(&mut app, 80, 24)).contains("different events"));
}
