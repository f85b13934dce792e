//! Gradient descent on the contour map: a switch, the step size, a "Play" button that
//! draws the path one step at a time, and a readout of where the descent ends.

use std::time::Duration;

use leptos::prelude::*;

use super::signals::ExplorerSignals;
use crate::tutor::format::{format_pair, format_value};

/// Steps of descent drawn from the selected point.
pub const DESCENT_STEPS: usize = 40;

/// Step sizes offered, smallest first.
const RATES: [f64; 5] = [0.01, 0.05, 0.1, 0.2, 0.5];

/// Milliseconds between frames of the animation.
const FRAME_MS: u64 = 60;

/// The descent switch, step size, animation and readout.
#[component]
pub fn DescentControls(
    /// The explorer's state.
    state: ExplorerSignals,
) -> impl IntoView {
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
    };
    on_cleanup(stop);
    let play = move |_| {
        stop();
        state.show_path.set(true);
        state.path_frame.set(Some(1));
        let tick = move || {
            let len = state.path.with_untracked(Vec::len);
            let next = state.path_frame.get_untracked().map_or(len, |k| k + 1);
            if next >= len {
                state.path_frame.set(None);
                stop();
            } else {
                state.path_frame.set(Some(next));
            }
        };
        timer.set_value(set_interval_with_handle(tick, Duration::from_millis(FRAME_MS)).ok());
    };
    let readout = move || {
        let path = state.path.get();
        let (Some(&last), Some(a)) = (path.last(), state.analysis.get()) else {
            return String::new();
        };
        let v = a.values_at(last);
        let steps = path.len().saturating_sub(1);
        if let Some((step, why)) = state.descent.with(|d| d.diverged.clone()) {
            return format!(
                "The steps diverged at step {step} with step size {}: {why}",
                format_value(state.rate.get())
            );
        }
        let ended = if steps < DESCENT_STEPS {
            " (it stopped: the gradient is not defined further on)"
        } else {
            ""
        };
        format!(
            "After {steps} steps of size {}: at {}, f = {}, |∇f| = {}{ended}.",
            format_value(state.rate.get()),
            format_pair('(', last.0, last.1, ')'),
            format_value(v.f),
            format_value(v.fx.hypot(v.fy)),
        )
    };
    view! {
        <div class="fx-descent">
            <label class="fx-toggle">
                <input
                    type="checkbox"
                    prop:checked=move || state.show_path.get()
                    on:change=move |ev| {
                        stop();
                        state.path_frame.set(None);
                        state.show_path.set(event_target_checked(&ev));
                    }
                />
                " Gradient descent from the point"
            </label>
            <label class="fx-rate">
                "Step size "
                <select on:change=move |ev| {
                    if let Ok(r) = event_target_value(&ev).parse::<f64>() {
                        state.rate.set(r);
                    }
                }>
                    {RATES
                        .iter()
                        .map(|&r| {
                            view! {
                                <option value=r.to_string() selected=move || state.rate.get() == r>
                                    {r.to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button type="button" class="button fx-play" on:click=play>
                "Play"
            </button>
            <p class="fx-descent-readout readout" aria-live="polite">{readout}</p>
        </div>
    }
}
