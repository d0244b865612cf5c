//! The per-user directories of parallax (XDG base directories): `$XDG_CONFIG_HOME/parallax`
//! (the urls file, the config file) and `$XDG_DATA_HOME/parallax` (the store, the notes), each
//! under `$HOME` (`.config`, `.local/share`) when the variable is unset or not absolute. `env`
//! reads an environment variable (a parameter, for tests).

use std::path::{Path, PathBuf};

fn dir(env: &dyn Fn(&str) -> Option<String>, var: &str, home: &[&str]) -> Option<PathBuf> {
    let base = env(var)
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| home.iter().fold(PathBuf::from(h), |p, part| p.join(part)))
        })?;
    Some(base.join("parallax"))
}

/// `$XDG_CONFIG_HOME/parallax`, else `$HOME/.config/parallax`.
pub fn config(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    dir(env, "XDG_CONFIG_HOME", &[".config"])
}

/// `$XDG_DATA_HOME/parallax`, else `$HOME/.local/share/parallax`.
pub fn data(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    dir(env, "XDG_DATA_HOME", &[".local", "share"])
}
