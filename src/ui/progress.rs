//! Progress that survives a reload: how many exercises the learner has solved in each
//! lesson, kept in the browser's local storage (through `gloo-storage`) and nowhere else.

use std::collections::BTreeMap;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const KEY: &str = "nabla.progress.v1";

/// Solved-exercise counts per lesson slug.
pub type Progress = BTreeMap<String, u32>;

/// Reads the stored progress; an empty record when storage is missing or unreadable.
pub fn load() -> Progress {
    LocalStorage::get(KEY).unwrap_or_default()
}

/// Records one more solved exercise in `lesson`. Storage failures (private mode, quota) are
/// ignored: progress is a convenience, and the page keeps working without it.
pub fn record_solved(lesson: &str) -> u32 {
    let mut progress = load();
    let count = progress.entry(lesson.to_string()).or_insert(0);
    *count = count.saturating_add(1);
    let now = *count;
    let _ = LocalStorage::set(KEY, &progress);
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
