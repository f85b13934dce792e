//! Lesson 1: from one variable to several. The tangent line of f(x) beside the surface of
//! f(x, y): one slope per point becomes one slope per direction. A loss of two weights is the
//! reason to care, and level curves and the contour map are defined here, where they first
//! appear.

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;

use crate::math::Expr;
use crate::plot::chart::{draw_function_plot, FunctionPlotOptions, Tangent1D};
use crate::plot::{Camera, ColorScale, Grid, Theme};
use crate::tutor::analysis::Analysis;
use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::{format_pair, format_value};
use crate::tutor::point::gradient_at;
use crate::tutor::running_example::{loss, loss_at, EXAMPLE_X, EXAMPLE_Y, START};
use crate::ui::explorer::surface_canvas::paint_surface;
use crate::ui::prelude::*;

/// Samples of g on [lo, hi] for a 1-D plot.
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

/// Half width of the square the surface widget shows, centred on the origin.
const SURFACE_HALF: f64 = 3.0;

/// The surface widget's function: its analysis (f, ∂f/∂x, ∂f/∂y compiled together) and
/// its values on a 41 × 41 grid over [-3, 3]², computed once per function rather than on
/// every move of the point.
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
        let r = (-SURFACE_HALF, SURFACE_HALF);
        let grid = Grid::from_fn(r, r, 41, 41, |x, y| analysis.values_at((x, y)).f);
        let scale = ColorScale::from_values(&grid.values);
        Some(SurfaceOf {
            analysis,
            grid,
            scale,
        })
    }
}

/// A labelled range input over [-3, 3] showing `get` and calling `set` as it moves.
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
                min="-3"
                max="3"
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

/// The body of the lesson page.
pub fn body() -> AnyView {
    // The machine-learning example's numbers, from the engine.
    let start = loss_at(START);
    let one = LiveFunction::only("x^2", &["x"]);
    let x0 = RwSignal::new(1.0f64);
    let point = RwSignal::new((1.0, 0.5));
    // f(x, y) as typed in the explorer below; the surface beside the curve shows it.
    let two_text = RwSignal::new("x^2 + y^2".to_string());
    let on_two = Callback::new(move |text: String| two_text.set(text));
    let two = Memo::new(move |_| two_text.with(|t| SurfaceOf::new(t)));
    let two_f = Signal::derive(move || two.with(|s| s.as_ref().map(|s| s.analysis.f.clone())));
    let at_point = Memo::new(move |_| {
        let p = point.get();
        two.with(|s| s.as_ref().map(|s| s.analysis.values_at(p)))
    });
    let draw_two = move |area: &DrawingArea<CssCanvas, Shift>, theme: &Theme| {
        let values = at_point.get();
        two.with(|s| {
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
    let surface_readout = move || {
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
    };
    let tangent = Memo::new(move |_| {
        let x = x0.get();
        one.expr.with(|e| {
            e.as_ref().map(|e| {
                let at = gradient_at(e, &["x"], &[x]);
                (x, at.value, at.gradient[0])
            })
        })
    });
    let draw = move |area: &DrawingArea<CssCanvas, Shift>, theme: &Theme| {
        let Some(e) = one.expr.get() else { return };
        let pts = samples(&e, -3.0, 3.0, 240);
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
    let readout = move || {
        tangent
            .get()
            .map(|(x, y, s)| {
                format!(
                    "At x = {}, f(x) = {} and the tangent's slope f′(x) = {}.",
                    format_value(x),
                    format_value(y),
                    format_value(s)
                )
            })
            .unwrap_or_default()
    };
    view! {
        <p>
            "For a function of one input, the derivative answers one question: if x moves a "
            "little, how fast does f change? For "
            <MathTex tex=r"f(x) = x^2" label="f(x) = x²"/>
            " the answer is "
            <Derived f="x^2" var="x" lhs="f'(x) =" lhs_text="f′(x) ="/>
            ", the slope of the tangent line at x."
        </p>
        <p>
            "Now give the function a second input: "
            <MathTex tex=r"f(x, y) = x^2 + y^2" label="f(x, y) = x² + y²"/>
            ". Its graph is a surface, a "
            "bowl, and a point on it has a slope in every direction you could walk. Which "
            "derivative do we take? The next lesson answers: one direction at a time, starting "
            "with the x direction and the y direction."
        </p>
        <section class="ml-connection" data-testid="ml-connection">
            <h2>"Why this matters for machine learning"</h2>
            <p>
                "A model makes predictions from numbers called its weights, and training means "
                "adjusting the weights until the predictions are good. Take the smallest useful "
                "model, a straight line "
                <MathTex tex=r"\hat y = w_1 x + w_2" label="ŷ = w₁x + w₂"/>
                " with two weights, and one example: for x = "
                {format_value(EXAMPLE_X)}
                " the right answer is y = "
                {format_value(EXAMPLE_Y)}
                ". How wrong the line is on that example is measured by a loss, here the "
                "squared error "
                <MathExpr expr=Signal::derive(loss) lhs=r"L(w_1, w_2) =" lhs_text="L(w₁, w₂) ="/>
                ". At "
                {format_pair('(', START.0, START.1, ')')}
                " the line predicts "
                {start.map(|a| format_value(a.prediction))}
                " and the loss is "
                {start.map(|a| format_value(a.loss))}
                "."
            </p>
            <p>
                "The loss is a function of two inputs, exactly like f(x, y) here, and training "
                "asks this lesson's question about it: if we nudge w₁, or w₂, or both at once, "
                "how fast does the loss change, and which nudge lowers it? Real models have "
                "millions of weights; the ideas of the next lessons are the same with two."
            </p>
        </section>
        <div class="widget-pair">
        <div class="widget">
            <h2>"One input: a curve and its tangent"</h2>
            <FunctionField function=one label="f(x) = " id="l1-one"/>
            <LivePartial function=one var="x" ordinary=true/>
            <PlotCanvas draw=draw label="Graph of f(x) with its tangent line" alt=Signal::derive(readout)/>
            {move || {
                one.error.with(Option::is_some).then(|| {
                    let last = one.expr.with(|e| e.as_ref().map(|e| e.to_string()));
                    last.map(|f| {
                        view! {
                            <p class="fx-error-stale" data-testid="l1-one-stale">
                                {format!("The curve still shows the last function that worked: f(x) = {f}.")}
                            </p>
                        }
                    })
                })
            }}
            {slider("x", move || x0.get(), move |v| x0.set(v))}
            <p class="readout" data-testid="l1-tangent">{readout}</p>
        </div>
        <div class="widget">
            <h2>"Two inputs: a surface and a point on it"</h2>
            <p class="widget-note">
                <MathExpr expr=two_f lhs="f(x, y) =" lhs_text="f(x, y) ="/>
                " (edit it in the explorer below)"
            </p>
            <PlotCanvas
                draw=draw_two
                aspect=0.8
                label="Surface of f(x, y) with the point and the slices through it"
                alt=Signal::derive(surface_readout)
            />
            {slider("x", move || point.get().0, move |v| point.update(|p| p.0 = v))}
            {slider("y", move || point.get().1, move |v| point.update(|p| p.1 = v))}
            <p class="readout" data-testid="l1-surface">{surface_readout}</p>
        </div>
        </div>
        <p>
            "The surface in the box \u{201c}Two inputs\u{201d} above is this f. Move x and y "
            "with its sliders. Two "
            "curves are drawn on the surface through the point: the slice where y keeps its "
            "value and only x moves (orange in the light theme, yellow in the dark one), and "
            "the slice where only y moves (blue). The readout gives the slope of each at the "
            "point."
        </p>
        <h2>"Seen from above: level curves and the contour map"</h2>
        <p>
            "A level curve of f is the set of points (x, y) where f has one fixed value c: all "
            "the solutions of f(x, y) = c. Walking along a level curve, f does not change. For "
            "the bowl "
            <MathTex tex=r"x^2 + y^2" label="x² + y²"/>
            " each level curve with c > 0 is a circle around the origin. Draw the level curves "
            "for many values of c, colour the plane by the value of f, and you have a contour "
            "map: the surface seen from straight above, like the height lines of a hiking map. "
            "Where the curves crowd together f changes fast; where they spread apart it is "
            "nearly flat."
        </p>
        <p>
            "Below, the explorer shows the same f as a contour map; the thick curve is the "
            "level curve through the selected point. Edit f there and the surface follows; drag "
            "on the map (or focus it and use the arrow keys) to move the point."
        </p>
        <FunctionExplorer
            parts=ExplorerParts::up_to_lesson(1)
            initial="x^2 + y^2"
            point=point
            field=false
            surface=false
            on_function_change=on_two
        />
        <TryIt family=Family::Polynomial kind=AskKind::SliceSlope/>
    }
    .into_any()
}
