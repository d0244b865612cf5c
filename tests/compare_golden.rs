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
