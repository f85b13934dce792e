//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"A partial derivative measures how f changes when exactly one input moves and every other input is frozen. The live slices of the surface arrive with the plotting work."</p>
    }
    .into_any()
}
