//! Lesson 12: gradients beyond basic machine learning. Image gradients and edges, optical
//! flow from brightness constancy, policy gradients with a known exact answer, and word
//! vectors pulled together by gradient descent.

use leptos::prelude::*;

use crate::ui::image_lab::ImageLab;
use crate::ui::math_view::MathTex;

/// The body of the lesson page.
pub fn body() -> AnyView {
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
            "kernels like these over an image, and after training many of them look like "
            "edge detectors. The difference is that the network learns its kernels' weights "
            "by gradient descent instead of being given them."
        </p>
    }
    .into_any()
}
