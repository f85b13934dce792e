//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"The gradient ∇f collects every partial derivative of f into one vector. The live gradient arrows arrive with the plotting work."</p>
    }
    .into_any()
}
