//! When parallel work pays for itself. Starting a parallel step from outside the thread pool
//! wakes its threads and puts the caller to sleep until they finish: tens of microseconds to
//! a few hundred on a loaded machine, per step. A seed pair (two reports of 6-8 KB) is
//! extracted and compared in about 2 ms over several such steps, so small work runs on the
//! caller's thread; results never depend on which way it ran.

use rayon::prelude::*;

/// Below this much text in all (bytes), work runs on the calling thread: about 3 ms of
/// extraction, where splitting over two threads gains little more than waking them costs.
pub const MIN_PARALLEL_BYTES: usize = 32 * 1024;

/// Whether work over `bytes` of text is worth spreading over the thread pool.
pub fn worth_it(bytes: usize) -> bool {
    bytes >= MIN_PARALLEL_BYTES && rayon::current_num_threads() > 1
}

/// `f(0), f(1), … f(n - 1)` in order, computed in parallel when `parallel`.
pub fn map_range<R: Send>(
    n: usize,
    parallel: bool,
    f: impl Fn(usize) -> R + Sync + Send,
) -> Vec<R> {
    if parallel {
        (0..n).into_par_iter().map(f).collect()
    } else {
        (0..n).map(f).collect()
    }
}

/// `f` of each of `items`, in order, computed in parallel when `parallel`.
pub fn map_vec<T: Send, R: Send>(
    items: Vec<T>,
    parallel: bool,
    f: impl Fn(T) -> R + Sync + Send,
) -> Vec<R> {
    if parallel {
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}

/// `(a(), b())`, the two computed at once when `parallel`.
pub fn join<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if parallel {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_give_the_same_results_in_order() {
        let f = |i: usize| i * i + 1;
        let serial = map_range(1000, false, f);
        assert_eq!(serial, map_range(1000, true, f));
        assert_eq!(serial[..3], [1, 2, 5]);
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(serial, map_vec(items.clone(), true, f));
        assert_eq!(serial, map_vec(items, false, f));
        assert!(!worth_it(MIN_PARALLEL_BYTES - 1));
    }
}
