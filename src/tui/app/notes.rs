//! Notes' part of [`App`]: `m` / `M` mark the item at hand checked / doubtful (the same key
//! again unmarks it), `a` opens the status line's prompt on its note (Enter keeps it), and
//! `prepare` works out what each view on screen marks. The item: the reading pane's current
//! sentence (the search hit, the marked mention, else the top of the pane), the compare
//! view's row, the story screen's claim or discrepancy. See [`crate::tui::notes`].

use super::App;
use crate::engine::text::truncate;
use crate::notes::{Mark, Note, Notes, Target};
use crate::tui::action::{Command, Effect};
use crate::tui::keymap::Mode;
use crate::tui::notes::{self, NotesState};

impl App {
    /// Uses `notes` (read by the caller from the notes file).
    pub fn set_notes(&mut self, notes: Notes) {
        self.notes = NotesState::new(notes);
        self.prepare();
    }

    /// Reads the notes file at `path`; a problem with it goes to the messages popup (the file
    /// is never overwritten then: a corrupt one is kept aside, see [`Notes::open`]).
    pub fn open_notes(&mut self, path: std::path::PathBuf) {
        let (notes, problem) = Notes::open(path);
        self.set_notes(notes);
        self.model.messages.extend(problem);
    }

    /// The item a note made now is for, or why there is none.
    fn note_target(&self, mode: Mode) -> Result<Target, &'static str> {
        match mode {
            Mode::Compare => self
                .compare
                .as_ref()
                .and_then(notes::row_target)
                .ok_or("nothing to mark here yet"),
            Mode::Story => notes::story_target(&self.story_view, &self.model)
                .ok_or("m, M and a mark a claim (2) or a discrepancy (5)"),
            Mode::Reader => self
                .reader
                .open
                .and_then(|i| notes::reader_target(&self.model, i, self.copy_offset(i)))
                .ok_or("nothing to mark here"),
            _ => Err("open a report (Enter) to mark its sentences"),
        }
    }

    /// `m`, `M`, `a` in the view `mode`.
    pub(super) fn note_command(&mut self, mode: Mode, c: Command) -> Option<Effect> {
        let t = match self.note_target(mode) {
            Ok(t) => t,
            Err(why) => return Some(Effect::Notice(why.to_string())),
        };
        let what = t.made_on;
        let quoted = format!("\u{201c}{}\u{201d}", truncate(&t.sentence, 40));
        let mark = match c {
            Command::MarkChecked => Mark::Checked,
            Command::MarkDoubtful => Mark::Doubtful,
            _ => {
                let text = self
                    .notes
                    .notes
                    .get(&t.report, &t.sentence_key)
                    .map(|n| n.note.clone())
                    .unwrap_or_default();
                self.notes.pending = Some(t);
                self.prompt.open_note(&text);
                return None;
            }
        };
        let mut now = None;
        let saved = self.notes.notes.set(&t, |old| {
            let mut n = old.unwrap_or_else(|| blank(what));
            n.mark = if n.mark == Some(mark) {
                None
            } else {
                Some(mark)
            };
            now = n.mark;
            Some(n)
        });
        let done = match now {
            Some(m) => format!("{what} marked {}: {quoted}", m.name()),
            None => format!("{what} unmarked: {quoted}"),
        };
        Some(Effect::Notice(self.saved(saved, done)))
    }

    /// Enter in the note prompt: keeps `text` as the note of the item it was opened for.
    pub(super) fn save_note(&mut self, text: &str) -> Option<Effect> {
        let t = self.notes.pending.take()?;
        let what = t.made_on;
        let text = text.trim().to_string();
        let removed = text.is_empty();
        let saved = self.notes.notes.set(&t, |old| {
            let mut n = old.unwrap_or_else(|| blank(what));
            n.note = text;
            Some(n)
        });
        let done = if removed {
            format!("note on the {what} removed")
        } else {
            format!("note kept on the {what}")
        };
        Some(Effect::Notice(self.saved(saved, done)))
    }

    /// The status line's answer; a failure to save also goes to the messages popup.
    fn saved(&mut self, saved: Result<(), String>, done: String) -> String {
        match saved {
            Ok(()) => done,
            Err(e) => {
                self.model.messages.push(e.clone());
                format!("NOT SAVED (! messages): {done}")
            }
        }
    }

    /// What the views on screen mark.
    pub(super) fn prepare_notes(&mut self) {
        let story = self
            .story_view
            .open
            .then(|| self.story_view.story(&self.model))
            .flatten()
            .map(|(_, m, members)| (m.clone(), members.to_vec()));
        self.notes.prepare(
            &self.model,
            self.reader.open,
            self.compare.as_ref(),
            story.as_ref().map(|(m, members)| (&**m, &members[..])),
        );
    }

    /// True when the open report has notes (the reading pane shows their column).
    pub(super) fn open_has_notes(&self) -> bool {
        self.reader
            .open
            .and_then(|i| self.model.article(i))
            .is_some_and(|a| self.notes.notes.report(a.content_key()).is_some())
    }
}

fn blank(what: &str) -> Note {
    Note {
        sentence: String::new(),
        at: 0,
        mark: None,
        note: String::new(),
        made_on: what.to_string(),
        updated: 0,
    }
}
