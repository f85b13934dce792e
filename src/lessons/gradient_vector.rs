//! Lesson 4: the gradient vector. All the partials in one vector, live for any typed
//! function, with the arrow at a draggable point, the arrow field and the readout; the
//! numbers quoted in the prose follow the explorer's function and point. For a loss, the
//! gradient is the direction training updates the weights against.

use leptos::prelude::*;

use crate::math::{gradient_pretty, latex_to_mathml};
use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::format_pair;
use crate::tutor::point::DirectionalSlope;
use crate::tutor::running_example::{loss, loss_at, START};
use crate::ui::prelude::*;

/// The explorer's starting function.
const EXPLORED: &str = "x^2 + y^2";

/// What the small arrows show. Only for the starting bowl, x² + y², does it say where they
/// point; for any other function it says what holds for every function.
fn field_arrows_sentence(is_bowl: bool) -> &'static str {
    if is_bowl {
        "The small arrows show the gradient across the whole plane; for this bowl, \
         x² + y², they point away from its bottom and grow longer where the surface is steeper."
    } else {
        "The small arrows show the gradient of this f across the whole plane, scaled so the \
         longest fits its square: an arrow is longer where f changes faster."
    }
}

/// The body of the lesson page.
pub fn body() -> AnyView {
    let example = LiveFunction::new("x^2 + y^2");
    let three = LiveFunction::new("x^2*z + y^3 - 5*z");
    let point = RwSignal::new((3.0, 4.0));
    // The explorer's function, followed here so the quoted numbers are the learner's.
    let explored = LiveFunction::new(EXPLORED);
    let formula = move || {
        explored.expr.with(|e| {
            e.as_ref().map(|e| {
                let g = e.gradient(&["x", "y"]);
                let tex: Vec<String> = g.iter().map(|d| d.to_latex()).collect();
                let mathml = latex_to_mathml(
                    &format!(r"\nabla f = \left[ {} \right]", tex.join(", ")),
                    false,
                );
                (gradient_pretty(&g), mathml)
            })
        })
    };
    let at_point = move || {
        let p = point.get();
        explored.expr.with(|e| {
            e.as_ref().map(|e| {
                let s = DirectionalSlope::at(e, p);
                format!(
                    "∇f{} = {}",
                    format_pair('(', p.0, p.1, ')'),
                    format_pair('[', s.fx, s.fy, ']')
                )
            })
        })
    };
    // Only the bowl the page starts with is called a bowl: the sentence follows the
    // function the learner typed.
    let bowl = crate::math::parse(EXPLORED).ok();
    let field_sentence = move || {
        let is_bowl = explored.expr.with(|e| e.is_some() && *e == bowl);
        field_arrows_sentence(is_bowl)
    };
    // The machine-learning example's numbers, from the engine.
    let start = loss_at(START);
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
            <FunctionField function=example label="f = " name="example"/>
            <LiveGradient function=example/>
            <FunctionField function=three label="f = " name="three"/>
            <LiveGradient function=three/>
        </div>
        <h2>"The gradient as arrows"</h2>
        <p>
            "The explorer below starts with "
            <MathTex tex=r"f = x^2 + y^2" label="f = x² + y²"/>
            " at the point (3, 4); edit the function or move the point and this paragraph "
            "follows. For "
            <MathExpr expr=explored.expr lhs="f =" lhs_text="f ="/>
            " the gradient is "
            <span class="math" role="math" data-testid="l4-gradient-formula"
                data-pretty=move || formula().map(|(pretty, _)| pretty).unwrap_or_default()
                aria-label=move || format!("∇f = {}", formula().map(|(pretty, _)| pretty).unwrap_or_default())
                inner_html=move || formula().map(|(_, mathml)| mathml).unwrap_or_default()
            ></span>
            ", and at the point "
            <span class="readout" data-testid="l4-gradient-at">{at_point}</span>
            ": each component is the matching partial derivative evaluated at the point, "
            "the same numbers as the explorer's readout of ∇f. Drag the point, or use the arrow "
            "keys on the focused map, and watch the arrow and the numbers change. "
            <span data-testid="l4-field-sentence">{field_sentence}</span>
        </p>
        <FunctionExplorer
            parts=ExplorerParts::up_to_lesson(4)
            initial=EXPLORED
            point=point
            on_function_change=Callback::new(move |text: String| explored.text.set(text))
            surface=false
            // Centred between the bowl's bottom and the starting point (3, 4), so both sit
            // well inside the map with room around them.
            window=PlotWindow { x: (-4.0, 8.0), y: (-3.0, 9.0) }
        />
        <section class="ml-connection" data-testid="ml-connection">
            <h2>"Why this matters for machine learning"</h2>
            <p>
                "For a loss, the gradient collects the partial derivative for every weight into "
                "one vector. For lesson 1's line and its loss "
                <MathExpr expr=Signal::derive(loss) lhs=r"L(w_1, w_2) =" lhs_text="L(w₁, w₂) ="/>
                ", at the weights "
                {format_pair('(', START.0, START.1, ')')}
                ", "
                <MathTex tex=r"\nabla L = \left[ \frac{\partial L}{\partial w_1}, \frac{\partial L}{\partial w_2} \right] =" label="∇L = [∂L/∂w₁, ∂L/∂w₂] ="/>
                " "
                {start.map(|a| format_pair('[', a.gradient.0, a.gradient.1, ']'))}
                ". One vector says, for every weight at once, whether raising that weight a "
                "little raises or lowers the loss, and how strongly. That makes it the update direction of training: every "
                "weight moves a small step against its own component, so that the loss goes "
                "down. A model with a million weights has a gradient with a million components, "
                "and one update uses all of them. Lesson 5 shows why stepping against the "
                "gradient is the steepest way down, and lesson 6 how long the step should be."
            </p>
        </section>
        <TryIt family=Family::Polynomial kind=AskKind::Gradient/>
    }
    .into_any()
}
