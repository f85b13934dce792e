//! The page for an address that names nothing.

use leptos::prelude::*;
use leptos_router::components::A;

use super::routes::href;

use super::layout::set_title;

/// Shown for unknown paths and unknown lesson names.
#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Page not found");
    view! {
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. The lessons are listed on the home page."</p>
            <p><A href=href("/")>"Go to the lessons"</A></p>
        </section>
    }
}
