//! Finding and reading the reader's config file (`--config PATH`, else
//! `$XDG_CONFIG_HOME/parallax/config.toml`, else `~/.config/parallax/config.toml`); the reader
//! applies it (`tui::config`). A missing `--config` file is an error naming it; a missing
//! default file is no config, silently; any other problem with the default file is a message
//! in the reader.

use std::io::Read;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "config.toml";
/// Largest config file read.
const MAX_BYTES: u64 = 1 << 20;

/// The default config file: beside the urls file.
pub fn default_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    crate::engine::fetch::subscriptions::default_path(env).map(|p| p.with_file_name(FILE_NAME))
}

/// What the reader gets: the config (its name for messages, its text), and problems.
#[derive(Debug, Default)]
pub struct Found {
    pub config: Option<(String, String)>,
    pub problems: Vec<String>,
}

fn read(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(std::io::Error::other("larger than 1 MiB"));
    }
    String::from_utf8(bytes).map_err(|_| std::io::Error::other("not UTF-8 text"))
}

/// `--config PATH` (an error when it cannot be read), else the default file.
pub fn find(flag: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Result<Found, String> {
    let name = crate::engine::sanitize::shown_path;
    if let Some(p) = flag {
        return match read(p) {
            Ok(src) => Ok(Found {
                config: Some((name(p), src)),
                problems: Vec::new(),
            }),
            Err(e) => Err(format!(
                "cannot read the config file {}: {}",
                name(p),
                crate::engine::load::read::reason(&e)
            )),
        };
    }
    let Some(p) = default_path(env) else {
        return Ok(Found::default());
    };
    Ok(match read(&p) {
        Ok(src) => Found {
            config: Some((name(&p), src)),
            problems: Vec::new(),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Found::default(),
        Err(e) => Found {
            config: None,
            problems: vec![format!(
                "config {}: cannot read it: {}",
                name(&p),
                crate::engine::load::read::reason(&e)
            )],
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_default_is_silent_a_missing_flag_file_is_an_error() {
        let env = |k: &str| (k == "XDG_CONFIG_HOME").then(|| "/nonexistent-parallax".to_string());
        let found = find(None, &env).unwrap();
        assert!(found.config.is_none() && found.problems.is_empty());
        let err = find(Some(Path::new("/nonexistent-parallax/my.toml")), &env).unwrap_err();
        assert!(err.contains("/nonexistent-parallax/my.toml"), "{err}");
        assert_eq!(
            default_path(&env),
            Some(PathBuf::from("/nonexistent-parallax/parallax/config.toml"))
        );
    }
}
