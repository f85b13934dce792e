//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"With one input, f(x) = x² has a single slope at each point, 2x. With two inputs, f(x, y) = x² + y² is a surface, and its slope depends on which way you walk. This lesson's plots arrive with the plotting work."</p>
    }
    .into_any()
}
