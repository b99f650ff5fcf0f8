//! A stable sort with one non-generic body. `slice::sort_by_key` is instantiated anew
//! for every element type and closure (~3 KB of wasm each, issue #7); the lists sorted
//! here are short (findings, validation errors), so one merge sort over indices, with
//! a small generic shim that only computes the keys, serves them all.

use std::cmp::Ordering;
use std::collections::BTreeSet;

/// `collect()` into a `BTreeSet` sorts a vector first (one more sort instantiation per
/// element type); inserting one by one gives the same set without it.
pub trait CollectSet: Iterator + Sized
where
    Self::Item: Ord,
{
    fn collect_set(self) -> BTreeSet<Self::Item> {
        let mut set = BTreeSet::new();
        set.extend(self);
        set
    }
}

impl<I: Iterator> CollectSet for I where I::Item: Ord {}

/// Sorts `items` by `key`, keeping the order of equal keys (as `sort_by_key`).
pub fn stable_sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(&key).collect();
    let order = stable_order(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The indices `0..len` in stable sorted order (bottom-up merge sort).
fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut buf = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut buf[start..end] {
                // Take from the right run only when strictly smaller: stability.
                if j < end && (i >= mid || cmp(order[j], order[i]) == Ordering::Less) {
                    *slot = order[j];
                    j += 1;
                } else {
                    *slot = order[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut buf);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_std_stable_sort() {
        let mut seed = 7u32;
        for len in 0..70 {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) as u8 % 5, i)
                })
                .collect();
            let mut ours = items.clone();
            stable_sort_by_key(&mut ours, |p| p.0);
            let mut std = items;
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "{len}");
        }
    }
}
