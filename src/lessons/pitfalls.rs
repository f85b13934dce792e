//! Lesson 10: pitfalls. Checking a gradient by relative error (and why a bare norm fails
//! both ways), the truncation-versus-rounding "V" of finite differences, clipping by one
//! global norm, and gradients that vanish or explode through deep chains of layers.

use leptos::prelude::*;

use crate::models::clipping::Cliff;
use crate::tutor::format::{format_pair, format_value};
use crate::tutor::pitfall_questions::{check_verdict_question, relative_error_question};
use crate::tutor::SharedQuestion;
use crate::ui::prelude::*;
use std::sync::Arc;

/// The body of the lesson page.
pub fn body() -> AnyView {
    let rel_seed = RwSignal::new(1u64);
    let rel_question = Signal::derive(move || -> SharedQuestion {
        Arc::new(relative_error_question(rel_seed.get()))
    });
    let next_rel = Callback::new(move |()| rel_seed.update(|s| *s += 1));
    let band_seed = RwSignal::new(1u64);
    let band_question = Signal::derive(move || -> SharedQuestion {
        Arc::new(check_verdict_question(band_seed.get()))
    });
    let next_band = Callback::new(move |()| band_seed.update(|s| *s += 1));
    view! {
        <p>
            "Gradients are what training runs on, so when they are wrong, too large or too "
            "small, training fails, often quietly: the loss goes down slowly, or not at all, "
            "or turns into NaN. This lesson is about three ways that happens and what to do "
            "about each."
        </p>

        <h2>"Checking a gradient"</h2>
        <p>
            "Suppose you wrote the backward pass of a new layer by hand, say the gradient of a "
            "custom loss with respect to its weights. Before training with it, compare it with "
            "a numerical gradient from central differences (lesson 9). If the two agree, the "
            "formula is very likely right. The question is what \"agree\" should mean."
        </p>
        <p>
            "Call the analytic gradient a and the numerical one n. The bare distance ‖a − n‖ "
            "depends on how big the gradient is: an error of 10⁻⁶ is tiny next to a gradient "
            "of size 10⁴ and enormous next to one of size 10⁻⁸. So compare the distance with "
            "the size of the gradients, by the relative error:"
        </p>
        <p>
            <MathTex
                tex=r"\text{relative error} = \frac{\lVert a - n \rVert}{\max(\lVert a \rVert, \lVert n \rVert)}"
                label="relative error = ‖a − n‖ / max(‖a‖, ‖n‖)"
                block=true
            />
        </p>
        <p>
            "(When both are zero, the error is taken as 0.) A rule sometimes given is "
            "\"‖a − n‖ < 10⁻⁷ means the gradient is right\". It fails both ways. For "
            "exp(x) + exp(y) at (10, 10) the gradient is exact, but its entries are about "
            "22 000, and rounding alone puts ‖a − n‖ above 10⁻⁷: the rule rejects a correct "
            "gradient. For the tiny loss 10⁻⁸(x² + y²) a gradient twice too big still has "
            "‖a − n‖ below 10⁻⁷: the rule accepts a wrong one. The lab below shows both cases "
            "with the numbers computed as you watch."
        </p>
        <p>
            "How to read a relative error, in double precision with a step near 10⁻⁵: about "
            "10⁻⁷ or less is good; up to 10⁻⁴ is usually fine for strongly curved functions; "
            "from 10⁻⁴ to 10⁻² is suspect, unless the function has a kink (ReLU, |x|) within h "
            "of the point, where the difference quotient straddles two slopes; above 10⁻² the "
            "formula is wrong."
        </p>
        <p>
            "Type any function of x and y, move the point, and press the bug buttons. Each "
            "button breaks the analytic gradient the way hand-written code often is broken: a "
            "dropped factor of 2 (writing x for the derivative of x²), the two partials "
            "swapped, or a ReLU whose corner sits exactly at the checked point."
        </p>
        <div class="widget">
            <h3>"Gradient check"</h3>
            <GradientCheck/>
        </div>
        <h3>"Why the step h matters: the V"</h3>
        <p>
            "A difference quotient makes two errors. Truncation: it measures the slope of a "
            "chord, not of the tangent. If f has a bounded second derivative near the point, "
            "the forward difference (f(x + h) − f(x))/h is off by about a constant times h; "
            "if f has a bounded third derivative, the central difference is off by about a "
            "constant times h². Rounding: every value of f is stored with a relative error up "
            "to the machine epsilon ε (about 2.2 × 10⁻¹⁶ in double precision, 1.2 × 10⁻⁷ in "
            "single), and dividing the difference by a small h magnifies it, giving an error "
            "of about ε|f|/h."
        </p>
        <p>
            "On a log-log chart the first error is a line of slope 1 (forward) or 2 (central) "
            "and the second a line of slope −1, so the total looks like a V. The best h is at "
            "the bottom of the V; shrinking h below it makes the check worse, not better. The "
            "chart in the lab above is computed for your function and point: read the fitted "
            "slopes under it, and switch on single precision to see the V move to larger "
            "steps and larger errors, because ε is a billion times bigger there."
        </p>

        <h2>"Clipping exploding gradients"</h2>
        <p>
            "Some losses have cliffs: a steep wall beside a gentle valley. Recurrent networks "
            "are known for them, because one weight is applied many times over. Gradient "
            "descent takes a step of length η‖∇L‖, so where the wall is steep the step is huge, "
            "and it can throw the weights far away, where the loss is even steeper. A few "
            "steps later the numbers overflow."
        </p>
        <p>"Clipping by norm caps the step's length while keeping its direction:"</p>
        <p>
            <MathTex
                tex=r"g \leftarrow g \cdot \frac{c}{\lVert g \rVert} \quad \text{when } \lVert g \rVert > c"
                label="g ← g · c / ‖g‖ when ‖g‖ > c"
                block=true
            />
        </p>
        <p>
            "Here g is the whole gradient, every parameter of every layer, and ‖g‖ its one "
            "global norm. Below c nothing changes. The loss below is a bowl with a drop of "
            "height " {format_value(Cliff::HEIGHT)} " along the line x = " {format_value(Cliff::EDGE)} ". "
            "Both runs start at " {format_pair('(', Cliff::START[0], Cliff::START[1], ')')} " with "
            "the same learning rate; move c and η and watch where each path goes."
        </p>
        <div class="widget">
            <h3>"Gradient clipping"</h3>
            <ClippingLab/>
        </div>

        <h2>"Vanishing and exploding gradients"</h2>
        <p>
            "A deep network is a chain of layers. By the chain rule, the gradient that reaches "
            "layer l is a product with one factor per later layer: each layer's weights times "
            "its activation's slope. A long product of numbers below 1 shrinks towards 0, and "
            "one of numbers above 1 grows without bound. That is the whole story of vanishing "
            "and exploding gradients."
        </p>
        <p>
            "The chain below has layers "
            <MathTex tex=r"h_l = \varphi(W_l h_{l-1})" label="h_l = φ(W_l h_(l−1))"/>
            " with a seeded random input, and the loss is the sum of the last layer's "
            "outputs. The chart shows the size of the gradient of each layer's weights, on a "
            "log scale, computed by one backward sweep (reverse mode, lesson 9)."
        </p>
        <ul>
            <li>
                "Sigmoid's slope σ′(z) = σ(z)(1 − σ(z)) is at most 1/4, so every sigmoid layer "
                "multiplies the gradient by at most 1/4 times the size of its weights. With "
                "moderate weights, twenty layers shrink it by many powers of ten. Try depth 50."
            </li>
            <li>
                "Weights drawn too small (0.01) shrink every signal, forward and backward. "
                "Xavier initialisation draws weights with spread √(1/n) for n inputs per unit, "
                "which keeps tanh's signals roughly the same size from layer to layer."
            </li>
            <li>
                "ReLU has slope 1 where it is active and 0 elsewhere, so it passes about half "
                "of the signal. He initialisation, with spread √(2/n), doubles the variance to "
                "make up for that half, and the norms stay level across layers."
            </li>
            <li>
                "A residual connection adds the input back: "
                <MathTex tex=r"h_l = h_{l-1} + \varphi(W_l h_{l-1})" label="h_l = h_(l−1) + φ(W_l h_(l−1))"/>
                ". Its derivative has an identity term, so the gradient has a path through "
                "every layer that is not multiplied by small slopes, and it stays alive."
            </li>
        </ul>
        <div class="widget">
            <h3>"Gradient norm per layer"</h3>
            <DeepChainLab/>
        </div>
        <p>
            "Why it matters for a model: with a 20-layer sigmoid network, the first layers' "
            "weights receive updates many orders of magnitude smaller than the last layers', "
            "so for practical purposes they stop learning. Modern networks avoid this with "
            "ReLU-like activations, He or Xavier initialisation and residual connections, "
            "and they use clipping to survive the occasional cliff."
        </p>
        <QuestionBox
            question=rel_question
            name="relative-error"
            title="Try it: a relative error"
            on_new=next_rel
        />
        <QuestionBox
            question=band_question
            name="check-verdict"
            title="Try it: does the check pass?"
            on_new=next_band
        />
    }
    .into_any()
}
