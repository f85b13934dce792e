//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"The gradient points uphill as steeply as possible, crosses each level curve at a right angle, and its length is that steepest slope."</p>
    }
    .into_any()
}
