//! How far the story-wide model ([`Method::StoryWide`], used from `WIDE_FROM` reports) is
//! from aligning every pair ([`Method::Pairs`]) on the same story: both built, then the
//! coverage matrices (mean and largest difference of a cell), the claims (pairs of sentences
//! of different reports put in one claim: precision, recall and F1 of the story-wide claims
//! against every-pair ones) and the discrepancies compared, with each build's time.
//!
//! `cargo run --release --example story_methods -- DIR...`: each DIR is one story (its .txt
//! files), `seeds` the built-in seeds. Generated stories: `cargo run --release --example
//! story_corpus -- DIR N`.
use parallax::engine::Article;
use parallax::engine::article::{Format, Source};
use parallax::engine::entities::extract_story;
use parallax::engine::load::{Input, LoadOptions, SEEDS, load_input, parse};
use parallax::engine::story::{Method, StoryModel, build_by};
use std::collections::HashSet;
use std::time::Instant;

fn load(dir: &str) -> Vec<Article> {
    if dir == "seeds" {
        return (0..SEEDS.len())
            .filter_map(|i| load_input(&Input::Seed(i), &LoadOptions::default()).ok())
            .filter_map(|l| l.articles.into_iter().next())
            .collect();
    }
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            parse(Source::File(p), &bytes, Format::Text)
                .ok()?
                .articles
                .into_iter()
                .next()
        })
        .collect()
}

/// Pairs of sentences of different reports in one claim.
fn together(m: &StoryModel) -> HashSet<((usize, usize), (usize, usize))> {
    let mut out = HashSet::new();
    for c in &m.claims {
        for (k, &a) in c.sentences.iter().enumerate() {
            for &b in &c.sentences[k + 1..] {
                if a.0 != b.0 {
                    out.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    out
}

fn main() {
    for dir in std::env::args().skip(1) {
        let arts = load(&dir);
        let ex = extract_story(&arts);
        let t = Instant::now();
        let pairs = build_by(&arts, &ex, Method::Pairs, &|_, _| {});
        let t_pairs = t.elapsed();
        let t = Instant::now();
        let wide = build_by(&arts, &ex, Method::StoryWide, &|_, _| {});
        let t_wide = t.elapsed();
        let n = pairs.n;
        let (mut sum, mut max, mut cells, mut mean_p, mut mean_w) =
            (0f64, 0f32, 0usize, 0f64, 0f64);
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    let (a, b) = (pairs.coverage[i][j], wide.coverage[i][j]);
                    sum += (a - b).abs() as f64;
                    max = max.max((a - b).abs());
                    mean_p += a as f64;
                    mean_w += b as f64;
                    cells += 1;
                }
            }
        }
        let cells = cells.max(1) as f64;
        let (gp, gw) = (together(&pairs), together(&wide));
        let both = gp.intersection(&gw).count() as f64;
        let p = both / gw.len().max(1) as f64;
        let r = both / gp.len().max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let multi = |m: &StoryModel| m.claims.iter().filter(|c| c.reports.len() > 1).count();
        println!(
            "{dir}: {n} reports; every pair {:.0} ms, story-wide {:.0} ms (this thread pool)\n  \
             coverage: mean {:.3} / {:.3}, cell difference mean {:.3}, largest {:.3}\n  \
             claims of several reports {} / {}; sentence pairs together {} / {}: P {:.3} R {:.3} F1 {:.3}\n  \
             discrepancies {} / {}",
            t_pairs.as_secs_f64() * 1e3,
            t_wide.as_secs_f64() * 1e3,
            mean_p / cells,
            mean_w / cells,
            sum / cells,
            max,
            multi(&pairs),
            multi(&wide),
            gp.len(),
            gw.len(),
            p,
            r,
            f,
            pairs.discrepancies.len(),
            wide.discrepancies.len(),
        );
    }
}
