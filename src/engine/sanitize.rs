//! Terminal safety: every string that can reach the terminal passes through here.
//!
//! Article bodies, titles, file names and error messages are untrusted. [`sanitize`] runs once
//! at ingestion (before anything else sees the text) and [`sanitize_line`] on every other
//! string that is displayed. The rules:
//!
//! * whole escape sequences are removed: CSI, OSC, DCS/SOS/PM/APC, two-byte `ESC x` forms, and
//!   the 8-bit C1 introducers U+0090, U+0098, U+009B, U+009D, U+009E, U+009F. A control string
//!   (OSC, DCS, ...) is removed whole only when its terminator follows within
//!   [`MAX_CONTROL_STRING`] characters on the same line; otherwise only its introducer goes
//!   (replaced by U+FFFD), so a stray byte (0x90 or 0x9D in windows-1252 text) never eats the
//!   rest of a file, and the text after it is harmless once the introducer is gone;
//! * CRLF and a lone CR become LF; tabs are kept (the renderer expands them);
//! * any other C0/C1 control and DEL becomes U+FFFD, so the reader sees something was there;
//! * bidi controls, zero-width space, word joiner, BOM and tag characters are dropped;
//! * ZWJ / ZWNJ are kept only between two visible characters (inside a grapheme or a word).
//!
//! The result is idempotent and contains no control character other than `\n` and `\t`.
//! Edits are recorded in a [`SourceMap`] so offsets into the clean text can be mapped back to
//! offsets into the bytes as read.

use crate::engine::article::SourceMap;

/// What the sanitizer did to one input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Characters dropped (escape sequences, invisible and bidi controls).
    pub removed: usize,
    /// Control characters replaced by U+FFFD.
    pub replaced: usize,
}

impl Cleaned {
    pub fn total(&self) -> usize {
        self.removed + self.replaced
    }
}

/// The longest control string (OSC, DCS, ...) removed whole; a longer or unterminated one
/// loses only its introducer.
pub const MAX_CONTROL_STRING: usize = 4096;

const ESC: char = '\u{1b}';
const ST_C1: char = '\u{9c}';
const BEL: char = '\u{7}';
const REPLACEMENT: char = '\u{FFFD}';
const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

fn is_dropped_invisible(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

fn is_control(c: char) -> bool {
    c.is_control()
}

/// True when `text` needs no change at all: the common case, checked without allocating.
fn is_clean(text: &str) -> bool {
    !any_unusual(text, |i, c| match c {
        '\n' | '\t' => false,
        c if is_control(c) || is_dropped_invisible(c) => true,
        ZWJ | ZWNJ => {
            let prev = text.get(..i).and_then(|t| t.chars().next_back());
            let next = text.get(i + c.len_utf8()..).and_then(|t| t.chars().next());
            !joiner_kept(prev, next)
        }
        _ => false,
    })
}

/// Whether `pred(i, c)` holds for some character `c` at byte `i` of `s`, for a `pred` that is
/// false for printable ASCII, `\n` and `\t`. Text is mostly ASCII: 64 bytes at a time are
/// tested at once for any other byte, and in a window that has one only the characters
/// that are not such ASCII are decoded and judged.
pub(crate) fn any_unusual(s: &str, mut pred: impl FnMut(usize, char) -> bool) -> bool {
    let plain = |b: u8| (0x20..0x7f).contains(&b) | (b == b'\n') | (b == b'\t');
    let b = s.as_bytes();
    // `i` always starts a character.
    let mut i = 0;
    while i < b.len() {
        let end = (i + 64).min(b.len());
        if b[i..end].iter().fold(true, |all, &x| all & plain(x)) {
            i = end;
            continue;
        }
        while i < end {
            if plain(b[i]) {
                i += 1;
                continue;
            }
            let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
                return s.char_indices().any(|(k, c)| pred(k, c));
            };
            if pred(i, c) {
                return true;
            }
            i += c.len_utf8();
        }
    }
    false
}

/// Whether `s` has an unsafe character ([`is_unsafe`]).
pub fn has_unsafe(s: &str) -> bool {
    any_unusual(s, |_, c| is_unsafe(c))
}

fn joinable(c: Option<char>) -> bool {
    matches!(c, Some(c) if !c.is_whitespace() && !is_control(c) && c != ZWJ && c != ZWNJ
        && c != REPLACEMENT && !is_dropped_invisible(c))
}

fn joiner_kept(prev: Option<char>, next: Option<char>) -> bool {
    joinable(prev) && joinable(next)
}

/// Sanitizes text at ingestion. Returns the clean text, what was done, and a map from clean
/// offsets back to input offsets (identity when nothing changed).
pub fn sanitize(input: &str) -> (String, Cleaned, SourceMap) {
    if is_clean(input) {
        return (input.to_string(), Cleaned::default(), SourceMap::identity());
    }
    let mut out = String::with_capacity(input.len());
    let mut map = SourceMap::builder();
    let mut report = Cleaned::default();
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        match c {
            ESC => {
                let end = escape_end(&chars, i);
                report.removed += end - i;
                i = end;
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                match string_end(&chars, i + 1, c == '\u{9d}') {
                    Some(end) => {
                        report.removed += end - i;
                        i = end;
                    }
                    None => {
                        // A stray C1 byte, not a control string: keep what follows.
                        map.push(out.len(), pos);
                        out.push(REPLACEMENT);
                        report.replaced += 1;
                        i += 1;
                    }
                }
            }
            '\u{9b}' => {
                let end = csi_end(&chars, i + 1);
                report.removed += end - i;
                i = end;
            }
            '\r' => {
                map.push(out.len(), pos);
                out.push('\n');
                i += 1;
                if chars.get(i).is_some_and(|&(_, n)| n == '\n') {
                    i += 1;
                }
            }
            '\n' | '\t' => {
                map.push(out.len(), pos);
                out.push(c);
                i += 1;
            }
            c if is_control(c) => {
                map.push(out.len(), pos);
                out.push(REPLACEMENT);
                report.replaced += 1;
                i += 1;
            }
            c if is_dropped_invisible(c) => {
                report.removed += 1;
                i += 1;
            }
            c => {
                map.push(out.len(), pos);
                out.push(c);
                i += 1;
            }
        }
    }
    let (out, map) = filter_joiners(out, map.finish(), &mut report);
    (out, report, map)
}

/// Second pass: a joiner survives only between two visible characters of the output.
fn filter_joiners(text: String, map: SourceMap, report: &mut Cleaned) -> (String, SourceMap) {
    if !text.contains([ZWJ, ZWNJ]) {
        return (text, map);
    }
    let mut out = String::with_capacity(text.len());
    let mut builder = SourceMap::builder();
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((pos, c)) = chars.next() {
        if (c == ZWJ || c == ZWNJ) && !joiner_kept(prev, chars.peek().map(|&(_, n)| n)) {
            report.removed += 1;
            continue;
        }
        builder.push(out.len(), map.to_source(pos));
        out.push(c);
        prev = Some(c);
    }
    (out, builder.finish())
}

/// Index just past an escape sequence starting with ESC at `i`.
fn escape_end(chars: &[(usize, char)], i: usize) -> usize {
    let Some(&(_, next)) = chars.get(i + 1) else {
        return i + 1;
    };
    match next {
        '[' => csi_end(chars, i + 2),
        // An unterminated control string loses its introducer (ESC and the letter) only.
        ']' => string_end(chars, i + 2, true).unwrap_or(i + 2),
        'P' | 'X' | '^' | '_' => string_end(chars, i + 2, false).unwrap_or(i + 2),
        '\u{20}'..='\u{2f}' => {
            // nF sequence: intermediates then one final byte.
            let mut j = i + 1;
            while chars
                .get(j)
                .is_some_and(|&(_, c)| ('\u{20}'..='\u{2f}').contains(&c))
            {
                j += 1;
            }
            if chars
                .get(j)
                .is_some_and(|&(_, c)| ('\u{30}'..='\u{7e}').contains(&c))
            {
                j += 1;
            }
            j
        }
        '\u{30}'..='\u{7e}' => i + 2,
        _ => i + 1,
    }
}

/// Index just past a CSI body starting at `j`: parameters and intermediates, then a final byte.
fn csi_end(chars: &[(usize, char)], mut j: usize) -> usize {
    while let Some(&(_, c)) = chars.get(j) {
        j += 1;
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return j;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // Not a valid CSI byte: the sequence is broken; drop what we saw, keep the rest.
            return j - 1;
        }
    }
    j
}

/// Index just past a control string (OSC, DCS, SOS, PM, APC) whose body starts at `j`: ended
/// by ST (`ESC \` or U+009C), or BEL for OSC. `None` when no terminator follows within
/// [`MAX_CONTROL_STRING`] characters on the same line (see the module docs).
fn string_end(chars: &[(usize, char)], j: usize, bel_ends: bool) -> Option<usize> {
    let limit = chars.len().min(j + MAX_CONTROL_STRING);
    let mut k = j;
    while k < limit {
        let c = chars[k].1;
        if c == ST_C1 || (bel_ends && c == BEL) {
            return Some(k + 1);
        }
        if c == ESC {
            return chars
                .get(k + 1)
                .is_some_and(|&(_, n)| n == '\\')
                .then_some(k + 2)
                .or(Some(k));
        }
        if c == '\n' || c == '\r' {
            return None;
        }
        k += 1;
    }
    None
}

/// True for a character that must never reach a terminal: a control other than `\n` and
/// `\t` (C0, DEL, C1 including the 8-bit CSI/OSC introducers), a bidi control or override, or
/// another invisible the sanitizer drops (zero-width space, word joiner, BOM, tags).
pub fn is_unsafe(c: char) -> bool {
    (is_control(c) && c != '\n' && c != '\t') || is_dropped_invisible(c)
}

/// The last line of defence for text that should already be clean: every unsafe character
/// (see [`is_unsafe`]) becomes spaces of the same UTF-8 length, so byte offsets into the text
/// stay valid. Returns how many characters were neutralized (0 when the text was clean).
pub fn neutralize(text: &mut String) -> usize {
    if !has_unsafe(text) {
        return 0;
    }
    let mut n = 0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            n += 1;
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    *text = out;
    n
}

/// Sanitizes a one-line display string (title, file name, message): like [`sanitize`], then
/// newlines and tabs become spaces and runs of whitespace collapse.
pub fn sanitize_line(input: &str) -> String {
    let (clean, _, _) = sanitize(input);
    let mut out = String::with_capacity(clean.len());
    for word in clean.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A file name (or another name the user typed) for a message, the TUI or the CLI: one line,
/// faithful and safe. Every character [`is_unsafe`] would drop, and `\n` and `\t`, is shown
/// escaped as `\u{1b}` (Rust's `escape_unicode` style), so the name shown is never another,
/// real file's name. The one style used wherever names appear.
pub fn shown_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if is_unsafe(c) || c == '\n' || c == '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// [`shown_name`] of a path.
pub fn shown_path(path: impl AsRef<std::path::Path>) -> String {
    shown_name(&path.as_ref().display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        sanitize(s).0
    }

    #[test]
    fn osc_and_csi_are_removed_whole() {
        assert_eq!(clean("a\x1b]52;c;SGVsbG8=\x07b\x1b[2J"), "ab");
        assert_eq!(clean("x\x1b[38;2;255;0;0mred\x1b[0m"), "xred");
        assert_eq!(clean("t\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\"), "tlink");
    }

    #[test]
    fn eight_bit_forms_and_unterminated_strings() {
        assert_eq!(clean("a\u{9b}31mb"), "ab");
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab");
        // Unterminated: the introducer goes, the text after it stays (nothing is lost).
        assert_eq!(
            clean("keep\x1bPq#0;2;0;0;0never ends"),
            "keepq#0;2;0;0;0never ends"
        );
        assert_eq!(clean("keep\u{90}rest"), "keep\u{FFFD}rest");
        assert_eq!(
            clean("a\u{9d}b\nline two\u{9c}"),
            "a\u{FFFD}b\nline two\u{FFFD}"
        );
        let long = format!("x\x1b]0;{}\x07y", "t".repeat(MAX_CONTROL_STRING + 10));
        assert!(clean(&long).ends_with("y") && clean(&long).len() > MAX_CONTROL_STRING);
    }

    #[test]
    fn two_byte_escapes_and_charset_designators() {
        assert_eq!(clean("a\x1bcb"), "ab");
        assert_eq!(clean("a\x1b(Bb"), "ab");
        assert_eq!(clean("a\x1b"), "a");
    }

    #[test]
    fn line_endings_controls_and_invisibles() {
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(clean("a\x00b\x7fc\u{85}d"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d");
        assert_eq!(clean("\u{FEFF}ab\u{202E}cd\u{200B}e\u{E0041}"), "abcde");
        assert_eq!(clean("tab\there"), "tab\there");
    }

    #[test]
    fn joiners_survive_only_inside_words() {
        let family = "\u{1F468}\u{200D}\u{1F469}";
        assert_eq!(clean(family), family);
        assert_eq!(clean("\u{200D}a \u{200C}b\u{200D}"), "a b");
    }

    #[test]
    fn report_counts_and_source_map() {
        let input = "ab\x1b[1mcd\x00e";
        let (out, report, map) = sanitize(input);
        assert_eq!(out, "abcd\u{FFFD}e");
        assert_eq!(report.removed, 4);
        assert_eq!(report.replaced, 1);
        assert_eq!(map.to_source(2), 6); // 'c'
        assert_eq!(map.to_source(out.len() - 1), input.len() - 1); // 'e'
    }

    #[test]
    fn clean_text_is_borrowed_identity() {
        let (out, report, map) = sanitize("Plain “quoted” text — fine.\n");
        assert_eq!(out, "Plain “quoted” text — fine.\n");
        assert_eq!(report.total(), 0);
        assert!(map.is_identity());
    }

    #[test]
    fn neutralize_keeps_lengths() {
        let mut s = String::from("a\u{1b}[2Jb\u{9b}c\u{202e}d\n\te");
        let len = s.len();
        assert_eq!(neutralize(&mut s), 3);
        assert_eq!(s.len(), len);
        assert_eq!(s, "a [2Jb  c   d\n\te");
        assert!(!s.chars().any(is_unsafe));
        let mut clean = String::from("fine — text");
        assert_eq!(neutralize(&mut clean), 0);
    }

    #[test]
    fn display_lines_are_single_line() {
        assert_eq!(sanitize_line("a\n\tb  c\x1b[2J"), "a b c");
    }

    /// [`is_clean`] as first written, one `char` at a time: the definition the windowed
    /// scan must equal.
    fn is_clean_chars(text: &str) -> bool {
        let mut prev: Option<char> = None;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\n' || c == '\t' {
                prev = Some(c);
                continue;
            }
            if is_control(c) || is_dropped_invisible(c) {
                return false;
            }
            if (c == ZWJ || c == ZWNJ) && !joiner_kept(prev, chars.peek().copied()) {
                return false;
            }
            prev = Some(c);
        }
        true
    }

    const ALPHABET: &[char] = &[
        'a', ' ', '\n', '\t', '\r', '\u{1b}', '\u{7f}', '\u{9b}', ZWJ, ZWNJ, '\u{200B}',
        '\u{202E}', '\u{FFFD}', 'é', '’', '😀',
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_windowed_scans_are_the_char_by_char_ones(
            cs in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..200),
            pad in 0usize..70,
        ) {
            // Padding moves the characters across the 64-byte windows.
            let s: String = "x".repeat(pad) + &cs.into_iter().collect::<String>();
            proptest::prop_assert_eq!(is_clean(&s), is_clean_chars(&s));
            proptest::prop_assert_eq!(has_unsafe(&s), s.chars().any(is_unsafe));
        }
    }
}
