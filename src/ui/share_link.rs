//! The function in the address bar: `?f=` gives the explorer's first function, and the
//! address is kept in step (replaced, not pushed) so a learner can share what they typed.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::explorer::DEFAULT_FUNCTION;

/// The `f` query parameter, or the default function when it is missing or blank. Call it
/// inside the router.
pub fn initial_function() -> String {
    let query = use_query_map();
    query
        .with_untracked(|q| q.get("f"))
        .filter(|f| !f.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_FUNCTION.to_string())
}

/// True when the address has a `bench` query parameter (`?bench`).
pub fn bench_requested() -> bool {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return false;
    };
    web_sys::UrlSearchParams::new_with_str(&search).is_ok_and(|q| q.has("bench"))
}

/// Replaces the address's `f` parameter with `text`, keeping the path and the other
/// parameters, without adding a history entry or reloading.
pub fn replace_function_in_address(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    params.set("f", text);
    let query: String = params.to_string().into();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?{query}")),
        );
    }
}
