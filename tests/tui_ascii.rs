//! ASCII only (`--ascii`, a locale without UTF-8): every screen of the reader, drawn through
//! the real keymap and `App::update`, has nothing outside ASCII — borders, scrollbars, marks,
//! the story screen's glyphs and the article text alike.

mod common;
use common::{draw, events, feed, press, run_pending, screen};

use parallax::engine::load::seed_inputs;
use parallax::tui::app::App;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;

fn app() -> App {
    let mut theme = Theme::new(Depth::Mono);
    theme.ascii = true;
    let mut app = App::new(Keymap::default_map(), theme);
    feed(&mut app, events(&seed_inputs()));
    app
}

fn ascii_screen(app: &mut App, w: u16, h: u16, what: &str) -> String {
    let s = screen(&draw(app, w, h));
    let odd: String = s.chars().filter(|c| !c.is_ascii()).collect();
    assert!(odd.is_empty(), "{what}: {odd:?}\n{s}");
    s
}

#[test]
fn every_screen_is_ascii() {
    let mut app = app();
    for (w, h) in [(80, 24), (60, 15), (120, 40)] {
        let lib = ascii_screen(&mut app, w, h, "library");
        assert!(lib.starts_with("+ Library (5)"), "{lib}");
        press(&mut app, KeyCode::Char('?'));
        ascii_screen(&mut app, w, h, "help");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('E'));
        ascii_screen(&mut app, w, h, "entities");
        press(&mut app, KeyCode::Char('q'));
        press(&mut app, KeyCode::Char('c'));
        run_pending(&mut app);
        ascii_screen(&mut app, w, h, "compare");
        press(&mut app, KeyCode::Enter);
        ascii_screen(&mut app, w, h, "row detail");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('q'));
        press(&mut app, KeyCode::Char('o'));
        for pane in ['1', '2', '3', '4', '5'] {
            press(&mut app, KeyCode::Char(pane));
            ascii_screen(&mut app, w, h, &format!("story pane {pane}"));
        }
        press(&mut app, KeyCode::Char('q'));
        press(&mut app, KeyCode::Char('/'));
        for c in "café".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        let s = ascii_screen(&mut app, w, h, "prompt");
        assert!(s.lines().last().unwrap().starts_with("/cafe"), "{s}");
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn compare_view_in_ascii_80x24() {
    let mut app = app();
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    press(&mut app, KeyCode::Char('u'));
    let s = ascii_screen(&mut app, 80, 24, "compare");
    insta::assert_snapshot!("compare_ascii_80x24", s);
}

#[test]
fn story_quotes_in_ascii_keep_one_mark_per_use() {
    let mut app = app();
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('4'));
    let s = ascii_screen(&mut app, 120, 40, "quotes");
    // The legend names each mark, as drawn.
    assert!(
        s.contains("@ source  * verbatim  + trimmed  o paraphrased  x other speaker  . absent"),
        "{s}"
    );
    insta::assert_snapshot!("story_quotes_ascii_120x40", s);
}

/// The coverage legend in ASCII says `>=75%` (not `>75%`), and its lowest shade is not the
/// mark of an absent report (`.`).
#[test]
fn the_coverage_legend_in_ascii_says_at_least() {
    let mut app = app();
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('o'));
    let s = ascii_screen(&mut app, 80, 24, "coverage");
    let legend = s
        .lines()
        .find(|l| l.contains("<25%"))
        .unwrap_or_else(|| panic!("the legend:\n{s}"));
    assert!(legend.contains("# >=75%"), "{legend}");
    assert!(legend.contains("_ <25%"), "{legend}");
    press(&mut app, KeyCode::Char('2'));
    let claims = ascii_screen(&mut app, 80, 24, "claims");
    assert!(claims.contains("*.*"), "absent is '.': {claims}");
}
