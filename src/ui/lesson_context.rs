//! What a widget knows about the lesson it sits in: the lesson page provides the slug, and
//! widgets derive their DOM ids and progress keys from it, so no lesson writes ids by hand.
//! Outside a lesson (the playground, an embed) the slug is `playground`.

use leptos::prelude::*;

/// The lesson a widget is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LessonContext {
    /// The lesson's slug (`/lesson/{slug}`).
    pub slug: &'static str,
}

/// Provides the context; called by the lesson page.
pub fn provide_lesson(slug: &'static str) {
    provide_context(LessonContext { slug });
}

/// The slug of the lesson this widget is on, or `playground` outside a lesson.
pub fn lesson_slug() -> &'static str {
    use_context::<LessonContext>().map_or("playground", |c| c.slug)
}

/// A DOM id for the widget part `name`, unique on the page as long as `name` is unique
/// within the lesson.
pub fn dom_id(name: &str) -> String {
    format!("{}-{name}", lesson_slug())
}
