//! The race's settings as form controls: a checkbox per optimiser (with its colour), and under
//! each chosen one its settings — η on a logarithmic slider with a number box beside it, β,
//! ρ, β₁ and β₂ on linear sliders, Newton's damping and L-BFGS's memory. Every control writes
//! a signal bound to the address.

use leptos::prelude::*;

use super::runners::{parse_runners, runners_text, Runner};
use super::RaceState;
use crate::optim::text::fmt_num;
use crate::plot::{css_color, race_color};

/// A setting's number written for a control: up to 4 significant figures, plain digits.
fn shown(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{v:.3e}");
    s.parse::<f64>().map(|x| x.to_string()).unwrap_or(s)
}

/// `v` rounded to 3 significant figures (slider positions give long decimals otherwise).
fn round3(v: f64) -> f64 {
    format!("{v:.2e}").parse().unwrap_or(v)
}

/// What a number typed into a setting's box becomes: the value the race uses (`current`
/// when the text is not a number; the nearest end of `[min, max]` when it is outside; the
/// nearest whole number when `whole`), and a note for the learner whenever that is not
/// what was typed.
pub fn typed_setting(
    text: &str,
    current: f64,
    name: &str,
    (min, max): (f64, f64),
    whole: bool,
) -> (f64, Option<String>) {
    let t = text.trim().replace('−', "-");
    let Some(v) = t.parse::<f64>().ok().filter(|v| v.is_finite()) else {
        let why = if t.is_empty() {
            "The box was empty".to_string()
        } else {
            format!("'{}' is not a number", text.trim())
        };
        return (
            current,
            Some(format!(
                "{why}: the race still uses {name} = {}.",
                shown(current)
            )),
        );
    };
    let used = if whole { v.round() } else { v }.clamp(min, max);
    if (used - v).abs() <= 1e-12 * v.abs().max(1.0) {
        return (used, None);
    }
    let note = if v < min {
        format!(
            "{} is below the smallest {name}, {}: the race uses {}.",
            shown(v),
            shown(min),
            shown(used)
        )
    } else if v > max {
        format!(
            "{} is above the largest {name}, {}: the race uses {}.",
            shown(v),
            shown(max),
            shown(used)
        )
    } else {
        format!(
            "The {name} is a whole number: the race uses {} for {}.",
            shown(used),
            shown(v)
        )
    };
    (used, Some(note))
}

/// A learning rate: a slider over log₁₀ η from 10⁻⁴ to 10, and a number box.
fn rate_control(runner: Runner, eta: RwSignal<f64>) -> impl IntoView {
    let name = format!("{} η", runner.label());
    let slider_name = format!("{} η (log scale)", runner.label());
    // What became of a typed η that could not be used as typed.
    let note = RwSignal::new(None::<String>);
    view! {
        <div class="race-setting">
            <span class="race-setting-name">"η"</span>
            <input
                type="range"
                min="-4"
                max="1"
                step="0.01"
                aria-label=slider_name
                prop:value=move || format!("{:.2}", eta.get().max(1e-5).log10())
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        let r = round3(10f64.powf(v));
                        if r.is_finite() && r > 0.0 {
                            eta.set(r.clamp(1e-5, 10.0));
                            note.set(None);
                        }
                    }
                }
            />
            <input
                type="number"
                class="race-number"
                min="0.00001"
                max="10"
                step="any"
                aria-label=name
                prop:value=move || shown(eta.get())
                on:change=move |ev| {
                    let (v, why) = typed_setting(
                        &event_target_value(&ev),
                        eta.get_untracked(),
                        "η",
                        (1e-5, 10.0),
                        false,
                    );
                    eta.set(v);
                    note.set(why);
                    // The box shows the η in use, whatever was typed.
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    input.set_value(&shown(v));
                }
            />
            <p class="field-error race-setting-note" role="status" data-testid="race-rate-note">
                {move || note.get()}
            </p>
        </div>
    }
}

/// A linear setting (β, ρ, β₁, β₂, damping, memory) with a slider and its value.
fn linear_control(
    runner: Runner,
    symbol: &'static str,
    value: RwSignal<f64>,
    (min, max, step): (f64, f64, f64),
) -> impl IntoView {
    let name = format!("{} {symbol}", runner.label());
    view! {
        <div class="race-setting">
            <span class="race-setting-name">{symbol}</span>
            <input
                type="range"
                min=min.to_string()
                max=max.to_string()
                step=step.to_string()
                aria-label=name
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        if v.is_finite() {
                            value.set(v.clamp(min, max));
                        }
                    }
                }
            />
            <span class="readout race-setting-value">{move || fmt_num(value.get())}</span>
        </div>
    }
}

/// The settings of one runner.
fn settings_of(runner: Runner, s: RaceState) -> AnyView {
    match runner {
        Runner::Gd => rate_control(runner, s.gd).into_any(),
        Runner::Momentum => view! {
            {rate_control(runner, s.momentum)}
            {linear_control(runner, "β", s.momentum_beta, (0.0, 0.99, 0.01))}
        }
        .into_any(),
        Runner::Nesterov => view! {
            {rate_control(runner, s.nesterov)}
            {linear_control(runner, "β", s.nesterov_beta, (0.0, 0.99, 0.01))}
        }
        .into_any(),
        Runner::AdaGrad => rate_control(runner, s.adagrad).into_any(),
        Runner::RmsProp => view! {
            {rate_control(runner, s.rmsprop)}
            {linear_control(runner, "ρ", s.rmsprop_decay, (0.0, 0.999, 0.001))}
        }
        .into_any(),
        Runner::Adam => view! {
            {rate_control(runner, s.adam)}
            {linear_control(runner, "β₁", s.adam_beta1, (0.0, 0.99, 0.01))}
            {linear_control(runner, "β₂", s.adam_beta2, (0.9, 0.9999, 0.0001))}
        }
        .into_any(),
        Runner::Newton => {
            linear_control(runner, "damping", s.newton_damping, (0.0, 10.0, 0.1)).into_any()
        }
        Runner::Lbfgs => {
            linear_control(runner, "memory", s.lbfgs_memory, (1.0, 20.0, 1.0)).into_any()
        }
    }
}

/// A checkbox per optimiser, its colour beside it, and its settings while it is chosen.
#[component]
pub fn RunnerControls(
    /// The race's state.
    state: RaceState,
) -> impl IntoView {
    let chosen = Memo::new(move |_| parse_runners(&state.runners.get()).unwrap_or_default());
    let theme = crate::ui::raster::use_theme();
    let toggle = move |r: Runner, on: bool| {
        let mut list = chosen.get_untracked();
        if on && !list.contains(&r) {
            list.push(r);
        } else if !on {
            list.retain(|x| *x != r);
        }
        // At least one runner races.
        if !list.is_empty() {
            state.runners.set(runners_text(&list));
        }
    };
    view! {
        <fieldset class="race-runners">
            <legend>"Optimisers in the race"</legend>
            {state
                .offered()
                .into_iter()
                .chain(chosen.get_untracked())
                .fold(Vec::new(), |mut seen, r| {
                    if !seen.contains(&r) {
                        seen.push(r);
                    }
                    seen
                })
                .into_iter()
                .map(|r| {
                    let is_on = move || chosen.with(|c| c.contains(&r));
                    view! {
                        <div class="race-runner" data-runner=r.id()>
                            <label class="race-runner-name">
                                <input
                                    type="checkbox"
                                    prop:checked=is_on
                                    on:change=move |ev| toggle(r, event_target_checked(&ev))
                                />
                                <span
                                    class="race-swatch"
                                    aria-hidden="true"
                                    style:background=move || css_color(race_color(r.index(), &theme.get()))
                                ></span>
                                {r.label()}
                            </label>
                            {move || is_on().then(|| view! { <div class="race-settings">{settings_of(r, state)}</div> })}
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_setting_is_what_the_race_uses_and_a_change_is_said() {
        let steps = |t: &str| typed_setting(t, 1000.0, "step limit", (10.0, 5000.0), true);
        assert_eq!(steps("250"), (250.0, None));
        let (v, note) = steps("5");
        assert_eq!(v, 10.0);
        let note = note.expect("a clamped value is said");
        assert!(
            note.contains("below the smallest step limit, 10") && note.contains("uses 10"),
            "{note}"
        );
        let (v, note) = steps("100000");
        assert_eq!(v, 5000.0);
        assert!(note.is_some_and(|n| n.contains("above the largest step limit, 5000")));
        let (v, note) = steps("12.6");
        assert_eq!(v, 13.0);
        assert!(note.is_some_and(|n| n.contains("whole number")));
        let (v, note) = steps("lots");
        assert_eq!(v, 1000.0);
        assert!(note.is_some_and(|n| n.contains("not a number") && n.contains("1000")));
        let (v, note) = steps("");
        assert_eq!(v, 1000.0);
        assert!(note.is_some());
        let (v, note) = typed_setting("100", 0.1, "η", (1e-5, 10.0), false);
        assert_eq!(v, 10.0);
        assert!(note.is_some_and(|n| n.contains("above the largest η, 10")));
        assert_eq!(typed_setting("−0.5", 0.1, "η", (1e-5, 10.0), false).0, 1e-5);
        assert_eq!(
            typed_setting("0.25", 0.1, "η", (1e-5, 10.0), false),
            (0.25, None)
        );
        assert_eq!(typed_setting("inf", 0.1, "η", (1e-5, 10.0), false).0, 0.1);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(shown(0.05), "0.05");
        assert_eq!(shown(0.123456), "0.1235");
        assert_eq!(round3(10f64.powf(-1.3)), 0.0501);
        assert_eq!(shown(f64::NAN), "");
    }
}
