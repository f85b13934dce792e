//! Lesson 11: directional derivatives. D_v f = ∇f · v for a unit vector v, on a dial the
//! learner turns at a draggable point.

use leptos::prelude::*;

use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::{format_pair, format_value};
use crate::tutor::point::gradient_of_text;
use crate::ui::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    let initial = "x^2 + y^2";
    let function = LiveFunction::new(initial);
    let point = RwSignal::new((2.0, 3.0));
    let angle = RwSignal::new(std::f64::consts::FRAC_PI_4);
    let on_change = Callback::new(move |text: String| function.text.set(text));
    // The worked example's numbers, from the engine.
    let example = gradient_of_text(initial, (2.0, 3.0)).map(|g| {
        let v = std::f64::consts::FRAC_1_SQRT_2;
        (g, g.0 * v + g.1 * v)
    });
    view! {
        <p>
            "Partial derivatives measure the slope along the axes. To measure it along any other "
            "direction, pick a unit vector v (length 1) pointing that way. The slope of f in "
            "direction v is the directional derivative, and it is a dot product:"
        </p>
        <p>
            <MathTex
                tex=r"D_{\mathbf v} f = \nabla f \cdot \mathbf v = \frac{\partial f}{\partial x} v_1 + \frac{\partial f}{\partial y} v_2"
                label="the directional derivative of f along v equals the gradient of f dotted with v, which is the partial of f with respect to x times v one plus the partial of f with respect to y times v two"
                block=true
            />
        </p>
        <p>
            "Since "
            <MathTex tex=r"\nabla f \cdot \mathbf v = \lvert \nabla f \rvert \cos\theta" label="∇f · v = |∇f| cos θ"/>
            ", where θ is the angle between v and ∇f, the slope is largest (equal to "
            <MathTex tex=r"\lvert \nabla f \rvert" label="|∇f|"/>
            ") when v points along ∇f, zero when v runs along the level curve ("
            <MathTex tex=r"\theta = 90^\circ" label="θ = 90°"/>
            "), and most negative when v points against ∇f."
        </p>
        <p>
            "Example: for "
            <MathTex tex=r"f = x^2 + y^2" label="f = x² + y²"/>
            " at (2, 3), "
            <MathTex tex=r"\nabla f =" label="∇f ="/>
            " "
            {example.map(|(g, _)| format_pair('[', g.0, g.1, ']'))}
            ". With "
            <MathTex tex=r"\mathbf v = [1, 1]/\sqrt{2}" label="v = [1, 1]/√2"/>
            " (the dial's starting angle, 45°), "
            <MathTex tex=r"D_{\mathbf v} f = \nabla f \cdot \mathbf v \approx" label="the directional derivative of f along v, the gradient of f dotted with v, is about"/>
            " "
            {example.map(|(_, d)| format_value(d))}
            ". Turn the dial, move the "
            "point on the map, or change the function: every number is recomputed."
        </p>
        <FunctionExplorer
            initial=initial
            point=point
            on_function_change=on_change
            surface=false
            field=false
            window=PlotWindow { x: (-4.0, 4.0), y: (-4.0, 4.0) }
        />
        <div class="widget">
            <h2>"Direction dial"</h2>
            <DirectionDial function=function.expr point=point angle=angle/>
        </div>
        <TryIt family=Family::Polynomial kind=AskKind::Directional/>
    }
    .into_any()
}
