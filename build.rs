//! Builds the English background frequencies (`assets/wordfreq/en.tsv`, word → Zipf figure)
//! into a perfect-hash map at compile time, so a command that weighs words does not spend
//! its first milliseconds parsing 30,000 lines into a hash map.

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let src = "assets/wordfreq/en.tsv";
    println!("cargo::rerun-if-changed={src}");
    let list = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut map = phf_codegen::Map::new();
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
            map.entry(word, format!("{zipf:?}f32"));
        }
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("wordfreq.rs");
    let mut f = std::fs::File::create(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    writeln!(
        f,
        "/// English word → Zipf frequency (`assets/wordfreq/en.tsv`).\n\
         static BACKGROUND: phf::Map<&'static str, f32> = {};",
        map.build()
    )
    .expect("write wordfreq.rs");
}
