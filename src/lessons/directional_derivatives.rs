//! Lesson 11: directional derivatives. D_v f = ∇f · v for a unit vector v, on a dial the
//! learner turns at a draggable point; the worked example (exact, e.g. 10/√2, and decimal)
//! follows the function, the point and the dial, and a loss shows why an optimiser cares.

use leptos::prelude::*;

use crate::tutor::directional::worked_directional;
use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::{format_pair, format_value};
use crate::tutor::point::DirectionalSlope;
use crate::tutor::running_example::{loss, loss_at, START};
use crate::ui::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    let initial = "x^2 + y^2";
    let function = LiveFunction::new(initial);
    let point = RwSignal::new((2.0, 3.0));
    // The dial's angle is kept in the address (`?dial-a=…`), so a reload or a shared link
    // shows the same v.
    let angle = use_dial_angle("dial-");
    let on_change = Callback::new(move |text: String| function.text.set(text));
    // The worked example follows the function, the point and the dial the learner has now.
    let gradient = Memo::new(move |_| {
        let p = point.get();
        function
            .expr
            .with(|e| e.as_ref().map(|e| DirectionalSlope::at(e, p)))
    });
    let worked = move || {
        gradient
            .get()
            .map(|g| worked_directional((g.fx, g.fy), angle.get()))
    };
    // The machine-learning example's numbers, from the engine.
    let start = loss_at(START);
    let ml = move |v: (f64, f64)| {
        start.map(|a| {
            let theta = v.1.atan2(v.0);
            (
                worked_directional(a.gradient, theta).equation_tail(),
                a.slope_along(v),
            )
        })
    };
    let steepest = start.and_then(|a| a.steepest_descent());
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
            "Why a dot product: a step of length h in direction v moves x by h v₁ and y by "
            "h v₂. Close to the point, f is close to its tangent plane (lesson 5), so f "
            "changes by about "
            <MathTex tex=r"\frac{\partial f}{\partial x} h v_1 + \frac{\partial f}{\partial y} h v_2" label="∂f/∂x h v₁ + ∂f/∂y h v₂"/>
            ". Divide by h and let h shrink to 0, and that is the formula. It holds wherever f "
            "is differentiable (for example, wherever its partial derivatives exist and are "
            "continuous near the point); the partials alone are not always enough."
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
        <p data-testid="l11-example">
            "Example: the page starts with "
            <MathTex tex=r"f = x^2 + y^2" label="f = x² + y²"/>
            " at (2, 3) and the dial at 45°. Turn the dial, move the point on the map, or change "
            "the function, and this example follows. Now f = "
            <MathExpr expr=function.expr/>
            " at "
            <span class="readout">{move || format_pair('(', point.get().0, point.get().1, ')')}</span>
            ", where "
            <MathTex tex=r"\nabla f =" label="∇f ="/>
            " "
            <span class="readout" data-testid="l11-gradient">
                {move || gradient.get().map(|g| format_pair('[', g.fx, g.fy, ']'))}
            </span>
            ". The dial is at "
            {move || format!("{:.0}°", angle.get().to_degrees().rem_euclid(360.0))}
            ", so v = "
            <span class="readout" data-testid="l11-v">{move || worked().map(|w| w.v_text)}</span>
            " and "
            <MathTex tex=r"D_{\mathbf v} f = \nabla f \cdot \mathbf v" label="D_v f = ∇f · v"/>
            " "
            <span class="readout" data-testid="l11-value">{move || worked().map(|w| w.equation_tail())}</span>
            "."
        </p>
        <FunctionExplorer
            parts=ExplorerParts::up_to_lesson(11)
            initial=initial
            point=point
            on_function_change=on_change
            surface=false
            field=false
            window=PlotWindow { x: (-4.0, 4.0), y: (-4.0, 4.0) }
            direction=angle
        />
        <div class="widget">
            <h2>"Direction dial"</h2>
            <DirectionDial function=function.expr point=point angle=angle/>
        </div>
        <section class="ml-connection" data-testid="ml-connection">
            <h2>"Why this matters for machine learning"</h2>
            <p>
                "An optimiser does not always step straight against the gradient: Newton's "
                "method (lesson 7) bends the step by the curvature, and updating one weight at a "
                "time moves along an axis. Whatever step direction v it picks, "
                <MathTex tex=r"D_{\mathbf v} L" label="D_v L"/>
                " says how the loss changes along it: a small step of length h changes the loss "
                "by about h times "
                <MathTex tex=r"D_{\mathbf v} L" label="D_v L"/>
                ", so a negative value means the step goes downhill."
            </p>
            <p>
                "For lesson 1's line and its loss "
                <MathExpr expr=Signal::derive(loss) lhs=r"L(w_1, w_2) =" lhs_text="L(w₁, w₂) ="/>
                " at "
                {format_pair('(', START.0, START.1, ')')}
                ": nudging only w₁, v = [1, 0], gives "
                {ml((1.0, 0.0)).map(|m| format!("D_v L {}", m.0))}
                ", which is ∂L/∂w₁. Raising both weights equally, v = [1, 1]/√2, gives "
                {ml((1.0, 1.0)).map(|m| format!("D_v L {}", m.0))}
                ". The steepest-descent direction −∇L/|∇L| gives "
                {steepest.and_then(ml).map(|m| format!("D_v L = −|∇L| ≈ {}", format_value(m.1)))}
                ", the most negative slope any direction can have."
            </p>
        </section>
        <TryIt family=Family::Polynomial kind=AskKind::Directional/>
    }
    .into_any()
}
