//! Lesson 5: what the gradient means geometrically. Steepest ascent, perpendicular to the
//! level curve through the point, with length equal to the steepest slope; the level curve
//! and its tangent, and the tangent plane on the surface.

use leptos::prelude::*;

use crate::tutor::exercise::{AskKind, Family};
use crate::ui::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    let initial = "x^2 + 3*y^2";
    let function = LiveFunction::new(initial);
    let point = RwSignal::new((1.5, 0.8));
    let on_change = Callback::new(move |text: String| function.text.set(text));
    view! {
        <p>
            "The gradient is more than a list of partial derivatives. At any point where it is "
            "not zero, the arrow "
            <MathTex tex=r"\nabla f" label="∇f"/>
            " says three things:"
        </p>
        <ul>
            <li>
                "It points in the direction in which f increases fastest (steepest ascent); "
                <MathTex tex=r"-\nabla f" label="−∇f"/>
                " points downhill fastest."
            </li>
            <li>"It is perpendicular to the level curve through the point: moving along the level curve does not change f at all, so the slope in that direction is 0."</li>
            <li>
                "Its length "
                <MathTex tex=r"\lvert \nabla f \rvert" label="|∇f|"/>
                " is the slope in that steepest direction: no other direction climbs faster."
            </li>
        </ul>
        <p>
            "Where "
            <MathTex tex=r"\nabla f = 0" label="∇f = 0"/>
            " (at the bottom of a bowl, the top of a hill or a saddle) there is no "
            "steepest direction, and the level \"curve\" may shrink to a point."
        </p>
        <p>
            "On the contour map below, the thick curve is the level curve through the selected "
            "point, the short straight line is its tangent there, and the arrow is "
            <MathTex tex=r"\nabla f" label="∇f"/>
            ". Drag the "
            "point: the arrow always meets the level curve at a right angle. The surface shows "
            "the tangent plane at the same point, whose tilt in x and in y is given by the two "
            "partials:"
        </p>
        <p>
            <MathTex
                tex=r"z = f(x_0, y_0) + \frac{\partial f}{\partial x}(x - x_0) + \frac{\partial f}{\partial y}(y - y_0)"
                label="z = f(x₀, y₀) + ∂f/∂x (x − x₀) + ∂f/∂y (y − y₀)"
                block=true
            />
        </p>
        <FunctionExplorer initial=initial point=point on_function_change=on_change field=false/>
        <h2>"No direction is steeper"</h2>
        <p>
            "The table measures the slope of the same function at the same point in twelve "
            "directions. The largest one is close to "
            <MathTex tex=r"\lvert \nabla f \rvert" label="|∇f|"/>
            ", and it is reached when the direction lines up with "
            <MathTex tex=r"\nabla f" label="∇f"/>
            "; directions at right angles to it give a slope near 0."
        </p>
        <div class="widget">
            <SteepestTable function=function.expr point=point/>
        </div>
        <TryIt family=Family::Polynomial kind=AskKind::Geometry/>
    }
    .into_any()
}
