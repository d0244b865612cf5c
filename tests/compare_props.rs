//! Property tests of the comparison: the word-diff pieces of each side concatenate back to its
//! sentences; every sentence is either linked or in its side's `_only` list (never both) and
//! sits in exactly one display row; an article compared with itself pairs every sentence with
//! itself as `same`; the JSON rendered on the thread pool is byte for byte serde_json's;
//! nothing panics.

use parallax::engine::Article;
use parallax::engine::article::{Format, Source};
use parallax::engine::compare::render::to_json;
use parallax::engine::compare::{Comparison, align::LinkKind, compare};
use parallax::engine::entities::extract;
use parallax::engine::load::parse;
use proptest::prelude::*;

/// The article of `text` (`None` where the loader refuses it, e.g. no words at all).
fn article(text: &str) -> Option<Article> {
    parse(Source::Stdin, text.as_bytes(), Format::Text)
        .ok()?
        .articles
        .pop()
}

fn newsish() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Russia",
        "Ukraine",
        "talks",
        "in",
        "Istanbul",
        "Ankara",
        "Putin",
        "said",
        "12,000",
        "three",
        "years",
        "the",
        "delegation",
        "met",
        "U.S.",
        "“",
        "”",
        ".",
        ",",
        "\n",
        "\n\n",
        "Zelensky",
        "Zelenskyy",
        "declined",
        "invitation",
        "ceasefire",
        "on",
        "Friday",
        "é",
        "—",
    ]);
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
}

/// `compare --json`'s renderer (pairs, rows and sentences in chunks, maybe in parallel)
/// writes what `serde_json::to_vec_pretty` writes.
fn check_json(c: &Comparison, a: &Article, b: &Article) {
    let json = to_json(c, a, b);
    let want = serde_json::to_vec_pretty(&json).expect("serializes");
    assert_eq!(json.to_vec_pretty(false).expect("serializes"), want);
    assert_eq!(json.to_vec_pretty(true).expect("serializes"), want);
}

fn check(a: &Article, b: &Article) {
    let (ea, eb) = (extract(a), extract(b));
    let c = compare((a, &ea), (b, &eb));
    check_json(&c, a, b);
    for (side, sentences, only, art) in [
        (true, &c.left_sentences, &c.alignment.left_only, a),
        (false, &c.right_sentences, &c.alignment.right_only, b),
    ] {
        for i in 0..sentences.len() {
            let linked = c
                .alignment
                .links
                .iter()
                .any(|l| if side { l.left == i } else { l.right == i });
            assert!(linked ^ only.contains(&i), "sentence {i}: linked {linked}");
            // Shown in full in exactly one row (a right sentence may be referred to from
            // other rows: `refs`).
            let rows = c
                .rows
                .iter()
                .filter(|r| {
                    if side {
                        r.left.contains(&i)
                    } else {
                        r.right.contains(&i)
                    }
                })
                .count();
            assert_eq!(rows, 1, "sentence {i} in {rows} rows");
        }
        for (k, row) in c.rows.iter().enumerate() {
            let (idx, pieces): (Vec<usize>, _) = if side {
                (row.left.clone(), &row.diff.left)
            } else {
                (row.matched_right().collect(), &row.diff.right)
            };
            assert_eq!(idx.len(), pieces.len());
            for r in &row.refs {
                assert!(
                    c.rows
                        .get(r.row)
                        .is_some_and(|x| x.right.contains(&r.right) && r.row != k),
                    "a reference points at the row showing the sentence"
                );
            }
            for (&i, ps) in idx.iter().zip(pieces) {
                let text: String = ps.iter().map(|p| art.slice(p.range)).collect();
                assert_eq!(text, art.slice(sentences[i].span));
            }
        }
    }
    for (l, d) in c.alignment.links.iter().zip(&c.link_diffs) {
        let text: String = d.left[0].iter().map(|p| a.slice(p.range)).collect();
        assert_eq!(text, a.slice(c.left_sentences[l.left].span));
        let text: String = d.right[0].iter().map(|p| b.slice(p.range)).collect();
        assert_eq!(text, b.slice(c.right_sentences[l.right].span));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn pieces_rows_and_lists_are_complete(x in newsish(), y in newsish()) {
        if let (Some(a), Some(b)) = (article(&x), article(&y)) {
            check(&a, &b);
        }
    }

    #[test]
    fn an_article_aligns_with_itself(x in newsish()) {
        if let Some(a) = article(&x) {
            let ex = extract(&a);
            let c = compare((&a, &ex), (&a, &ex));
            for i in 0..c.left_sentences.len() {
                // Sentences made only of punctuation have no words to compare.
                if parallax::engine::segment::words(&a.text, c.left_sentences[i].span).is_empty() {
                    continue;
                }
                prop_assert!(
                    c.alignment.links.iter().any(|l| l.left == i && l.right == i && l.kind == LinkKind::Same),
                    "sentence {} {:?} not paired with itself", i, a.slice(c.left_sentences[i].span)
                );
            }
        }
    }
}

#[test]
fn seeds_with_themselves() {
    for i in 0..5 {
        let a = parallax::engine::load::load_input(
            &parallax::engine::load::Input::Seed(i),
            &Default::default(),
        )
        .unwrap()
        .articles
        .remove(0);
        check(&a, &a);
        let ex = extract(&a);
        let c = compare((&a, &ex), (&a, &ex));
        assert!(c.alignment.left_only.is_empty(), "seed {i}");
    }
}

/// A pair long enough for several of the JSON renderer's chunks (256 items): every seed five
/// times, against the same in reverse order.
#[test]
fn long_pair_json_in_chunks() {
    let seeds: Vec<String> = (0..5)
        .map(|i| {
            parallax::engine::load::load_input(
                &parallax::engine::load::Input::Seed(i),
                &Default::default(),
            )
            .unwrap()
            .articles
            .remove(0)
            .text
        })
        .collect();
    let forward = vec![seeds.join("\n\n"); 5].join("\n\n");
    let backward: Vec<&str> = seeds.iter().rev().map(String::as_str).collect();
    let backward = vec![backward.join("\n\n"); 5].join("\n\n");
    let (a, b) = (article(&forward).unwrap(), article(&backward).unwrap());
    let (ea, eb) = (extract(&a), extract(&b));
    let c = compare((&a, &ea), (&b, &eb));
    assert!(
        c.rows.len() > 512 && c.alignment.links.len() > 512,
        "{} rows",
        c.rows.len()
    );
    check_json(&c, &a, &b);
}
