//! The story-wide model of big stories ([`Method::StoryWide`], from [`story::WIDE_FROM`]
//! reports) against aligning every pair of the same story: a generated story of 120 reports
//! (each a random subset of the seeds' sentences, `benches/common/story_gen.rs`) built both
//! ways. Its labelled-data figures (claim purity, discrepancies) are in `story_quality.rs`.

#[path = "../benches/common/story_gen.rs"]
#[allow(dead_code)]
mod story_gen;

use parallax::engine::Article;
use parallax::engine::article::{Format, Source};
use parallax::engine::entities::extract_story;
use parallax::engine::load::parse;
use parallax::engine::story::{self, Method, StoryModel};
use std::collections::HashSet;

fn generated(n: usize) -> Vec<Article> {
    story_gen::story(n)
        .iter()
        .map(|t| {
            parse(Source::Stdin, t.as_bytes(), Format::Text)
                .unwrap()
                .articles
                .remove(0)
        })
        .collect()
}

/// Pairs of sentences of different reports that one claim puts together.
fn together(m: &StoryModel) -> HashSet<((usize, usize), (usize, usize))> {
    let mut out = HashSet::new();
    for c in &m.claims {
        for (k, &a) in c.sentences.iter().enumerate() {
            for &b in &c.sentences[k + 1..] {
                out.insert((a.min(b), a.max(b)));
            }
        }
    }
    out
}

#[test]
fn the_model_follows_the_story_size() {
    assert_eq!(Method::for_reports(story::WIDE_FROM - 1), Method::Pairs);
    assert_eq!(Method::for_reports(story::WIDE_FROM), Method::StoryWide);
}

#[test]
fn a_big_story_is_modelled_story_wide_close_to_every_pair_aligned() {
    let arts = generated(120);
    let ex = extract_story(&arts);
    let wide = story::build(&arts, &ex);
    assert_eq!(wide.method, Method::StoryWide, "120 reports");
    let pairs = story::build_by(&arts, &ex, Method::Pairs, &|_, _| {});
    // Coverage: the mean difference of a cell, and the mean of the matrix.
    let n = wide.n;
    assert_eq!(n, 120);
    let (mut diff, mut mean_w, mut mean_p) = (0f64, 0f64, 0f64);
    for i in 0..n {
        assert_eq!(wide.coverage[i][i], 1.0);
        for j in (0..n).filter(|&j| j != i) {
            let (w, p) = (wide.coverage[i][j] as f64, pairs.coverage[i][j] as f64);
            assert!((0.0..=1.0).contains(&w), "coverage {w} at {i},{j}");
            diff += (w - p).abs();
            mean_w += w;
            mean_p += p;
        }
    }
    let cells = (n * (n - 1)) as f64;
    let (diff, mean_w, mean_p) = (diff / cells, mean_w / cells, mean_p / cells);
    println!(
        "coverage: mean {mean_w:.3} story-wide, {mean_p:.3} every pair; cell difference {diff:.3}"
    );
    assert!(diff <= 0.06, "mean coverage difference {diff:.3}");
    assert!((mean_w - mean_p).abs() <= 0.03, "{mean_w:.3} / {mean_p:.3}");
    // Claims: the sentence pairs put together, against every pair aligned.
    let (w, p) = (together(&wide), together(&pairs));
    let both = w.intersection(&p).count() as f64;
    let (precision, recall) = (both / w.len() as f64, both / p.len() as f64);
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!(
        "claims: P {precision:.3} R {recall:.3} F1 {f1:.3} ({} / {} pairs)",
        w.len(),
        p.len()
    );
    assert!(f1 >= 0.7, "claim agreement F1 {f1:.3}");
    // A claim has one sentence per report, and every sentence is in one claim at most.
    for (k, c) in wide.claims.iter().enumerate() {
        let reports: HashSet<usize> = c.sentences.iter().map(|s| s.0).collect();
        assert_eq!(reports.len(), c.sentences.len(), "claim {k}");
        assert_eq!(c.reports.len(), reports.len());
        for &(r, s) in &c.sentences {
            assert_eq!(wide.claim_of[r][s], k);
        }
    }
}
