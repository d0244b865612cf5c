//! Enter on a claim or a quote of the story screen, through the real keymap and
//! `App::update`: a popup shows the whole sentence, wrapped (never cut), with every report's
//! sentence of it and its source; `Esc` / `q` come back to the story screen; `Enter` there reads
//! it in its report, as Enter on a claim did before.

mod common;
use common::{draw, events, feed, press, screen};

use parallax::engine::load::seed_inputs;
use parallax::tui::app::App;
use parallax::tui::keymap::{Keymap, Mode};
use parallax::tui::overlay::Overlay;
use parallax::tui::story::Pane;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;

fn app(depth: Depth) -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(depth));
    feed(&mut app, events(&seed_inputs()));
    draw(&mut app, 80, 24);
    app
}

/// The words of the selected claim as its first report words it.
fn claim_words(app: &App) -> Vec<String> {
    let m = app.story().unwrap();
    let k = app.story_view.claim_rows[app.story_view.selected_in(Pane::Claims)];
    let (r, s) = m.claims[k].sentences[0];
    let a = app.model.article(app.story_report(r)).unwrap();
    a.slice(m.sentences[r][s].span)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn enter_on_a_claim_shows_it_whole_with_its_sources_and_esc_comes_back() {
    let mut app = app(Depth::Ansi256);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('2'));
    // At 80 columns the list cuts the claim; the popup does not.
    let list = screen(&draw(&mut app, 80, 24));
    assert!(list.contains('…'), "{list}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Overlay);
    assert_eq!(app.overlay.open, Some(Overlay::StoryDetail));
    let s = screen(&draw(&mut app, 80, 40));
    let shown: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == '│').collect();
    for w in claim_words(&app) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        assert!(shown.iter().any(|x| x.contains(w)), "{w} missing:\n{s}");
    }
    // A source line per report carrying it.
    let m = app.story().unwrap().clone();
    let k = app.story_view.claim_rows[app.story_view.selected_in(Pane::Claims)];
    let n = m.claims[k].sentences.len();
    assert_eq!(s.matches("— ").count().min(n), n, "{s}");
    assert!(s.contains("Enter: read it in its report"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Story);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.mode(), Mode::Story, "q closes the popup only");
    // Enter in the popup: read it in its report, marked.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(!app.story_view.open);
    assert!(app.reader.mark.is_some());
}

#[test]
fn enter_on_a_quote_shows_it_whole() {
    let mut app = app(Depth::Ansi256);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('4'));
    if app.story().unwrap().quotes.is_empty() {
        println!("skipped: the seeds' story has no quote");
        return;
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay.open, Some(Overlay::StoryDetail));
    let s = screen(&draw(&mut app, 80, 30));
    assert!(s.contains("Quote 1"), "{s}");
}

#[test]
fn snapshot_of_a_claim_in_full_without_colour() {
    let mut app = app(Depth::Mono);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&draw(&mut app, 80, 24)));
}
