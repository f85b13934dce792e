//! Lesson page body. It is a short introduction until its lesson's issue lands.

use leptos::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    view! {
        <p>"Gradients also find edges in images, track motion in video and train agents that act."</p>
    }
    .into_any()
}
