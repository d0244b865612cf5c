//! Dumps the aligner's sentence terms as JSON (for experiments outside Rust).
//! `cargo run --release --example align_dump -- DIR... > out.json`: each DIR is read as one
//! story (every .txt in it); `seeds` means the built-in seeds.
use parallax::engine::Article;
use parallax::engine::article::{Format, Source};
use parallax::engine::compare::align::{aligned_sentences, sentence_terms};
use parallax::engine::entities::extract_story;
use parallax::engine::load::{Input, LoadOptions, SEEDS, load_input, parse};
use serde_json::json;

fn main() {
    let mut out = Vec::new();
    for dir in std::env::args().skip(1) {
        let mut arts: Vec<(String, Article)> = Vec::new();
        if dir == "seeds" {
            for (i, (name, _)) in SEEDS.iter().enumerate() {
                let a = load_input(&Input::Seed(i), &LoadOptions::default()).unwrap();
                arts.push((name.to_string(), a.articles.into_iter().next().unwrap()));
            }
        } else {
            let mut names: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            names.sort();
            for p in names {
                let bytes = std::fs::read(&p).unwrap();
                let a = parse(Source::File(p.clone()), &bytes, Format::Text).unwrap();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                arts.push((name, a.articles.into_iter().next().unwrap()));
            }
        }
        let just: Vec<Article> = arts.iter().map(|a| a.1.clone()).collect();
        let ex = extract_story(&just);
        for ((name, a), e) in arts.iter().zip(&ex) {
            let sents: Vec<_> = aligned_sentences(a)
                .iter()
                .map(|s| {
                    let (terms, words, _) = sentence_terms(a, e, s.span);
                    let ments: Vec<_> = e
                        .mentions_in(s.span)
                        .map(|m| json!([m.kind.label(), m.value_key(a), a.slice(m.span), m.span.start, m.span.end]))
                        .collect();
                    json!({"start": s.span.start, "end": s.span.end, "text": a.slice(s.span),
                           "block": format!("{:?}", a.blocks[s.block].kind),
                           "terms": terms.iter().map(|(t, bg, at)| json!([&**t, bg, at])).collect::<Vec<_>>(), "mentions": ments,
                           "words": words.iter().map(|w| json!([&*w.norm, &*w.stem, w.span.start])).collect::<Vec<_>>()})
                })
                .collect();
            out.push(json!({"story": dir, "name": name, "sentences": sents}));
        }
    }
    println!("{}", serde_json::to_string(&out).unwrap());
}
