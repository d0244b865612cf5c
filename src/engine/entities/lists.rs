//! The large open-data word lists (GeoNames cities, US Census names, wordfreq's common
//! words; `scripts/build_gazetteers.py` rebuilds them), embedded as sorted text and searched
//! in place, so start-up parses none of them.

use super::gazetteer::Fx;

/// A sorted word list embedded as text (one lower-case key a line, `#` header lines first),
/// searched in place: the first lookup indexes the line starts (one pass, no copy of the
/// words), later ones are a binary search.
pub struct SortedList {
    text: &'static str,
    index: std::sync::OnceLock<ListIndex>,
}

/// Line starts, and a one-hash Bloom filter of the keys that turns most misses away before
/// the binary search.
struct ListIndex {
    starts: Vec<u32>,
    bloom: Vec<u64>,
}

const BLOOM_BITS: u64 = 1 << 18;

fn bloom_bit(key: &[u8]) -> u64 {
    use std::hash::Hasher as _;
    let mut h = Fx::default();
    h.write(key);
    h.write_u8(0xff);
    h.finish() >> 32 & (BLOOM_BITS - 1)
}

impl SortedList {
    pub const fn new(text: &'static str) -> SortedList {
        SortedList {
            text,
            index: std::sync::OnceLock::new(),
        }
    }

    /// The keys, in order.
    pub fn lines(&self) -> impl Iterator<Item = &'static str> {
        self.text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
    }

    fn line(&self, k: usize, starts: &[u32]) -> &'static [u8] {
        let a = starts[k] as usize;
        let b = starts
            .get(k + 1)
            .map_or(self.text.len(), |&n| n as usize - 1);
        self.text.as_bytes().get(a..b).unwrap_or(b"")
    }

    /// Whether `key` is one of the lines.
    pub fn contains(&self, key: &str) -> bool {
        let index = self.index.get_or_init(|| {
            let mut starts = Vec::with_capacity(self.text.len() / 8);
            let mut bloom = vec![0u64; (BLOOM_BITS / 64) as usize];
            let mut at = 0;
            for line in self.text.split_inclusive('\n') {
                let key = line.strip_suffix('\n').unwrap_or(line);
                if !key.starts_with('#') && !key.is_empty() {
                    starts.push(at as u32);
                    let b = bloom_bit(key.as_bytes());
                    bloom[(b / 64) as usize] |= 1 << (b % 64);
                }
                at += line.len();
            }
            ListIndex { starts, bloom }
        });
        let key = key.as_bytes();
        let b = bloom_bit(key);
        if index.bloom[(b / 64) as usize] & (1 << (b % 64)) == 0 {
            return false;
        }
        let starts = &index.starts;
        let (mut lo, mut hi) = (0usize, starts.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let line = self.line(mid, starts);
            let line = line.strip_suffix(b"\n").unwrap_or(line);
            match line.cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// GeoNames cities (GPE), `scripts/build_gazetteers.py`.
pub static GEONAMES_CITIES: SortedList = SortedList::new(include_str!(
    "../../../assets/gazetteers/geonames_cities.txt"
));
/// US Census first names.
pub static CENSUS_GIVEN: SortedList =
    SortedList::new(include_str!("../../../assets/gazetteers/census_given.txt"));
/// US Census surnames (the most common 12,000).
pub static CENSUS_SURNAMES: SortedList = SortedList::new(include_str!(
    "../../../assets/gazetteers/census_surnames.txt"
));
/// Everyday English words (wordfreq Zipf >= 4).
pub static COMMON_WORDS: SortedList =
    SortedList::new(include_str!("../../../assets/gazetteers/common_words.txt"));

/// Very common English words (wordfreq Zipf >= 5).
pub static VERY_COMMON_WORDS: SortedList = SortedList::new(include_str!(
    "../../../assets/gazetteers/very_common_words.txt"
));
