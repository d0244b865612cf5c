//! Key bindings as data: `assets/keymap.toml`, embedded, parsed into mode → key → command.

use super::action::Command;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

const DEFAULT: &str = include_str!("../../assets/keymap.toml");

/// Which key table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    Global,
    Library,
    Reader,
    Compare,
    Entities,
    Story,
    Overlay,
    /// The status line's prompt (`/`): unbound characters are typed into it.
    Prompt,
}

impl Mode {
    /// The mode keymap.toml's table `s` is for.
    pub fn from_name(s: &str) -> Option<Mode> {
        Some(match s {
            "global" => Mode::Global,
            "library" => Mode::Library,
            "reader" => Mode::Reader,
            "compare" => Mode::Compare,
            "entities" => Mode::Entities,
            "story" => Mode::Story,
            "overlay" => Mode::Overlay,
            "prompt" => Mode::Prompt,
            _ => return None,
        })
    }
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::Library => "Library",
            Mode::Reader => "Reading pane",
            Mode::Compare => "Compare view",
            Mode::Entities => "Entities pane",
            Mode::Story => "Story screen",
            Mode::Overlay => "Overlays",
            Mode::Prompt => "Search prompt",
        }
    }
}

/// A key with modifiers, comparable and printable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
}

/// `KeyCode` subset with an order, so bindings sort stably in the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyCodeOrd {
    Char(char),
    Named(&'static str),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("backspace", KeyCode::Backspace),
];

impl Key {
    /// Parses "j", "G", "ctrl-d", "pagedown", "space".
    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = if rest == "space" {
            KeyCodeOrd::Char(' ')
        } else if let Some((name, _)) = NAMED.iter().find(|(n, _)| *n == rest) {
            KeyCodeOrd::Named(name)
        } else {
            let mut chars = rest.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            KeyCodeOrd::Char(c)
        };
        Some(Key { code, ctrl, alt })
    }

    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            other => KeyCodeOrd::Named(NAMED.iter().find(|(_, k)| *k == other)?.0),
        };
        Some(Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// How the help overlay writes the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCodeOrd::Char(' ') => "Space".to_string(),
            KeyCodeOrd::Char(c) => c.to_string(),
            KeyCodeOrd::Named(n) => match n {
                "up" => "↑".into(),
                "down" => "↓".into(),
                "left" => "←".into(),
                "right" => "→".into(),
                "pageup" => "PgUp".into(),
                "pagedown" => "PgDn".into(),
                "backtab" => "Shift-Tab".into(),
                other => {
                    let mut s = other.to_string();
                    if let Some(f) = s.get_mut(0..1) {
                        f.make_ascii_uppercase();
                    }
                    s
                }
            },
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{base}"),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// Mode → key → command.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    pub modes: BTreeMap<Mode, BTreeMap<Key, Command>>,
}

#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("keymap: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("keymap: unknown mode [{0}]")]
    Mode(String),
    #[error("keymap: cannot read key {0:?}")]
    Key(String),
    #[error("keymap: unknown action {0:?}")]
    Command(String),
}

impl Keymap {
    /// The built-in keymap (a test guarantees it parses).
    pub fn default_map() -> Keymap {
        Keymap::parse(DEFAULT).unwrap_or_default()
    }

    pub fn parse(src: &str) -> Result<Keymap, KeymapError> {
        let table: BTreeMap<String, BTreeMap<String, String>> = toml::from_str(src)?;
        let mut map = Keymap::default();
        for (mode, keys) in table {
            let m = Mode::from_name(&mode).ok_or_else(|| KeymapError::Mode(mode.clone()))?;
            let entry = map.modes.entry(m).or_default();
            for (key, cmd) in keys {
                let k = Key::parse(&key).ok_or_else(|| KeymapError::Key(key.clone()))?;
                let c =
                    Command::from_name(&cmd).ok_or_else(|| KeymapError::Command(cmd.clone()))?;
                entry.insert(k, c);
            }
        }
        Ok(map)
    }

    /// The command for a key: the mode's own table first, then the global one (overlays
    /// capture every key they bind and fall back to nothing else but quit).
    pub fn lookup(&self, mode: Mode, key: &KeyEvent) -> Option<Command> {
        let k = Key::from_event(key)?;
        let get = |m: Mode| self.modes.get(&m).and_then(|t| t.get(&k)).copied();
        // Shifted letters arrive as uppercase chars with SHIFT set; we ignore SHIFT.
        match mode {
            Mode::Overlay => get(Mode::Overlay),
            // The prompt takes every key: what it does not bind is typed.
            Mode::Prompt => get(Mode::Prompt).or(match k.code {
                KeyCodeOrd::Char(c) if !k.ctrl && !k.alt => Some(Command::Insert(c)),
                _ => None,
            }),
            m => get(m).or_else(|| get(Mode::Global)),
        }
    }

    /// The keys that run `cmd` in `mode` (its own table, then the global keys it does not
    /// shadow), the plainest first: characters before named keys, short labels first.
    pub fn keys_for(&self, mode: Mode, cmd: Command) -> Vec<Key> {
        let own = self.modes.get(&mode);
        let global = match mode {
            Mode::Overlay | Mode::Prompt | Mode::Global => None,
            _ => self.modes.get(&Mode::Global),
        };
        let mut keys: Vec<Key> = own
            .into_iter()
            .flatten()
            .filter(|(_, c)| **c == cmd)
            .map(|(k, _)| *k)
            .chain(
                global
                    .into_iter()
                    .flatten()
                    .filter(|(k, c)| **c == cmd && !own.is_some_and(|t| t.contains_key(*k)))
                    .map(|(k, _)| *k),
            )
            .collect();
        keys.sort_by_key(|k| {
            let named = !matches!(k.code, KeyCodeOrd::Char(c) if c != ' ');
            (
                named || k.ctrl || k.alt,
                k.label().chars().count(),
                k.label(),
            )
        });
        keys.dedup();
        keys
    }

    /// Help rows per mode: (keys joined, description), one row per command.
    pub fn help_rows(&self) -> Vec<(Mode, Vec<(String, &'static str)>)> {
        self.modes
            .iter()
            .map(|(mode, keys)| {
                let mut by_cmd: BTreeMap<Command, Vec<String>> = BTreeMap::new();
                for (k, c) in keys {
                    by_cmd.entry(*c).or_default().push(k.label());
                }
                let rows = by_cmd
                    .into_iter()
                    .map(|(c, ks)| (ks.join(" "), c.describe()))
                    .collect();
                (*mode, rows)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keymap_parses_fully() {
        let map = Keymap::parse(DEFAULT).expect("assets/keymap.toml must parse");
        let ev = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(map.lookup(Mode::Reader, &ev), Some(Command::HalfPageDown));
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.lookup(Mode::Library, &q), Some(Command::Quit));
        assert_eq!(map.lookup(Mode::Overlay, &q), Some(Command::Close));
        let g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.lookup(Mode::Reader, &g), Some(Command::Bottom));
        // In the prompt, letters are typed, never commands.
        assert_eq!(map.lookup(Mode::Prompt, &q), Some(Command::Insert('q')));
        assert_eq!(map.lookup(Mode::Prompt, &g), Some(Command::Insert('G')));
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(map.lookup(Mode::Prompt, &esc), Some(Command::Cancel));
    }

    #[test]
    fn bad_keymaps_are_reported() {
        assert!(matches!(
            Keymap::parse("[reader]\n\"j\" = \"fly\""),
            Err(KeymapError::Command(_))
        ));
        assert!(matches!(
            Keymap::parse("[nowhere]\n\"j\" = \"up\""),
            Err(KeymapError::Mode(_))
        ));
        assert!(matches!(
            Keymap::parse("[reader]\n\"ctrl-jj\" = \"up\""),
            Err(KeymapError::Key(_))
        ));
    }

    #[test]
    fn help_lists_every_bound_command() {
        let map = Keymap::default_map();
        let rows = map.help_rows();
        let reader = rows.iter().find(|(m, _)| *m == Mode::Reader).unwrap();
        assert!(
            reader
                .1
                .iter()
                .any(|(k, d)| k.contains("Ctrl-d") && d.contains("half"))
        );
    }
}
