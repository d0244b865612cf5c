//! The mouse through `App::update` (the event loop turns crossterm's events into
//! `Action::Pointer`): the wheel scrolls the pane under the pointer, a click selects the
//! row under it and focuses its pane, a click on a story tab opens that pane.

mod common;
use common::{draw, events, feed, press, run_pending};

use parallax::engine::load::seed_inputs;
use parallax::tui::action::Action;
use parallax::tui::app::{App, Focus, Pointer};
use parallax::tui::keymap::Keymap;
use parallax::tui::story::Pane;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;

fn app() -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(&mut app, events(&seed_inputs()));
    draw(&mut app, 120, 40);
    app
}

fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    app.update(Action::Pointer(Pointer::Wheel { x, y, down }));
}

fn click(app: &mut App, x: u16, y: u16) {
    app.update(Action::Pointer(Pointer::Click { x, y }));
}

#[test]
fn wheel_and_clicks_on_the_main_screen() {
    let mut app = app();
    draw(&mut app, 80, 24);
    let g = app.geometry.main;
    // The wheel over the reading pane scrolls it, not the library.
    let (rx, ry) = (g.reader_text.x + 2, g.reader_text.y + 2);
    wheel(&mut app, rx, ry, true);
    assert_eq!(app.reader.scroll, 3);
    assert_eq!(app.library.selected, app.model.order()[0]);
    wheel(&mut app, rx, ry, false);
    assert_eq!(app.reader.scroll, 0);
    // A click on the third report's title selects it, and the reading pane follows.
    let list = g.library_list;
    click(&mut app, list.x + 2, list.y + 4);
    let third = app.model.order()[2];
    assert_eq!(app.library.selected, third);
    assert_eq!(app.reader.open, Some(third));
    // The wheel over the library moves the selection.
    wheel(&mut app, list.x + 2, list.y + 1, true);
    assert_eq!(app.library.selected, app.model.order()[3]);
    // A click in the reading pane focuses it.
    click(&mut app, rx, ry);
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn clicks_in_the_compare_view_and_the_story_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    draw(&mut app, 120, 40);
    let body = app.geometry.compare.body;
    let (target, line) = {
        let v = app.compare.as_ref().unwrap();
        let (start, _) = v.layout.rows[2];
        (2, start)
    };
    click(&mut app, body.x + 5, body.y + line as u16);
    assert_eq!(app.compare.as_ref().unwrap().row, target);
    wheel(&mut app, body.x + 5, body.y + 1, true);
    assert_eq!(app.compare.as_ref().unwrap().scroll, 3);
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('o'));
    draw(&mut app, 120, 40);
    let sg = app.geometry.story;
    // The tab bar: " 1 Coverage  2 Claims 77 …": a click on "Entities" opens that pane.
    let m = app.story().unwrap().clone();
    let labels = app.story_view.tab_labels(&m);
    let x = 1 + labels[0].len() + 1 + labels[1].len() + 1 + 3;
    click(&mut app, sg.tabs.x + x as u16, sg.tabs.y);
    assert_eq!(app.story_view.pane, Pane::Entities);
    click(&mut app, sg.list.x + 3, sg.list.y + 2);
    assert_eq!(app.story_view.selected_in(Pane::Entities), 2);
    wheel(&mut app, sg.list.x + 3, sg.list.y + 2, true);
    assert_eq!(app.story_view.selected_in(Pane::Entities), 3);
}

#[test]
fn the_wheel_scrolls_a_popup() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    wheel(&mut app, 10, 10, true);
    assert_eq!(app.overlay.scroll, 3);
    click(&mut app, 10, 10);
    assert!(app.overlay.open.is_some(), "a click does not close it");
}
