//! Lesson 12: gradients beyond basic machine learning. Image gradients and edges, optical
//! flow from brightness constancy, policy gradients with a known exact answer, and word
//! vectors pulled together by gradient descent.

use leptos::prelude::*;

use crate::models::bandit::Bandit;
use crate::tutor::format::format_value;
use crate::tutor::pitfall_questions::sobel_question;
use crate::tutor::SharedQuestion;
use crate::ui::prelude::*;
use std::sync::Arc;

/// The body of the lesson page.
pub fn body() -> AnyView {
    let seed = RwSignal::new(1u64);
    let question =
        Signal::derive(move || -> SharedQuestion { Arc::new(sobel_question(seed.get())) });
    let next = Callback::new(move |()| seed.update(|s| *s += 1));
    let bandit = Bandit::default();
    let means = [bandit.mean(0), bandit.mean(1), bandit.mean(2)];
    let lo = means.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    view! {
        <p>
            "So far the gradient has been a tool for training: it tells the weights which way "
            "to move. The same idea, the rate of change along each input, turns up in places "
            "that look quite different at first. This lesson visits four of them."
        </p>

        <h2>"Image gradients and edges"</h2>
        <p>
            "A grey image is a function I(x, y): the brightness of the pixel in column x and "
            "row y, from 0 (black) to 1 (white). Here rows are counted downwards, as on a "
            "screen, so y grows towards the bottom. Its partial derivatives say how fast the "
            "brightness changes to the right and downwards, and where they are large there "
            "is an edge."
        </p>
        <p>
            "An image has no formula to differentiate, only samples one pixel apart, so the "
            "derivatives are estimated from neighbours. The plain central difference is"
        </p>
        <p>
            <MathTex
                tex=r"\frac{\partial I}{\partial x}(x, y) \approx \frac{I(x+1, y) - I(x-1, y)}{2}"
                label="∂I/∂x (x, y) ≈ (I(x+1, y) − I(x−1, y)) / 2"
                block=true
            />
        </p>
        <p>
            "The Sobel estimate does the same on the rows above and below as well and "
            "weights them 1, 2, 1, which averages away some noise. Both are a 3 × 3 grid of "
            "weights (a kernel) laid over each pixel's neighbourhood: multiply entry by "
            "entry, add up, divide by the kernel's scale (8 for Sobel, 2 for central "
            "differences). Tap any pixel of the image to see that sum worked out."
        </p>
        <p>
            "The two partials form the image gradient ∇I = [∂I/∂x, ∂I/∂y]. As for any "
            "function, it points the way the brightness rises fastest and its length |∇I| "
            "is that rate, so a threshold on |∇I| marks edges. Try the soft gradient with "
            "noise: central differences respond to every speck of noise, Sobel less so. Then "
            "draw on the image with a finger or the mouse and watch every map follow."
        </p>
        <div class="widget">
            <h3>"Edges of an image"</h3>
            <ImageLab/>
        </div>
        <p>
            "Why it matters for ML: the first layer of a convolutional network slides small "
            "kernels like these over an image. In networks trained on photographs, many of "
            "the learned first-layer kernels end up looking like edge detectors. The "
            "difference is that the network finds its kernels' weights by gradient descent "
            "instead of being given them."
        </p>
        <QuestionBox question=question name="sobel" title="Try it: the Sobel sum" on_new=next/>

        <h2>"Optical flow"</h2>
        <p>
            "Take two frames of a video a moment apart. Optical flow is the motion (u, v), in "
            "pixels per frame, that carries each patch of the first frame to the second. "
            "Assume a point keeps its brightness as it moves: I(x + u, y + v, t + 1) = "
            "I(x, y, t). If the motion is small (about a pixel or less) and the image is "
            "smooth, a first-order Taylor expansion turns this into one linear equation per "
            "pixel, the brightness-constancy equation:"
        </p>
        <p>
            <MathTex
                tex=r"I_x u + I_y v + I_t = 0"
                label="I_x u + I_y v + I_t = 0"
                block=true
            />
        </p>
        <p>
            "Here I_x and I_y are the image's partial derivatives, as above, and I_t is the "
            "change in brightness from one frame to the next. It is the gradient again: "
            "∇I · (u, v) = −I_t. One equation cannot fix two unknowns, so Lucas–Kanade "
            "assumes that every pixel in a small window moves the same way and solves the "
            "window's equations by least squares. That needs the 2 × 2 matrix"
        </p>
        <p>
            <MathTex
                tex=r"M = \begin{bmatrix} \sum I_x^2 & \sum I_x I_y \\ \sum I_x I_y & \sum I_y^2 \end{bmatrix}"
                label="M = [[Σ I_x², Σ I_x I_y], [Σ I_x I_y, Σ I_y²]]"
                block=true
            />
        </p>
        <p>
            "(the structure tensor) to be invertible. Its eigenvalues say why it may not be, "
            "as the Hessian's did in lesson 7: two large eigenvalues mean the window has "
            "texture in two directions and the motion is determined; one tiny eigenvalue "
            "means every gradient in the window points the same way, as on a straight edge. "
            "Then sliding along the edge changes nothing in the window, and only the motion "
            "across the edge can be measured. This is the aperture problem. Each ellipse "
            "below has axes in proportion to the square roots of its window's eigenvalues: "
            "round ellipses are well determined, flat ones are edges."
        </p>
        <div class="widget">
            <h3>"Lucas–Kanade on a moving scene"</h3>
            <FlowLab/>
        </div>

        <h2>"Policy gradients"</h2>
        <p>
            "In reinforcement learning an agent picks actions and receives rewards, and "
            "there is no formula for the reward to differentiate. Policy gradients get "
            "around this. Take the smallest example: a slot machine with three arms. The "
            "agent picks arm a with probability given by a softmax of preferences θ,"
        </p>
        <p>
            <MathTex
                tex=r"\pi(a) = \frac{e^{\theta_a}}{\sum_b e^{\theta_b}}, \qquad J(\theta) = \sum_a \pi(a)\, q(a)"
                label="π(a) = e^(θ_a) / Σ_b e^(θ_b),  J(θ) = Σ_a π(a) q(a)"
                block=true
            />
        </p>
        <p>
            "where q(a) is arm a's average reward and J the expected reward. Here the q(a) "
            "are known, so the exact gradient is too:"
        </p>
        <p>
            <MathTex
                tex=r"\nabla J = \sum_a \pi(a)\,\bigl(q(a) - J\bigr)\,\nabla \log \pi(a)"
                label="∇J = Σ_a π(a) (q(a) − J) ∇log π(a)"
                block=true
            />
        </p>
        <p>
            "An agent that does not know q can still estimate ∇J from experience: pull one "
            "arm a, see reward r, and use (r − b)∇log π(a). This is REINFORCE. Its average "
            "over many pulls is the exact gradient for any baseline b that does not depend "
            "on the arm pulled, but each single estimate is noisy, and how noisy depends on "
            "b. Compare the two clouds of estimates: with b = 0 every average reward is "
            "between " {format_value(lo)} " and " {format_value(hi)} ", so every estimate is "
            "large and points wherever the pulled arm says; with b near J only the "
            "difference from the average counts. Adding the same number to every "
            "θ changes no probability, so every gradient here has entries summing to 0 and "
            "the picture shows that plane exactly (θ₃ is held at 0)."
        </p>
        <div class="widget">
            <h3>"REINFORCE beside the exact gradient"</h3>
            <BanditLab/>
        </div>

        <h2>"Embeddings and attention"</h2>
        <p>
            "Language models represent each word by a vector of numbers, an embedding, and "
            "learn those vectors by gradient descent like any other weights. A simple loss "
            "makes the dot product of related words large and positive and that of "
            "unrelated words negative: for a pair with label s = +1 (related) or −1 "
            "(unrelated) the loss is −log σ(s · uᵢ · uⱼ), plus a small penalty on each "
            "vector's length. Its gradient with respect to uᵢ is a multiple of uⱼ, so each "
            "step pulls a related word's vector towards its partner and pushes an unrelated "
            "one away. Attention, the core of transformer models, compares vectors by the "
            "same dot products, and its weights are learned by the same gradients. Below, "
            "six words start at random; press Step and watch the groups form."
        </p>
        <div class="widget">
            <h3>"Word vectors, one step at a time"</h3>
            <EmbeddingLab/>
        </div>
    }
    .into_any()
}
