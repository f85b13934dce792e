//! Showing a computed path a few points at a time: a counter that a timer advances in
//! chunks (about two seconds for any length), so the learner sees the steps happen while
//! the page stays responsive. The timer is cleared when the owner goes away, when the
//! counter is restarted, and when it reaches the end.

use std::time::Duration;

use leptos::prelude::*;

/// Milliseconds between ticks.
const TICK_MS: u64 = 40;
/// About how many ticks a whole reveal takes.
const TICKS: usize = 50;

/// How many points to add per tick to show `len` points in about [`TICKS`] ticks.
pub fn chunk(len: usize) -> usize {
    len.div_ceil(TICKS).max(1)
}

/// A reveal counter: `shown` is how many points are visible (`None`: all of them).
#[derive(Clone, Copy)]
pub struct Reveal {
    /// Points visible, or `None` for all.
    pub shown: RwSignal<Option<usize>>,
    timer: StoredValue<Option<IntervalHandle>>,
}

impl Reveal {
    /// A counter showing everything, with its timer cleaned up with the owner.
    pub fn new() -> Reveal {
        let r = Reveal {
            shown: RwSignal::new(None),
            timer: StoredValue::new(None),
        };
        on_cleanup(move || r.stop());
        r
    }

    /// Stops the timer, leaving what is shown.
    pub fn stop(&self) {
        if let Some(Some(h)) = self.timer.try_get_value() {
            h.clear();
        }
        self.timer.try_set_value(None);
    }

    /// True while points are still being added.
    pub fn running(&self) -> bool {
        self.shown.get().is_some()
    }

    /// Shows the first point, then adds [`chunk`]`(len)` points per tick until all `len`
    /// are visible.
    pub fn play(&self, len: usize) {
        self.stop();
        if len <= 1 {
            self.shown.set(None);
            return;
        }
        self.shown.set(Some(1));
        let me = *self;
        let step = chunk(len);
        let tick = move || {
            let next = me.shown.get_untracked().map_or(len, |k| k + step);
            if next >= len {
                me.shown.set(None);
                me.stop();
            } else {
                me.shown.set(Some(next));
            }
        };
        self.timer
            .set_value(set_interval_with_handle(tick, Duration::from_millis(TICK_MS)).ok());
    }
}

impl Default for Reveal {
    fn default() -> Self {
        Reveal::new()
    }
}

#[cfg(test)]
mod tests {
    use super::chunk;

    #[test]
    fn any_path_takes_about_the_same_time() {
        assert_eq!(chunk(0), 1);
        assert_eq!(chunk(10), 1);
        assert_eq!(chunk(300), 6);
        assert_eq!(chunk(1001), 21);
    }
}
