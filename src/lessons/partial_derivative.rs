//! Lesson 2: what a partial derivative is. One input moves, every other is frozen; the
//! slices of the surface show it, and the held-constant variable is marked in the formula.

use leptos::prelude::*;

use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::format_value;
use crate::tutor::point::DirectionalSlope;
use crate::ui::prelude::*;

const EXPLORED: &str = "x^2 + 3*x*y + y^2";

/// The body of the lesson page.
pub fn body() -> AnyView {
    let example = LiveFunction::new("x^2 + 3*x*y + y^2");
    let explored = LiveFunction::new(EXPLORED);
    let point = RwSignal::new((1.0, 0.5));
    view! {
        <p>
            "A function of two inputs has no single slope: walking east and walking north on a "
            "hillside give different slopes. A partial derivative picks one direction by "
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
        <div class="example widget">
            <h2>"Worked example"</h2>
            <FunctionField function=example label="f(x, y) = " id="l2-example"/>
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
            "the selected point are drawn in colour; drag on the contour map to move the point "
            "and watch both slopes change with the readout of "
            <MathTex tex=r"\nabla f = \left[ \frac{\partial f}{\partial x}, \frac{\partial f}{\partial y} \right]" label="∇f = [∂f/∂x, ∂f/∂y]"/>
            "."
        </p>
        <FunctionExplorer
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
                        format!(
                            "Slice y = {} (orange): slope {} = ∂f/∂x. Slice x = {} (blue): slope {} = ∂f/∂y.",
                            format_value(y0),
                            format_value(s.fx),
                            format_value(x0),
                            format_value(s.fy)
                        )
                    })
            }}
        </p>
        <TryIt family=Family::Polynomial kind=AskKind::Partial/>
    }
    .into_any()
}
