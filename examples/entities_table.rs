//! Prints the entity table and quotes of each seed (or of the files given).
//!
//! `cargo run --example entities_table [-- PATH...]`

use parallax::engine::entities::{extract_story, table};
use parallax::engine::load::{LoadOptions, expand, load_all, seed_inputs};
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let inputs = if paths.is_empty() {
        seed_inputs()
    } else {
        expand(&paths).0
    };
    let (articles, problems) = load_all(&inputs, &LoadOptions::default());
    for p in problems {
        eprintln!("{}", p.display());
    }
    for (article, ex) in articles.iter().zip(extract_story(&articles)) {
        println!("{}", table(article, &ex));
    }
}
