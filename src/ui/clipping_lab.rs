//! The clipping lab (lesson 10): gradient descent on a loss with a cliff, once plainly and
//! once with the gradient clipped to norm c, both paths on the contour map, the gradient
//! norm per step on a log chart with c drawn as a line, and a two-layer example showing why
//! the norm must be one global norm. Runs come from `models::clipping`.

use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use super::chart_table::{ChartData, ChartTable};
use super::lab_controls::LabSlider;
use super::plot_canvas::PlotCanvas;
use super::raster::{put_rgba_at, sized_area, LabCanvas};
use super::url_state::{Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::models::clipping::{
    angle_degrees, clip_global, clip_per_array, descend_cliff, global_norm, Cliff, CliffRun,
    Outcome,
};
use crate::plot::log_chart::{draw_log_chart, LogChartOptions, LogSeries};
use crate::plot::path::{draw_path, PathStyle};
use crate::plot::{
    choose_levels, compute_contours, draw_contours, render_heatmap_rgba_with_hole, ContourStyle,
    Grid, LevelChoice, Theme, View,
};
use crate::tutor::format::{format_pair, format_value};

/// The most steps a run takes.
pub const STEPS: usize = 300;

/// The lab's state in the address: the threshold c and the learning rate η.
pub const FIELDS: [Field; 2] = [
    Field::number("c", "clipping threshold c", 1.0, 0.1, 50.0),
    Field::number("eta", "learning rate", Cliff::LEARNING_RATE, 0.01, 1.0),
];

/// The lab in the widget registry (`/embed/clipping`).
pub const WIDGET: Widget = Widget {
    name: "clipping",
    title: "Gradient clipping",
    summary: "Descend a loss with a cliff with and without clipping the gradient's norm.",
    fields: &FIELDS,
    example: "v=1&c=5&eta=0.3",
    embed: |_: EmbedOptions| view! { <ClippingLab/> }.into_any(),
    height: 1550,
};

const X_RANGE: (f64, f64) = (-8.0, 4.0);
const Y_RANGE: (f64, f64) = (-4.0, 4.0);

/// What happened in a run, in one sentence.
pub fn run_sentence(run: &CliffRun, clip: Option<f64>, eta: f64) -> String {
    let steps = run.path.len().saturating_sub(1);
    let end = run.path.last().copied().unwrap_or([f64::NAN; 2]);
    match (run.outcome, clip) {
        (Outcome::Diverged(k), _) => {
            let worst = run
                .grad_norms
                .iter()
                .enumerate()
                .take(k.max(1))
                .filter(|(_, g)| g.is_finite())
                .fold((0, 0.0f64), |m, (i, &g)| if g > m.1 { (i, g) } else { m });
            let edge = run
                .grad_norms
                .iter()
                .position(|&g| g > 10.0)
                .unwrap_or(worst.0);
            let edge_norm = run.grad_norms.get(edge).copied().unwrap_or(f64::NAN);
            format!(
                "Without clipping the run blew up. At step {edge} the point reached the cliff, where ‖∇L‖ = {}, so that step was η‖∇L‖ = {} long and threw it far out, where the bowl is steep; from there every step overshoots more, and at step {k} the point left the region |x|, |y| ≤ 10⁶ (gradient norm up to {}).",
                format_value(edge_norm),
                format_value(eta * edge_norm),
                format_value(worst.1)
            )
        }
        (outcome, Some(c)) => {
            let clipped = run.clipped.iter().filter(|&&b| b).count();
            format!(
                "With clipping at c = {}: {clipped} of {steps} steps were clipped, so no step was longer than η·c = {}. It {} at {} with loss {}.",
                format_value(c),
                format_value(eta * c),
                if outcome == Outcome::Converged { "converged" } else { "stopped after its steps" },
                format_pair('(', end[0], end[1], ')'),
                format_value(Cliff::value(end[0], end[1]))
            )
        }
        (outcome, None) => format!(
            "Without clipping it {} after {steps} steps at {} with loss {}: at this learning rate the cliff's steep step did not throw it out.",
            if outcome == Outcome::Converged { "converged" } else { "stopped" },
            format_pair('(', end[0], end[1], ')'),
            format_value(Cliff::value(end[0], end[1]))
        ),
    }
}

fn to_xy(path: &[[f64; 2]]) -> Vec<(f64, f64)> {
    path.iter().map(|p| (p[0], p[1])).collect()
}

/// The cliff loss sampled over the map's window, and its contour levels and colours chosen
/// from how its values are spread (as every contour map chooses them).
fn cliff_map() -> (Grid, LevelChoice) {
    let grid = Grid::from_fn(X_RANGE, Y_RANGE, 120, 80, Cliff::value);
    let choice = choose_levels(&grid.values, 10);
    (grid, choice)
}

fn draw_map(canvas: &HtmlCanvasElement, css_w: f64, theme: &Theme, runs: &(CliffRun, CliffRun)) {
    let Some(area) = sized_area(canvas, css_w, 0.66) else {
        return;
    };
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    let _ = area.fill(&theme.background);
    let view = View::new(w, h, X_RANGE, Y_RANGE);
    let (pw, ph) = (w as usize, h as usize);
    let (grid, choice) = cliff_map();
    let mut buf = vec![0u8; pw * ph * 4];
    let bg = theme.background;
    if render_heatmap_rgba_with_hole(
        &grid,
        &choice.scale,
        pw,
        ph,
        &mut buf,
        [bg.0, bg.1, bg.2, 255],
    )
    .is_ok()
    {
        let _ = put_rgba_at(canvas, &buf, pw as u32, ph as u32, 0.0, 0.0);
    }
    let contours = compute_contours(&grid, &choice.levels);
    let _ = draw_contours(
        &area,
        &view,
        &contours,
        theme,
        &ContourStyle {
            labels: false,
            opacity: 0.5,
            ..ContourStyle::default()
        },
    );
    let plain = to_xy(&runs.0.path);
    let clipped = to_xy(&runs.1.path);
    let _ = draw_path(
        &area,
        &view,
        &plain,
        None,
        theme,
        &PathStyle {
            color: Some(theme.accent),
            ..PathStyle::default()
        },
    );
    let _ = draw_path(
        &area,
        &view,
        &clipped,
        None,
        theme,
        &PathStyle {
            color: Some(theme.series[2]),
            marker_radius: 1,
            ..PathStyle::default()
        },
    );
    let _ = area.present();
}

/// A run's gradient norm (before clipping) against the step: what the chart draws and its
/// table lists.
fn step_norms(run: &CliffRun) -> Vec<(f64, f64)> {
    run.grad_norms
        .iter()
        .enumerate()
        .map(|(k, &g)| (k as f64, g))
        .collect()
}

/// The clipping lab.
#[component]
pub fn ClippingLab() -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let c = url.number("c");
    let eta = url.number("eta");
    let runs = Memo::new(move |_| {
        let e = eta.get();
        (
            descend_cliff(Cliff::START, e, None, STEPS),
            descend_cliff(Cliff::START, e, Some(c.get()), STEPS),
        )
    });
    let plain_text = Signal::derive(move || runs.with(|r| run_sentence(&r.0, None, eta.get())));
    let clipped_text =
        Signal::derive(move || runs.with(|r| run_sentence(&r.1, Some(c.get()), eta.get())));
    let scale_note = cliff_map().1.spacing.note();
    let map_alt = Signal::derive(move || {
        format!(
            "Contour map of the loss with a cliff along x = −2 ({}), both descents from (−6, 1.5). {} {}",
            cliff_map().1.spacing.description(),
            plain_text.get(),
            clipped_text.get()
        )
    });
    let norm_alt = Signal::derive(move || {
        runs.with(|r| {
            let max = |run: &CliffRun| {
                run.grad_norms
                    .iter()
                    .copied()
                    .filter(|g| g.is_finite())
                    .fold(0.0, f64::max)
            };
            format!(
                "Gradient norm per step on a log scale, with c = {} as a line. Largest norm without clipping {}, with clipping {}.",
                format_value(c.get()),
                format_value(max(&r.0)),
                format_value(max(&r.1))
            )
        })
    });
    let draw_norms = move |area: &crate::ui::plot_canvas::ChartArea, theme: &Theme| {
        runs.with(|r| {
            let (a, b) = (step_norms(&r.0), step_norms(&r.1));
            let label = format!("c = {}", format_value(c.get()));
            let hl = [(c.get(), label.as_str())];
            let _ = draw_log_chart(
                area,
                &[
                    LogSeries {
                        name: "no clipping",
                        points: &a,
                        color: Some(theme.accent),
                        dashed: false,
                    },
                    LogSeries {
                        name: "clipped",
                        points: &b,
                        color: Some(theme.series[2]),
                        dashed: false,
                    },
                ],
                &LogChartOptions {
                    x_label: "step",
                    y_label: "‖∇L‖ before clipping",
                    log_y: true,
                    hlines: &hl,
                    ..Default::default()
                },
                theme,
            );
        });
    };
    // Why one global norm: two layers' gradients, clipped both ways at the current c.
    let layers = move || {
        let g = vec![vec![3.0, 4.0], vec![0.3, 0.4]];
        let mut global = g.clone();
        clip_global(&mut global, c.get());
        let mut per = g.clone();
        clip_per_array(&mut per, c.get());
        (g, global, per)
    };
    view! {
        <div class="lab clipping-lab" data-testid="clipping-lab">
            <LabSlider label="clipping threshold c" value=c min=0.1 max=20.0 step=0.1 testid="clip-c"/>
            <LabSlider label="learning rate η" value=eta min=0.05 max=1.0 step=0.05 testid="clip-eta"/>
            <LabCanvas
                draw=move |cv: &HtmlCanvasElement, w: f64, t: &Theme| runs.with(|r| draw_map(cv, w, t, r))
                aspect=0.66
                label="Descent paths on the contour map of the cliff loss"
                alt=map_alt
            />
            <p class="lab-legend">
                <span class="swatch swatch-accent"></span>" no clipping   "
                <span class="swatch swatch-green"></span>" clipped by global norm"
                {(!scale_note.is_empty()).then(|| view! { " " <span class="fx-scale-note" data-testid="map-scale-note">{scale_note}</span> })}
            </p>
            <p data-testid="plain-run">{move || plain_text.get()}</p>
            <p data-testid="clipped-run">{move || clipped_text.get()}</p>
            <PlotCanvas draw=draw_norms aspect=0.6 label="Gradient norm per step" alt=norm_alt/>
            <ChartTable
                caption="Gradient norm per step, before clipping"
                data=Signal::derive(move || {
                    runs.with(|r| ChartData {
                        x_label: "step".into(),
                        series: vec![
                            ("no clipping".into(), step_norms(&r.0)),
                            ("clipped".into(), step_norms(&r.1)),
                        ],
                        ..ChartData::default()
                    })
                })
            />
            <h4>"Why one global norm"</h4>
            <p>
                "Take a network with two layers whose gradients are g₁ = [3, 4] and g₂ = [0.3, 0.4]. "
                "Clipping each array by its own norm scales them by different factors, so the "
                "combined gradient points somewhere else. Clipping by the norm of all of them "
                "together scales everything by one factor and keeps the direction."
            </p>
            {move || {
                let (g, global, per) = layers();
                let row = |name: &'static str, v: &Vec<Vec<f64>>, testid: &'static str| {
                    let parts: Vec<String> = v
                        .iter()
                        .map(|a| format_pair('[', a[0], a[1], ']'))
                        .collect();
                    view! {
                        <tr data-testid=testid>
                            <th scope="row">{name}</th>
                            <td>{parts.join(", ")}</td>
                            <td>{format_value(global_norm(v))}</td>
                            <td>{
                                let a = angle_degrees(&g, v);
                                if a.is_finite() { format!("{}°", format_value(a)) } else { "–".into() }
                            }</td>
                        </tr>
                    }
                };
                view! {
                    <div class="table-scroll">
                    <table class="lab-table">
                        <thead><tr><th scope="col">"gradient"</th><th scope="col">"layers"</th><th scope="col">"norm"</th><th scope="col">"turned by"</th></tr></thead>
                        <tbody>
                            {row("as computed", &g, "layers-raw")}
                            {row("global norm", &global, "layers-global")}
                            {row("each array alone", &per, "layers-per-array")}
                        </tbody>
                    </table>
                    </div>
                }
            }}
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentences_tell_the_two_runs_apart() {
        let plain = descend_cliff(Cliff::START, Cliff::LEARNING_RATE, None, STEPS);
        let s = run_sentence(&plain, None, Cliff::LEARNING_RATE);
        assert!(s.contains("blew up"), "{s}");
        let clipped = descend_cliff(Cliff::START, Cliff::LEARNING_RATE, Some(1.0), STEPS);
        let s = run_sentence(&clipped, Some(1.0), Cliff::LEARNING_RATE);
        assert!(s.contains("were clipped"), "{s}");
        assert!(s.contains("η·c = 0.5"), "{s}");
    }

    #[test]
    fn the_cliff_map_levels_leave_no_band_holding_most_of_the_map() {
        let (grid, choice) = cliff_map();
        let mut sorted: Vec<f64> = grid
            .values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .collect();
        sorted.sort_by(f64::total_cmp);
        let worst = crate::plot::levels::band_shares(&sorted, &choice.levels)
            .into_iter()
            .fold(0.0, f64::max);
        assert!(worst <= 0.4, "{:?}: {worst}", choice.spacing);
        assert!(choice.levels.len() >= 5, "{:?}", choice.levels);
        assert_eq!(
            choice.spacing == crate::plot::Spacing::Even,
            choice.spacing.note().is_empty()
        );
    }
}
