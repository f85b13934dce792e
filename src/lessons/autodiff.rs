//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"Computers get exact gradients by recording each operation on a tape and running it backwards, and approximate ones by nudging inputs."</p>
    }
    .into_any()
}
