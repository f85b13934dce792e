//! The regression trainer: linear regression with two features, `ŷ = w₁x₁ + w₂x₂ + b`,
//! trained live by gradient descent on the mean squared error over a data set generated
//! from a seed the learner can change. It shows the fit (each example's prediction against
//! its target, with the residuals), the loss after every step on a log scale, the loss
//! over (w₁, w₂) with the weights' path (b held at its best value), and the gradient
//! formulas with their values computed two ways. A switch trains on mini-batches of 8
//! instead, so the learner sees the noisy path. Training runs a few steps per timer tick,
//! so the page never freezes; the session itself is plain logic
//! (`models::linear_training::Session`).

pub mod gradient_table;

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::chart_table::{ChartData, ChartTable};
use super::map_canvas::{linspace, MapCanvas, MapLayers};
use super::plot_canvas::PlotCanvas;
use super::rate_explorer::{log_position, log_value};
use super::url_state::{Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::models::linear::Dataset;
use crate::models::linear_training::{Session, Status, BATCH, EXAMPLES, MAX_STEPS, NOISE};
use crate::plot::{
    draw_fit_scatter, draw_line_chart, draw_path, Grid, LineChartOptions, PathStyle, Series,
};
use crate::tutor::format::{count, format_pair, format_value};
use gradient_table::{gradients_two_ways, GradientTable};

/// Steps taken per timer tick while training.
const STEPS_PER_TICK: usize = 3;
/// Milliseconds between ticks.
const TICK_MS: u64 = 40;
/// η's slider spans 10^-3 … 10^0.5.
const RATE_EXP: (f64, f64) = (-3.0, 0.5);
/// The weights map shows w₁, w₂ in [−5, 5].
const MAP_RANGE: (f64, f64) = (-5.0, 5.0);
/// Samples a side of the weights map.
const MAP_N: usize = 81;

/// The trainer's state in the address: the data's seed, η, the mini-batch switch and the
/// weights training starts from.
pub const FIELDS: [Field; 5] = [
    Field::number("seed", "data seed", 1.0, 0.0, 1e9),
    Field::number("eta", "learning rate", 0.1, 1e-3, 5.0),
    Field::flag("batch", "mini-batch setting", false),
    Field::point("w", "starting weights w₁, w₂", (-4.0, 4.0), -100.0, 100.0),
    Field::number("b", "starting bias b", 0.0, -100.0, 100.0),
];

/// The trainer in the widget registry (`/embed/regression`).
pub const WIDGET: Widget = Widget {
    name: "regression",
    title: "Linear regression trainer",
    summary:
        "Train ŷ = w₁x₁ + w₂x₂ + b by gradient descent on seeded data, full-batch or mini-batch.",
    fields: &FIELDS,
    example: "v=1&seed=7&eta=0.3&batch=1&w=1,-2&b=0.5",
    embed: embed_view,
    height: 2200,
};

fn embed_view(_options: EmbedOptions) -> AnyView {
    view! { <RegressionTrainer/> }.into_any()
}

/// The seed as a whole number.
fn seed_of(v: f64) -> u64 {
    if v.is_finite() && v >= 0.0 {
        v.round().min(1e9) as u64
    } else {
        0
    }
}

/// The loss over the (w₁, w₂) window with b at its least-squares value (0 if the data do
/// not determine one), and that b.
fn weights_map(data: &Dataset) -> (MapLayers, f64) {
    let b = data.best_weights().map_or(0.0, |w| w[2]);
    let ws = linspace(MAP_RANGE, MAP_N);
    let values = data.loss_surface(&ws, &ws, b);
    (
        MapLayers::new(Grid::new(MAP_RANGE, MAP_RANGE, MAP_N, MAP_N, values)),
        b,
    )
}

/// The status line: step, loss, and how training ended if it did.
fn status_line(s: &Session) -> String {
    let w = s.weights();
    let loss = s.losses.last().copied().unwrap_or(f64::NAN);
    let head = format!(
        "Step {}: w₁ = {}, w₂ = {}, b = {}, L = {}.",
        s.steps(),
        format_value(w[0]),
        format_value(w[1]),
        format_value(w[2]),
        format_value(loss)
    );
    let tail = match &s.status {
        Status::Training if s.steps() == 0 => " Press Train or Step.".to_string(),
        Status::Training => String::new(),
        Status::Converged(k) => {
            format!(" Converged at step {k}: the gradient is essentially zero.")
        }
        Status::OutOfSteps => format!(" Stopped after {}.", count(MAX_STEPS, "step")),
        Status::Diverged { step, reason } => {
            let kept = match step {
                0 => String::new(),
                1 => " The weights shown are the starting ones, from before the numbers blew \
                      up."
                .to_string(),
                k => format!(
                    " The weights shown are from step {}, the last step before the numbers \
                     blew up.",
                    k - 1
                ),
            };
            format!(" Diverged. {reason} Training stopped.{kept}")
        }
    };
    format!("{head}{tail}")
}

/// The loss chart's text description, from the same losses the chart draws.
fn loss_summary(s: &Session) -> String {
    format!(
        "Loss per step, log scale: from {} at the start to {} after {}.",
        format_value(s.losses.first().copied().unwrap_or(f64::NAN)),
        format_value(s.losses.last().copied().unwrap_or(f64::NAN)),
        count(s.steps(), "step")
    )
}

/// The regression trainer.
#[component]
pub fn RegressionTrainer() -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let seed = url.number("seed");
    let eta = url.number("eta");
    let batch = url.flag("batch");
    let start_w = url.point("w");
    let start_b = url.number("b");
    let make = move || {
        let (w1, w2) = start_w.get();
        Session::new(
            seed_of(seed.get()),
            eta.get(),
            batch.get(),
            [w1, w2, start_b.get()],
        )
    };
    let session = RwSignal::new(untrack(make));
    let timer = StoredValue::new(None::<IntervalHandle>);
    let playing = RwSignal::new(false);
    let stop = move || {
        if let Some(Some(h)) = timer.try_get_value() {
            h.clear();
        }
        timer.try_set_value(None);
        playing.try_set(false);
    };
    on_cleanup(stop);
    // A new setting starts a new session.
    Effect::new(move |prev: Option<()>| {
        let fresh = make();
        if prev.is_some() {
            stop();
            session.set(fresh);
        }
    });
    let tick = move || {
        let mut going = true;
        session.update(|s| {
            for _ in 0..STEPS_PER_TICK {
                going = s.step();
                if !going {
                    break;
                }
            }
        });
        if !going {
            stop();
        }
    };
    let train = move |_| {
        if playing.get_untracked() {
            stop();
            return;
        }
        if session.with_untracked(|s| s.status != Status::Training) {
            session.set(make());
        }
        playing.set(true);
        timer.set_value(set_interval_with_handle(tick, Duration::from_millis(TICK_MS)).ok());
    };
    let step_once = move |_| {
        stop();
        session.update(|s| {
            s.step();
        });
    };
    let reset = move |_| {
        stop();
        session.set(make());
    };
    let new_data = move |_| {
        seed.update(|s| *s = (seed_of(*s) + 1) as f64);
    };
    let map = Memo::new(move |_| {
        let data = Dataset::generate(seed_of(seed.get()), EXAMPLES, NOISE);
        let (layers, b) = weights_map(&data);
        (Arc::new(layers), b)
    });
    let best_b = move || map.with(|m| m.1);
    let layers = Signal::derive(move || Some(map.with(|m| m.0.clone())));
    let overlay = move |area: &plotters::prelude::DrawingArea<
        plotters_canvas::CanvasBackend,
        plotters::coord::Shift,
    >,
                        view: &crate::plot::View,
                        theme: &crate::plot::Theme,
                        dpr: f64| {
        let k = dpr.clamp(0.5, 4.0);
        let style = PathStyle {
            width: (2.0 * k) as u32,
            marker_radius: if batch.get() { 0 } else { (2.0 * k) as u32 },
            end_radius: (5.0 * k) as u32,
            ..PathStyle::default()
        };
        session.with(|s| {
            let _ = draw_path(area, view, &s.path(), None, theme, &style);
        });
    };
    let status = move || session.with(status_line);
    let status_kind = move || {
        session.with(|s| match s.status {
            Status::Training => "training",
            Status::Converged(_) => "converged",
            Status::OutOfSteps => "out-of-steps",
            Status::Diverged { .. } => "diverged",
        })
    };
    let rate_sentence = move || session.with(Session::rate_sentence);
    let gradient_rows =
        Signal::derive(move || Some(session.with(|s| gradients_two_ways(&s.data, &s.weights()))));
    let fit_alt = Signal::derive(move || {
        session.with(|s| {
            let p = s.predictions();
            let worst = s
                .data
                .y
                .iter()
                .zip(&p)
                .map(|(y, p)| (p - y).abs())
                .fold(0.0f64, f64::max);
            format!(
                "{} examples: predictions against targets; the largest residual |ŷ − y| is {}.",
                p.len(),
                format_value(worst)
            )
        })
    });
    let loss_alt = Signal::derive(move || session.with(loss_summary));
    let map_alt = Signal::derive(move || {
        session.with(|s| {
            let (a, b) = s.path().last().copied().unwrap_or((f64::NAN, f64::NAN));
            format!(
                "Contours of the loss over w₁ and w₂ with b = {}; the weights moved from {} to {}{}.",
                format_value(best_b()),
                format_pair('(', s.start[0], s.start[1], ')'),
                format_pair('(', a, b, ')'),
                s.best
                    .map(|w| format!(", and the best weights are {}", format_pair('(', w[0], w[1], ')')))
                    .unwrap_or_default()
            )
        })
    });
    let on_pick = Callback::new(move |p: (f64, f64)| {
        let round = |v: f64| (v * 10.0).round() / 10.0;
        start_w.set((round(p.0), round(p.1)));
    });
    let picked = Signal::derive(move || start_w.get());
    let round3 = |v: f64| {
        let p = 10f64.powi(2 - v.abs().log10().floor() as i32);
        (v * p).round() / p
    };
    view! {
        <section class="widget regression-trainer" aria-label="Linear regression trainer">
            <div class="trainer-controls">
                <label class="trainer-seed">
                    "Data seed "
                    <input
                        type="number"
                        class="text-input"
                        min="0"
                        step="1"
                        aria-label="data seed"
                        prop:value=move || seed_of(seed.get()).to_string()
                        on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                                if v.is_finite() && (0.0..=1e9).contains(&v) {
                                    seed.set(v.round());
                                }
                            }
                        }
                    />
                </label>
                <button type="button" class="button-secondary" on:click=new_data>"New data"</button>
                <label class="slider rate-slider">
                    "η "
                    <input
                        type="range"
                        min="0"
                        max="1000"
                        step="1"
                        aria-label="learning rate η for the regression, logarithmic"
                        aria-valuetext=move || format!("η = {}", format_value(eta.get()))
                        prop:value=move || format!("{:.0}", log_position(eta.get(), RATE_EXP))
                        on:change=move |ev| {
                            if let Ok(pos) = event_target_value(&ev).parse::<f64>() {
                                eta.set(round3(log_value(pos, RATE_EXP)));
                            }
                        }
                    />
                    <span class="readout" data-testid="trainer-rate">{move || format!("η = {}", format_value(eta.get()))}</span>
                </label>
                <label class="fx-toggle">
                    <input
                        type="checkbox"
                        prop:checked=move || batch.get()
                        on:change=move |ev| batch.set(event_target_checked(&ev))
                    />
                    {format!(" Mini-batches of {BATCH} (of {EXAMPLES} examples)")}
                </label>
            </div>
            <div class="try-actions">
                <button type="button" class="button" data-testid="train" on:click=train>
                    {move || if playing.get() { "Pause" } else { "Train" }}
                </button>
                <button type="button" class="button-secondary" on:click=step_once>"Step"</button>
                <button type="button" class="button-secondary" on:click=reset>"Reset"</button>
                <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
            </div>
            <p class="readout trainer-status" data-testid="trainer-status" data-status=status_kind aria-live="polite">
                {status}
            </p>
            <p class="trainer-rate-note">{rate_sentence}</p>
            <div class="trainer-plots">
                <div class="trainer-plot">
                    <PlotCanvas
                        aspect=0.9
                        label="Predictions against targets, with residuals"
                        alt=fit_alt
                        draw=move |area, theme| {
                            // The canvas already draws in CSS pixels.
                            session.with(|s| {
                                let _ = draw_fit_scatter(area, &s.data.y, &s.predictions(), theme, 1.0);
                            });
                        }
                    />
                    <p class="fx-caption">"Each dot is an example: its target y across, the prediction ŷ up. The segments are the residuals ŷ − y; a perfect fit puts every dot on the diagonal."</p>
                </div>
                <div class="trainer-plot">
                    <PlotCanvas
                        aspect=0.9
                        label="Loss per step"
                        alt=loss_alt
                        draw=move |area, theme| {
                            session.with(|s| {
                                let pts = s.loss_points();
                                let series = [Series { name: "L (all examples)", points: &pts, color: None }];
                                let opts = LineChartOptions {
                                    x_label: "step",
                                    y_label: "L",
                                    log_y: true,
                                    ..LineChartOptions::default()
                                };
                                let _ = draw_line_chart(area, &series, &opts, theme);
                            });
                        }
                    />
                    {move || (session.with(|s| s.steps()) == 0).then(|| view! {
                        <p class="chart-hint" data-testid="loss-hint">
                            "Only the starting loss so far: the dot at step 0. Run a step to see the loss fall."
                        </p>
                    })}
                    <p class="fx-caption">"The mean squared error over all examples after each step (log scale)."</p>
                    <ChartTable
                        caption="Loss per step"
                        data=Signal::derive(move || session.with(|s| ChartData::one("step", "L (all examples)", s.loss_points())))
                    />
                </div>
                <div class="trainer-plot">
                    <MapCanvas
                        layers=layers
                        overlay=overlay
                        on_pick=on_pick
                        picked=picked
                        label=Signal::derive(|| "Loss over the weights w₁ and w₂ with the training path; click to choose where training starts".to_string())
                        description=map_alt
                        caption="L over (w₁, w₂), with b held at its best value; the path is where (w₁, w₂) went. Click to choose the start."
                    />
                </div>
            </div>
            <GradientTable rows=gradient_rows/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_read_as_sentences() {
        let mut s = Session::new(2, 0.1, false, [0.0; 3]);
        assert!(status_line(&s).ends_with("Press Train or Step."));
        s.step();
        assert!(status_line(&s).starts_with("Step 1:"));
        assert_eq!(seed_of(f64::NAN), 0);
        assert_eq!(seed_of(3.6), 4);
        let (m, b) = weights_map(&s.data);
        assert_eq!(m.grid.values.len(), MAP_N * MAP_N);
        assert!((b - s.best.unwrap()[2]).abs() < 1e-12);
    }

    /// Trains until the session stops (at most `MAX_STEPS` steps).
    fn run(mut s: Session) -> Session {
        while s.step() {}
        s
    }

    #[test]
    fn a_diverged_run_says_which_weights_it_kept_in_plain_words() {
        // η = 5 is far above 2/λ_max: the loss blows up within a few steps.
        let s = run(Session::new(1, 5.0, false, [-4.0, 4.0, 0.0]));
        let Status::Diverged { step, .. } = s.status else {
            panic!("{:?}", s.status)
        };
        let line = status_line(&s);
        assert!(!line.contains("finite weights"), "{line}");
        assert!(line.contains("before the numbers blew up"), "{line}");
        if step > 1 {
            assert!(line.contains(&format!("from step {}", step - 1)), "{line}");
        } else {
            assert!(line.contains("starting ones"), "{line}");
        }
    }

    #[test]
    fn one_step_is_one_step() {
        let mut s = Session::new(2, 0.1, false, [0.0; 3]);
        s.step();
        assert_eq!(s.steps(), 1);
        assert!(
            loss_summary(&s).ends_with("after 1 step."),
            "{}",
            loss_summary(&s)
        );
        s.step();
        assert!(
            loss_summary(&s).ends_with("after 2 steps."),
            "{}",
            loss_summary(&s)
        );
        assert!(!status_line(&s).contains("1 steps"), "{}", status_line(&s));
    }
}
