//! RMSProp: like AdaGrad, but the squared gradients are averaged with decay ρ
//! (`s ← ρs + (1 − ρ)g²`), so the step size follows the recent slope instead of shrinking
//! for ever. ε = 10⁻⁸.

use super::solver::{Candidate, Solver, State, Termination};
use super::Objective;

const EPS: f64 = 1e-8;

/// RMSProp with learning rate η and decay ρ.
pub struct RmsProp {
    rate: f64,
    decay: f64,
    mean_sq: Vec<f64>,
}

impl RmsProp {
    /// With learning rate `rate` and decay `decay`.
    pub fn new(rate: f64, decay: f64) -> Self {
        RmsProp {
            rate,
            decay,
            mean_sq: Vec::new(),
        }
    }
}

impl Solver for RmsProp {
    fn init(&mut self, _: &Objective, s: &State) {
        self.mean_sq = vec![0.0; s.x.len()];
    }

    fn next_iter(&mut self, _: &Objective, s: &State) -> Result<Candidate, Termination> {
        let mut next = s.x.clone();
        for ((x, g), m) in next.iter_mut().zip(&s.grad).zip(self.mean_sq.iter_mut()) {
            *m = self.decay * *m + (1.0 - self.decay) * g * g;
            *x -= self.rate * g / (m.sqrt() + EPS);
        }
        Ok(Candidate::at(next))
    }
}
