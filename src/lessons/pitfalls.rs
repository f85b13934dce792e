//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"Gradients can be wrong, explode or vanish. This lesson shows how to check them, clip them and keep them alive."</p>
    }
    .into_any()
}
