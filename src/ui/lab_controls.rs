//! Small form controls for the lesson labs, each bound to one signal: a labelled range
//! slider with its value shown, a row of radio buttons for a choice, an on/off switch, and
//! number formats for errors and norms (`2.5 × 10⁻¹¹`), which span many decades.

use leptos::prelude::*;

/// A labelled slider over `[min, max]` in steps of `step`, showing `show(value)`.
#[component]
pub fn LabSlider(
    /// The visible label (also the accessible name, with the value).
    #[prop(into)]
    label: String,
    /// The value.
    value: RwSignal<f64>,
    /// Smallest value.
    min: f64,
    /// Largest value.
    max: f64,
    /// Step.
    step: f64,
    /// How the value is shown beside the slider.
    #[prop(default = default_show)]
    show: fn(f64) -> String,
    /// A test id for the slider input.
    #[prop(optional, into)]
    testid: String,
) -> impl IntoView {
    let aria = label.clone();
    view! {
        <label class="slider lab-slider">
            <span class="lab-slider-label">{label}</span>
            <input
                type="range"
                min=min.to_string()
                max=max.to_string()
                step=step.to_string()
                aria-label=aria
                data-testid=testid
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        if v.is_finite() {
                            value.set(v.clamp(min, max));
                        }
                    }
                }
            />
            <span class="readout lab-slider-value">{move || show(value.get())}</span>
        </label>
    }
}

fn default_show(v: f64) -> String {
    crate::tutor::format::format_value(v)
}

/// A group of radio buttons choosing one key of `options` (`(key, label)` pairs).
#[component]
pub fn LabChoice(
    /// The group's legend.
    #[prop(into)]
    legend: String,
    /// The chosen key.
    value: RwSignal<String>,
    /// `(key, label)` pairs.
    options: Vec<(&'static str, &'static str)>,
    /// A unique name for the radio group.
    #[prop(into)]
    name: String,
) -> impl IntoView {
    view! {
        <fieldset class="lab-choice">
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|(key, text)| {
                    let name = name.clone();
                    view! {
                        <label class="lab-radio">
                            <input
                                type="radio"
                                name=name
                                value=key
                                prop:checked=move || value.with(|v| v == key)
                                on:change=move |_| value.set(key.to_string())
                            />
                            {text}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// An on/off checkbox with a label.
#[component]
pub fn LabToggle(
    /// The label.
    #[prop(into)]
    label: String,
    /// The state.
    value: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <label class="lab-toggle">
            <input
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}

/// A number with two significant digits in scientific form where it is far from 1
/// (`2.5 × 10⁻¹¹`, `−3.1 × 10⁵`, as every text on a page writes powers of ten), as
/// [`format_value`](crate::tutor::format::format_value) near 1; "undefined" for NaN or ±∞,
/// `0` for zero.
pub fn sci(v: f64) -> String {
    if !v.is_finite() {
        return "undefined".into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let e = v.abs().log10().floor();
    if (-2.0..=3.0).contains(&e) {
        return crate::tutor::format::format_value(v);
    }
    crate::math::format::format_scientific(v, 2)
}

#[cfg(test)]
mod tests {
    use super::sci;

    #[test]
    fn errors_read_in_scientific_form() {
        assert_eq!(sci(2.5e-11), "2.5 × 10⁻¹¹");
        assert_eq!(sci(-3.14e5), "−3.1 × 10⁵");
        assert_eq!(sci(1e-7), "1 × 10⁻⁷");
        assert_eq!(sci(0.5), "0.5");
        assert_eq!(sci(0.0), "0");
        assert_eq!(sci(f64::NAN), "undefined");
    }
}
