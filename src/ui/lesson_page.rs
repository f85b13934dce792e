//! The page frame of a lesson: number, title, summary, body, and previous/next links.

use leptos::prelude::*;
use leptos_router::components::A;

use super::routes::href;
use leptos_router::hooks::use_params_map;

use super::layout::set_title;
use super::lesson_context::provide_lesson;
use super::not_found::NotFound;
use super::url_state::{provide_address_notes, AddressNotesBox};
use crate::lessons::{find, neighbours, Lesson, LESSONS};

/// A lesson's body by slug, if this binary has it.
pub type BodyOf = fn(&str) -> Option<fn() -> AnyView>;

/// The lesson bodies this binary can draw, provided by the root component: the full app
/// gives `lessons::body` (every lesson), the small first-visit app `lessons::light_body`.
/// Passing the function, rather than naming it here, is what keeps the heavy lessons out of
/// the small binary.
#[derive(Clone, Copy)]
pub struct LessonBodies {
    /// A lesson's body by slug; `None` for a lesson this binary does not contain.
    pub body: BodyOf,
    /// What to show for a lesson that exists but is not in this binary.
    pub elsewhere: fn() -> AnyView,
}

/// The page at `/lesson/:slug`.
#[component]
pub fn LessonPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let bodies = use_context::<LessonBodies>();
    move || match (find(&slug()), bodies) {
        (Some(lesson), Some(bodies)) => match (bodies.body)(lesson.slug) {
            Some(body) => lesson_view(lesson, body).into_any(),
            None => (bodies.elsewhere)(),
        },
        _ => view! { <NotFound/> }.into_any(),
    }
}

fn lesson_view(lesson: &'static Lesson, body: fn() -> AnyView) -> impl IntoView {
    set_title(lesson.title);
    let (prev, next) = neighbours(lesson.slug);
    // Widgets restore their state from the address; what could not be read is noted here.
    let notes = provide_address_notes();
    // Widgets derive their ids and progress keys from the lesson.
    provide_lesson(lesson.slug);
    let body = body();
    view! {
        <article class="lesson" data-lesson=lesson.slug>
            <header class="lesson-header">
                <p class="lesson-number">"Lesson " {lesson.number} " of " {LESSONS.len()}</p>
                <h1>{lesson.title}</h1>
                <p class="lede">{lesson.summary}</p>
            </header>
            <AddressNotesBox notes=notes/>
            <div class="lesson-body">{body}</div>
            <nav class="lesson-nav" aria-label="Lessons">
                {prev
                    .map(|p| {
                        view! {
                            <A href=href(&format!("/lesson/{}", p.slug)) attr:class="prev" attr:rel="prev">
                                <span class="nav-dir">"← Previous"</span>
                                <span class="nav-title">{p.title}</span>
                            </A>
                        }
                    })}
                <A href=href("/") attr:class="contents">"All lessons"</A>
                {next
                    .map(|n| {
                        view! {
                            <A href=href(&format!("/lesson/{}", n.slug)) attr:class="next" attr:rel="next">
                                <span class="nav-dir">"Next →"</span>
                                <span class="nav-title">{n.title}</span>
                            </A>
                        }
                    })}
            </nav>
        </article>
    }
}
