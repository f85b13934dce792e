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

/// What no pure layer may use: the web, the page, drawing, files, the network, printing, or
/// reactive state.
const NOT_PURE: &[&str] = &[
    "leptos",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "gloo",
    "plotters",
    "std::fs",
    "std::net",
    "println!",
    "eprintln!",
    "signal(",
    "RwSignal",
    "Memo::",
];

/// Checks that `dir` exists, uses nothing in [`NOT_PURE`], and imports none of `above`.
fn assert_pure(dir: &str, above: &[&str]) {
    let mut forbidden = NOT_PURE.to_vec();
    forbidden.extend_from_slice(above);
    let found = offenders(dir, &forbidden);
    assert!(found.is_empty(), "src/{dir} must stay pure: {found:#?}");
    assert!(!rust_files(&src(dir)).is_empty(), "src/{dir} is missing");
}

const APP_LAYERS: &[&str] = &["crate::ui", "crate::lessons", "crate::plot"];

#[test]
fn the_engine_is_pure_rust() {
    assert_pure(
        "math",
        &[
            "crate::ui",
            "crate::lessons",
            "crate::plot",
            "crate::tutor",
            "crate::optim",
            "crate::models",
        ],
    );
}

#[test]
fn the_optimisers_are_pure_rust() {
    assert_pure("optim", APP_LAYERS);
}

#[test]
fn the_models_are_pure_rust() {
    assert_pure("models", APP_LAYERS);
}

#[test]
fn the_teaching_logic_is_pure_rust() {
    assert_pure("tutor", APP_LAYERS);
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

/// What a lesson may not touch: the browser, drawing, and any widget's insides. A lesson
/// uses Leptos, the pure layers (`math`, `tutor`, `optim`, `models`) and the widgets through
/// `crate::ui::prelude`, so a widget can change inside without editing lessons.
const NOT_FOR_LESSONS: &[&str] = &[
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "gloo",
    "plotters",
    "crate::plot",
    // DOM ids come from the lesson context (`dom_id`), never written by hand in a lesson.
    " id=",
];

/// The places in `text` (one lesson file) that break the lessons' rule: a forbidden crate or
/// layer, or a path into `crate::ui` that is not the prelude.
fn lesson_rule_breaks(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for word in NOT_FOR_LESSONS {
            if code.contains(word) {
                found.push(format!("{}: {word}", n + 1));
            }
        }
        let mut rest = code;
        while let Some(at) = rest.find("ui::") {
            let after = &rest[at + "ui::".len()..];
            let before = &rest[..at];
            let names_ui = before.ends_with("crate::") || before.ends_with("super::super::");
            if names_ui && !after.starts_with("prelude") {
                found.push(format!(
                    "{}: ui::{}",
                    n + 1,
                    after.split(';').next().unwrap_or("")
                ));
            }
            rest = after;
        }
    }
    found
}

/// Lessons are content: they place widgets from the prelude and call the pure layers, and
/// never reach into a widget, the drawing layer or the browser.
#[test]
fn lessons_use_widgets_only_through_the_prelude() {
    let mut found = Vec::new();
    for file in rust_files(&src("lessons")) {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for hit in lesson_rule_breaks(&text) {
            found.push(format!("{}:{hit}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "src/lessons may use crate::ui only through crate::ui::prelude, and no drawing or \
         browser crate: {found:#?}"
    );
}

/// The rule above catches the imports it is meant to catch, and lets the allowed ones pass.
#[test]
fn the_lesson_rule_catches_a_planted_import() {
    let planted = "use crate::ui::explorer::browser::device_pixel_ratio;\n\
                   use crate::ui::{prelude::*, race::OptimiserRace};\n\
                   use plotters_canvas::CanvasBackend;\n\
                   use crate::plot::Theme;\n\
                   let w = web_sys::window();\n\
                   <FunctionField function=f label=\"f = \" id=\"l4-f\"/>\n";
    let hits = lesson_rule_breaks(planted);
    assert!(
        hits.iter().any(|h| h.starts_with("1: ui::explorer")),
        "{hits:?}"
    );
    assert!(hits.iter().any(|h| h.starts_with("2: ui::{")), "{hits:?}");
    assert!(hits.iter().any(|h| h == "3: plotters"), "{hits:?}");
    assert!(hits.iter().any(|h| h == "4: crate::plot"), "{hits:?}");
    assert!(hits.iter().any(|h| h == "5: web_sys"), "{hits:?}");
    assert!(hits.iter().any(|h| h == "6:  id="), "{hits:?}");
    let allowed = "use leptos::prelude::*;\n\
                   use crate::ui::prelude::*;\n\
                   use crate::tutor::format::format_value;\n\
                   // crate::ui::explorer is mentioned in a comment only\n\
                   use crate::math::parse;\n\
                   <p data-testid=\"l4-gradient\">\n";
    assert_eq!(lesson_rule_breaks(allowed), Vec::<String>::new());
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
            "signal(",
            "RwSignal",
            "Memo::",
        ],
    );
    assert!(
        found.is_empty(),
        "src/plot must not touch the DOM: {found:#?}"
    );
}

/// The top-level `src/ui` modules that `file` (a path under `src/ui`) refers to through
/// `super::…` or `crate::ui::…`, other than its own.
fn ui_references(file: &Path) -> Vec<String> {
    let ui = src("ui");
    let rel = file.strip_prefix(&ui).unwrap_or(file);
    let mut module: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if module.last().is_some_and(|m| m == "mod") {
        module.pop();
    }
    let own = module.first().cloned().unwrap_or_default();
    let is_ui_module =
        |name: &str| ui.join(format!("{name}.rs")).exists() || ui.join(name).is_dir();
    let text = fs::read_to_string(file).unwrap_or_default();
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("super::").or_else(|| rest.find("crate::ui::")) {
            let (base, mut tail) = if rest[i..].starts_with("crate::ui::") {
                (Vec::new(), &rest[i + "crate::ui::".len()..])
            } else {
                let mut up = 0;
                let mut t = &rest[i..];
                while let Some(after) = t.strip_prefix("super::") {
                    up += 1;
                    t = after;
                }
                let keep = module.len().saturating_sub(up);
                (module[..keep].to_vec(), t)
            };
            let names: Vec<String> = if let Some(group) = tail.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                tail = &group[end..];
                group[..end]
                    .split(',')
                    .map(|item| item.trim().split("::").next().unwrap_or("").to_string())
                    .collect()
            } else {
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len());
                let name = tail[..end].to_string();
                tail = &tail[end..];
                vec![name]
            };
            for name in names {
                let top = base.first().cloned().unwrap_or(name);
                if top != own && !top.is_empty() && is_ui_module(&top) && !out.contains(&top) {
                    out.push(top);
                }
            }
            rest = tail;
        }
    }
    out
}

/// The modules of `src/ui` import each other without cycles: the app shell sits on the
/// pages, the pages on the widgets, the widgets on shared pieces (routes, widget, url_state…).
#[test]
fn no_import_cycle_between_ui_modules() {
    use std::collections::BTreeMap;
    let ui = src("ui");
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in rust_files(&ui) {
        let rel = file.strip_prefix(&ui).unwrap_or(&file);
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let Some(first) = first else { continue };
        let top = first.trim_end_matches(".rs").to_string();
        if top == "mod" {
            continue;
        }
        let deps = edges.entry(top).or_default();
        for d in ui_references(&file) {
            if !deps.contains(&d) {
                deps.push(d);
            }
        }
    }
    // Depth-first search for a back edge; report the cycle it closes.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, Vec<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for d in edges.get(n).into_iter().flatten() {
            match state.get(d.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|s| s == d).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(d.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(d, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if !state.contains_key(n.as_str()) {
            if let Some(cycle) = visit(n, &edges, &mut state, &mut Vec::new()) {
                panic!("import cycle in src/ui: {}", cycle.join(" → "));
            }
        }
    }
    assert!(edges.len() > 10, "src/ui modules were not found");
}

/// The cycle check sees the forms of import the code uses.
#[test]
fn ui_references_are_resolved() {
    let refs = ui_references(&src("ui/explorer/mod.rs"));
    assert!(refs.contains(&"widget".to_string()), "{refs:?}");
    assert!(refs.contains(&"url_state".to_string()), "{refs:?}");
    let refs = ui_references(&src("ui/app.rs"));
    for page in ["home", "lesson_page", "playground", "embed", "routes"] {
        assert!(
            refs.contains(&page.to_string()),
            "app.rs → {page}: {refs:?}"
        );
    }
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
