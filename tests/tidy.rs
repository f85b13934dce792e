//! Keeps the architecture's invariants true: the engine imports nothing of the web or of
//! plotting, the drawing layer knows nothing of Leptos or the DOM, and every module says
//! what it is in a `//!` header.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(sub)
}

fn offenders(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&src(dir)) {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, word));
                }
            }
        }
    }
    found
}

#[test]
fn the_engine_is_pure_rust() {
    let found = offenders(
        "math",
        &[
            "leptos",
            "web_sys",
            "wasm_bindgen",
            "js_sys",
            "plotters",
            "std::fs",
            "std::net",
            "println!",
            "eprintln!",
        ],
    );
    assert!(found.is_empty(), "src/math must stay pure: {found:#?}");
    assert!(!rust_files(&src("math")).is_empty());
}

#[test]
fn the_optimisers_are_pure_rust() {
    let found = offenders(
        "optim",
        &[
            "leptos",
            "web_sys",
            "wasm_bindgen",
            "js_sys",
            "plotters",
            "crate::ui",
            "crate::lessons",
            "crate::plot",
            "std::fs",
            "std::net",
            "println!",
            "eprintln!",
            "signal(",
            "RwSignal",
        ],
    );
    assert!(found.is_empty(), "src/optim must stay pure: {found:#?}");
    assert!(!rust_files(&src("optim")).is_empty());
}

#[test]
fn the_models_are_pure_rust() {
    let found = offenders(
        "models",
        &[
            "leptos",
            "web_sys",
            "wasm_bindgen",
            "js_sys",
            "plotters",
            "crate::ui",
            "crate::lessons",
            "crate::plot",
            "std::fs",
            "std::net",
            "println!",
            "eprintln!",
        ],
    );
    assert!(found.is_empty(), "src/models must stay pure: {found:#?}");
    assert!(!rust_files(&src("models")).is_empty());
}

#[test]
fn the_teaching_logic_is_pure_rust() {
    let found = offenders(
        "tutor",
        &[
            "leptos",
            "web_sys",
            "wasm_bindgen",
            "js_sys",
            "plotters",
            "gloo",
            "crate::ui",
            "crate::lessons",
            "crate::plot",
            "std::fs",
            "std::net",
            "println!",
            "eprintln!",
            "signal(",
            "RwSignal",
            "Memo::",
        ],
    );
    assert!(found.is_empty(), "src/tutor must stay pure: {found:#?}");
    assert!(!rust_files(&src("tutor")).is_empty());
}

/// Widgets never reach up into the lessons: only the app shell reads the catalogue.
#[test]
fn only_the_app_shell_imports_lessons() {
    let shell = ["app.rs", "home.rs", "lesson_page.rs"];
    let found: Vec<String> = offenders("ui", &["crate::lessons"])
        .into_iter()
        .filter(|hit| !shell.iter().any(|f| hit.contains(&format!("ui/{f}"))))
        .collect();
    assert!(
        found.is_empty(),
        "only {shell:?} in src/ui may import crate::lessons: {found:#?}"
    );
}

#[test]
fn the_drawing_layer_knows_nothing_of_the_page() {
    let found = offenders(
        "plot",
        &[
            "leptos",
            "web_sys",
            "wasm_bindgen",
            "crate::ui",
            "crate::lessons",
        ],
    );
    assert!(
        found.is_empty(),
        "src/plot must not touch the DOM: {found:#?}"
    );
}

#[test]
fn only_ui_and_lessons_create_signals() {
    let mut found = offenders("math", &["signal(", "RwSignal", "Memo::"]);
    found.extend(offenders("plot", &["signal(", "RwSignal", "Memo::"]));
    found.extend(offenders("models", &["signal(", "RwSignal", "Memo::"]));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_module_has_a_header() {
    let missing: Vec<_> = rust_files(&src(""))
        .into_iter()
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a //! header: {missing:#?}"
    );
}
