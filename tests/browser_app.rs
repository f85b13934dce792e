//! Browser tests (wasm-bindgen-test in headless Chromium): mount the whole app, navigate to a
//! lesson, and check what a learner would see in the DOM.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser_support;

use browser_support::{document, new_host, tick};

wasm_bindgen_test_configure!(run_in_browser);

fn text_of(selector: &str) -> String {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn go_to(path: &str) {
    let history = web_sys::window()
        .and_then(|w| w.history().ok())
        .expect("history");
    history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .expect("pushState");
}

fn mount_app() -> web_sys::HtmlElement {
    let host = new_host();
    let handle = leptos::mount::mount_to(host.clone(), nabla::App);
    std::mem::forget(handle);
    host
}

#[wasm_bindgen_test]
async fn a_lesson_opens_at_its_own_address_and_links_to_the_next() {
    go_to("/lesson/gradient-vector");
    let host = mount_app();
    tick(50).await;

    assert_eq!(text_of("main h1"), "The gradient vector");
    assert_eq!(text_of(".lesson-number"), "Lesson 4 of 13");
    assert_eq!(document().title(), "The gradient vector · Nabla");
    let next = document()
        .query_selector(".lesson-nav a[rel=next]")
        .ok()
        .flatten()
        .expect("a next link");
    assert_eq!(
        next.get_attribute("href").as_deref(),
        Some("/lesson/gradient-geometry")
    );

    // Following the link routes in place, without a page load.
    next.dyn_ref::<web_sys::HtmlElement>()
        .expect("link")
        .click();
    tick(50).await;
    assert_eq!(text_of("main h1"), "What the gradient means geometrically");
    let path = web_sys::window()
        .expect("window")
        .location()
        .pathname()
        .expect("path");
    assert_eq!(path, "/lesson/gradient-geometry");
    // Focus moves to the new page, not left on the link that was followed.
    let focused = document().active_element().map(|e| e.id());
    assert_eq!(focused.as_deref(), Some("main"));

    // And the header leads back to the table of contents with all 13 lessons.
    let brand = document()
        .query_selector(".brand")
        .ok()
        .flatten()
        .expect("the brand link");
    brand
        .dyn_ref::<web_sys::HtmlElement>()
        .expect("link")
        .click();
    tick(50).await;
    let items = document().query_selector_all(".toc-item").expect("toc");
    assert_eq!(items.length(), 13);
    host.remove();
}
