//! Display rows of a comparison: which sentence matches which, in the left report's order.
//!
//! Each left sentence is a row of its own, with its own matches on the right (its links, best
//! first). A right sentence is shown in full once, in the row of the left sentence it matches
//! best (ties: the earlier one); every other row it matches refers to that row instead of
//! repeating it ([`RowRef`]). Nothing is merged transitively: two left sentences that share a
//! right sentence stay two rows. A right sentence no link reaches is a row of its own, placed
//! after the row that shows its predecessor in the right report, so unique material appears
//! where its report has it.

use super::align::{Alignment, Link, LinkKind};
use super::diff::WordDiff;
use std::sync::Arc;

/// A right sentence matched by a row but shown in full in another row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RowRef {
    pub right: usize,
    /// The index of the row that shows it.
    pub row: usize,
}

/// One display row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The left sentence of the row (none for a right sentence no link reaches).
    pub left: Vec<usize>,
    /// Right sentences shown in full in this row.
    pub right: Vec<usize>,
    /// Right sentences this row's left sentence matches that are shown in another row.
    pub refs: Vec<RowRef>,
    /// The links of this row's left sentence, best first.
    pub links: Vec<Link>,
    /// The strongest link of the row (`None` for a one-sided row).
    pub kind: Option<LinkKind>,
    pub score: f32,
    /// Pieces of each sentence of the row: `diff.left` for `left` (against the right
    /// sentences of its best and strong links), `diff.right` for `right` then `refs`, in that
    /// order. Shared with [`super::Comparison::link_diffs`] when the row is one linked pair.
    pub diff: Arc<WordDiff>,
}

impl Row {
    /// A row with sentences of one side only: nothing on the other side says it.
    pub fn is_one_sided(&self) -> bool {
        self.left.is_empty() || (self.right.is_empty() && self.refs.is_empty())
    }
    /// True when the row has something only one side says: a one-sided row, or words only one
    /// side has.
    pub fn has_difference(&self) -> bool {
        self.is_one_sided()
            || self
                .diff
                .left
                .iter()
                .chain(&self.diff.right)
                .flatten()
                .any(|p| p.change.is_difference())
    }
    /// Whether the row's best link is weak (see [`Link::is_weak`]): shown as unsure.
    pub fn is_weak(&self) -> bool {
        self.links.first().is_some_and(Link::is_weak)
    }
    /// The row's sign in the views: `=` a same link, `~` partial, `?` when its best link is
    /// weak (unsure); `None` for a one-sided row.
    pub fn sign(&self) -> Option<char> {
        match self.kind? {
            _ if self.is_weak() => Some('?'),
            LinkKind::Same => Some('='),
            LinkKind::Partial => Some('~'),
        }
    }
    /// Every right sentence the row matches: shown here, then referred to.
    pub fn matched_right(&self) -> impl Iterator<Item = usize> + '_ {
        self.right
            .iter()
            .copied()
            .chain(self.refs.iter().map(|r| r.right))
    }
}

/// A row of the view before it is filled: a left sentence's, or an unmatched right one's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Left(usize),
    Right(usize),
}

/// The rows in order: every visible left sentence in order (the first always); each right
/// sentence no link reaches right after the row that shows its predecessor, the right
/// sentence before it (at the top for the first). Several placed after one left sentence's
/// row come latest first, each followed by the unmatched sentences after it. Linear in the
/// number of sentences.
fn row_order(
    n_left: usize,
    n_right: usize,
    hidden: &impl Fn(usize) -> bool,
    home: &[Option<(f32, usize)>],
) -> Vec<Slot> {
    let unmatched = |j: usize| home.get(j).is_some_and(Option::is_none);
    // The unmatched right sentences whose predecessor a left sentence's row shows, by that
    // left sentence, latest first: each starts a run of unmatched sentences.
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n_left];
    for j in (1..n_right).rev() {
        if unmatched(j)
            && let Some(Some((_, i))) = home.get(j - 1)
            && let Some(a) = after.get_mut(*i)
        {
            a.push(j);
        }
    }
    let mut order = Vec::with_capacity(n_left + n_right);
    let run = |order: &mut Vec<Slot>, from: usize| {
        order.extend(
            (from..n_right)
                .take_while(|&j| unmatched(j))
                .map(Slot::Right),
        );
    };
    if unmatched(0) {
        run(&mut order, 0);
    }
    for i in (0..n_left).filter(|&i| !hidden(i) || i == 0) {
        order.push(Slot::Left(i));
        for &j in &after[i] {
            run(&mut order, j);
        }
    }
    order
}

/// Builds the rows (see the module documentation). A left sentence marked in `hidden` (a
/// repeated headline: it says what the headline says) joins the row before it instead of
/// making one, its links left out. `diff_of(left, right)`
/// gives the word diff of a row's sentences; the rows are made on the thread pool when
/// `parallel` (in order either way).
pub fn build(
    al: &Alignment,
    n_left: usize,
    n_right: usize,
    hidden: &[bool],
    parallel: bool,
    diff_of: impl Fn(&[usize], &[usize]) -> Arc<WordDiff> + Sync,
) -> Vec<Row> {
    let hidden = |i: usize| hidden.get(i).copied().unwrap_or(false);
    let mut by_left: Vec<Vec<Link>> = vec![Vec::new(); n_left];
    for l in al
        .links
        .iter()
        .filter(|l| l.left < n_left && l.right < n_right && !hidden(l.left))
    {
        by_left[l.left].push(*l);
    }
    for links in &mut by_left {
        links.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.right.cmp(&y.right)));
    }
    // The left sentence that shows each right sentence: its best link (ties: the earlier).
    let mut home: Vec<Option<(f32, usize)>> = vec![None; n_right];
    for l in by_left.iter().flatten() {
        let h = &mut home[l.right];
        if h.is_none_or(|(s, i)| l.score > s || (l.score == s && l.left < i)) {
            *h = Some((l.score, l.left));
        }
    }
    let order = row_order(n_left, n_right, &hidden, &home);
    // Hidden sentences folded into the visible row before them.
    let mut folded: Vec<Vec<usize>> = vec![Vec::new(); n_left];
    let mut last = 0;
    for i in 0..n_left {
        if hidden(i) && i > 0 {
            folded[last].push(i);
        } else {
            last = i;
        }
    }
    let row_of_left: Vec<usize> = {
        let mut v = vec![0; n_left];
        for (r, s) in order.iter().enumerate() {
            if let Slot::Left(i) = s {
                v[*i] = r;
            }
        }
        v
    };
    crate::engine::par::map_range(order.len(), parallel, |r| match order[r] {
        Slot::Right(j) => Row {
            left: Vec::new(),
            right: vec![j],
            refs: Vec::new(),
            links: Vec::new(),
            kind: None,
            score: 0.0,
            diff: diff_of(&[], &[j]),
        },
        Slot::Left(i) => {
            let links = by_left[i].clone();
            let (mut right, mut refs) = (Vec::new(), Vec::new());
            for l in &links {
                match home[l.right] {
                    Some((_, h)) if h == i => right.push(l.right),
                    Some((_, h)) => refs.push(RowRef {
                        right: l.right,
                        row: row_of_left[h],
                    }),
                    None => {}
                }
            }
            right.sort_unstable();
            let kind = if links.iter().any(|l| l.kind == LinkKind::Same) {
                Some(LinkKind::Same)
            } else {
                links.first().map(|l| l.kind)
            };
            let score = links.first().map_or(0.0, |l| l.score);
            let all: Vec<usize> = right
                .iter()
                .copied()
                .chain(refs.iter().map(|r| r.right))
                .collect();
            let left: Vec<usize> = std::iter::once(i)
                .chain(folded[i].iter().copied())
                .collect();
            let mut diff = diff_of(&left, &all);
            // The left sentence's words are weighed against the sentences that tell its
            // fact (its best link and every strong one), not against every loose match: a
            // place named in a looser match is still a word only this side gives here.
            let mut facts: Vec<usize> = links
                .iter()
                .enumerate()
                .filter(|(k, l)| *k == 0 || l.is_strong())
                .map(|(_, l)| l.right)
                .collect();
            facts.sort_unstable();
            if !facts.is_empty() && facts.len() < all.len() {
                Arc::make_mut(&mut diff).left = Arc::unwrap_or_clone(diff_of(&left, &facts)).left;
            }
            Row {
                diff,
                left,
                right,
                refs,
                links,
                kind,
                score,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(left: usize, right: usize, score: f32) -> Link {
        Link {
            left,
            right,
            kind: if score >= 0.5 {
                LinkKind::Same
            } else {
                LinkKind::Partial
            },
            score,
        }
    }

    fn rows(links: Vec<Link>, nl: usize, nr: usize) -> Vec<Row> {
        let al = Alignment {
            links,
            ..Default::default()
        };
        build(&al, nl, nr, &[], false, |_, _| Arc::default())
    }

    #[test]
    fn a_shared_right_sentence_is_shown_once_and_referred_to() {
        // Left 0 and 1 both match right 0 (1 better); left 1 also matches right 1.
        let r = rows(
            vec![link(0, 0, 0.3), link(1, 0, 0.6), link(1, 1, 0.4)],
            2,
            2,
        );
        assert_eq!(r.len(), 2, "no merging: one row per left sentence");
        assert_eq!((r[0].left.clone(), r[0].right.clone()), (vec![0], vec![]));
        assert_eq!(r[0].refs, vec![RowRef { right: 0, row: 1 }]);
        assert!(!r[0].is_one_sided());
        assert_eq!(
            (r[1].left.clone(), r[1].right.clone()),
            (vec![1], vec![0, 1])
        );
        assert_eq!(r[1].kind, Some(LinkKind::Same));
        assert_eq!(r[1].links[0].right, 0, "best first");
    }

    /// The row order as it was first built: each unmatched right sentence inserted, in turn,
    /// after the row showing its nearest predecessor (quadratic: one search and one insertion
    /// per sentence). [`row_order`] must give the same order.
    fn row_order_by_insertion(
        n_left: usize,
        n_right: usize,
        hidden: &impl Fn(usize) -> bool,
        home: &[Option<(f32, usize)>],
    ) -> Vec<Slot> {
        let mut order: Vec<Slot> = (0..n_left)
            .filter(|&i| !hidden(i) || i == 0)
            .map(Slot::Left)
            .collect();
        let mut placed_right: Vec<Option<usize>> = vec![None; n_right];
        for j in 0..n_right {
            if home[j].is_some() {
                continue;
            }
            let mut at = None;
            for k in (0..j).rev() {
                let pos = match (home[k], placed_right[k]) {
                    (Some((_, i)), _) => order
                        .iter()
                        .position(|s| matches!(s, Slot::Left(x) if *x == i)),
                    (None, Some(_)) => order
                        .iter()
                        .position(|s| matches!(s, Slot::Right(x) if *x == k)),
                    _ => None,
                };
                if let Some(p) = pos {
                    at = Some(p + 1);
                    break;
                }
            }
            let at = at.unwrap_or(0);
            order.insert(at, Slot::Right(j));
            placed_right[j] = Some(at);
        }
        order
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Random homes (each right sentence shown by a visible left one, or unmatched) and
        /// hidden left sentences: the linear order is the insertion order.
        #[test]
        fn row_order_is_the_insertion_order(
            n_left in 0usize..12,
            hidden_bits in proptest::prelude::any::<u16>(),
            picks in proptest::collection::vec(proptest::option::of(0usize..12), 0..14),
        ) {
            let hidden = |i: usize| hidden_bits & (1 << i) != 0;
            let visible: Vec<usize> = (0..n_left).filter(|&i| !hidden(i)).collect();
            let home: Vec<Option<(f32, usize)>> = picks
                .iter()
                .map(|p| p.and_then(|k| visible.get(k % visible.len().max(1)).map(|&i| (0.5, i))))
                .collect();
            let n_right = home.len();
            proptest::prop_assert_eq!(
                row_order(n_left, n_right, &hidden, &home),
                row_order_by_insertion(n_left, n_right, &hidden, &home)
            );
        }
    }

    #[test]
    fn unmatched_right_sentences_follow_their_predecessor() {
        // Right 1 is unmatched; its predecessor right 0 is shown by left 2.
        let r = rows(vec![link(2, 0, 0.6), link(0, 2, 0.6)], 3, 3);
        let shape: Vec<(Vec<usize>, Vec<usize>)> = r
            .iter()
            .map(|x| (x.left.clone(), x.right.clone()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (vec![0], vec![2]),
                (vec![1], vec![]),
                (vec![2], vec![0]),
                (vec![], vec![1]),
            ]
        );
        assert!(r[1].is_one_sided() && r[3].is_one_sided());
        // A first right sentence nobody matches opens the view.
        let r = rows(vec![link(0, 1, 0.6)], 1, 2);
        assert_eq!((r[0].left.clone(), r[0].right.clone()), (vec![], vec![0]));
    }
}
