//! The "Try it" box of lessons 1–5 and 11: a generated exercise (`tutor::exercise`) asked in a
//! [`QuestionBox`], so it gets the same diagnosis, one-idea hints, explanation and progress as
//! every other question. The lesson comes from the page's context; "New function" draws the
//! next exercise of the same kind.

use std::sync::Arc;

use leptos::prelude::*;

use super::lesson_context::lesson_slug;
use super::question_box::QuestionBox;
use crate::tutor::exercise::{first_seed, AskKind, Exercise, Family};
use crate::tutor::SharedQuestion;

/// A generated exercise with checking, hints and a "New function" button.
#[component]
pub fn TryIt(
    /// Which functions to draw from.
    family: Family,
    /// What to ask for.
    kind: AskKind,
) -> impl IntoView {
    let make = move |seed: u64| Arc::new(Exercise::generate(family, kind, seed)) as SharedQuestion;
    let seed = StoredValue::new(first_seed(lesson_slug()));
    let question = RwSignal::new(make(seed.get_value()));
    let next = Callback::new(move |()| {
        seed.update_value(|s| *s = s.wrapping_add(0x9E37_79B9));
        question.set(make(seed.get_value()));
    });
    view! {
        <QuestionBox
            question=Signal::from(question)
            name="try"
            title="Try it"
            on_new=next
            new_label="New function"
        />
    }
}
