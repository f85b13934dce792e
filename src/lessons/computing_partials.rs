//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"You already know the rules: power, product, quotient, chain. To take ∂f/∂x, treat every other variable as a number and apply them. The step-by-step derivations arrive with the math engine."</p>
    }
    .into_any()
}
