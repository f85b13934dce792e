//! L-BFGS: a quasi-Newton method. It never forms the Hessian; it remembers the last m steps
//! s = x₊ − x and gradient changes y = ∇f₊ − ∇f, and the two-loop recursion turns them into
//! the product of an approximate inverse Hessian with the gradient. A backtracking line
//! search (halve the step until f falls by at least 10⁻⁴ of what the slope promises: the
//! Armijo condition) makes every step go downhill. A pair with sᵀy ≤ 0 (no upward
//! curvature seen) is not stored, so the approximation stays positive definite.

use std::collections::VecDeque;

use super::solver::{Candidate, Solver, State, Termination};
use super::Objective;

/// Armijo's sufficient-decrease constant.
const C1: f64 = 1e-4;
/// The most halvings of the step in one line search.
const MAX_HALVINGS: usize = 60;

/// L-BFGS with memory m.
pub struct Lbfgs {
    memory: usize,
    pairs: VecDeque<(Vec<f64>, Vec<f64>, f64)>,
}

impl Lbfgs {
    /// Remembering `memory` pairs (0 makes it steepest descent with a line search).
    pub fn new(memory: usize) -> Self {
        Lbfgs {
            memory,
            pairs: VecDeque::new(),
        }
    }

    /// The two-loop recursion: returns −H̃∇f.
    fn direction(&self, grad: &[f64]) -> Vec<f64> {
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>();
        let mut q = grad.to_vec();
        let mut alphas = Vec::with_capacity(self.pairs.len());
        for (s, y, rho) in self.pairs.iter().rev() {
            let a = rho * dot(s, &q);
            for (qi, yi) in q.iter_mut().zip(y) {
                *qi -= a * yi;
            }
            alphas.push(a);
        }
        let gamma = self
            .pairs
            .back()
            .map(|(s, y, _)| dot(s, y) / dot(y, y))
            .filter(|g| g.is_finite() && *g > 0.0)
            .unwrap_or(1.0);
        for qi in q.iter_mut() {
            *qi *= gamma;
        }
        for ((s, y, rho), a) in self.pairs.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &q);
            for (qi, si) in q.iter_mut().zip(s) {
                *qi += (a - b) * si;
            }
        }
        q.iter().map(|v| -v).collect()
    }
}

impl Solver for Lbfgs {
    fn next_iter(&mut self, objective: &Objective, s: &State) -> Result<Candidate, Termination> {
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>();
        let mut d = self.direction(&s.grad);
        let mut slope = dot(&d, &s.grad);
        if slope.is_nan() || slope >= 0.0 || d.iter().any(|v| !v.is_finite()) {
            self.pairs.clear();
            d = s.grad.iter().map(|g| -g).collect();
            slope = dot(&d, &s.grad);
        }
        // The first step has no curvature information: keep it at length 1 at most.
        let gnorm = dot(&s.grad, &s.grad).sqrt();
        let mut alpha = if self.pairs.is_empty() && s.step == 0 {
            (1.0 / gnorm).min(1.0)
        } else {
            1.0
        };
        let n = s.x.len();
        let mut grad = vec![f64::NAN; n];
        for _ in 0..MAX_HALVINGS {
            let x: Vec<f64> = s.x.iter().zip(&d).map(|(x, d)| x + alpha * d).collect();
            let f = objective.value_gradient(&x, &mut grad);
            if f.is_finite() && f <= s.f + C1 * alpha * slope && grad.iter().all(|g| g.is_finite())
            {
                let step: Vec<f64> = x.iter().zip(&s.x).map(|(a, b)| a - b).collect();
                let change: Vec<f64> = grad.iter().zip(&s.grad).map(|(a, b)| a - b).collect();
                let sy = dot(&step, &change);
                if self.memory > 0
                    && sy > 1e-12 * dot(&step, &step).sqrt() * dot(&change, &change).sqrt()
                    && sy > 0.0
                {
                    if self.pairs.len() == self.memory {
                        self.pairs.pop_front();
                    }
                    self.pairs.push_back((step, change, 1.0 / sy));
                }
                return Ok(Candidate {
                    x,
                    evaluated: Some((f, grad)),
                });
            }
            alpha *= 0.5;
        }
        Err(Termination::Stuck(
            "The line search found no lower point along the L-BFGS direction, even with a tiny \
             step: f is as low as rounding allows near here, or its gradient does not match \
             its values."
                .to_string(),
        ))
    }
}
