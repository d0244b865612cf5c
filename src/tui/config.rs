//! The user's config file: `$XDG_CONFIG_HOME/parallax/config.toml` (else
//! `~/.config/parallax/config.toml`), or `--config PATH`. It overrides key bindings and theme
//! styles with the tables and names of `assets/keymap.toml` and `assets/theme.toml`:
//!
//! ```toml
//! [keys.global]          # a mode of keymap.toml: global, library, reader, compare, ...
//! "x" = "quit"           # a key as keymap.toml writes it, an action named there
//! "/" = "none"           # "none" unbinds the key in that mode
//! [theme]                # a role of theme.toml, at every colour depth
//! search = { fg = "black", bg = "yellow", modifiers = ["bold"] }
//! [theme.mono]           # or at one depth: truecolor, ansi256, ansi16, mono
//! mark = { modifiers = ["reversed", "bold"] }
//! ```
//!
//! Every problem — a syntax error, an unknown table, mode, key, action, role, colour or
//! modifier — is reported with its line, and everything else in the file still applies.

use super::action::Command;
use super::keymap::{Key, Keymap, Mode};
use super::theme::{Depth, Role, Theme};
use ratatui::style::Style;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Value that unbinds a key.
pub const UNBIND: &str = "none";

/// Applies the config `src` (read from `name`, for the messages) to the keymap and the theme
/// in use; returns one message per problem, each naming the file and the line.
pub fn apply(src: &str, name: &str, keymap: &mut Keymap, theme: &mut Theme) -> Vec<String> {
    let line = |at: usize| src.get(..at).map_or(1, |s| s.matches('\n').count() + 1);
    // Gathered with their places, then told in the file's order (tables are read in key
    // order, syntax errors first).
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut say = |at: usize, what: String| found.push((at, what));
    let (table, errors) = DeTable::parse_recoverable(src);
    for e in errors {
        let at = e.span().map_or(0, |s| s.start);
        let msg = e
            .message()
            .lines()
            .next()
            .unwrap_or("syntax error")
            .to_string();
        say(at, msg);
    }
    for (section, value) in table.get_ref() {
        let at = section.span().start;
        match (section.get_ref().as_ref(), value.get_ref().as_table()) {
            ("keys", Some(modes)) => keys(modes, keymap, &mut say),
            ("theme", Some(roles)) => styles(roles, theme, &mut say),
            ("keys" | "theme", None) => say(at, format!("[{}] must be a table", section.get_ref())),
            (other, _) => say(
                at,
                format!("unknown table [{other}] (the config has [keys.MODE] and [theme])"),
            ),
        }
    }
    found.sort_by_key(|f| f.0);
    found
        .into_iter()
        .map(|(at, what)| format!("config {name} line {}: {what}", line(at)))
        .collect()
}

fn keys(modes: &DeTable, keymap: &mut Keymap, say: &mut impl FnMut(usize, String)) {
    for (mode_name, bindings) in modes {
        let at = mode_name.span().start;
        let Some(mode) = Mode::from_name(mode_name.get_ref()) else {
            say(at, format!("unknown mode [keys.{}]", mode_name.get_ref()));
            continue;
        };
        let Some(bindings) = bindings.get_ref().as_table() else {
            say(
                at,
                format!("[keys.{}] must be a table", mode_name.get_ref()),
            );
            continue;
        };
        for (key_name, action) in bindings {
            let at = key_name.span().start;
            let Some(key) = Key::parse(key_name.get_ref()) else {
                say(
                    at,
                    format!("cannot read key {:?}", key_name.get_ref().as_ref()),
                );
                continue;
            };
            let Some(action_name) = action.get_ref().as_str() else {
                say(
                    at,
                    format!("the action for {:?} must be a string", key.label()),
                );
                continue;
            };
            if action_name == UNBIND {
                if let Some(t) = keymap.modes.get_mut(&mode) {
                    t.remove(&key);
                }
                continue;
            }
            match Command::from_name(action_name) {
                Some(c) => {
                    keymap.modes.entry(mode).or_default().insert(key, c);
                }
                None => say(
                    action.span().start,
                    format!("unknown action {action_name:?} (see ? for the actions)"),
                ),
            }
        }
    }
}

fn styles(roles: &DeTable, theme: &mut Theme, say: &mut impl FnMut(usize, String)) {
    let depth_name = theme.depth.table();
    for (name, value) in roles {
        let at = name.span().start;
        let n: &str = name.get_ref();
        if DEPTHS.contains(&n) {
            let Some(t) = value.get_ref().as_table() else {
                say(at, format!("[theme.{n}] must be a table"));
                continue;
            };
            for (role, spec) in t {
                // Checked at every depth; applied at the one in use.
                if let Some((r, style)) = role_style(role, spec, theme.depth, say)
                    && n == depth_name
                {
                    theme.set(r, style);
                }
            }
        } else if let Some((r, style)) = role_style(name, value, theme.depth, say) {
            theme.set(r, style);
        }
    }
}

const DEPTHS: &[&str] = &["truecolor", "ansi256", "ansi16", "mono"];

/// A role's style from `{ fg, bg, modifiers }` (fg and bg left out at the mono depth).
fn role_style(
    name: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    depth: Depth,
    say: &mut impl FnMut(usize, String),
) -> Option<(Role, Style)> {
    let Some(role) = Role::from_name(name.get_ref()) else {
        say(
            name.span().start,
            format!(
                "unknown role {:?} (the roles of theme.toml)",
                name.get_ref().as_ref()
            ),
        );
        return None;
    };
    let Some(spec) = value.get_ref().as_table() else {
        say(
            value.span().start,
            format!("{} must be {{ fg, bg, modifiers }}", name.get_ref()),
        );
        return None;
    };
    let mut style = Style::default();
    let mut ok = true;
    for (field, v) in spec {
        let at = v.span().start;
        match field.get_ref().as_ref() {
            f @ ("fg" | "bg") => {
                let color = match v.get_ref() {
                    DeValue::String(s) => super::theme::color_named(s),
                    DeValue::Integer(i) => i
                        .as_str()
                        .parse::<u8>()
                        .ok()
                        .map(ratatui::style::Color::Indexed),
                    _ => None,
                };
                match color {
                    Some(c) if depth != Depth::Mono => {
                        style = if f == "fg" { style.fg(c) } else { style.bg(c) }
                    }
                    Some(_) => {}
                    None => {
                        let given = match v.get_ref() {
                            DeValue::String(s) => format!("{:?}", s.as_ref()),
                            DeValue::Integer(i) => i.as_str().to_string(),
                            _ => "that value".to_string(),
                        };
                        say(
                            at,
                            format!(
                                "{}: cannot read the colour {f} {given} (a name, #rrggbb or 0-255)",
                                name.get_ref()
                            ),
                        );
                        ok = false;
                    }
                }
            }
            "modifiers" => {
                let Some(list) = v.get_ref().as_array() else {
                    say(at, format!("{}: modifiers must be a list", name.get_ref()));
                    ok = false;
                    continue;
                };
                for m in list.iter() {
                    match m.get_ref().as_str().and_then(super::theme::modifier_named) {
                        Some(m) => style = style.add_modifier(m),
                        None => {
                            let given = m
                                .get_ref()
                                .as_str()
                                .map_or_else(|| "that value".to_string(), |x| format!("{x:?}"));
                            say(
                                m.span().start,
                                format!("{}: unknown modifier {given}", name.get_ref()),
                            );
                            ok = false;
                        }
                    }
                }
            }
            other => {
                say(
                    field.span().start,
                    format!("{}: unknown field {other:?}", name.get_ref()),
                );
                ok = false;
            }
        }
    }
    ok.then_some((role, style))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn bindings_and_styles_merge_over_the_defaults() {
        let mut km = Keymap::default_map();
        let mut theme = Theme::new(Depth::Ansi256);
        let src = "[keys.global]\n\"/\" = \"none\"\n\"S\" = \"search\"\n[keys.reader]\n\"x\" = \"copy\"\n\
                   [theme]\nsearch = { fg = \"black\", bg = 11, modifiers = [\"bold\"] }\n\
                   [theme.mono]\nmark = { modifiers = [\"underlined\"] }\n";
        let problems = apply(src, "c.toml", &mut km, &mut theme);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(km.lookup(Mode::Library, &key('S')), Some(Command::Search));
        assert_eq!(km.lookup(Mode::Library, &key('/')), None);
        assert_eq!(km.lookup(Mode::Reader, &key('x')), Some(Command::Copy));
        // What the config does not name keeps its default.
        assert_eq!(km.lookup(Mode::Reader, &key('j')), Some(Command::Down));
        let s = theme.style(Role::Search);
        assert_eq!(s.fg, Some(ratatui::style::Color::Black));
        assert_eq!(s.bg, Some(ratatui::style::Color::Indexed(11)));
        // [theme.mono] is for the mono depth only.
        assert_eq!(
            theme.style(Role::Mark),
            Theme::new(Depth::Ansi256).style(Role::Mark)
        );
        let mut mono = Theme::new(Depth::Mono);
        apply(src, "c.toml", &mut Keymap::default_map(), &mut mono);
        assert!(
            mono.style(Role::Mark)
                .add_modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        );
        assert_eq!(
            mono.style(Role::Search).fg,
            None,
            "no colour without colour"
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line_and_the_rest_applies() {
        let mut km = Keymap::default_map();
        let mut theme = Theme::new(Depth::Ansi256);
        let src = "[keys.reader]\n\"j\" = \"fly\"\n\"ctrl-jj\" = \"up\"\n\"z\" = \"top\"\n\
                   [keys.nowhere]\n\"a\" = \"up\"\n[theme]\nglow = { fg = \"red\" }\n\
                   key = { fg = \"no-such-colour\" }\ntitle = { modifiers = [\"blink-ish\"] }\n\
                   text = { fg = \"red\" }\n[colours]\nx = 1\n";
        let problems = apply(src, "c.toml", &mut km, &mut theme);
        let find = |what: &str| {
            problems
                .iter()
                .find(|p| p.contains(what))
                .unwrap_or_else(|| panic!("{what}: {problems:?}"))
                .clone()
        };
        assert!(find("unknown action \"fly\"").contains("line 2"));
        assert!(find("cannot read key \"ctrl-jj\"").contains("line 3"));
        assert!(find("unknown mode [keys.nowhere]").contains("line 5"));
        assert!(find("unknown role \"glow\"").contains("line 8"));
        assert!(find("cannot read the colour fg").contains("line 9"));
        assert!(find("unknown modifier").contains("line 10"));
        assert!(find("unknown table [colours]").contains("line 12"));
        assert!(
            problems
                .iter()
                .all(|p| p.starts_with("config c.toml line "))
        );
        assert_eq!(problems.len(), 7, "{problems:?}");
        // In the file's order, naming what could not be read.
        let lines: Vec<usize> = problems
            .iter()
            .filter_map(|p| p.split("line ").nth(1)?.split(':').next()?.parse().ok())
            .collect();
        assert_eq!(lines, vec![2, 3, 5, 8, 9, 10, 12], "{problems:?}");
        assert!(find("cannot read the colour fg").contains("\"no-such-colour\""));
        assert!(find("unknown modifier").contains("\"blink-ish\""));
        // The good lines applied; the bad ones left the defaults.
        assert_eq!(km.lookup(Mode::Reader, &key('z')), Some(Command::Top));
        assert_eq!(km.lookup(Mode::Reader, &key('j')), Some(Command::Down));
        assert_eq!(theme.style(Role::Text).fg, Some(ratatui::style::Color::Red));
        assert_eq!(
            theme.style(Role::Key),
            Theme::new(Depth::Ansi256).style(Role::Key)
        );
    }

    #[test]
    fn a_syntax_error_is_reported_and_what_parsed_applies() {
        let mut km = Keymap::default_map();
        let mut theme = Theme::new(Depth::Ansi256);
        let src = "[keys.reader]\n\"z\" = \"top\"\n\"y\" = \n";
        let problems = apply(src, "c.toml", &mut km, &mut theme);
        assert!(!problems.is_empty());
        assert!(
            problems.iter().all(|p| p.contains("line 3")),
            "{problems:?}"
        );
        assert_eq!(km.lookup(Mode::Reader, &key('z')), Some(Command::Top));
    }
}
