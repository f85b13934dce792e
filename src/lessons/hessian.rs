//! Lesson 7: second derivatives and the Hessian. The Hessian of a typed function with its
//! mixed partials in both orders, eigenvalues and eigenvectors as axes of curvature, the
//! second-derivative test at the nearest critical point, where the Hessian is definite,
//! convexity stated precisely, and Newton's method against gradient descent and L-BFGS.

use std::sync::Arc;

use leptos::prelude::*;

use crate::tutor::second_order::{classify_critical, hessian_entry};
use crate::tutor::SharedQuestion;
use crate::ui::prelude::*;

/// ∂²f/∂x∂y of `text`, by the engine (for prose that quotes a result).
fn mixed(text: &str) -> Signal<Option<crate::math::Expr>> {
    let e = crate::math::parse(text)
        .ok()
        .map(|f| f.mixed_partial("x", "y"));
    Signal::derive(move || e.clone())
}

/// The body of the lesson page.
pub fn body() -> AnyView {
    let entry_seed = RwSignal::new(7u64);
    let entry = Signal::derive(move || Arc::new(hessian_entry(entry_seed.get())) as SharedQuestion);
    let classify_seed = RwSignal::new(7u64);
    let classify =
        Signal::derive(move || Arc::new(classify_critical(classify_seed.get())) as SharedQuestion);
    view! {
        <p>
            "A partial derivative is itself a function, so it can be differentiated again. For "
            "f(x, y) there are four second partial derivatives: "
            <MathTex tex=r"\frac{\partial^2 f}{\partial x^2}" label="∂²f/∂x²"/>
            " (by x twice), "
            <MathTex tex=r"\frac{\partial^2 f}{\partial y^2}" label="∂²f/∂y²"/>
            " (by y twice), and the two mixed ones, by x then y, and by y then x. Arranged in a "
            "square matrix, one row and one column per variable, they form the Hessian:"
        </p>
        <p>
            <MathTex
                tex=r"H = \begin{bmatrix} \frac{\partial^2 f}{\partial x^2} & \frac{\partial}{\partial y}\frac{\partial f}{\partial x} \\ \frac{\partial}{\partial x}\frac{\partial f}{\partial y} & \frac{\partial^2 f}{\partial y^2} \end{bmatrix}"
                label="H = [[∂²f/∂x², ∂/∂y ∂f/∂x], [∂/∂x ∂f/∂y, ∂²f/∂y²]]"
                block=true
            />
        </p>
        <p>
            "A second derivative measures curvature: how fast the slope changes. "
            "∂²f/∂x² > 0 means f curves up as x moves (like a bowl), < 0 that it curves down."
        </p>
        <h2>"Mixed partials agree (when the second partials are continuous)"</h2>
        <p>
            "If the second partial derivatives of f are continuous near a point, the mixed "
            "partials are equal there: differentiating by x then y gives the same as by y then x "
            "(this is Schwarz's, or Clairaut's, theorem). Then H is symmetric. Every function "
            "built from polynomials, exp, sin and the like is smooth wherever it is defined, so "
            "its Hessian is symmetric there. For example, for "
            <MathTex tex=r"f = x^2y^3" label="f = x²y³"/>
            " the engine finds "
            <MathExpr expr=mixed("x^2*y^3") lhs=r"\frac{\partial^2 f}{\partial x\,\partial y} =" lhs_text="∂²f/∂x∂y ="/>
            " both ways. The condition matters: there are functions with discontinuous second "
            "partials whose mixed partials differ at a point."
        </p>
        <h2>"Curvature in every direction: eigenvalues"</h2>
        <p>
            "At a point, the Hessian gives the second derivative of f along any unit direction "
            "u as "
            <MathTex tex=r"\mathbf u^{\mathsf T} H \mathbf u" label="uᵀ H u"/>
            ". Because H is symmetric, it has real eigenvalues and perpendicular eigenvectors: "
            "the eigenvectors are the directions in which f curves most and least (the axes of "
            "curvature), and the eigenvalues are those curvatures. The largest one is λ_max, "
            "which the previous lesson used to bound the learning rate: gradient descent on a "
            "quadratic converges exactly when η < 2/λ_max. The condition number, the largest "
            "|λ| over the smallest, says how stretched the level curves are; a large one makes "
            "gradient descent zig-zag, because an η small enough for the steep direction "
            "crawls along the flat one."
        </p>
        <h2>"Minimum, maximum or saddle"</h2>
        <p>
            "A critical (or stationary) point is one where "
            <MathTex tex=r"\nabla f = \mathbf 0" label="∇f = 0"/>
            ". A zero gradient alone does not make a minimum. The second-derivative test looks "
            "at the eigenvalues of H there:"
        </p>
        <ul>
            <li>"all positive (H positive definite): a local minimum;"</li>
            <li>"all negative (negative definite): a local maximum;"</li>
            <li>"some positive and some negative (indefinite): a saddle point;"</li>
            <li>"otherwise, when an eigenvalue is 0 and the rest do not have both signs: inconclusive, and higher derivatives decide."</li>
        </ul>
        <p>
            "With two variables the same test reads: det H = "
            <MathTex tex=r"f_{xx} f_{yy} - f_{xy}^2" label="f_xx f_yy − f_xy²"/>
            " > 0 with "
            <MathTex tex=r"f_{xx} > 0" label="f_xx > 0"/>
            " is a minimum, det H > 0 with "
            <MathTex tex=r"f_{xx} < 0" label="f_xx < 0"/>
            " a maximum, det H < 0 a saddle, and det H = 0 is inconclusive. The explorer finds "
            "the critical point nearest the chosen point with Newton's method applied to "
            "∇f = 0 (so it also finds saddles and maxima), and classifies it."
        </p>
        <h2>"Convexity, precisely"</h2>
        <p>
            "A function is convex when the chord between any two points of its graph lies on or "
            "above the graph; convex losses have no local minima other than global ones, which "
            "is why they are easy to train. For a twice-differentiable f on a convex domain "
            "(such as the whole plane):"
        </p>
        <ul>
            <li>"f is convex if and only if its Hessian is positive semidefinite at every point of the domain;"</li>
            <li>
                "if its Hessian is positive definite at every point, f is strictly convex, but "
                "not the other way round: "
                <MathTex tex=r"x^4 + y^4" label="x⁴ + y⁴"/>
                " is strictly convex, yet its Hessian is the zero matrix at the origin;"
            </li>
            <li>
                "a Hessian that is positive definite at one point says nothing about convexity "
                "elsewhere: "
                <MathTex tex=r"x^2 + y^2 - x^4/12" label="x² + y² − x⁴/12"/>
                " has a positive definite Hessian at 0 but an indefinite one at (3, 0), so it "
                "is not convex."
            </li>
        </ul>
        <p>
            "Try both with the buttons and colour the map by definiteness. The map samples the "
            "window, so it can show that a function is not convex (one point with a negative "
            "eigenvalue is enough) but only supports, not proves, that it is."
        </p>
        <h2>"Newton's method uses the Hessian"</h2>
        <p>
            "Near a point, f is close to its second-order Taylor polynomial, a quadratic with "
            "gradient ∇f and Hessian H. Newton's method jumps to that quadratic's stationary "
            "point: it solves "
            <MathTex tex=r"H\,\mathbf d = -\nabla f" label="H d = −∇f"/>
            " and steps to x + d. On a quadratic with a positive definite Hessian this lands on "
            "the minimum in one step, and near a minimum it converges very fast. But it needs "
            "the Hessian (n² second derivatives, and a linear solve, per step), and where H is "
            "not positive definite the quadratic has no minimum: Newton's method heads for a "
            "saddle or a maximum just as readily. L-BFGS is a quasi-Newton method: it never "
            "forms H, but builds an approximation of its effect from the last few gradients "
            "and steps, and searches along the line for a step that lowers f."
        </p>
        <p>
            "The explorer runs all three from the point. It starts at (−0.8, 2), above and to the "
            "right of the saddle of the default function: read where each method ends and why. "
            "Then click "
            "in the right half of the map, where the Hessian is positive definite, and compare "
            "again."
        </p>
        <p class="widget-note">
            "Why this matters in machine learning: the curvature of a loss sets how large the "
            "learning rate may be (η < 2/λ_max), an ill-conditioned Hessian is why plain "
            "gradient descent is slow and why many optimisers rescale each weight's step, and "
            "the saddle points of high-dimensional losses are where training can stall. For "
            "the linear regression of the previous lesson, the Hessian of the mean squared "
            "error is the same at every weight, positive semidefinite, so that loss is convex."
        </p>
        <HessianExplorer/>
        <h2>"Step counts side by side"</h2>
        <p>
            "The race runs the three methods together from one start, on a function you pick "
            "or type, and counts their steps. It starts on "
            <MathTex tex=r"x^2 + 10y^2" label="x² + 10y²"/>
            ", whose condition number is 10: Newton's method lands on the minimum in one step, "
            "because the function is quadratic; L-BFGS needs a few, while it learns the "
            "curvature; gradient descent needs many, held back by η < 2/λ_max. Then pick "
            "Rosenbrock's curved valley, and the saddle x² − y², where Newton's method jumps "
            "to the saddle point while gradient descent slides away from it."
        </p>
        <p>
            "Newton's damping μ solves "
            <MathTex tex=r"(H + \mu I)\,\mathbf d = -\nabla f" label="(H + μI) d = −∇f"/>
            " instead, which adds μ to every eigenvalue: it shortens the step, and once μ is "
            "larger than minus the smallest eigenvalue, H + μI is positive definite and the "
            "step goes downhill. L-BFGS's memory is how many recent steps it keeps to build "
            "its approximation."
        </p>
        <OptimiserRace url_prefix="l7-race-" runners="gd,newton,lbfgs" offered="gd,newton,lbfgs"/>
        <QuestionBox
            question=entry
            name="hessian-entry"
            title="Try it: a Hessian entry"
            on_new=Callback::new(move |()| entry_seed.update(|s| *s = s.wrapping_add(1)))
        />
        <QuestionBox
            question=classify
            name="classify"
            title="Try it: classify a critical point"
            on_new=Callback::new(move |()| classify_seed.update(|s| *s = s.wrapping_add(1)))
        />
    }
    .into_any()
}
