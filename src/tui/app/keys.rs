//! A key press as the event loop hands it to [`App`]: looked up in the keymap table of the
//! mode at hand; a key bound to nothing there flashes a short notice in the status line
//! (until the next key) instead of doing nothing silently.

use super::App;
use crate::tui::action::{Action, Effect};
use crate::tui::keymap::{Key, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl App {
    /// Applies the user's config file `src` (named `name`) over the keymap and theme; each
    /// problem, with its line, goes to the messages popup ([`crate::tui::config`]).
    pub fn apply_config(&mut self, name: &str, src: &str) {
        let problems = crate::tui::config::apply(src, name, &mut self.keymap, &mut self.theme);
        self.model.messages.extend(problems);
        self.prepare();
    }

    /// A key press: its command for the mode at hand, or a notice that it has none here.
    pub fn key(&mut self, ev: &KeyEvent) -> Option<Effect> {
        if let Some(c) = self.keymap.lookup(self.mode(), ev) {
            return self.update(Action::Command(c));
        }
        // Bare modifiers and the like are not presses anyone meant.
        if matches!(ev.code, KeyCode::Modifier(_) | KeyCode::Null) {
            return None;
        }
        let name = Key::from_event(ev).map_or_else(|| "that key".to_string(), |k| k.label());
        let here = match self.view_mode() {
            _ if self.overlay.open.is_some() => "in this popup",
            Mode::Compare => "in the compare view",
            Mode::Story => "on the story screen",
            _ => "here",
        };
        self.notice = Some(format!("{name}: not a key {here} (? help)"));
        None
    }
}
