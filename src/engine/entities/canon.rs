//! Canonical names across a story: a surname joins the full name (`Putin` → `Vladimir
//! Putin`), spelling variants join (`Zelensky`/`Zelenskyy`, `Erdogan`/`Erdoğan`: diacritics
//! folded, edit distance 1 on long names), short forms join (`U.S.`/`US`/`United States` by
//! the gazetteer; an acronym joins the name whose initials it spells). The canonical is the
//! longest, most frequent full form.

use super::gazetteer::FxMap;
use super::lexicon::{fold, variant};
use super::tagger::Raw;
use super::{EntityKind, Mention};

/// Turns raw mentions (one list per article) into mentions with story-wide canonical names.
pub fn canonicalise(texts: &[&str], raws: &[Vec<Raw>]) -> Vec<Vec<Mention>> {
    // Surface forms of PERSON mentions with counts, in first-seen order.
    let mut people: Vec<(String, usize)> = Vec::new();
    let mut index: FxMap<&str, usize> = FxMap::default();
    // Multi-word names by type and initials ([`acronym_key`]), for the acronyms that spell them.
    let mut acronyms: FxMap<String, String> = FxMap::default();
    let mut key = String::new();
    for (text, list) in texts.iter().zip(raws) {
        for r in list {
            let surface = text.get(r.span.range()).unwrap_or("");
            if r.kind == EntityKind::Person {
                let k = match index.get(surface) {
                    Some(&k) => k,
                    None => {
                        people.push((surface.to_string(), 0));
                        index.insert(surface, people.len() - 1);
                        people.len() - 1
                    }
                };
                people[k].1 += 1;
            } else if matches!(r.kind, EntityKind::Org | EntityKind::Gpe | EntityKind::Loc)
                && surface.split_whitespace().nth(1).is_some()
            {
                acronym_key(
                    r.kind,
                    surface
                        .split_whitespace()
                        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())),
                    &mut key,
                );
                if !acronyms.contains_key(key.as_str()) {
                    let canonical = r.canonical.clone().unwrap_or_else(|| surface.to_string());
                    acronyms.insert(key.clone(), canonical);
                }
            }
        }
    }
    let person_canon = cluster_people(&people);
    texts
        .iter()
        .zip(raws)
        .map(|(text, list)| {
            list.iter()
                .map(|r| {
                    let surface = text.get(r.span.range()).unwrap_or("");
                    let canonical = match r.kind {
                        EntityKind::Person => person_canon
                            .get(surface)
                            .cloned()
                            .unwrap_or_else(|| surface.to_string()),
                        EntityKind::Org | EntityKind::Gpe | EntityKind::Loc => {
                            r.canonical.clone().unwrap_or_else(|| {
                                if surface.contains(' ') {
                                    return surface.to_string();
                                }
                                acronym_key(
                                    r.kind,
                                    surface.chars().filter(|c| *c != '.'),
                                    &mut key,
                                );
                                acronyms
                                    .get(key.as_str())
                                    .cloned()
                                    .unwrap_or_else(|| surface.to_string())
                            })
                        }
                        _ => surface.to_string(),
                    };
                    Mention {
                        span: r.span,
                        kind: r.kind,
                        canonical,
                    }
                })
                .collect()
        })
        .collect()
}

/// The key of [`canonicalise`]'s acronym map, in `key`: the type, then the letters.
fn acronym_key(kind: EntityKind, letters: impl Iterator<Item = char>, key: &mut String) {
    key.clear();
    key.push(char::from(b'0' + kind as u8));
    key.extend(letters);
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Maps each PERSON surface form to its canonical name.
fn cluster_people(people: &[(String, usize)]) -> FxMap<String, String> {
    let n = people.len();
    let folded: Vec<Vec<String>> = people
        .iter()
        .map(|(s, _)| fold(s).split_whitespace().map(str::to_string).collect())
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    let last = |k: usize| folded[k].last().map_or("", String::as_str);
    // Full names: same surname (or variant) and compatible first parts.
    for a in 0..n {
        for b in a + 1..n {
            let (fa, fb) = (&folded[a], &folded[b]);
            if fa.len() < 2 || fb.len() < 2 || !variant(last(a), last(b)) {
                continue;
            }
            let same_first = variant(&fa[0], &fb[0]) || fa[0] == fb[0];
            let (short, long) = if fa.len() <= fb.len() {
                (fa, fb)
            } else {
                (fb, fa)
            };
            let suffix = long.ends_with(short.as_slice());
            if same_first || suffix {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra] = rb;
            }
        }
    }
    // Cluster sizes, for choosing among full names that share a surname.
    let mut weight = vec![0usize; n];
    for (k, (_, count)) in people.iter().enumerate() {
        let r = find(&mut parent, k);
        weight[r] += count;
    }
    for s in 0..n {
        if folded[s].len() != 1 {
            continue;
        }
        let best = (0..n)
            .filter(|&f| folded[f].len() >= 2 && variant(last(f), &folded[s][0]))
            .max_by_key(|&f| {
                let r = find(&mut parent.clone(), f);
                weight[r]
            });
        let target = best.or_else(|| {
            (0..s).find(|&o| folded[o].len() == 1 && variant(&folded[o][0], &folded[s][0]))
        });
        if let Some(t) = target {
            let (rs, rt) = (find(&mut parent, s), find(&mut parent, t));
            if rs != rt {
                parent[rs] = rt;
            }
        }
    }
    // Canonical: the most tokens, then the most frequent, then the first seen.
    let mut best: FxMap<usize, usize> = FxMap::default();
    for k in 0..n {
        let r = find(&mut parent, k);
        let e = best.entry(r).or_insert(k);
        let cur = *e;
        let key = |x: usize| (folded[x].len(), people[x].1);
        if key(k) > key(cur) {
            *e = k;
        }
    }
    (0..n)
        .map(|k| {
            let r = find(&mut parent, k);
            (people[k].0.clone(), people[best[&r]].0.clone())
        })
        .collect()
}
