//! Logistic regression on two features: p = σ(w₁x₁ + w₂x₂ + b), trained by gradient descent on
//! the **mean** cross-entropy L = −(1/n)Σ[y log p + (1 − y) log(1 − p)], or on the mean squared
//! error (1/n)Σ(p − y)² for comparison.
//!
//! Gradients by formula: for cross-entropy ∂L/∂w = Xᵀ(p − y)/n and ∂L/∂b = mean(p − y); for the
//! squared error each point's (p − y) is multiplied by 2σ′(z) = 2p(1 − p), which is why a
//! confidently wrong prediction (σ′ ≈ 0) barely learns. [`reverse_mode_gradient`] gets the same
//! numbers from the engine's tape, as an independent check.
//!
//! Numerically careful: the cross-entropy of one point is computed as softplus(z) − y·z, which
//! stays finite for every finite logit (log p would be −∞ once p rounds to 0).

use super::dataset::LabeledPoint;
use crate::math::{EvalError, Expr, Func};

/// The loss being minimised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Loss {
    /// Mean cross-entropy (log loss).
    #[default]
    CrossEntropy,
    /// Mean squared error between p and the label.
    MeanSquared,
}

impl Loss {
    /// A short name for readouts.
    pub fn name(self) -> &'static str {
        match self {
            Loss::CrossEntropy => "cross-entropy",
            Loss::MeanSquared => "squared error",
        }
    }
}

/// The weights w₁, w₂ and bias b.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Weights {
    /// w₁ and w₂.
    pub w: [f64; 2],
    /// The bias b.
    pub b: f64,
}

/// A gradient with respect to the weights (same shape as [`Weights`]).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Gradient {
    /// ∂L/∂w₁ and ∂L/∂w₂.
    pub w: [f64; 2],
    /// ∂L/∂b.
    pub b: f64,
}

impl Gradient {
    /// The three components `[∂L/∂w₁, ∂L/∂w₂, ∂L/∂b]`.
    pub fn to_array(self) -> [f64; 3] {
        [self.w[0], self.w[1], self.b]
    }

    /// The Euclidean length.
    pub fn norm(self) -> f64 {
        self.to_array().iter().map(|v| v * v).sum::<f64>().sqrt()
    }
}

/// The logistic function σ(z) = 1 / (1 + e^(−z)), computed without overflow for any z.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// softplus(z) = ln(1 + eᶻ), without overflow.
fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

impl Weights {
    /// The logit z = w₁x₁ + w₂x₂ + b.
    pub fn logit(&self, x: [f64; 2]) -> f64 {
        self.w[0] * x[0] + self.w[1] * x[1] + self.b
    }

    /// The predicted probability of class 1, p = σ(z).
    pub fn probability(&self, x: [f64; 2]) -> f64 {
        sigmoid(self.logit(x))
    }

    /// Whether all three numbers are finite.
    pub fn is_finite(&self) -> bool {
        self.w[0].is_finite() && self.w[1].is_finite() && self.b.is_finite()
    }

    /// The decision boundary p = 0.5, i.e. the line w₁x₁ + w₂x₂ + b = 0, as a point on it and a
    /// unit direction along it; `None` when w = 0 (then p is the same everywhere).
    pub fn boundary(&self) -> Option<([f64; 2], [f64; 2])> {
        let n2 = self.w[0] * self.w[0] + self.w[1] * self.w[1];
        if n2 == 0.0 || !n2.is_finite() || !self.b.is_finite() {
            return None;
        }
        let point = [-self.b * self.w[0] / n2, -self.b * self.w[1] / n2];
        let len = n2.sqrt();
        Some((point, [-self.w[1] / len, self.w[0] / len]))
    }

    /// One gradient-descent step w ← w − η∇L.
    pub fn step(&self, g: Gradient, learning_rate: f64) -> Weights {
        Weights {
            w: [
                self.w[0] - learning_rate * g.w[0],
                self.w[1] - learning_rate * g.w[1],
            ],
            b: self.b - learning_rate * g.b,
        }
    }
}

/// One point's loss given its logit.
fn point_loss(loss: Loss, z: f64, y: f64) -> f64 {
    match loss {
        // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = softplus(z) − y·z.
        Loss::CrossEntropy => softplus(z) - y * z,
        Loss::MeanSquared => {
            let d = sigmoid(z) - y;
            d * d
        }
    }
}

/// ∂ℓ/∂z for one point's loss ℓ: p − y for cross-entropy, 2(p − y)·σ′(z) for squared error.
pub fn logit_gradient(loss: Loss, z: f64, y: f64) -> f64 {
    let p = sigmoid(z);
    match loss {
        Loss::CrossEntropy => p - y,
        Loss::MeanSquared => 2.0 * (p - y) * p * (1.0 - p),
    }
}

/// The mean loss over the points (0 for no points).
pub fn mean_loss(loss: Loss, weights: &Weights, points: &[LabeledPoint]) -> f64 {
    if points.is_empty() {
        return 0.0;
    }
    let total: f64 = points
        .iter()
        .map(|p| point_loss(loss, weights.logit(p.x), p.y()))
        .sum();
    total / points.len() as f64
}

/// The gradient of the **summed** loss (what the course text's gradient would need): exactly n
/// times [`gradient`].
pub fn summed_gradient(loss: Loss, weights: &Weights, points: &[LabeledPoint]) -> Gradient {
    let mut g = Gradient::default();
    for p in points {
        let d = logit_gradient(loss, weights.logit(p.x), p.y());
        g.w[0] += d * p.x[0];
        g.w[1] += d * p.x[1];
        g.b += d;
    }
    g
}

/// The gradient of the mean loss by formula: Xᵀ(p − y)/n and mean(p − y) for cross-entropy
/// (zero for no points).
pub fn gradient(loss: Loss, weights: &Weights, points: &[LabeledPoint]) -> Gradient {
    if points.is_empty() {
        return Gradient::default();
    }
    let n = points.len() as f64;
    let s = summed_gradient(loss, weights, points);
    Gradient {
        w: [s.w[0] / n, s.w[1] / n],
        b: s.b / n,
    }
}

/// One point's loss as an expression in `w1, w2, b` with the point's numbers filled in.
fn point_loss_expr(loss: Loss, p: &LabeledPoint) -> Expr {
    let z = Expr::Add(vec![
        Expr::Mul(vec![Expr::var("w1"), Expr::Num(p.x[0])]),
        Expr::Mul(vec![Expr::var("w2"), Expr::Num(p.x[1])]),
        Expr::var("b"),
    ]);
    let prob = Expr::Call(Func::Sigmoid, vec![z]);
    match loss {
        Loss::CrossEntropy => {
            // −ln p for class 1, −ln(1 − p) for class 0.
            let inner = if p.label {
                prob
            } else {
                Expr::Add(vec![Expr::Num(1.0), Expr::Neg(Box::new(prob))])
            };
            Expr::Neg(Box::new(Expr::Call(Func::Ln, vec![inner])))
        }
        Loss::MeanSquared => Expr::Pow(
            Box::new(Expr::Add(vec![prob, Expr::Num(-p.y())])),
            Box::new(Expr::Num(2.0)),
        ),
    }
}

/// The gradient of the mean loss by the engine's reverse-mode automatic differentiation: each
/// point's loss is recorded on a tape at the weights and swept backwards, and the results are
/// averaged. An independent check of [`gradient`] (it never uses the formula).
pub fn reverse_mode_gradient(
    loss: Loss,
    weights: &Weights,
    points: &[LabeledPoint],
) -> Result<Gradient, EvalError> {
    if points.is_empty() {
        return Ok(Gradient::default());
    }
    let vars = ["w1", "w2", "b"];
    let at = [weights.w[0], weights.w[1], weights.b];
    let mut sum = [0.0; 3];
    for p in points {
        let g = point_loss_expr(loss, p).gradient_reverse(&vars, &at)?;
        for (s, v) in sum.iter_mut().zip(g) {
            *s += v;
        }
    }
    let n = points.len() as f64;
    Ok(Gradient {
        w: [sum[0] / n, sum[1] / n],
        b: sum[2] / n,
    })
}

/// The fraction of points on the right side of the boundary (p ≥ 0.5 for class 1, p < 0.5 for
/// class 0); 0 for no points.
pub fn accuracy(weights: &Weights, points: &[LabeledPoint]) -> f64 {
    if points.is_empty() {
        return 0.0;
    }
    let right = points
        .iter()
        .filter(|p| (weights.logit(p.x) >= 0.0) == p.label)
        .count();
    right as f64 / points.len() as f64
}

/// How a training run stands after a batch of steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrainStatus {
    /// Still improving (or nothing to learn from yet).
    Running,
    /// The gradient is essentially zero: a minimum (or a flat region) is reached.
    Converged,
    /// The weights stopped being finite numbers; training stops with the last finite weights.
    Diverged,
}

/// Gradient descent on the mean loss, a few steps at a time so a page can spread it over
/// animation frames. Keeps the loss after every step (the first entry is the starting loss).
#[derive(Clone, Debug, PartialEq)]
pub struct Trainer {
    /// The loss being minimised.
    pub loss: Loss,
    /// The step size η.
    pub learning_rate: f64,
    /// The current weights.
    pub weights: Weights,
    /// The loss before any step, then after each step (at most [`Trainer::HISTORY`] entries; older
    /// ones are thinned).
    pub history: Vec<f64>,
    /// Steps taken so far.
    pub steps: usize,
    /// Where the run stands.
    pub status: TrainStatus,
}

impl Trainer {
    /// The most loss values kept; when full, every other one is dropped (so the chart still spans
    /// the whole run).
    pub const HISTORY: usize = 2_000;
    /// A gradient shorter than this counts as zero.
    pub const TOLERANCE: f64 = 1e-9;

    /// A run from `weights`; a learning rate that is not a positive finite number becomes 0.5.
    pub fn new(loss: Loss, learning_rate: f64, weights: Weights) -> Trainer {
        let learning_rate = if learning_rate.is_finite() && learning_rate > 0.0 {
            learning_rate
        } else {
            0.5
        };
        Trainer {
            loss,
            learning_rate,
            weights,
            history: Vec::new(),
            steps: 0,
            status: TrainStatus::Running,
        }
    }

    fn record(&mut self, value: f64) {
        if self.history.len() >= Self::HISTORY {
            let mut i = 0;
            self.history.retain(|_| {
                i += 1;
                i % 2 == 1
            });
        }
        self.history.push(value);
    }

    /// Takes up to `count` steps on `points` (fewer if it converges or diverges) and returns the
    /// status. Does nothing once converged or diverged, or with no points.
    pub fn run(&mut self, points: &[LabeledPoint], count: usize) -> TrainStatus {
        if points.is_empty() || self.status != TrainStatus::Running {
            return self.status;
        }
        if self.history.is_empty() {
            self.record(mean_loss(self.loss, &self.weights, points));
        }
        for _ in 0..count {
            let g = gradient(self.loss, &self.weights, points);
            if g.norm() < Self::TOLERANCE {
                self.status = TrainStatus::Converged;
                break;
            }
            let next = self.weights.step(g, self.learning_rate);
            let value = mean_loss(self.loss, &next, points);
            if !next.is_finite() || !value.is_finite() {
                self.status = TrainStatus::Diverged;
                break;
            }
            self.weights = next;
            self.steps += 1;
            self.record(value);
        }
        self.status
    }
}

/// Samples `|∂ℓ/∂z|` for one point of label `y` at `count` logits evenly spaced in
/// `[z_min, z_max]`: the chart of gradient size against the logit.
pub fn gradient_size_curve(
    loss: Loss,
    y: f64,
    z_min: f64,
    z_max: f64,
    count: usize,
) -> Vec<[f64; 2]> {
    let count = count.clamp(2, 10_000);
    (0..count)
        .map(|i| {
            let z = z_min + (z_max - z_min) * i as f64 / (count - 1) as f64;
            [z, logit_gradient(loss, z, y).abs()]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::{central_difference_gradient, relative_error, SplitMix64};
    use crate::models::dataset::two_blobs;

    fn points(data: &[([f64; 2], bool)]) -> Vec<LabeledPoint> {
        data.iter()
            .map(|&(x, l)| LabeledPoint { x, label: l })
            .collect()
    }

    fn random_weights(rng: &mut SplitMix64) -> Weights {
        let mut r = || (rng.next_f64() * 2.0 - 1.0) * 2.0;
        Weights {
            w: [r(), r()],
            b: r(),
        }
    }

    fn numeric(loss: Loss, w: &Weights, pts: &[LabeledPoint]) -> [f64; 3] {
        let f = |v: &[f64]| {
            let w = Weights {
                w: [v[0], v[1]],
                b: v[2],
            };
            mean_loss(loss, &w, pts)
        };
        let g = central_difference_gradient(f, &[w.w[0], w.w[1], w.b], 1e-5);
        [g[0], g[1], g[2]]
    }

    #[test]
    fn formula_agrees_with_reverse_mode_and_central_differences_on_random_data() {
        let mut rng = SplitMix64(2026);
        for trial in 0..40 {
            let pts = two_blobs(trial, 1 + trial as usize % 15);
            let w = random_weights(&mut rng);
            for loss in [Loss::CrossEntropy, Loss::MeanSquared] {
                let formula = gradient(loss, &w, &pts).to_array();
                let tape = reverse_mode_gradient(loss, &w, &pts).unwrap().to_array();
                let num = numeric(loss, &w, &pts);
                let e_tape = relative_error(&formula, &tape);
                let e_num = relative_error(&formula, &num);
                assert!(
                    e_tape < 1e-12,
                    "{loss:?} trial {trial}: {formula:?} vs {tape:?}"
                );
                assert!(
                    e_num < 1e-7,
                    "{loss:?} trial {trial}: {formula:?} vs {num:?}"
                );
            }
        }
    }

    #[test]
    fn the_loss_is_the_mean_and_its_gradient_is_the_summed_one_over_n() {
        // Three points chosen so the numbers match the curriculum's erratum: the summed loss's
        // ∂/∂b is −1.0449 and the mean loss's is −0.3483.
        let pts = points(&[([2.0, 3.0], false), ([1.0, 1.0], true), ([4.0, 5.0], true)]);
        let w = Weights {
            w: [-0.5, 0.3],
            b: -0.5,
        };
        let summed = summed_gradient(Loss::CrossEntropy, &w, &pts);
        let mean = gradient(Loss::CrossEntropy, &w, &pts);
        assert!((summed.b - -1.0449).abs() < 5e-5, "{summed:?}");
        assert!((mean.b - -0.3483).abs() < 5e-5, "{mean:?}");
        // The mean loss is the per-point losses averaged: check by hand.
        let by_hand: f64 = pts
            .iter()
            .map(|p| {
                let q = w.probability(p.x);
                -(p.y() * q.ln() + (1.0 - p.y()) * (1.0 - q).ln())
            })
            .sum::<f64>()
            / 3.0;
        assert!((mean_loss(Loss::CrossEntropy, &w, &pts) - by_hand).abs() < 1e-12);
        // Over random data the ratio is exactly n.
        let mut rng = SplitMix64(5);
        for n in [1, 2, 7, 40] {
            let pts = two_blobs(n, n as usize);
            let w = random_weights(&mut rng);
            let s = summed_gradient(Loss::CrossEntropy, &w, &pts).to_array();
            let m = gradient(Loss::CrossEntropy, &w, &pts).to_array();
            for k in 0..3 {
                let want = m[k] * pts.len() as f64;
                assert!(
                    (s[k] - want).abs() <= 1e-12 * want.abs().max(1.0),
                    "{s:?} {m:?}"
                );
            }
        }
    }

    #[test]
    fn cross_entropy_is_finite_for_confident_mistakes() {
        let pts = points(&[([100.0, 0.0], false)]);
        let w = Weights {
            w: [10.0, 0.0],
            b: 0.0,
        };
        // z = 1000: p rounds to 1, but the loss is 1000, not infinity.
        let l = mean_loss(Loss::CrossEntropy, &w, &pts);
        assert!((l - 1000.0).abs() < 1e-9, "{l}");
        assert!((sigmoid(-1000.0)).abs() < 1e-300 && sigmoid(1000.0) == 1.0);
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-15);
    }

    #[test]
    fn squared_error_gradient_vanishes_when_confidently_wrong() {
        // A class-1 point with a very negative logit: cross-entropy pushes with |p − y| ≈ 1,
        // squared error with 2|p − y|σ′(z) ≈ 0.
        let ce = logit_gradient(Loss::CrossEntropy, -8.0, 1.0).abs();
        let mse = logit_gradient(Loss::MeanSquared, -8.0, 1.0).abs();
        assert!(ce > 0.999, "{ce}");
        assert!(mse < 1e-3, "{mse}");
        let curve = gradient_size_curve(Loss::MeanSquared, 1.0, -8.0, 8.0, 161);
        assert_eq!(curve.len(), 161);
        let peak = curve
            .iter()
            .cloned()
            .fold([0.0, 0.0], |a, b| if b[1] > a[1] { b } else { a });
        // 2(1 − p)·p(1 − p) peaks where p = 1/3, i.e. z = −ln 2.
        assert!((peak[0] - -(2f64.ln())).abs() < 0.1, "{peak:?}");
        assert!(curve[0][1] < peak[1] / 50.0);
        let ce_curve = gradient_size_curve(Loss::CrossEntropy, 1.0, -8.0, 8.0, 161);
        assert!(ce_curve.windows(2).all(|w| w[1][1] <= w[0][1]));
    }

    #[test]
    fn training_lowers_the_loss_and_separates_separable_data() {
        let pts = points(&[
            ([-2.0, -1.0], false),
            ([-1.0, -2.0], false),
            ([-1.5, 0.5], false),
            ([2.0, 1.0], true),
            ([1.0, 2.0], true),
            ([1.5, -0.5], true),
        ]);
        let mut t = Trainer::new(Loss::CrossEntropy, 0.5, Weights::default());
        assert!((mean_loss(Loss::CrossEntropy, &t.weights, &pts) - 2f64.ln()).abs() < 1e-12);
        assert_eq!(accuracy(&t.weights, &pts), 0.5);
        t.run(&pts, 200);
        assert_eq!(t.steps, 200);
        assert_eq!(t.history.len(), 201);
        assert!(t.history.windows(2).all(|w| w[1] <= w[0] + 1e-15));
        assert!(*t.history.last().unwrap() < 0.05);
        assert_eq!(accuracy(&t.weights, &pts), 1.0);
        // The boundary passes between the classes: each point is on its side.
        let (on, dir) = t.weights.boundary().unwrap();
        assert!(t.weights.logit(on).abs() < 1e-9);
        let ahead = [on[0] + dir[0], on[1] + dir[1]];
        assert!(t.weights.logit(ahead).abs() < 1e-9);
    }

    #[test]
    fn trainer_handles_no_data_bad_rates_and_divergence() {
        let mut t = Trainer::new(Loss::CrossEntropy, f64::NAN, Weights::default());
        assert_eq!(t.learning_rate, 0.5);
        assert_eq!(t.run(&[], 10), TrainStatus::Running);
        assert!(t.history.is_empty());
        // A huge step on huge coordinates overflows: the run stops with finite weights.
        let pts = points(&[
            ([1e6, 1e6], true),
            ([-1e6, -1e6], false),
            ([1e6, -1e6], true),
        ]);
        let mut t = Trainer::new(Loss::CrossEntropy, 1e300, Weights::default());
        assert_eq!(t.run(&pts, 50), TrainStatus::Diverged);
        assert!(t.weights.is_finite());
        assert!(t.history.iter().all(|v| v.is_finite()));
        assert_eq!(t.run(&pts, 50), TrainStatus::Diverged);
        // One point already fitted perfectly by a zero-gradient start converges.
        let flat = points(&[([0.0, 0.0], true), ([0.0, 0.0], false)]);
        let mut t = Trainer::new(Loss::CrossEntropy, 0.5, Weights::default());
        assert_eq!(t.run(&flat, 5), TrainStatus::Converged);
        assert_eq!(Weights::default().boundary(), None);
    }

    #[test]
    fn history_is_thinned_not_unbounded() {
        let pts = two_blobs(3, 20);
        let mut t = Trainer::new(Loss::MeanSquared, 0.1, Weights::default());
        t.run(&pts, 5_000);
        assert!(t.steps > Trainer::HISTORY, "{}", t.steps);
        assert!(t.history.len() <= Trainer::HISTORY);
        assert!(t.history.len() > Trainer::HISTORY / 2);
    }
}
