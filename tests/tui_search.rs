//! Search (`/`) through the real keymap and `App::update`: the prompt takes every key (none
//! leaks to a command), Esc cancels, Enter goes to the first hit and says `match K/N`, `n` /
//! `N` step (and go back to entity mentions after a jump to one), smart case, "no match",
//! and each pane: library, reading pane, compare view (both sides), story screen.

mod common;
use common::{draw, events, feed, press, run_pending, screen};

use parallax::engine::load::seed_inputs;
use parallax::engine::side::Side;
use parallax::tui::app::{App, Focus};
use parallax::tui::keymap::{Keymap, Mode};
use parallax::tui::layout::{LineContent, line_text};
use parallax::tui::search::{Hit, Scope};
use parallax::tui::story::Pane;
use parallax::tui::theme::{Depth, Role, Theme};
use ratatui::crossterm::event::KeyCode;

fn app() -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Ansi256));
    feed(&mut app, events(&seed_inputs()));
    app
}

fn typed(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn search(app: &mut App, pattern: &str) {
    press(app, KeyCode::Char('/'));
    typed(app, pattern);
    press(app, KeyCode::Enter);
}

fn status(app: &mut App, w: u16, h: u16) -> String {
    let term = draw(app, w, h);
    screen(&term).lines().last().unwrap_or("").to_string()
}

/// The report whose text has the most "Rubio"s, opened in the reading pane.
fn read_the_rubio_report(app: &mut App) {
    let best = (0..app.model.len())
        .max_by_key(|&i| app.model.article(i).unwrap().text.matches("Rubio").count())
        .unwrap();
    while app.library.selected != best {
        press(app, KeyCode::Char('j'));
    }
    press(app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn the_prompt_takes_every_key_and_esc_cancels() {
    let mut app = app();
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.mode(), Mode::Prompt);
    // `o` would open the story screen, `q` quit, `E` the entities pane: typed instead.
    typed(&mut app, "Rubio qE?");
    assert_eq!(app.prompt.input.as_deref(), Some("Rubio qE?"));
    assert!(!app.story_view.open && !app.entities.visible && app.overlay.open.is_none());
    let last = status(&mut app, 100, 30);
    assert_eq!(last, "/Rubio qE?", "the prompt covers the status line");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.prompt.input.as_deref(), Some("Rubio qE"));
    press(&mut app, KeyCode::Esc);
    assert!(!app.prompt.is_open());
    assert!(app.search.scope.is_none(), "Esc searches nothing");
}

#[test]
fn reader_search_jumps_counts_steps_and_highlights() {
    let mut app = app();
    draw(&mut app, 100, 30);
    read_the_rubio_report(&mut app);
    let open = app.reader.open.unwrap();
    search(&mut app, "Rubio");
    let n = app.search.hits.len();
    assert!(n >= 2, "{n} hits");
    assert_eq!(app.search.scope, Some(Scope::Reader(open)));
    // Every "Rubio" the pane draws in the text is a hit (one cut by a line end too), and
    // none is found outside the text.
    let text = &app.model.article(open).unwrap().text;
    let (_, doc) = app.reader.doc.as_ref().unwrap();
    let drawn: usize = doc
        .lines
        .iter()
        .filter(|l| matches!(l.content, LineContent::Words(_)))
        .map(|l| line_text(text, l).matches("Rubio").count())
        .sum();
    assert!(
        drawn >= 2 && drawn <= n && n <= text.matches("Rubio").count(),
        "{n} hits, {drawn} drawn"
    );
    let s = status(&mut app, 100, 30);
    assert!(s.contains(&format!("match 1/{n}")), "{s}");
    // The current hit is the reader's mark, and every hit is drawn in the search style.
    let Some(Hit::Text(first)) = app.search.current_hit() else {
        panic!("no text hit")
    };
    assert_eq!(app.reader.mark, Some((open, first)));
    press(&mut app, KeyCode::Char('n'));
    let s = status(&mut app, 100, 30);
    assert!(s.contains(&format!("match 2/{n}")), "{s}");
    press(&mut app, KeyCode::Char('N'));
    press(&mut app, KeyCode::Char('N'));
    let s = status(&mut app, 100, 30);
    assert!(s.contains(&format!("match {n}/{n}")), "{s}");
    let term = draw(&mut app, 100, 30);
    let buf = term.backend().buffer();
    let mark = app.theme.style(Role::Mark).bg;
    let marked: String = buf
        .content()
        .iter()
        .filter(|c| Some(c.bg) == mark)
        .map(|c| c.symbol())
        .collect();
    assert!(
        marked.contains("Rubio"),
        "current hit drawn marked: {marked:?}"
    );
}

#[test]
fn smart_case_and_no_match() {
    let mut app = app();
    draw(&mut app, 100, 30);
    read_the_rubio_report(&mut app);
    search(&mut app, "RUBIO");
    let s = status(&mut app, 100, 30);
    assert!(s.contains("no match for"), "capitals match exactly: {s}");
    search(&mut app, "rubio");
    let lower = app.search.hits.len();
    search(&mut app, "Rubio");
    assert!(lower >= app.search.hits.len() && lower > 0);
    // An empty pattern clears the search; n then means "next mention" again.
    search(&mut app, "");
    assert!(app.search.hits.is_empty());
    press(&mut app, KeyCode::Char('n'));
    let s = status(&mut app, 100, 30);
    assert!(s.contains("choose an entity first"), "{s}");
}

#[test]
fn n_keeps_stepping_mentions_after_a_jump_to_one() {
    let mut app = app();
    draw(&mut app, 100, 30);
    read_the_rubio_report(&mut app);
    search(&mut app, "the");
    assert!(app.search.hits.len() > 3);
    // Choose an entity in the entities pane and jump to it: n now steps its mentions.
    press(&mut app, KeyCode::Char('E'));
    press(&mut app, KeyCode::Enter);
    let s = status(&mut app, 100, 30);
    assert!(s.contains("mention"), "{s}");
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Char('n'));
    let note = app.notice.clone().unwrap_or_default();
    assert!(
        note.contains("mention") && !note.contains("match"),
        "{note}"
    );
}

#[test]
fn library_search_selects_the_first_report_that_matches() {
    let mut app = app();
    draw(&mut app, 100, 30);
    search(&mut app, "breakthrough");
    let hits: Vec<usize> = app
        .search
        .hits
        .iter()
        .map(|h| match h {
            Hit::Report(i) => *i,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(!hits.is_empty());
    for &i in &hits {
        let a = app.model.article(i).unwrap();
        assert!(
            a.title.to_lowercase().contains("breakthrough"),
            "{}",
            a.title
        );
    }
    assert_eq!(app.library.selected, hits[0]);
    let s = status(&mut app, 100, 30);
    assert!(s.contains(&format!("match 1/{}", hits.len())), "{s}");
    let term = draw(&mut app, 100, 30);
    insta::assert_snapshot!("library_search_100x30", screen(&term));
}

#[test]
fn compare_view_search_finds_both_sides() {
    let mut app = app();
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    assert_eq!(app.mode(), Mode::Compare);
    search(&mut app, "Istanbul");
    let sides: Vec<Side> = app
        .search
        .hits
        .iter()
        .map(|h| match h {
            Hit::Row { side, .. } => *side,
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(
        sides.contains(&Side::Left) && sides.contains(&Side::Right),
        "{sides:?}"
    );
    let Some(Hit::Row { row, .. }) = app.search.current_hit() else {
        panic!()
    };
    assert_eq!(app.compare.as_ref().unwrap().row, row);
    let s = status(&mut app, 120, 40);
    assert!(s.contains("match 1/"), "{s}");
    // Swapping sides keeps the search (made again on the swapped rows).
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.search.hits.len(), sides.len());
    assert!(app.search.active(app.scope().unwrap()));
    press(&mut app, KeyCode::Char('n'));
    let s = status(&mut app, 120, 40);
    assert!(s.contains("match "), "{s}");
}

#[test]
fn story_screen_search_goes_to_the_pane_and_row() {
    let mut app = app();
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('o'));
    assert!(app.story_view.open);
    search(&mut app, "Istanbul");
    let Some(Hit::Story { pane, row }) = app.search.current_hit() else {
        panic!("{:?}", app.search.hits)
    };
    assert_eq!(app.story_view.pane, pane);
    assert_eq!(app.story_view.selected_in(pane), row);
    assert!(matches!(pane, Pane::Claims | Pane::Entities | Pane::Quotes));
    let s = status(&mut app, 120, 40);
    assert!(s.contains("match 1/"), "{s}");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.search.current, 1.min(app.search.hits.len() - 1));
    assert!(app.story_view.open, "n stays on the story screen");
}

#[test]
fn reader_search_80x24_snapshot() {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(&mut app, events(&seed_inputs()));
    draw(&mut app, 80, 24);
    read_the_rubio_report(&mut app);
    search(&mut app, "Rubio");
    press(&mut app, KeyCode::Char('n'));
    let term = draw(&mut app, 80, 24);
    insta::assert_snapshot!("reader_search_80x24", screen(&term));
}
