//! The learning-rate sweep: steps to converge from the race's start against η, for the
//! chosen optimiser, over rates from a hundredth to a hundred times its η (log-spaced), a few
//! rates per animation frame (`optim::sweep_rates`), with the stability threshold 2/λ_max
//! marked for gradient descent.

use std::sync::Arc;

use leptos::prelude::*;

use super::frames::{now_ms, FrameLoop};
use super::runners::Runner;
use super::RaceState;
use crate::optim::text::fmt_num;
use crate::optim::{learning_rate_regime, log_rates, sweep_rates, Objective, Settings, Stop};
use crate::plot::{draw_sweep_chart, race_color, SweepChartOptions, SweepOutcome};
use crate::ui::chart_table::{ChartData, ChartTable};
use crate::ui::plot_canvas::PlotCanvas;

/// Rates in a sweep.
pub const SWEEP_RATES: usize = 41;

/// The rates swept around `eta`: from η/100 to 100η, kept within 10⁻⁵ … 10.
pub fn sweep_range(eta: f64) -> Vec<f64> {
    let eta = if eta.is_finite() && eta > 0.0 {
        eta
    } else {
        0.01
    };
    log_rates(
        (eta / 100.0).max(1e-5),
        (eta * 100.0).min(10.0),
        SWEEP_RATES,
    )
}

/// A finished or partial sweep as table data: steps to converge at each rate that
/// converged, and words for the rates that diverged or ran out of steps.
pub fn sweep_table_data(points: &[(f64, SweepOutcome)]) -> ChartData {
    let mut converged = Vec::new();
    let mut marks = Vec::new();
    for &(rate, outcome) in points {
        match outcome {
            SweepOutcome::Converged(n) => converged.push((rate, n as f64)),
            SweepOutcome::Diverged => marks.push((rate, "diverged".to_string())),
            SweepOutcome::NotConverged => marks.push((rate, "ran out of steps".to_string())),
        }
    }
    ChartData {
        x_label: "η".into(),
        series: vec![("steps to converge".into(), converged)],
        marks,
        ..ChartData::default()
    }
}

/// One sentence about a finished sweep.
pub fn sweep_summary(runner: Runner, points: &[(f64, SweepOutcome)]) -> String {
    let best = points
        .iter()
        .filter_map(|(r, o)| match o {
            SweepOutcome::Converged(s) => Some((*r, *s)),
            _ => None,
        })
        .min_by_key(|p| p.1);
    let first_bad = points
        .iter()
        .filter(|(_, o)| *o == SweepOutcome::Diverged)
        .map(|p| p.0)
        .fold(f64::INFINITY, f64::min);
    let mut s = match best {
        Some((r, n)) => format!(
            "{}: the fastest rate swept is η = {} ({n} steps).",
            runner.label(),
            fmt_num(r)
        ),
        None => format!(
            "{}: no rate swept converged within the step limit.",
            runner.label()
        ),
    };
    if first_bad.is_finite() {
        s.push_str(&format!(" From η = {} runs diverged.", fmt_num(first_bad)));
    }
    s
}

/// The sweep with its button, progress and chart.
#[component]
pub fn SweepPanel(
    /// The function.
    #[prop(into)]
    objective: Signal<Option<Arc<Objective>>>,
    /// The race's state.
    state: RaceState,
    /// Dark colours (the chart follows the page's own setting).
    #[prop(into)]
    dark: Signal<bool>,
    /// Its heading is an h2 (the race stands alone, as in an embed) rather than an h3 (the
    /// race sits under a section's h2).
    #[prop(optional)]
    top: bool,
) -> impl IntoView {
    let _ = dark;
    let frames = FrameLoop::new();
    let points = RwSignal::new(Vec::<(f64, SweepOutcome)>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let threshold = RwSignal::new(None::<f64>);
    let summary = RwSignal::new(String::new());

    Effect::watch(
        move || {
            (
                objective.with(|o| o.as_ref().map(|o| o.expr().to_string())),
                state.focus_runner(),
                state.start.get(),
                state.run_settings(),
            )
        },
        move |_, _, _| {
            frames.cancel();
            points.set(Vec::new());
            progress.set(None);
            summary.set(String::new());
        },
        false,
    );

    let run = move |_| {
        let runner = untrack(|| state.focus_runner());
        if !runner.has_rate() {
            summary.set(format!(
                "{} has no learning rate to sweep: it picks its own step from curvature.",
                runner.label()
            ));
            return;
        }
        let Some(obj) = objective.get_untracked() else {
            summary.set("Type a function that parses first.".into());
            return;
        };
        let method = untrack(|| state.settings().method(runner));
        let eta = method.rate().unwrap_or(0.01);
        let settings: Settings = untrack(|| state.run_settings());
        let start = state.start.get_untracked();
        let start = [start.0, start.1];
        threshold.set(if runner == Runner::Gd {
            learning_rate_regime(&obj, &start, eta)
                .map(|r| r.threshold)
                .filter(|t| t.is_finite())
        } else {
            None
        });
        let rates = sweep_range(eta);
        let total = rates.len();
        points.set(Vec::new());
        progress.set(Some((0, total)));
        summary.set(String::new());
        let mut next = 0usize;
        frames.start(move || {
            let t0 = now_ms();
            let mut found = Vec::new();
            while next < rates.len() && now_ms() - t0 < 14.0 {
                let got = sweep_rates(&obj, &method, &start, &settings, &rates[next..next + 1]);
                for p in got {
                    let o = match p.stop {
                        Some(Stop::Converged { step }) => SweepOutcome::Converged(step),
                        Some(Stop::Diverged { .. }) => SweepOutcome::Diverged,
                        _ => SweepOutcome::NotConverged,
                    };
                    found.push((p.rate, o));
                }
                next += 1;
            }
            points.update(|p| p.extend(found));
            progress.set(Some((next, total)));
            let done = next >= rates.len();
            if done {
                summary.set(points.with_untracked(|p| sweep_summary(runner, p)));
            }
            !done
        });
    };

    view! {
        <div class="race-panel race-sweep">
            {if top {
                view! { <h2>"Learning-rate sweep"</h2> }.into_any()
            } else {
                view! { <h3>"Learning-rate sweep"</h3> }.into_any()
            }}
            <p class="widget-note">
                "Steps to converge from the start against η, for the optimiser chosen above, "
                "from a hundredth to a hundred times its η. Crosses along the top diverged; "
                "rings ran out of steps. For gradient descent the red line is 2/λ_max at the "
                "start."
            </p>
            <div class="race-panel-controls">
                <button type="button" class="button-secondary" on:click=run>"Sweep η"</button>
                {move || {
                    progress
                        .get()
                        .map(|(a, b)| {
                            view! {
                                <progress max=b value=a aria-label="Sweep progress"></progress>
                                <span class="readout" data-testid="sweep-progress">
                                    {format!("{a} of {b} rates")}
                                </span>
                            }
                        })
                }}
            </div>
            <PlotCanvas
                draw=move |area, theme| {
                    let runner = state.focus_runner();
                    let current = state.settings().method(runner).rate();
                    points.with(|p| {
                        let opts = SweepChartOptions {
                            max_steps: state.run_settings().max_steps,
                            current,
                            threshold: threshold.get(),
                            color: race_color(runner.index(), theme),
                        };
                        let _ = draw_sweep_chart(area, p, &opts, theme);
                    });
                }
                aspect=0.5
                label="Steps to converge against the learning rate"
                alt=Signal::derive(move || summary.get())
            />
            <p class="readout" data-testid="sweep-summary" aria-live="polite">{move || summary.get()}</p>
            <ChartTable
                caption="Steps to converge at each learning rate"
                data=Signal::derive(move || points.with(|p| sweep_table_data(p)))
                max_rows=SWEEP_RATES
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_brackets_eta_and_the_summary_names_the_fastest() {
        let r = sweep_range(0.05);
        assert_eq!(r.len(), SWEEP_RATES);
        assert!((r[0] - 0.0005).abs() < 1e-12 && (r[40] - 5.0).abs() < 1e-9);
        assert!((sweep_range(1.0)[40] - 10.0).abs() < 1e-9);
        let s = sweep_summary(
            Runner::Gd,
            &[
                (0.01, SweepOutcome::Converged(300)),
                (0.05, SweepOutcome::Converged(60)),
                (0.2, SweepOutcome::Diverged),
                (0.5, SweepOutcome::Diverged),
            ],
        );
        assert!(
            s.contains("η = 0.05 (60 steps)") && s.contains("From η = 0.2"),
            "{s}"
        );
        let d = sweep_table_data(&[
            (0.01, SweepOutcome::NotConverged),
            (0.05, SweepOutcome::Converged(60)),
            (0.2, SweepOutcome::Diverged),
        ]);
        assert_eq!(d.series[0].1, vec![(0.05, 60.0)]);
        assert_eq!(
            d.marks,
            vec![
                (0.01, "ran out of steps".to_string()),
                (0.2, "diverged".to_string())
            ]
        );
    }
}
