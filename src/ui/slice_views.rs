//! Two small pictures for the step from one input to two: a curve y = f(x) with its tangent
//! at a point the learner slides, and the surface z = f(x, y) seen from a fixed camera with a
//! point and the two slices through it. Each is a canvas, its sliders and a readout made from
//! the same numbers as the picture; a lesson places them through the prelude.

use leptos::prelude::*;

use super::explorer::surface_canvas::paint_surface;
use super::lesson_context::dom_id;
use super::plot_canvas::{ChartArea, PlotCanvas};
use super::url_state::{share_with_address, Field, UrlState, Value};
use super::worked_example::LiveFunction;
use crate::math::Expr;
use crate::plot::chart::{draw_function_plot, FunctionPlotOptions, Tangent1D};
use crate::plot::{Camera, ColorScale, Grid, Theme};
use crate::tutor::analysis::Analysis;
use crate::tutor::format::format_value;
use crate::tutor::point::gradient_at;

/// Half width of the square both pictures show, centred on the origin; the sliders cover it.
const HALF: f64 = 3.0;

/// Samples of g(x) on [lo, hi]: `n + 1` points, empty when g has a variable other than x.
fn samples(g: &Expr, lo: f64, hi: f64, n: usize) -> Vec<(f64, f64)> {
    let Ok(program) = g.compile(&["x"]) else {
        return Vec::new();
    };
    (0..=n)
        .map(|i| {
            let x = lo + (hi - lo) * i as f64 / n as f64;
            (x, program.eval(&[x]))
        })
        .collect()
}

/// A labelled range input over [−3, 3] showing `get` and calling `set` as it moves.
fn slider(
    name: &'static str,
    get: impl Fn() -> f64 + Send + Sync + 'static,
    set: impl Fn(f64) + 'static,
) -> impl IntoView {
    view! {
        <label class="slider">
            {format!("{name} = ")}
            <input
                type="range"
                min=(-HALF).to_string()
                max=HALF.to_string()
                step="0.01"
                prop:value=move || get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        set(v);
                    }
                }
                aria-label=name
            />
        </label>
    }
}

/// The tangent's point in the address, under the lesson's prefix
/// (`?several-variables-tangent-x=2`), so a reload or a shared link keeps it.
const TANGENT_STATE: [Field; 1] = [Field::number("x", "the tangent's x", 1.0, -HALF, HALF)];

/// The sentence under the curve: the point, the value and the tangent's slope.
fn tangent_sentence(x: f64, y: f64, slope: f64) -> String {
    format!(
        "At x = {}, f(x) = {} and the tangent's slope f′(x) = {}.",
        format_value(x),
        format_value(y),
        format_value(slope)
    )
}

/// The curve of a one-variable function on [−3, 3] with its tangent line at `x0`, a slider
/// for `x0`, and a readout of f and f′ there. It draws the last function that parsed.
#[component]
pub fn TangentPlot(
    /// The function, usually edited in a `FunctionField` beside the plot.
    function: LiveFunction,
    /// Where the tangent touches the curve; it starts from the address when the address has
    /// it, and the address follows it.
    x0: RwSignal<f64>,
    /// The readout's `data-testid`.
    #[prop(default = "tangent")]
    testid: &'static str,
) -> impl IntoView {
    let url = UrlState::bind_with_defaults(
        &TANGENT_STATE,
        &dom_id("tangent-"),
        vec![("x", Value::Number(x0.get_untracked()))],
    );
    share_with_address(x0, url.number("x"));
    let tangent = Memo::new(move |_| {
        let x = x0.get();
        function.expr.with(|e| {
            e.as_ref().map(|e| {
                let at = gradient_at(e, &["x"], &[x]);
                (
                    x,
                    at.value,
                    at.gradient.first().copied().unwrap_or(f64::NAN),
                )
            })
        })
    });
    let draw = move |area: &ChartArea, theme: &Theme| {
        let Some(e) = function.expr.get() else {
            return;
        };
        let pts = samples(&e, -HALF, HALF, 240);
        let t = tangent
            .get()
            .map(|(x0, y0, slope)| Tangent1D { x0, y0, slope });
        let opts = FunctionPlotOptions {
            title: "",
            x_label: "x",
            y_label: "f(x)",
            color: None,
        };
        let _ = draw_function_plot(area, &pts, t, theme, &opts);
    };
    let readout = Signal::derive(move || {
        tangent
            .get()
            .map(|(x, y, s)| tangent_sentence(x, y, s))
            .unwrap_or_default()
    });
    view! {
        <PlotCanvas draw=draw label="Graph of f(x) with its tangent line" alt=readout/>
        {slider("x", move || x0.get(), move |v| x0.set(v))}
        <p class="readout" data-testid=testid>{readout}</p>
    }
}

/// The surface's function: its analysis (f, ∂f/∂x, ∂f/∂y compiled together) and its values
/// on a 41 × 41 grid over [−3, 3]², computed once per function rather than on every move of
/// the point.
#[derive(PartialEq)]
struct SurfaceOf {
    analysis: Analysis,
    grid: Grid,
    scale: ColorScale,
}

impl SurfaceOf {
    /// `None` when the text does not parse or uses variables other than x and y.
    fn new(text: &str) -> Option<SurfaceOf> {
        let analysis = Analysis::new(text).ok()?;
        let r = (-HALF, HALF);
        let grid = Grid::from_fn(r, r, 41, 41, |x, y| analysis.values_at((x, y)).f);
        let scale = ColorScale::from_values(&grid.values);
        Some(SurfaceOf {
            analysis,
            grid,
            scale,
        })
    }
}

/// The surface z = f(x, y) over [−3, 3]² from the default camera, with the point and the two
/// slices through it (y held, x held), sliders for x and y, and a readout of f and the two
/// slopes. Draws nothing while `text` is not a function of x and y.
#[component]
pub fn SurfaceView(
    /// The function's text, as typed (for example in an explorer on the same page).
    #[prop(into)]
    text: Signal<String>,
    /// The point on the surface, shared with whatever else shows it.
    point: RwSignal<(f64, f64)>,
    /// The readout's `data-testid`.
    #[prop(default = "surface")]
    testid: &'static str,
) -> impl IntoView {
    let surface = Memo::new(move |_| text.with(|t| SurfaceOf::new(t)));
    let at_point = Memo::new(move |_| {
        let p = point.get();
        surface.with(|s| s.as_ref().map(|s| s.analysis.values_at(p)))
    });
    let draw = move |area: &ChartArea, theme: &Theme| {
        let values = at_point.get();
        surface.with(|s| {
            if let Some(s) = s {
                paint_surface(
                    area,
                    &Camera::default(),
                    &s.grid,
                    &s.scale,
                    values.as_ref(),
                    false,
                    theme,
                    // The canvas already draws in CSS pixels.
                    1.0,
                );
            }
        });
    };
    let readout = Signal::derive(move || {
        at_point
            .get()
            .map(|v| {
                format!(
                    "At (x, y) = {}, f = {}. Along x the slope is {}; along y it is {}.",
                    v.point_text(),
                    v.f_text(),
                    v.fx_text(),
                    v.fy_text()
                )
            })
            .unwrap_or_default()
    });
    view! {
        <PlotCanvas
            draw=draw
            aspect=0.8
            label="Surface of f(x, y) with the point and the slices through it"
            alt=readout
        />
        {slider("x", move || point.get().0, move |v| point.update(|p| p.0 = v))}
        {slider("y", move || point.get().1, move |v| point.update(|p| p.1 = v))}
        <p class="readout" data-testid=testid>{readout}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    #[test]
    fn samples_cover_the_range_and_skip_functions_of_other_variables() {
        let pts = samples(&parse("x^2").unwrap(), -3.0, 3.0, 6);
        assert_eq!(pts.len(), 7);
        assert_eq!(pts[0], (-3.0, 9.0));
        assert_eq!(pts[6], (3.0, 9.0));
        assert!(samples(&parse("x*y").unwrap(), -3.0, 3.0, 6).is_empty());
    }

    #[test]
    fn the_tangent_sentence_names_point_value_and_slope() {
        let s = tangent_sentence(2.0, 8.0, 12.0);
        assert_eq!(s, "At x = 2, f(x) = 8 and the tangent's slope f′(x) = 12.");
    }

    #[test]
    fn a_surface_is_built_only_for_functions_of_x_and_y() {
        let s = SurfaceOf::new("x^2 + y^2").expect("a function of x and y");
        assert_eq!(s.grid.values.len(), 41 * 41);
        assert!(SurfaceOf::new("x^2 + z").is_none());
        assert!(SurfaceOf::new("x^").is_none());
    }
}
