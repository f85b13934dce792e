//! Lesson 2: what a partial derivative is. One input moves, every other is frozen; the
//! slices of the surface show it, and the held-constant variable is marked in the formula.

use leptos::prelude::*;

use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::{format_pair, format_value};
use crate::tutor::point::DirectionalSlope;
use crate::tutor::running_example::{loss, loss_at, loss_partial, EXAMPLE_X, START};
use crate::ui::prelude::*;

const EXPLORED: &str = "x^2 + 3*x*y + y^2";

/// The body of the lesson page.
pub fn body() -> AnyView {
    // The machine-learning example's numbers, from the engine.
    let start = loss_at(START);
    let example = LiveFunction::new("x^2 + 3*x*y + y^2");
    let explored = LiveFunction::new(EXPLORED);
    let point = RwSignal::new((1.0, 0.5));
    view! {
        <p>
            "A function of two inputs has no single slope: walking east and walking north on a "
            "hillside can give different slopes. A partial derivative picks one direction by "
            "letting exactly one input change while every other input stays fixed."
        </p>
        <p>
            "With respect to x, we write "
            <MathTex tex=r"\frac{\partial f}{\partial x}" label="∂f/∂x"/>
            ": freeze y at some value, so f becomes an ordinary function of x alone, and take "
            "its ordinary derivative. With respect to y, written "
            <MathTex tex=r"\frac{\partial f}{\partial y}" label="∂f/∂y"/>
            ", freeze x instead. The curly "
            <MathTex tex=r"\partial" label="∂"/>
            " is there to remind you that other inputs exist and "
            "are being held still."
        </p>
        <section class="ml-connection" data-testid="ml-connection">
            <h2>"Why this matters for machine learning"</h2>
            <p>
                "Go back to lesson 1's line "
                <MathTex tex=r"\hat y = w_1 x + w_2" label="ŷ = w₁x + w₂"/>
                " and its loss on one example, "
                <MathExpr expr=Signal::derive(loss) lhs=r"L(w_1, w_2) =" lhs_text="L(w₁, w₂) ="/>
                ". A partial derivative of the loss answers the question a training step asks "
                "about one weight: if only this weight moves and every other weight stays put, "
                "how fast does the loss change? Here "
                <MathExpr expr=Signal::derive(move || loss_partial(0)) lhs=r"\frac{\partial L}{\partial w_1} =" lhs_text="∂L/∂w₁ ="/>
                " and "
                <MathExpr expr=Signal::derive(move || loss_partial(1)) lhs=r"\frac{\partial L}{\partial w_2} =" lhs_text="∂L/∂w₂ ="/>
                "."
            </p>
            <p>
                "At "
                {format_pair('(', START.0, START.1, ')')}
                " they are "
                {start.map(|a| format_value(a.gradient.0))}
                " and "
                {start.map(|a| format_value(a.gradient.1))}
                ". Both are negative, so raising either weight a little lowers the loss, and per "
                "unit of change w₁ lowers it "
                {start.map(|a| format_value(a.gradient.0 / a.gradient.1))}
                " times as fast as w₂, because in the prediction w₁ is multiplied by x = "
                {format_value(EXAMPLE_X)}
                ". The sign of a partial says which way to nudge a weight; its size says how "
                "much the loss cares."
            </p>
        </section>
        <div class="example widget">
            <h2>"Worked example"</h2>
            <FunctionField function=example label="f(x, y) = " name="example"/>
            <p>
                "The letters marked in colour are held constant: treat them exactly as you "
                "would treat a number such as 7."
            </p>
            <LivePartial function=example var="x"/>
            <LivePartial function=example var="y"/>
        </div>
        <h2>"Slicing the surface"</h2>
        <p>
            "Holding y at y₀ cuts the surface with the plane y = y₀. What is left is a curve, "
            "and "
            <MathTex tex=r"\frac{\partial f}{\partial x}" label="∂f/∂x"/>
            " at the point is that curve's slope. In the 3-D view the two slices through "
            "the selected point are drawn in colour: the slice y = y₀ in orange (yellow in the "
            "dark theme) and the slice x = x₀ in blue. Drag on the contour map to move the point "
            "and watch both slopes change, read out below the formulas as the values of "
            <MathTex tex=r"\frac{\partial f}{\partial x}" label="∂f/∂x"/>
            " and "
            <MathTex tex=r"\frac{\partial f}{\partial y}" label="∂f/∂y"/>
            " at the point."
        </p>
        <FunctionExplorer
            parts=ExplorerParts::up_to_lesson(2)
            initial=EXPLORED
            point=point
            on_function_change=Callback::new(move |text: String| explored.text.set(text))
            field=false
        />
        <p class="readout slice-slopes" data-testid="slice-slopes">
            {move || {
                let (x0, y0) = point.get();
                explored
                    .expr
                    .with(|e| e.as_ref().map(|e| DirectionalSlope::at(e, (x0, y0))))
                    .map(|s| {
                        // Where the slice has no slope (a corner, a jump, or f undefined
                        // there), the partial does not exist: say so rather than "slope
                        // undefined here".
                        let slope = |v: f64, var: &str| {
                            if v.is_finite() {
                                format!("slope {} = ∂f/∂{var}", format_value(v))
                            } else {
                                format!("no slope at this point, so ∂f/∂{var} does not exist here")
                            }
                        };
                        format!(
                            "Slice y = {}, where only x moves: {}. Slice x = {}, where only y moves: {}.",
                            format_value(y0),
                            slope(s.fx, "x"),
                            format_value(x0),
                            slope(s.fy, "y")
                        )
                    })
            }}
        </p>
        <TryIt family=Family::Polynomial kind=AskKind::Partial/>
    }
    .into_any()
}
