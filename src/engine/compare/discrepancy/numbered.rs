//! Numbering the values and names of a story's reports once ([`number_facts`]), so that
//! comparing them pair by pair compares numbers, not strings.

use super::Side;
use rustc_hash::FxHashMap;

/// Numbers the sentences of `sides` by the values they give (keys and slot words, kind by
/// kind): two sentences with one number give no discrepancy against each other, so
/// [`super::find_in`] skips their links (copies of a sentence across a story).
pub fn number_facts(sides: &mut [Side]) {
    let numbering = crate::engine::compare::align::next_uid();
    let mut facts: FxHashMap<String, u32> = FxHashMap::default();
    let mut keys: FxHashMap<String, u32> = FxHashMap::default();
    let mut names: FxHashMap<String, u32> = FxHashMap::default();
    for side in sides.iter_mut() {
        side.numbering = numbering;
        let mut ids = Vec::with_capacity(side.sentences.len());
        for f in side.sentences.iter_mut() {
            let mut key = String::new();
            for vals in f.vals.iter_mut() {
                for v in vals.iter_mut() {
                    let n = keys.len() as u32;
                    v.key_id = *keys.entry(v.key.clone()).or_insert(n);
                    for part in [Some(v.key.as_str()), v.ctx.1.as_deref(), v.ctx.2.as_deref()] {
                        match part {
                            Some(p) => key.push_str(&format!("{}:{p}", p.len())),
                            None => key.push('-'),
                        }
                    }
                }
                key.push('|');
            }
            let n = facts.len() as u32;
            ids.push(*facts.entry(key).or_insert(n));
            f.people_ids = f
                .people
                .iter()
                .map(|&(_, name)| {
                    let n = names.len() as u32;
                    *names.entry(name.to_string()).or_insert(n)
                })
                .collect();
            f.people_ids.sort_unstable();
        }
        side.facts = ids;
    }
}

/// Whether two sorted lists share nothing.
pub(super) fn disjoint<T: Ord>(a: &[T], b: &[T]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}
