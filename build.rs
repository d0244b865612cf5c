//! Builds the English background frequencies (`assets/wordfreq/en.tsv`, word → Zipf figure)
//! into a perfect-hash table at compile time, so a command that weighs words does not spend
//! its first milliseconds parsing 30,000 lines into a hash map.
//!
//! The table holds no pointers: the words are one string and each entry is (offset, length,
//! figure). A table of `&str` keys (what `phf_codegen` writes) needs a relocation per word
//! when the position-independent binary is loaded: 30,000 of them, a sixth of start-up.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let src = "assets/wordfreq/en.tsv";
    println!("cargo::rerun-if-changed={src}");
    let list = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut words: Vec<&str> = Vec::new();
    let mut zipfs: Vec<f32> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for line in list.lines().filter(|l| !l.starts_with('#')) {
        let Some((word, zipf)) = line.split_once('\t') else {
            continue;
        };
        let Some(zipf) = zipf.parse::<f32>().ok().filter(|z| z.is_finite()) else {
            continue;
        };
        // The first figure of a word given twice (the list gives each word once).
        if seen.insert(word) {
            words.push(word);
            zipfs.push(zipf);
        }
    }
    assert!(!words.is_empty(), "{src}: no words");
    let state = phf_generator::generate_hash(&words);
    let mut text = String::new();
    let mut entries = String::new();
    for &i in &state.map {
        let (start, len) = (text.len(), words[i].len());
        text.push_str(words[i]);
        write!(entries, "({start}, {len}, {:?}f32),", zipfs[i]).expect("write");
    }
    let disps: String = state
        .disps
        .iter()
        .map(|(a, b)| format!("({a}, {b}),"))
        .collect();
    let out = format!(
        "/// The perfect hash's key (`phf_generator`).\n\
         const BG_KEY: u64 = {key};\n\
         /// The perfect hash's displacements.\n\
         static BG_DISPS: [(u32, u32); {nd}] = [{disps}];\n\
         /// Every word, one after another in table order.\n\
         static BG_TEXT: &str = {text:?};\n\
         /// Per table slot: the word's offset and length in `BG_TEXT`, and its Zipf figure.\n\
         static BG_ENTRIES: [(u32, u32, f32); {ne}] = [{entries}];\n",
        key = state.key,
        nd = state.disps.len(),
        ne = state.map.len(),
    );
    let path = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("wordfreq.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
