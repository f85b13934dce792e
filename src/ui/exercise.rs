//! The "Try it" box: shows a generated function and question, reads the learner's answer,
//! says whether it is right and what is wrong, hands out the derivation's steps as hints one
//! at a time, and records solved exercises in the learner's progress.

use leptos::prelude::*;

use super::math_view::{MathExpr, MathTex};
use super::progress::record_solved;
use crate::tutor::exercise::{AskKind, Exercise, Family};
use crate::tutor::{QuestionPart, Verdict};

/// The seed of a lesson's first exercise: each lesson starts from its own, so neighbouring
/// lessons ask different things, and a reload asks the same thing again.
pub fn first_seed(lesson: &str) -> u64 {
    lesson
        .bytes()
        .fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64))
}

/// A generated exercise with checking, hints and a "new function" button.
#[component]
pub fn TryIt(
    /// The lesson's slug, under which solved exercises are counted.
    lesson: &'static str,
    /// Which functions to draw from.
    family: Family,
    /// What to ask for.
    kind: AskKind,
) -> impl IntoView {
    // Each lesson starts from its own seed, so neighbouring lessons ask different things.
    let base_seed = lesson
        .bytes()
        .fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    let seed = RwSignal::new(base_seed);
    let exercise = Memo::new(move |_| Exercise::generate(family, kind, seed.get()));
    let (answer, set_answer) = signal(String::new());
    let verdict = RwSignal::new(None::<Verdict>);
    let hints_shown = RwSignal::new(0usize);
    let solved_count = RwSignal::new(None::<u32>);

    let check = move || {
        let v = exercise.with(|ex| ex.check(&answer.get_untracked()));
        if v == Verdict::Correct {
            solved_count.set(Some(record_solved(lesson)));
        }
        verdict.set(Some(v));
    };
    let next = move |_| {
        seed.update(|s| *s = s.wrapping_add(0x9E37_79B9));
        set_answer.set(String::new());
        verdict.set(None);
        hints_shown.set(0);
    };
    let function = Signal::derive(move || Some(exercise.with(|ex| ex.function.clone())));
    let hints = Memo::new(move |_| exercise.with(Exercise::hints));
    let no_more_hints = move || hints_shown.get() >= hints.with(Vec::len);
    let input_id = format!("try-{lesson}");
    let feedback_id = format!("try-{lesson}-feedback");

    view! {
        <section class="try-it" aria-labelledby=format!("{input_id}-title")>
            <h2 id=format!("{input_id}-title")>"Try it"</h2>
            <p class="try-function">
                <MathExpr expr=function lhs="f =" lhs_text="f ="/>
            </p>
            <p class="try-question" data-text=move || exercise.with(Exercise::question)>
                {move || {
                    exercise
                        .with(Exercise::question_parts)
                        .into_iter()
                        .map(|part| match part {
                            QuestionPart::Words(w) => w.into_any(),
                            QuestionPart::Formula { tex, text } => {
                                view! { <MathTex tex=tex label=text/> }.into_any()
                            }
                        })
                        .collect_view()
                }}
            </p>
            <form
                class="try-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    check();
                }
            >
                <label for=input_id.clone() class="visually-hidden">"Your answer"</label>
                <input
                    id=input_id.clone()
                    class="try-input"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="off"
                    placeholder="Your answer, e.g. 2x + 3y"
                    aria-describedby=feedback_id.clone()
                    prop:value=answer
                    on:input=move |ev| set_answer.set(event_target_value(&ev))
                />
                <button type="submit" class="button">"Check"</button>
            </form>
            <div id=feedback_id class="try-feedback" role="status" aria-live="polite">
                {move || match verdict.get() {
                    None => ().into_any(),
                    Some(Verdict::Correct) => {
                        view! {
                            <p class="feedback-ok">
                                "Correct. "
                                {move || solved_count.get().map(|n| format!("Solved in this lesson: {n}."))}
                            </p>
                        }
                            .into_any()
                    }
                    Some(Verdict::Wrong(why)) => view! { <p class="feedback-wrong">{why}</p> }.into_any(),
                    Some(Verdict::Unreadable(why)) => {
                        view! { <p class="feedback-unreadable">{why}</p> }.into_any()
                    }
                }}
            </div>
            <div class="try-actions">
                <button
                    type="button"
                    class="button-secondary"
                    on:click=move |_| hints_shown.update(|n| *n += 1)
                    disabled=no_more_hints
                >
                    "Hint: next step"
                </button>
                <button type="button" class="button-secondary" on:click=next>"New function"</button>
            </div>
            <ol class="try-hints">
                {move || {
                    hints
                        .get()
                        .into_iter()
                        .take(hints_shown.get())
                        .map(|h| view! { <li>{h}</li> })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
