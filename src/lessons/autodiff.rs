//! Lesson 9: how computers get gradients. The evaluation tape of a typed function stepped
//! forward and backward (reverse mode), forward mode with dual numbers, their operation counts,
//! and the four gradients (symbolic, reverse, forward, central differences) side by side.

use std::sync::Arc;

use leptos::prelude::*;

use crate::math::parse;
use crate::models::gradient_methods::operation_counts;
use crate::tutor::format::format_value;
use crate::tutor::model_questions::adjoint_question;
use crate::tutor::{NumberQuestion, QuestionPart, SharedQuestion};
use crate::ui::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    // The course's example and a wider one, computed as the page loads.
    let example = TapeModel::new("x0^2 + x1^2", &[2.0, 3.0], 1e-5).ok();
    let gradient = example
        .as_ref()
        .and_then(|m| m.walk.gradient(m.walk.len()))
        .map(|g| {
            format!(
                "[{}]",
                g.iter()
                    .map(|&v| format_value(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .unwrap_or_default();
    let nodes = example.as_ref().map_or(0, TapeModel::nodes);
    let eight = parse("x1 x2 x3 x4 x5 x6 x7 x8")
        .ok()
        .and_then(|f| {
            f.record_tape(&["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"], &[1.0; 8])
                .ok()
        })
        .map(|t| operation_counts(&t));
    let (fwd8, rev8) = eight.map_or((0, 0), |(f, r)| (f.products, r.products));
    let seed = RwSignal::new(1u64);
    let question = Signal::derive(move || -> SharedQuestion {
        Arc::new(adjoint_question(seed.get()).unwrap_or_else(|| {
            NumberQuestion::new(
                vec![QuestionPart::words(
                    "No tape could be made for this question; ask for a new one.",
                )],
                f64::NAN,
            )
        }))
    });
    let next = Callback::new(move |()| seed.update(|s| *s += 1));
    view! {
        <p>
            "Lesson 3 differentiated formulas by hand with rules, and a computer can do the same "
            "(symbolic differentiation). But a neural network's loss is not a formula anyone "
            "writes out: it is a program with millions of steps. Frameworks get its gradient in "
            "one of two other ways."
        </p>
        <h2>"Numerical gradients: nudge and measure"</h2>
        <p>
            "The central difference estimates each partial derivative from two evaluations, one "
            "a step h above and one a step h below:"
        </p>
        <p>
            <MathTex
                tex=r"\frac{\partial f}{\partial x_i} \approx \frac{f(\mathbf x + h\,\mathbf e_i) - f(\mathbf x - h\,\mathbf e_i)}{2h}"
                label="∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h"
                block=true
            />
        </p>
        <p>
            "where eᵢ is the unit vector along xᵢ. For a smooth f its error has two parts: a "
            "truncation error that shrinks like h², and a rounding error that grows like 1/h "
            "because two nearly equal numbers are subtracted. So it is never exact, it needs two "
            "evaluations of f per input, and it must be done in floating point (on an array of "
            "integers, x + h is rounded back to x and the answer is nonsense). It is the perfect "
            "checker and a poor workhorse."
        </p>
        <h2>"Automatic differentiation: record, then apply the chain rule"</h2>
        <p>
            "Running a program evaluates a sequence of elementary operations (+, ·, sin, exp, "
            "powers), each with a derivative that is known exactly. Automatic differentiation "
            "records them on a "
            <em>"tape"</em>
            ", one node per operation, with each node's value and the local partial "
            "derivatives of its result with respect to its inputs. For the course's example, "
            <MathTex tex=r"f(x_0, x_1) = x_0^2 + x_1^2" label="f(x₀, x₁) = x₀² + x₁²"/>
            " at x = [2, 3], the tape has "
            {nodes.to_string()}
            " nodes: the two inputs v0, v1, the squares v2 = v0², v3 = v1² and their sum v4."
        </p>
        <p>
            <strong>"Reverse mode"</strong>
            " computes, for every node v, its "
            <em>"adjoint"</em>
            " v̄ = ∂f/∂v: how much f changes per unit change of v. It starts at the output, "
            "where v̄ = 1, and walks the tape backwards. Each node passes its adjoint to its "
            "inputs, multiplied by the local derivative:"
        </p>
        <p>
            <MathTex
                tex=r"\bar v_k \mathrel{+}= \bar v_i \,\frac{\partial v_i}{\partial v_k}"
                label="v̄ₖ += v̄ᵢ · ∂vᵢ/∂vₖ"
                block=true
            />
        </p>
        <p>
            "The += is the multivariable chain rule of lesson 3: a node used in several places "
            "collects one contribution per path. When the walk reaches the inputs, their adjoints "
            "are the whole gradient, here "
            {gradient}
            ", after a single backward sweep."
        </p>
        <p>
            <strong>"Forward mode"</strong>
            " instead carries a "
            <em>"dual number"</em>
            " (v, v̇) through the tape, where v̇ is the derivative of v with respect to one chosen "
            "input: that input starts with v̇ = 1, the others with 0, and each operation applies "
            "its local derivatives, v̇ᵢ = Σₖ (∂vᵢ/∂vₖ) v̇ₖ. The output's v̇ is one partial "
            "derivative, so a gradient needs one pass per input."
        </p>
        <div class="widget">
            <TapeViewer url_prefix="l9-"/>
        </div>
        <p>
            "Type any function of up to six variables and choose the point. Step forward to fill "
            "in values, then backward to fill in adjoints; switch to forward mode to see one "
            "dual-number pass per input. The four gradients at the bottom agree: symbolic, "
            "reverse and forward mode to the last digit or two (they differ only by rounding), "
            "and central differences only to the accuracy h allows. Move the h slider to see "
            "that error shrink and then grow again as rounding takes over."
        </p>
        <p>
            <strong>"Why it matters. "</strong>
            "A loss has one output and many inputs (the weights), which is exactly the case "
            "reverse mode is made for. For the product x1·x2·…·x8 of eight inputs, forward mode "
            "needs 8 passes and "
            {fwd8.to_string()}
            " derivative products; reverse mode one backward sweep and "
            {rev8.to_string()}
            ". For a network with a million weights the ratio is a million: that is why "
            "loss.backward() in PyTorch, and jax.grad, are reverse mode (called "
            "backpropagation in neural networks), and why the gradient costs only a small "
            "multiple of the loss itself. Central differences would need two million evaluations "
            "of the loss, and would still be approximate: they are kept for checking gradients, "
            "the subject of the next lesson."
        </p>
        <QuestionBox
            question=question
            name="adjoint"
            title="Try it: the adjoint of a node"
            on_new=next
        />
    }
    .into_any()
}
