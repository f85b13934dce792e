//! The root components: the router, the page frame and the route tables. `App` has every
//! page; `LiteApp`, the small first-visit binary's root (`src/bin/nabla-lite.rs`), has the
//! home page and the light lessons, and hands any other address to the full app.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use wasm_bindgen::JsCast;

use super::routes::base_path;

use super::embed::{EmbedIndex, EmbedPage, UnlessEmbedded};
use super::home::Home;
use super::layout::{Footer, Header};
use super::lesson_page::{LessonBodies, LessonPage};
use super::not_found::NotFound;
use super::playground::Playground;

/// The whole app: header, routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_context(LessonBodies {
        body: crate::lessons::body,
        elsewhere: || view! { <NotFound/> }.into_any(),
    });
    view! {
        <Frame>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/lesson/:slug") view=LessonPage/>
                <Route path=path!("/playground") view=Playground/>
                <Route path=path!("/embed") view=EmbedIndex/>
                <Route path=path!("/embed/:name") view=EmbedPage/>
            </Routes>
        </Frame>
    }
}

/// The small first-visit app: the home page and the light lessons only, so the first page a
/// learner opens downloads a fraction of the full app. Any other address (a heavy lesson, the
/// playground, an embed, a wrong path) loads the full app in its place.
#[component]
pub fn LiteApp() -> impl IntoView {
    provide_context(LessonBodies {
        body: crate::lessons::light_body,
        elsewhere: load_full_app,
    });
    view! {
        <Frame>
            <Routes fallback=load_full_app>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/lesson/:slug") view=LessonPage/>
            </Routes>
        </Frame>
    }
}

/// Leaves the small app for the full one: the browser loads the router's address (the one
/// just navigated to: the router may draw the new route before it updates the address bar, so
/// `window.location` can still hold the old one), and the boot module (`scripts/post-build.mjs`),
/// told so in session storage, starts the full binary for it even if it is one the small app
/// would take.
fn load_full_app() -> AnyView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let hash = location.hash.get_untracked();
    let mut url = path.clone();
    if !search.is_empty() {
        url.push('?');
        url.push_str(&search);
    }
    if !hash.is_empty() {
        if !hash.starts_with('#') {
            url.push('#');
        }
        url.push_str(&hash);
    }
    if let Some(w) = web_sys::window() {
        if let Ok(Some(storage)) = w.session_storage() {
            let _ = storage.set_item("nabla-full", &path);
        }
        let _ = w.location().assign(&url);
    }
    view! { <p class="app-loading" role="status">"Loading this page…"</p> }.into_any()
}

/// Removes index.html's app shell (a header and a "loading" line painted while the wasm
/// downloads): the app draws its own. Both binaries call it just before mounting.
pub fn remove_app_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app-shell"))
    {
        shell.remove();
    }
}

/// The frame around every page of both apps: the router, header, main region and footer.
#[component]
fn Frame(children: Children) -> impl IntoView {
    let base = base_path();
    super::progress::provide_progress();
    view! {
        <Router base=base>
            <ProvideLocation>
            <FocusOnNavigate/>
            <UnlessEmbedded>
                <SkipLink/>
                <Header/>
            </UnlessEmbedded>
            <main id="main" tabindex="-1">{children()}</main>
            <UnlessEmbedded>
                <Footer/>
            </UnlessEmbedded>
            </ProvideLocation>
        </Router>
    }
}

/// "Skip to content": moves focus to the main region of the page the learner is on. A bare
/// `href="#main"` resolves against `<base href>` (`/nabla/#main`), which the router would take
/// as the home page, so the click focuses the region itself and the address stays as it is.
#[component]
fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href="#main"
            on:click=|ev| {
                ev.prevent_default();
                focus_main();
            }
        >
            "Skip to content"
        </a>
    }
}

/// Focuses the page's main region (and scrolls it into view), if it is there.
fn focus_main() {
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
        main.scroll_into_view();
    }
}

/// Shares the router's location by context, so code below the router that may also run
/// outside one (the address state in `url_state`) can find it without panicking.
#[component]
fn ProvideLocation(children: Children) -> impl IntoView {
    provide_context(use_location());
    children()
}

/// After a client-side navigation, moves keyboard focus to the page's main region, as a
/// full page load would: a screen reader then reads the new page, and Tab continues from
/// its top rather than from the link that was followed. The first render is left alone.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        location.pathname.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        focus_main();
    });
}
