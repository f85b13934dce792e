//! The embed page (`/embed/explorer?f=…`): only the explorer, without the site's header and
//! footer, for instructors' iframes.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::explorer::FunctionExplorer;
use super::layout::set_title;
use super::share_link::initial_function;

/// The page at `/embed/explorer`.
#[component]
pub fn EmbedExplorer() -> impl IntoView {
    set_title("Function explorer");
    view! {
        <div class="embed">
            <FunctionExplorer initial=initial_function()/>
        </div>
    }
}

/// Renders its children except on embed pages (used for the site's header and footer).
#[component]
pub fn UnlessEmbedded(
    /// What to hide on embed pages.
    children: ChildrenFn,
) -> impl IntoView {
    let location = use_location();
    move || (!location.pathname.with(|p| p.contains("/embed/"))).then(|| children())
}
