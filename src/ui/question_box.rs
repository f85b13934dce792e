//! The box that asks any [`Question`]: shows its prompt with typeset formulas, offers the input
//! its answer form needs (a text field for numbers, radio buttons for a choice), checks the
//! answer, shows the diagnosis or, once right, the explanation, hands out hints one at a time,
//! and records a solved question in the learner's progress under the lesson's slug.

use leptos::prelude::*;

use super::lesson_context::{dom_id, lesson_slug};
use super::math_view::MathTex;
use super::progress::record_solved;
use crate::tutor::{AnswerForm, QuestionPart, SharedQuestion, Verdict};

/// Asks a question and checks the answer.
#[component]
pub fn QuestionBox(
    /// The question. When it changes, the answer, feedback and hints are cleared.
    #[prop(into)]
    question: Signal<SharedQuestion>,
    /// A name unique within the lesson, from which the box's DOM ids are made.
    name: &'static str,
    /// The heading.
    #[prop(optional, into)]
    title: Option<String>,
    /// Shows a "New question" button that calls this.
    #[prop(optional)]
    on_new: Option<Callback<()>>,
    /// The "New question" button's words (e.g. "New function").
    #[prop(optional)]
    new_label: Option<&'static str>,
    /// Told whether each checked answer was right (a quiz keeps its score with it).
    #[prop(optional)]
    on_checked: Option<Callback<bool>>,
) -> impl IntoView {
    let lesson = lesson_slug();
    let id = dom_id(name);
    let (answer, set_answer) = signal(String::new());
    let verdict = RwSignal::new(None::<Verdict>);
    let hints_shown = RwSignal::new(0usize);
    let solved = RwSignal::new(false);

    // A new question starts afresh.
    Effect::watch(
        move || question.track(),
        move |_, _, _| {
            set_answer.set(String::new());
            verdict.set(None);
            hints_shown.set(0);
            solved.set(false);
        },
        false,
    );

    let check = move || {
        let v = question.with_untracked(|q| q.check(&answer.get_untracked()));
        let right = v == Verdict::Correct;
        if right && !solved.get_untracked() {
            solved.set(true);
            record_solved(lesson);
        }
        if let Some(cb) = on_checked {
            if !matches!(v, Verdict::Unreadable(_)) {
                cb.run(right);
            }
        }
        verdict.set(Some(v));
    };

    let hints = Memo::new(move |_| question.with(|q| q.hints()));
    let no_more_hints = move || hints_shown.get() >= hints.with(Vec::len);
    let feedback_id = format!("{id}-feedback");
    let title_id = format!("{id}-title");
    let input_id = format!("{id}-answer");
    let title = title.unwrap_or_else(|| "Try it".into());

    let prompt = move || {
        question
            .with(|q| q.prompt())
            .into_iter()
            .map(|part| match part {
                QuestionPart::Words(w) => w.into_any(),
                QuestionPart::Formula { tex, text } => {
                    view! { <MathTex tex=tex label=text/> }.into_any()
                }
            })
            .collect_view()
    };

    let input = {
        let input_id = input_id.clone();
        let feedback_id = feedback_id.clone();
        move || match question.with(|q| q.answer_form()) {
            AnswerForm::Choice(options) => {
                let group = input_id.clone();
                view! {
                    <fieldset class="question-choices" aria-describedby=feedback_id.clone()>
                        <legend class="visually-hidden">"Your answer"</legend>
                        {options
                            .into_iter()
                            .enumerate()
                            .map(|(i, label)| {
                                let value = i.to_string();
                                let checked = {
                                    let value = value.clone();
                                    move || answer.get() == value
                                };
                                view! {
                                    <label class="question-choice">
                                        <input
                                            type="radio"
                                            name=group.clone()
                                            value=value.clone()
                                            prop:checked=checked
                                            on:change=move |_| set_answer.set(value.clone())
                                        />
                                        <span>{label}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                }
                .into_any()
            }
            form => {
                // Short enough for the box on a 360 px phone ("Your answer, e.g. [1.5, -2]"
                // was cut there); the box's name, "Your answer", is its label.
                let placeholder = match form {
                    AnswerForm::Numbers(n) => {
                        let eg: Vec<&str> = ["1.5", "-2", "0.25", "3"]
                            .into_iter()
                            .cycle()
                            .take(n)
                            .collect();
                        format!("e.g. [{}]", eg.join(", "))
                    }
                    AnswerForm::Formula => "e.g. 2x + 3y".to_string(),
                    AnswerForm::Formulas(n) => {
                        let eg: Vec<&str> = ["2x", "3y", "x + y", "1"]
                            .into_iter()
                            .cycle()
                            .take(n)
                            .collect();
                        format!("e.g. [{}]", eg.join(", "))
                    }
                    _ => "e.g. -0.25 or 1/4".to_string(),
                };
                view! {
                    <label for=input_id.clone() class="visually-hidden">"Your answer"</label>
                    <input
                        id=input_id.clone()
                        class="try-input"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        autocapitalize="off"
                        maxlength="200"
                        placeholder=placeholder
                        aria-describedby=feedback_id.clone()
                        prop:value=answer
                        on:input=move |ev| set_answer.set(event_target_value(&ev))
                    />
                }
                .into_any()
            }
        }
    };

    view! {
        <section class="try-it question-box" id=id.clone() aria-labelledby=title_id>
            <h2 id=title_id.clone()>{title}</h2>
            <p class="try-question" data-text=move || question.with(|q| q.prompt_text())>
                {prompt}
            </p>
            <form
                class="try-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    check();
                }
            >
                {input}
                <button type="submit" class="button">"Check"</button>
            </form>
            <div id=feedback_id class="try-feedback" role="status" aria-live="polite">
                {move || match verdict.get() {
                    None => ().into_any(),
                    Some(Verdict::Correct) => {
                        let why = question.with_untracked(|q| q.explanation());
                        view! {
                            <p class="feedback-ok">
                                "Correct. " {why}
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
                    "Hint"
                </button>
                {on_new
                    .map(|cb| {
                        view! {
                            <button type="button" class="button-secondary" on:click=move |_| cb.run(())>
                                {new_label.unwrap_or("New question")}
                            </button>
                        }
                    })}
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
