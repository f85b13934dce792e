//! The regression's gradient formulas typeset, each with its value at the current weights
//! computed two ways: by the formula (`Dataset::gradient`) and by the engine's reverse-mode
//! automatic differentiation of the loss written as an expression
//! (`Dataset::autodiff_gradient`), with the difference between them.

use leptos::prelude::*;

use crate::models::linear::{Dataset, Weights};
use crate::tutor::format::format_value;
use crate::ui::math_view::MathTex;

/// One row: the two values of a partial derivative and how far apart they are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TwoWays {
    /// From the formula.
    pub formula: f64,
    /// From automatic differentiation (NaN if it failed).
    pub autodiff: f64,
}

impl TwoWays {
    /// `|formula − autodiff| / max(|formula|, |autodiff|, 1)`.
    pub fn relative_gap(&self) -> f64 {
        (self.formula - self.autodiff).abs() / self.formula.abs().max(self.autodiff.abs()).max(1.0)
    }
}

/// The three partials of the full-batch loss at `w`, two ways each.
pub fn gradients_two_ways(data: &Dataset, w: &Weights) -> [TwoWays; 3] {
    let f = data.gradient(w, None);
    let a = data.autodiff_gradient(w).unwrap_or([f64::NAN; 3]);
    [0, 1, 2].map(|k| TwoWays {
        formula: f[k],
        autodiff: a[k],
    })
}

/// The formulas, with a table of their values at the weights.
#[component]
pub fn GradientTable(
    /// The values, row by row (∂L/∂w₁, ∂L/∂w₂, ∂L/∂b).
    #[prop(into)]
    rows: Signal<Option<[TwoWays; 3]>>,
) -> impl IntoView {
    let names = [
        (
            r"\frac{\partial L}{\partial w_1} = \frac{2}{n}\sum_{i=1}^{n}(\hat y_i - y_i)\,x_{i1}",
            "∂L/∂w₁ = (2/n) Σ (ŷᵢ − yᵢ) xᵢ₁",
            "w1",
        ),
        (
            r"\frac{\partial L}{\partial w_2} = \frac{2}{n}\sum_{i=1}^{n}(\hat y_i - y_i)\,x_{i2}",
            "∂L/∂w₂ = (2/n) Σ (ŷᵢ − yᵢ) xᵢ₂",
            "w2",
        ),
        (
            r"\frac{\partial L}{\partial b} = \frac{2}{n}\sum_{i=1}^{n}(\hat y_i - y_i)",
            "∂L/∂b = (2/n) Σ (ŷᵢ − yᵢ)",
            "b",
        ),
    ];
    view! {
        <p class="table-title" id="gradient-table-title">"The gradient at the current weights, two ways"</p>
        // It scrolls sideways on a phone, so it takes keyboard focus (WCAG 2.1.1).
        <div class="gradient-table-wrap" tabindex="0" role="region" aria-labelledby="gradient-table-title">
            <table class="gradient-table" aria-labelledby="gradient-table-title">
                <thead>
                    <tr>
                        <th scope="col">"formula"</th>
                        <th scope="col">"by the formula"</th>
                        <th scope="col">"by autodiff"</th>
                        <th scope="col">"relative gap"</th>
                    </tr>
                </thead>
                <tbody>
                    {names
                        .into_iter()
                        .enumerate()
                        .map(|(k, (tex, label, key))| {
                            let row = move || rows.get().map(|r| r[k]);
                            view! {
                                <tr
                                    data-partial=key
                                    data-formula=move || row().map(|r| format!("{:e}", r.formula)).unwrap_or_default()
                                    data-autodiff=move || row().map(|r| format!("{:e}", r.autodiff)).unwrap_or_default()
                                >
                                    <th scope="row"><MathTex tex=tex label=label/></th>
                                    <td class="readout" data-label="by the formula">{move || row().map(|r| format_value(r.formula))}</td>
                                    <td class="readout" data-label="by autodiff">{move || row().map(|r| format_value(r.autodiff))}</td>
                                    <td class="readout" data-label="relative gap">
                                        {move || row().map(|r| {
                                            let g = r.relative_gap();
                                            if g.is_finite() { crate::ui::lab_controls::sci(g) } else { "—".to_string() }
                                        })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_ways_agree() {
        let d = Dataset::generate(4, 40, 0.5);
        for r in gradients_two_ways(&d, &[1.0, -2.0, 0.5]) {
            assert!(r.relative_gap() < 1e-12, "{r:?}");
        }
        let gap = TwoWays {
            formula: 2.0,
            autodiff: f64::NAN,
        };
        assert!(!gap.relative_gap().is_finite());
    }
}
