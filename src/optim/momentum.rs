//! Heavy-ball momentum: `v ← βv + η∇f(x)`, `x ← x − v`. The velocity v remembers past
//! steps, so consistent directions add up and zig-zags across a narrow valley cancel.

use super::solver::{Candidate, Solver, State, Termination};
use super::Objective;

/// Momentum with learning rate η and memory β.
pub struct Momentum {
    rate: f64,
    beta: f64,
    velocity: Vec<f64>,
}

impl Momentum {
    /// With learning rate `rate` and momentum `beta`.
    pub fn new(rate: f64, beta: f64) -> Self {
        Momentum {
            rate,
            beta,
            velocity: Vec::new(),
        }
    }
}

impl Solver for Momentum {
    fn init(&mut self, _: &Objective, s: &State) {
        self.velocity = vec![0.0; s.x.len()];
    }

    fn next_iter(&mut self, _: &Objective, s: &State) -> Result<Candidate, Termination> {
        for (v, g) in self.velocity.iter_mut().zip(&s.grad) {
            *v = self.beta * *v + self.rate * g;
        }
        Ok(Candidate::at(
            s.x.iter().zip(&self.velocity).map(|(x, v)| x - v).collect(),
        ))
    }
}
