//! Command-line paths → inputs, walking directories with bounds.
//!
//! A directory is followed at most once (by device and inode, so a `.` symlink or a loop of
//! links adds nothing), [`MAX_DEPTH`] levels deep at most, and a walk looks at no more than
//! [`MAX_ENTRIES`] entries and keeps [`MAX_FILES`] files; reaching a bound is reported. A file
//! reached twice through links is read once. Special files inside a directory (named pipes,
//! sockets, devices) are reported and never opened; named on the command line, a named pipe is
//! read (with a timeout, see [`super::read`]) and the others are refused. Standard input, or
//! one pipe, named twice is read once.

use super::read::{Kind, reason};
use super::{ARTICLE_EXTENSIONS, Input, LoadError};
use crate::engine::fetch;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How many directory levels below a named directory are read.
pub const MAX_DEPTH: usize = 32;
/// How many directory entries one expansion looks at.
pub const MAX_ENTRIES: usize = 200_000;
/// How many files one expansion keeps.
pub const MAX_FILES: usize = 100_000;

/// A file's identity: device and inode (`None` where the platform has none).
type Id = Option<(u64, u64)>;

fn id_of(meta: &std::fs::Metadata) -> Id {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Expands command-line paths into inputs: directories recursively (article extensions only,
/// sorted, hidden entries skipped), `-` as standard input. Problems are returned beside.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<LoadError>) {
    let mut w = Walker::default();
    for path in paths {
        if path.as_os_str() == "-" {
            w.stdin();
            continue;
        }
        // A URL (a scheme, and no file of that name): http(s) is fetched, others refused.
        if let Some(arg) = path.to_str().filter(|a| fetch::looks_like_url(a))
            && !path.exists()
        {
            match fetch::parse_http(arg) {
                Ok(url) => w.inputs.push(Input::Url(url.to_string())),
                Err(e) => w.problems.push(e.into()),
            }
            continue;
        }
        let label = crate::engine::sanitize::shown_path(path);
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match entry_of(path) {
                // `feed.atom#6`, as the reader and every output label a feed's entries.
                Some((file, index)) => w.inputs.push(Input::Entry { path: file, index }),
                None => w.problems.push(LoadError::NotFound { path: label }),
            },
            Err(e) => w.problems.push(LoadError::Io {
                path: label,
                reason: reason(&e),
            }),
            Ok(meta) if meta.is_dir() => {
                let (inputs, problems) = (w.inputs.len(), w.problems.len());
                w.budget_reported = false;
                if w.dirs.insert(id_of(&meta)) || id_of(&meta).is_none() {
                    w.walk(path, 0);
                }
                if w.inputs.len() == inputs && w.problems.len() == problems {
                    w.problems.push(LoadError::EmptyDir { path: label });
                }
            }
            Ok(meta) => match Kind::of(&meta.file_type()) {
                Kind::Regular => w.inputs.push(Input::File(path.clone())),
                Kind::Pipe => {
                    // A pipe can be read once: the same one named twice (`/dev/stdin` twice,
                    // or beside `-`) is read the first time only.
                    match w.once(id_of(&meta), &label) {
                        Some(first) => w.problems.push(LoadError::Duplicate { path: label, first }),
                        None => w.inputs.push(Input::File(path.clone())),
                    }
                }
                kind => w.problems.push(LoadError::NotRegular {
                    path: label,
                    what: kind.describe(),
                }),
            },
        }
    }
    (w.inputs, w.problems)
}

/// `FILE#N` (N from 1) when FILE is a regular file and `FILE#N` itself is not there.
fn entry_of(path: &Path) -> Option<(PathBuf, usize)> {
    let s = path.to_str()?;
    let (file, n) = s.rsplit_once('#')?;
    if n.is_empty() || n.len() > 9 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = n.parse().ok()?;
    let file = PathBuf::from(file);
    (n >= 1 && std::fs::metadata(&file).is_ok_and(|m| m.is_file())).then_some((file, n - 1))
}

#[derive(Default)]
struct Walker {
    inputs: Vec<Input>,
    problems: Vec<LoadError>,
    /// Directories already followed.
    dirs: HashSet<Id>,
    /// Files already kept from walks.
    files: HashSet<Id>,
    /// Pipes and terminals already read, with the name they were first given.
    streams: Vec<(Id, String)>,
    entries: usize,
    kept: usize,
    budget_reported: bool,
}

impl Walker {
    fn stdin(&mut self) {
        let id = std::fs::metadata("/dev/stdin").ok().and_then(|m| {
            let kind = Kind::of(&m.file_type());
            matches!(kind, Kind::Pipe | Kind::CharDevice)
                .then(|| id_of(&m))
                .flatten()
        });
        let seen = self
            .streams
            .iter()
            .find(|(i, name)| name == "stdin" || (id.is_some() && *i == id));
        match seen {
            Some((_, first)) => self.problems.push(LoadError::Duplicate {
                path: "-".into(),
                first: first.clone(),
            }),
            None => {
                self.streams.push((id, "stdin".into()));
                self.inputs.push(Input::Stdin);
            }
        }
    }

    /// `None` the first time a stream is named; the first name when it is named again.
    fn once(&mut self, id: Id, label: &str) -> Option<String> {
        if id.is_some()
            && let Some((_, first)) = self.streams.iter().find(|(i, _)| *i == id)
        {
            return Some(first.clone());
        }
        self.streams.push((id, label.to_string()));
        None
    }

    /// Reports a bound once per named directory.
    fn bound(&mut self, dir: &Path, reason: String) {
        if !self.budget_reported {
            self.budget_reported = true;
            self.problems.push(LoadError::Walk {
                path: crate::engine::sanitize::shown_path(dir),
                reason,
            });
        }
    }

    fn walk(&mut self, dir: &Path, depth: usize) {
        if depth > MAX_DEPTH {
            return self.bound(
                dir,
                format!("more than {MAX_DEPTH} directories deep; not read further"),
            );
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.problems.push(LoadError::Io {
                    path: crate::engine::sanitize::shown_path(dir),
                    reason: format!("cannot read the directory: {}", reason(&e)),
                });
                return;
            }
        };
        let mut list = Vec::new();
        for entry in entries {
            self.entries += 1;
            if self.entries > MAX_ENTRIES {
                self.bound(
                    dir,
                    format!("more than {MAX_ENTRIES} directory entries; the rest is not read"),
                );
                break;
            }
            let Ok(entry) = entry else { continue };
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            list.push(entry);
        }
        list.sort_by_key(|e| e.path());
        for entry in list {
            if self.kept >= MAX_FILES || self.entries > MAX_ENTRIES {
                if self.kept >= MAX_FILES {
                    self.bound(
                        dir,
                        format!("more than {MAX_FILES} files; the rest is not read"),
                    );
                }
                return;
            }
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            // Follow a symbolic link to what it names (a broken one is skipped).
            let meta = if ft.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(_) => continue,
                }
            } else {
                match entry.metadata() {
                    Ok(m) => m,
                    Err(_) => continue,
                }
            };
            let kind = Kind::of(&meta.file_type());
            if kind == Kind::Dir {
                if self.dirs.insert(id_of(&meta)) || id_of(&meta).is_none() {
                    self.walk(&path, depth + 1);
                }
                continue;
            }
            if !has_article_extension(&path) {
                continue;
            }
            if kind != Kind::Regular {
                self.problems.push(LoadError::NotRegular {
                    path: crate::engine::sanitize::shown_path(path),
                    what: kind.describe(),
                });
                continue;
            }
            if self.files.insert(id_of(&meta)) || id_of(&meta).is_none() {
                self.kept += 1;
                self.inputs.push(Input::File(path));
            }
        }
    }
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
