//! The formulas (f, ∂f/∂x, ∂f/∂y typeset as MathML, with their plain Unicode form in
//! `data-pretty` and the accessible name) and the values at the selected point.

use leptos::prelude::*;

use super::signals::ExplorerSignals;
use crate::tutor::format::UNDEFINED;

const NAMES: [(&str, &str, &str); 3] = [
    ("f", "f(x, y)", "f"),
    (
        "fx",
        "∂f/∂x",
        "the partial derivative of f with respect to x",
    ),
    (
        "fy",
        "∂f/∂y",
        "the partial derivative of f with respect to y",
    ),
];

/// f and its two partial derivatives, typeset.
#[component]
pub fn Formulas(
    /// The explorer's state.
    state: ExplorerSignals,
) -> impl IntoView {
    let analysis = state.analysis;
    let shown = if state.parts.partials { NAMES.len() } else { 1 };
    let rows = NAMES
        .iter()
        .take(shown)
        .enumerate()
        .map(|(k, &(role, label, spoken))| {
            let pretty = move || analysis.with(|a| a.as_ref().map(|a| a.pretty[k].clone()));
            view! {
                <div class="fx-formula">
                    <dt>{label}</dt>
                    <dd>
                        <span
                            class="fx-math"
                            data-role=role
                            data-pretty=move || pretty().unwrap_or_default()
                            role="math"
                            aria-label=move || format!("{spoken} = {}", pretty().unwrap_or_default())
                            inner_html=move || {
                                analysis.with(|a| a.as_ref().map(|a| a.mathml[k].clone()))
                                    .unwrap_or_default()
                            }
                        ></span>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="fx-formulas">{rows}</dl> }
}

/// The selected point, f there, and ∇f and |∇f| (or, before the page has defined ∇f, the two
/// partial derivatives there, or nothing more).
#[component]
pub fn PointValuesList(
    /// The explorer's state.
    state: ExplorerSignals,
) -> impl IntoView {
    let values = state.values;
    let parts = state.parts;
    let show = move |f: fn(&crate::tutor::analysis::PointValues) -> String| {
        move || values.with(|v| v.as_ref().map_or_else(|| UNDEFINED.to_string(), f))
    };
    // At a corner or jump of f along x or y the values read "undefined here" though the
    // partial's formula gives a number (sign(0) = 0 for |x|): say why. Only on pages that
    // have defined partial derivatives.
    let analysis = state.analysis;
    let point = state.point;
    let missing = Memo::new(move |_| {
        if !parts.partials {
            return None;
        }
        let p = point.get();
        analysis.with(|a| {
            a.as_ref().and_then(|a| {
                let formula = a.formula_values_at(p);
                crate::tutor::point::missing_partials_note(&a.f, p, (formula.fx, formula.fy))
            })
        })
    });
    view! {
        <div class="fx-values-box">
        <dl class="fx-values" aria-label="Values at the selected point">
            <div>
                <dt>"point (x₀, y₀)"</dt>
                <dd class="fx-point">{show(|v| v.point_text())}</dd>
            </div>
            <div>
                <dt>"f(x₀, y₀)"</dt>
                <dd class="fx-value-f">{show(|v| v.f_text())}</dd>
            </div>
            {parts.gradient.then(|| view! {
                <div>
                    <dt>"∇f"</dt>
                    <dd class="fx-value-grad">{show(|v| v.gradient_text())}</dd>
                </div>
                <div>
                    <dt>"|∇f|"</dt>
                    <dd class="fx-value-norm">{show(|v| v.norm_text())}</dd>
                </div>
            })}
            {(parts.partials && !parts.gradient).then(|| view! {
                <div>
                    <dt>"∂f/∂x(x₀, y₀)"</dt>
                    <dd class="fx-value-fx">{show(|v| v.fx_text())}</dd>
                </div>
                <div>
                    <dt>"∂f/∂y(x₀, y₀)"</dt>
                    <dd class="fx-value-fy">{show(|v| v.fy_text())}</dd>
                </div>
            })}
        </dl>
        {move || {
            missing
                .get()
                .map(|note| view! { <p class="fx-missing" role="note" data-testid="missing-partials">{note}</p> })
        }}
        </div>
    }
}
