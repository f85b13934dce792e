//! Worked examples that stay live: an editable function, its partial derivatives computed
//! by the engine as the learner types, the held-constant variables marked, and the
//! derivation's steps with the rule each one uses.

use leptos::prelude::*;

use super::lesson_context::dom_id;
use super::math_view::MathExpr;
use super::url_state::{check_function, Field, UrlState, Value};
use crate::math::{parse, Derivation, Expr};

/// A function typed by the learner: the text, and the last version that parsed.
#[derive(Clone, Copy)]
pub struct LiveFunction {
    /// What is in the field.
    pub text: RwSignal<String>,
    /// The last text that parsed, as an expression.
    pub expr: Memo<Option<Expr>>,
    /// The current parse error's message, if the text does not parse.
    pub error: Memo<Option<String>>,
}

impl LiveFunction {
    /// A live function starting from `initial`.
    pub fn new(initial: &str) -> LiveFunction {
        let text = RwSignal::new(initial.to_string());
        let (expr, error) = parse_live(text, |t| parse(t).map_err(|e| e.message()));
        LiveFunction { text, expr, error }
    }

    /// A live function of `vars` alone (lesson 1's box takes x only): text that uses any
    /// other variable is an error naming it, and the last good function is kept.
    pub fn only(initial: &str, vars: &'static [&'static str]) -> LiveFunction {
        let text = RwSignal::new(initial.to_string());
        let (expr, error) = parse_live(text, move |t| {
            let e = parse(t).map_err(|e| e.message())?;
            only_vars(&e, vars).map(|()| e)
        });
        LiveFunction { text, expr, error }
    }
}

/// `Ok` when `e` uses no variable outside `vars`; otherwise what to tell the learner.
pub fn only_vars(e: &Expr, vars: &[&str]) -> Result<(), String> {
    let stray: Vec<String> = e
        .variables()
        .into_iter()
        .filter(|v| !vars.contains(&v.as_str()))
        .collect();
    let Some(first) = stray.first() else {
        return Ok(());
    };
    let allowed = vars.join(" and ");
    let named = if stray.len() == 1 {
        format!("{first} is another input")
    } else {
        format!("{} are other inputs", stray.join(", "))
    };
    Err(format!(
        "This box takes a function of {allowed} only, and {named}. Remove {first} or put a \
         number in its place."
    ))
}

/// What the learner's text in `typed` parses to with `parse`: the last value that parsed
/// (kept while the learner is mid-edit, so the picture stays) and the current error's
/// message, if the text does not parse.
pub fn parse_live<T>(
    typed: RwSignal<String>,
    parse: impl Fn(&str) -> Result<T, String> + Send + Sync + 'static,
) -> (Memo<Option<T>>, Memo<Option<String>>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let parsed = Memo::new(move |_| typed.with(|t| parse(t)));
    let last_good = Memo::new(move |prev: Option<&Option<T>>| match parsed.get() {
        Ok(v) => Some(v),
        Err(_) => prev.cloned().flatten(),
    });
    let error = Memo::new(move |_| parsed.with(|p| p.as_ref().err().cloned()));
    (last_good, error)
}

/// Copies `typed` into `kept` (e.g. the address) whenever it parses, so a reload or a shared
/// link never carries a half-typed function.
pub fn keep_when_valid(
    kept: RwSignal<String>,
    typed: RwSignal<String>,
    error: Memo<Option<String>>,
) {
    Effect::new(move |_| {
        if error.with(Option::is_none) {
            kept.set(typed.get());
        }
    });
}

/// A function field's state in the address: its text, under the field's DOM id as the key.
const FIELD_STATE: [Field; 1] = [Field::checked_text("", "function", "", 500, check_function)];

/// A labelled text field bound to a `LiveFunction`, with the parse error under it.
#[component]
pub fn FunctionField(
    /// The function the field edits.
    function: LiveFunction,
    /// The field's label, e.g. `f(x, y) =`.
    #[prop(into)]
    label: String,
    /// The field's name, unique within the lesson (e.g. `example`). Its DOM id, which the
    /// label and error message refer to, is the lesson's slug and this name
    /// (`gradient-vector-example`), from the lesson context.
    name: &'static str,
) -> impl IntoView {
    let id = dom_id(name);
    // The learner's edit lives in the address under the field's id
    // (`?gradient-vector-example=x*y`), so a reload or a shared link keeps it; only text that
    // parses is written.
    let url = UrlState::bind_with_defaults(
        &FIELD_STATE,
        &id,
        vec![("", Value::Text(function.text.get_untracked()))],
    );
    let in_url = url.text("");
    function.text.set(in_url.get_untracked());
    keep_when_valid(in_url, function.text, function.error);
    view! { <FunctionInput id=id label=label text=function.text error=function.error/> }
}

/// The text field a learner types a function into, labelled, with the parse error under it
/// (announced as it changes). Every widget with a function field uses it.
#[component]
pub fn FunctionInput(
    /// A unique id for the field (its label and error message refer to it).
    #[prop(into)]
    id: String,
    /// The label before the field, e.g. `f(x, y) = `.
    #[prop(into)]
    label: String,
    /// What is in the field.
    text: RwSignal<String>,
    /// The current parse error's message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Read-only (an embed that fixes the function).
    #[prop(optional)]
    locked: bool,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    view! {
        <div class="function-field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                class="text-input"
                type="text"
                autocomplete="off"
                spellcheck="false"
                autocapitalize="off"
                readonly=locked
                prop:value=move || text.get()
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=err_id.clone()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
            <p id=err_id class="field-error" role="alert">
                {move || error.get()}
            </p>
        </div>
    }
}

/// f with the variables held constant for ∂/∂`var` highlighted.
#[component]
pub fn HeldConstant(
    /// The function.
    #[prop(into)]
    expr: Signal<Option<Expr>>,
    /// The variable that moves; every other one is held.
    #[prop(into)]
    var: String,
) -> impl IntoView {
    let var2 = var.clone();
    let parts = move || {
        expr.with(|e| {
            let Some(e) = e else { return Vec::new() };
            let held: Vec<String> = e.variables().into_iter().filter(|v| *v != var2).collect();
            crate::tutor::worked::mark_held(&e.to_pretty(), &held)
        })
    };
    view! {
        <span class="held-view" data-moving=var.clone()>
            {move || {
                parts()
                    .into_iter()
                    .map(|(s, held)| {
                        if held {
                            view! { <span class="held" title="held constant">{s}</span> }.into_any()
                        } else {
                            view! { <span>{s}</span> }.into_any()
                        }
                    })
                    .collect_view()
            }}
        </span>
    }
}

/// ∂f/∂var, computed live and typeset, with an optional list of the derivation's steps.
#[component]
pub fn LivePartial(
    /// The function.
    function: LiveFunction,
    /// The variable to differentiate by.
    #[prop(into)]
    var: String,
    /// Show the derivation's steps under the result.
    #[prop(optional)]
    steps: bool,
    /// A function of one variable (lesson 1, before partial derivatives are defined): the
    /// result reads f′(x) and nothing is said about held inputs.
    #[prop(optional)]
    ordinary: bool,
) -> impl IntoView {
    let v = var.clone();
    let derivation: Memo<Option<Derivation>> =
        Memo::new(move |_| function.expr.with(|e| e.as_ref().map(|e| e.derivation(&v))));
    let result = Signal::derive(move || derivation.with(|d| d.as_ref().map(|d| d.result.clone())));
    let var3 = var.clone();
    let (lhs, lhs_text) = if ordinary {
        (format!("f'({var}) ="), format!("f′({var}) ="))
    } else {
        (
            format!(r"\frac{{\partial f}}{{\partial {var}}} ="),
            format!("∂f/∂{var} ="),
        )
    };
    view! {
        <div class="live-partial" data-var=var.clone()>
            <p class="live-partial-result">
                <MathExpr expr=result lhs=lhs lhs_text=lhs_text/>
            </p>
            {move || (!ordinary).then(|| {
                let others = function
                    .expr
                    .with(|e| e.as_ref().is_some_and(|e| e.variables().iter().any(|v| *v != var3)));
                if others {
                    view! {
                        <p class="held-note">
                            {format!("Moving {var3}; held constant: ")}
                            <HeldConstant expr=function.expr var=var3.clone()/>
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="held-note">
                            {format!("f has no input but {var3}, so this is an ordinary derivative.")}
                        </p>
                    }
                        .into_any()
                }
            })}
            {steps.then(|| view! { <DerivationSteps derivation=derivation/> })}
        </div>
    }
}

/// The derivation's steps, each naming its rule, with the piece before and after.
#[component]
pub fn DerivationSteps(
    /// The derivation to show.
    #[prop(into)]
    derivation: Signal<Option<Derivation>>,
) -> impl IntoView {
    view! {
        <ol class="derivation-steps">
            {move || {
                derivation
                    .get()
                    .map(|d| {
                        d.steps
                            .into_iter()
                            .map(|step| {
                                let before = Signal::derive({
                                    let b = step.before.clone();
                                    move || Some(b.clone())
                                });
                                let after = Signal::derive({
                                    let a = step.after.clone();
                                    move || Some(a.clone())
                                });
                                let var = d.var.clone();
                                view! {
                                    <li class="derivation-step" data-rule=step.rule.name()>
                                        <span class="step-rule">{step.rule.name()}</span>
                                        <span class="step-math">
                                            <MathExpr
                                                expr=before
                                                lhs=format!(r"\frac{{\partial}}{{\partial {var}}}\,")
                                                lhs_text=format!("∂/∂{var}")
                                            />
                                            " → "
                                            <MathExpr expr=after/>
                                        </span>
                                        <span class="step-note">{step.note}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    })
            }}
        </ol>
    }
}

/// ∇f, computed live and typeset as a row vector `[∂f/∂x, ∂f/∂y, …]`.
#[component]
pub fn LiveGradient(
    /// The function.
    function: LiveFunction,
) -> impl IntoView {
    let gradient = Memo::new(move |_| {
        function.expr.with(|e| {
            e.as_ref().map(|e| {
                let vars = e.variables();
                let refs: Vec<&str> = vars.iter().map(String::as_str).collect();
                e.gradient(&refs)
            })
        })
    });
    let latex = move || {
        gradient.with(|g| {
            g.as_ref()
                .map(|g| {
                    let parts: Vec<String> = g.iter().map(Expr::to_latex).collect();
                    format!(r"\nabla f = \left[ {} \right]", parts.join(", "))
                })
                .unwrap_or_default()
        })
    };
    let pretty = move || {
        gradient.with(|g| {
            g.as_ref()
                .map(|g| crate::math::gradient_pretty(g))
                .unwrap_or_default()
        })
    };
    view! {
        <p class="live-gradient">
            <span
                class="math"
                role="math"
                data-pretty=pretty
                aria-label=move || format!("∇f = {}", pretty())
                inner_html=move || crate::math::latex_to_mathml(&latex(), false)
            ></span>
        </p>
    }
}

/// A derivative worked out by the engine when the page runs, typeset inline: lesson prose
/// quotes results through this, never as literal text.
#[component]
pub fn Derived(
    /// The function, as a learner would type it.
    #[prop(into)]
    f: String,
    /// The variable to differentiate by.
    #[prop(into)]
    var: String,
    /// LaTeX for the left-hand side, e.g. `f'(x) =`.
    #[prop(into)]
    lhs: String,
    /// Plain text for the left-hand side.
    #[prop(into)]
    lhs_text: String,
) -> impl IntoView {
    let derivative = crate::math::parse(&f).ok().map(|e| e.partial(&var));
    view! { <MathExpr expr=Signal::derive(move || derivative.clone()) lhs=lhs lhs_text=lhs_text/> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_for_x_alone_names_the_stray_input() {
        let ok = parse("x^2 + sin(x)").unwrap();
        assert_eq!(only_vars(&ok, &["x"]), Ok(()));
        let why = only_vars(&parse("x^2y").unwrap(), &["x"]).unwrap_err();
        assert!(
            why.contains("function of x only") && why.contains("y is another input"),
            "{why}"
        );
        let two = only_vars(&parse("x*y + z").unwrap(), &["x"]).unwrap_err();
        assert!(two.contains("y, z are other inputs"), "{two}");
        // A constant is a function of x too.
        assert_eq!(only_vars(&parse("3").unwrap(), &["x"]), Ok(()));
    }
}
