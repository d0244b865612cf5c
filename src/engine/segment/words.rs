//! Words: the Unicode words of a span (UAX #29, by unicode-segmentation) with their
//! case-folded forms and English stems, cached per thread.

use super::Word;
use crate::engine::article::Span;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::{Arc, LazyLock};
use unicode_segmentation::UnicodeSegmentation;

/// A word's case-folded form and stem, shared by every occurrence of the word.
type Forms = (Arc<str>, Arc<str>);

thread_local! {
    /// Words already seen on this thread, as written → their [`Forms`]: case folding and
    /// stemming are the costly part of [`words`], and news text repeats its vocabulary, so a
    /// word seen before costs one lookup and no allocation. Cleared when it grows past
    /// 100,000 entries.
    static FORMS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Forms>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

thread_local! {
    /// [`words`]' buffer.
    static SCRATCH: std::cell::Cell<Vec<Word>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The case-folded form (`’` folded to `'`) and English stem of `w`.
fn forms_of(stemmer: &Stemmer, w: &str) -> Forms {
    let norm = if w.contains('’') {
        w.to_lowercase().replace('’', "'")
    } else {
        w.to_lowercase()
    };
    let stem: Arc<str> = Arc::from(stemmer.stem(&norm).as_ref());
    (Arc::from(norm), stem)
}

/// The English stem of `w` as given (no case folding): stems already computed on this
/// thread are kept (a report repeats its words); cleared past 10,000 entries.
pub fn stem_of(w: &str) -> String {
    thread_local! {
        static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, String>> =
            std::cell::RefCell::new(rustc_hash::FxHashMap::default());
    }
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(w) {
            return s.clone();
        }
        if cache.len() > 10_000 {
            cache.clear();
        }
        let s = STEMMER.stem(w).into_owned();
        cache.insert(w.into(), s.clone());
        s
    })
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// `slice.unicode_word_indices()`, one piece between ASCII whitespace at a time, so that the
/// pieces without other characters take unicode-segmentation's ASCII path. A break always
/// falls before and after ASCII whitespace (UAX #29) unless the character after it is one
/// that attaches to what precedes it (Extend, Format, ZWJ: rule WB4) or the one before it
/// is a space that the whitespace attaches to (WB3d); from a piece that starts or ends with
/// a character not known to be safe, the rest is segmented whole, from the whitespace
/// before it (where a break falls, after a safe character).
fn for_each_word(slice: &str, mut f: impl FnMut(usize, &str)) {
    let b = slice.as_bytes();
    let space = |x: u8| matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    // Latin letters and signs, general punctuation (dashes, quotes, bullets, ellipsis), €.
    let safe = |c: char| {
        c.is_ascii()
            || (matches!(c, '\u{a0}'..='\u{24f}') && c != '\u{ad}')
            || matches!(c, '\u{2010}'..='\u{2027}' | '€')
    };
    let mut i = 0;
    while i < b.len() {
        let run = i;
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        let start = i;
        // ASCII whitespace bytes are never inside another character's encoding.
        while i < b.len() && !space(b[i]) {
            i += 1;
        }
        let piece = slice.get(start..i).unwrap_or("");
        let ends = [piece.chars().next(), piece.chars().next_back()];
        if !ends.into_iter().flatten().all(safe) {
            for (k, w) in slice.get(run..).unwrap_or("").unicode_word_indices() {
                f(run + k, w);
            }
            return;
        }
        if piece.is_ascii() {
            ascii_words(piece, |k, w| f(start + k, w));
        } else {
            for (k, w) in piece.unicode_word_indices() {
                f(start + k, w);
            }
        }
    }
}

/// `piece.unicode_word_indices()` for ASCII text (most of a news report's pieces), by the
/// UAX #29 rules that apply to ASCII: letters, digits and `_` (ExtendNumLet) run together
/// (WB5, WB8–WB10, WB13a/b); `:` `.` `'` between two letters (WB6/7) and `,` `;` `.` `'`
/// between two digits (WB11/12) join them; every other character stands alone (WB999). As
/// `unicode_word_indices`, only the words holding a letter or digit are given.
fn ascii_words(piece: &str, mut f: impl FnMut(usize, &str)) {
    let b = piece.as_bytes();
    let core = |x: u8| x.is_ascii_alphanumeric() || x == b'_';
    let mut i = 0;
    while i < b.len() {
        if !core(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        loop {
            while i < b.len() && core(b[i]) {
                i += 1;
            }
            // A single middle character between a letter and a letter, or a digit and a digit.
            let (Some(&prev), Some(&mid), Some(&next)) = (b.get(i - 1), b.get(i), b.get(i + 1))
            else {
                break;
            };
            let letters = prev.is_ascii_alphabetic()
                && next.is_ascii_alphabetic()
                && matches!(mid, b':' | b'.' | b'\'');
            let digits = prev.is_ascii_digit()
                && next.is_ascii_digit()
                && matches!(mid, b',' | b';' | b'.' | b'\'');
            if !(letters || digits) {
                break;
            }
            i += 1;
        }
        let word = piece.get(start..i).unwrap_or("");
        if word.bytes().any(|x| x.is_ascii_alphanumeric()) {
            f(start, word);
        }
    }
}

/// The Unicode words of `span` in `text`, with case-folded form and English stem.
pub fn words(text: &str, span: Span) -> Vec<Word> {
    let Some(slice) = text.get(span.range()) else {
        return Vec::new();
    };
    FORMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        // Gathered in a buffer kept by the thread, then copied out at its exact size: a
        // sentence's vector grown one push at a time would be copied each time it doubles
        // and hold up to twice the memory it needs.
        let mut out = SCRATCH.take();
        out.clear();
        for_each_word(slice, |offset, w| {
            let (norm, stem) = match cache.get(w) {
                Some((n, s)) => (n.clone(), s.clone()),
                None => {
                    if cache.len() > 100_000 {
                        cache.clear();
                    }
                    let f = forms_of(&STEMMER, w);
                    cache.insert(w.into(), f.clone());
                    f
                }
            };
            out.push(Word {
                span: Span::new(span.start + offset, span.start + offset + w.len()),
                norm,
                stem,
            });
        });
        // Moved out (no clone of the shared forms), into a vector of exactly their number.
        let mut words = Vec::with_capacity(out.len());
        words.append(&mut out);
        // One giant sentence does not keep its buffer's memory for the rest of the run.
        if out.capacity() > 1 << 14 {
            out = Vec::new();
        }
        SCRATCH.set(out);
        words
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_stem() {
        let t = "Russia’s talks";
        let w = words(t, Span::new(0, t.len()));
        assert_eq!(w.len(), 2);
        assert_eq!(&*w[0].norm, "russia's");
        assert_eq!(&*w[1].stem, "talk");
        assert_eq!(&t[w[1].span.range()], "talks");
    }

    /// Characters around which word segmentation decides: letters, digits and the marks
    /// inside words (`.` `,` `'` `:` `_`), ASCII and other spaces, characters that attach to
    /// what precedes them (combining marks, one of them alphabetic; soft hyphen; ZWJ),
    /// Hebrew letters and quotes, regional indicators, emoji, curly quotes.
    const WORD_ALPHABET: &[char] = &[
        'a',
        'Z',
        '1',
        '.',
        ',',
        '\'',
        ':',
        '_',
        '"',
        ' ',
        '\t',
        '\n',
        '\r',
        '\u{b}',
        '\u{2009}',
        '\u{a0}',
        '\u{3000}',
        '\u{300}',
        '\u{345}',
        '\u{ad}',
        '\u{200d}',
        '\u{200b}',
        '’',
        '“',
        '—',
        'é',
        '中',
        'ا',
        'א',
        '\u{1f1e6}',
        '😀',
        '€',
        ';',
        '-',
        '@',
        '\u{1}',
    ];

    type Words = Vec<(usize, String)>;

    /// The words of `s` by pieces, and by `unicode_word_indices` (their definition).
    fn both_ways(s: &str) -> (Words, Words) {
        let mut got = Vec::new();
        for_each_word(s, |k, w| got.push((k, w.to_string())));
        let want = s
            .unicode_word_indices()
            .map(|(k, w)| (k, w.to_string()))
            .collect();
        (got, want)
    }

    /// What the property below found (its shrunk case, kept as a test rather than as a
    /// regressions file): a thin space, an ASCII space, then a combining mark join into one
    /// run (WB3d, then WB4), so the piece before the ASCII space cannot be cut off there.
    #[test]
    fn a_thin_space_then_a_space_then_a_combining_mark_is_one_run() {
        for s in ["a\u{2009} \u{345}", "word\u{2009} \u{300}x y"] {
            let (got, want) = both_ways(s);
            assert_eq!(got, want, "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20000))]
        /// Every ASCII character, joined: the ASCII rules are `unicode_word_indices`.
        #[test]
        fn ascii_words_are_unicode_words(
            cs in proptest::collection::vec(0u8..128, 0..40),
        ) {
            let s: String = cs.into_iter().map(char::from).collect();
            let (got, want) = both_ways(&s);
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn words_by_pieces_are_unicode_words(
            cs in proptest::collection::vec(proptest::sample::select(WORD_ALPHABET), 0..40),
        ) {
            let s: String = cs.into_iter().collect();
            let (got, want) = both_ways(&s);
            proptest::prop_assert_eq!(got, want);
        }
    }
}
