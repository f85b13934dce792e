//! Lesson 8's layer graph: the computation graph of one dense layer z = Wx + b, a = σ(z),
//! L = ½‖a − y‖², with W of shape m × n picked by the learner (up to 4 × 4). Stepping forward
//! fills in each node's value; stepping backward fills in each adjoint with its shape, ending
//! with ∂L/∂W = δxᵀ (an outer product) beside central differences.
//!
//! The numbers come from `crate::models::dense`; `steps` says what each step did.

pub mod steps;

use leptos::prelude::*;

use crate::math::relative_error;
use crate::models::dense::{clamp_dim, elementwise_attempt, ElementwiseAttempt, Layer, Matrix};
use crate::tutor::format::format_value;
use crate::ui::math_view::MathTex;
use crate::ui::step_controls::{step_index, StepControls};
use crate::ui::url_state::{query_for, Field, UrlState, Value};
use crate::ui::widget::{EmbedControl, EmbedOptions, Widget};
use steps::{matrix, shape, vector, LayerWalk, LAST, NODES};

/// The graph's state in the address: m, n, the seed of the numbers, and how far the walk is.
pub const FIELDS: [Field; 4] = [
    Field::number("m", "number of outputs m", 2.0, 1.0, 4.0),
    Field::number("n", "number of inputs n", 3.0, 1.0, 4.0),
    Field::number("seed", "seed of the numbers", 1.0, 0.0, 1e9),
    Field::number("step", "step of the walk", 0.0, 0.0, LAST as f64),
];

/// The layer graph in the widget registry (`/embed/layer`).
pub const WIDGET: Widget = Widget {
    name: "layer",
    title: "One dense layer, forward and backward",
    summary: "Step the values forward and the adjoints backward through z = Wx + b, a = σ(z), L.",
    fields: &FIELDS,
    example: "v=1&m=3&n=2&seed=5&step=12",
    embed: embed_view,
    height: 1850,
};

fn embed_view(_options: EmbedOptions) -> AnyView {
    view! { <LayerGraph/> }.into_any()
}

/// Where each node sits in the diagram (viewBox 0 0 520 245), in `Layer::graph` order:
/// x, W, b, u, z, a, y, L.
const POSITIONS: [(f64, f64); NODES] = [
    (45.0, 150.0),
    (45.0, 60.0),
    (160.0, 195.0),
    (160.0, 105.0),
    (265.0, 150.0),
    (365.0, 150.0),
    (365.0, 55.0),
    (470.0, 105.0),
];

/// The diagram's edges as (from, to) indices.
const EDGES: [(usize, usize); 7] = [(1, 3), (0, 3), (3, 4), (2, 4), (4, 5), (5, 7), (6, 7)];

fn matrix_table(m: &Matrix) -> impl IntoView {
    let rows = m.to_rows();
    view! {
        <table class="matrix">
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| {
                        view! {
                            <tr>{r.into_iter().map(|v| view! { <td>{format_value(v)}</td> }).collect_view()}</tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The layer graph. On a lesson page give it a `url_prefix`.
#[component]
pub fn LayerGraph(
    /// Prefix of its keys in the address (`""` on its embed page).
    #[prop(optional, into)]
    url_prefix: String,
) -> impl IntoView {
    let url = UrlState::bind(&FIELDS, &url_prefix);
    let (m, n, seed, step) = (
        url.number("m"),
        url.number("n"),
        url.number("seed"),
        url.number("step"),
    );
    let walk = Memo::new(move |_| {
        LayerWalk::new(Layer::seeded(
            clamp_dim(m.get() as usize),
            clamp_dim(n.get() as usize),
            seed.get().max(0.0) as u64,
        ))
    });
    let pos = move || step_index(step.get(), LAST);
    let size_select = move |signal: RwSignal<f64>, label: &'static str| {
        view! {
            <label class="inline-select">
                {label}
                <select
                    aria-label=label
                    prop:value=move || format!("{}", signal.get())
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            signal.set(v.clamp(1.0, 4.0));
                            step.set(0.0);
                        }
                    }
                >
                    {(1..=4).map(|k| view! { <option value=k.to_string()>{k.to_string()}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let diagram_label = move || {
        let p = pos();
        let w = walk.get();
        let current = LayerWalk::current(p)
            .and_then(|i| w.graph.get(i))
            .map(|g| g.id.symbol())
            .unwrap_or("none");
        format!(
            "Computation graph: W and x feed u = Wx; u and b feed z; z feeds a = σ(z); a and y feed the loss L. Step {p} of {LAST}; the node just filled in is {current}."
        )
    };
    let cards = move || {
        let p = pos();
        let w = walk.get();
        let current = LayerWalk::current(p);
        w.graph
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let value = LayerWalk::value_known(p, i).then(|| node.value.clone());
                let adjoint = if LayerWalk::adjoint_known(p, i) {
                    node.adjoint.clone()
                } else {
                    None
                };
                let sym = node.id.symbol();
                view! {
                    <div
                        class="node-card"
                        class:current=current == Some(i)
                        data-node=sym
                    >
                        <p class="node-head">
                            <strong>{node.formula}</strong>
                            " "
                            <span class="shape">{shape(&node.value)}</span>
                        </p>
                        <div class="node-value">
                            <span class="node-label">"value"</span>
                            {match value {
                                Some(v) => matrix_table(&v).into_any(),
                                None => view! { <span class="pending">"—"</span> }.into_any(),
                            }}
                        </div>
                        <div class="node-adjoint">
                            <span class="node-label">{format!("∂L/∂{sym}")}</span>
                            {match adjoint {
                                Some(a) => view! {
                                    {matrix_table(&a)}
                                    <span class="shape">{shape(&a)}</span>
                                }
                                .into_any(),
                                None => view! { <span class="pending">"—"</span> }.into_any(),
                            }}
                        </div>
                    </div>
                }
            })
            .collect_view()
    };
    let check = move || {
        let w = walk.get();
        let (nw, nb) = w.layer.central_difference(1e-5);
        let formula: Vec<f64> = w
            .backward
            .dl_dw
            .as_slice()
            .iter()
            .chain(&w.backward.delta)
            .copied()
            .collect();
        let numeric: Vec<f64> = nw.as_slice().iter().chain(&nb).copied().collect();
        let err = relative_error(&formula, &numeric);
        let (mm, nn) = (w.layer.m(), w.layer.n());
        let numpy = match elementwise_attempt(mm, nn) {
            ElementwiseAttempt::ShapeError { m, n } => format!(
                "Here δ has {m} entries and x has {n}: NumPy stops with \"operands could not be broadcast together with shapes ({m},) ({n},)\"."
            ),
            ElementwiseAttempt::SilentlyWrong { len } => format!(
                "Here m = n = {len}, so NumPy does not complain: it quietly returns {len} numbers δᵢxᵢ instead of the {} entries of ∂L/∂W, which is worse than an error.",
                len * len
            ),
            ElementwiseAttempt::RightByLuck => "Here m or n is 1, so broadcasting happens to give the right numbers, flattened; make both larger than 1 to see it fail.".to_string(),
        };
        view! {
            <p class="formula-line">
                <MathTex
                    tex=r"\delta = \frac{\partial L}{\partial \mathbf a} \odot \sigma'(\mathbf z), \qquad \frac{\partial L}{\partial W} = \delta\,\mathbf x^\top, \qquad \frac{\partial L}{\partial \mathbf b} = \delta"
                    label="δ = ∂L/∂a ⊙ σ′(z), ∂L/∂W = δxᵀ, ∂L/∂b = δ"
                    block=true
                />
            </p>
            <ul class="layer-facts" data-testid="layer-facts">
                <li>{format!("δ = {} ⊙ {} = {}", vector(&w.backward.dl_da), vector(&w.backward.sigma_prime), vector(&w.backward.delta))}</li>
                <li>{format!("∂L/∂W = δxᵀ = {} · {}ᵀ = {} (shape {mm} × {nn}, like W)", vector(&w.backward.delta), vector(w.layer.x()), matrix(&w.backward.dl_dw))}</li>
                <li>{format!("∂L/∂b = δ = {}", vector(&w.backward.delta))}</li>
            </ul>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Backward pass against central differences, scrollable">
                <table class="matrix-check" data-testid="layer-check">
                    <caption>"Backward pass against central differences (h = 10⁻⁵)"</caption>
                    <thead>
                        <tr><th scope="col">"entry"</th><th scope="col">"δxᵀ and δ"</th><th scope="col">"central difference"</th></tr>
                    </thead>
                    <tbody>
                        {(0..mm)
                            .flat_map(|i| (0..nn).map(move |j| (i, j)))
                            .map(|(i, j)| {
                                view! {
                                    <tr>
                                        <th scope="row">{format!("∂L/∂W{}{}", i + 1, j + 1)}</th>
                                        <td>{format_value(w.backward.dl_dw.get(i, j))}</td>
                                        <td>{format_value(nw.get(i, j))}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                        {(0..mm)
                            .map(|i| {
                                view! {
                                    <tr>
                                        <th scope="row">{format!("∂L/∂b{}", i + 1)}</th>
                                        <td>{format_value(w.backward.delta.get(i).copied().unwrap_or(f64::NAN))}</td>
                                        <td>{format_value(nb.get(i).copied().unwrap_or(f64::NAN))}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="readout" data-testid="layer-agreement">
                {format!("Relative error over all {} entries: {}. Central differences are approximate (their error is about h²), so agreement to 8 or more digits confirms the outer product.", mm * nn + mm, super::lab_controls::sci(err))}
            </p>
            <p class="widget-note" data-testid="numpy-note">
                "The course text multiplies element-wise, dL_da * da_dz * x, where the outer product is needed. "
                {numpy}
            </p>
        }
    };
    let embed_query = Signal::derive(move || {
        let values = vec![
            Value::Number(m.get()),
            Value::Number(n.get()),
            Value::Number(seed.get()),
            Value::Number(step.get()),
        ];
        query_for(&FIELDS, &values, &[])
    });
    view! {
        <div class="layer-graph" data-testid="layer-graph">
            <div class="try-actions layer-controls">
                {size_select(m, "m (outputs) ")}
                {size_select(n, "n (inputs) ")}
                <button
                    type="button"
                    class="button-secondary"
                    on:click=move |_| {
                        seed.update(|s| *s = (s.floor() + 1.0).min(1e9));
                        step.set(0.0);
                    }
                >
                    "New numbers"
                </button>
            </div>
            <svg viewBox="0 0 520 245" class="layer-diagram" role="img" aria-label=diagram_label>
                <defs>
                    <marker id=format!("{url_prefix}layer-head") viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto">
                        <path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor"></path>
                    </marker>
                </defs>
                {EDGES
                    .iter()
                    .map(|&(a, b)| {
                        let (p, q) = (POSITIONS[a], POSITIONS[b]);
                        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
                        let len = (dx * dx + dy * dy).sqrt().max(1.0);
                        let r = 26.0;
                        let head = format!("url(#{url_prefix}layer-head)");
                        view! {
                            <line
                                class="edge"
                                x1=p.0 + dx / len * r
                                y1=p.1 + dy / len * r
                                x2=q.0 - dx / len * r
                                y2=q.1 - dy / len * r
                                marker-end=head
                            ></line>
                        }
                    })
                    .collect_view()}
                {move || {
                    let p = pos();
                    let w = walk.get();
                    let current = LayerWalk::current(p);
                    w.graph
                        .iter()
                        .enumerate()
                        .map(|(i, node)| {
                            let (x, y) = POSITIONS[i];
                            view! {
                                <g
                                    class="node"
                                    class:has-value=LayerWalk::value_known(p, i)
                                    class:has-adjoint=LayerWalk::adjoint_known(p, i)
                                    class:current=current == Some(i)
                                >
                                    <circle cx=x cy=y r="24"></circle>
                                    <text x=x y=y + 6.0 text-anchor="middle" class="node-symbol">{node.id.symbol()}</text>
                                    <text x=x y=y + 40.0 text-anchor="middle" class="node-shape">{shape(&node.value)}</text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
            </svg>
            <StepControls
                step=step
                last=LAST
                step_label=Signal::derive(move || if pos() < NODES { "Forward step" } else { "Backward step" })
                tick_ms=700
                first_ms=300
            />
            <p class="step-explain" role="status" aria-live="polite" data-testid="layer-step">
                {move || format!("Step {} of {LAST}. {}", pos(), walk.with(|w| w.explain(pos())))}
            </p>
            <div class="node-cards">{cards}</div>
            {check}
            <EmbedControl widget=WIDGET.info() query=embed_query/>
        </div>
    }
}
