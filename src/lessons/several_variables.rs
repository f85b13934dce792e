//! Lesson 1: from one variable to several. The tangent line of f(x) beside the surface of
//! f(x, y): one slope per point becomes one slope per direction. A loss of two weights is the
//! reason to care, and level curves and the contour map are defined here, where they first
//! appear.

use leptos::prelude::*;

use crate::math::parse;
use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::{format_pair, format_value};
use crate::tutor::running_example::{loss, loss_at, EXAMPLE_X, EXAMPLE_Y, START};
use crate::ui::prelude::*;

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
    // The explorer passes on only functions it accepted, so parsing is enough here; the
    // surface widget differentiates and compiles them itself.
    let two_f = Memo::new(move |_| two_text.with(|t| parse(t).ok()));
    let two_signal: Signal<Option<_>> = two_f.into();
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
            <FunctionField function=one label="f(x) = " name="one"/>
            <LivePartial function=one var="x" ordinary=true/>
            <TangentPlot function=one x0=x0 testid="l1-tangent"/>
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
        </div>
        <div class="widget">
            <h2>"Two inputs: a surface and a point on it"</h2>
            <p class="widget-note">
                <MathExpr expr=two_signal lhs="f(x, y) =" lhs_text="f(x, y) ="/>
                " (edit it in the explorer below)"
            </p>
            <SurfaceView text=two_text point=point testid="l1-surface"/>
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
