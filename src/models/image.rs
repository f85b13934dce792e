//! Image gradients: grey images generated in code (a disc, a checkerboard, a soft ramp with
//! noise, text) or drawn with a round brush, their partial derivatives `∂I/∂x` and `∂I/∂y` by
//! Sobel or plain central differences, the magnitude `|∇I|`, the direction, thresholded edges,
//! the 3 × 3 patch × kernel breakdown behind one pixel's value, and the directional derivative
//! `D_u I = ∇I · u` over the whole image.
//!
//! Coordinates are those of images: x grows to the right, y grows **down**, so `∂I/∂y` is
//! positive where the image brightens downwards. Borders repeat the edge pixel. Intensities are
//! `f32` in [0, 1]; a 256 × 256 image is recomputed in well under a frame. Nothing panics: a
//! zero-sized image gives empty maps, and lookups outside the image give `None`.

use crate::math::SplitMix64;

/// A grey image, row-major, intensities in [0, 1].
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `pixels[y * width + x]`.
    pub pixels: Vec<f32>,
}

/// The largest side an image may have (larger requests are clamped).
pub const MAX_SIDE: usize = 1024;

/// The built-in test images.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestImage {
    /// A bright disc on a dark ground, with a smooth one-pixel rim.
    Disc,
    /// An 8 × 8 checkerboard.
    Checkerboard,
    /// A diagonal ramp with seeded noise.
    SoftGradient,
    /// The word NABLA in blocky letters.
    Text,
    /// An empty canvas to draw on.
    Blank,
}

impl TestImage {
    /// All choices, in menu order.
    pub const ALL: [TestImage; 5] = [
        TestImage::Disc,
        TestImage::Checkerboard,
        TestImage::SoftGradient,
        TestImage::Text,
        TestImage::Blank,
    ];

    /// The key used in the address.
    pub fn key(self) -> &'static str {
        match self {
            TestImage::Disc => "disc",
            TestImage::Checkerboard => "checker",
            TestImage::SoftGradient => "ramp",
            TestImage::Text => "text",
            TestImage::Blank => "draw",
        }
    }

    /// The choice with this key.
    pub fn from_key(key: &str) -> Option<TestImage> {
        TestImage::ALL.into_iter().find(|t| t.key() == key)
    }

    /// A menu label.
    pub fn label(self) -> &'static str {
        match self {
            TestImage::Disc => "Disc",
            TestImage::Checkerboard => "Checkerboard",
            TestImage::SoftGradient => "Soft gradient with noise",
            TestImage::Text => "Text",
            TestImage::Blank => "Draw your own",
        }
    }

    /// The image at `size × size` (noise from `seed`).
    pub fn render(self, size: usize, seed: u64) -> Image {
        match self {
            TestImage::Disc => Image::disc(size),
            TestImage::Checkerboard => Image::checkerboard(size, 8),
            TestImage::SoftGradient => Image::soft_gradient(size, seed),
            TestImage::Text => Image::text(size),
            TestImage::Blank => Image::blank(size, size),
        }
    }
}

const GLYPHS: [(char, [u8; 7]); 4] = [
    (
        'N',
        [
            0b10001, 0b11001, 0b10101, 0b10011, 0b10001, 0b10001, 0b10001,
        ],
    ),
    (
        'A',
        [
            0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001,
        ],
    ),
    (
        'B',
        [
            0b11110, 0b10001, 0b10001, 0b11110, 0b10001, 0b10001, 0b11110,
        ],
    ),
    (
        'L',
        [
            0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111,
        ],
    ),
];

impl Image {
    /// An all-black image (sides clamped to [`MAX_SIDE`]).
    pub fn blank(width: usize, height: usize) -> Image {
        let width = width.min(MAX_SIDE);
        let height = height.min(MAX_SIDE);
        Image {
            width,
            height,
            pixels: vec![0.0; width * height],
        }
    }

    /// An image from a function of the pixel centre `(x, y)`, clamped to [0, 1].
    pub fn from_fn(width: usize, height: usize, f: impl Fn(f64, f64) -> f64) -> Image {
        let mut img = Image::blank(width, height);
        let w = img.width;
        for (i, p) in img.pixels.iter_mut().enumerate() {
            let v = f((i % w) as f64, (i / w) as f64);
            *p = if v.is_finite() {
                v.clamp(0.0, 1.0) as f32
            } else {
                0.0
            };
        }
        img
    }

    /// A disc of radius 0.3·size in the middle.
    pub fn disc(size: usize) -> Image {
        let c = (size as f64 - 1.0) / 2.0;
        let r = 0.3 * size as f64;
        Image::from_fn(size, size, |x, y| {
            let d = (x - c).hypot(y - c);
            0.1 + 0.8 * (r - d + 0.5).clamp(0.0, 1.0)
        })
    }

    /// A checkerboard of `cells × cells` squares.
    pub fn checkerboard(size: usize, cells: usize) -> Image {
        let cell = (size / cells.max(1)).max(1);
        Image::from_fn(size, size, |x, y| {
            let on = ((x as usize / cell) + (y as usize / cell)) % 2 == 0;
            if on {
                0.85
            } else {
                0.15
            }
        })
    }

    /// A diagonal ramp from dark (top left) to light (bottom right) with uniform noise of
    /// amplitude ±0.05 drawn from `seed`.
    pub fn soft_gradient(size: usize, seed: u64) -> Image {
        let mut rng = SplitMix64(seed);
        let s = size.max(1) as f64;
        let mut img = Image::from_fn(size, size, |x, y| 0.15 + 0.7 * (x + y) / (2.0 * s));
        for p in &mut img.pixels {
            *p = (*p + (rng.next_f64() as f32 - 0.5) * 0.1).clamp(0.0, 1.0);
        }
        img
    }

    /// The word NABLA, light on dark, as large as fits.
    pub fn text(size: usize) -> Image {
        let word = "NABLA";
        let cols = word.len() * 6 - 1;
        let scale = (size * 9 / 10 / cols).max(1);
        let x0 = size.saturating_sub(cols * scale) / 2;
        let y0 = size.saturating_sub(7 * scale) / 2;
        let mut img = Image::from_fn(size, size, |_, _| 0.1);
        for (k, ch) in word.chars().enumerate() {
            let Some((_, rows)) = GLYPHS.iter().find(|(c, _)| *c == ch) else {
                continue;
            };
            for (r, bits) in rows.iter().enumerate() {
                for c in 0..5 {
                    if bits & (1 << (4 - c)) == 0 {
                        continue;
                    }
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let x = x0 + (k * 6 + c) * scale + dx;
                            let y = y0 + r * scale + dy;
                            img.set(x, y, 0.9);
                        }
                    }
                }
            }
        }
        img
    }

    /// The intensity at `(x, y)`, or `None` outside.
    pub fn get(&self, x: usize, y: usize) -> Option<f32> {
        if x < self.width && y < self.height {
            self.pixels.get(y * self.width + x).copied()
        } else {
            None
        }
    }

    /// Sets the intensity at `(x, y)` (ignored outside).
    pub fn set(&mut self, x: usize, y: usize, v: f32) {
        if x < self.width && y < self.height {
            if let Some(p) = self.pixels.get_mut(y * self.width + x) {
                *p = v.clamp(0.0, 1.0);
            }
        }
    }

    /// Paints a round brush of `radius` pixels at `(cx, cy)` with intensity `ink`, blending
    /// with a soft one-pixel rim (brighter ink wins where it covers).
    pub fn brush(&mut self, cx: f64, cy: f64, radius: f64, ink: f32) {
        if !(cx.is_finite() && cy.is_finite() && radius.is_finite()) || radius <= 0.0 {
            return;
        }
        let radius = radius.min(MAX_SIDE as f64);
        let x0 = (cx - radius - 1.0).floor().max(0.0) as usize;
        let y0 = (cy - radius - 1.0).floor().max(0.0) as usize;
        let x1 = ((cx + radius + 1.0).ceil().max(0.0) as usize).min(self.width);
        let y1 = ((cy + radius + 1.0).ceil().max(0.0) as usize).min(self.height);
        let ink = ink.clamp(0.0, 1.0);
        for y in y0..y1 {
            for x in x0..x1 {
                let d = (x as f64 - cx).hypot(y as f64 - cy);
                let cover = (radius - d + 0.5).clamp(0.0, 1.0) as f32;
                if cover <= 0.0 {
                    continue;
                }
                if let Some(p) = self.pixels.get_mut(y * self.width + x) {
                    *p = *p + (ink - *p) * cover;
                }
            }
        }
    }

    /// A stroke from `a` to `b`: brush stamps every half radius along the segment (at most
    /// 4096 stamps).
    pub fn stroke(&mut self, a: [f64; 2], b: [f64; 2], radius: f64, ink: f32) {
        let len = (b[0] - a[0]).hypot(b[1] - a[1]);
        if !len.is_finite() || !radius.is_finite() || radius <= 0.0 {
            return;
        }
        let n = ((len / (radius * 0.5)).ceil() as usize).clamp(1, 4096);
        for k in 0..=n {
            let t = k as f64 / n as f64;
            self.brush(
                a[0] + (b[0] - a[0]) * t,
                a[1] + (b[1] - a[1]) * t,
                radius,
                ink,
            );
        }
    }
}

/// How the partial derivatives are estimated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// Sobel: central differences smoothed 1-2-1 across; the raw sum divided by 8.
    Sobel,
    /// Plain central differences `(I(x+1) − I(x−1))/2`.
    Central,
}

/// Which partial derivative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// ∂I/∂x (to the right).
    X,
    /// ∂I/∂y (downwards).
    Y,
}

impl Kernel {
    /// Both kernels.
    pub const ALL: [Kernel; 2] = [Kernel::Sobel, Kernel::Central];

    /// The key used in the address.
    pub fn key(self) -> &'static str {
        match self {
            Kernel::Sobel => "sobel",
            Kernel::Central => "central",
        }
    }

    /// The kernel with this key.
    pub fn from_key(key: &str) -> Option<Kernel> {
        Kernel::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The 3 × 3 weights (rows top to bottom) for `axis`, before the divisor.
    pub fn weights(self, axis: Axis) -> [[f32; 3]; 3] {
        let x = match self {
            Kernel::Sobel => [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]],
            Kernel::Central => [[0.0, 0.0, 0.0], [-1.0, 0.0, 1.0], [0.0, 0.0, 0.0]],
        };
        match axis {
            Axis::X => x,
            Axis::Y => {
                let mut t = [[0.0; 3]; 3];
                for (r, row) in x.iter().enumerate() {
                    for (c, &v) in row.iter().enumerate() {
                        t[c][r] = v;
                    }
                }
                t
            }
        }
    }

    /// What the weighted sum is divided by to estimate the derivative per pixel.
    pub fn divisor(self) -> f32 {
        match self {
            Kernel::Sobel => 8.0,
            Kernel::Central => 2.0,
        }
    }
}

/// The partial derivatives of an image.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// ∂I/∂x per pixel.
    pub gx: Vec<f32>,
    /// ∂I/∂y per pixel (y down).
    pub gy: Vec<f32>,
}

/// Both partial derivatives of `img` with `kernel` (edge pixels repeated at the border).
pub fn gradients(img: &Image, kernel: Kernel) -> Gradients {
    let (w, h) = (img.width, img.height);
    let n = w * h;
    let mut gx = vec![0.0f32; n];
    let mut gy = vec![0.0f32; n];
    if n == 0 || img.pixels.len() != n {
        return Gradients {
            width: w,
            height: h,
            gx: vec![0.0; n],
            gy: vec![0.0; n],
        };
    }
    let p = &img.pixels;
    let div = kernel.divisor();
    for y in 0..h {
        let rm = y.saturating_sub(1) * w;
        let r0 = y * w;
        let rp = (y + 1).min(h - 1) * w;
        for x in 0..w {
            let xm = x.saturating_sub(1);
            let xp = (x + 1).min(w - 1);
            let (dx, dy) = match kernel {
                Kernel::Sobel => {
                    let a = p[rm + xm];
                    let b = p[rm + x];
                    let c = p[rm + xp];
                    let d = p[r0 + xm];
                    let f = p[r0 + xp];
                    let g = p[rp + xm];
                    let hh = p[rp + x];
                    let i = p[rp + xp];
                    (
                        (c + 2.0 * f + i) - (a + 2.0 * d + g),
                        (g + 2.0 * hh + i) - (a + 2.0 * b + c),
                    )
                }
                Kernel::Central => (p[r0 + xp] - p[r0 + xm], p[rp + x] - p[rm + x]),
            };
            gx[r0 + x] = dx / div;
            gy[r0 + x] = dy / div;
        }
    }
    Gradients {
        width: w,
        height: h,
        gx,
        gy,
    }
}

impl Gradients {
    /// |∇I| per pixel.
    pub fn magnitude(&self) -> Vec<f32> {
        self.gx
            .iter()
            .zip(&self.gy)
            .map(|(a, b)| a.hypot(*b))
            .collect()
    }

    /// The direction of ∇I per pixel, in radians from +x towards +y (down), in (−π, π].
    pub fn direction(&self) -> Vec<f32> {
        self.gx
            .iter()
            .zip(&self.gy)
            .map(|(a, b)| b.atan2(*a))
            .collect()
    }

    /// `D_u I = ∇I · u` per pixel for the unit vector at `angle` radians (from +x towards +y).
    pub fn directional(&self, angle: f64) -> Vec<f32> {
        let (s, c) = if angle.is_finite() {
            angle.sin_cos()
        } else {
            (0.0, 1.0)
        };
        let (s, c) = (s as f32, c as f32);
        self.gx
            .iter()
            .zip(&self.gy)
            .map(|(a, b)| a * c + b * s)
            .collect()
    }

    /// Pixels whose |∇I| exceeds `threshold`.
    pub fn edges(&self, threshold: f32) -> Vec<bool> {
        self.gx
            .iter()
            .zip(&self.gy)
            .map(|(a, b)| a.hypot(*b) > threshold)
            .collect()
    }

    /// The largest |∇I| (0 for an empty or flat image).
    pub fn max_magnitude(&self) -> f32 {
        self.gx
            .iter()
            .zip(&self.gy)
            .map(|(a, b)| a.hypot(*b))
            .filter(|v| v.is_finite())
            .fold(0.0, f32::max)
    }

    /// `(∂I/∂x, ∂I/∂y)` at a pixel, or `None` outside.
    pub fn at(&self, x: usize, y: usize) -> Option<(f32, f32)> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = y * self.width + x;
        Some((*self.gx.get(i)?, *self.gy.get(i)?))
    }
}

/// How one pixel's derivative is computed: its 3 × 3 neighbourhood times the kernel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PatchBreakdown {
    /// The neighbourhood (rows top to bottom; border pixels repeated).
    pub patch: [[f32; 3]; 3],
    /// The kernel weights.
    pub kernel: [[f32; 3]; 3],
    /// Patch × kernel, entry by entry.
    pub products: [[f32; 3]; 3],
    /// The sum of the products.
    pub sum: f32,
    /// What the sum is divided by.
    pub divisor: f32,
    /// `sum / divisor`: the derivative estimate, equal to the map's value at the pixel.
    pub derivative: f32,
}

/// The breakdown of `kernel` along `axis` at pixel `(x, y)`, or `None` outside the image.
pub fn breakdown(
    img: &Image,
    x: usize,
    y: usize,
    kernel: Kernel,
    axis: Axis,
) -> Option<PatchBreakdown> {
    if x >= img.width || y >= img.height {
        return None;
    }
    let weights = kernel.weights(axis);
    let mut patch = [[0.0f32; 3]; 3];
    let mut products = [[0.0f32; 3]; 3];
    let mut sum = 0.0f32;
    for (r, dy) in [-1i64, 0, 1].into_iter().enumerate() {
        for (c, dx) in [-1i64, 0, 1].into_iter().enumerate() {
            let yy = (y as i64 + dy).clamp(0, img.height as i64 - 1) as usize;
            let xx = (x as i64 + dx).clamp(0, img.width as i64 - 1) as usize;
            let v = img.get(xx, yy)?;
            patch[r][c] = v;
            products[r][c] = v * weights[r][c];
        }
    }
    // Sum in the same order as `gradients` so the two agree exactly.
    let pos: f32 = (0..3)
        .flat_map(|r| (0..3).map(move |c| (r, c)))
        .filter(|&(r, c)| weights[r][c] > 0.0)
        .map(|(r, c)| products[r][c])
        .sum();
    let neg: f32 = (0..3)
        .flat_map(|r| (0..3).map(move |c| (r, c)))
        .filter(|&(r, c)| weights[r][c] < 0.0)
        .map(|(r, c)| -products[r][c])
        .sum();
    sum += pos - neg;
    let divisor = kernel.divisor();
    Some(PatchBreakdown {
        patch,
        kernel: weights,
        products,
        sum,
        divisor,
        derivative: sum / divisor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step_edge(size: usize, at: usize) -> Image {
        Image::from_fn(size, size, |x, _| if (x as usize) < at { 0.0 } else { 1.0 })
    }

    #[test]
    fn sobel_responds_to_a_vertical_step_edge_on_its_two_sides_only() {
        let img = step_edge(16, 8);
        let g = gradients(&img, Kernel::Sobel);
        for y in 0..16 {
            for x in 0..16 {
                let (dx, dy) = g.at(x, y).unwrap();
                let expected = if x == 7 || x == 8 { 0.5 } else { 0.0 };
                assert!((dx - expected).abs() < 1e-6, "({x},{y}): {dx}");
                assert!(dy.abs() < 1e-6, "({x},{y}): {dy}");
            }
        }
        let b = breakdown(&img, 7, 5, Kernel::Sobel, Axis::X).unwrap();
        assert!((b.sum - 4.0).abs() < 1e-6, "{b:?}");
        assert!((b.derivative - 0.5).abs() < 1e-6);
        assert_eq!(b.patch[1], [0.0, 0.0, 1.0]);
        let edges = g.edges(0.25);
        assert_eq!(edges.iter().filter(|&&e| e).count(), 2 * 16);
        // The direction at the edge points across it, to the right (angle 0).
        assert!(g.direction()[5 * 16 + 7].abs() < 1e-6);
    }

    #[test]
    fn central_differences_match_a_ramp_slope_and_directional_derivative() {
        let img = Image::from_fn(20, 20, |x, y| 0.01 * x + 0.02 * y);
        for kernel in Kernel::ALL {
            let g = gradients(&img, kernel);
            let (dx, dy) = g.at(10, 10).unwrap();
            assert!(
                (dx - 0.01).abs() < 1e-6 && (dy - 0.02).abs() < 1e-6,
                "{kernel:?}"
            );
            let along = g.directional(std::f64::consts::FRAC_PI_4)[10 * 20 + 10];
            assert!((along - 0.03 / 2f32.sqrt()).abs() < 1e-6);
        }
    }

    #[test]
    fn breakdown_equals_the_map_everywhere() {
        let img = Image::soft_gradient(24, 3);
        for kernel in Kernel::ALL {
            let g = gradients(&img, kernel);
            for &(x, y) in &[(0, 0), (23, 23), (5, 17), (0, 12), (12, 23)] {
                let bx = breakdown(&img, x, y, kernel, Axis::X).unwrap();
                let by = breakdown(&img, x, y, kernel, Axis::Y).unwrap();
                let (dx, dy) = g.at(x, y).unwrap();
                assert!((bx.derivative - dx).abs() < 1e-6, "{kernel:?} ({x},{y})");
                assert!((by.derivative - dy).abs() < 1e-6, "{kernel:?} ({x},{y})");
            }
        }
    }

    #[test]
    fn test_images_have_edges_where_expected() {
        let disc = Image::disc(64);
        let g = gradients(&disc, Kernel::Sobel);
        assert!(g.at(32, 32).unwrap().0.abs() < 1e-6, "flat centre");
        assert!(g.max_magnitude() > 0.2);
        let text = Image::text(256);
        assert!(
            gradients(&text, Kernel::Sobel)
                .edges(0.2)
                .iter()
                .filter(|&&e| e)
                .count()
                > 500
        );
        let checker = Image::checkerboard(64, 8);
        assert!(gradients(&checker, Kernel::Central).max_magnitude() > 0.3);
        for t in TestImage::ALL {
            assert_eq!(TestImage::from_key(t.key()), Some(t));
            let img = t.render(32, 1);
            assert_eq!(img.pixels.len(), 32 * 32);
            assert!(img.pixels.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    }

    #[test]
    fn drawing_paints_a_stroke() {
        let mut img = Image::blank(64, 64);
        img.stroke([10.0, 10.0], [50.0, 10.0], 3.0, 1.0);
        assert!(img.get(30, 10).unwrap() > 0.99);
        assert!(img.get(30, 30).unwrap() < 1e-6);
        let g = gradients(&img, Kernel::Sobel);
        assert!(
            g.at(30, 13).unwrap().1 < -0.1,
            "darkens downwards below the stroke"
        );
    }

    #[test]
    fn no_input_panics() {
        // An empty drawing and a flat image have zero gradient.
        for img in [Image::blank(64, 64), Image::from_fn(10, 10, |_, _| 0.5)] {
            let g = gradients(&img, Kernel::Sobel);
            assert_eq!(g.max_magnitude(), 0.0);
            assert!(g.edges(0.0).iter().all(|&e| !e));
        }
        let empty = Image::blank(0, 0);
        let g = gradients(&empty, Kernel::Sobel);
        assert!(g.gx.is_empty());
        assert_eq!(g.at(0, 0), None);
        assert!(breakdown(&empty, 0, 0, Kernel::Sobel, Axis::X).is_none());
        let one = Image::from_fn(1, 1, |_, _| 0.7);
        assert!(breakdown(&one, 0, 0, Kernel::Sobel, Axis::Y).is_some());
        let _ = gradients(&one, Kernel::Central);
        let mut img = Image::blank(8, 8);
        img.brush(f64::NAN, 1.0, 2.0, 1.0);
        img.brush(-100.0, -100.0, 2.0, 1.0);
        img.brush(4.0, 4.0, 1e300, 1.0);
        img.stroke([0.0, 0.0], [1e308, 1e308], 1.0, 1.0);
        img.stroke([0.0, 0.0], [0.0, 0.0], 0.0, 1.0);
        assert!(Image::blank(usize::MAX, 2).width <= MAX_SIDE);
        let _ = Image::text(3);
        let _ = Image::checkerboard(5, 0);
        let _ = g.directional(f64::NAN);
    }
}
