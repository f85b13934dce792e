//! The in-page benchmark (`?bench` on the playground): times full redraws of the contour
//! map on a detached 512 × 512 canvas (evaluate f, ∂f/∂x, ∂f/∂y on the 256 × 256 grid,
//! colour scale, 12 contour levels, heatmap, 15 × 15 arrow field, a 50-step
//! gradient-descent path computed with the compiled gradient), then redraws with only the
//! point moving, then the 3-D surface, and prints median and worst times.

use std::time::Duration;

use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;

use super::canvas_draw::draw_contour_canvas;
use super::sampled::{Sampled, HEATMAP_N};
use super::scene::Scene;
use super::surface_canvas::paint_surface;
use super::window::PlotWindow;
use crate::plot::{Camera, Theme};
use crate::tutor::analysis::{Analysis, PointValues};
use crate::tutor::descent::descent_path;

/// Redraws timed per measurement.
pub const RUNS: usize = 30;
/// Side of the benchmark canvas in pixels.
const SIZE: u32 = 512;

/// Median and worst of some timings (ms).
pub fn median_and_worst(times: &mut [f64]) -> (f64, f64) {
    if times.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    times.sort_by(f64::total_cmp);
    let n = times.len();
    let median = if n % 2 == 1 {
        times[n / 2]
    } else {
        0.5 * (times[n / 2 - 1] + times[n / 2])
    };
    (median, times[n - 1])
}

fn line(name: &str, times: &mut [f64]) -> String {
    let (median, worst) = median_and_worst(times);
    format!("{name}: median {median:.1} ms, worst {worst:.1} ms")
}

fn canvas() -> Option<web_sys::HtmlCanvasElement> {
    let doc = web_sys::window()?.document()?;
    let cv = doc
        .create_element("canvas")
        .ok()?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    cv.set_width(SIZE);
    cv.set_height(SIZE);
    Some(cv)
}

/// Runs the benchmark for the function `text` and returns the report.
pub fn run_bench(text: &str, runs: usize) -> String {
    let a = match Analysis::new(text) {
        Ok(a) => a,
        Err(e) => return format!("Cannot benchmark this function: {}", e.message),
    };
    let (Some(cv), Some(perf)) = (canvas(), web_sys::window().and_then(|w| w.performance())) else {
        return "No canvas or performance timer here.".to_string();
    };
    let window = PlotWindow::default();
    let theme = Theme::light();
    let point_at = |i: usize| {
        let t = i as f64 / runs.max(1) as f64 * std::f64::consts::TAU;
        (1.5 * t.cos(), 1.5 * t.sin())
    };
    // What every run draws on the contour map: the point, the gradient field and `path`.
    fn scene<'p>(point: PointValues, theme: Theme, path: &'p [(f64, f64)]) -> Scene<'p> {
        Scene {
            point: Some(point),
            theme,
            arrows: true,
            path,
            dpr: 1.0,
            parts: crate::tutor::disclosure::ExplorerParts::ALL,
            direction: None,
        }
    }
    let mut full = Vec::with_capacity(runs);
    for i in 0..runs {
        let t0 = perf.now();
        let sampled = Sampled::new(&a, &window, HEATMAP_N);
        let path = descent_path(&a, (2.5, 2.0), 50, 0.05);
        let _ = draw_contour_canvas(
            &cv,
            &sampled,
            &scene(a.values_at(point_at(i)), theme, &path),
        );
        full.push(perf.now() - t0);
    }
    let sampled = Sampled::new(&a, &window, HEATMAP_N);
    let path = descent_path(&a, (2.5, 2.0), 50, 0.05);
    let mut point_only = Vec::with_capacity(runs);
    for i in 0..runs {
        let t0 = perf.now();
        let _ = draw_contour_canvas(
            &cv,
            &sampled,
            &scene(a.values_at(point_at(i)), theme, &path),
        );
        point_only.push(perf.now() - t0);
    }
    let mut surface = Vec::with_capacity(runs);
    let mut camera = Camera::default();
    for i in 0..runs {
        let t0 = perf.now();
        let v = a.values_at(point_at(i));
        if let Some(backend) = CanvasBackend::with_canvas_object(cv.clone()) {
            let area = backend.into_drawing_area();
            paint_surface(
                &area,
                &camera,
                &sampled.surface,
                &sampled.scale,
                Some(&v),
                false,
                &theme,
                1.0,
            );
        }
        camera.rotate(5.0, 0.0);
        surface.push(perf.now() - t0);
    }
    format!(
        "f(x, y) = {}; {runs} runs on a {SIZE}×{SIZE} canvas\n{}\n{}\n{}",
        a.pretty[0],
        line(
            "full redraw (256×256 grid of f, fx, fy; 12 contour levels; heatmap; \
             15×15 arrows; 50-step descent path)",
            &mut full
        ),
        line("point moved (grids reused)", &mut point_only),
        line("3-D surface (40×40, slices)", &mut surface),
    )
}

/// Runs the benchmark shortly after mounting and shows the figures in
/// `<pre id="bench-result">` (and the console).
#[component]
pub fn ExplorerBench(
    /// The function to benchmark, in any syntax the parser accepts.
    #[prop(into)]
    function: String,
) -> impl IntoView {
    let (result, set_result) = signal(String::from("Running the benchmark…"));
    set_timeout(
        move || {
            let report = run_bench(&function, RUNS);
            web_sys::console::log_1(&report.clone().into());
            set_result.try_set(report);
        },
        Duration::from_millis(300),
    );
    view! {
        <section class="fx-bench" aria-labelledby="bench-title">
            <h2 id="bench-title">"Drawing benchmark"</h2>
            <pre id="bench-result">{result}</pre>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::median_and_worst;

    #[test]
    fn median_and_worst_of_timings() {
        assert_eq!(median_and_worst(&mut [3.0, 1.0, 2.0]), (2.0, 3.0));
        assert_eq!(median_and_worst(&mut [4.0, 1.0, 2.0, 3.0]), (2.5, 4.0));
        let (m, w) = median_and_worst(&mut []);
        assert!(m.is_nan() && w.is_nan());
    }
}
