//! Browser tests of the lesson building blocks, mounted in headless Chromium: the "Try it"
//! exercise answered right and wrong (with hints and saved progress), a live worked example
//! recomputed on edit, the direction dial, and the question box any `Question` is asked in.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use nabla::tutor::exercise::first_seed;
use nabla::tutor::exercise::{AskKind, Exercise, Family};
use nabla::tutor::{ChoiceQuestion, NumberQuestion, QuestionPart, SharedQuestion};
use nabla::ui::direction_dial::DirectionDial;
use nabla::ui::exercise::TryIt;
use nabla::ui::lesson_context::provide_lesson;
use nabla::ui::question_box::QuestionBox;
use nabla::ui::worked_example::{FunctionField, LiveFunction, LivePartial};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser_support;

use browser_support::{find, new_host, tick, type_into};

wasm_bindgen_test_configure!(run_in_browser);

fn text(host: &web_sys::HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(host: &web_sys::HtmlElement, selector: &str) {
    find(host, selector)
        .dyn_ref::<web_sys::HtmlElement>()
        .expect("clickable")
        .click();
}

#[wasm_bindgen_test]
async fn an_exercise_tells_wrong_from_right_gives_hints_and_remembers_progress() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.clear();
    }
    let lesson = "gradient-vector";
    let h = new_host();
    let handle = leptos::mount::mount_to(h.clone(), move || {
        // The lesson page provides its slug; the box takes its ids and progress key from it.
        provide_lesson(lesson);
        view! { <TryIt family=Family::Polynomial kind=AskKind::Gradient/> }
    });
    tick(50).await;
    assert!(h
        .query_selector("#gradient-vector-try")
        .ok()
        .flatten()
        .is_some());
    // The exercise on the page is the one this lesson's seed generates.
    let ex = Exercise::generate(Family::Polynomial, AskKind::Gradient, first_seed(lesson));
    let shown = find(&h, ".try-question")
        .get_attribute("data-text")
        .unwrap_or_default();
    assert!(
        shown.starts_with(&format!("For f(x, y) = {}: ", ex.function.to_pretty())),
        "{shown}"
    );

    // Wrong: only the x component, repeated.
    let fx = ex.function.partial("x").to_string();
    type_into(&h, ".try-input", &format!("[{fx}, {fx}]"));
    click(&h, ".try-form button[type=submit]");
    tick(30).await;
    let wrong = text(&h, ".feedback-wrong");
    assert!(wrong.contains("Component 2"), "feedback: {wrong}");

    // Hints come one idea at a time.
    assert_eq!(
        h.query_selector_all(".try-hints li")
            .expect("list")
            .length(),
        0
    );
    click(&h, ".try-actions button");
    tick(30).await;
    assert_eq!(
        h.query_selector_all(".try-hints li")
            .expect("list")
            .length(),
        1
    );
    assert!(text(&h, ".try-hints li").contains("∂f/∂x"));

    // Right, in the learner's own form (the engine's plain text).
    let answer = format!(
        "[{}, {}]",
        ex.function.partial("x"),
        ex.function.partial("y")
    );
    type_into(&h, ".try-input", &answer);
    click(&h, ".try-form button[type=submit]");
    tick(30).await;
    assert!(text(&h, ".feedback-ok").starts_with("Correct"));
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("nabla.progress.v1").ok().flatten())
        .unwrap_or_default();
    assert!(stored.contains("\"gradient-vector\":1"), "stored: {stored}");
    drop(handle);
    h.remove();
}

#[wasm_bindgen_test]
async fn a_worked_example_is_recomputed_when_the_function_is_edited() {
    let h = new_host();
    let handle = leptos::mount::mount_to(h.clone(), || {
        // On the lesson `t`, the field named `f` gets the id `t-f` from the context.
        provide_lesson("t");
        let f = LiveFunction::new("x^2 + 3*x*y + y^2");
        view! {
            <FunctionField function=f label="f =" name="f"/>
            <LivePartial function=f var="x"/>
        }
    });
    tick(50).await;
    let result = || {
        find(&h, ".live-partial-result .math")
            .get_attribute("data-pretty")
            .unwrap_or_default()
    };
    assert_eq!(result(), "2x + 3y");
    // y is marked as held constant, twice.
    assert_eq!(h.query_selector_all(".held").expect("held").length(), 2);
    type_into(&h, "#t-f", "x^3*y^2");
    tick(30).await;
    assert_eq!(result(), "3x²y²");
    // Mid-edit, the last good result stays and the error is shown.
    type_into(&h, "#t-f", "x^3*y^2 +");
    tick(30).await;
    assert_eq!(result(), "3x²y²");
    assert!(!text(&h, ".field-error").is_empty());
    drop(handle);
    h.remove();
}

#[wasm_bindgen_test]
async fn the_direction_dial_reaches_the_gradient_norm_along_the_gradient() {
    let h = new_host();
    let handle = leptos::mount::mount_to(h.clone(), || {
        let f = Signal::derive(|| nabla::math::parse("x^2 + y^2").ok());
        let point = Signal::derive(|| (2.0, 3.0));
        let angle = RwSignal::new(std::f64::consts::FRAC_PI_4);
        view! { <DirectionDial function=f point=point angle=angle/> }
    });
    tick(50).await;
    // The curriculum's example: ∇f(2, 3) = [4, 6], v = [1, 1]/√2, D_v f = 10/√2 ≈ 7.071.
    assert!(text(&h, "[data-testid=directional-value]").contains("7.071"));
    click(&h, ".try-actions button:first-child");
    tick(30).await;
    let along = text(&h, "[data-testid=directional-value] strong");
    let norm = text(&h, "[data-testid=gradient-norm]");
    assert!(norm.contains(&along), "{along} vs {norm}");
    click(&h, ".try-actions button:last-child");
    tick(30).await;
    let level = text(&h, "[data-testid=directional-value] strong");
    let v: f64 = level.replace('−', "-").parse().unwrap_or(f64::NAN);
    assert!(v.abs() < 1e-9, "along the level curve: {level}");
    drop(handle);
    h.remove();
}

#[wasm_bindgen_test]
async fn a_question_box_diagnoses_hints_explains_and_resets_for_a_new_question() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.clear();
    }
    let number: SharedQuestion = Arc::new(
        NumberQuestion::new(vec![QuestionPart::words("∂L/∂w₁ at w = 0?")], -0.3483)
            .mistake(
                -1.0449,
                "That is the summed loss's gradient; the loss is the mean.",
            )
            .hint("Every p is σ(0) = 0.5 at w = 0.")
            .hint("Average (p − y)·x₁ over the points.")
            .explain("It is the mean of (p − y)x₁."),
    );
    let choice: SharedQuestion = Arc::new(
        ChoiceQuestion::new(vec![QuestionPart::words("x² − y² at the origin is a")])
            .wrong("minimum", "Along y it falls.")
            .right("saddle point"),
    );
    let q = RwSignal::new(number);
    let h = new_host();
    let handle = leptos::mount::mount_to(h.clone(), move || {
        view! {
            <QuestionBox
                question=q
                name="loss"
                on_new=Callback::new(move |_| q.set(choice.clone()))
            />
        }
    });
    tick(50).await;
    // Outside a lesson the ids come from the playground's slug.
    assert!(h
        .query_selector("#playground-loss-answer")
        .ok()
        .flatten()
        .is_some());

    type_into(&h, ".try-input", "-1.045");
    click(&h, ".try-form button[type=submit]");
    tick(30).await;
    assert!(text(&h, ".feedback-wrong").contains("mean"));

    type_into(&h, ".try-input", "2x");
    click(&h, ".try-form button[type=submit]");
    tick(30).await;
    assert!(text(&h, ".feedback-unreadable").contains("x"));

    // Hints one at a time, then none left.
    click(&h, ".try-actions button");
    tick(30).await;
    assert_eq!(h.query_selector_all(".try-hints li").unwrap().length(), 1);
    click(&h, ".try-actions button");
    tick(30).await;
    assert_eq!(h.query_selector_all(".try-hints li").unwrap().length(), 2);
    assert!(find(&h, ".try-actions button").has_attribute("disabled"));

    // A right answer rounded to two decimals is right, with the explanation, and counted.
    type_into(&h, ".try-input", "-0.35");
    click(&h, ".try-form button[type=submit]");
    tick(30).await;
    assert!(text(&h, ".feedback-ok").contains("mean of (p − y)x₁"));
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("nabla.progress.v1").ok().flatten())
        .unwrap_or_default();
    assert!(stored.contains("\"playground\":1"), "progress: {stored}");

    // A new question clears everything and offers its options.
    click(&h, ".try-actions button:last-child");
    tick(50).await;
    assert!(text(&h, ".try-feedback").is_empty());
    assert_eq!(h.query_selector_all(".try-hints li").unwrap().length(), 0);
    assert_eq!(
        h.query_selector_all(".question-choice input")
            .unwrap()
            .length(),
        2
    );
    click(&h, ".question-choice:first-of-type input");
    click(&h, ".try-form button[type=submit]");
    tick(30).await;
    assert!(text(&h, ".feedback-wrong").contains("falls"));
    click(&h, ".question-choice:last-of-type input");
    click(&h, ".try-form button[type=submit]");
    tick(30).await;
    assert!(text(&h, ".feedback-ok").starts_with("Correct"));
    drop(handle);
}
