//! The learning-rate explorer: gradient descent `w ← w − η∇L` on a loss the learner types,
//! drawn on its contour map from a start the learner clicks, with η on a logarithmic
//! slider. Beside the path: which regime η puts descent in at the start (crawls, converges,
//! oscillates, diverges) and why, from η against 2/λ_max (`optim::learning_rate_regime`);
//! how the run ended, with the divergence explained (`optim::minimize`); and the first
//! step written out, direction −∇L and length η‖∇L‖. A run that blows up stops at its last
//! finite point, so the picture never holds a NaN.

use std::sync::Arc;

use leptos::prelude::*;

use super::chart_table::{ChartData, ChartTable};
use super::map_canvas::{linspace, MapCanvas, MapLayers};
use super::reveal::Reveal;
use super::url_state::{check_function, Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use super::worked_example::{keep_when_valid, parse_live, FunctionInput};
use crate::optim::{
    learning_rate_regime, minimize, Method, Objective, Regime, RegimeKind, Run, Settings, Stop,
};
use crate::plot::{draw_path, visible_prefix, Grid, PathStyle};
use crate::tutor::analysis::Analysis;
use crate::tutor::format::{format_pair, format_value};

/// The loss shown first: a valley ten times steeper across than along.
pub const DEFAULT_LOSS: &str = "x^2 + 10y^2";
/// Where descent starts first.
pub const DEFAULT_START: (f64, f64) = (-2.5, 1.5);
/// The learning rate first shown.
pub const DEFAULT_RATE: f64 = 0.02;

/// The slider covers η from 10^LOG_LO to 10^LOG_HI.
const LOG_LO: f64 = -4.0;
const LOG_HI: f64 = 1.0;
/// Positions of the slider.
const SLIDER_MAX: f64 = 1000.0;
/// Steps of descent computed.
pub const MAX_STEPS: usize = 1000;
/// Samples a side of the loss map.
const MAP_N: usize = 160;

/// The explorer's state in the address: the loss, the start and η.
pub const FIELDS: [Field; 3] = [
    Field::checked_text("f", "loss function", DEFAULT_LOSS, 300, check_function),
    Field::point("p", "start point", DEFAULT_START, -1e3, 1e3),
    Field::number("rate", "learning rate", DEFAULT_RATE, 1e-4, 10.0),
];

/// The explorer in the widget registry (`/embed/learning-rate`).
pub const WIDGET: Widget = Widget {
    name: "learning-rate",
    title: "Learning-rate explorer",
    summary: "Gradient descent on a loss you type, with η on a slider and the regime explained.",
    fields: &FIELDS,
    example: "v=1&f=x^2+y^2+x*y&p=2,-1&rate=0.9",
    embed: embed_view,
    height: 1050,
};

fn embed_view(options: EmbedOptions) -> AnyView {
    view! { <RateExplorer editor=!options.hide_editor locked=options.lock_function/> }.into_any()
}

/// The value at position `pos` in [0, 1000] of a logarithmic slider from 10^`exp.0` to
/// 10^`exp.1`.
pub fn log_value(pos: f64, exp: (f64, f64)) -> f64 {
    let t = if pos.is_finite() {
        pos.clamp(0.0, SLIDER_MAX)
    } else {
        0.0
    } / SLIDER_MAX;
    10f64.powf(exp.0 + t * (exp.1 - exp.0))
}

/// The position of `value` on a logarithmic slider from 10^`exp.0` to 10^`exp.1`
/// (clamped to its ends).
pub fn log_position(value: f64, exp: (f64, f64)) -> f64 {
    if !(value.is_finite() && value > 0.0) {
        return 0.0;
    }
    ((value.log10() - exp.0) / (exp.1 - exp.0) * SLIDER_MAX).clamp(0.0, SLIDER_MAX)
}

/// η for a position of this explorer's slider (10⁻⁴ … 10).
pub fn rate_from_slider(pos: f64) -> f64 {
    log_value(pos, (LOG_LO, LOG_HI))
}

/// A typed η, or why it cannot be used (η runs from 10⁻⁴ to 10 here).
pub fn rate_input_problem(text: &str) -> Result<f64, String> {
    let t = text.trim().replace('−', "-");
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && (1e-4..=10.0).contains(&v) => Ok(v),
        Ok(v) if v.is_finite() && v <= 0.0 => Err(format!(
            "η = {} would not step downhill: η must be positive (from 0.0001 to 10)",
            format_value(v)
        )),
        Ok(v) if v.is_finite() && v < 1e-4 => Err(format!(
            "η = {} is below 0.0001, too small to see move",
            format_value(v)
        )),
        Ok(v) if v.is_finite() => Err(format!(
            "η = {} is above 10, the largest this explorer runs",
            format_value(v)
        )),
        _ if t.is_empty() => Err("Type a learning rate from 0.0001 to 10".to_string()),
        _ => Err(format!("'{}' is not a number", text.trim())),
    }
}

/// The slider position for η.
pub fn slider_from_rate(rate: f64) -> f64 {
    log_position(rate, (LOG_LO, LOG_HI))
}

/// A run of gradient descent with what the lesson says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Descent {
    /// The path and how it ended.
    pub run: Run,
    /// The regime at the start, where the Hessian is defined there.
    pub regime: Option<Regime>,
    /// ∇L at the start.
    pub gradient: Vec<f64>,
    /// η.
    pub rate: f64,
}

impl Descent {
    /// Gradient descent with `rate` from `start` on `objective`, at most [`MAX_STEPS`] steps.
    pub fn new(objective: &Objective, start: (f64, f64), rate: f64) -> Result<Descent, String> {
        let settings = Settings {
            max_steps: MAX_STEPS,
            ..Settings::default()
        };
        let x = [start.0, start.1];
        let run = minimize(objective, &Method::GradientDescent { rate }, &x, &settings)
            .map_err(|e| e.to_string())?;
        Ok(Descent {
            regime: learning_rate_regime(objective, &x, rate),
            gradient: objective.gradient(&x),
            run,
            rate,
        })
    }

    /// The run as table data: L at each step, with the point's coordinates beside it.
    pub fn table_data(&self) -> ChartData {
        let column = |f: &dyn Fn(usize) -> f64| -> Vec<(f64, f64)> {
            (0..self.run.values.len())
                .map(|k| (k as f64, f(k)))
                .collect()
        };
        let coord = |k: usize, i: usize| {
            self.run
                .points
                .get(k)
                .and_then(|p| p.get(i))
                .copied()
                .unwrap_or(f64::NAN)
        };
        ChartData {
            x_label: "step".into(),
            series: vec![
                (
                    "L".into(),
                    column(&|k| self.run.values.get(k).copied().unwrap_or(f64::NAN)),
                ),
                ("x".into(), column(&|k| coord(k, 0))),
                ("y".into(), column(&|k| coord(k, 1))),
            ],
            context: 2,
            ..ChartData::default()
        }
    }

    /// The path as points of the plane.
    pub fn path(&self) -> Vec<(f64, f64)> {
        self.run
            .points
            .iter()
            .map(|p| {
                (
                    p.first().copied().unwrap_or(f64::NAN),
                    p.get(1).copied().unwrap_or(f64::NAN),
                )
            })
            .collect()
    }

    /// How the run ended, in a sentence.
    pub fn outcome(&self) -> String {
        let last = self.run.last_value().unwrap_or(f64::NAN);
        let at = self
            .path()
            .last()
            .map(|&(x, y)| format_pair('(', x, y, ')'))
            .unwrap_or_default();
        match &self.run.stop {
            Stop::Converged { step: 0 } => {
                "The start is already a stationary point (∇L = 0): there is nowhere to go."
                    .to_string()
            }
            Stop::Converged { step } => format!(
                "Converged in {step} steps: at {at} the gradient is essentially zero and L = {}.",
                format_value(last)
            ),
            Stop::Diverged { step, reason } => {
                format!("Diverged at step {step}. {reason} The path is drawn up to its last finite point.")
            }
            Stop::MaxSteps
                if self
                    .regime
                    .as_ref()
                    .is_some_and(|r| r.kind == RegimeKind::Bounces) =>
            {
                format!(
                    "Still bouncing after {MAX_STEPS} steps: at {at}, L = {}. With η·λ_max = 2 \
                     each step lands as far past the bottom as it started, so the path \
                     neither settles nor runs away.",
                    format_value(last)
                )
            }
            Stop::MaxSteps => {
                format!(
                    "Still going after {MAX_STEPS} steps: at {at}, L = {}. Either η is small \
                     (the steps are tiny), or the path keeps bouncing without settling.",
                    format_value(last)
                )
            }
        }
    }

    /// The first step written out: −η∇L and its length η‖∇L‖.
    pub fn first_step(&self) -> Option<String> {
        let g = (self.gradient.first()?, self.gradient.get(1)?);
        let norm = g.0.hypot(*g.1);
        if !norm.is_finite() {
            return None;
        }
        Some(format!(
            "At the start ∇L = {}, so ‖∇L‖ = {}. The first step is −η∇L = {}: it points along \
             −∇L, and its length is η‖∇L‖ = {} × {} = {}.",
            format_pair('[', *g.0, *g.1, ']'),
            format_value(norm),
            format_pair('[', -self.rate * g.0, -self.rate * g.1, ']'),
            format_value(self.rate),
            format_value(norm),
            format_value(self.rate * norm)
        ))
    }
}

/// The loss over the map's window, and the objective descent runs on.
struct Loss {
    objective: Objective,
    layers: Arc<MapLayers>,
    pretty: String,
}

/// Two losses are the same when their functions are.
impl PartialEq for Loss {
    fn eq(&self, other: &Self) -> bool {
        self.objective.expr() == other.objective.expr()
    }
}

fn loss_of(text: &str) -> Result<Loss, String> {
    // The page calls the function a loss L, so its sentences do too ("L grew", not "f grew").
    let objective = Objective::parse(text, &["x", "y"])
        .map(|o| o.with_symbol("L"))
        .map_err(|e| {
            let s = e.to_string();
            if s.contains("not one of the variables") {
                format!("{s} Here the two weights are called x and y.")
            } else {
                s
            }
        })?;
    let analysis = Analysis::new(text).map_err(|e| e.message)?;
    let r = (-3.0, 3.0);
    let (xs, ys) = (linspace(r, MAP_N), linspace(r, MAP_N));
    let mut f = vec![f64::NAN; MAP_N * MAP_N];
    let mut fx = vec![f64::NAN; MAP_N * MAP_N];
    let mut fy = vec![f64::NAN; MAP_N * MAP_N];
    analysis
        .program
        .eval_grid(&xs, &ys, &mut [&mut f[..], &mut fx[..], &mut fy[..]]);
    let grid = Grid::new(r, r, MAP_N, MAP_N, f);
    Ok(Loss {
        pretty: analysis.pretty[0].clone(),
        objective,
        layers: Arc::new(MapLayers::new(grid)),
    })
}

/// The learning-rate explorer.
#[component]
pub fn RateExplorer(
    /// Show the loss editor.
    #[prop(default = true)]
    editor: bool,
    /// Keep the loss fixed (the editor is read-only).
    #[prop(optional)]
    locked: bool,
) -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let text = url.text("f");
    let start = url.point("p");
    let rate = url.number("rate");
    let typed = RwSignal::new(text.get_untracked());
    // Keep the last loss that worked while the learner is mid-edit.
    let (loss, error) = parse_live(typed, |t| loss_of(t).map(Arc::new));
    keep_when_valid(text, typed, error);
    let descent = Memo::new(move |_| {
        let (p, eta) = (start.get(), rate.get());
        loss.with(|l| l.as_ref().map(|l| Descent::new(&l.objective, p, eta)))
    });
    let reveal = Reveal::new();
    // Each new run is drawn step by step.
    Effect::new(move |_| {
        let len = descent.with(|d| {
            d.as_ref()
                .and_then(|d| d.as_ref().ok())
                .map_or(0, |d| d.run.points.len())
        });
        reveal.play(len);
    });
    let path = Memo::new(move |_| {
        descent.with(|d| {
            d.as_ref()
                .and_then(|d| d.as_ref().ok())
                .map(Descent::path)
                .unwrap_or_default()
        })
    });
    let layers = Signal::derive(move || loss.with(|l| l.as_ref().map(|l| l.layers.clone())));
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
            marker_radius: (2.0 * k) as u32,
            end_radius: (5.0 * k) as u32,
            ..PathStyle::default()
        };
        path.with(|p| {
            let shown = reveal.shown.get();
            let _ = draw_path(area, view, visible_prefix(p, shown), None, theme, &style);
        });
    };
    let regime_text = move || {
        descent.with(|d| match d {
            Some(Ok(d)) => d.regime.as_ref().map_or_else(
                || "The Hessian is not defined at the start, so the curvature test says nothing here.".to_string(),
                |r| r.sentence.clone(),
            ),
            _ => String::new(),
        })
    };
    let regime_word = move || {
        descent.with(|d| match d {
            Some(Ok(d)) => d
                .regime
                .as_ref()
                .map(|r| r.kind.word())
                .unwrap_or("unknown"),
            _ => "",
        })
    };
    let outcome = move || {
        descent.with(|d| match d {
            Some(Ok(d)) => d.outcome(),
            Some(Err(e)) => e.clone(),
            None => String::new(),
        })
    };
    let first_step = move || {
        descent.with(|d| {
            d.as_ref()
                .and_then(|d| d.as_ref().ok())
                .and_then(Descent::first_step)
        })
    };
    let threshold = move || {
        descent.with(|d| {
            d.as_ref()
                .and_then(|d| d.as_ref().ok())
                .and_then(|d| d.regime.as_ref())
                .map(|r| r.threshold)
                .filter(|t| t.is_finite())
        })
    };
    let description = Signal::derive(move || {
        let name = loss
            .with(|l| l.as_ref().map(|l| l.pretty.clone()))
            .unwrap_or_default();
        let (x, y) = start.get();
        let steps = path.with(Vec::len).saturating_sub(1);
        format!(
            "Contour map of L = {name} with gradient descent from {} at η = {}: {steps} steps drawn. {}",
            format_pair('(', x, y, ')'),
            format_value(rate.get()),
            outcome()
        )
    });
    let label = Signal::derive(move || {
        format!(
            "Loss contour map with the descent path; click to choose the start (now {})",
            {
                let (x, y) = start.get();
                format_pair('(', x, y, ')')
            }
        )
    });
    let on_pick = Callback::new(move |p: (f64, f64)| {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        start.set((round(p.0), round(p.1)));
    });
    let set_rate = move |eta: f64| {
        if eta.is_finite() && (1e-4..=10.0).contains(&eta) {
            rate.set(eta);
        }
    };
    // What happened to a typed η the explorer cannot use (shown beside the box).
    let rate_note = RwSignal::new(None::<String>);
    let round3 = |v: f64| {
        let p = 10f64.powi(2 - v.abs().log10().floor() as i32);
        (v * p).round() / p
    };
    view! {
        <section class="widget rate-explorer" aria-label="Learning-rate explorer">
            {editor
                .then(|| {
                    view! {
                        <FunctionInput id="lr-f" label="L(x, y) = " text=typed error=error locked=locked/>
                    }
                })}
            <div class="rate-controls">
                <label class="slider rate-slider">
                    "Learning rate η "
                    <input
                        type="range"
                        min="0"
                        max=SLIDER_MAX.to_string()
                        step="1"
                        aria-label="learning rate η, logarithmic"
                        aria-valuetext=move || format!("η = {}", format_value(rate.get()))
                        prop:value=move || format!("{:.0}", slider_from_rate(rate.get()))
                        on:input=move |ev| {
                            if let Ok(pos) = event_target_value(&ev).parse::<f64>() {
                                set_rate(round3(rate_from_slider(pos)));
                            }
                        }
                    />
                </label>
                <label class="rate-number">
                    "η = "
                    <input
                        type="number"
                        class="text-input"
                        min="0.0001"
                        max="10"
                        step="any"
                        aria-label="learning rate η"
                        data-testid="rate-input"
                        prop:value=move || format_value(rate.get()).replace('−', "-")
                        aria-describedby="lr-rate-note"
                        on:change=move |ev| {
                            let typed = event_target_value(&ev);
                            match rate_input_problem(&typed) {
                                Ok(v) => {
                                    set_rate(v);
                                    rate_note.set(None);
                                }
                                Err(why) => {
                                    let kept = format_value(rate.get_untracked());
                                    rate_note.set(Some(format!("{why}; still using η = {kept}.")));
                                    // Show the η in use again, not the refused text.
                                    let input: web_sys::HtmlInputElement = event_target(&ev);
                                    input.set_value(&kept.replace('−', "-"));
                                }
                            }
                        }
                    />
                </label>
                <p id="lr-rate-note" class="field-error" role="alert" data-testid="rate-note">
                    {move || rate_note.get()}
                </p>
                {move || {
                    threshold()
                        .map(|t| {
                            view! {
                                <span class="rate-threshold readout">
                                    "2/λ_max at the start = " {format_value(t)}
                                </span>
                                <button
                                    type="button"
                                    class="button-secondary"
                                    on:click=move |_| set_rate(round3(0.45 * t))
                                >
                                    "η = 0.45 · 2/λ_max"
                                </button>
                                <button
                                    type="button"
                                    class="button-secondary"
                                    on:click=move |_| set_rate(round3(1.05 * t))
                                >
                                    "η = 1.05 · 2/λ_max"
                                </button>
                            }
                        })
                }}
            </div>
            <div class="rate-body">
                <MapCanvas
                    layers=layers
                    overlay=overlay
                    on_pick=on_pick
                    picked=Signal::from(start)
                    label=label
                    description=description
                    caption="Contours of L; the path starts at the ring. Click to move the start."
                />
                <div class="rate-readouts">
                    <p class="regime" data-testid="regime" data-regime=regime_word>
                        <strong class="regime-badge">{regime_word}</strong>
                        " "
                        {regime_text}
                    </p>
                    <p class="outcome" data-testid="outcome" aria-live="polite">{outcome}</p>
                    <p class="first-step" data-testid="first-step">{first_step}</p>
                    <div class="try-actions">
                        <button
                            type="button"
                            class="button-secondary"
                            on:click=move |_| reveal.play(path.with_untracked(Vec::len))
                        >
                            "Replay"
                        </button>
                        <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
                    </div>
                    <ChartTable
                        caption="The descent path: L and the point at each step"
                        data=Signal::derive(move || {
                            descent.with(|d| {
                                d.as_ref()
                                    .and_then(|d| d.as_ref().ok())
                                    .map(Descent::table_data)
                                    .unwrap_or_default()
                            })
                        })
                    />
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_rate_out_of_range_says_why() {
        assert_eq!(rate_input_problem(" 0.05 "), Ok(0.05));
        assert_eq!(rate_input_problem("10"), Ok(10.0));
        for (typed, why) in [
            ("1e6", "above 10"),
            ("0", "must be positive"),
            ("−1", "must be positive"),
            ("0.00001", "below 0.0001"),
            ("abc", "not a number"),
            ("", "Type a learning rate"),
            ("NaN", "not a number"),
        ] {
            let got = rate_input_problem(typed);
            assert!(
                got.as_ref().is_err_and(|m| m.contains(why)),
                "{typed}: {got:?}"
            );
        }
    }

    #[test]
    fn the_slider_is_logarithmic() {
        assert!((rate_from_slider(0.0) - 1e-4).abs() < 1e-12);
        assert!((rate_from_slider(1000.0) - 10.0).abs() < 1e-9);
        assert!((rate_from_slider(600.0) - 0.1).abs() < 1e-9);
        for eta in [1e-4, 0.003, 0.099, 0.101, 2.0] {
            assert!((rate_from_slider(slider_from_rate(eta)) - eta).abs() < 1e-9 * eta.max(1.0));
        }
        assert_eq!(slider_from_rate(f64::NAN), 0.0);
        assert_eq!(slider_from_rate(1e9), 1000.0);
        assert!((rate_from_slider(f64::NAN) - 1e-4).abs() < 1e-12);
    }

    #[test]
    fn descent_says_why_it_diverges_past_two_over_lambda_max() {
        let o = Objective::parse(DEFAULT_LOSS, &["x", "y"]).unwrap();
        let ok = Descent::new(&o, DEFAULT_START, 0.099).unwrap();
        assert!(
            matches!(ok.run.stop, Stop::Converged { .. }),
            "{:?}",
            ok.run.stop
        );
        assert_eq!(ok.regime.as_ref().unwrap().kind.word(), "oscillates");
        // Exactly at 2/λ_max = 0.1 the y coordinate flips sign for ever: said as bouncing,
        // not as a small η.
        let edge = Descent::new(&o, DEFAULT_START, 0.1).unwrap();
        assert_eq!(edge.regime.as_ref().unwrap().kind.word(), "bounces");
        assert!(
            matches!(edge.run.stop, Stop::MaxSteps),
            "{:?}",
            edge.run.stop
        );
        assert!(
            edge.outcome().starts_with("Still bouncing"),
            "{}",
            edge.outcome()
        );
        let bad = Descent::new(&o, DEFAULT_START, 0.101).unwrap();
        assert!(matches!(bad.run.stop, Stop::Diverged { .. }));
        assert!(
            bad.outcome().contains("η·λ_max = 2.02 > 2"),
            "{}",
            bad.outcome()
        );
        assert!(bad
            .regime
            .as_ref()
            .unwrap()
            .sentence
            .contains("2/λ_max = 0.1"));
        assert!(bad
            .path()
            .iter()
            .all(|p| p.0.is_finite() && p.1.is_finite()));
        let crawl = Descent::new(&o, DEFAULT_START, 1e-4).unwrap();
        assert_eq!(crawl.run.stop, Stop::MaxSteps);
        assert!(crawl.outcome().starts_with("Still going"));
        let step = ok.first_step().unwrap();
        // ∇L(−2.5, 1.5) = [−5, 30]; ‖∇L‖ = 30.41; η‖∇L‖ = 3.011.
        assert!(
            step.contains("[−5, 30]") && step.contains("3.011"),
            "{step}"
        );
    }

    #[test]
    fn bad_losses_are_sentences() {
        assert!(loss_of("x^2 + z").err().unwrap().contains("x and y"));
        assert!(loss_of("x^2 +").is_err());
        let l = loss_of("x^2 + 10y^2").ok().unwrap();
        assert_eq!(l.layers.grid.nx, MAP_N);
    }
}
