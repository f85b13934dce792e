//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"What the gradient tells you, what the Hessian adds, and how optimisers use both."</p>
    }
    .into_any()
}
