//! Lesson 8: worked models. Logistic regression on two features trained live on data the
//! learner makes, with the mean cross-entropy and its gradient Xᵀ(p − y)/n checked against the
//! engine; and one dense layer z = Wx + b, a = σ(z) taken forward and backward with every
//! shape, where ∂L/∂W is the outer product δxᵀ.

use std::sync::Arc;

use leptos::prelude::*;

use crate::models::dataset::{two_blobs, LabeledPoint};
use crate::models::dense::Layer;
use crate::models::logistic::{gradient, mean_loss, summed_gradient, Loss, Trainer, Weights};
use crate::tutor::format::format_value;
use crate::tutor::model_questions::weight_gradient_question;
use crate::tutor::SharedQuestion;
use crate::ui::prelude::*;

/// The three points of the curriculum's erratum, with the weights it uses.
fn erratum_example() -> (Vec<LabeledPoint>, Weights) {
    (
        vec![
            LabeledPoint::new(2.0, 3.0, false),
            LabeledPoint::new(1.0, 1.0, true),
            LabeledPoint::new(4.0, 5.0, true),
        ],
        Weights {
            w: [-0.5, 0.3],
            b: -0.5,
        },
    )
}

/// The body of the lesson page.
pub fn body() -> AnyView {
    // Numbers quoted in the text, computed by the models as the page loads.
    let blobs = two_blobs(1, 40);
    let start_loss = mean_loss(Loss::CrossEntropy, &Weights::default(), &blobs);
    let mut run = Trainer::new(Loss::CrossEntropy, 0.5, Weights::default());
    run.run(&blobs, 300);
    let after_300 = run.history.last().copied().unwrap_or(f64::NAN);
    let (three, w3) = erratum_example();
    let mean_b = gradient(Loss::CrossEntropy, &w3, &three).b;
    let summed_b = summed_gradient(Loss::CrossEntropy, &w3, &three).b;
    // The largest layer the graph shows, checked as the text claims.
    let big = Layer::seeded(4, 4, 1);
    let big_check = {
        let back = big.backward(&big.forward());
        let (nw, nb) = big.central_difference(1e-5);
        let f: Vec<f64> = back
            .dl_dw
            .as_slice()
            .iter()
            .chain(&back.delta)
            .copied()
            .collect();
        let c: Vec<f64> = nw.as_slice().iter().chain(&nb).copied().collect();
        crate::math::relative_error(&f, &c)
    };
    let seed = RwSignal::new(1u64);
    let question = Signal::derive(move || -> SharedQuestion {
        Arc::new(weight_gradient_question(seed.get()))
    });
    let next = Callback::new(move |()| seed.update(|s| *s += 1));
    view! {
        <p>
            "The last two lessons used gradients on formulas chosen to be looked at. Here they "
            "train two small models of the kind every neural network is built from: a classifier "
            "that learns to separate two kinds of points, and one layer of a network taken "
            "forward and backward by hand."
        </p>
        <h2>"Logistic regression"</h2>
        <p>
            "A point has two features x₁ and x₂ and a label y that is 0 or 1 (spam or not, "
            "tumour or not). Logistic regression first computes a weighted sum, the "
            <em>"logit"</em>
            ", and then squashes it into a probability with the logistic (sigmoid) function σ:"
        </p>
        <p>
            <MathTex
                tex=r"z = w_1 x_1 + w_2 x_2 + b, \qquad p = \sigma(z) = \frac{1}{1 + e^{-z}}"
                label="z = w₁x₁ + w₂x₂ + b, p = σ(z) = 1/(1 + e^(−z))"
                block=true
            />
        </p>
        <p>
            "p is the model's probability that the label is 1. It is exactly ½ where z = 0, so "
            "the line w₁x₁ + w₂x₂ + b = 0 is the "
            <em>"decision boundary"</em>
            ": on one side the model says class 1, on the other class 0. The weights w₁, w₂ tilt "
            "the line and b shifts it."
        </p>
        <p>
            "How wrong is the model? For one point, the cross-entropy is −ln p when y = 1 and "
            "−ln(1 − p) when y = 0: near 0 when the model gives the right class a probability "
            "near 1, and large when it is confidently wrong. The loss of the whole data set is "
            "the "
            <strong>"mean"</strong>
            " over its n points:"
        </p>
        <p>
            <MathTex
                tex=r"L(w_1, w_2, b) = -\frac{1}{n}\sum_{i=1}^{n}\bigl[y_i \ln p_i + (1 - y_i)\ln(1 - p_i)\bigr]"
                label="L(w₁, w₂, b) = −(1/n) Σ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)]"
                block=true
            />
        </p>
        <p>
            "Its partial derivatives come out remarkably simple. By the chain rule, the slope of "
            "one point's loss with respect to its logit is pᵢ − yᵢ (the σ′ from the sigmoid cancels "
            "against the 1/p from the logarithm), and ∂zᵢ/∂wⱼ = xᵢⱼ, ∂zᵢ/∂b = 1. Averaging:"
        </p>
        <p>
            <MathTex
                tex=r"\frac{\partial L}{\partial w_j} = \frac{1}{n}\sum_{i=1}^{n}(p_i - y_i)\,x_{ij}, \qquad \frac{\partial L}{\partial b} = \frac{1}{n}\sum_{i=1}^{n}(p_i - y_i)"
                label="∂L/∂wⱼ = (1/n) Σ (pᵢ − yᵢ) xᵢⱼ, ∂L/∂b = (1/n) Σ (pᵢ − yᵢ)"
                block=true
            />
        </p>
        <p>
            "With the features stacked as the rows of a matrix X (n × 2), the first is "
            <MathTex tex=r"\partial L/\partial \mathbf w = X^\top(\mathbf p - \mathbf y)/n" label="∂L/∂w = Xᵀ(p − y)/n"/>
            ". Each point pulls on the weights in proportion to its error p − y and its features."
        </p>
        <div class="example">
            <p>
                <strong>"A correction to the course text. "</strong>
                "The course writes the loss as a sum over the points but its gradient as the "
                "mean, Xᵀ(p − y)/n. Those two do not belong together: the gradient of the sum is n "
                "times larger. On three points (2, 3) with label 0, (1, 1) and (4, 5) with label 1, "
                "at w = [−0.5, 0.3], b = −0.5, the summed loss has ∂/∂b = "
                {format_value(summed_b)}
                " but the mean loss has ∂/∂b = "
                {format_value(mean_b)}
                ". This page uses the mean for both, as libraries do: then the size of a "
                "gradient-descent step does not grow with the amount of data."
            </p>
        </div>
        <h3>"Train it on your own data"</h3>
        <p>
            "Click or tap the plane to add points of the chosen class, generate two blobs, or "
            "paste rows of CSV. Then press Train: each animation frame takes as many "
            "gradient-descent steps w ← w − η∇L as fit in about 10 ms. The tint shows p "
            "(stronger colour, more certain), the black line is the boundary p = 0.5, and the "
            "chart below plots the mean loss after each step. With both weights and b at 0, "
            "p = ½ for every point and the loss is ln 2 ≈ "
            {format_value(start_loss)}
            ", the loss of a coin toss; on the default blobs, 300 steps with η = 0.5 bring it "
            "down to "
            {format_value(after_300)}
            "."
        </p>
        <div class="widget">
            <LogisticTrainer url_prefix="l8-"/>
        </div>
        <h2>"One layer of a network, forward and backward"</h2>
        <p>
            "A dense layer takes n inputs to m outputs. It stores a weight matrix W with m rows "
            "and n columns and a bias vector b with m entries, and computes"
        </p>
        <p>
            <MathTex
                tex=r"\mathbf z = W\mathbf x + \mathbf b, \qquad \mathbf a = \sigma(\mathbf z), \qquad L = \tfrac12 \lVert \mathbf a - \mathbf y \rVert^2"
                label="z = Wx + b, a = σ(z), L = ½‖a − y‖²"
                block=true
            />
        </p>
        <p>
            "where σ acts on each entry and y is the target output. Logistic regression above is "
            "the case m = 1, n = 2 (with a different loss). Drawn as a computation graph, each "
            "node is one intermediate result, and the backward pass walks the graph from L back "
            "to the parameters, multiplying by one local derivative per edge (the chain rule). "
            "Every adjoint ∂L/∂(node) has the same shape as its node, which is a handy check:"
        </p>
        <ul>
            <li>"∂L/∂a = a − y, then δ = ∂L/∂z = ∂L/∂a ⊙ σ′(z), an element-wise product (⊙) of two m-vectors, with σ′(z) = a ⊙ (1 − a);"</li>
            <li>"∂L/∂W = δxᵀ: an m × 1 column times a 1 × n row, the outer product, whose entry (i, j) is δᵢxⱼ, because Wᵢⱼ only affects zᵢ, and by xⱼ;"</li>
            <li>"∂L/∂b = δ, because b is added straight to z; and ∂L/∂x = Wᵀδ, which a layer below would carry on with."</li>
        </ul>
        <div class="example">
            <p>
                <strong>"A second correction. "</strong>
                "The course text computes the weight gradient as dL_da * da_dz * x. In NumPy, * "
                "multiplies element-wise, so with m ≠ n (both above 1) that line stops with a "
                "broadcasting error, and with m = n it silently returns n numbers instead of an "
                "m × n matrix. The gradient is the outer product np.outer(delta, x). For a 4 × 4 "
                "layer the outer product matches central differences with a relative error of "
                {crate::math::format::format_scientific(big_check, 1)}
                "."
            </p>
        </div>
        <p>
            "Pick m and n, then step through the graph: forward fills in values node by node, "
            "backward fills in adjoints from L down to x, each with its shape."
        </p>
        <div class="widget">
            <LayerGraph url_prefix="l8g-"/>
        </div>
        <p>
            <strong>"Why it matters. "</strong>
            "The last layer of almost every classifier network is exactly this model: a "
            "weighted sum, a sigmoid (or its many-class cousin, softmax) and cross-entropy. "
            "The gradient p − y at the logit is what starts the backward pass through the whole "
            "network, so the sum-versus-mean slip above would multiply every weight update in "
            "the network by the batch size: 256 times too large for a typical batch of 256. "
            "And a real hidden layer is the graph above at scale: a 128 × 784 layer reading a "
            "28 × 28 image has a ∂L/∂W = δxᵀ with "
            {(128 * 784).to_string()}
            " entries, all from one 128-vector and one 784-vector: one multiplication per entry, "
            "as many as Wx took going forward."
        </p>
        <QuestionBox
            question=question
            name="weight-gradient"
            title="Try it: the gradient for one weight"
            on_new=next
        />
    }
    .into_any()
}
