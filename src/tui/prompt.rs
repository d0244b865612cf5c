//! The prompt in the status line (`/`): while it is open it takes every key — letters are
//! typed into it ([`super::keymap::Keymap::lookup`] turns unbound characters into
//! [`Command::Insert`]), none reach a command. Enter confirms ([`Effect::Search`]), Esc
//! cancels. The input is kept as typed; the widget sanitizes it for display.

use super::action::{Command, Effect};
use super::search::MAX_PATTERN;

#[derive(Debug, Clone, Default)]
pub struct PromptState {
    /// The input, while the prompt is open.
    pub input: Option<String>,
    /// What Enter does with it.
    pub kind: PromptKind,
}

/// What the prompt is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PromptKind {
    /// `/`: Enter searches ([`Effect::Search`]).
    #[default]
    Search,
    /// `a`: Enter keeps the note ([`Effect::SaveNote`]).
    Note,
}

impl PromptKind {
    /// What the prompt line starts with.
    pub fn lead(self) -> &'static str {
        match self {
            PromptKind::Search => "/",
            PromptKind::Note => "note: ",
        }
    }
}

impl PromptState {
    pub fn is_open(&self) -> bool {
        self.input.is_some()
    }

    pub fn open(&mut self) {
        self.input = Some(String::new());
        self.kind = PromptKind::Search;
    }

    /// Opens the prompt for a note, with the note so far to edit.
    pub fn open_note(&mut self, text: &str) {
        self.input = Some(text.chars().take(crate::notes::MAX_NOTE).collect());
        self.kind = PromptKind::Note;
    }

    fn max(&self) -> usize {
        match self.kind {
            PromptKind::Search => MAX_PATTERN,
            PromptKind::Note => crate::notes::MAX_NOTE,
        }
    }

    /// Keys while the prompt is open.
    pub fn update(&mut self, c: Command) -> Option<Effect> {
        let max = self.max();
        let input = self.input.as_mut()?;
        match c {
            // Control characters (and bidi overrides pasted in) never enter the pattern.
            Command::Insert(ch)
                if !ch.is_control()
                    && !crate::engine::sanitize::is_unsafe(ch)
                    && input.chars().count() < max =>
            {
                input.push(ch)
            }
            Command::Insert(_) => {}
            Command::DeleteChar => {
                input.pop();
            }
            Command::ClearLine => input.clear(),
            Command::Confirm => {
                let text = self.input.take().unwrap_or_default();
                return Some(match self.kind {
                    PromptKind::Search => Effect::Search(text),
                    PromptKind::Note => Effect::SaveNote(text),
                });
            }
            Command::Quit => return Some(Effect::Quit),
            // Esc, and anything else bound here, closes it.
            _ => {
                self.input = None;
                if self.kind == PromptKind::Note {
                    return Some(Effect::Notice("note not changed".to_string()));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_editing_and_confirming() {
        let mut p = PromptState::default();
        p.open();
        for ch in "Rubioo".chars() {
            p.update(Command::Insert(ch));
        }
        p.update(Command::DeleteChar);
        p.update(Command::Insert('\u{1b}'));
        p.update(Command::Insert('\u{202e}'));
        assert_eq!(p.input.as_deref(), Some("Rubio"));
        match p.update(Command::Confirm) {
            Some(Effect::Search(s)) => assert_eq!(s, "Rubio"),
            other => panic!("{other:?}"),
        }
        assert!(!p.is_open());
        p.open();
        p.update(Command::Insert('x'));
        assert!(p.update(Command::Cancel).is_none());
        assert!(!p.is_open());
    }
}
