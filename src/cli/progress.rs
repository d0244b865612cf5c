//! Progress of URL inputs on stderr: one line rewritten in place (`fetching 2/5: host/page`),
//! only when stderr is a terminal; cleared when done. Nothing is written to a pipe or file,
//! where each failure is still reported on its own line.

use crate::engine::sanitize::sanitize_line;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;

/// The line's width at most (so it never wraps on a narrow terminal, and `\r` returns to it).
const WIDTH: usize = 72;

pub(crate) struct StderrProgress {
    live: bool,
    state: Mutex<(usize, usize)>,
}

impl StderrProgress {
    /// Progress over `total` items; silent unless stderr is a terminal.
    pub(crate) fn new(total: usize) -> Self {
        StderrProgress {
            live: std::io::stderr().is_terminal(),
            state: Mutex::new((0, total)),
        }
    }

    /// Shows `what` (a URL) as being worked on.
    pub(crate) fn show(&self, verb: &str, what: &str) {
        if !self.live {
            return;
        }
        let (done, total) = self.state.lock().map(|s| *s).unwrap_or((0, 0));
        self.draw(&format!(
            "{verb} {}/{total}: {}",
            done + 1,
            sanitize_line(what)
        ));
    }

    /// One more item done.
    pub(crate) fn tick(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.0 += 1;
        }
    }

    pub(crate) fn clear(&self) {
        if self.live {
            self.draw("");
        }
    }

    fn draw(&self, text: &str) {
        use unicode_width::UnicodeWidthChar;
        let mut cut = String::new();
        let mut cols = 0;
        for c in text.chars() {
            cols += c.width().unwrap_or(0);
            if cols > WIDTH {
                break;
            }
            cut.push(c);
        }
        let pad = " ".repeat(WIDTH.saturating_sub(cols.min(WIDTH)));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{cut}{pad}\r");
        let _ = err.flush();
    }
}

impl Drop for StderrProgress {
    fn drop(&mut self) {
        self.clear();
    }
}
