//! Lesson 13: the recap. The course in three questions (which way to move, how fast f changes,
//! whether a minimum is near), a map of what each lesson's tool tells you (made from the
//! catalogue, with one line per lesson from [`TOOLS`]), the optimisers of the race in plain
//! words, the race on a function the learner picks, how gradients help debug training, and
//! the self-check quiz over the whole course.

use leptos::prelude::*;
use leptos_router::components::A;

use super::LESSONS;
use crate::math::{parse, symmetric_eigenvalues};
use crate::ui::prelude::*;

/// What each lesson's tool tells you, by the lesson's slug. Every lesson before the recap
/// has a line (a test checks it against the catalogue).
pub const TOOLS: [(&str, &str); 12] = [
    (
        "several-variables",
        "The tangent line of f(x) and the surface of f(x, y): with two inputs a slope depends on the direction you move in.",
    ),
    (
        "partial-derivative",
        "A slice of the surface with one input held: its slope is the partial derivative, the rate of change along one axis.",
    ),
    (
        "computing-partials",
        "Each step of a derivation with the rule it uses, and the chain rule's tree: a rate through several paths is a sum of products.",
    ),
    (
        "gradient-vector",
        "The gradient arrow at a point and a field of arrows: ∇f collects every partial in one vector.",
    ),
    (
        "gradient-geometry",
        "The level curve and the tangent plane at a point: ∇f points uphill fastest, at right angles to the level curve, and its length is that fastest rate.",
    ),
    (
        "gradients-in-ml",
        "A descent path for a learning rate you choose, and a regression trained live: whether η crawls, converges, oscillates or diverges, and why (η against 2/λ_max).",
    ),
    (
        "hessian",
        "The Hessian's eigenvalues at a point, a map of where it is definite, and the kind of the nearest critical point: curvature says whether a minimum is near.",
    ),
    (
        "worked-models",
        "Logistic regression training on data you click, and one layer's forward and backward values: the chain rule gives every weight's gradient.",
    ),
    (
        "how-computers-get-gradients",
        "The evaluation tape stepped forward and backward, beside central differences: how a program gets an exact gradient in one backward pass.",
    ),
    (
        "pitfalls",
        "The relative error of a gradient check against the step h, clipping by norm, and per-layer gradient norms: how to tell a broken or unstable gradient.",
    ),
    (
        "directional-derivatives",
        "A dial that turns a unit vector v at the point: the slope ∇f · v in any direction, largest along ∇f and zero along the level curve.",
    ),
    (
        "beyond-basic-ml",
        "Edges found by image gradients, optical flow, word vectors and a policy gradient: the same derivatives outside model fitting.",
    ),
];

/// The line for `slug`, if it has one.
pub fn tool_of(slug: &str) -> Option<&'static str> {
    TOOLS.iter().find(|(s, _)| *s == slug).map(|(_, t)| *t)
}

/// The largest eigenvalue of the Hessian of `text` (a quadratic in x and y) at the origin.
fn lambda_max(text: &str) -> Option<f64> {
    let f = parse(text).ok()?;
    let h: Vec<Vec<f64>> = f
        .hessian(&["x", "y"])
        .iter()
        .map(|row| {
            row.iter()
                .map(|e| e.eval(&[("x", 0.0), ("y", 0.0)]).unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    symmetric_eigenvalues(&h)?
        .into_iter()
        .reduce(f64::max)
        .filter(|l| l.is_finite())
}

fn short(v: f64) -> String {
    let r = (v * 1e4).round() / 1e4;
    format!("{r}")
}

/// The body of the lesson page.
pub fn body() -> AnyView {
    let example = "x^2 + 10y^2";
    let lmax = lambda_max(example);
    let limit = lmax.map(|l| short(2.0 / l)).unwrap_or_default();
    let lmax_text = lmax.map(short).unwrap_or_default();
    let map = LESSONS
        .iter()
        .filter_map(|l| tool_of(l.slug).map(|t| (l, t)))
        .map(|(l, tool)| {
            view! {
                <li>
                    <A href=href(&lesson_path(l.slug))>{format!("{}. {}", l.number, l.title)}</A>
                    ": "
                    {tool}
                </li>
            }
        })
        .collect_view();
    view! {
        <p>
            "Every lesson answered one of three questions about a function of several inputs, "
            "usually a loss L(w) of a model's weights w."
        </p>
        <ul>
            <li>
                <strong>"Which way to move?"</strong>
                " The gradient ∇L points where L rises fastest, so −∇L is the steepest way down. "
                "Gradient descent steps that way: "
                <MathTex tex=r"\mathbf w \leftarrow \mathbf w - \eta\,\nabla L" label="w ← w − η∇L"/>
                ", a step of length η‖∇L‖."
            </li>
            <li>
                <strong>"How fast does it change?"</strong>
                " A partial derivative is the rate along one input with the others held. Along "
                "any unit vector v the rate is the directional derivative "
                <MathTex tex=r"D_{\mathbf v} f = \nabla f \cdot \mathbf v" label="D_v f = ∇f · v"/>
                ", largest along ∇f, where it equals ‖∇f‖."
            </li>
            <li>
                <strong>"Is a minimum near?"</strong>
                " Where ∇f = 0 the point is stationary, but that alone does not make it a "
                "minimum. The Hessian's eigenvalues decide when none is 0: all positive, a "
                "minimum; all negative, a maximum; both signs, a saddle."
            </li>
        </ul>
        <h2>"What each lesson's tool tells you"</h2>
        <ul class="recap-map">{map}</ul>
        <h2>"Why optimisers differ"</h2>
        <p>
            "All of these use the gradient; they differ in what else they remember or compute, "
            "and so in how they cope with a stretched valley (a large condition number), a "
            "saddle or a cliff. Each has a learning rate η unless said otherwise."
        </p>
        <ul>
            <li>
                <strong>"Gradient descent"</strong>
                " uses only the gradient where it stands. On a quadratic it converges exactly "
                "when η < 2/λ_max, so the steepest direction sets η, and the flat directions then "
                "crawl."
            </li>
            <li>
                <strong>"Momentum"</strong>
                " keeps a velocity v, a running sum of past steps: v ← βv + η∇L, then w ← w − v, "
                "with 0 ≤ β < 1 saying how much of the old velocity is kept. Steps that agree "
                "add up; steps that flip back and forth across a valley cancel. "
                <strong>"Nesterov"</strong>
                " momentum takes the gradient at the point the velocity is about to reach, "
                "w − βv, so it slows down before it overshoots."
            </li>
            <li>
                <strong>"AdaGrad"</strong>
                " gives each weight its own step: η divided by the square root of the sum of "
                "that weight's squared partials so far. Steep weights slow down; every step "
                "keeps shrinking, so it can stall. "
                <strong>"RMSProp"</strong>
                " uses a decaying average of the squared partials instead (old ones weighted by "
                "ρ each step), so the step follows the recent slope."
            </li>
            <li>
                <strong>"Adam"</strong>
                " combines the two ideas: a decaying average of the gradient (β₁) divided by the "
                "square root of a decaying average of its square (β₂), both corrected for "
                "starting at zero. Each weight moves about η per step whatever the slope's size."
            </li>
            <li>
                <strong>"Newton's method"</strong>
                " uses the Hessian: it solves H d = −∇f and jumps to the stationary point of the "
                "local quadratic. It is very fast near a minimum, and just as ready to land on a "
                "saddle or a maximum where H is not positive definite. Its damping μ adds μ to "
                "every eigenvalue (H + μI), which shortens and steadies the step."
            </li>
            <li>
                <strong>"L-BFGS"</strong>
                " never forms H. It remembers the last few steps and gradient changes (its "
                "memory) and builds from them an approximation of Newton's step, then searches "
                "along that line for a step that lowers f."
            </li>
        </ul>
        <h2>"The optimiser race"</h2>
        <p>
            "The race puts the course together. Pick a function from the menu (each comes with "
            "why it is there) or type your own f(x, y); click the map to choose the start; tick "
            "the optimisers and set η on its logarithmic slider. The paths animate together, the "
            "chart shows f minus its lowest value on a logarithmic axis, and a sentence for each "
            "optimiser says how it ended: converged in how many steps, ran out of steps, or "
            "diverged and why. Try the ill-conditioned quadratic with gradient descent and "
            "momentum, then the saddle with Newton's method, then raise gradient descent's η "
            "past 2/λ_max."
        </p>
        <OptimiserRace url_prefix="race-" runners="gd,momentum,adam,newton,lbfgs"/>
        <h2>"How gradients help debug training"</h2>
        <p>
            "When a model will not train, the gradient is the first thing to look at."
        </p>
        <ul>
            <li>
                "The loss grows, or jumps up and down: η is too large for the curvature. For "
                "the loss "
                <MathTex tex=r"L = x^2 + 10y^2" label="L = x² + 10y²"/>
                " the engine finds λ_max = "
                {lmax_text}
                ", so gradient descent needs η < "
                {limit}
                ". Lower η, or use an optimiser that rescales each weight's step."
            </li>
            <li>
                "A gradient written by hand may be wrong: compare it with central differences "
                "by the relative error ‖a − n‖ / max(‖a‖, ‖n‖); about 10⁻⁷ or less is good, above "
                "10⁻² is wrong."
            </li>
            <li>
                "A rare huge gradient throws the weights far away: clip it by its norm, "
                "g ← g·c/‖g‖ when ‖g‖ > c, which keeps its direction."
            </li>
            <li>
                "Early layers do not learn: their gradients are products of many small "
                "derivatives and vanish. Per-layer gradient norms show it."
            </li>
            <li>
                "Training stops at ∇L ≈ 0 but the loss is still high: it may be a saddle, which "
                "the Hessian's eigenvalues reveal."
            </li>
        </ul>
        <p class="widget-note">
            "Why this matters in machine learning: training a model is this race run on the "
            "model's loss. For the linear regression of lesson 6, the mean squared error "
            "L(w₁, w₂, b) = (1/n) Σ (ŷ − y)² is a quadratic with a constant Hessian, so "
            "η < 2/λ_max tells you in advance which learning rates work, and Newton's method "
            "would solve it in one step. A neural network's loss has millions of weights and no "
            "affordable Hessian, which is why methods that use only the gradient, such as Adam, "
            "with the gradient from one backward pass, train it."
        </p>
        <CourseQuiz/>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_before_the_recap_has_a_line_in_the_map() {
        for l in LESSONS.iter().filter(|l| l.slug != "recap") {
            let tool = tool_of(l.slug).unwrap_or_else(|| panic!("no line for {}", l.slug));
            assert!(tool.ends_with('.') && tool.len() > 40, "{}: {tool}", l.slug);
        }
        for (slug, _) in TOOLS {
            assert!(
                LESSONS.iter().any(|l| l.slug == slug),
                "{slug} is not a lesson"
            );
        }
        assert_eq!(TOOLS.len(), LESSONS.len() - 1);
    }

    #[test]
    fn the_debugging_example_is_worked_out_by_the_engine() {
        let l = lambda_max("x^2 + 10y^2").unwrap_or(f64::NAN);
        assert!((l - 20.0).abs() < 1e-9, "{l}");
        assert_eq!(short(2.0 / l), "0.1");
    }
}
