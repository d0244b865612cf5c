//! Colours and styles, from `assets/theme.toml`: one table per colour depth, chosen from the
//! environment. Widgets ask for a [`Role`], never for a colour.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;

const THEME: &str = include_str!("../../assets/theme.toml");

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    TrueColor,
    Ansi256,
    Ansi16,
    /// NO_COLOR or `--color never`: modifiers only.
    Mono,
}

impl Depth {
    /// The table of `assets/theme.toml` (and of a config's `[theme.DEPTH]`) for this depth.
    pub fn table(self) -> &'static str {
        match self {
            Depth::TrueColor => "truecolor",
            Depth::Ansi256 => "ansi256",
            Depth::Ansi16 => "ansi16",
            Depth::Mono => "mono",
        }
    }

    /// Picks the depth from `--color` and the environment (passed in, for tests).
    pub fn detect(choice: ColorChoice, env: &dyn Fn(&str) -> Option<String>) -> Depth {
        let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
        match choice {
            ColorChoice::Never => return Depth::Mono,
            ColorChoice::Auto if no_color => return Depth::Mono,
            _ => {}
        }
        let colorterm = env("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        let term = env("TERM").unwrap_or_default().to_ascii_lowercase();
        if colorterm.contains("truecolor") || colorterm.contains("24bit") {
            Depth::TrueColor
        } else if term.contains("256") || term.contains("direct") {
            Depth::Ansi256
        } else if term == "dumb" && choice == ColorChoice::Auto {
            Depth::Mono
        } else {
            Depth::Ansi16
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// What a piece of the screen is; the theme gives each a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Text,
    Title,
    Heading,
    Meta,
    Note,
    Dim,
    Bullet,
    Border,
    BorderFocused,
    Selected,
    SelectedUnfocused,
    Status,
    StatusWarn,
    Key,
    Scrollbar,
    Overlay,
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Date,
    Number,
    Quote,
    /// Compare view: words only one side has.
    DiffOnly,
    /// Compare view: words in a verbatim run both reports share (wire copy).
    DiffWire,
    /// Compare view: a sentence only one report has (row shading).
    DiffUnique,
    Mark,
    /// A search hit (the current one is [`Role::Mark`]).
    Search,
    /// Heat-map shades, low to high (story screen).
    Heat0,
    Heat1,
    Heat2,
    Heat3,
    /// A note's mark: checked, doubtful (`tui::notes`).
    NoteChecked,
    NoteDoubtful,
}

impl Role {
    /// The role theme.toml names `name`.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.iter().find(|(_, n)| *n == name).map(|(r, _)| *r)
    }

    const ALL: &'static [(Role, &'static str)] = &[
        (Role::Text, "text"),
        (Role::Title, "title"),
        (Role::Heading, "heading"),
        (Role::Meta, "meta"),
        (Role::Note, "note"),
        (Role::Dim, "dim"),
        (Role::Bullet, "bullet"),
        (Role::Border, "border"),
        (Role::BorderFocused, "border_focused"),
        (Role::Selected, "selected"),
        (Role::SelectedUnfocused, "selected_unfocused"),
        (Role::Status, "status"),
        (Role::StatusWarn, "status_warn"),
        (Role::Key, "key"),
        (Role::Scrollbar, "scrollbar"),
        (Role::Overlay, "overlay"),
        (Role::Person, "person"),
        (Role::Org, "org"),
        (Role::Gpe, "gpe"),
        (Role::Loc, "loc"),
        (Role::Norp, "norp"),
        (Role::Date, "date"),
        (Role::Number, "number"),
        (Role::Quote, "quote"),
        (Role::DiffOnly, "diff_only"),
        (Role::DiffWire, "diff_wire"),
        (Role::DiffUnique, "diff_unique"),
        (Role::Mark, "mark"),
        (Role::Search, "search"),
        (Role::Heat0, "heat0"),
        (Role::Heat1, "heat1"),
        (Role::Heat2, "heat2"),
        (Role::Heat3, "heat3"),
        (Role::NoteChecked, "note_checked"),
        (Role::NoteDoubtful, "note_doubtful"),
    ];
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    #[serde(default)]
    modifiers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ColorSpec {
    Index(u8),
    Name(String),
}

/// The styles for one depth.
#[derive(Debug, Clone)]
pub struct Theme {
    pub depth: Depth,
    styles: BTreeMap<Role, Style>,
    /// Draw ASCII only: every UI glyph and box border gets an ASCII stand-in
    /// (the widgets' `ascii` module); see [`ascii_only`].
    pub ascii: bool,
}

/// True when the terminal should get ASCII only: the locale's character set (the first of
/// `LC_ALL`, `LC_CTYPE`, `LANG` that is set; none set is the POSIX locale) is not UTF-8, or
/// `TERM=linux` (the console's fonts lack most symbols). `env` is passed in, for tests.
pub fn ascii_only(env: &dyn Fn(&str) -> Option<String>) -> bool {
    if env("TERM").is_some_and(|t| t == "linux") {
        return true;
    }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| env(k).filter(|v| !v.is_empty()));
    match locale {
        None => true,
        Some(l) => {
            let l = l.to_ascii_lowercase();
            !(l.contains("utf-8") || l.contains("utf8"))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("theme: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("theme: no [{0}] table")]
    MissingTable(String),
    #[error("theme: [{0}] has no style {1:?}")]
    MissingRole(String, String),
    #[error("theme: [{0}] {1}: cannot read {2:?}")]
    Bad(String, String, String),
}

impl Theme {
    pub fn new(depth: Depth) -> Theme {
        Theme::parse(THEME, depth).unwrap_or_else(|_| Theme {
            depth,
            styles: BTreeMap::new(),
            ascii: false,
        })
    }

    pub fn parse(src: &str, depth: Depth) -> Result<Theme, ThemeError> {
        let mut tables: BTreeMap<String, BTreeMap<String, StyleSpec>> = toml::from_str(src)?;
        let name = depth.table();
        let table = tables
            .remove(name)
            .ok_or_else(|| ThemeError::MissingTable(name.into()))?;
        let mut styles = BTreeMap::new();
        for (role, role_name) in Role::ALL {
            let spec = table
                .get(*role_name)
                .ok_or_else(|| ThemeError::MissingRole(name.into(), role_name.to_string()))?;
            let bad = |what: &str| ThemeError::Bad(name.into(), role_name.to_string(), what.into());
            let mut style = Style::default();
            if depth != Depth::Mono {
                if let Some(fg) = &spec.fg {
                    style = style.fg(color(fg).ok_or_else(|| bad("fg"))?);
                }
                if let Some(bg) = &spec.bg {
                    style = style.bg(color(bg).ok_or_else(|| bad("bg"))?);
                }
            }
            for m in &spec.modifiers {
                style = style.add_modifier(modifier(m).ok_or_else(|| bad(m))?);
            }
            styles.insert(*role, style);
        }
        Ok(Theme {
            depth,
            styles,
            ascii: false,
        })
    }

    pub fn style(&self, role: Role) -> Style {
        self.styles.get(&role).copied().unwrap_or_default()
    }

    /// Replaces a role's style (the user's config, `tui::config`).
    pub fn set(&mut self, role: Role, style: Style) {
        self.styles.insert(role, style);
    }
}

/// A colour as theme.toml writes it: a name or `#rrggbb`.
pub fn color_named(name: &str) -> Option<Color> {
    name.parse().ok()
}

/// A modifier as theme.toml writes it.
pub fn modifier_named(name: &str) -> Option<Modifier> {
    modifier(name)
}

fn color(spec: &ColorSpec) -> Option<Color> {
    match spec {
        ColorSpec::Index(i) => Some(Color::Indexed(*i)),
        ColorSpec::Name(n) => n.parse().ok(),
    }
}

fn modifier(name: &str) -> Option<Modifier> {
    Some(match name {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" => Modifier::UNDERLINED,
        "reversed" => Modifier::REVERSED,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An environment of `pairs`, as the `var` lookups take it.
    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn every_depth_parses_with_every_role() {
        for depth in [Depth::TrueColor, Depth::Ansi256, Depth::Ansi16, Depth::Mono] {
            let theme = Theme::parse(THEME, depth).unwrap_or_else(|e| panic!("{depth:?}: {e}"));
            assert_eq!(theme.styles.len(), Role::ALL.len());
        }
    }

    #[test]
    fn mono_has_no_colour_but_keeps_modifiers() {
        let theme = Theme::parse(THEME, Depth::Mono).unwrap();
        for (role, _) in Role::ALL {
            let s = theme.style(*role);
            assert!(s.fg.is_none() && s.bg.is_none(), "{role:?}");
        }
        assert!(
            theme
                .style(Role::Selected)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn without_colour_each_meaning_has_its_own_mark() {
        // What can meet in the compare view and the reader: entity kinds over the diff's
        // marks, search hits and the current one.
        let theme = Theme::parse(THEME, Depth::Mono).unwrap();
        let roles = [
            Role::Gpe,
            Role::Loc,
            Role::Person,
            Role::Org,
            Role::Norp,
            Role::Date,
            Role::Number,
            Role::Quote,
            Role::DiffOnly,
            Role::DiffWire,
            Role::Search,
            Role::Mark,
        ];
        for (i, a) in roles.iter().enumerate() {
            for b in &roles[i + 1..] {
                assert_ne!(theme.style(*a), theme.style(*b), "{a:?} and {b:?}");
            }
        }
        let underline = |r: Role| theme.style(r).add_modifier.contains(Modifier::UNDERLINED);
        assert!(underline(Role::Gpe) && !underline(Role::DiffWire));
    }

    #[test]
    fn ascii_follows_the_locale_and_the_console() {
        assert!(!ascii_only(&env(&[("LANG", "en_GB.UTF-8")])));
        assert!(!ascii_only(&env(&[("LANG", "C"), ("LC_CTYPE", "C.utf8")])));
        assert!(ascii_only(&env(&[
            ("LANG", "en_GB.UTF-8"),
            ("LC_ALL", "C")
        ])));
        assert!(ascii_only(&env(&[("LANG", "de_DE.ISO-8859-1")])));
        assert!(ascii_only(&env(&[("LC_ALL", ""), ("LANG", "POSIX")])));
        assert!(ascii_only(&env(&[])), "no locale set: POSIX");
        assert!(ascii_only(&env(&[("LANG", "C.UTF-8"), ("TERM", "linux")])));
    }

    #[test]
    fn depth_follows_environment() {
        let auto = ColorChoice::Auto;
        assert_eq!(
            Depth::detect(auto, &env(&[("NO_COLOR", "1"), ("TERM", "xterm-256color")])),
            Depth::Mono
        );
        assert_eq!(
            Depth::detect(auto, &env(&[("TERM", "xterm-256color")])),
            Depth::Ansi256
        );
        assert_eq!(
            Depth::detect(
                auto,
                &env(&[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")])
            ),
            Depth::TrueColor
        );
        assert_eq!(
            Depth::detect(auto, &env(&[("TERM", "xterm")])),
            Depth::Ansi16
        );
        assert_eq!(
            Depth::detect(ColorChoice::Never, &env(&[("TERM", "xterm-256color")])),
            Depth::Mono
        );
        assert_eq!(
            Depth::detect(
                ColorChoice::Always,
                &env(&[("NO_COLOR", "1"), ("TERM", "xterm")])
            ),
            Depth::Ansi16
        );
    }
}
