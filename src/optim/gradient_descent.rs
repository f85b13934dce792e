//! Plain gradient descent: `x ← x − η∇f(x)`. The step points along −∇f and its length is
//! η‖∇f‖, so it shrinks by itself as the slope flattens.

use super::solver::{Candidate, Solver, State, Termination};
use super::Objective;

/// Gradient descent with a fixed learning rate.
pub struct GradientDescent {
    rate: f64,
}

impl GradientDescent {
    /// With learning rate `rate`.
    pub fn new(rate: f64) -> Self {
        GradientDescent { rate }
    }
}

impl Solver for GradientDescent {
    fn next_iter(&mut self, _: &Objective, s: &State) -> Result<Candidate, Termination> {
        Ok(Candidate::at(
            s.x.iter()
                .zip(&s.grad)
                .map(|(x, g)| x - self.rate * g)
                .collect(),
        ))
    }
}
