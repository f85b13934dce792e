//! Lesson 5: what the gradient means geometrically. Where ∇f ≠ 0: steepest ascent,
//! perpendicular to the level curve through the point, with length equal to the steepest
//! slope, all from the slope ∇f · t along a unit direction t (derived in lesson 11); the level
//! curve and its tangent on an equal-scale map, the tangent plane on the surface, and
//! steepest descent on a loss.

use leptos::prelude::*;

use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::{format_pair, format_value};
use crate::tutor::running_example::{loss, loss_at, START};
use crate::ui::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    let initial = "x^2 + 3*y^2";
    let function = LiveFunction::new(initial);
    let point = RwSignal::new((1.5, 0.8));
    let on_change = Callback::new(move |text: String| function.text.set(text));
    // The machine-learning example's numbers, from the engine.
    let start = loss_at(START);
    view! {
        <p>
            "The gradient is more than a list of partial derivatives. At any point where it is "
            "not zero (written ∇f ≠ 0), the arrow "
            <MathTex tex=r"\nabla f" label="∇f"/>
            " says three things:"
        </p>
        <ul>
            <li>
                "It points in the direction in which f increases fastest (steepest ascent); "
                <MathTex tex=r"-\nabla f" label="−∇f"/>
                " points downhill fastest."
            </li>
            <li>"It is perpendicular to the level curve through the point."</li>
            <li>
                "Its length "
                <MathTex tex=r"\lvert \nabla f \rvert" label="|∇f|"/>
                " is the slope in that steepest direction: no other direction climbs faster."
            </li>
        </ul>
        <p>
            "All three come from one formula. Take a direction as a unit vector "
            <MathTex tex=r"\mathbf t = [t_1, t_2]" label="t = [t₁, t₂]"/>
            " (length 1). The slope of f at the point in direction t is"
        </p>
        <p>
            <MathTex
                tex=r"\frac{\partial f}{\partial x} t_1 + \frac{\partial f}{\partial y} t_2 = \nabla f \cdot \mathbf t = \lvert \nabla f \rvert \cos\theta"
                label="∂f/∂x t₁ + ∂f/∂y t₂ = ∇f · t = |∇f| cos θ"
                block=true
            />
        </p>
        <p>
            "where θ is the angle between t and ∇f. Lesson 11 (directional derivatives) shows "
            "why the slope is this dot product; here we use it. The cosine is largest, 1, when "
            "t points along ∇f, so that is the steepest direction and the slope there is "
            <MathTex tex=r"\lvert \nabla f \rvert" label="|∇f|"/>
            ". Along the level curve f does not change, so the slope along the curve's tangent "
            "direction is 0: "
            <MathTex tex=r"\nabla f \cdot \mathbf t = 0" label="∇f · t = 0"/>
            ", and when ∇f is not zero that means cos θ = 0, a right angle."
        </p>
        <p>
            "Where "
            <MathTex tex=r"\nabla f = 0" label="∇f = 0"/>
            " none of this applies: every direction has slope 0, so there is no steepest one. "
            "That happens at the bottom of a bowl, the top of a hill and at a saddle, but also "
            "wherever f is flat without being any of these, for example along the floor of "
            "the trough "
            <MathTex tex=r"f = x^2" label="f = x²"/>
            " (the whole line x = 0) or everywhere for a constant f. There the level set "
            "through the point need not be a curve at all: it can shrink to a single point or "
            "fill a whole region."
        </p>
        <p>
            "On the contour map below, the thick curve is the level curve through the selected "
            "point, the short straight line is its tangent there, and the arrow is "
            <MathTex tex=r"\nabla f" label="∇f"/>
            ". Drag the "
            "point: wherever ∇f is not zero, the arrow meets the level curve at a right angle "
            "(the map uses the same scale along x and y, so a right angle in the plane looks "
            "like one). The surface shows the tangent plane at the same point, whose tilt in x "
            "and in y is given by the two partials, both evaluated at the point (x₀, y₀):"
        </p>
        <p>
            <MathTex
                tex=r"\begin{aligned} z = f(x_0, y_0) &+ \frac{\partial f}{\partial x}(x_0, y_0)\,(x - x_0) \\ &+ \frac{\partial f}{\partial y}(x_0, y_0)\,(y - y_0) \end{aligned}"
                label="z = f(x₀, y₀) + ∂f/∂x(x₀, y₀) (x − x₀) + ∂f/∂y(x₀, y₀) (y − y₀)"
                block=true
            />
        </p>
        <FunctionExplorer
            parts=ExplorerParts::up_to_lesson(5)
            initial=initial
            point=point
            on_function_change=on_change
            field=false
        />
        <h2>"No direction is steeper"</h2>
        <p>
            "The table measures the slope of the same function at the same point in twelve "
            "directions t, 30° apart, each as ∇f · t. The largest one is close to "
            <MathTex tex=r"\lvert \nabla f \rvert" label="|∇f|"/>
            ", and it is reached when the direction lines up with "
            <MathTex tex=r"\nabla f" label="∇f"/>
            "; directions at right angles to it give a slope near 0."
        </p>
        <div class="widget">
            <SteepestTable function=function.expr point=point/>
        </div>
        <section class="ml-connection" data-testid="ml-connection">
            <h2>"Why this matters for machine learning"</h2>
            <p>
                "Draw the contour map of a loss over its weights, and everything on this page "
                "says how to train. A level curve of the loss joins weights that fit the data "
                "equally well; a small step along it leaves the loss almost unchanged. The "
                "steepest way down is "
                <MathTex tex=r"-\nabla L" label="−∇L"/>
                ": among all small steps of the same length, the step against the gradient "
                "lowers the loss the most."
            </p>
            <p>
                "For lesson 1's line and its loss "
                <MathExpr expr=Signal::derive(loss) lhs=r"L(w_1, w_2) =" lhs_text="L(w₁, w₂) ="/>
                " at "
                {format_pair('(', START.0, START.1, ')')}
                ", ∇L = "
                {start.map(|a| format_pair('[', a.gradient.0, a.gradient.1, ']'))}
                ", so the direction of steepest descent is the unit vector "
                <MathTex tex=r"-\nabla L / \lvert \nabla L \rvert =" label="−∇L/|∇L| ="/>
                " "
                {start.and_then(|a| a.steepest_descent()).map(|d| format_pair('[', d.0, d.1, ']'))}
                ": raise both weights, w₁ more than w₂. Along it the loss falls at the rate "
                <MathTex tex=r"\lvert \nabla L \rvert =" label="|∇L| ="/>
                " "
                {start.map(|a| format_value(a.norm()))}
                " per unit of distance, faster than in any other direction. Where ∇L = 0 the "
                "weights sit on a flat spot with no way down to first order: perhaps a minimum, "
                "perhaps a saddle; lesson 7 tells them apart."
            </p>
        </section>
        <TryIt family=Family::Polynomial kind=AskKind::Geometry/>
    }
    .into_any()
}
