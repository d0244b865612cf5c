//! `y` through the real keymap and `App::update`: the reading pane copies the sentence of the
//! current search hit, the compare view its row, the story screen its claim, quote or
//! discrepancy — each with a citation line per report — and the status line says so.

mod common;
use common::{draw, events, feed, press, run_pending, screen};

use parallax::engine::load::seed_inputs;
use parallax::tui::action::{Action, Effect};
use parallax::tui::app::App;
use parallax::tui::keymap::Keymap;
use parallax::tui::search::Hit;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Ansi256));
    feed(&mut app, events(&seed_inputs()));
    draw(&mut app, 120, 40);
    app
}

/// The text `y` copies, through the keymap.
fn yank(app: &mut App) -> Option<String> {
    let ev = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
    let c = app.keymap.lookup(app.mode(), &ev).expect("y is bound");
    match app.update(Action::Command(c)) {
        Some(Effect::Copy(text)) => Some(text),
        _ => None,
    }
}

fn search(app: &mut App, pattern: &str) {
    press(app, KeyCode::Char('/'));
    for c in pattern.chars() {
        press(app, KeyCode::Char(c));
    }
    press(app, KeyCode::Enter);
}

#[test]
fn reader_copies_the_sentence_of_the_current_hit_with_its_source() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    let open = app.reader.open.unwrap();
    search(&mut app, "Rubio");
    press(&mut app, KeyCode::Char('n'));
    let Some(Hit::Text(hit)) = app.search.current_hit() else {
        panic!("no hit")
    };
    let text = yank(&mut app).expect("a copy");
    let article = app.model.article(open).unwrap();
    // The whole sentence holding the hit, on one line, then the citation.
    let ex = app.model.extraction(open).unwrap();
    let sentence = ex
        .sentences
        .iter()
        .find(|s| s.span.start <= hit.start && hit.end <= s.span.end)
        .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].contains("Rubio"));
    let words: Vec<&str> = article.slice(sentence.span).split_whitespace().collect();
    assert!(lines[0].contains(&words.join(" ")), "{text}");
    assert!(lines[1].starts_with("\u{2014} "), "{text}");
    assert!(lines[1].contains(&article.outlet_label()), "{text}");
    assert!(
        lines[1].contains("seeds/"),
        "path of a report without a URL: {text}"
    );
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("copied the sentence with its source"), "{s}");
}

#[test]
fn compare_view_copies_the_row_and_both_sources() {
    let mut app = app();
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    press(&mut app, KeyCode::Char('n'));
    let text = yank(&mut app).expect("a copy");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("A (") && lines[1].starts_with("B ("),
        "{text}"
    );
    assert!(lines[2].starts_with("A: \u{2014} ") && lines[3].starts_with("B: \u{2014} "));
}

#[test]
fn story_screen_copies_claims_quotes_and_discrepancies() {
    let mut app = app();
    press(&mut app, KeyCode::Char('o'));
    assert!(app.story_view.open);
    // Coverage: nothing to copy, said so.
    assert!(yank(&mut app).is_none());
    assert!(
        app.notice
            .as_deref()
            .unwrap_or("")
            .contains("nothing to copy")
    );
    for (pane, what) in [('2', "claim"), ('4', "quote"), ('5', "discrepancy")] {
        press(&mut app, KeyCode::Char(pane));
        let Some(text) = yank(&mut app) else {
            panic!("{what}: no copy ({:?})", app.notice)
        };
        assert!(text.lines().count() >= 2, "{what}: {text}");
        assert!(
            text.lines().any(|l| l.starts_with('\u{2014}')),
            "{what}: {text}"
        );
        assert!(app.notice.as_deref().unwrap().contains(what));
    }
}

#[test]
fn o_opens_the_reports_web_page_or_says_there_is_none() {
    let key = |app: &mut App| {
        let ev = KeyEvent::new(KeyCode::Char('O'), KeyModifiers::SHIFT);
        let c = app.keymap.lookup(app.mode(), &ev).expect("O is bound");
        app.update(Action::Command(c))
    };
    // Seeds are local files: nothing to open, said so.
    let mut seeds = app();
    assert!(key(&mut seeds).is_none());
    assert!(seeds.notice.as_deref().unwrap().contains("no web address"));
    // A page with its address: opened (the event loop starts the browser); y cites it.
    let dir = std::env::temp_dir().join(format!("parallax-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("talks.md");
    std::fs::write(
        &page,
        "---\ntitle: Talks open\noutlet: Example News\nurl: https://news.example.org/talks?id=1\n---\n\n\
         Delegations met in Istanbul on Friday for the first direct talks in three years.\n",
    )
    .unwrap();
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(
        &mut app,
        events(&[parallax::engine::load::Input::File(page.clone())]),
    );
    draw(&mut app, 100, 30);
    match key(&mut app) {
        Some(Effect::OpenUrl(u)) => assert_eq!(u, "https://news.example.org/talks?id=1"),
        other => panic!("{other:?} / {:?}", app.notice),
    }
    press(&mut app, KeyCode::Enter);
    let text = yank(&mut app).unwrap();
    assert!(
        text.contains("https://news.example.org/talks?id=1"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn w_writes_the_compare_view_or_the_story_as_markdown() {
    let key = |app: &mut App| {
        let ev = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE);
        let c = app.keymap.lookup(app.mode(), &ev).expect("w is bound");
        app.update(Action::Command(c))
    };
    let mut app = app();
    assert!(key(&mut app).is_none());
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("compare view or the story")
    );
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    match key(&mut app) {
        Some(Effect::WriteFile { name, text }) => {
            assert!(name.starts_with("parallax-compare-"), "{name}");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            assert!(text.starts_with("# Comparison"), "{text}");
        }
        other => panic!("{other:?}"),
    }
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('o'));
    match key(&mut app) {
        Some(Effect::WriteFile { name, text }) => {
            assert!(name.starts_with("parallax-story"), "{name}");
            assert!(text.starts_with("# Story: 5 reports"), "{text}");
        }
        other => panic!("{other:?}"),
    }
}
