//! Lesson 6: gradients in machine learning. The update w ← w − η∇L (direction −∇L, length
//! η‖∇L‖), the learning rate against the curvature 2/λ_max on a loss the learner types,
//! linear regression with two features trained live, full-batch or in mini-batches, and
//! momentum against plain descent in the optimiser race on an ill-conditioned quadratic.

use std::sync::Arc;

use leptos::prelude::*;

use crate::tutor::format::{format_pair, format_value};
use crate::tutor::point::gradient_of_text;
use crate::tutor::second_order::descent_step;
use crate::tutor::SharedQuestion;
use crate::ui::prelude::*;

/// The body of the lesson page.
pub fn body() -> AnyView {
    // The worked step, from the engine: ∇L at the explorer's first start, and one step of η.
    let eta = 0.02;
    let worked = gradient_of_text(DEFAULT_LOSS, DEFAULT_START).map(|g| {
        let norm = g.0.hypot(g.1);
        (g, norm, (-eta * g.0, -eta * g.1), eta * norm)
    });
    let seed = RwSignal::new(6u64);
    let question = Signal::derive(move || Arc::new(descent_step(seed.get())) as SharedQuestion);
    let next = Callback::new(move |()| seed.update(|s| *s = s.wrapping_add(1)));
    view! {
        <p>
            "Training a model means choosing its weights so that a loss, one number that says how "
            "wrong the model is on the data, is as small as possible. Write the weights as a "
            "vector w = (w₁, …, wₙ) and the loss as L(w). The gradient "
            <MathTex tex=r"\nabla L" label="∇L"/>
            " points in the direction in which L increases fastest, so the opposite direction, "
            <MathTex tex=r"-\nabla L" label="−∇L"/>
            ", is the steepest way down. Gradient descent takes a step that way, again and again:"
        </p>
        <p>
            <MathTex
                tex=r"\mathbf w \leftarrow \mathbf w - \eta\,\nabla L(\mathbf w)"
                label="w ← w − η ∇L(w)"
                block=true
            />
        </p>
        <p>
            "The number η > 0 is the learning rate. Be precise about what the step is: its "
            "direction is −∇L, and its length is "
            <MathTex tex=r"\eta\,\lVert \nabla L \rVert" label="η ‖∇L‖"/>
            ", not η. The step is long where the loss is steep and shrinks as the gradient "
            "shrinks near a minimum, so with a fixed η the steps get shorter by themselves."
        </p>
        <p class="worked-step">
            "For example, take "
            <MathTex tex=r"L = x^2 + 10y^2" label="L = x² + 10y²"/>
            " (here the two weights are called x and y) at "
            {format_pair('(', DEFAULT_START.0, DEFAULT_START.1, ')')}
            ". There "
            <MathTex tex=r"\nabla L = [2x, 20y] =" label="∇L = [2x, 20y] ="/>
            " "
            {worked.map(|w| format_pair('[', w.0 .0, w.0 .1, ']'))}
            ", whose length is "
            {worked.map(|w| format_value(w.1))}
            ". With η = "
            {format_value(eta)}
            " the step is "
            {worked.map(|w| format_pair('[', w.2 .0, w.2 .1, ']'))}
            ", of length "
            {worked.map(|w| format_value(w.3))}
            ": much longer than η, because the loss is steep there."
        </p>
        <h2>"How large may η be?"</h2>
        <p>
            "Too small, and descent crawls. Too large, and each step jumps past the bottom of "
            "the valley, lands higher on the other side, and the weights run away. What decides "
            "\"too large\" is how sharply the loss curves. Take one weight and the loss "
            <MathTex tex=r"L(w) = \tfrac{\lambda}{2} w^2" label="L(w) = (λ/2) w²"/>
            " with λ > 0 (its second derivative is λ). Then "
            <MathTex tex=r"\nabla L = \lambda w" label="∇L = λw"/>
            " and one step gives "
            <MathTex tex=r"w \leftarrow (1 - \eta\lambda)\, w" label="w ← (1 − ηλ) w"/>
            ". Every step multiplies the distance to the minimum by 1 − ηλ, so:"
        </p>
        <ul>
            <li>"0 < ηλ ≤ 1: the factor is between 0 and 1, and w slides to 0 without overshooting (very slowly when ηλ is tiny: it crawls);"</li>
            <li>"1 < ηλ < 2: the factor is between −1 and 0, so w flips sign every step but still shrinks: it oscillates and converges;"</li>
            <li>"ηλ ≥ 2: the factor is −1 or below, so w does not shrink: it bounces for ever (at exactly 2) or grows: it diverges."</li>
        </ul>
        <p>
            "With two or more weights, a loss curves differently in different directions. For "
            <MathTex tex=r"x^2 + 10y^2" label="x² + 10y²"/>
            " the second derivative is 2 along x and 20 along y. Write λ_max for the sharpest "
            "such curvature (the next lesson defines it exactly, as the largest eigenvalue of "
            "the Hessian). Along that direction the same one-weight argument applies, so on a "
            "quadratic loss gradient descent converges exactly when "
            <MathTex tex=r"\eta < 2/\lambda_{\max}" label="η < 2/λ_max"/>
            ". On other losses λ_max changes from point to point, and the test describes "
            "the curvature where the descent is."
        </p>
        <p>
            "Move the slider (its scale is logarithmic: each notch multiplies η), click the map "
            "to move the start, or type another loss of x and y. The explorer says which regime "
            "η is in at the start, with the numbers, and what the run did. A run that blows up "
            "stops at its last finite step and says why."
        </p>
        <RateExplorer/>
        <h2>"A real model: linear regression with two features"</h2>
        <p>
            "A model predicts a target y from features. Linear regression with two features "
            "x₁, x₂ predicts"
        </p>
        <p>
            <MathTex tex=r"\hat y = w_1 x_1 + w_2 x_2 + b" label="ŷ = w₁x₁ + w₂x₂ + b" block=true/>
        </p>
        <p>
            "with three weights: w₁, w₂ and the bias b. On n examples "
            <MathTex tex=r"(x_{i1}, x_{i2}, y_i)" label="(xᵢ₁, xᵢ₂, yᵢ)"/>
            ", the mean squared error is the loss:"
        </p>
        <p>
            <MathTex
                tex=r"L(w_1, w_2, b) = \frac{1}{n}\sum_{i=1}^{n} (\hat y_i - y_i)^2"
                label="L(w₁, w₂, b) = (1/n) Σ (ŷᵢ − yᵢ)²"
                block=true
            />
        </p>
        <p>
            "By the chain rule (the derivative of the square is 2(ŷᵢ − yᵢ), and ∂ŷᵢ/∂w₁ = xᵢ₁, "
            "∂ŷᵢ/∂w₂ = xᵢ₂, ∂ŷᵢ/∂b = 1), its gradient has the three partials in the table "
            "below. This is why gradients matter in machine learning: these three numbers say "
            "how to change each weight to make the predictions less wrong, and training is "
            "nothing more than the update rule applied with them. A neural network's loss has "
            "millions of weights instead of three, and the same rule."
        </p>
        <p>
            "The data set has "
            {crate::models::linear_training::EXAMPLES}
            " examples generated from a seed: the features are drawn uniformly from [−2, 2], "
            "the targets come from weights drawn from the same seed, plus noise. Change the "
            "seed (or press \"New data\") and the same seed always gives the same data, so a link "
            "to this page shows the same training. The table checks the formulas as training "
            "runs: the same three partials are computed by the formulas and by the engine's "
            "automatic differentiation of L, and they agree to rounding error."
        </p>
        <p>
            "L is a quadratic function of the weights, so its curvature is the same everywhere, "
            "and the rule η < 2/λ_max is exact for training on all examples at once. Try an η "
            "above the value the trainer quotes and watch it diverge."
        </p>
        <RegressionTrainer/>
        <h2>"Mini-batches"</h2>
        <p>
            "Computing the gradient over every example costs one pass over the whole data set "
            "per step, which is too slow when there are millions of examples. Stochastic "
            "mini-batch gradient descent uses the same formulas over a small batch of examples "
            "(here 8, drawn without repetition from a fresh shuffle each pass over the data). "
            "Because every example is equally likely to be in a batch, the batch gradient equals "
            "the full gradient on average, but any one batch's gradient is off by some noise. "
            "Switch mini-batches on: the path on the weights map wanders and the loss curve "
            "jitters, yet it still ends near the best weights. With a fixed η it keeps jittering "
            "there instead of settling exactly; in practice η is lowered as training goes on."
        </p>
        <h2>"Momentum: remembering past steps"</h2>
        <p>
            "Back to the loss x² + 10y², with x and y as the two weights. An η small enough for "
            "the steep y direction (below 2/20 = 0.1) crawls along the flat x direction, and a "
            "larger one zig-zags across the valley. Momentum keeps a velocity v, a running sum "
            "of past steps:"
        </p>
        <p>
            <MathTex
                tex=r"\mathbf v \leftarrow \beta\,\mathbf v + \eta\,\nabla L(\mathbf w), \qquad \mathbf w \leftarrow \mathbf w - \mathbf v"
                label="v ← βv + η∇L(w), then w ← w − v"
                block=true
            />
        </p>
        <p>
            "The number β, between 0 and 1, says how much of the previous velocity is kept; "
            "with β = 0 this is plain gradient descent. Along x, where the gradient keeps "
            "pointing the same way, the steps add up and the run speeds up; across the valley, "
            "where the gradient flips sign every step, they cancel out. Nesterov momentum takes "
            "the gradient at w − βv, the point the velocity is about to carry w to, so it "
            "slows down before it overshoots."
        </p>
        <p>
            "Race them below: click the map to set the start, change η and β, and compare the "
            "step counts in the sentences. The chart shows L minus its lowest value on a "
            "logarithmic axis, so a straight falling line means the loss shrinks by the same "
            "factor every step. Push gradient descent's η past 0.1 and read why it diverges."
        </p>
        <OptimiserRace
            url_prefix="l6-race-"
            initial="x^2 + 10y^2"
            runners="gd,momentum,nesterov"
            offered="gd,momentum,nesterov"
            editor=false
        />
        <QuestionBox question=question name="descent-step" title="Try it: one step" on_new=next/>
    }
    .into_any()
}
