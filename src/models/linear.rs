//! Linear regression with two features, `ŷ = w₁x₁ + w₂x₂ + b`, trained by gradient descent on
//! the mean squared error `L = (1/n)Σ(ŷ − y)²`, whose gradients are
//! `∂L/∂wⱼ = (2/n)Σ(ŷ − y)xⱼ` and `∂L/∂b = (2/n)Σ(ŷ − y)`. The data set is generated from a
//! seed (the engine's `SplitMix64`), so a learner can regenerate it and a link restores it.
//! The same loss is also built as an engine expression, so the formula's gradient can be
//! checked against the engine's automatic differentiation. Mini-batch training draws
//! batches from a seeded shuffle each epoch.

use crate::math::{EvalError, Expr, SplitMix64};

/// The variable names of the loss as an engine expression, in weight order.
pub const WEIGHT_VARS: [&str; 3] = ["w1", "w2", "b"];

/// The weights `[w₁, w₂, b]`.
pub type Weights = [f64; 3];

/// A generated data set: `y = w₁x₁ + w₂x₂ + b + noise` for weights drawn from the seed.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// The seed it was generated from.
    pub seed: u64,
    /// Feature x₁ per example.
    pub x1: Vec<f64>,
    /// Feature x₂ per example.
    pub x2: Vec<f64>,
    /// Target y per example.
    pub y: Vec<f64>,
    /// The weights the data was generated with (before noise).
    pub true_weights: Weights,
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut SplitMix64) -> f64 {
    let u1 = rng.next_f64().max(f64::MIN_POSITIVE);
    let u2 = rng.next_f64();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

impl Dataset {
    /// `n` examples (clamped to 2..=1000) with features uniform in [−2, 2], true weights
    /// w₁, w₂ uniform in [−3, 3] and b in [−1, 1], and Gaussian noise of standard deviation
    /// `noise` (a non-finite or negative noise counts as 0).
    pub fn generate(seed: u64, n: usize, noise: f64) -> Dataset {
        let n = n.clamp(2, 1000);
        let noise = if noise.is_finite() && noise > 0.0 {
            noise
        } else {
            0.0
        };
        let mut rng = SplitMix64(seed);
        let uniform = |lo: f64, hi: f64, rng: &mut SplitMix64| lo + (hi - lo) * rng.next_f64();
        let w1 = uniform(-3.0, 3.0, &mut rng);
        let w2 = uniform(-3.0, 3.0, &mut rng);
        let b = uniform(-1.0, 1.0, &mut rng);
        let mut d = Dataset {
            seed,
            x1: Vec::with_capacity(n),
            x2: Vec::with_capacity(n),
            y: Vec::with_capacity(n),
            true_weights: [w1, w2, b],
        };
        for _ in 0..n {
            let a = uniform(-2.0, 2.0, &mut rng);
            let c = uniform(-2.0, 2.0, &mut rng);
            let e = noise * normal(&mut rng);
            d.x1.push(a);
            d.x2.push(c);
            d.y.push(w1 * a + w2 * c + b + e);
        }
        d
    }

    /// The number of examples (the shortest of the three columns, should they differ).
    pub fn len(&self) -> usize {
        self.x1.len().min(self.x2.len()).min(self.y.len())
    }

    /// Whether there are no examples.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The prediction `w₁x₁ + w₂x₂ + b` for example `i` (NaN past the end).
    pub fn predict(&self, w: &Weights, i: usize) -> f64 {
        match (self.x1.get(i), self.x2.get(i)) {
            (Some(a), Some(c)) => w[0] * a + w[1] * c + w[2],
            _ => f64::NAN,
        }
    }

    /// The residual `ŷ − y` of example `i`.
    pub fn residual(&self, w: &Weights, i: usize) -> f64 {
        self.predict(w, i) - self.y.get(i).copied().unwrap_or(f64::NAN)
    }

    /// The mean squared error over the examples `idx` (all of them for `None`).
    pub fn mse(&self, w: &Weights, idx: Option<&[usize]>) -> f64 {
        let (sum, n) = self.fold(idx, |i| {
            let r = self.residual(w, i);
            r * r
        });
        sum / n
    }

    /// The gradient `[∂L/∂w₁, ∂L/∂w₂, ∂L/∂b]` by the formulas `(2/n)Σ(ŷ − y)xⱼ` and
    /// `(2/n)Σ(ŷ − y)`, over the examples `idx` (all for `None`).
    pub fn gradient(&self, w: &Weights, idx: Option<&[usize]>) -> Weights {
        let mut g = [0.0; 3];
        let mut n = 0usize;
        self.each(idx, |i| {
            let r = self.residual(w, i);
            g[0] += r * self.x1[i];
            g[1] += r * self.x2[i];
            g[2] += r;
            n += 1;
        });
        let k = 2.0 / n.max(1) as f64;
        [k * g[0], k * g[1], k * g[2]]
    }

    /// The MSE loss as an engine expression in `w1`, `w2`, `b` with the data as numbers.
    pub fn loss_expr(&self) -> Expr {
        let n = self.len().max(1) as f64;
        let terms: Vec<Expr> = (0..self.len())
            .map(|i| {
                let r = Expr::Add(vec![
                    Expr::Mul(vec![Expr::var("w1"), Expr::Num(self.x1[i])]),
                    Expr::Mul(vec![Expr::var("w2"), Expr::Num(self.x2[i])]),
                    Expr::var("b"),
                    Expr::Num(-self.y[i]),
                ]);
                Expr::Pow(Box::new(r), Box::new(Expr::Num(2.0)))
            })
            .collect();
        let sum = match terms.len() {
            0 => Expr::Num(0.0),
            1 => terms.into_iter().next().unwrap_or(Expr::Num(0.0)),
            _ => Expr::Add(terms),
        };
        Expr::Div(Box::new(sum), Box::new(Expr::Num(n)))
    }

    /// The gradient of the full-batch loss by the engine's reverse-mode automatic
    /// differentiation of [`Dataset::loss_expr`].
    pub fn autodiff_gradient(&self, w: &Weights) -> Result<Weights, EvalError> {
        let g = self.loss_expr().gradient_reverse(&WEIGHT_VARS, w)?;
        Ok([
            g.first().copied().unwrap_or(f64::NAN),
            g.get(1).copied().unwrap_or(f64::NAN),
            g.get(2).copied().unwrap_or(f64::NAN),
        ])
    }

    /// The loss's Hessian, `(2/n)·[x₁ x₂ 1]ᵀ[x₁ x₂ 1]` summed over examples: the same at every
    /// weight, since the loss is quadratic.
    pub fn hessian(&self) -> [[f64; 3]; 3] {
        let mut h = [[0.0; 3]; 3];
        for i in 0..self.len() {
            let v = [self.x1[i], self.x2[i], 1.0];
            for (r, row) in h.iter_mut().enumerate() {
                for (c, cell) in row.iter_mut().enumerate() {
                    *cell += v[r] * v[c];
                }
            }
        }
        let k = 2.0 / self.len().max(1) as f64;
        h.map(|row| row.map(|v| k * v))
    }

    /// The least-squares weights (the loss's minimum), solving the normal equations;
    /// `None` if the features are degenerate.
    pub fn best_weights(&self) -> Option<Weights> {
        let h = self.hessian();
        let g0 = self.gradient(&[0.0, 0.0, 0.0], None);
        // H w = −∇L(0), by Cramer's rule on the 3 × 3 system.
        let det = |m: &[[f64; 3]; 3]| {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        };
        let d = det(&h);
        if d.is_nan() || d.abs() <= 1e-12 {
            return None;
        }
        let mut w = [0.0; 3];
        for (k, wk) in w.iter_mut().enumerate() {
            let mut m = h;
            for r in 0..3 {
                m[r][k] = -g0[r];
            }
            *wk = det(&m) / d;
        }
        Some(w)
    }

    /// The full-batch loss over the grid `w1s × w2s` with b fixed (row-major, row r is
    /// `w2s[r]`), for drawing the loss surface.
    pub fn loss_surface(&self, w1s: &[f64], w2s: &[f64], b: f64) -> Vec<f64> {
        let mut out = Vec::with_capacity(w1s.len() * w2s.len());
        for &w2 in w2s {
            for &w1 in w1s {
                out.push(self.mse(&[w1, w2, b], None));
            }
        }
        out
    }

    fn each(&self, idx: Option<&[usize]>, mut f: impl FnMut(usize)) {
        match idx {
            Some(idx) => idx.iter().filter(|&&i| i < self.len()).for_each(|&i| f(i)),
            None => (0..self.len()).for_each(f),
        }
    }

    fn fold(&self, idx: Option<&[usize]>, f: impl Fn(usize) -> f64) -> (f64, f64) {
        let mut s = 0.0;
        let mut n = 0usize;
        self.each(idx, |i| {
            s += f(i);
            n += 1;
        });
        (s, n.max(1) as f64)
    }
}

/// One training step's record.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainStep {
    /// The weights after the step.
    pub weights: Weights,
    /// The full-batch loss after the step.
    pub loss: f64,
    /// The examples the step's gradient used.
    pub batch: Vec<usize>,
}

/// Gradient-descent training, full batch or mini-batch.
#[derive(Clone, Debug)]
pub struct Trainer {
    /// The learning rate η.
    pub rate: f64,
    /// Mini-batch size (`None` or ≥ n: full batch).
    pub batch_size: Option<usize>,
    /// The current weights.
    pub weights: Weights,
    rng: SplitMix64,
    order: Vec<usize>,
    cursor: usize,
}

impl Trainer {
    /// Starting from `weights`, with shuffles for mini-batches drawn from `seed`.
    pub fn new(weights: Weights, rate: f64, batch_size: Option<usize>, seed: u64) -> Trainer {
        Trainer {
            rate,
            batch_size,
            weights,
            rng: SplitMix64(seed ^ 0x5EED_BA7C_4000_0000),
            order: Vec::new(),
            cursor: 0,
        }
    }

    fn next_batch(&mut self, n: usize) -> Vec<usize> {
        let size = match self.batch_size {
            Some(s) if s > 0 && s < n => s,
            _ => return (0..n).collect(),
        };
        if self.order.len() != n || self.cursor + size > n {
            self.order = (0..n).collect();
            for i in (1..n).rev() {
                let j = (self.rng.next_u64() % (i as u64 + 1)) as usize;
                self.order.swap(i, j);
            }
            self.cursor = 0;
        }
        let batch = self.order[self.cursor..self.cursor + size].to_vec();
        self.cursor += size;
        batch
    }

    /// One step `w ← w − η∇L_batch(w)`.
    pub fn step(&mut self, data: &Dataset) -> TrainStep {
        let batch = self.next_batch(data.len());
        let g = data.gradient(&self.weights, Some(&batch));
        for (w, g) in self.weights.iter_mut().zip(g) {
            *w -= self.rate * g;
        }
        TrainStep {
            weights: self.weights,
            loss: data.mse(&self.weights, None),
            batch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_reproducible_from_its_seed() {
        assert_eq!(Dataset::generate(7, 20, 0.3), Dataset::generate(7, 20, 0.3));
        assert_ne!(Dataset::generate(7, 20, 0.3), Dataset::generate(8, 20, 0.3));
        let d = Dataset::generate(1, 5000, f64::NAN);
        assert_eq!(d.len(), 1000);
        // Without noise the true weights fit exactly.
        assert!(d.mse(&d.true_weights, None) < 1e-24);
    }

    #[test]
    fn formula_gradient_agrees_with_autodiff_and_differences() {
        let d = Dataset::generate(42, 30, 0.5);
        let w = [0.3, -1.2, 0.7];
        let g = d.gradient(&w, None);
        let a = d.autodiff_gradient(&w).unwrap();
        for k in 0..3 {
            assert!(
                (g[k] - a[k]).abs() < 1e-10 * (1.0 + g[k].abs()),
                "{g:?} vs {a:?}"
            );
        }
        let h = 1e-6;
        for k in 0..3 {
            let (mut p, mut m) = (w, w);
            p[k] += h;
            m[k] -= h;
            let c = (d.mse(&p, None) - d.mse(&m, None)) / (2.0 * h);
            assert!((c - g[k]).abs() < 1e-6, "{k}: {c} vs {}", g[k]);
        }
    }

    #[test]
    fn training_lowers_the_loss_to_the_least_squares_fit() {
        let d = Dataset::generate(3, 40, 0.2);
        let best = d.best_weights().unwrap();
        assert!(d.gradient(&best, None).iter().all(|g| g.abs() < 1e-10));
        let mut t = Trainer::new([0.0; 3], 0.1, None, 3);
        let first = d.mse(&t.weights, None);
        let mut last = first;
        for _ in 0..300 {
            let s = t.step(&d);
            assert!(
                s.loss <= last + 1e-12,
                "full-batch descent with a small η never rises"
            );
            last = s.loss;
        }
        assert!((last - d.mse(&best, None)).abs() < 1e-9, "{last}");
        // Mini-batches: noisy, but still close to the fit; every example is used once per epoch.
        let mut t = Trainer::new([0.0; 3], 0.05, Some(8), 9);
        let mut seen = vec![0; d.len()];
        for _ in 0..5 {
            for i in t.step(&d).batch {
                seen[i] += 1;
            }
        }
        assert!(seen.iter().all(|&c| c == 1), "{seen:?}");
        for _ in 0..500 {
            t.step(&d);
        }
        assert!(d.mse(&t.weights, None) < d.mse(&best, None) + 0.05);
    }

    #[test]
    fn loss_surface_matches_mse() {
        let d = Dataset::generate(5, 10, 0.1);
        let s = d.loss_surface(&[0.0, 1.0], &[-1.0], 0.5);
        assert_eq!(s.len(), 2);
        assert!((s[1] - d.mse(&[1.0, -1.0, 0.5], None)).abs() < 1e-12);
    }
}
