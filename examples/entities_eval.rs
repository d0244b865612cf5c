//! Prints the entity scores of the extractor on the labelled sets: the seeds, GUM news
//! (tuned and held-out documents apart, when `../shared` exists) and the other-story
//! fixtures.
//!
//! `cargo run --release --example entities_eval [-- SET] [--per-type] [--show] [--write DIR]
//! [--per-article]`
//!
//! SET is `seeds`, `gum` (all 24), `gum-tuned`, `gum-held` or `other`; without it a summary of
//! every set is printed. `--per-type` prints the full table (the layout of
//! `score_entities.py`); `--show` lists the errors (never for held-out GUM documents);
//! `--write DIR` writes the predictions as scorer files; `--per-article` extracts each article
//! as its own story instead of the set as one story.

use parallax::engine::entities::eval::{self, EvalMention, Prf};
use parallax::engine::entities::evalsets::{self, Grouping, Run, held_out};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let write = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1));
    let grouping = if flag("--per-article") {
        Grouping::PerArticle
    } else {
        Grouping::OneStory
    };
    let set = args
        .iter()
        .find(|a| !a.starts_with("--") && Some(*a) != write)
        .map(String::as_str);
    let seeds_gold = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gold/entities");
    let seeds = || evalsets::run_seeds(std::path::Path::new(seeds_gold));
    let other = || {
        let d = evalsets::other_stories_dir();
        evalsets::run_dir(&d, &d, grouping)
    };
    let gum = || match evalsets::gum_dirs() {
        Some((t, g)) => evalsets::run_dir(&t, &g, grouping),
        None => Err("../shared/corpus/gum-news not found".to_string()),
    };
    let Some(set) = set else {
        summary("seeds", seeds(), |_| true);
        summary("other stories", other(), |_| true);
        match gum() {
            Ok(run) => {
                line(
                    "gum-news tuned (18)",
                    &run.scores_where(|f| !held_out(f)).mention_exact,
                );
                line(
                    "gum-news held out (6)",
                    &run.scores_where(held_out).mention_exact,
                );
                line("gum-news all (24)", &run.scores().mention_exact);
            }
            Err(e) => println!("gum-news: skipped ({e})"),
        }
        return;
    };
    let (run, keep): (Result<Run, String>, Keep) = match set {
        "seeds" => (seeds(), |_| true),
        "other" => (other(), |_| true),
        "gum" => (gum(), |_| true),
        "gum-tuned" => (gum(), |f| !held_out(f)),
        "gum-held" => (gum(), held_out),
        _ => {
            eprintln!(
                "entities_eval: unknown set {set:?} (seeds, gum, gum-tuned, gum-held, other)"
            );
            std::process::exit(2);
        }
    };
    let run = run.unwrap_or_else(|e| {
        eprintln!("entities_eval: {e}");
        std::process::exit(1);
    });
    if flag("--show") {
        show(&run, keep);
    }
    if let Some(dir) = write {
        write_preds(&run, keep, dir);
    }
    let scores = run.scores_where(keep);
    if flag("--per-type") {
        print!("{}", eval::format(&scores));
    } else {
        line(set, &scores.mention_exact);
        for (t, r) in &scores.mention_exact_per_type {
            line(&format!("  {t}"), r);
        }
    }
}

/// Which files of a set are scored.
type Keep = fn(&str) -> bool;

fn line(name: &str, r: &Prf) {
    println!(
        "{name:<24} P={:.3} R={:.3} F1={:.3}  (tp={} fp={} fn={})",
        r.p, r.r, r.f1, r.tp, r.fp, r.fn_
    );
}

fn summary(name: &str, run: Result<Run, String>, keep: Keep) {
    match run {
        Ok(run) => line(name, &run.scores_where(keep).mention_exact),
        Err(e) => println!("{name}: skipped ({e})"),
    }
}

fn show(run: &Run, keep: Keep) {
    let key = |m: &EvalMention| (m.start, m.end, m.kind.clone());
    for (file, gold) in &run.gold {
        if !keep(file) {
            continue;
        }
        if held_out(file) {
            println!("{file}: held out, errors not shown");
            continue;
        }
        let text = &run.texts[file];
        let snip = |m: &EvalMention| text.get(m.start..m.end).unwrap_or("?").to_string();
        let ctx = |m: &EvalMention| {
            let mut a = m.start.saturating_sub(30);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (m.end + 30).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            text[a..b].replace('\n', " ")
        };
        let pred = &run.pred[file];
        for m in pred {
            if !gold.iter().any(|g| key(g) == key(m)) {
                println!("{file} FP {:<6} {:?}  | {}", m.kind, snip(m), ctx(m));
            }
        }
        for m in gold {
            if !pred.iter().any(|p| key(p) == key(m)) {
                println!("{file} FN {:<6} {:?}  | {}", m.kind, snip(m), ctx(m));
            }
        }
    }
}

fn write_preds(run: &Run, keep: Keep, dir: &str) {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("entities_eval: {dir}: {e}");
        return;
    }
    for (file, _) in run.gold.iter().filter(|(f, _)| keep(f)) {
        let text = &run.texts[file];
        let mentions: Vec<_> = run.pred[file]
            .iter()
            .map(|m| {
                serde_json::json!({"start": m.start, "end": m.end, "type": m.kind,
                    "text": text.get(m.start..m.end).unwrap_or(""), "canonical": m.canonical})
            })
            .collect();
        let json = serde_json::json!({"file": file, "mentions": mentions});
        let out = format!("{dir}/{}", file.replace(".txt", ".json"));
        if let Err(e) = std::fs::write(&out, json.to_string()) {
            eprintln!("entities_eval: {out}: {e}");
        }
    }
}
