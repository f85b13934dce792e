//! The playground: the function explorer on a page of its own, for free use.

use leptos::prelude::*;

use super::layout::set_title;

/// The page at `/playground`.
#[component]
pub fn Playground() -> impl IntoView {
    set_title("Playground");
    view! {
        <section class="playground">
            <h1>"Playground"</h1>
            <p class="lede">
                "Type any function of x and y and explore its partial derivatives, gradient and "
                "surface."
            </p>
        </section>
    }
}
