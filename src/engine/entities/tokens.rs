//! A small tokenizer for extraction: words, numbers, punctuation and possessive markers,
//! with byte offsets and case flags. Hand-written (no regex) so it runs at tens of MB/s.
//!
//! `U.S.`, `a.m.` are one token (with the final period); `Russia’s` is `Russia` + `’s`;
//! `Ukraine-Russia` is `Ukraine`, `-`, `Russia`; `12,000` and `3.5` are one number token,
//! `32bn` one number token with a suffix.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
    /// `’s`, `'s` or a lone `’` after a plural: outside every span.
    Poss,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace directly before the token (or it is the first).
    pub space_before: bool,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
    /// A word starting with an upper-case letter.
    pub fn is_cap(&self, text: &str) -> bool {
        if self.kind != TokKind::Word {
            return false;
        }
        let t = self.text(text);
        match t.as_bytes().first() {
            Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
            _ => t.chars().next().is_some_and(char::is_uppercase),
        }
    }
    /// A word of two or more letters, all upper case (`NATO`, `U.S.`).
    pub fn is_all_caps(&self, text: &str) -> bool {
        let t = self.text(text);
        self.kind == TokKind::Word
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.chars().any(char::is_lowercase)
    }
    pub fn is_punct(&self, text: &str, p: &str) -> bool {
        self.kind == TokKind::Punct && self.text(text) == p
    }
}

/// The lower-cased form of each token: `ranges[i]` is token `i`'s slice of `text`.
#[derive(Debug, Clone, Copy)]
pub struct Lows<'a> {
    pub text: &'a str,
    pub ranges: &'a [(u32, u32)],
    /// Each token's word classes (`classes::of` its lower-case form).
    pub classes: &'a [u8],
}

impl<'a> Lows<'a> {
    /// Token `i` lower-cased; empty past the end.
    pub fn get(&self, i: usize) -> &'a str {
        self.ranges
            .get(i)
            .and_then(|&(a, b)| self.text.get(a as usize..b as usize))
            .unwrap_or("")
    }
    /// Whether token `i` has any of the class bits `bits`; false past the end.
    pub fn is(&self, i: usize, bits: u8) -> bool {
        self.classes.get(i).is_some_and(|c| c & bits != 0)
    }
}

/// Which bytes are ASCII letters or digits (the inner loop of [`scan_word`]).
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some(char::from(b));
    }
    s.get(i..).and_then(|r| r.chars().next())
}

/// Tokenizes `text`, adding `base` to every offset.
pub fn tokenize(text: &str, base: usize) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, base, &mut out);
    out
}

/// [`tokenize`] into a cleared `out`, reusing its allocation.
pub fn tokenize_into(text: &str, base: usize, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    let mut space = true;
    while let Some(&b0) = b.get(i) {
        // ASCII fast paths; the same decisions as the general path below.
        if b0 < 0x80 && b0 != b'\'' {
            if matches!(b0, b' ' | b'\t'..=b'\r') {
                space = true;
                i += 1;
                continue;
            }
            let start = i;
            let kind = if b0.is_ascii_digit() {
                i = scan_number(text, i);
                TokKind::Num
            } else if b0.is_ascii_alphabetic() {
                i = scan_word(text, i);
                TokKind::Word
            } else {
                i += 1;
                TokKind::Punct
            };
            out.push(Tok {
                start: base + start,
                end: base + i,
                kind,
                space_before: space,
            });
            space = false;
            continue;
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        if c.is_whitespace() {
            space = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphanumeric() {
            i = scan_word(text, i);
            kind = TokKind::Word;
        } else if is_apos(c) && !out.is_empty() && !space {
            // Possessive: ’s / 's at a word end, or a lone ’ after an s.
            let next = char_at(text, i + c.len_utf8());
            let after = next.and_then(|n| char_at(text, i + c.len_utf8() + n.len_utf8()));
            if matches!(next, Some('s') | Some('S')) && !after.is_some_and(char::is_alphanumeric) {
                i += c.len_utf8() + 1;
                kind = TokKind::Poss;
            } else if !next.is_some_and(char::is_alphanumeric)
                && text.get(..i).is_some_and(|h| h.ends_with('s'))
            {
                i += c.len_utf8();
                kind = TokKind::Poss;
            } else {
                i += c.len_utf8();
                kind = TokKind::Punct;
            }
        } else {
            i += c.len_utf8();
            kind = TokKind::Punct;
        }
        out.push(Tok {
            start: base + start,
            end: base + i,
            kind,
            space_before: space,
        });
        space = false;
    }
}

fn scan_number(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i].is_ascii_digit()
            || ((b[i] == b',' || b[i] == b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
        } else {
            break;
        }
    }
    // A short letter suffix: 32bn, 10th, 1990s, 5m.
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphabetic() && j - i < 3 {
        j += 1;
    }
    if j > i && !b.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
        i = j;
    }
    i
}

fn scan_word(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    // Dotted abbreviation: U.S., a.m., U.S.A., D.C. (an ASCII letter not followed by a
    // period starts none).
    if (b[start] >= 0x80 || b.get(start + 1) == Some(&b'.'))
        && let Some(end) = dotted(text, start)
    {
        return end;
    }
    let mut i = start;
    loop {
        let rest = b.get(i..).unwrap_or_default();
        i += rest
            .iter()
            .position(|&c| !ALNUM[usize::from(c)])
            .unwrap_or(rest.len());
        // Any other ASCII character but an apostrophe ends the word.
        if b.get(i).is_none_or(|&c| c < 0x80 && c != b'\'') {
            break;
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        if c.is_alphanumeric() || c == '\u{301}' || c == '\u{308}' {
            i += c.len_utf8();
        } else if is_apos(c) {
            // Inner apostrophe (don't, O'Brien) but not a possessive 's.
            let next = char_at(text, i + c.len_utf8());
            let after = next.and_then(|n| char_at(text, i + c.len_utf8() + n.len_utf8()));
            let possessive =
                matches!(next, Some('s') | Some('S')) && !after.is_some_and(char::is_alphanumeric);
            if next.is_some_and(char::is_alphabetic) && !possessive {
                i += c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    i
}

/// `X.Y.` (and longer): single letters each followed by a period.
fn dotted(text: &str, start: usize) -> Option<usize> {
    let mut i = start;
    let mut letters = 0;
    while let Some(c) = char_at(text, i) {
        if !c.is_alphabetic() || char_at(text, i + c.len_utf8()) != Some('.') {
            break;
        }
        i += c.len_utf8() + 1;
        letters += 1;
        if char_at(text, i).is_some_and(char::is_alphabetic)
            && char_at(text, i + 1).is_some_and(|n| n != '.')
        {
            // Next letter is not followed by a period (U.S.Army): stop here.
            break;
        }
    }
    (letters >= 2).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s, 0).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn splits_news_tokens() {
        assert_eq!(
            toks("U.S.-supplied F-16"),
            ["U.S.", "-", "supplied", "F", "-", "16"]
        );
        assert_eq!(
            toks("Russia’s leaders’ 12,000 $32bn 20%"),
            [
                "Russia", "’s", "leaders", "’", "12,000", "$", "32bn", "20", "%"
            ]
        );
        assert_eq!(
            toks("don't O'Brien at 10 a.m."),
            ["don't", "O'Brien", "at", "10", "a.m."]
        );
        assert_eq!(toks("Mr. J. Smith"), ["Mr", ".", "J", ".", "Smith"]);
        assert_eq!(toks("U.S."), ["U.S."]);
    }
}
