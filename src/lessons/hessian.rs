//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"Second partial derivatives describe curvature. Arranged in a matrix, the Hessian, they tell a minimum from a maximum or a saddle."</p>
    }
    .into_any()
}
