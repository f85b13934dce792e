//! Lesson 9's tape viewer: the learner types a function and a point; the page records the
//! evaluation tape and shows it as a list and as a graph. Forward fills in values one node at a
//! time, Backward fills in adjoints from the output, each step showing the local derivative and
//! the product it adds. A switch replays forward mode instead (dual numbers, one pass per
//! input), with operation counts; below, four gradients side by side with their errors.
//!
//! The logic is `model::TapeModel` (plain Rust over `crate::models::gradient_methods`).

pub mod model;

use leptos::prelude::*;

use crate::models::gradient_methods::Method;
use crate::tutor::format::format_value;
use crate::ui::step_controls::{step_index, StepControls};
use crate::ui::url_state::{check_function, format_number, query_for, Field, UrlState, Value};
use crate::ui::widget::{EmbedControl, EmbedOptions, Widget};
use crate::ui::worked_example::FunctionInput;
use crate::ui::worked_example::LiveFunction;
use model::{check_point, format_point, parse_point, TapeModel, MAX_DRAWN};

/// The viewer's state in the address: function, point, h, mode and how far the walk is.
pub const FIELDS: [Field; 5] = [
    Field::checked_text("f", "function", "x0^2 + x1^2", 200, check_function),
    Field::checked_text("p", "point", "2,3", 120, check_point),
    Field::number("h", "step h", 1e-5, 1e-12, 1.0),
    Field::choice("mode", "mode", "reverse", &["reverse", "forward"]),
    Field::number("step", "step of the walk", 0.0, 0.0, 10_000.0),
];

/// The tape viewer in the widget registry (`/embed/tape`).
pub const WIDGET: Widget = Widget {
    name: "tape",
    title: "Autodiff tape viewer",
    summary:
        "Step the evaluation tape of any function forward and backward; compare four gradients.",
    fields: &FIELDS,
    example: "v=1&f=sin(x*y)%20%2B%20x&p=1,0.5&h=0.001&mode=forward&step=3",
    embed: embed_view,
    height: 1700,
};

fn embed_view(options: EmbedOptions) -> AnyView {
    view! { <TapeViewer editor=!options.hide_editor locked=options.lock_function compact=true/> }
        .into_any()
}

const COL_W: f64 = 96.0;
const ROW_H: f64 = 74.0;

/// The tape viewer. On a lesson page give it a `url_prefix`.
#[component]
pub fn TapeViewer(
    /// Prefix of its keys in the address (`""` on its embed page).
    #[prop(optional, into)]
    url_prefix: String,
    /// Show the function editor.
    #[prop(default = true)]
    editor: bool,
    /// Keep the function fixed.
    #[prop(optional)]
    locked: bool,
    /// Laid out for a frame: the graph and its step controls first.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let url = UrlState::bind(&FIELDS, &url_prefix);
    let f_text = url.text("f");
    let p_text = url.text("p");
    let h = url.number("h");
    let mode = url.choice("mode");
    let step = url.number("step");
    let function = LiveFunction::new(&f_text.get_untracked());
    Effect::new(move |_| {
        if function.error.with(Option::is_none) {
            let t = function.text.get();
            if t != f_text.get_untracked() {
                f_text.set(t);
            }
        }
    });
    let model = Memo::new(move |_| {
        let point = parse_point(&p_text.get()).unwrap_or_default();
        TapeModel::new(&f_text.get(), &point, h.get())
    });
    // A new function or point starts the walk again.
    Effect::new(move |prev: Option<(String, String)>| {
        let now = (f_text.get(), p_text.get());
        if prev.is_some_and(|p| p != now) {
            step.set(0.0);
        }
        now
    });
    let forward_mode = move || mode.get() == "forward";
    let last = move || {
        model.with(|m| match m {
            Ok(m) if forward_mode() => m.forward_len(),
            Ok(m) => m.walk.len(),
            Err(_) => 0,
        })
    };
    let pos = move || step_index(step.get(), last());

    let point_inputs = move || {
        model.with(|m| {
            let Ok(m) = m else {
                return ().into_any();
            };
            m.vars
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let value = format_value(m.point.get(i).copied().unwrap_or(1.0)).replace('−', "-");
                    view! {
                        <label class="tape-coordinate">
                            {format!("{v} = ")}
                            <input
                                type="number"
                                step="0.5"
                                class="text-input"
                                aria-label=format!("value of {v}")
                                prop:value=value
                                on:change=move |ev| {
                                    let Ok(x) = event_target_value(&ev).trim().parse::<f64>() else {
                                        return;
                                    };
                                    if !x.is_finite() || x.abs() > 1e6 {
                                        return;
                                    }
                                    let mut p = model
                                        .with_untracked(|m| m.as_ref().map(|m| m.point.clone()).unwrap_or_default());
                                    if let Some(slot) = p.get_mut(i) {
                                        *slot = x;
                                    }
                                    p_text.set(format_point(&p));
                                }
                            />
                        </label>
                    }
                })
                .collect_view()
                .into_any()
        })
    };

    let explain = move || {
        let p = pos();
        model.with(|m| match m {
            Ok(m) if forward_mode() => m.explain_forward(p),
            Ok(m) => m.explain_reverse(p),
            Err(e) => e.clone(),
        })
    };

    let table = move || {
        let p = pos();
        let fwd = forward_mode();
        model.with(|m| {
            let Ok(m) = m else {
                return ().into_any();
            };
            let n = m.nodes();
            let current = if fwd {
                (p > 0).then(|| (p - 1) % n.max(1))
            } else {
                match m.walk.event(p) {
                    crate::models::gradient_methods::WalkEvent::Value { node }
                    | crate::models::gradient_methods::WalkEvent::Seed { node }
                    | crate::models::gradient_methods::WalkEvent::Backward { node, .. } => Some(node),
                    _ => None,
                }
            };
            let heads = if fwd {
                m.vars
                    .iter()
                    .map(|v| view! { <th scope="col">{format!("v̇ (pass for {v})")}</th> })
                    .collect_view()
                    .into_any()
            } else {
                view! { <th scope="col">"adjoint v̄ = ∂f/∂v"</th> }.into_any()
            };
            let rows = (0..n)
                .map(|i| {
                    let value = if fwd {
                        // Values come with the first pass.
                        (p > i).then(|| m.walk.tape().nodes.get(i).map(|t| t.value)).flatten()
                    } else {
                        m.walk.value(p, i)
                    };
                    let extra = if fwd {
                        (0..m.passes.len())
                            .map(|j| {
                                view! { <td>{m.tangent(p, j, i).map(format_value).unwrap_or_else(|| "—".into())}</td> }
                            })
                            .collect_view()
                            .into_any()
                    } else {
                        view! { <td>{m.walk.adjoint(p, i).map(format_value).unwrap_or_else(|| "—".into())}</td> }.into_any()
                    };
                    view! {
                        <tr class:current=current == Some(i)>
                            <td class="tape-op">{m.label(i)}</td>
                            <td>{value.map(format_value).unwrap_or_else(|| "—".into())}</td>
                            {extra}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="The tape, scrollable">
                    <table class="tape-table" data-testid="tape-table">
                        <caption>"The tape, in evaluation order"</caption>
                        <thead>
                            <tr><th scope="col">"node"</th><th scope="col">"value"</th>{heads}</tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    };

    let graph = move || {
        let p = pos();
        let fwd = forward_mode();
        model.with(|m| {
            let Ok(m) = m else {
                return ().into_any();
            };
            let n = m.nodes();
            if n > MAX_DRAWN {
                return view! {
                    <p class="widget-note">{format!("The tape has {n} nodes, too many to draw clearly; the list shows them all.")}</p>
                }
                .into_any();
            }
            let cols = m.layout.iter().map(|l| l.0).max().unwrap_or(0) + 1;
            let rows = m.layout.iter().map(|l| l.1).max().unwrap_or(0) + 1;
            let (w, hgt) = (cols as f64 * COL_W + 10.0, rows as f64 * ROW_H + 10.0);
            let at = |i: usize| {
                let (c, r) = m.layout.get(i).copied().unwrap_or((0, 0));
                (c as f64 * COL_W + 50.0, r as f64 * ROW_H + 28.0)
            };
            let pass = if fwd && n > 0 && p > 0 { (p - 1) / n } else { 0 };
            let current = if fwd {
                (p > 0).then(|| (p - 1) % n.max(1))
            } else {
                match m.walk.event(p) {
                    crate::models::gradient_methods::WalkEvent::Value { node }
                    | crate::models::gradient_methods::WalkEvent::Seed { node }
                    | crate::models::gradient_methods::WalkEvent::Backward { node, .. } => Some(node),
                    _ => None,
                }
            };
            let edges = m
                .walk
                .tape()
                .nodes
                .iter()
                .enumerate()
                .flat_map(|(i, node)| node.inputs.iter().map(move |&k| (k, i)))
                .map(|(k, i)| {
                    let (a, b) = (at(k), at(i));
                    view! { <line class="edge" x1=a.0 + 18.0 y1=a.1 x2=b.0 - 18.0 y2=b.1></line> }
                })
                .collect_view();
            let nodes = (0..n)
                .map(|i| {
                    let (x, y) = at(i);
                    let value = if fwd {
                        (p > i).then(|| m.walk.tape().nodes.get(i).map(|t| t.value)).flatten()
                    } else {
                        m.walk.value(p, i)
                    };
                    let second = if fwd {
                        m.tangent(p, pass, i).map(|t| format!("v̇ {}", format_value(t)))
                    } else {
                        m.walk.adjoint(p, i).map(|a| format!("v̄ {}", format_value(a)))
                    };
                    let is_input = i < m.vars.len();
                    let has_second = second.is_some();
                    view! {
                        <g
                            class="node"
                            class:has-value=value.is_some()
                            class:has-adjoint=has_second
                            class:input=is_input
                            class:current=current == Some(i)
                        >
                            <circle cx=x cy=y r="18"></circle>
                            <text x=x y=y + 5.0 text-anchor="middle" class="node-symbol">{format!("v{i}")}</text>
                            <text x=x y=y + 32.0 text-anchor="middle" class="node-number">
                                {value.map(format_value).unwrap_or_default()}
                            </text>
                            <text x=x y=y + 45.0 text-anchor="middle" class="node-adjoint">
                                {second.unwrap_or_default()}
                            </text>
                        </g>
                    }
                })
                .collect_view();
            view! {
                <svg
                    class="tape-graph"
                    viewBox=format!("0 0 {w} {hgt}")
                    style:max-width=format!("{}px", w * 1.2)
                    role="img"
                    aria-label=format!("The tape as a graph: {n} nodes, inputs on the left, the output on the right; each arrow feeds a node's input into the operation that uses it.")
                >
                    {edges}
                    {nodes}
                </svg>
            }
            .into_any()
        })
    };

    let counts = move || {
        model.with(|m| {
            let Ok(m) = m else {
                return ().into_any();
            };
            let (f, r) = m.counts;
            let k = m.vars.len();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Operation counts, scrollable">
                    <table class="counts-table" data-testid="op-counts">
                        <caption>{format!("Work for the whole gradient ({k} input{})", if k == 1 { "" } else { "s" })}</caption>
                        <thead>
                            <tr><th scope="col"></th><th scope="col">"sweeps of the tape"</th><th scope="col">"values computed"</th><th scope="col">"derivative products"</th></tr>
                        </thead>
                        <tbody>
                            <tr><th scope="row">"forward mode"</th><td>{f.passes}</td><td>{f.evaluations}</td><td>{f.products}</td></tr>
                            <tr><th scope="row">"reverse mode"</th><td>{r.passes}</td><td>{r.evaluations}</td><td>{r.products}</td></tr>
                        </tbody>
                    </table>
                </div>
                <p class="widget-note">
                    {format!(
                        "Forward mode sweeps the tape once per input ({k} here); reverse mode sweeps it forward once for the values and backward once for every adjoint, however many inputs there are. A network with a million weights and one loss needs a million forward passes but one backward pass."
                    )}
                </p>
            }
            .into_any()
        })
    };

    let compare = move || {
        model.with(|m| {
            let Ok(m) = m else {
                return ().into_any();
            };
            let c = &m.comparison;
            let rows = Method::ALL
                .iter()
                .map(|&method| {
                    let g = c.gradient(method);
                    let err = c.error(Method::Symbolic, method);
                    let err_text = if method == Method::Symbolic {
                        "(reference)".to_string()
                    } else if err == 0.0 {
                        "0".to_string()
                    } else {
                        super::lab_controls::sci(err)
                    };
                    view! {
                        <tr data-method=method.name()>
                            <th scope="row">{method.name()}</th>
                            <td class="gradient-cell">
                                {format!("[{}]", g.iter().map(|&v| format_value(v)).collect::<Vec<_>>().join(", "))}
                            </td>
                            <td>{err_text}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Four gradients, scrollable">
                    <table class="compare-table" data-testid="compare-table">
                        <caption>{format!("∇f at ({}) four ways", m.point.iter().map(|&v| format_value(v)).collect::<Vec<_>>().join(", "))}</caption>
                        <thead>
                            <tr><th scope="col">"method"</th><th scope="col">"gradient"</th><th scope="col">"relative error against symbolic"</th></tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    };

    let embed_query = Signal::derive(move || {
        let values = vec![
            Value::Text(f_text.get()),
            Value::Text(p_text.get()),
            Value::Number(h.get()),
            Value::Choice(mode.get()),
            Value::Number(step.get()),
        ];
        query_for(&FIELDS, &values, &[])
    });
    let field_id = format!("{url_prefix}tape-f");

    let editor_view = editor.then(|| {
        view! {
            <FunctionInput id=field_id.clone() label="f = " text=function.text error=function.error locked=locked/>
        }
    });
    let point_view = view! { <p class="tape-point">"at " {point_inputs}</p> };
    let mode_view = view! {
        <fieldset class="class-picker">
            <legend>"Mode"</legend>
            <label>
                <input
                    type="radio"
                    name=format!("{url_prefix}tape-mode")
                    prop:checked=move || !forward_mode()
                    on:change=move |_| {
                        mode.set("reverse".into());
                        step.set(0.0);
                    }
                />
                " reverse mode (adjoints)"
            </label>
            <label>
                <input
                    type="radio"
                    name=format!("{url_prefix}tape-mode")
                    prop:checked=forward_mode
                    on:change=move |_| {
                        mode.set("forward".into());
                        step.set(0.0);
                    }
                />
                " forward mode (dual numbers)"
            </label>
        </fieldset>
    };
    let steps_view = view! {
        <StepControls
            step=step
            last=Signal::derive(last)
            step_label=Signal::derive(move || {
                let forward_done = model.with(|m| m.as_ref().map_or(0, |m| m.walk.forward_done()));
                if forward_mode() || pos() < forward_done { "Forward" } else { "Backward" }
            })
            step_testid="tape-step"
            to_end=true
            tick_ms=650
            first_ms=250
        />
    };
    let explain_view = view! {
        <p class="step-explain" role="status" aria-live="polite" data-testid="tape-step-text">
            {move || format!("Step {} of {}. {}", pos(), last(), explain())}
        </p>
    };
    let graph_view = view! {
        <div class="tape-graph-box" tabindex="0" role="region" aria-label="The tape as a graph, scrollable" data-embed-main="">
            {graph}
        </div>
    };
    // In a frame the graph comes first, with its step controls; the inputs follow.
    let top = if compact {
        view! { {graph_view} {explain_view} {steps_view} {editor_view} {point_view} {mode_view} }
            .into_any()
    } else {
        view! { {editor_view} {point_view} {mode_view} {steps_view} {explain_view} {graph_view} }
            .into_any()
    };

    view! {
        <div class="tape-viewer" class:tape-compact=compact data-testid="tape-viewer">
            {top}
            {table}
            {counts}
            <h3>"Four ways to the same gradient"</h3>
            {compare}
            <label class="slider">
                "central-difference step h: "
                <input
                    type="range"
                    min="-12"
                    max="0"
                    step="0.5"
                    aria-label="central-difference step h (log scale)"
                    prop:value=move || format!("{}", h.get().log10())
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            let x = 10f64.powf(v.clamp(-12.0, 0.0));
                            h.set(format_number(x).parse().unwrap_or(x));
                        }
                    }
                />
                <span class="readout" data-testid="h-value">{move || super::lab_controls::sci(h.get())}</span>
            </label>
            <EmbedControl widget=WIDGET.info() query=embed_query/>
        </div>
    }
}
