//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"The slope of f along any unit direction v is the dot product of the gradient with v."</p>
    }
    .into_any()
}
