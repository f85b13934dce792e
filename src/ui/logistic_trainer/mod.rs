//! Lesson 8's logistic-regression trainer: the learner makes two-class data (clicks, seeded
//! blobs, pasted CSV), trains p = σ(w₁x₁ + w₂x₂ + b) live and watches the decision boundary
//! move over a tint of p, the mean loss fall, and the gradient by formula agree with the
//! engine's reverse mode. A switch trains on squared error instead, and a chart shows why a
//! confidently wrong point then barely learns.
//!
//! The numbers come from `crate::models::{dataset, logistic}`; training runs a few steps per
//! animation frame within a time budget, so the page answers clicks even with 10,000 points.

pub mod plane;
pub mod state;

use std::sync::Arc;

use leptos::prelude::*;

use crate::models::dataset::{format_csv, parse_csv, two_blobs, LabeledPoint, MAX_POINTS};
use crate::models::logistic::{
    gradient, gradient_size_curve, logit_gradient, reverse_mode_gradient, summed_gradient,
    Gradient, Loss, TrainStatus, Trainer, Weights,
};
use crate::plot::{draw_line_chart, LineChartOptions, Series};
use crate::tutor::format::format_value;
use crate::ui::chart_table::{ChartData, ChartTable};
use crate::ui::math_view::MathTex;
use crate::ui::plot_canvas::PlotCanvas;
use crate::ui::url_state::{format_number, query_for, Field, UrlState, Value};
use crate::ui::widget::{EmbedControl, EmbedOptions, Widget};
use plane::ClassifierPlane;
use state::{
    check_points, class_counts, decode_points, describe_plane, encode_points, next_batch,
    plane_window, round2, SpeedMeter, MAX_POINTS_TEXT,
};

/// The trainer's state in the address: the blobs' seed and size, points added by hand (or a
/// small pasted set), the weights, the loss and the learning rate.
pub const FIELDS: [Field; 8] = [
    Field::number("seed", "data seed", 1.0, 0.0, 1e9),
    Field::number("n", "points per class", 40.0, 0.0, 5000.0),
    Field::checked_text("pts", "added points", "", MAX_POINTS_TEXT, check_points),
    Field::number("w1", "weight w₁", 0.0, -1e4, 1e4),
    Field::number("w2", "weight w₂", 0.0, -1e4, 1e4),
    Field::number("b", "bias b", 0.0, -1e4, 1e4),
    Field::choice("loss", "loss", "ce", &["ce", "mse"]),
    Field::number("rate", "learning rate", 0.5, 1e-4, 100.0),
];

/// The trainer in the widget registry (`/embed/logistic`).
pub const WIDGET: Widget = Widget {
    name: "logistic",
    title: "Logistic regression trainer",
    summary: "Make two-class data in the plane and train p = σ(w₁x₁ + w₂x₂ + b) live.",
    fields: &FIELDS,
    example: "v=1&seed=7&n=20&pts=1.5,-2,0;-1,2.5,1&w1=0.5&w2=-0.25&b=0.1&loss=mse&rate=0.2",
    embed: embed_view,
    height: 2550,
};

fn embed_view(_options: EmbedOptions) -> AnyView {
    view! { <LogisticTrainer/> }.into_any()
}

/// The most steps one run takes before it stops by itself.
pub const MAX_STEPS: usize = 200_000;
/// Milliseconds of each animation frame spent on training steps.
const FRAME_BUDGET_MS: f64 = 10.0;
/// How often (ms) the readouts and charts follow a running training.
const READOUT_MS: f64 = 150.0;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn loss_of(code: &str) -> Loss {
    if code == "mse" {
        Loss::MeanSquared
    } else {
        Loss::CrossEntropy
    }
}

/// The signals the training loop and the controls share.
#[derive(Clone, Copy)]
struct Ctx {
    points: RwSignal<Arc<Vec<LabeledPoint>>>,
    trainer: RwSignal<Trainer>,
    running: RwSignal<bool>,
    /// The weights the picture and readouts show (follows the trainer at a few frames a second
    /// while it runs).
    shown: RwSignal<Weights>,
    /// Bumped whenever the loss chart should redraw.
    chart_version: RwSignal<u64>,
    speed: StoredValue<SpeedMeter>,
    steps_per_second: RwSignal<Option<f64>>,
    last_readout: StoredValue<f64>,
    stop_note: RwSignal<Option<String>>,
    /// `(step, loss)` for the chart: one entry per frame, thinned to at most 2,000.
    curve: StoredValue<Vec<(f64, f64)>>,
}

impl Ctx {
    fn publish(&self) {
        let Some(w) = self.trainer.try_with_untracked(|t| t.weights) else {
            return;
        };
        self.shown.set(w);
        self.chart_version.update(|v| *v += 1);
        self.last_readout.set_value(now_ms());
    }

    /// Starts again from `weights` (data, loss or weights changed): history cleared, and the
    /// starting loss recorded.
    fn restart(&self, weights: Weights) {
        self.trainer
            .update(|t| *t = Trainer::new(t.loss, t.learning_rate, weights));
        self.points
            .with_untracked(|p| self.trainer.update(|t| _ = t.run(p, 0)));
        self.curve.set_value(Vec::new());
        self.record();
        self.stop_note.set(None);
        self.publish();
    }

    /// Adds the trainer's current step and loss to the chart's curve.
    fn record(&self) {
        let Some(Some(entry)) = self
            .trainer
            .try_with_untracked(|t| t.history.last().map(|&l| (t.steps as f64, l)))
        else {
            return;
        };
        self.curve.update_value(|c| {
            if c.last().is_some_and(|l| l.0 == entry.0) {
                return;
            }
            if c.len() >= 2_000 {
                let mut i = 0;
                c.retain(|_| {
                    i += 1;
                    i % 2 == 1
                });
            }
            c.push(entry);
        });
    }
}

fn tick(ctx: Ctx) {
    if ctx.running.try_get_untracked() != Some(true) {
        return;
    }
    let start = now_ms();
    let mut taken = 0usize;
    let mut status = TrainStatus::Running;
    let mut total = 0usize;
    ctx.points.with_untracked(|pts| {
        ctx.trainer.update(|t| {
            let mut batch = 1;
            while batch > 0 {
                let before = t.steps;
                status = t.run(pts, batch);
                taken += t.steps - before;
                if status != TrainStatus::Running || t.steps >= MAX_STEPS || pts.is_empty() {
                    break;
                }
                batch =
                    next_batch(now_ms() - start, taken, FRAME_BUDGET_MS).min(MAX_STEPS - t.steps);
            }
            total = t.steps;
        })
    });
    ctx.record();
    let now = now_ms();
    let mut meter = ctx.speed.get_value();
    if let Some(rate) = meter.record(now, taken) {
        ctx.steps_per_second.set(Some(rate));
    }
    let finished = status != TrainStatus::Running || total >= MAX_STEPS;
    if finished {
        if let Some(rate) = meter.finish(now) {
            ctx.steps_per_second.set(Some(rate));
        }
    }
    ctx.speed.set_value(meter);
    if finished {
        ctx.running.set(false);
        ctx.stop_note.set(Some(match status {
            TrainStatus::Converged => format!(
                "Stopped after {total} steps: the gradient is essentially zero (shorter than {}), so the weights no longer move.",
                Trainer::TOLERANCE
            ),
            TrainStatus::Diverged => format!(
                "Stopped after {total} steps: the next step would have made the weights or the loss infinite. The learning rate is too large for this data; the last finite weights are kept."
            ),
            TrainStatus::Running => format!(
                "Stopped after {total} steps, this widget's limit. On separable data the cross-entropy keeps falling as the weights grow, so it never reaches exactly zero."
            ),
        }));
        ctx.publish();
        return;
    }
    if now - ctx.last_readout.get_value() >= READOUT_MS {
        ctx.publish();
    } else if let Some(w) = ctx.trainer.try_with_untracked(|t| t.weights) {
        ctx.shown.set(w);
    }
    request_animation_frame(move || tick(ctx));
}

/// The trainer. On a lesson page give it a `url_prefix`; an embed owns the address.
#[component]
pub fn LogisticTrainer(
    /// Prefix of its keys in the address (`""` on its embed page).
    #[prop(optional, into)]
    url_prefix: String,
) -> impl IntoView {
    let url = UrlState::bind(&FIELDS, &url_prefix);
    let seed = url.number("seed");
    let per_class = url.number("n");
    let pts_text = url.text("pts");
    let (w1, w2, b) = (url.number("w1"), url.number("w2"), url.number("b"));
    let loss_code = url.choice("loss");
    let rate = url.number("rate");

    let initial: Vec<LabeledPoint> = {
        let mut p = two_blobs(
            seed.get_untracked().max(0.0) as u64,
            per_class.get_untracked().max(0.0) as usize,
        );
        p.extend(decode_points(&pts_text.get_untracked()).unwrap_or_default());
        p.truncate(MAX_POINTS);
        p
    };
    let start = Weights {
        w: [w1.get_untracked(), w2.get_untracked()],
        b: b.get_untracked(),
    };
    let ctx = Ctx {
        points: RwSignal::new(Arc::new(initial)),
        trainer: RwSignal::new(Trainer::new(
            loss_of(&loss_code.get_untracked()),
            rate.get_untracked(),
            start,
        )),
        running: RwSignal::new(false),
        shown: RwSignal::new(start),
        chart_version: RwSignal::new(0),
        speed: StoredValue::new(SpeedMeter::default()),
        steps_per_second: RwSignal::new(None),
        last_readout: StoredValue::new(0.0),
        stop_note: RwSignal::new(None),
        curve: StoredValue::new(Vec::new()),
    };
    // The loss before any step, so the chart starts with a point.
    ctx.restart(start);
    let address_note = RwSignal::new(None::<String>);
    let csv_message = RwSignal::new(None::<Result<String, String>>);
    let class_one = RwSignal::new(true);
    let window = Memo::new(move |_| ctx.points.with(|p| plane_window(p)));

    // The shown weights go to the address (a few times a second while training).
    Effect::new(move |_| {
        let w = ctx.shown.get();
        w1.set(w.w[0]);
        w2.set(w.w[1]);
        b.set(w.b);
    });
    // A new loss or learning rate applies from the current weights.
    Effect::new(move |prev: Option<(String, f64)>| {
        let now = (loss_code.get(), rate.get());
        if prev.as_ref().is_some_and(|p| p.0 != now.0) {
            let w = ctx.trainer.with_untracked(|t| t.weights);
            ctx.trainer.update(|t| t.loss = loss_of(&now.0));
            ctx.restart(w);
        }
        if prev.as_ref().is_some_and(|p| p.1 != now.1) {
            ctx.trainer.update(|t| t.learning_rate = now.1);
        }
        now
    });

    let set_points = move |points: Vec<LabeledPoint>| {
        ctx.points.set(Arc::new(points));
        let w = ctx.trainer.with_untracked(|t| t.weights);
        ctx.restart(w);
    };
    let play = move |_| {
        if ctx.running.get_untracked() {
            ctx.running.set(false);
            ctx.publish();
            return;
        }
        if ctx.points.with_untracked(|p| p.is_empty()) {
            ctx.stop_note.set(Some(
                "There are no points to learn from yet: click the plane or generate blobs.".into(),
            ));
            return;
        }
        if ctx
            .trainer
            .with_untracked(|t| t.status == TrainStatus::Converged)
        {
            ctx.stop_note.set(Some(
                "Already at a minimum: the gradient is essentially zero, so more steps would not move the weights. Reset the weights, change the data or switch the loss to train again.".into(),
            ));
            return;
        }
        // A run that had stopped starts again from where it is.
        if ctx
            .trainer
            .with_untracked(|t| t.status != TrainStatus::Running || t.steps >= MAX_STEPS)
        {
            let w = ctx.trainer.with_untracked(|t| t.weights);
            ctx.restart(w);
        }
        ctx.stop_note.set(None);
        ctx.speed.update_value(SpeedMeter::restart);
        ctx.running.set(true);
        request_animation_frame(move || tick(ctx));
    };
    let reset_weights = move |_| {
        ctx.running.set(false);
        ctx.restart(Weights::default());
    };
    let generate = move |next_seed: bool| {
        ctx.running.set(false);
        if next_seed {
            seed.update(|s| *s = (s.floor() + 1.0).min(1e9));
        }
        let n = per_class.get_untracked().max(0.0) as usize;
        pts_text.set(String::new());
        address_note.set(None);
        set_points(two_blobs(seed.get_untracked() as u64, n));
    };
    let clear = move |_| {
        ctx.running.set(false);
        per_class.set(0.0);
        pts_text.set(String::new());
        address_note.set(None);
        set_points(Vec::new());
    };
    let add_point = Callback::new(move |at: [f64; 2]| {
        let p = LabeledPoint::new(round2(at[0]), round2(at[1]), class_one.get_untracked());
        if !p.is_valid() {
            return;
        }
        let full = ctx.points.with_untracked(|pts| pts.len() >= MAX_POINTS);
        if full {
            csv_message.set(Some(Err(format!(
                "The data set is full: at most {MAX_POINTS} points."
            ))));
            return;
        }
        let mut next = ctx.points.with_untracked(|pts| pts.as_ref().clone());
        next.push(p);
        // Only what the address can hold goes there.
        if address_note.with_untracked(Option::is_none) {
            let mut text = pts_text.get_untracked();
            let piece = encode_points(&[p]);
            if text.len() + piece.len() < MAX_POINTS_TEXT {
                if !text.is_empty() {
                    text.push(';');
                }
                text.push_str(&piece);
                pts_text.set(text);
            } else {
                address_note.set(Some(
                    "The address holds the blobs and the first points you added; later points stay on this page only.".into(),
                ));
            }
        }
        // Training goes on from the current weights with the new point; the loss curve starts
        // again, since it is now the loss of other data.
        ctx.points.set(Arc::new(next));
        let w = ctx.trainer.with_untracked(|t| t.weights);
        ctx.restart(w);
    });

    let paste_text = RwSignal::new(String::new());
    let load_csv = move |_| {
        let text = paste_text.get_untracked();
        match parse_csv(&text) {
            Err(e) => csv_message.set(Some(Err(format!(
                "{e} Nothing was loaded; the {} points already there are kept.",
                ctx.points.with_untracked(|p| p.len())
            )))),
            Ok(points) => {
                ctx.running.set(false);
                let n = points.len();
                let (zeros, ones) = class_counts(&points);
                per_class.set(0.0);
                let encoded = encode_points(&points);
                if encoded.len() <= MAX_POINTS_TEXT {
                    pts_text.set(encoded);
                    address_note.set(None);
                } else {
                    pts_text.set(String::new());
                    address_note.set(Some(format!(
                        "These {n} points are too many for the address, so a link to this page will not bring them back; paste them again or keep the CSV."
                    )));
                }
                csv_message.set(Some(Ok(format!(
                    "Loaded {n} points ({ones} of class 1, {zeros} of class 0)."
                ))));
                set_points(points);
            }
        }
    };
    let show_csv = RwSignal::new(false);
    let csv_out = move || {
        if show_csv.get() {
            ctx.points.with(|p| format_csv(p))
        } else {
            String::new()
        }
    };
    let copied = RwSignal::new(false);
    let copy_csv = move |_| {
        let text = ctx.points.with_untracked(|p| format_csv(p));
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let _ = clipboard.write_text(&text);
            copied.set(true);
        }
    };

    let description = Signal::derive(move || {
        let w = ctx.shown.get();
        ctx.points.with(|p| describe_plane(p, &w))
    });
    let status_text = move || {
        let running = ctx.running.get();
        let _ = ctx.chart_version.get();
        let (steps, loss, last) = ctx
            .trainer
            .with_untracked(|t| (t.steps, t.loss, t.history.last().copied()));
        let verb = if running { "Training" } else { "Paused" };
        format!(
            "{verb}: {steps} steps, mean {} {}",
            loss.name(),
            last.map_or_else(
                || "not computed yet (no points)".into(),
                |l| format!("loss {}", format_value(l))
            )
        )
    };
    let speed_text = move || {
        ctx.steps_per_second
            .get()
            .map(|r| format!("{:.0} steps per second", r))
            .unwrap_or_default()
    };
    let embed_query = Signal::derive(move || {
        let w = ctx.shown.get();
        let values = vec![
            Value::Number(seed.get()),
            Value::Number(per_class.get()),
            Value::Text(pts_text.get()),
            Value::Number(w.w[0]),
            Value::Number(w.w[1]),
            Value::Number(w.b),
            Value::Choice(loss_code.get()),
            Value::Number(rate.get()),
        ];
        query_for(&FIELDS, &values, &[])
    });

    let loss_chart = move |area: &crate::ui::plot_canvas::ChartArea, theme: &crate::plot::Theme| {
        let _ = ctx.chart_version.get();
        let name = ctx.trainer.with_untracked(|t| t.loss.name());
        let mut points = ctx.curve.get_value();
        // Thousands of steps keep the axis labels short on a phone.
        let thousands = points.last().is_some_and(|p| p.0 > 2_000.0);
        if thousands {
            points.iter_mut().for_each(|p| p.0 /= 1_000.0);
        }
        let label = format!("mean {name}");
        let _ = draw_line_chart(
            area,
            &[Series {
                name: &label,
                points: &points,
                color: None,
            }],
            &LineChartOptions {
                title: "",
                x_label: if thousands { "thousand steps" } else { "step" },
                y_label: "loss",
                log_y: true,
            },
            theme,
        );
    };
    let loss_alt = Signal::derive(move || {
        let _ = ctx.chart_version.get();
        ctx.trainer
            .with_untracked(|t| match (t.history.first(), t.history.last()) {
                (Some(a), Some(z)) => format!(
                    "Loss per step: mean {} {} at the start, {} after {} steps.",
                    t.loss.name(),
                    format_value(*a),
                    format_value(*z),
                    t.steps
                ),
                _ => "No loss yet: there are no points.".into(),
            })
    });

    view! {
        <div
            class="logistic-trainer"
            data-testid="logistic-trainer"
            data-weights=move || {
                let w = ctx.shown.get();
                format!("{},{},{}", format_number(w.w[0]), format_number(w.w[1]), format_number(w.b))
            }
        >
            <div class="trainer-grid">
                <div class="trainer-plane">
                    <ClassifierPlane
                        points=ctx.points
                        weights=ctx.shown
                        window=window
                        on_click=add_point
                        description=description
                    />
                    <p class="visually-hidden" aria-live="polite">
                        {move || (!ctx.running.get()).then(|| description.get())}
                    </p>
                    <fieldset class="class-picker">
                        <legend>"A click adds a point of"</legend>
                        <label>
                            <input
                                type="radio"
                                name=format!("{url_prefix}class")
                                prop:checked=move || !class_one.get()
                                on:change=move |_| class_one.set(false)
                            />
                            " class 0 (ring)"
                        </label>
                        <label>
                            <input
                                type="radio"
                                name=format!("{url_prefix}class")
                                prop:checked=move || class_one.get()
                                on:change=move |_| class_one.set(true)
                            />
                            " class 1 (disc)"
                        </label>
                    </fieldset>
                </div>
                <div class="trainer-side">
                    <div class="try-actions">
                        <button type="button" class="button" data-testid="train" on:click=play>
                            {move || if ctx.running.get() { "Pause" } else { "Train" }}
                        </button>
                        <button type="button" class="button-secondary" on:click=reset_weights>
                            "Reset weights"
                        </button>
                    </div>
                    <p class="readout" data-testid="train-status" role="status">{status_text}</p>
                    <p class="readout widget-note" data-testid="steps-per-second">{speed_text}</p>
                    {move || ctx.stop_note.get().map(|n| view! { <p class="widget-note" role="status">{n}</p> })}
                    <label class="slider">
                        "learning rate η: "
                        <input
                            type="range"
                            min="-3"
                            max="1"
                            step="0.05"
                            aria-label="learning rate (log scale)"
                            prop:value=move || format!("{}", rate.get().log10())
                            on:input=move |ev| {
                                if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                    let r = 10f64.powf(v);
                                    rate.set(format_number(r).parse().unwrap_or(r));
                                }
                            }
                        />
                        <span class="readout">{move || format_value(rate.get())}</span>
                    </label>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || loss_code.get() == "mse"
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                loss_code.set(if on { "mse" } else { "ce" }.into());
                            }
                        />
                        " Train on squared error (MSE) instead of cross-entropy"
                    </label>
                    <div class="try-actions">
                        <label class="inline-select">
                            "points per class "
                            <select
                                aria-label="points per class"
                                on:change=move |ev| {
                                    if let Ok(n) = event_target_value(&ev).parse::<f64>() {
                                        per_class.set(n);
                                        generate(false);
                                    }
                                }
                                prop:value=move || format!("{}", per_class.get())
                            >
                                {[0usize, 10, 40, 200, 1000, 5000]
                                    .into_iter()
                                    .map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                        <button type="button" class="button-secondary" on:click=move |_| generate(true)>
                            "New blobs"
                        </button>
                        <button type="button" class="button-secondary" on:click=clear>"Clear"</button>
                    </div>
                    {move || address_note.get().map(|n| view! { <p class="widget-note">{n}</p> })}
                </div>
            </div>
            <div class="trainer-chart">
                <PlotCanvas draw=loss_chart aspect=0.55 label="Mean loss per training step" alt=loss_alt/>
                <ChartTable
                    caption="Mean loss per training step"
                    data=Signal::derive(move || {
                        let _ = ctx.chart_version.get();
                        let name = ctx.trainer.with_untracked(|t| t.loss.name());
                        ChartData::one("step", &format!("mean {name}"), ctx.curve.get_value())
                    })
                />
            </div>
            <details class="csv-box">
                <summary>"Paste or copy the data as CSV"</summary>
                <label>
                    "Rows x1,x2,label (label 0 or 1), one per line:"
                    <textarea
                        rows="5"
                        class="text-input"
                        data-testid="csv-in"
                        spellcheck="false"
                        prop:value=move || paste_text.get()
                        on:input=move |ev| paste_text.set(event_target_value(&ev))
                    ></textarea>
                </label>
                <div class="try-actions">
                    <button type="button" class="button-secondary" on:click=load_csv>"Load rows"</button>
                    <button
                        type="button"
                        class="button-secondary"
                        aria-expanded=move || show_csv.get().to_string()
                        on:click=move |_| show_csv.update(|s| *s = !*s)
                    >
                        "Show current data as CSV"
                    </button>
                    <button type="button" class="button-secondary" on:click=copy_csv>
                        {move || if copied.get() { "Copied" } else { "Copy CSV" }}
                    </button>
                </div>
                {move || {
                    csv_message
                        .get()
                        .map(|m| match m {
                            Ok(t) => view! { <p class="feedback-ok" role="status" data-testid="csv-message">{t}</p> }.into_any(),
                            Err(t) => view! { <p class="feedback-wrong" role="alert" data-testid="csv-message">{t}</p> }.into_any(),
                        })
                }}
                {move || {
                    show_csv
                        .get()
                        .then(|| {
                            view! {
                                <textarea readonly rows="6" class="text-input" data-testid="csv-out" prop:value=csv_out></textarea>
                            }
                        })
                }}
            </details>
            <GradientPanel ctx=ctx/>
            <SaturationChart ctx=ctx loss_code=loss_code/>
            <EmbedControl widget=WIDGET.info() query=embed_query/>
        </div>
    }
}

/// Points per slice of the reverse-mode check (one slice per animation frame).
const TAPE_SLICE: usize = 400;

/// The reverse-mode column of the gradient table.
#[derive(Clone, Copy, Debug, PartialEq)]
enum TapeColumn {
    /// Large data while training: computed once paused.
    WhenPaused,
    /// Being computed, a slice per frame.
    Computing,
    /// The mean gradient by reverse mode (`None` if the engine could not evaluate it).
    Done(Option<Gradient>),
}

/// One slice of the reverse-mode gradient: points `from..from + TAPE_SLICE`, added to `sum`
/// weighted by their count; schedules the next slice, or publishes the mean. Stops when a newer
/// job has started or the widget is gone.
#[allow(clippy::too_many_arguments)] // one frame's worth of a job: every piece is its state
fn tape_slice(
    ctx: Ctx,
    tape: RwSignal<TapeColumn>,
    job: StoredValue<u64>,
    id: u64,
    w: Weights,
    loss: Loss,
    from: usize,
    mut sum: [f64; 3],
) {
    if job.try_get_value() != Some(id) {
        return;
    }
    let Some((n, part)) = ctx.points.try_with_untracked(|p| {
        let slice = p
            .get(from..(from + TAPE_SLICE).min(p.len()))
            .unwrap_or_default();
        (
            p.len(),
            reverse_mode_gradient(loss, &w, slice).map(|g| (g, slice.len())),
        )
    }) else {
        return;
    };
    match part {
        Err(_) => tape.set(TapeColumn::Done(None)),
        Ok((g, k)) => {
            for (s, v) in sum.iter_mut().zip(g.to_array()) {
                *s += v * k as f64;
            }
            let next = from + k;
            if next >= n || k == 0 {
                let m = n.max(1) as f64;
                tape.set(TapeColumn::Done(Some(Gradient {
                    w: [sum[0] / m, sum[1] / m],
                    b: sum[2] / m,
                })));
            } else {
                request_animation_frame(move || tape_slice(ctx, tape, job, id, w, loss, next, sum));
            }
        }
    }
}

/// The gradient formulas with their values at the shown weights beside the engine's reverse
/// mode, and what the summed loss of the course text would give.
#[component]
fn GradientPanel(ctx: Ctx) -> impl IntoView {
    let loss = move || ctx.trainer.with(|t| t.loss);
    let formula = Memo::new(move |_| {
        let w = ctx.shown.get();
        let l = loss();
        ctx.points
            .with(|p| (gradient(l, &w, p), summed_gradient(l, &w, p), p.len()))
    });
    // Reverse mode records one tape per point. Small data: at every readout. Large data: only
    // when paused, a slice of points per animation frame, so a pause is never held up by it.
    let tape = RwSignal::new(TapeColumn::WhenPaused);
    let job = StoredValue::new(0u64);
    Effect::new(move |_| {
        let w = ctx.shown.get();
        let l = loss();
        let running = ctx.running.get();
        let n = ctx.points.with(|p| p.len());
        job.update_value(|j| *j += 1);
        if n <= TAPE_SLICE {
            let g = ctx
                .points
                .with_untracked(|p| reverse_mode_gradient(l, &w, p).ok());
            tape.set(TapeColumn::Done(g));
        } else if running {
            tape.set(TapeColumn::WhenPaused);
        } else {
            tape.set(TapeColumn::Computing);
            let id = job.get_value();
            request_animation_frame(move || tape_slice(ctx, tape, job, id, w, l, 0, [0.0; 3]));
        }
    });
    let row = move |k: usize, name: &'static str, tex: &'static str| {
        let value = move || formula.get().0.to_array()[k];
        let tape_value = move || match tape.get() {
            TapeColumn::WhenPaused => "(shown when paused)".to_string(),
            TapeColumn::Computing => "computing…".to_string(),
            TapeColumn::Done(None) => "not available".to_string(),
            TapeColumn::Done(Some(g)) => format_value(g.to_array()[k]),
        };
        view! {
            <tr>
                <th scope="row"><MathTex tex=tex label=name/></th>
                <td class="readout" data-testid=format!("grad-formula-{k}")>{move || format_value(value())}</td>
                <td class="readout" data-testid=format!("grad-tape-{k}")>{tape_value}</td>
            </tr>
        }
    };
    let agreement = move || {
        let (g, _, _) = formula.get();
        match tape.get() {
            TapeColumn::Done(Some(t)) => {
                let e = crate::math::relative_error(&g.to_array(), &t.to_array());
                format!(
                    "Relative error between the two columns: {}. Anything below about 10⁻⁸ is rounding: the formula and the engine's tape give the same numbers.",
                    super::lab_controls::sci(e)
                )
            }
            _ => String::new(),
        }
    };
    let summed = move || {
        let (g, s, n): (Gradient, Gradient, usize) = formula.get();
        if n == 0 {
            return "With no points the gradient is zero.".to_string();
        }
        format!(
            "Here n = {n}. The course text writes the loss as a sum but its gradient as a mean; the sum's gradient would be n times larger: ∂/∂b of the summed loss is {} against {} for the mean. With the same learning rate, that is a step {n} times longer, and it grows with every point you add. The mean keeps the step size independent of how much data there is.",
            format_value(s.b),
            format_value(g.b)
        )
    };
    view! {
        <div class="gradient-panel">
            <h3>"The gradient, by formula and by the engine"</h3>
            {move || {
                if loss() == Loss::CrossEntropy {
                    view! {
                        <p>
                            <MathTex
                                tex=r"L = -\frac{1}{n}\sum_{i=1}^{n}\bigl[y_i \ln p_i + (1 - y_i)\ln(1 - p_i)\bigr]"
                                label="L = −(1/n) Σ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)]"
                                block=true
                            />
                            <MathTex
                                tex=r"\frac{\partial L}{\partial \mathbf w} = \frac{1}{n} X^\top (\mathbf p - \mathbf y)"
                                label="∂L/∂w = Xᵀ(p − y)/n"
                                block=true
                            />
                            <MathTex
                                tex=r"\frac{\partial L}{\partial b} = \operatorname{mean}(\mathbf p - \mathbf y)"
                                label="∂L/∂b = mean(p − y)"
                                block=true
                            />
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p>
                            <MathTex
                                tex=r"L = \frac{1}{n}\sum_{i=1}^{n}(p_i - y_i)^2"
                                label="L = (1/n) Σ (pᵢ − yᵢ)²"
                                block=true
                            />
                            <MathTex
                                tex=r"\frac{\partial L}{\partial \mathbf w} = \frac{1}{n} X^\top \bigl[2(\mathbf p - \mathbf y) \odot \mathbf p \odot (1 - \mathbf p)\bigr]"
                                label="∂L/∂w = Xᵀ[2(p − y) ⊙ p ⊙ (1 − p)]/n"
                                block=true
                            />
                            <MathTex
                                tex=r"\frac{\partial L}{\partial b} = \operatorname{mean}\bigl[2(\mathbf p - \mathbf y) \odot \mathbf p \odot (1 - \mathbf p)\bigr]"
                                label="∂L/∂b = mean[2(p − y) ⊙ p ⊙ (1 − p)]"
                                block=true
                            />
                        </p>
                    }
                        .into_any()
                }
            }}
            <table class="gradient-table" data-testid="gradient-table">
                <caption>"At the current weights"</caption>
                <thead>
                    <tr>
                        <th scope="col">"partial"</th>
                        <th scope="col">"formula"</th>
                        <th scope="col">"reverse-mode autodiff"</th>
                    </tr>
                </thead>
                <tbody>
                    {row(0, "∂L/∂w₁", r"\partial L/\partial w_1")}
                    {row(1, "∂L/∂w₂", r"\partial L/\partial w_2")}
                    {row(2, "∂L/∂b", r"\partial L/\partial b")}
                </tbody>
            </table>
            <p class="readout widget-note" data-testid="grad-agreement">{agreement}</p>
            <p class="widget-note">{summed}</p>
        </div>
    }
}

/// |∂ℓ/∂z| against the logit z of a class-1 point over `z`, for cross-entropy and for squared
/// error: what the saturation chart draws and its table lists.
fn saturation_curves(z: (f64, f64)) -> [Vec<(f64, f64)>; 2] {
    let to_pairs = |v: Vec<[f64; 2]>| v.into_iter().map(|p| (p[0], p[1])).collect::<Vec<_>>();
    [
        to_pairs(gradient_size_curve(Loss::CrossEntropy, 1.0, z.0, z.1, 161)),
        to_pairs(gradient_size_curve(Loss::MeanSquared, 1.0, z.0, z.1, 161)),
    ]
}

/// |∂ℓ/∂z| against the logit z for a point of class 1, for both losses, and the numbers for
/// the most confidently wrong point of the data.
#[component]
fn SaturationChart(ctx: Ctx, loss_code: RwSignal<String>) -> impl IntoView {
    const Z: (f64, f64) = (-8.0, 8.0);
    let draw = move |area: &crate::ui::plot_canvas::ChartArea, theme: &crate::plot::Theme| {
        let [ce, mse] = saturation_curves(Z);
        let _ = draw_line_chart(
            area,
            &[
                Series {
                    name: "cross-entropy: |p − y|",
                    points: &ce,
                    color: None,
                },
                Series {
                    name: "squared error: |2(p − y)σ′(z)|",
                    points: &mse,
                    color: None,
                },
            ],
            &LineChartOptions {
                title: "",
                x_label: "logit z of a class-1 point",
                y_label: "|∂ℓ/∂z|",
                log_y: false,
            },
            theme,
        );
    };
    let at = |z: f64| {
        (
            logit_gradient(Loss::CrossEntropy, z, 1.0).abs(),
            logit_gradient(Loss::MeanSquared, z, 1.0).abs(),
        )
    };
    let (ce6, mse6) = at(-6.0);
    let alt = format!(
        "Gradient size against the logit for a point of class 1: cross-entropy's falls from 1 to 0 as z goes from very negative to very positive; squared error's is near 0 at both ends and peaks at {} near z = −0.7. At z = −6 (confidently wrong) they are {} and {}.",
        format_value(at(-(2f64.ln())).1),
        format_value(ce6),
        format_value(mse6)
    );
    let worst = move || {
        let w = ctx.shown.get();
        let _ = loss_code.get();
        ctx.points.with(|p| {
            // The point whose logit is furthest on the wrong side.
            p.iter()
                .map(|q| {
                    let z = w.logit(q.x);
                    (if q.label { -z } else { z }, z, q.y())
                })
                .filter(|t| t.0 > 0.0)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, z, y)| {
                    let ce = logit_gradient(Loss::CrossEntropy, z, y).abs();
                    let mse = logit_gradient(Loss::MeanSquared, z, y).abs();
                    format!(
                        "In your data now, the most confidently wrong point has logit z = {} (label {}). Cross-entropy pushes it with |∂ℓ/∂z| = {}; squared error with only {}.",
                        format_value(z),
                        y,
                        format_value(ce),
                        format_value(mse)
                    )
                })
                .unwrap_or_else(|| {
                    let n = p.len();
                    if n == 0 {
                        String::new()
                    } else {
                        format!("In your data now, all {n} points are on their class's side.")
                    }
                })
        })
    };
    view! {
        <div class="saturation">
            <h3>"Why squared error learns slowly from confident mistakes"</h3>
            <p>
                "For one point, the loss's slope with respect to the logit z = w₁x₁ + w₂x₂ + b is "
                "p − y for cross-entropy, but 2(p − y)·σ′(z) for squared error, and σ′(z) = p(1 − p) "
                "is nearly 0 when p is near 0 or 1. A class-1 point at z = −6 is confidently wrong: "
                "cross-entropy's slope is "
                {format_value(ce6)}
                ", squared error's "
                {format_value(mse6)}
                ", about "
                {format!("{:.0}", ce6 / mse6)}
                " times smaller, so gradient descent barely moves it."
            </p>
            <PlotCanvas draw=draw aspect=0.6 label="Gradient size against the logit" alt=alt/>
            <ChartTable
                caption="Gradient size against the logit"
                data=Signal::derive(move || {
                    let [ce, mse] = saturation_curves(Z);
                    ChartData {
                        x_label: "logit z".into(),
                        series: vec![
                            ("cross-entropy |p − y|".into(), ce),
                            ("squared error |2(p − y)σ′(z)|".into(), mse),
                        ],
                        ..ChartData::default()
                    }
                })
            />
            <p class="widget-note readout" data-testid="worst-point">{worst}</p>
        </div>
    }
}
