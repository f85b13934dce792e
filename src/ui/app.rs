//! The root component: the router, the page frame and the route table.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use wasm_bindgen::JsCast;

use super::embed::{EmbedIndex, EmbedPage, UnlessEmbedded};
use super::home::Home;
use super::layout::{Footer, Header};
use super::lesson_page::LessonPage;
use super::not_found::NotFound;
use super::playground::Playground;

/// The path prefix the site is served under, read from the document's `<base href>`, which
/// Trunk writes from `--public-url`. `""` at the root or with no `<base>`; `"/nabla"` for
/// `/nabla/`.
pub fn base_path() -> String {
    thread_local! {
        static BASE: String = read_base_path();
    }
    BASE.with(String::clone)
}

/// An app path (`/lesson/gradient-vector`) as a link under the base path. Router links with
/// absolute paths are not prefixed by the router, so every internal link goes through here.
pub fn href(path: &str) -> String {
    format!("{}{}", base_path(), path)
}

fn read_base_path() -> String {
    let href = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|base| base.get_attribute("href"))
        .unwrap_or_default();
    base_from_uri(&href)
}

/// The folder part of a base URI (absolute, or a path such as `/nabla/`), without its
/// trailing slash.
pub fn base_from_uri(uri: &str) -> String {
    let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    // A base that names a file (index.html) keeps only its folder.
    let folder = match path.rfind('/') {
        Some(i) => &path[..i],
        None => "",
    };
    folder.to_string()
}

/// The whole app: header, routed page, footer.
#[component]
pub fn App() -> impl IntoView {
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
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/lesson/:slug") view=LessonPage/>
                    <Route path=path!("/playground") view=Playground/>
                    <Route path=path!("/embed") view=EmbedIndex/>
                    <Route path=path!("/embed/:name") view=EmbedPage/>
                </Routes>
            </main>
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

#[cfg(test)]
mod tests {
    use super::base_from_uri;

    #[test]
    fn base_path_comes_from_the_base_uri() {
        assert_eq!(base_from_uri("http://127.0.0.1:8080/"), "");
        assert_eq!(base_from_uri("https://user.github.io/nabla/"), "/nabla");
        assert_eq!(
            base_from_uri("https://user.github.io/a/b/index.html"),
            "/a/b"
        );
        assert_eq!(base_from_uri("http://localhost:8080"), "");
        assert_eq!(base_from_uri(""), "");
        assert_eq!(base_from_uri("/nabla/"), "/nabla");
        assert_eq!(base_from_uri("/"), "");
    }
}
