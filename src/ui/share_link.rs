//! Shortcuts on the address for pages outside the widget registry: the function in `?f=`
//! (read by the `url_state` scheme, so `+` is a plus sign) and the `?bench` switch.

use super::explorer::DEFAULT_FUNCTION;
use super::url_state::parse_query;

/// The `f` query parameter, or the default function when it is missing, blank or too long
/// to be a function. `+` in a typed link is a plus sign.
pub fn initial_function() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    function_in(&search).unwrap_or_else(|| DEFAULT_FUNCTION.to_string())
}

/// The `f` value of a query string, if it has a usable one.
pub fn function_in(search: &str) -> Option<String> {
    let search = search.strip_prefix('?').unwrap_or(search);
    if search.len() > super::url_state::MAX_QUERY {
        return None;
    }
    parse_query(search)
        .into_iter()
        .rev()
        .find(|(k, _)| k == "f")
        .map(|(_, v)| v)
        .filter(|f| !f.trim().is_empty() && f.chars().count() <= crate::math::parse::MAX_CHARS)
}

/// True when the address has a `bench` query parameter (`?bench`).
pub fn bench_requested() -> bool {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return false;
    };
    let search = search.strip_prefix('?').unwrap_or(&search);
    search.len() <= super::url_state::MAX_QUERY
        && parse_query(search).iter().any(|(k, _)| k == "bench")
}

#[cfg(test)]
mod tests {
    use super::function_in;

    #[test]
    fn a_typed_plus_is_a_plus_sign() {
        assert_eq!(function_in("?f=x^2+y^2").as_deref(), Some("x^2+y^2"));
        assert_eq!(
            function_in("?f=x%5E2+%2B+y%5E2").as_deref(),
            Some("x^2 + y^2")
        );
        assert_eq!(function_in("?f=%20&bench"), None);
        assert_eq!(function_in("?g=1"), None);
    }
}
