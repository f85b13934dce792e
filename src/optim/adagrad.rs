//! AdaGrad: each coordinate gets its own step size, η divided by the root of the sum of that
//! coordinate's squared gradients so far (plus ε = 10⁻⁸). Steep coordinates slow down, and
//! every step shrinks over time, so it can stall before reaching a minimum.

use super::solver::{Candidate, Solver, State, Termination};
use super::Objective;

const EPS: f64 = 1e-8;

/// AdaGrad with learning rate η.
pub struct AdaGrad {
    rate: f64,
    sum_sq: Vec<f64>,
}

impl AdaGrad {
    /// With learning rate `rate`.
    pub fn new(rate: f64) -> Self {
        AdaGrad {
            rate,
            sum_sq: Vec::new(),
        }
    }
}

impl Solver for AdaGrad {
    fn init(&mut self, _: &Objective, s: &State) {
        self.sum_sq = vec![0.0; s.x.len()];
    }

    fn next_iter(&mut self, _: &Objective, s: &State) -> Result<Candidate, Termination> {
        let mut next = s.x.clone();
        for ((x, g), acc) in next.iter_mut().zip(&s.grad).zip(self.sum_sq.iter_mut()) {
            *acc += g * g;
            *x -= self.rate * g / (acc.sqrt() + EPS);
        }
        Ok(Candidate::at(next))
    }
}
