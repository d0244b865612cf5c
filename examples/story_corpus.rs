//! Writes a generated story of N reports (see `benches/common/story_gen.rs`) into DIR, one
//! text file per report, for whole-process runs of `parallax story` (`benches/story.sh`).
//!
//! Usage: cargo run --release --example story_corpus -- DIR N

#[path = "../benches/common/story_gen.rs"]
mod story_gen;

use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(Ok(n))) = (args.get(1), args.get(2).map(|n| n.parse::<usize>())) else {
        eprintln!("usage: story_corpus DIR N");
        return std::process::ExitCode::FAILURE;
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return std::process::ExitCode::FAILURE;
    }
    for (k, text) in story_gen::story(n).iter().enumerate() {
        let path = dir.join(format!("r{k:04}.txt"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}
