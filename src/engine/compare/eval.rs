//! Scoring sentence alignments against the labelled seed pairs, the way
//! `tests/fixtures/gold/score_alignment.py` does: predicted sentences are byte spans, each
//! mapped to the gold sentences it covers (at least half of one), or else to the one it overlaps
//! most; P/R/F1 micro-averaged, counting every link ("any") or `same` links only, for the
//! development pair (000, 001) and the four test pairs.

use super::align::{Corpus, LinkKind};
use crate::engine::article::{Article, Span};
use crate::engine::entities::eval::Prf;
use crate::engine::entities::{self, Extraction};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

/// The development pair; the others are test pairs.
pub const DEV: (&str, &str) = ("000", "001");

/// One labelled pair: gold sentence spans of each side and labelled index pairs.
#[derive(Debug, Clone)]
pub struct GoldPair {
    pub a: String,
    pub b: String,
    pub a_spans: Vec<Span>,
    pub b_spans: Vec<Span>,
    pub pairs: Vec<(usize, usize, LinkKind)>,
}

impl GoldPair {
    pub fn is_dev(&self) -> bool {
        self.a.starts_with(DEV.0) && self.b.starts_with(DEV.1)
    }
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn gold_spans(dir: &Path, file: &str) -> Result<Vec<Span>, String> {
    let path = dir.join("sentences").join(file.replace(".txt", ".json"));
    let v = read_json(&path)?;
    let list = v["sentences"]
        .as_array()
        .ok_or_else(|| format!("{}: no sentences", path.display()))?;
    list.iter()
        .map(|s| {
            let start = s["start"].as_u64().ok_or("start")? as usize;
            let end = s["end"].as_u64().ok_or("end")? as usize;
            Ok(Span::new(start, end))
        })
        .collect::<Result<_, &str>>()
        .map_err(|e| format!("{}: bad {e}", path.display()))
}

/// Reads every `alignment/<A>__<B>.json` of a gold directory, sorted by name.
pub fn read_gold(dir: &Path) -> Result<Vec<GoldPair>, String> {
    let adir = dir.join("alignment");
    let mut names: Vec<_> = std::fs::read_dir(&adir)
        .map_err(|e| format!("{}: {e}", adir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("__") && n.ends_with(".json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let v = read_json(&adir.join(&name))?;
        let a = v["a"].as_str().ok_or(format!("{name}: no a"))?.to_string();
        let b = v["b"].as_str().ok_or(format!("{name}: no b"))?.to_string();
        let mut pairs = Vec::new();
        for p in v["pairs"].as_array().ok_or(format!("{name}: no pairs"))? {
            let i = p[0].as_u64().ok_or(format!("{name}: bad pair"))? as usize;
            let j = p[1].as_u64().ok_or(format!("{name}: bad pair"))? as usize;
            let kind = if p[2].as_str() == Some("same") {
                LinkKind::Same
            } else {
                LinkKind::Partial
            };
            pairs.push((i, j, kind));
        }
        out.push(GoldPair {
            a_spans: gold_spans(dir, &a)?,
            b_spans: gold_spans(dir, &b)?,
            a,
            b,
            pairs,
        });
    }
    Ok(out)
}

/// The gold sentences a predicted span stands for (the scorer's rule).
pub fn map_span(span: Span, gold: &[Span]) -> Vec<usize> {
    let overlap = |g: &Span| span.end.min(g.end).saturating_sub(span.start.max(g.start));
    let covered: Vec<usize> = gold
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.is_empty() && 2 * overlap(g) >= g.len())
        .map(|(i, _)| i)
        .collect();
    if !covered.is_empty() {
        return covered;
    }
    let best = gold
        .iter()
        .enumerate()
        .map(|(i, g)| (overlap(g), i))
        .filter(|(o, _)| *o > 0)
        .max_by_key(|&(o, i)| (o, std::cmp::Reverse(i)));
    best.map(|(_, i)| vec![i]).unwrap_or_default()
}

/// Predicted links of one pair as `(a_span, b_span, kind)`.
pub type Predicted = Vec<(Span, Span, LinkKind)>;

/// Counts for one pair: (any tp, fp, fn), (same tp, fp, fn).
pub fn count(gold: &GoldPair, pred: &Predicted) -> ([usize; 3], [usize; 3]) {
    let mut any: HashSet<(usize, usize)> = HashSet::new();
    let mut same: HashSet<(usize, usize)> = HashSet::new();
    for &(sa, sb, kind) in pred {
        for i in map_span(sa, &gold.a_spans) {
            for j in map_span(sb, &gold.b_spans) {
                any.insert((i, j));
                if kind == LinkKind::Same {
                    same.insert((i, j));
                }
            }
        }
    }
    let g_any: HashSet<(usize, usize)> = gold.pairs.iter().map(|&(i, j, _)| (i, j)).collect();
    let g_same: HashSet<(usize, usize)> = gold
        .pairs
        .iter()
        .filter(|p| p.2 == LinkKind::Same)
        .map(|&(i, j, _)| (i, j))
        .collect();
    let c = |p: &HashSet<(usize, usize)>, g: &HashSet<(usize, usize)>| {
        let tp = p.intersection(g).count();
        [tp, p.len() - tp, g.len() - tp]
    };
    (c(&any, &g_any), c(&same, &g_same))
}

/// Scores of a run: per pair and summed over dev / test.
#[derive(Debug, Clone, Default)]
pub struct AlignScores {
    pub per_pair: Vec<(String, Prf, Prf)>,
    pub dev_any: Prf,
    pub dev_same: Prf,
    pub test_any: Prf,
    pub test_same: Prf,
}

pub fn score(gold: &[GoldPair], preds: &[Predicted]) -> AlignScores {
    let mut out = AlignScores::default();
    let (mut dev, mut test) = ([[0usize; 3]; 2], [[0usize; 3]; 2]);
    for (g, p) in gold.iter().zip(preds) {
        let (any, same) = count(g, p);
        let name = format!("{}–{}", &g.a[..3.min(g.a.len())], &g.b[..3.min(g.b.len())]);
        out.per_pair.push((
            name,
            Prf::new(any[0], any[1], any[2]),
            Prf::new(same[0], same[1], same[2]),
        ));
        let acc = if g.is_dev() { &mut dev } else { &mut test };
        for k in 0..3 {
            acc[0][k] += any[k];
            acc[1][k] += same[k];
        }
    }
    let prf = |c: [usize; 3]| Prf::new(c[0], c[1], c[2]);
    out.dev_any = prf(dev[0]);
    out.dev_same = prf(dev[1]);
    out.test_any = prf(test[0]);
    out.test_same = prf(test[1]);
    out
}

/// A printable table of the scores.
pub fn format(s: &AlignScores) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
        "pair", "anyP", "anyR", "anyF1", "sameP", "sameR", "sameF1"
    );
    let row = |out: &mut String, name: &str, a: &Prf, b: &Prf| {
        let _ = writeln!(
            out,
            "{name:<10} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
            a.p, a.r, a.f1, b.p, b.r, b.f1
        );
    };
    for (name, a, b) in &s.per_pair {
        row(&mut out, name, a, b);
    }
    row(&mut out, "dev", &s.dev_any, &s.dev_same);
    row(&mut out, "test", &s.test_any, &s.test_same);
    out
}

/// Loads the seeds, extracts them as one story, aligns every labelled pair with `params` and
/// returns the gold, the predictions and the scores.
pub fn run_seeds(
    gold_dir: &Path,
    params: super::align::Params,
) -> Result<(Vec<GoldPair>, Vec<Predicted>, AlignScores), String> {
    use crate::engine::load::SEEDS;
    let gold = read_gold(gold_dir)?;
    let (articles, extractions) = seed_articles()?;
    let find = |file: &str| {
        SEEDS
            .iter()
            .position(|(name, _)| *name == file)
            .ok_or_else(|| format!("{file}: not a seed"))
    };
    let mut preds = Vec::new();
    for g in &gold {
        // As `parallax compare A B` does: term rarity measured over the two reports.
        let (ia, ib) = (find(&g.a)?, find(&g.b)?);
        let corpus = Corpus::with_params(
            &[&articles[ia], &articles[ib]],
            &[&extractions[ia], &extractions[ib]],
            params,
        );
        let al = corpus.align(0, 1);
        let (da, db) = (&corpus.docs[0], &corpus.docs[1]);
        preds.push(
            al.links
                .iter()
                .map(|l| {
                    (
                        da.sentences[l.left].span,
                        db.sentences[l.right].span,
                        l.kind,
                    )
                })
                .collect(),
        );
    }
    let scores = score(&gold, &preds);
    Ok((gold, preds, scores))
}

/// The TF-IDF cosine baseline, computed in the same run as the aligner: sentences as bags of
/// case-folded words, `idf = ln((1 + n) / (1 + df)) + 1` over the pair's sentences, raw term
/// counts, cosine; a pair is linked at or above `threshold`.
pub fn tfidf_links(
    a: &[Vec<crate::engine::segment::Word>],
    b: &[Vec<crate::engine::segment::Word>],
    threshold: f32,
) -> Vec<(usize, usize)> {
    use std::collections::HashMap;
    let n = (a.len() + b.len()) as f32;
    let mut df: HashMap<&str, f32> = HashMap::new();
    for s in a.iter().chain(b) {
        let set: HashSet<&str> = s.iter().map(|w| &*w.norm).collect();
        for w in set {
            *df.entry(w).or_default() += 1.0;
        }
    }
    fn vec<'a>(
        s: &'a [crate::engine::segment::Word],
        df: &HashMap<&str, f32>,
        n: f32,
    ) -> HashMap<&'a str, f32> {
        let mut v: HashMap<&str, f32> = HashMap::new();
        for w in s {
            *v.entry(&*w.norm).or_default() += 1.0;
        }
        for (w, x) in v.iter_mut() {
            *x *= ((1.0 + n) / (1.0 + df.get(w).copied().unwrap_or(1.0))).ln() + 1.0;
        }
        let norm = v
            .values()
            .map(|x| x * x)
            .sum::<f32>()
            .sqrt()
            .max(f32::MIN_POSITIVE);
        v.values_mut().for_each(|x| *x /= norm);
        v
    }
    let (va, vb): (Vec<_>, Vec<_>) = (
        a.iter().map(|s| vec(s, &df, n)).collect(),
        b.iter().map(|s| vec(s, &df, n)).collect(),
    );
    let mut out = Vec::new();
    for (i, x) in va.iter().enumerate() {
        for (j, y) in vb.iter().enumerate() {
            let c: f32 = x.iter().filter_map(|(w, p)| y.get(w).map(|q| p * q)).sum();
            if c >= threshold {
                out.push((i, j));
            }
        }
    }
    out
}

/// The seeds' TF-IDF baseline: the threshold with the best "any" F1 on the development pair
/// (a grid of 0.05–0.80), and the scores it gives.
pub fn tfidf_seeds(gold_dir: &Path) -> Result<(f32, AlignScores), String> {
    let gold = read_gold(gold_dir)?;
    let (articles, extractions) = seed_articles()?;
    let docs: Vec<super::align::Doc> = (0..articles.len())
        .map(|i| {
            super::align::Corpus::new(&[&articles[i]], &[&extractions[i]])
                .docs
                .remove(0)
        })
        .collect();
    let find = |file: &str| {
        crate::engine::load::SEEDS
            .iter()
            .position(|(name, _)| *name == file)
            .ok_or_else(|| format!("{file}: not a seed"))
    };
    let predict = |th: f32| -> Result<Vec<Predicted>, String> {
        gold.iter()
            .map(|g| {
                let (da, db) = (&docs[find(&g.a)?], &docs[find(&g.b)?]);
                Ok(tfidf_links(&da.words, &db.words, th)
                    .into_iter()
                    .map(|(i, j)| {
                        (
                            da.sentences[i].span,
                            db.sentences[j].span,
                            LinkKind::Partial,
                        )
                    })
                    .collect())
            })
            .collect()
    };
    let mut best: Option<(f64, f32)> = None;
    for k in 5..=80 {
        let th = k as f32 / 100.0;
        let s = score(&gold, &predict(th)?);
        if best.is_none_or(|(f, _)| s.dev_any.f1 > f) {
            best = Some((s.dev_any.f1, th));
        }
    }
    let th = best.map_or(0.2, |b| b.1);
    Ok((th, score(&gold, &predict(th)?)))
}

fn seed_articles() -> Result<(Vec<Article>, Vec<Extraction>), String> {
    use crate::engine::load::{Input, LoadOptions, SEEDS, load_input};
    let mut articles: Vec<Article> = Vec::new();
    for i in 0..SEEDS.len() {
        let loaded =
            load_input(&Input::Seed(i), &LoadOptions::default()).map_err(|e| e.to_string())?;
        articles.extend(loaded.articles);
    }
    let extractions = entities::extract_story(&articles);
    Ok((articles, extractions))
}
