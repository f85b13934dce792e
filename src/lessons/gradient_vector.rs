//! Lesson 4: the gradient vector. All the partials in one vector, live for any typed
//! function, with the arrow at a draggable point, the arrow field and the readout.

use leptos::prelude::*;

use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::format_pair;
use crate::tutor::point::gradient_of_text;
use crate::ui::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    let example = LiveFunction::new("x^2 + y^2");
    let three = LiveFunction::new("x^2*z + y^3 - 5*z");
    let point = RwSignal::new((3.0, 4.0));
    view! {
        <p>
            "A function of n inputs has n partial derivatives. Written side by side as one "
            "vector, they form the gradient, read \"del f\" or \"nabla f\":"
        </p>
        <p>
            <MathTex
                tex=r"\nabla f = \left[ \frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}, \frac{\partial f}{\partial z} \right]"
                label="∇f = [∂f/∂x, ∂f/∂y, ∂f/∂z]"
                block=true
            />
        </p>
        <p>
            "The gradient is itself a function: at every point it gives a vector with one "
            "component per input. At a particular point it is a list of numbers, and it can be "
            "drawn as an arrow."
        </p>
        <div class="example widget">
            <h2>"Worked examples"</h2>
            <FunctionField function=example label="f = " id="l4-example"/>
            <LiveGradient function=example/>
            <FunctionField function=three label="f = " id="l4-three"/>
            <LiveGradient function=three/>
        </div>
        <h2>"The gradient as arrows"</h2>
        <p>
            "The point starts at (3, 4). For "
            <MathTex tex=r"f = x^2 + y^2" label="f = x² + y²"/>
            " the readout there shows "
            <MathTex tex=r"\nabla f(3, 4) =" label="∇f(3, 4) ="/>
            " "
            {gradient_of_text("x^2 + y^2", (3.0, 4.0)).map(|(a, b)| format_pair('[', a, b, ']'))}
            ": twice each coordinate, as the formula says. Drag the point, or use the arrow keys on "
            "the focused map, and watch the arrow and the numbers change. The small arrows show "
            "the gradient across the whole plane: they point away from the bottom of the bowl, "
            "and grow longer where the surface is steeper."
        </p>
        <FunctionExplorer
            initial="x^2 + y^2"
            point=point
            surface=false
            // Centred between the bowl's bottom and the starting point (3, 4), so both sit
            // well inside the map with room around them.
            window=PlotWindow { x: (-4.0, 8.0), y: (-3.0, 9.0) }
        />
        <TryIt family=Family::Polynomial kind=AskKind::Gradient/>
    }
    .into_any()
}
