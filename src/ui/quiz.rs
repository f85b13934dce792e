//! The course's self-check quiz (`tutor::quiz`): every question in a `QuestionBox`, the score
//! (right on the first try, answered right, questions) above them, kept in local storage with
//! the learner's progress so a reload keeps it. The quiz's seed is in the address, so a link
//! gives the same questions; "New quiz" moves to the next seed. Registered as `/embed/quiz`.

use leptos::prelude::*;

use super::progress::{load_quiz_score, save_quiz_score};
use super::question_box::QuestionBox;
use super::url_state::{Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::tutor::quiz::{course_quiz, Mark, QuizItem, QuizScore, QUIZ_LENGTH};
use crate::tutor::SharedQuestion;

/// The quiz's state in the address: its seed.
pub const FIELDS: [Field; 1] = [Field::number("quiz", "quiz number", 1.0, 0.0, 1e9)];

/// The quiz in the widget registry (`/embed/quiz`).
pub const WIDGET: Widget = Widget {
    name: "quiz",
    title: "Self-check quiz",
    summary: "Sixteen questions over the whole course, one or two per lesson, checked as you go.",
    fields: &FIELDS,
    example: "v=1&quiz=12",
    embed: embed_view,
    height: 6250,
};

fn embed_view(_: EmbedOptions) -> AnyView {
    view! { <CourseQuiz/> }.into_any()
}

/// DOM names of the boxes (a `QuestionBox` takes a `&'static str`).
const NAMES: [&str; QUIZ_LENGTH] = [
    "quiz-1", "quiz-2", "quiz-3", "quiz-4", "quiz-5", "quiz-6", "quiz-7", "quiz-8", "quiz-9",
    "quiz-10", "quiz-11", "quiz-12", "quiz-13", "quiz-14", "quiz-15", "quiz-16",
];

/// The seed as the address holds it (a whole number in range).
fn seed_of(v: f64) -> u64 {
    if v.is_finite() {
        v.clamp(0.0, 1e9).round() as u64
    } else {
        1
    }
}

/// The self-check quiz over the whole course.
#[component]
pub fn CourseQuiz() -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let seed_value = url.number("quiz");
    let seed = Memo::new(move |_| seed_of(seed_value.get()));
    // A new seed always makes new questions, so no comparison is needed.
    let items = Memo::new_with_compare(
        move |_| {
            course_quiz(seed.get())
                .into_iter()
                .map(|i| (i.lesson, i.topic, i.question))
                .collect::<Vec<_>>()
        },
        |_, _| true,
    );
    let stored =
        move |s: u64| QuizScore::decode(&load_quiz_score().unwrap_or_default(), s, QUIZ_LENGTH);
    let score = RwSignal::new(stored(seed.get_untracked()));
    // Another quiz (a link, "New quiz"): its own stored score, or a fresh one.
    Effect::watch(
        move || seed.get(),
        move |s, _, _| score.set(stored(*s)),
        false,
    );
    let record = move |i: usize, right: bool| {
        score.update(|s| s.record(i, right));
        score.with_untracked(|s| save_quiz_score(&s.encode()));
    };
    let new_quiz = move |_| {
        let next = (seed.get_untracked() + 1) % 1_000_000_000;
        seed_value.set(next as f64);
    };
    let boxes = (0..QUIZ_LENGTH)
        .map(|i| {
            let question = Signal::derive(move || {
                items.with(|v| {
                    v.get(i)
                        .map(|q| q.2.clone())
                        .unwrap_or_else(|| fallback())
                })
            });
            let title = items.with_untracked(|v| {
                v.get(i)
                    .map(|(lesson, topic, _)| {
                        format!("Question {} (lesson {lesson}): {topic}", i + 1)
                    })
                    .unwrap_or_default()
            });
            // Said once a question has been tried.
            let mark = move || {
                score.with(|s| match s.marks.get(i) {
                    Some(m) if *m != Mark::Open => m.words(),
                    _ => "",
                })
            };
            view! {
                <li class="quiz-item">
                    <QuestionBox
                        question=question
                        name=NAMES[i]
                        title=title
                        on_checked=Callback::new(move |right: bool| record(i, right))
                    />
                    {move || {
                        (!mark().is_empty())
                            .then(|| view! { <p class="quiz-mark">{format!("Question {}: ", i + 1)} {mark}</p> })
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="quiz" aria-labelledby="quiz-title">
            <h2 id="quiz-title">"Self-check quiz"</h2>
            <p>
                "One or two questions on each lesson. Type a number (fractions such as 1/4 are "
                "fine), a vector as [a, b], or pick an option, then press Check. A wrong answer "
                "is told what looks off; Hint gives one idea at a time; a right one is explained. "
                "The quiz number is in the address, so a link gives the same questions."
            </p>
            <p class="quiz-score readout" role="status" aria-live="polite" data-testid="quiz-score" data-embed-main="">
                {move || score.with(QuizScore::summary)}
            </p>
            <div class="quiz-actions">
                <span class="readout">{move || format!("Quiz number {}", seed.get())}</span>
                <button type="button" class="button-secondary" on:click=new_quiz>
                    "New quiz"
                </button>
            </div>
            <ol class="quiz-list">{boxes}</ol>
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </section>
    }
}

/// A question for an index past the end (never reached: the quiz has `QUIZ_LENGTH` items).
fn fallback() -> SharedQuestion {
    course_quiz(1)
        .into_iter()
        .next()
        .map(|i: QuizItem| i.question)
        .unwrap_or_else(|| std::sync::Arc::new(crate::tutor::NumberQuestion::new(Vec::new(), 0.0)))
}
