//! Progress that survives a reload: how many exercises the learner has solved in each
//! lesson, kept in the browser's local storage and nowhere else.
//!
//! Storage can be missing or refused: a private window, a full quota, or an embed in another
//! site's page, where the browser denies a third-party frame its storage (reading
//! `window.localStorage` then throws). Every access here goes through `Result`s, so the page
//! keeps working without progress instead of panicking.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::js_sys::{Object, Reflect, JSON};

const KEY: &str = "nabla.progress.v1";

/// Solved-exercise counts per lesson slug.
pub type Progress = BTreeMap<String, u32>;

/// The local storage, if this page may use it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the stored progress; an empty record when storage is missing, refused or holds
/// something unreadable.
pub fn load() -> Progress {
    let Some(text) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return Progress::new();
    };
    let Ok(value) = JSON::parse(&text) else {
        return Progress::new();
    };
    if !value.is_object() {
        return Progress::new();
    }
    let mut progress = Progress::new();
    for key in Object::keys(&Object::from(value.clone())).iter() {
        let (Some(slug), Ok(count)) = (key.as_string(), Reflect::get(&value, &key)) else {
            continue;
        };
        if let Some(n) = count.as_f64().filter(|n| n.is_finite() && *n >= 0.0) {
            progress.insert(slug, n.min(u32::MAX as f64) as u32);
        }
    }
    progress
}

/// Writes the progress; failures (no storage, quota) are ignored.
fn save(progress: &Progress) {
    let Some(storage) = storage() else {
        return;
    };
    let object = Object::new();
    for (slug, n) in progress {
        let _ = Reflect::set(&object, &JsValue::from_str(slug), &JsValue::from(*n));
    }
    if let Some(text) = JSON::stringify(&object).ok().and_then(|t| t.as_string()) {
        let _ = storage.set_item(KEY, &text);
    }
}

/// Records one more solved exercise in `lesson`. Storage failures (private mode, quota, an
/// embed denied storage) are ignored: progress is a convenience, and the page keeps working
/// without it.
pub fn record_solved(lesson: &str) -> u32 {
    let mut progress = load();
    let count = progress.entry(lesson.to_string()).or_insert(0);
    *count = count.saturating_add(1);
    let now = *count;
    save(&progress);
    if let Some(p) = use_context::<ProgressSignal>() {
        p.0.set(progress);
    }
    now
}

/// The app-wide progress, shared through context so the home page updates when an
/// exercise is solved.
#[derive(Clone, Copy)]
pub struct ProgressSignal(pub RwSignal<Progress>);

/// Provides the progress context; called once by the app.
pub fn provide_progress() {
    provide_context(ProgressSignal(RwSignal::new(load())));
}

/// The current progress (reactive where the context exists).
pub fn use_progress() -> Signal<Progress> {
    match use_context::<ProgressSignal>() {
        Some(p) => p.0.into(),
        None => Signal::derive(load),
    }
}

const QUIZ_KEY: &str = "nabla.quiz.v1";

/// The stored score of the course quiz (`tutor::quiz::QuizScore::encode`), if any.
pub fn load_quiz_score() -> Option<String> {
    storage().and_then(|s| s.get_item(QUIZ_KEY).ok().flatten())
}

/// Stores the course quiz's score; failures (no storage, quota) are ignored like the rest of
/// the progress.
pub fn save_quiz_score(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(QUIZ_KEY, text);
    }
}
