//! Scoring extracted mentions against labelled gold, exactly as
//! `../shared/gold/score_entities.py` does: mention-level exact span+type P/R/F1
//! (overall and per type), untyped and overlap variants, and entity-level scores on the set of
//! canonical names per article. Pure functions, so tests, examples and the binary share them.

use super::{EntityKind, Extraction};
use crate::engine::article::Article;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

/// One mention in the gold format (byte offsets into the file as read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalMention {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub canonical: String,
}

/// Precision, recall, F1 and the counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            p,
            r,
            f1,
            tp,
            fp,
            fn_,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub mention_exact: Prf,
    pub mention_exact_per_type: Vec<(String, Prf)>,
    pub mention_exact_untyped: Prf,
    pub mention_overlap: Prf,
    pub entity_name: Prf,
    pub entity_name_type: Prf,
    pub entity_name_type_per_type: Vec<(String, Prf)>,
}

/// Reads one gold or prediction file: `(file, mentions)`.
pub fn parse_file(json: &str) -> Option<(String, Vec<EvalMention>)> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    let file = v.get("file")?.as_str()?.to_string();
    let mut out = Vec::new();
    for m in v.get("mentions")?.as_array()? {
        let start = m.get("start")?.as_u64()? as usize;
        let end = m.get("end")?.as_u64()? as usize;
        let kind = m.get("type")?.as_str()?.to_string();
        let text = m.get("text").and_then(|t| t.as_str()).unwrap_or("");
        let canonical = m
            .get("canonical")
            .and_then(|t| t.as_str())
            .filter(|c| !c.is_empty())
            .unwrap_or(text)
            .to_string();
        out.push(EvalMention {
            start,
            end,
            kind,
            canonical,
        });
    }
    Some((file, out))
}

/// An extraction in the evaluation format, offsets mapped to the input as read.
pub fn from_extraction(article: &Article, ex: &Extraction) -> Vec<EvalMention> {
    ex.mentions
        .iter()
        .map(|m| EvalMention {
            start: article.source_map.to_source(m.span.start),
            end: article.source_map.to_source(m.span.end),
            kind: m.kind.label().to_string(),
            canonical: m.canonical.clone(),
        })
        .collect()
}

fn norm_name(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

type Key = (usize, usize, String);

/// Scores predictions against gold. Files are matched by name; a gold file without a
/// prediction counts as an article with no predictions; unknown predictions are ignored.
pub fn score(
    gold: &[(String, Vec<EvalMention>)],
    pred: &HashMap<String, Vec<EvalMention>>,
) -> Scores {
    let mut ex: HashMap<String, [usize; 3]> = HashMap::new();
    let (mut all, mut unt, mut ov, mut en, mut ent) = ([0; 3], [0; 3], [0; 3], [0; 3], [0; 3]);
    let mut ent_type: HashMap<String, [usize; 3]> = HashMap::new();
    let empty = Vec::new();
    let add = |c: &mut [usize; 3], g: usize, p: usize, both: usize| {
        c[0] += both;
        c[1] += p - both;
        c[2] += g - both;
    };
    for (file, gm) in gold {
        let pm = pred.get(file).unwrap_or(&empty);
        let gset: HashSet<Key> = gm
            .iter()
            .map(|m| (m.start, m.end, m.kind.clone()))
            .collect();
        let pset: HashSet<Key> = pm
            .iter()
            .map(|m| (m.start, m.end, m.kind.clone()))
            .collect();
        let types: BTreeSet<&String> = gset.iter().chain(&pset).map(|k| &k.2).collect();
        for t in types {
            let g: HashSet<&Key> = gset.iter().filter(|k| &k.2 == t).collect();
            let p: HashSet<&Key> = pset.iter().filter(|k| &k.2 == t).collect();
            add(
                ex.entry(t.clone()).or_default(),
                g.len(),
                p.len(),
                g.intersection(&p).count(),
            );
        }
        add(
            &mut all,
            gset.len(),
            pset.len(),
            gset.intersection(&pset).count(),
        );
        let gs: HashSet<(usize, usize)> = gset.iter().map(|k| (k.0, k.1)).collect();
        let ps: HashSet<(usize, usize)> = pset.iter().map(|k| (k.0, k.1)).collect();
        add(&mut unt, gs.len(), ps.len(), gs.intersection(&ps).count());
        // Overlap: same type, one-to-one, greedy by overlap size.
        let mut gl: Vec<&Key> = gset.iter().collect();
        let mut pl: Vec<&Key> = pset.iter().collect();
        gl.sort();
        pl.sort();
        let mut cands = Vec::new();
        for (gi, g) in gl.iter().enumerate() {
            for (pi, p) in pl.iter().enumerate() {
                if g.2 == p.2 {
                    let o = g.1.min(p.1) as i64 - g.0.max(p.0) as i64;
                    if o > 0 {
                        cands.push((-o, gi, pi));
                    }
                }
            }
        }
        cands.sort();
        let (mut ug, mut up) = (HashSet::new(), HashSet::new());
        for (_, gi, pi) in cands {
            if !ug.contains(&gi) && !up.contains(&pi) {
                ug.insert(gi);
                up.insert(pi);
            }
        }
        ov[0] += ug.len();
        ov[1] += pl.len() - up.len();
        ov[2] += gl.len() - ug.len();
        // Entity level.
        let gn: HashSet<String> = gm.iter().map(|m| norm_name(&m.canonical)).collect();
        let pn: HashSet<String> = pm.iter().map(|m| norm_name(&m.canonical)).collect();
        add(&mut en, gn.len(), pn.len(), gn.intersection(&pn).count());
        let gnt: HashSet<(String, String)> = gm
            .iter()
            .map(|m| (norm_name(&m.canonical), m.kind.clone()))
            .collect();
        let pnt: HashSet<(String, String)> = pm
            .iter()
            .map(|m| (norm_name(&m.canonical), m.kind.clone()))
            .collect();
        add(
            &mut ent,
            gnt.len(),
            pnt.len(),
            gnt.intersection(&pnt).count(),
        );
        let types: BTreeSet<&String> = gnt.iter().chain(&pnt).map(|k| &k.1).collect();
        for t in types {
            let g: HashSet<_> = gnt.iter().filter(|k| &k.1 == t).collect();
            let p: HashSet<_> = pnt.iter().filter(|k| &k.1 == t).collect();
            add(
                ent_type.entry(t.clone()).or_default(),
                g.len(),
                p.len(),
                g.intersection(&p).count(),
            );
        }
    }
    let mut all_types: Vec<String> = EntityKind::ALL
        .iter()
        .map(|k| k.label().to_string())
        .collect();
    let mut extra: Vec<String> = ex
        .keys()
        .filter(|t| EntityKind::from_label(t).is_none())
        .cloned()
        .collect();
    extra.sort();
    all_types.extend(extra);
    let prf = |c: [usize; 3]| Prf::new(c[0], c[1], c[2]);
    Scores {
        mention_exact: prf(all),
        mention_exact_per_type: all_types
            .iter()
            .map(|t| (t.clone(), prf(ex.get(t).copied().unwrap_or_default())))
            .collect(),
        mention_exact_untyped: prf(unt),
        mention_overlap: prf(ov),
        entity_name: prf(en),
        entity_name_type: prf(ent),
        entity_name_type_per_type: all_types
            .iter()
            .map(|t| (t.clone(), prf(ent_type.get(t).copied().unwrap_or_default())))
            .collect(),
    }
}

fn line(out: &mut String, name: &str, r: &Prf) {
    let _ = writeln!(
        out,
        "{:<26} P={:.3} R={:.3} F1={:.3}  (tp={} fp={} fn={})",
        name, r.p, r.r, r.f1, r.tp, r.fp, r.fn_
    );
}

/// The scores as a table, in the layout of `score_entities.py`.
pub fn format(s: &Scores) -> String {
    let mut out = String::new();
    line(&mut out, "mention/exact", &s.mention_exact);
    for (t, r) in &s.mention_exact_per_type {
        line(&mut out, &format!("  exact {t}"), r);
    }
    line(&mut out, "mention/exact-untyped", &s.mention_exact_untyped);
    line(&mut out, "mention/overlap", &s.mention_overlap);
    line(&mut out, "entity/name", &s.entity_name);
    line(&mut out, "entity/name+type", &s.entity_name_type);
    for (t, r) in &s.entity_name_type_per_type {
        line(&mut out, &format!("  entity {t}"), r);
    }
    out
}
