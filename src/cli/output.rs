//! Writing script output: stdout through a buffer and a last sanitizing guard, JSON pretty
//! with every string cleaned, messages on stderr that can never fail the program, and a
//! closed pipe (`| head -1`) that ends it quietly with status 0.
//!
//! Everything printed has been sanitized where it was made (the loaders, `sanitize_line` on
//! labels); the guards here make sure of it for every subcommand at once: [`SafeWriter`]
//! replaces any control, C1 or bidi character still in the text with U+FFFD, and
//! [`write_json`] does the same to every string of a JSON value before it is serialized (so a
//! script decoding `\u001b` gets nothing either).

use crate::engine::sanitize::{is_unsafe, sanitize};
use std::io::Write;
use std::process::ExitCode;

const REPLACEMENT: &str = "\u{FFFD}";

/// A writer that lets no unsafe character through (see the module docs). Text arrives as
/// UTF-8 from `write!`; a sequence split across two writes is held until it is whole.
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let mut rest = bytes;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.emit_str(s)?;
                    rest = &[];
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.emit_str(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        Some(n) => {
                            self.inner.write_all(REPLACEMENT.as_bytes())?;
                            rest = &bad[n..];
                        }
                        None => {
                            // An incomplete sequence at the end: wait for the next write.
                            self.pending.extend_from_slice(bad);
                            rest = &[];
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn emit_str(&mut self, s: &str) -> std::io::Result<()> {
        if !has_unsafe(s) {
            return self.inner.write_all(s.as_bytes());
        }
        let clean: String = s
            .chars()
            .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
            .collect();
        self.inner.write_all(clean.as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            self.emit(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            self.emit(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            self.pending.clear();
            self.inner.write_all(REPLACEMENT.as_bytes())?;
        }
        self.inner.flush()
    }
}

/// Whether `s` has an unsafe character ([`is_unsafe`]). The output is mostly ASCII (JSON
/// punctuation, figures, keys): see [`crate::engine::sanitize::has_unsafe`].
fn has_unsafe(s: &str) -> bool {
    crate::engine::sanitize::has_unsafe(s)
}

/// True for the error a closed pipe gives (the reader of `| head -1` went away).
pub fn is_closed_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

/// Writes script output to stdout through [`SafeWriter`]; a closed pipe is not an error.
pub(crate) fn write_stdout(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = SafeWriter::new(std::io::BufWriter::new(stdout.lock()));
    match f(&mut out).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            warn(&format!("writing output: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Pretty JSON and a final newline, every string (and key) cleaned. Serialized straight to
/// memory (no `serde_json::Value` copy of the data), then [`clean_json_bytes`] replaces what
/// [`clean_json`] would have: a closed pipe is the writer's `BrokenPipe`, not a serializer
/// error.
pub(crate) fn write_json(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    write_json_bytes(out, serde_json::to_vec_pretty(value))
}

/// [`write_json`] of JSON already serialized (pretty), in pieces that break no string (each
/// is cleaned and written as it is: a long pair's megabytes are never gathered in one buffer).
pub(crate) fn write_json_pieces(
    out: &mut dyn Write,
    pieces: serde_json::Result<Vec<Vec<u8>>>,
) -> std::io::Result<()> {
    for piece in pieces.map_err(std::io::Error::other)? {
        out.write_all(&clean_json_bytes(piece))?;
    }
    out.write_all(b"\n")
}

/// [`write_json`] of JSON already serialized (pretty).
fn write_json_bytes(
    out: &mut dyn Write,
    bytes: serde_json::Result<Vec<u8>>,
) -> std::io::Result<()> {
    let mut bytes = clean_json_bytes(bytes.map_err(std::io::Error::other)?);
    bytes.push(b'\n');
    out.write_all(&bytes)
}

/// Serialized JSON with every unsafe character of its strings and keys replaced by U+FFFD,
/// as [`clean_json`] does to a value before it is serialized: an escape (`\u001b`, `\r`,
/// ...) of an unsafe character becomes the replacement character itself, and so does an
/// unsafe character written as it is (C1, bidi controls). In serialized JSON a backslash
/// occurs only inside strings, starting an escape, so one pass over the bytes finds them all.
pub fn clean_json_bytes(bytes: Vec<u8>) -> Vec<u8> {
    let escaped_unsafe = |s: &[u8]| -> Option<usize> {
        // The length of the escape at the start of `s` when it stands for an unsafe char.
        let c = match s.get(1)? {
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'u' => {
                let hex = std::str::from_utf8(s.get(2..6)?).ok()?;
                char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
            }
            _ => return None,
        };
        is_unsafe(c).then_some(if s[1] == b'u' { 6 } else { 2 })
    };
    // serde_json writes UTF-8: the lossy conversion is for the impossible case only.
    let unsafe_in = |b: &[u8]| match std::str::from_utf8(b) {
        Ok(t) => has_unsafe(t),
        Err(_) => has_unsafe(&String::from_utf8_lossy(b)),
    };
    let has_escape = bytes.contains(&b'\\');
    if !has_escape && !unsafe_in(&bytes) {
        return bytes;
    }
    // Escapes of unsafe characters are rare: copy runs up to each backslash whole.
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let Some(k) = bytes[i..].iter().position(|&b| b == b'\\') else {
            out.extend_from_slice(&bytes[i..]);
            break;
        };
        out.extend_from_slice(&bytes[i..i + k]);
        i += k;
        match escaped_unsafe(&bytes[i..]) {
            Some(n) => {
                out.extend_from_slice(REPLACEMENT.as_bytes());
                i += n;
            }
            None => {
                // Any other escape (`\\`, `\"`, `\n`, `\t`) is kept whole.
                out.extend_from_slice(&bytes[i..(i + 2).min(bytes.len())]);
                i += 2;
            }
        }
    }
    if !unsafe_in(&out) {
        return out;
    }
    let text = String::from_utf8_lossy(&out);
    text.chars()
        .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
        .collect::<String>()
        .into_bytes()
}

/// [`write_json`] of a value already built (no copy of it is made).
pub(crate) fn write_json_value(
    out: &mut dyn Write,
    mut value: serde_json::Value,
) -> std::io::Result<()> {
    clean_json(&mut value);
    let mut bytes = serde_json::to_vec_pretty(&value).map_err(std::io::Error::other)?;
    // A story's JSON is a tree of a million small allocations and the process ends after
    // writing it: freeing them one by one costs more than building them.
    std::mem::forget(value);
    bytes.push(b'\n');
    out.write_all(&bytes)
}

/// Replaces unsafe characters in every string of `v` (see the module docs).
pub fn clean_json(v: &mut serde_json::Value) {
    use serde_json::Value;
    let fix = |s: &str| -> Option<String> {
        s.chars().any(is_unsafe).then(|| {
            s.chars()
                .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
                .collect()
        })
    };
    match v {
        Value::String(s) => {
            if let Some(clean) = fix(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean_json),
        Value::Object(map) => {
            if map.keys().any(|k| k.chars().any(is_unsafe)) {
                let old = std::mem::take(map);
                for (k, mut item) in old {
                    clean_json(&mut item);
                    map.insert(fix(&k).unwrap_or(k), item);
                }
            } else {
                map.values_mut().for_each(clean_json);
            }
        }
        _ => {}
    }
}

/// A message on stderr as `parallax: …`, sanitized; a closed or failing stderr is ignored
/// (a message must never end the program, as `eprintln!` would by panicking).
pub fn warn(msg: &str) {
    let (clean, _, _) = sanitize(msg);
    let line: String = clean
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let _ = writeln!(std::io::stderr().lock(), "parallax: {line}");
}

/// Text for stderr or stdout as it is (several lines, indentation kept), sanitized; errors
/// ignored. For clap's messages, which quote the arguments.
pub fn print_block(text: &str, to_stdout: bool) {
    let (clean, _, _) = sanitize(text);
    let _ = if to_stdout {
        std::io::stdout().lock().write_all(clean.as_bytes())
    } else {
        std::io::stderr().lock().write_all(clean.as_bytes())
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_writer_replaces_and_joins_split_sequences() {
        let mut w = SafeWriter::new(Vec::new());
        w.write_all(b"a\x1b[2Jb ").unwrap();
        let c1 = "\u{9b}".as_bytes();
        w.write_all(&c1[..1]).unwrap();
        w.write_all(&c1[1..]).unwrap();
        w.write_all("é\u{202e}\n\tok".as_bytes()).unwrap();
        w.flush().unwrap();
        let out = String::from_utf8(w.inner).unwrap();
        assert_eq!(out, "a\u{FFFD}[2Jb \u{FFFD}é\u{FFFD}\n\tok");
    }

    #[test]
    fn json_strings_and_keys_are_cleaned() {
        let mut v = serde_json::json!({"t\u{1b}": ["x\u{9b}y", {"z": "\u{202e}"}], "n": 1});
        clean_json(&mut v);
        let s = serde_json::to_string(&v).unwrap();
        assert!(!s.contains("\\u001b") && !s.contains('\u{9b}') && !s.contains('\u{202e}'));
        assert_eq!(v["n"], 1);
    }

    #[test]
    fn unsafe_characters_are_found_among_safe_ones() {
        for (s, want) in [
            ("plain ascii\n\tline", false),
            ("é “quoted” ü", false),
            ("é then \u{1b}[2J", true),
            ("ascii then \u{7f}", true),
            ("ünï \u{9b} c1", true),
            ("bidi \u{202e}", true),
            ("", false),
        ] {
            assert_eq!(has_unsafe(s), want, "{s:?}");
            assert_eq!(has_unsafe(s), s.chars().any(is_unsafe), "{s:?}");
        }
        // Windows of 64 bytes: characters across their edges, hits in later windows.
        let a = |n: usize| "a".repeat(n);
        for s in [
            format!("{}é{}", a(63), a(100)),
            format!("{}é{}\u{1b}", a(63), a(100)),
            format!("{}“{}\u{202e}{}", a(62), a(70), a(3)),
            format!("{}\u{9b}", a(127)),
            format!("{}ü{}\u{7f}", a(10), a(200)),
        ] {
            assert_eq!(has_unsafe(&s), s.chars().any(is_unsafe), "{s:?}");
        }
    }

    #[test]
    fn json_bytes_are_cleaned_as_values_are() {
        let v = serde_json::json!({
            "t\u{1b}": ["x\u{9b}y", {"z": "\u{202e}\r\u{7f}", "ok": "a\\u001b\\\"\n\t\u{0}"}],
            "n": 1,
        });
        let mut cleaned = v.clone();
        clean_json(&mut cleaned);
        let want = serde_json::to_vec_pretty(&cleaned).unwrap();
        let got = clean_json_bytes(serde_json::to_vec_pretty(&v).unwrap());
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(want).unwrap()
        );
    }
}
