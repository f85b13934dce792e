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

/// The page at `/lesson/:slug`.
#[component]
pub fn LessonPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    move || match find(&slug()) {
        Some(lesson) => lesson_view(lesson).into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

fn lesson_view(lesson: &'static Lesson) -> impl IntoView {
    set_title(lesson.title);
    let (prev, next) = neighbours(lesson.slug);
    // Widgets restore their state from the address; what could not be read is noted here.
    let notes = provide_address_notes();
    // Widgets derive their ids and progress keys from the lesson.
    provide_lesson(lesson.slug);
    let body = (lesson.body)();
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
