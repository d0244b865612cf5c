//! Politeness: at most a few requests at once to one host, across the whole process (the
//! inputs, and the linked pages fetched to complete a feed). A request waits for a slot; the
//! slot is given back when its guard drops, even on an error path.

use std::collections::HashMap;
use std::sync::{Condvar, LazyLock, Mutex};

/// Requests at once to one host.
pub const PER_HOST: usize = 3;

/// Counts requests in flight per host.
#[derive(Debug, Default)]
pub struct HostLimiter {
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
    limit: usize,
}

/// A slot held for one request; dropping it frees the slot.
#[derive(Debug)]
pub struct Slot<'a> {
    limiter: &'a HostLimiter,
    host: String,
}

impl HostLimiter {
    pub fn new(limit: usize) -> Self {
        HostLimiter {
            limit: limit.max(1),
            ..HostLimiter::default()
        }
    }

    /// Waits until fewer than the limit of requests to `host` are in flight, then takes a slot.
    pub fn acquire(&self, host: &str) -> Slot<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        while busy.get(host).copied().unwrap_or(0) >= self.limit {
            busy = self.freed.wait(busy).unwrap_or_else(|p| p.into_inner());
        }
        *busy.entry(host.to_string()).or_insert(0) += 1;
        Slot {
            limiter: self,
            host: host.to_string(),
        }
    }

    /// Requests to `host` in flight now.
    pub fn in_flight(&self, host: &str) -> usize {
        let busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        busy.get(host).copied().unwrap_or(0)
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut busy = self.limiter.busy.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = busy.get_mut(&self.host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                busy.remove(&self.host);
            }
        }
        self.limiter.freed.notify_all();
    }
}

/// The process-wide limiter.
pub static HOSTS: LazyLock<HostLimiter> = LazyLock::new(|| HostLimiter::new(PER_HOST));

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn never_more_than_the_limit_at_once() {
        let limiter = HostLimiter::new(2);
        let now = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    let _slot = limiter.acquire("example.com");
                    let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(n, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    now.fetch_sub(1, Ordering::SeqCst);
                });
            }
            // Another host is not held up.
            let _other = limiter.acquire("other.org");
        });
        assert_eq!(peak.load(Ordering::SeqCst), 2);
        assert_eq!(limiter.in_flight("example.com"), 0);
    }
}
