//! The user's config file through the real keymap and `App::update`: a remapped key works,
//! the old one no longer does, the status line's hints and the `?` help show the new key, a
//! theme role changes, and each problem is in the messages popup with its line while the rest
//! applies. `--config` naming a missing file is an error naming it.

mod common;
use common::{draw, events, feed, press, screen};

use parallax::engine::load::seed_inputs;
use parallax::tui::app::App;
use parallax::tui::keymap::{Keymap, Mode};
use parallax::tui::theme::{Depth, Role, Theme};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

const CONFIG: &str = r#"# my keys
[keys.global]
"/" = "none"
"S" = "search"
[keys.reader]
"x" = "fly"
[theme]
search = { fg = "black", bg = "yellow" }
"#;

fn app() -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Ansi256));
    app.apply_config("my.toml", CONFIG);
    feed(&mut app, events(&seed_inputs()));
    app
}

#[test]
fn a_remapped_key_works_and_the_hints_and_help_show_it() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Reader);
    let s = screen(&draw(&mut app, 120, 30));
    let status = s.lines().last().unwrap();
    assert!(status.contains("S search"), "{status}");
    assert!(!status.contains("/ search"), "{status}");
    // The old key is unbound now and says so; the new one opens the prompt.
    let slash = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('/'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    app.key(&slash);
    assert_eq!(app.mode(), Mode::Reader);
    let s = screen(&draw(&mut app, 120, 30));
    assert!(
        s.lines().last().unwrap().contains("/: not a key here"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(app.mode(), Mode::Prompt);
    press(&mut app, KeyCode::Esc);
    // The help lists S for search, and / no longer.
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&draw(&mut app, 120, 60));
    let line = s
        .lines()
        .find(|l| l.contains("search the pane at hand"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(line.contains(" S "), "{line}");
    assert!(!line.contains(" / "), "{line}");
}

#[test]
fn theme_roles_change_and_problems_are_reported_with_their_line() {
    let mut app = app();
    let s = app.theme.style(Role::Search);
    assert_eq!((s.fg, s.bg), (Some(Color::Black), Some(Color::Yellow)));
    let msg = app
        .model
        .messages
        .iter()
        .find(|m| m.contains("fly"))
        .expect("the unknown action is reported")
        .clone();
    assert!(msg.contains("my.toml line 6"), "{msg}");
    press(&mut app, KeyCode::Char('!'));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(
        s.contains("config my.toml line 6: unknown action \"fly\""),
        "{s}"
    );
}

#[test]
fn a_missing_config_file_given_is_an_error_naming_it() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            "--config",
            "/nonexistent-parallax-dir/my-config.toml",
            "--dump",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent-parallax-dir/my-config.toml"),
        "{err}"
    );
    // A missing default file is silent.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("--dump")
        .env("XDG_CONFIG_HOME", "/nonexistent-parallax-dir")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}
