//! Lesson 1: from one variable to several. The tangent line of f(x) beside the surface of
//! f(x, y): one slope per point becomes one slope per direction.

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters_canvas::CanvasBackend;

use super::exercise::{AskKind, Family};
use crate::math::Expr;
use crate::plot::chart::{draw_function_plot, FunctionPlotOptions, Tangent1D};
use crate::plot::Theme;
use crate::ui::exercise::TryIt;
use crate::ui::explorer::format::format_value;
use crate::ui::explorer::FunctionExplorer;
use crate::ui::math_view::MathTex;
use crate::ui::plot_canvas::PlotCanvas;
use crate::ui::worked_example::{Derived, FunctionField, LiveFunction, LivePartial};

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

/// The body of the lesson page.
pub fn body() -> AnyView {
    let one = LiveFunction::new("x^2");
    let x0 = RwSignal::new(1.0f64);
    let point = RwSignal::new((1.0, 0.5));
    let tangent = Memo::new(move |_| {
        let x = x0.get();
        one.expr.with(|e| {
            e.as_ref().map(|e| {
                let y0 = e.eval(&[("x", x)]).unwrap_or(f64::NAN);
                let slope = e.partial("x").eval(&[("x", x)]).unwrap_or(f64::NAN);
                (x, y0, slope)
            })
        })
    });
    let draw = move |area: &DrawingArea<CanvasBackend, Shift>, theme: &Theme| {
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
        <div class="widget">
            <h3>"One input: a curve and its tangent"</h3>
            <FunctionField function=one label="f(x) = " id="l1-one"/>
            <LivePartial function=one var="x"/>
            <PlotCanvas draw=draw label="Graph of f(x) with its tangent line" alt=Signal::derive(readout)/>
            <label class="slider">
                "x = "
                <input
                    type="range"
                    min="-3"
                    max="3"
                    step="0.01"
                    prop:value=move || x0.get().to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            x0.set(v);
                        }
                    }
                    aria-label="x"
                />
            </label>
            <p class="readout" data-testid="l1-tangent">{readout}</p>
        </div>
        <p>
            "Now give the function a second input: "
            <MathTex tex=r"f(x, y) = x^2 + y^2" label="f(x, y) = x² + y²"/>
            ". Its graph is a surface, a "
            "bowl, and a point on it has a slope in every direction you could walk. Which "
            "derivative do we take? The next lesson answers: one direction at a time, starting "
            "with the x direction and the y direction."
        </p>
        <p>
            "Below, the explorer shows this f with both of its partial derivatives, "
            "computed as you edit it. Drag on the contour map (or focus it and use the arrow "
            "keys) to move the point; the surface shows where it sits, with the slices in the x "
            "and y directions whose slopes are the two partials."
        </p>
        <FunctionExplorer initial="x^2 + y^2" point=point field=false/>
        <TryIt lesson="several-variables" family=Family::Polynomial kind=AskKind::Partial/>
    }
    .into_any()
}
