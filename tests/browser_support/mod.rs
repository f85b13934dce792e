//! Helpers shared by the browser tests: the document, waiting for the browser to run
//! pending tasks, a fresh host element to mount into, finding elements, and typing as a
//! learner does (an `input` event that bubbles, since Leptos listens at the document).
#![allow(dead_code)]

use wasm_bindgen::JsCast;

/// The test page's document.
pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

/// Waits `ms` milliseconds, letting effects, routing and drawing run.
pub async fn tick(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A new, empty `<div>` appended to the body, to mount a component into.
pub fn new_host() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("an HtmlElement");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host
}

/// The first element under `host` matching `selector`; fails the test if there is none.
pub fn find(host: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    host.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no {selector} in {}", host.inner_html()))
}

/// Sets the value of the input at `selector` and fires a bubbling `input` event.
pub fn type_into(host: &web_sys::HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(host, selector).dyn_into().expect("an input");
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&ev).expect("dispatch");
}
