//! Fit and finish through the real keymap and `App::update`: the status line's hints are the
//! keys of the mode at hand (after Enter no "Space mark · c compare"), shortened to fit and
//! never gone below 80 columns; a key bound to nothing says so; `c` with no marks compares
//! the selection with the report shown below it in a grouped library.

mod common;
use common::{draw, events, feed, press, run_pending, screen};

use parallax::engine::load::{Input, seed_inputs};
use parallax::tui::app::App;
use parallax::tui::keymap::{Keymap, Mode};
use parallax::tui::model::LibRow;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn app_of(inputs: &[Input]) -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(&mut app, events(inputs));
    app
}

fn status(app: &mut App, w: u16, h: u16) -> String {
    screen(&draw(app, w, h))
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
}

#[test]
fn hints_follow_the_mode_and_never_vanish() {
    let mut app = app_of(&seed_inputs());
    for (w, h) in [(120, 40), (80, 24), (60, 15)] {
        let lib = status(&mut app, w, h);
        assert!(
            lib.contains("? help") && lib.contains("o story"),
            "{w}: {lib}"
        );
        press(&mut app, KeyCode::Enter);
        let reader = status(&mut app, w, h);
        assert!(reader.contains("? help"), "{w}: {reader}");
        assert!(
            !reader.contains("Space mark") && !reader.contains("c compare"),
            "{reader}"
        );
        assert!(
            !reader.contains("q quit"),
            "q goes back from the reading pane: {reader}"
        );
        if w >= 80 {
            assert!(
                reader.contains("/ search") && reader.contains("q library"),
                "{reader}"
            );
        }
        press(&mut app, KeyCode::Char('q'));
        press(&mut app, KeyCode::Char('c'));
        run_pending(&mut app);
        let cmp = status(&mut app, w, h);
        assert!(
            cmp.contains("n/N diff") && cmp.contains("? help"),
            "{w}: {cmp}"
        );
        press(&mut app, KeyCode::Char('q'));
        press(&mut app, KeyCode::Char('o'));
        let story = status(&mut app, w, h);
        assert!(
            story.contains("Tab pane") && story.contains("? help"),
            "{w}: {story}"
        );
        press(&mut app, KeyCode::Char('q'));
        assert_eq!(app.mode(), Mode::Library);
        // A long message keeps its room: the hints shrink to help.
        app.key(&KeyEvent::new(KeyCode::Char('Z'), KeyModifiers::NONE));
        let s = status(&mut app, w, h);
        assert!(
            s.contains("Z: not a key here (? help)") && s.ends_with("? help"),
            "{w}: {s}"
        );
    }
}

#[test]
fn an_unbound_key_says_so_until_the_next_key() {
    let mut app = app_of(&seed_inputs());
    draw(&mut app, 100, 30);
    app.key(&KeyEvent::new(KeyCode::Char('Z'), KeyModifiers::NONE));
    let s = status(&mut app, 100, 30);
    assert!(s.contains("Z: not a key here (? help)"), "{s}");
    press(&mut app, KeyCode::Char('j'));
    assert!(!status(&mut app, 100, 30).contains("not a key"));
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    app.key(&KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE));
    let s = status(&mut app, 100, 30);
    assert!(s.contains("not a key in the compare view"), "{s}");
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
fn c_compares_with_the_report_shown_below_in_a_grouped_library() {
    // Interleaved on the command line; the library lists each story's reports together.
    let inputs = [
        fixture("izmir-earthquake", "newswire.txt"),
        fixture("lithuania-election", "newswire.txt"),
        fixture("izmir-earthquake", "daily-courier.txt"),
        fixture("lithuania-election", "europe-review.txt"),
    ];
    let mut app = app_of(&inputs);
    draw(&mut app, 120, 40);
    assert!(app.model.grouped(), "two stories");
    let order = app.model.order().to_vec();
    let first = order[0];
    assert_eq!(app.library.selected, first);
    // The report listed right below the selection, whatever its input position.
    let below = order[1];
    assert_ne!(
        below,
        first + 1,
        "grouping lists another report next: {order:?}"
    );
    assert_eq!(app.compare_pair(), Some((first, below)));
    assert!(matches!(app.model.rows()[0], LibRow::Header(_)));
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    let v = app.compare.as_ref().unwrap();
    let outlet = |i: usize| app.model.article(i).unwrap().outlet_label();
    assert_eq!(v.sides.right.article.outlet_label(), outlet(below));
    // The last report listed compares with the one above it.
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('G'));
    let last = *order.last().unwrap();
    assert_eq!(app.compare_pair(), Some((order[order.len() - 2], last)));
}
