//! The site's addresses: the base path the site is served under and the app's route paths.
//! Every internal link is made here, so no page has to import the app shell (which imports
//! every page) to write a link.

/// The home page.
pub const HOME: &str = "/";
/// The playground.
pub const PLAYGROUND: &str = "/playground";
/// The index of embeddable widgets.
pub const EMBED_INDEX: &str = "/embed";

/// The path of the lesson called `slug`.
pub fn lesson_path(slug: &str) -> String {
    format!("/lesson/{slug}")
}

/// The path of the embed page of the widget called `name`.
pub fn embed_path(name: &str) -> String {
    format!("{EMBED_INDEX}/{name}")
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_paths() {
        assert_eq!(lesson_path("gradient-vector"), "/lesson/gradient-vector");
        assert_eq!(embed_path("race"), "/embed/race");
    }

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
