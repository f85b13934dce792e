//! Typeset maths: an `Expr` (or a LaTeX string) shown as MathML, with its plain Unicode
//! form as the accessible name and in `data-pretty` for tests. MathML is rendered by the
//! browser itself, so no script or font is fetched.

use leptos::prelude::*;

use crate::math::{latex_to_mathml, Expr};

/// An expression, typeset inline. Shows nothing while the expression is `None`.
#[component]
pub fn MathExpr(
    /// The expression to show.
    #[prop(into)]
    expr: Signal<Option<Expr>>,
    /// LaTeX put before the expression, e.g. `\frac{\partial f}{\partial x} =`.
    #[prop(optional, into)]
    lhs: Option<String>,
    /// Plain text for the left-hand side, for the accessible name, e.g. `∂f/∂x =`.
    #[prop(optional, into)]
    lhs_text: Option<String>,
) -> impl IntoView {
    let lhs_latex = lhs.unwrap_or_default();
    let lhs_plain = lhs_text.unwrap_or_default();
    let pretty = Memo::new(move |_| expr.with(|e| e.as_ref().map(Expr::to_pretty)));
    let mathml = Memo::new(move |_| {
        expr.with(|e| {
            e.as_ref()
                .map(|e| latex_to_mathml(&format!("{lhs_latex} {}", e.to_latex()), false))
                .unwrap_or_default()
        })
    });
    view! {
        <span
            class="math"
            role="math"
            data-pretty=move || pretty.get().unwrap_or_default()
            aria-label=move || format!("{lhs_plain} {}", pretty.get().unwrap_or_default()).trim().to_string()
            inner_html=move || mathml.get()
        ></span>
    }
}

/// Fixed LaTeX, typeset (for formulas that are notation, not computed results).
#[component]
pub fn MathTex(
    /// The LaTeX source.
    #[prop(into)]
    tex: String,
    /// Plain-text reading of the formula, for the accessible name.
    #[prop(into)]
    label: String,
    /// Display (block) style instead of inline.
    #[prop(optional)]
    block: bool,
) -> impl IntoView {
    let html = latex_to_mathml(&tex, block);
    if block {
        // A long display formula scrolls sideways in its own box on a phone; a box that
        // scrolls must be reachable by keyboard (WCAG 2.1.1), so it takes focus.
        view! {
            <span class="math math-block" role="math" aria-label=label tabindex="0" inner_html=html></span>
        }
        .into_any()
    } else {
        view! { <span class="math" role="math" aria-label=label inner_html=html></span> }.into_any()
    }
}
