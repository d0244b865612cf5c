//! Going back through the real keymap and `App::update`: `q` and Esc close the view or popup
//! at hand and return to the one below, `q` in the library quits, Ctrl-C quits from
//! anywhere, Ctrl-Z asks the event loop to suspend from anywhere (the prompt included).

mod common;
use common::{draw, events, feed, press, run_pending};

use parallax::engine::load::seed_inputs;
use parallax::tui::action::{Action, Effect};
use parallax::tui::app::{App, Focus};
use parallax::tui::keymap::{Keymap, Mode};
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Ansi256));
    feed(&mut app, events(&seed_inputs()));
    draw(&mut app, 120, 40);
    app
}

/// The effect a key leads to, through the keymap.
fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Option<Effect> {
    let ev = KeyEvent::new(code, mods);
    let c = app.keymap.lookup(app.mode(), &ev)?;
    app.update(Action::Command(c))
}

fn ctrl(app: &mut App, c: char) -> Option<Effect> {
    key(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn q(app: &mut App) -> Option<Effect> {
    key(app, KeyCode::Char('q'), KeyModifiers::NONE)
}

#[test]
fn q_closes_the_compare_view_then_quits_from_the_library() {
    let mut app = app();
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    assert_eq!(app.mode(), Mode::Compare);
    assert!(q(&mut app).is_none(), "q in the compare view does not quit");
    assert!(app.compare.is_none());
    assert_eq!(app.mode(), Mode::Library);
    assert!(matches!(q(&mut app), Some(Effect::Quit)));
}

#[test]
fn q_and_esc_go_back_from_every_level() {
    let mut app = app();
    // Reading pane -> library.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Focus::Reader);
    assert!(q(&mut app).is_none());
    assert_eq!(app.focus, Focus::Library);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.focus, Focus::Library, "Esc too");
    // Entities pane -> library.
    press(&mut app, KeyCode::Char('E'));
    assert_eq!(app.mode(), Mode::Entities);
    assert!(q(&mut app).is_none());
    assert!(!app.entities.visible);
    // Help over the story screen -> story screen -> library.
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.mode(), Mode::Story);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Overlay);
    assert!(q(&mut app).is_none());
    assert_eq!(app.mode(), Mode::Story);
    // A compare view opened from the story screen goes back to it.
    press(&mut app, KeyCode::Enter);
    run_pending(&mut app);
    assert_eq!(app.mode(), Mode::Compare);
    assert!(q(&mut app).is_none());
    assert_eq!(app.mode(), Mode::Story);
    assert!(q(&mut app).is_none());
    assert_eq!(app.mode(), Mode::Library);
}

#[test]
fn ctrl_c_quits_and_ctrl_z_suspends_from_anywhere() {
    let mut app = app();
    assert!(matches!(ctrl(&mut app, 'z'), Some(Effect::Suspend)));
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    assert!(matches!(ctrl(&mut app, 'z'), Some(Effect::Suspend)));
    assert_eq!(app.mode(), Mode::Compare, "suspending changes nothing");
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.mode(), Mode::Prompt);
    assert!(matches!(ctrl(&mut app, 'z'), Some(Effect::Suspend)));
    assert!(matches!(ctrl(&mut app, 'c'), Some(Effect::Quit)));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(ctrl(&mut app, 'c'), Some(Effect::Quit)));
    press(&mut app, KeyCode::Esc);
    assert!(q(&mut app).is_none(), "q leaves the compare view");
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.mode(), Mode::Story);
    assert!(matches!(ctrl(&mut app, 'c'), Some(Effect::Quit)));
}

/// A report read from the story screen (a claim, `Enter`, `Enter`) goes back to the story
/// screen, at the same pane and selection, and from there to the library: back retraces the
/// way the user came, however deep.
#[test]
fn q_in_a_report_read_from_the_story_screen_returns_to_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    let (pane, sel) = (app.story_view.pane, app.story_view.current());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Overlay, "the claim's popup");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Reader, "the claim read in its report");
    draw(&mut app, 120, 40);
    assert!(q(&mut app).is_none(), "q in that report does not quit");
    assert_eq!(app.mode(), Mode::Story, "q goes back to the story screen");
    assert_eq!((app.story_view.pane, app.story_view.current()), (pane, sel));
    // Twice deep: read, back to the story (Esc this time), read again, back, back.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(
        app.mode(),
        Mode::Story,
        "o from the report opens the story again"
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Story, "Esc too");
    assert!(q(&mut app).is_none());
    assert_eq!(
        app.mode(),
        Mode::Reader,
        "the story was opened from the report"
    );
    assert!(q(&mut app).is_none());
    assert_eq!(
        app.mode(),
        Mode::Story,
        "which was read from the story screen"
    );
    assert!(q(&mut app).is_none());
    assert_eq!(
        app.mode(),
        Mode::Library,
        "which was opened from the library"
    );
    // A report opened from the library goes back to the library.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Reader);
    assert!(q(&mut app).is_none());
    assert_eq!(app.mode(), Mode::Library);
    assert!(matches!(q(&mut app), Some(Effect::Quit)));
}
