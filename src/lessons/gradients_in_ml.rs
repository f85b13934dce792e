//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"Training a model means making a loss smaller. The gradient of the loss with respect to the weights says which way to nudge each weight, and by how much."</p>
    }
    .into_any()
}
