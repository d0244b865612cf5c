//! The reader's notes: a sentence of a report marked checked or doubtful, with a short note.
//!
//! Notes are kept by the report's CONTENT, not its name: under the SHA-256 of the article's
//! clean text ([`crate::engine::Article::content_key`]) and, within it, a hash of the
//! sentence's words ([`sentence_key`]), so a renamed or moved file keeps its notes and a note
//! shows wherever that sentence appears (reading pane, compare view, story screen).
//!
//! Where: `$XDG_DATA_HOME/parallax/notes.json` (else `~/.local/share/parallax/notes.json`), a
//! small JSON file rather than the SQLite store: the store keeps web articles by URL and a
//! note here must work for any file without importing it into the store. Every change is
//! written to a temporary file in the same directory and renamed over the old one (a crash
//! leaves the old file or the new one, never half of one), after reading the file again so
//! notes made meanwhile by another reader are kept. A file that cannot be parsed is never
//! overwritten: it is renamed aside (`notes.json.corrupt-<time>`) and the error says where.

pub mod export;

use crate::engine::sanitize::shown_path;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "notes.json";
/// The format written (`"parallax_notes"` in the file).
pub const FORMAT: u32 = 1;
/// Longest note kept, in characters.
pub const MAX_NOTE: usize = 500;
/// Largest notes file read (a bigger one is refused, not read into memory).
pub const MAX_FILE: u64 = 64 << 20;

/// How a sentence was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Checked,
    Doubtful,
}

impl Mark {
    pub fn name(self) -> &'static str {
        match self {
            Mark::Checked => "checked",
            Mark::Doubtful => "doubtful",
        }
    }
}

/// What a view shows for a noted item: the strongest of its sentences' notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Badge {
    /// A note without a mark.
    Noted,
    Checked,
    Doubtful,
}

impl Badge {
    /// The glyph (the ASCII mode draws `C`, `D`, `N` for them).
    pub fn symbol(self) -> &'static str {
        match self {
            Badge::Checked => "✔",
            Badge::Doubtful => "‽",
            Badge::Noted => "✎",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Badge::Checked => "checked",
            Badge::Doubtful => "doubtful",
            Badge::Noted => "note",
        }
    }
}

/// One sentence's note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The sentence as it read (sanitized, on one line).
    pub sentence: String,
    /// Its byte offset in the report's text (to list notes in reading order).
    #[serde(default)]
    pub at: usize,
    #[serde(default)]
    pub mark: Option<Mark>,
    #[serde(default)]
    pub note: String,
    /// What it was made on: `sentence`, `row`, `claim`, `discrepancy`.
    #[serde(default)]
    pub made_on: String,
    /// Unix seconds of the last change.
    #[serde(default)]
    pub updated: i64,
}

impl Note {
    pub fn badge(&self) -> Badge {
        match self.mark {
            Some(Mark::Checked) => Badge::Checked,
            Some(Mark::Doubtful) => Badge::Doubtful,
            None => Badge::Noted,
        }
    }
    fn is_empty(&self) -> bool {
        self.mark.is_none() && self.note.trim().is_empty()
    }
}

/// One report's notes and where it was last seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportNotes {
    pub outlet: String,
    pub title: String,
    /// The path or URL it was last read from.
    pub source: String,
    #[serde(default)]
    pub url: Option<String>,
    /// By [`sentence_key`].
    pub notes: BTreeMap<String, Note>,
}

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesFile {
    pub parallax_notes: u32,
    /// By [`crate::engine::Article::content_key`].
    pub reports: BTreeMap<String, ReportNotes>,
}

impl Default for NotesFile {
    fn default() -> Self {
        NotesFile {
            parallax_notes: FORMAT,
            reports: BTreeMap::new(),
        }
    }
}

/// The item a note is for: a report (by content) and one of its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub report: String,
    pub outlet: String,
    pub title: String,
    pub source: String,
    pub url: Option<String>,
    pub sentence_key: String,
    pub sentence: String,
    pub at: usize,
    pub made_on: &'static str,
}

impl Target {
    /// The sentence at `span` of `a`, as a note's target.
    pub fn new(
        a: &crate::engine::Article,
        span: crate::engine::Span,
        made_on: &'static str,
    ) -> Target {
        use crate::engine::sanitize::sanitize_line;
        let sentence = one_line(&sanitize_line(a.slice(span)));
        Target {
            report: a.content_key().to_string(),
            outlet: sanitize_line(&a.outlet_label()),
            title: sanitize_line(&a.title),
            source: a.source.label(),
            url: a.meta.url.as_deref().map(sanitize_line),
            sentence_key: sentence_key(&sentence),
            sentence,
            at: span.start,
            made_on,
        }
    }
}

/// The words of `s` joined by single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sentence's identity within its report: a hash of its words (so line breaks and spacing
/// do not matter), 16 hex digits.
pub fn sentence_key(sentence: &str) -> String {
    let hex = crate::engine::fetch::sha256_hex(one_line(sentence).as_bytes());
    hex[..16].to_string()
}

/// Where the notes file is: `$XDG_DATA_HOME/parallax/notes.json`, else
/// `$HOME/.local/share/parallax/notes.json`. `env` reads a variable (a parameter, for tests).
pub fn location(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    Some(crate::engine::dirs::data(env)?.join(FILE_NAME))
}

/// The notes, as read from their file (or none, kept in memory only).
#[derive(Debug, Clone, Default)]
pub struct Notes {
    path: Option<PathBuf>,
    pub data: NotesFile,
    /// False when the file could not be read: nothing is written over it.
    writable: bool,
}

/// Reads and parses the notes file; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<NotesFile>, ReadError> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadError::Unreadable(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(ReadError::Unreadable(format!(
            "larger than {} MiB",
            MAX_FILE >> 20
        )));
    }
    let data: NotesFile =
        serde_json::from_slice(&bytes).map_err(|e| ReadError::Corrupt(e.to_string()))?;
    if data.parallax_notes > FORMAT {
        return Err(ReadError::Unreadable(format!(
            "written by a newer parallax (format {})",
            data.parallax_notes
        )));
    }
    Ok(Some(data))
}

/// Why the notes file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// It could not be read (permissions, too large, a newer format): left alone.
    Unreadable(String),
    /// It is not a notes file (bad JSON): kept aside.
    Corrupt(String),
}

impl Notes {
    /// Notes that are not kept anywhere (tests, or no data directory).
    pub fn in_memory() -> Notes {
        Notes {
            path: None,
            data: NotesFile::default(),
            writable: true,
        }
    }

    /// Opens the notes file at `path` (a missing one is no notes yet). A problem comes back as
    /// a message for the reader's messages popup, with the notes that could be kept.
    pub fn open(path: PathBuf) -> (Notes, Option<String>) {
        // Empty notes kept at `path`, saved there or not.
        let fresh = |path: PathBuf, writable: bool| Notes {
            path: Some(path),
            data: NotesFile::default(),
            writable,
        };
        match read(&path) {
            Ok(data) => (
                Notes {
                    data: data.unwrap_or_default(),
                    ..fresh(path, true)
                },
                None,
            ),
            Err(ReadError::Unreadable(why)) => {
                let msg = format!(
                    "notes: cannot read {}: {why}; notes made now are not saved",
                    shown_path(&path)
                );
                (fresh(path, false), Some(msg))
            }
            Err(ReadError::Corrupt(why)) => {
                let aside = aside_name(&path);
                let (writable, msg) = match std::fs::rename(&path, &aside) {
                    Ok(()) => (
                        true,
                        format!(
                            "notes: {} is not a notes file ({why}); kept it as {} and started \
                             a new one",
                            shown_path(&path),
                            shown_path(&aside)
                        ),
                    ),
                    Err(e) => (
                        false,
                        format!(
                            "notes: {} is not a notes file ({why}) and could not be moved \
                             aside ({e}); notes made now are not saved",
                            shown_path(&path)
                        ),
                    ),
                };
                (fresh(path, writable), Some(msg))
            }
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn report(&self, key: &str) -> Option<&ReportNotes> {
        self.data.reports.get(key)
    }

    pub fn get(&self, report: &str, sentence_key: &str) -> Option<&Note> {
        self.report(report)?.notes.get(sentence_key)
    }

    pub fn is_empty(&self) -> bool {
        self.data.reports.is_empty()
    }

    /// Changes the note of `t` (`change` gets the current one, returns the new one; `None` or
    /// an empty note removes it), and saves. The change is kept in memory even when saving
    /// fails; the error says why.
    pub fn set(
        &mut self,
        t: &Target,
        change: impl FnOnce(Option<Note>) -> Option<Note>,
    ) -> Result<(), String> {
        // What is on disk now (another reader may have written), unless it cannot be read.
        let mut fresh = None;
        if let (Some(path), true) = (&self.path, self.writable)
            && let Ok(Some(data)) = read(path)
        {
            fresh = Some(data);
        }
        let apply = |data: &mut NotesFile| {
            let entry = data.reports.entry(t.report.clone()).or_default();
            entry.outlet = t.outlet.clone();
            entry.title = t.title.clone();
            entry.source = t.source.clone();
            entry.url = t.url.clone();
            let old = entry.notes.remove(&t.sentence_key);
            let new = change(old).filter(|n| !n.is_empty());
            if let Some(mut n) = new {
                n.sentence = t.sentence.clone();
                n.at = t.at;
                n.note = n.note.chars().take(MAX_NOTE).collect();
                n.updated = crate::store::time::now();
                entry.notes.insert(t.sentence_key.clone(), n);
            }
            if entry.notes.is_empty() {
                data.reports.remove(&t.report);
            }
        };
        match fresh {
            Some(mut data) => {
                apply(&mut data);
                self.data = data;
            }
            None => apply(&mut self.data),
        }
        self.save()
    }

    /// Writes the notes: a temporary file beside the notes file, then renamed over it.
    fn save(&self) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if !self.writable {
            return Err(format!(
                "notes not saved: {} could not be read, so it is left as it is",
                shown_path(path)
            ));
        }
        let fail = |e: std::io::Error| format!("notes not saved to {}: {e}", shown_path(path));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let json = serde_json::to_string_pretty(&self.data).map_err(|e| e.to_string())?;
        let tmp = path.with_extension(format!("json.tmp-{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(json.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
    }
}

/// Where a corrupt notes file is kept: `notes.json.corrupt-<unix time>` (numbered when taken).
fn aside_name(path: &Path) -> PathBuf {
    let stamp = crate::store::time::now();
    let name = path
        .file_name()
        .map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
    let mut k = 0;
    loop {
        let suffix = if k == 0 {
            format!("{name}.corrupt-{stamp}")
        } else {
            format!("{name}.corrupt-{stamp}-{k}")
        };
        let p = path.with_file_name(suffix);
        if !p.exists() || k >= 100 {
            return p;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(report: &str, sentence: &str) -> Target {
        Target {
            report: report.into(),
            outlet: "Outlet".into(),
            title: "Title".into(),
            source: "a.txt".into(),
            url: None,
            sentence_key: sentence_key(sentence),
            sentence: sentence.into(),
            at: 0,
            made_on: "sentence",
        }
    }

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("parallax-notes-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("parallax").join(FILE_NAME)
    }

    #[test]
    fn sentence_keys_ignore_spacing() {
        assert_eq!(
            sentence_key("The  council\nmet."),
            sentence_key("The council met.")
        );
        assert_ne!(
            sentence_key("The council met."),
            sentence_key("The council met!")
        );
    }

    #[test]
    fn notes_are_saved_atomically_and_merged_with_the_file() {
        let path = temp("merge");
        let (mut a, err) = Notes::open(path.clone());
        assert!(err.is_none());
        let t = target("r1", "One.");
        a.set(&t, |_| {
            Some(Note {
                sentence: String::new(),
                at: 0,
                mark: Some(Mark::Checked),
                note: "ok".into(),
                made_on: "sentence".into(),
                updated: 0,
            })
        })
        .unwrap();
        // A second reader adds its own; the first one's note is kept.
        let (mut b, _) = Notes::open(path.clone());
        assert_eq!(b.get("r1", &t.sentence_key).unwrap().note, "ok");
        let u = target("r2", "Two.");
        b.set(&u, |_| {
            Some(Note {
                sentence: String::new(),
                at: 0,
                mark: Some(Mark::Doubtful),
                note: String::new(),
                made_on: "sentence".into(),
                updated: 0,
            })
        })
        .unwrap();
        a.set(&t, |n| {
            n.map(|n| Note {
                note: "ok!".into(),
                ..n
            })
        })
        .unwrap();
        let (c, _) = Notes::open(path.clone());
        assert_eq!(c.get("r1", &t.sentence_key).unwrap().note, "ok!");
        assert_eq!(
            c.get("r2", &u.sentence_key).unwrap().mark,
            Some(Mark::Doubtful)
        );
        // Removing the last note of a report removes the report.
        let (mut d, _) = Notes::open(path.clone());
        d.set(&u, |_| None).unwrap();
        assert!(d.report("r2").is_none());
        let dir = path.parent().unwrap();
        let left: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_never_overwritten() {
        let path = temp("corrupt");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"{\"parallax_notes\": 1, \"reports\": {").unwrap();
        let (mut n, err) = Notes::open(path.clone());
        let err = err.expect("an error");
        assert!(
            err.contains("notes.json") && err.contains("corrupt-"),
            "{err}"
        );
        let dir = path.parent().unwrap();
        let aside: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(aside[0].path()).unwrap(),
            b"{\"parallax_notes\": 1, \"reports\": {"
        );
        n.set(&target("r", "S."), |_| {
            Some(Note {
                sentence: String::new(),
                at: 0,
                mark: Some(Mark::Checked),
                note: String::new(),
                made_on: "sentence".into(),
                updated: 0,
            })
        })
        .unwrap();
        assert!(read(&path).unwrap().is_some());
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }

    #[test]
    fn location_follows_xdg() {
        let env = |k: &str| match k {
            "XDG_DATA_HOME" => Some("/data".to_string()),
            "HOME" => Some("/home/u".to_string()),
            _ => None,
        };
        assert_eq!(
            location(&env),
            Some(PathBuf::from("/data/parallax/notes.json"))
        );
        let home = |k: &str| (k == "HOME").then(|| "/home/u".to_string());
        assert_eq!(
            location(&home),
            Some(PathBuf::from("/home/u/.local/share/parallax/notes.json"))
        );
    }
}
