//! Running independent jobs on every core: papers, parts of a pack, files read, pictures
//! drawn. A leaf, so that loading, rendering and building can all use it.

/// `f(0)`, `f(1)`, … `f(count - 1)` computed on all cores (whichever is free takes the next),
/// returned in index order. On one core they run in order and stop after the first error.
pub fn parallel_map<T: Send, E: Send>(
    count: usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
) -> Vec<Result<T, E>> {
    parallel_map_by(count, |_| 0, f)
}

/// As [`parallel_map`], starting the items of greatest `weight` first (ties in index
/// order): the longest job is then never the one left running alone at the end, which is
/// what decides the wall time when one report is much larger than the rest.
pub fn parallel_map_by<T: Send, E: Send>(
    count: usize,
    weight: impl Fn(usize) -> usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
) -> Vec<Result<T, E>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(count);
    if workers <= 1 {
        let mut out = Vec::new();
        for k in 0..count {
            let r = f(k);
            let failed = r.is_err();
            out.push(r);
            if failed {
                break;
            }
        }
        return out;
    }
    let mut order: Vec<usize> = (0..count).collect();
    // Stable: equal weights keep index order.
    order.sort_by_key(|&k| std::cmp::Reverse(weight(k)));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: std::sync::Mutex<Vec<Option<Result<T, E>>>> =
        std::sync::Mutex::new((0..count).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&k) = order.get(n) else {
                    break;
                };
                let r = f(k);
                slots
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)[k] = Some(r);
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever order the items run in (heaviest first), results come back in index order,
    /// each item run once.
    #[test]
    fn weighted_items_run_once_each_and_return_in_index_order() {
        let runs = std::sync::atomic::AtomicUsize::new(0);
        let weights = [3, 50, 0, 50, 7, 1];
        let out = parallel_map_by(
            weights.len(),
            |k| weights[k],
            |k| {
                runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if k == 4 {
                    Err(format!("item {k}"))
                } else {
                    Ok(k * 10)
                }
            },
        );
        // On one core the run stops at the first error, in index order.
        let ran = runs.load(std::sync::atomic::Ordering::Relaxed);
        assert!(ran == weights.len() || ran == 5, "{ran} runs");
        assert_eq!(out[..4], [Ok(0), Ok(10), Ok(20), Ok(30)]);
        assert_eq!(out[4], Err("item 4".to_string()));
        if out.len() == weights.len() {
            assert_eq!(out[5], Ok(50));
        }
    }
}
