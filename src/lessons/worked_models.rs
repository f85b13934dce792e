//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"Logistic regression and a single neural-network layer, with every gradient derived and checked."</p>
    }
    .into_any()
}
