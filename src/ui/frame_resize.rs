//! Auto-resize for embeds: inside an iframe, the embed page watches its own height with a
//! ResizeObserver and posts it to the parent page in two forms, Nabla's own
//! `{ type: "nabla:resize", height }` and the one Canvas LMS reads,
//! `{ subject: "lti.frameResize", height }`. Outside a frame it does nothing. A height is
//! not secret, so it is posted to any parent origin.

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The parent window, when this page runs inside a frame.
fn parent_window() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    (!web_sys::js_sys::Object::is(&parent, &w)).then_some(parent)
}

/// A message `{ key: value, height }`.
fn message(key: &str, value: &str, height: f64) -> JsValue {
    let m = web_sys::js_sys::Object::new();
    let _ = web_sys::js_sys::Reflect::set(&m, &JsValue::from_str(key), &JsValue::from_str(value));
    let _ =
        web_sys::js_sys::Reflect::set(&m, &JsValue::from_str("height"), &JsValue::from_f64(height));
    m.into()
}

/// Posts the height of the element behind `target` to the parent page whenever it changes.
/// The observer is disconnected when the owner is cleaned up.
pub fn use_frame_resize(target: NodeRef<Div>) {
    let Some(parent) = parent_window() else {
        return;
    };
    let parent = SendWrapper::new(parent);
    Effect::new(move |_| {
        let Some(el) = target.get() else {
            return;
        };
        let el: web_sys::Element = el.into();
        let parent = (*parent).clone();
        let last = std::cell::Cell::new(-1.0f64);
        let post = {
            let el = el.clone();
            move || {
                let rect = el.get_bounding_client_rect();
                let scroll = web_sys::window()
                    .and_then(|w| w.scroll_y().ok())
                    .unwrap_or(0.0);
                // Down to the element's bottom edge, plus the body's margin below it.
                let height = (rect.bottom() + scroll + 8.0).ceil();
                if !height.is_finite() || (height - last.get()).abs() < 1.0 {
                    return;
                }
                last.set(height);
                let _ = parent.post_message(&message("type", "nabla:resize", height), "*");
                let _ = parent.post_message(&message("subject", "lti.frameResize", height), "*");
            }
        };
        post();
        let cb = Closure::<dyn FnMut()>::new(post);
        let Ok(observer) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) else {
            return;
        };
        // The element's own size, and the body's: what sits above it can change too.
        observer.observe(&el);
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            observer.observe(&body);
        }
        let keep = SendWrapper::new((observer, cb));
        on_cleanup(move || {
            if keep.valid() {
                let (observer, _cb) = keep.take();
                observer.disconnect();
            }
        });
    });
}
