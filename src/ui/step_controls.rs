//! The row of buttons that walks a widget through numbered steps: Reset, Step back, the
//! step itself (its label says which way it goes), Play/Pause on a timer that stops with
//! its owner or at the last step, and optionally "To the end". Shared by the layer graph
//! and the tape viewer, whose step is a number in the address.

use std::time::Duration;

use leptos::prelude::*;

/// The step position `step` (a number in the address) as an index in `0..=last`.
pub fn step_index(step: f64, last: usize) -> usize {
    (step.max(0.0) as usize).min(last)
}

/// Step buttons over `step` in `0..=last`.
#[component]
pub fn StepControls(
    /// The current step (written by the buttons).
    step: RwSignal<f64>,
    /// The last step.
    #[prop(into)]
    last: Signal<usize>,
    /// The label of the step button (e.g. "Forward step" or "Backward step").
    #[prop(into)]
    step_label: Signal<&'static str>,
    /// A test id for the step button.
    #[prop(optional, into)]
    step_testid: Option<&'static str>,
    /// Show a "To the end" button.
    #[prop(optional)]
    to_end: bool,
    /// Milliseconds between steps while playing.
    tick_ms: u64,
    /// Milliseconds before the first step after Play.
    first_ms: u64,
) -> impl IntoView {
    let pos = move || step_index(step.get(), last.get());
    let playing = RwSignal::new(false);
    let advance = move || {
        let end = last.get_untracked();
        let p = step_index(step.get_untracked(), end);
        if p < end {
            step.set((p + 1) as f64);
        }
        p + 1 < end
    };
    fn play_tick(
        playing: RwSignal<bool>,
        advance: impl Fn() -> bool + Copy + 'static,
        tick: Duration,
    ) {
        if playing.try_get_untracked() != Some(true) {
            return;
        }
        if advance() {
            set_timeout(move || play_tick(playing, advance, tick), tick);
        } else {
            playing.set(false);
        }
    }
    let play = move |_| {
        if playing.get_untracked() {
            playing.set(false);
            return;
        }
        if untrack(pos) >= last.get_untracked() {
            step.set(0.0);
        }
        playing.set(true);
        let tick = Duration::from_millis(tick_ms);
        set_timeout(
            move || play_tick(playing, advance, tick),
            Duration::from_millis(first_ms),
        );
    };
    view! {
        <div class="try-actions">
            <button type="button" class="button-secondary" on:click=move |_| step.set(0.0)>"Reset"</button>
            <button
                type="button"
                class="button-secondary"
                prop:disabled=move || { pos() == 0 }
                on:click=move |_| step.set(pos().saturating_sub(1) as f64)
            >
                "Step back"
            </button>
            <button
                type="button"
                class="button"
                data-testid=step_testid
                prop:disabled=move || { pos() >= last.get() }
                on:click=move |_| {
                    advance();
                }
            >
                {move || step_label.get()}
            </button>
            <button type="button" class="button-secondary" on:click=play>
                {move || if playing.get() { "Pause" } else { "Play" }}
            </button>
            {to_end
                .then(|| {
                    view! {
                        <button type="button" class="button-secondary" on:click=move |_| step.set(last.get() as f64)>
                            "To the end"
                        </button>
                    }
                })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_step_in_the_address_lands_in_range() {
        assert_eq!(step_index(3.0, 10), 3);
        assert_eq!(step_index(3.7, 10), 3);
        assert_eq!(step_index(-2.0, 10), 0);
        assert_eq!(step_index(99.0, 10), 10);
        assert_eq!(step_index(f64::NAN, 10), 0);
        assert_eq!(step_index(f64::INFINITY, 10), 10);
    }
}
