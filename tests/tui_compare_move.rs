//! Moving in the compare view: `j` / `k` (and the arrows) go a row at a time, so the
//! highlighted row (`▌`), the status line's `row N/M` and the row `Enter` opens are one and
//! the same, however many lines each row wraps over. Driven through the keymap and
//! `App::update`, drawn on ratatui's TestBackend.

mod common;
use common::{draw, events, feed, press, run_pending, screen};

use parallax::engine::load::seed_inputs;
use parallax::tui::app::App;
use parallax::tui::geometry::compare_areas;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;
use std::collections::BTreeSet;

fn compare_seeds(w: u16, h: u16) -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(&mut app, events(&seed_inputs()));
    draw(&mut app, w, h);
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    draw(&mut app, w, h);
    app
}

/// The rows whose lines carry the current-row marker `▌` on the screen.
fn highlighted(app: &App, text: &str) -> BTreeSet<usize> {
    let v = app.compare.as_ref().unwrap();
    let body = compare_areas(app.size).body;
    text.lines()
        .enumerate()
        .skip(body.y as usize)
        .take(body.height as usize)
        .filter(|(_, l)| l.starts_with('▌'))
        .filter_map(|(y, _)| v.layout.lines.get(v.scroll + y - body.y as usize))
        .map(|l| l.row)
        .collect()
}

/// Checks that what is highlighted is the current row, the one the status line numbers and
/// `Enter` opens; returns the current row.
fn agree(app: &mut App, w: u16, h: u16, what: &str) -> usize {
    let text = screen(&draw(app, w, h));
    let v = app.compare.as_ref().unwrap();
    let (row, n) = (v.row, v.rows().len());
    assert_eq!(
        highlighted(app, &text),
        BTreeSet::from([row]),
        "{what} at {w}x{h}: the highlighted row is row {}:\n{text}",
        row + 1
    );
    assert!(
        text.contains(&format!("row {}/{n}", row + 1)),
        "{what} at {w}x{h}: the status line numbers row {}:\n{text}",
        row + 1
    );
    press(app, KeyCode::Enter);
    let popup = screen(&draw(app, w, h));
    let d = app.compare.as_ref().unwrap().detail.clone();
    assert_eq!(
        d.map(|d| d.key.0),
        Some(row),
        "{what}: Enter opens row {}",
        row + 1
    );
    if h >= 24 {
        assert!(
            popup.contains(&format!("Row {}/{n}", row + 1)),
            "{what}: the popup is row {}:\n{popup}",
            row + 1
        );
    }
    press(app, KeyCode::Esc);
    row
}

#[test]
fn j_and_k_move_a_row_at_a_time_and_enter_opens_the_highlighted_one() {
    for (w, h, key_down, key_up) in [
        (80, 24, KeyCode::Char('j'), KeyCode::Char('k')),
        (100, 30, KeyCode::Down, KeyCode::Up),
    ] {
        let mut app = compare_seeds(w, h);
        let n = app.compare.as_ref().unwrap().rows().len();
        assert!(n > 5, "the seed pair has rows");
        assert_eq!(agree(&mut app, w, h, "start"), 0);
        for r in 1..n {
            press(&mut app, key_down);
            assert_eq!(
                agree(&mut app, w, h, &format!("{key_down:?} #{r}")),
                r,
                "{key_down:?} moves one row"
            );
        }
        press(&mut app, key_down);
        assert_eq!(agree(&mut app, w, h, "past the end"), n - 1);
        for r in (0..n - 1).rev() {
            press(&mut app, key_up);
            assert_eq!(agree(&mut app, w, h, &format!("{key_up:?} to {r}")), r);
        }
    }
}

/// On a small screen a row can be taller than the body: `j` then scrolls through it a line
/// at a time before going on, and the highlight, the number and `Enter` still agree.
#[test]
fn rows_taller_than_the_screen_are_scrolled_through() {
    let (w, h) = (40, 12);
    let mut app = compare_seeds(w, h);
    let n = app.compare.as_ref().unwrap().rows().len();
    let body = compare_areas(app.size).body.height as usize;
    let tall = {
        let v = app.compare.as_ref().unwrap();
        v.layout.rows.iter().any(|&(s, e)| e - s > body)
    };
    assert!(
        tall,
        "some row is taller than a {body}-line body at {w}x{h}"
    );
    let mut seen = vec![false; n];
    for _ in 0..4000 {
        let row = agree(&mut app, w, h, "j");
        seen[row] = true;
        if row == n - 1 {
            break;
        }
        press(&mut app, KeyCode::Char('j'));
    }
    assert!(seen.iter().all(|&s| s), "j visits every row in turn");
    for _ in 0..4000 {
        if agree(&mut app, w, h, "k") == 0 {
            break;
        }
        press(&mut app, KeyCode::Char('k'));
    }
    assert_eq!(app.compare.as_ref().unwrap().row, 0);
}
