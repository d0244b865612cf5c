//! The two sides of a comparison, named: [`Side`] and [`Pair<T>`] (after delta's
//! `MinusPlus<T>` and difftastic's `Side`), so code says `pair[Side::Right]` or
//! `pair.swapped()` instead of `left: bool`, `.0`/`.1` or `[usize::from(swapped)]`.

use std::ops::{Index, IndexMut};

/// One side of a two-report comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }

    /// Left when `left` holds: for call sites that still carry a flag.
    pub fn from_left(left: bool) -> Side {
        if left { Side::Left } else { Side::Right }
    }

    /// 0 for left, 1 for right.
    pub fn index(self) -> usize {
        match self {
            Side::Left => 0,
            Side::Right => 1,
        }
    }

    /// "A" for the left report, "B" for the right one, as the reader labels them.
    pub fn letter(self) -> &'static str {
        match self {
            Side::Left => "A",
            Side::Right => "B",
        }
    }
}

/// One value per side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize)]
pub struct Pair<T> {
    pub left: T,
    pub right: T,
}

impl<T> Pair<T> {
    pub fn new(left: T, right: T) -> Self {
        Pair { left, right }
    }

    /// The value of `side`.
    pub fn get(&self, side: Side) -> &T {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }

    pub fn get_mut(&mut self, side: Side) -> &mut T {
        match side {
            Side::Left => &mut self.left,
            Side::Right => &mut self.right,
        }
    }

    /// Left and right exchanged.
    pub fn swapped(self) -> Self {
        Pair {
            left: self.right,
            right: self.left,
        }
    }

    /// Exchanged when `swap` holds (a view showing B on the left).
    pub fn oriented(self, swap: bool) -> Self {
        if swap { self.swapped() } else { self }
    }

    pub fn as_ref(&self) -> Pair<&T> {
        Pair {
            left: &self.left,
            right: &self.right,
        }
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Pair<U> {
        Pair {
            left: f(self.left),
            right: f(self.right),
        }
    }

    /// Like [`Pair::map`], told which side each value is.
    pub fn map_sides<U>(self, mut f: impl FnMut(Side, T) -> U) -> Pair<U> {
        Pair {
            left: f(Side::Left, self.left),
            right: f(Side::Right, self.right),
        }
    }

    /// Pairs two pairs side by side.
    pub fn zip<U>(self, other: Pair<U>) -> Pair<(T, U)> {
        Pair {
            left: (self.left, other.left),
            right: (self.right, other.right),
        }
    }

    /// `(left, right)`.
    pub fn into_tuple(self) -> (T, T) {
        (self.left, self.right)
    }

    /// Left, then right.
    pub fn iter(&self) -> impl Iterator<Item = (Side, &T)> {
        [(Side::Left, &self.left), (Side::Right, &self.right)].into_iter()
    }
}

impl<T> From<(T, T)> for Pair<T> {
    fn from((left, right): (T, T)) -> Self {
        Pair { left, right }
    }
}

impl<T> Index<Side> for Pair<T> {
    type Output = T;
    fn index(&self, side: Side) -> &T {
        self.get(side)
    }
}

impl<T> IndexMut<Side> for Pair<T> {
    fn index_mut(&mut self, side: Side) -> &mut T {
        self.get_mut(side)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_index_and_swap() {
        let p = Pair::new("a", "b");
        assert_eq!(p[Side::Left], "a");
        assert_eq!(p[Side::Right.other()], "a");
        assert_eq!(p.swapped()[Side::Left], "b");
        assert_eq!(p.oriented(false), p);
        assert_eq!(p.oriented(true).into_tuple(), ("b", "a"));
        assert_eq!(Side::from_left(false), Side::Right);
        assert_eq!(Side::Right.index(), 1);
        let sides: Vec<Side> = p.iter().map(|(s, _)| s).collect();
        assert_eq!(sides, Side::BOTH);
        let lens = p.map_sides(|s, v| (s.letter(), v.len()));
        assert_eq!(lens.into_tuple(), (("A", 1), ("B", 1)));
    }
}
