//! Golden renderings of the alignment of every seed pair (`L3 ↔ R2  same 0.81 ...`), so any
//! change in what the aligner links shows up in review as a diff of these files.

use parallax::engine::compare::{compare, render};
use parallax::engine::entities::extract_story;
use parallax::engine::load::{Input, LoadOptions, SEEDS, load_input};

#[test]
fn every_seed_pair() {
    let articles: Vec<_> = (0..SEEDS.len())
        .map(|i| {
            load_input(&Input::Seed(i), &LoadOptions::default())
                .expect("seed")
                .articles
                .remove(0)
        })
        .collect();
    let ex = extract_story(&articles);
    for i in 0..articles.len() {
        for j in i + 1..articles.len() {
            let (a, b) = (&articles[i], &articles[j]);
            let c = compare((a, &ex[i]), (b, &ex[j]));
            let name = format!("align_{i:03}__{j:03}");
            insta::assert_snapshot!(name, render::links_text(&c, a, b));
        }
    }
}

#[test]
fn text_format_fits_its_width() {
    let a = load_input(&Input::Seed(0), &LoadOptions::default())
        .unwrap()
        .articles
        .remove(0);
    let b = load_input(&Input::Seed(1), &LoadOptions::default())
        .unwrap()
        .articles
        .remove(0);
    let ex = extract_story(&[a.clone(), b.clone()]);
    let c = compare((&a, &ex[0]), (&b, &ex[1]));
    for width in [40, 60, 100, 160] {
        let text = render::to_text(&c, &a, &b, width);
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "{width}: {line:?}"
            );
        }
        assert!(text.contains("only B >"), "one-sided rows are marked");
    }
    let md = render::to_markdown(&c, &a, &b);
    assert!(md.contains("## Only in A") && md.contains("## Discrepancies"));
    assert!(
        md.contains("**Istanbul**") && md.contains("**Turkey**"),
        "{md}"
    );
}

#[test]
fn summary_counts_agree_with_their_nouns_and_stay_together() {
    let load = |i| {
        load_input(&Input::Seed(i), &LoadOptions::default())
            .unwrap()
            .articles
            .remove(0)
    };
    // 000 / 003: one discrepancy (where Zelenskyy invited Putin), one sentence only in A.
    let (a, b) = (load(0), load(3));
    let ex = extract_story(&[a.clone(), b.clone()]);
    let c = compare((&a, &ex[0]), (&b, &ex[1]));
    assert_eq!(c.discrepancies.len(), 1, "{:?}", c.discrepancies);
    assert_eq!(c.counts().1, 1, "{:?}", c.alignment.left_only);
    let text = render::to_text(&c, &a, &b, 160);
    assert!(
        text.contains(" · 1 only in A · ") && text.contains(" · 1 discrepancy\n"),
        "{text}"
    );
    let md = render::to_markdown(&c, &a, &b);
    assert!(
        md.contains(", 1 sentence only in A, ") && md.contains(", 1 discrepancy.\n"),
        "{md}"
    );
    // A report against itself: at no width does the summary part a number from its noun.
    let ex = extract_story(&[a.clone(), a.clone()]);
    let c = compare((&a, &ex[0]), (&a, &ex[1]));
    for width in 40..=160 {
        let text = render::to_text(&c, &a, &a, width);
        let summary: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("B covers"))
            .take_while(|l| !l.starts_with('─'))
            .collect();
        assert!(
            summary.join(" · ").ends_with(" · 0 discrepancies"),
            "{width}: {text}"
        );
        for line in &summary {
            let last = line.split_whitespace().next_back().unwrap_or("");
            assert!(
                !last.chars().all(|ch| ch.is_ascii_digit()),
                "{width}: {line:?} ends with a bare number"
            );
            assert!(unicode_width::UnicodeWidthStr::width(*line) <= width);
        }
    }
}
