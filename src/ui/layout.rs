//! The frame around every page: the header with the way home, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::routes::href;

/// The site header: the name (a link to the table of contents) and the main links.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <nav aria-label="Site">
                <A href=href("/") exact=true attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"∇"</span>
                    " Nabla"
                </A>
                <ul class="site-links">
                    <li><A href=href("/") exact=true>"Lessons"</A></li>
                    <li><A href=href("/playground")>"Playground"</A></li>
                </ul>
            </nav>
        </header>
    }
}

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "Every number on these pages is computed in your browser as you type. "
                "Nothing is sent anywhere."
            </p>
        </footer>
    }
}

/// Sets the document title for the current page.
pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if page.is_empty() {
            doc.set_title("Nabla: partial derivatives and gradients");
        } else {
            doc.set_title(&format!("{page} · Nabla"));
        }
    }
}
