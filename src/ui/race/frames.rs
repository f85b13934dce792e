//! Work spread over animation frames, so a long computation or an animation never freezes
//! the page: a [`FrameLoop`] calls its tick once per `requestAnimationFrame` until the tick
//! says it is done, a newer loop replaces it, or the component that owns it is gone.

use leptos::prelude::*;

/// One loop at a time per owner: starting a new one cancels the old.
#[derive(Clone, Copy)]
pub struct FrameLoop {
    generation: StoredValue<u64>,
}

impl Default for FrameLoop {
    fn default() -> Self {
        FrameLoop::new()
    }
}

impl FrameLoop {
    /// A loop owned by the current reactive owner (it stops when the owner is cleaned up).
    pub fn new() -> FrameLoop {
        FrameLoop {
            generation: StoredValue::new(0),
        }
    }

    /// Stops the running loop, if any.
    pub fn cancel(&self) {
        self.generation.try_update_value(|g| *g += 1);
    }

    /// Calls `tick` once per frame, from the next frame on, until it returns `false`;
    /// cancels any loop already running.
    pub fn start(&self, tick: impl FnMut() -> bool + 'static) {
        let Some(mine) = self.generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        schedule(self.generation, mine, Box::new(tick));
    }
}

fn schedule(generation: StoredValue<u64>, mine: u64, mut tick: Box<dyn FnMut() -> bool>) {
    request_animation_frame(move || {
        if generation.try_get_value() != Some(mine) {
            return;
        }
        if tick() {
            schedule(generation, mine, tick);
        }
    });
}

/// Milliseconds from the page's clock (for per-frame time budgets); 0 without one.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
