//! The home page: what Nabla is and the table of contents.

use leptos::prelude::*;
use leptos_router::components::A;

use super::routes::href;

use super::layout::set_title;
use super::progress::use_progress;
use crate::lessons::LESSONS;

/// The table of contents, one line per lesson.
#[component]
pub fn Home() -> impl IntoView {
    set_title("");
    let progress = use_progress();
    view! {
        <section class="intro">
            <h1>"Partial derivatives and gradients, live"</h1>
            <p class="lede">
                {LESSONS.len()}
                " short lessons that take you from the slope of a curve to the gradients that "
                "train machine-learning models. Every function on every page can be edited, and "
                "every derivative, plot and number is recomputed as you type."
            </p>
            <p>
                <A href=href("/playground") attr:class="button">"Open the playground"</A>
            </p>
        </section>
        <section aria-labelledby="toc-title">
            <h2 id="toc-title">"Lessons"</h2>
            <ol class="toc">
                {LESSONS
                    .iter()
                    .map(|lesson| {
                        view! {
                            <li class="toc-item">
                                <A href=href(&format!("/lesson/{}", lesson.slug))>
                                    <span class="toc-number">{lesson.number}</span>
                                    <span class="toc-text">
                                        <span class="toc-title">{lesson.title}</span>
                                        <span class="toc-summary">{lesson.summary}</span>
                                        {move || {
                                            progress
                                                .with(|p| p.get(lesson.slug).copied())
                                                .filter(|n| *n > 0)
                                                .map(|n| {
                                                    let s = if n == 1 { "" } else { "s" };
                                                    view! {
                                                        <span class="toc-progress">
                                                            {format!("✓ {n} exercise{s} solved")}
                                                        </span>
                                                    }
                                                })
                                        }}
                                    </span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
