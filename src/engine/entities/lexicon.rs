//! The story lexicon: names found in the body text of the story's articles, so that a
//! surname alone (`Putin`), a name at the start of a sentence, or a name in a headline can be
//! recognised. Keys are folded ([`fold`]): lower case, diacritics removed, `’` as `'`.

use super::EntityKind;
use super::gazetteer::{FxMap, FxSet};

#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// Folded name → how often it was found as each kind (in [`EntityKind::ALL`] order).
    names: FxMap<String, [u32; 7]>,
    /// Folded surnames of multi-word PERSON names.
    surnames: FxSet<String>,
    /// The surnames of six characters or more, for spelling-variant lookups, by their first
    /// three characters and by their last three ([`ends`]): a word one edit from such a
    /// surname, itself six characters or more, shares one of the two ends.
    by_end: FxMap<u64, Vec<String>>,
    /// The folded key of [`Lexicon::add`], kept between calls.
    buf: String,
}

thread_local! {
    /// The folded key of a lookup, kept between calls.
    static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// A word's two end keys for [`Lexicon::by_end`]: its first three characters and (marked
/// apart by the top bit) its last three, each packed into 21 bits a character.
fn ends(w: &str) -> [u64; 2] {
    let pack = |cs: &mut dyn Iterator<Item = char>| {
        cs.take(3)
            .fold(0u64, |k, c| k << 21 | u64::from(u32::from(c)))
    };
    let n = w.chars().count();
    let head = pack(&mut w.chars());
    let tail = pack(&mut w.chars().skip(n.saturating_sub(3)));
    [head, 1 << 63 | tail]
}

/// Lower case with common Latin diacritics removed and curly apostrophes straightened.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] appended to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        let f = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ă' | 'ą' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                'a'
            }
            'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'ğ' | 'Ğ' => 'g',
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'İ' | 'Í' | 'Î' => 'i',
            'ł' | 'Ł' => 'l',
            'ñ' | 'ń' | 'ň' | 'Ñ' => 'n',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ő' | 'Ó' | 'Ö' | 'Ø' => 'o',
            'ř' | 'Ř' => 'r',
            'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => 's',
            'ț' | 'ţ' | 'ť' | 'Ț' => 't',
            'ú' | 'ù' | 'û' | 'ü' | 'ů' | 'ű' | 'Ú' | 'Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'z',
            '’' | '‘' => '\'',
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push(f);
    }
}

/// The kind a name was found as most often (the first of [`EntityKind::ALL`] on a tie).
fn majority(counts: &[u32; 7]) -> Option<EntityKind> {
    let (best, n) = counts
        .iter()
        .enumerate()
        .fold((0, 0), |b, (k, &n)| if n > b.1 { (k, n) } else { b });
    (n > 0).then(|| EntityKind::ALL[best])
}

/// Levenshtein distance (`strsim`), capped: `max + 1` when it is over `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    if a.chars().count().abs_diff(b.chars().count()) > max {
        return max + 1;
    }
    strsim::levenshtein(a, b).min(max + 1)
}

/// Whether two folded surnames are spelling variants (`zelensky`/`zelenskyy`).
pub fn variant(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 6 && b.chars().count() >= 6 && one_edit(a, b))
}

/// Whether the Levenshtein distance of `a` and `b` is at most 1, without allocating (the
/// same answer as `edit_distance(a, b, 1) <= 1`).
pub fn one_edit(a: &str, b: &str) -> bool {
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na.abs_diff(nb) > 1 {
        return false;
    }
    let mismatch = a
        .char_indices()
        .zip(b.char_indices())
        .find(|((_, x), (_, y))| x != y);
    let Some(((ia, ca), (ib, cb))) = mismatch else {
        // One is a prefix of the other, at most one character longer.
        return true;
    };
    let (rest_a, skip_a) = (&a[ia..], &a[ia + ca.len_utf8()..]);
    let (rest_b, skip_b) = (&b[ib..], &b[ib + cb.len_utf8()..]);
    match na.cmp(&nb) {
        std::cmp::Ordering::Equal => skip_a == skip_b,
        std::cmp::Ordering::Greater => skip_a == rest_b,
        std::cmp::Ordering::Less => rest_a == skip_b,
    }
}

impl Lexicon {
    /// Records a name found in body text.
    pub fn add(&mut self, surface: &str, kind: EntityKind) {
        let mut key = std::mem::take(&mut self.buf);
        key.clear();
        fold_into(surface, &mut key);
        self.count(&key, kind);
        if kind == EntityKind::Person {
            let mut parts = key.split_whitespace();
            if let (Some(_), Some(last)) = (parts.next(), parts.next_back()) {
                self.count(last, kind);
                if !self.surnames.contains(last) {
                    self.surnames.insert(last.to_string());
                    if last.chars().count() >= 6 {
                        for end in ends(last) {
                            self.by_end.entry(end).or_default().push(last.to_string());
                        }
                    }
                }
            }
        }
        self.buf = key;
    }

    /// One more finding of the folded name `key` as `kind` (the key copied only when new).
    fn count(&mut self, key: &str, kind: EntityKind) {
        match self.names.get_mut(key) {
            Some(counts) => counts[kind as usize] += 1,
            None => {
                let mut counts = [0; 7];
                counts[kind as usize] = 1;
                self.names.insert(key.to_string(), counts);
            }
        }
    }

    /// The kind of a known name, also accepting spelling variants of known surnames.
    pub fn lookup(&self, surface: &str) -> Option<EntityKind> {
        if self.names.is_empty() {
            return None; // The first pass's lexicon: nothing to fold.
        }
        KEY.with_borrow_mut(|key| {
            key.clear();
            fold_into(surface, key);
            if let Some(counts) = self.names.get(key.as_str()) {
                return majority(counts);
            }
            if !key.contains(' ') && key.chars().count() >= 6 {
                let near = |end: &u64| {
                    self.by_end
                        .get(end)
                        .is_some_and(|names| names.iter().any(|s| variant(s, key)))
                };
                return ends(key).iter().any(near).then_some(EntityKind::Person);
            }
            None
        })
    }

    /// Whether `surface` is the surname of a person named in full in the story (`Paris` after
    /// `Valeska Paris`, `Montenegro` after `Luis Montenegro`).
    pub fn is_surname(&self, surface: &str) -> bool {
        if self.surnames.is_empty() {
            return false;
        }
        KEY.with_borrow_mut(|key| {
            key.clear();
            fold_into(surface, key);
            self.surnames.contains(key.as_str())
        })
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_variants_are_found_through_their_ends() {
        let people = [
            "Volodymyr Zelensky",
            "Recep Erdoğan",
            "Vladimir Putin",
            "Vladimir Medinsky",
            "Ana Castellanos",
        ];
        let mut lex = Lexicon::default();
        for p in people {
            lex.add(p, EntityKind::Person);
        }
        let surnames: Vec<String> = people
            .iter()
            .map(|p| fold(p.rsplit(' ').next().unwrap_or("")))
            .collect();
        let words = [
            "Zelenskyy",
            "Zelenskiy",
            "Xelensky",
            "Zelensk",
            "Erdogan",
            "Erdgan",
            "Medinskii",
            "Medinskyy",
            "Castellano",
            "Kastellanos",
            "Castelanos",
            "Castellanoz",
            "Putina",
            "Medvedev",
            "Zelenskyyy",
        ];
        for w in words {
            let key = fold(w);
            let brute = lex.names.contains_key(&key)
                || surnames.iter().any(|s| variant(s, &key)) && key.chars().count() >= 6;
            assert_eq!(lex.lookup(w).is_some(), brute, "{w}");
        }
        assert!(lex.lookup("Kastellanos").is_some(), "a first-letter change");
        assert!(lex.is_surname("PUTIN") && !lex.is_surname("Vladimir"));
    }

    #[test]
    fn one_edit_agrees_with_edit_distance() {
        let words = [
            "zelensky",
            "zelenskyy",
            "zelenskiy",
            "erdogan",
            "erdoğan",
            "erdgan",
            "putin",
            "putina",
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "medinsky",
            "medinskii",
        ];
        for a in words {
            for b in words {
                assert_eq!(one_edit(a, b), edit_distance(a, b, 1) <= 1, "{a:?} {b:?}");
            }
        }
    }
}
