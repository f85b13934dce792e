//! Nesterov momentum: like heavy-ball momentum, but the gradient is taken at the look-ahead
//! point `x − βv` where the velocity is about to carry the point:
//! `v ← βv + η∇f(x − βv)`, `x ← x − v`. Looking ahead lets it brake before overshooting.

use super::solver::{Candidate, Solver, State, Termination};
use super::Objective;

/// Nesterov momentum with learning rate η and memory β.
pub struct Nesterov {
    rate: f64,
    beta: f64,
    velocity: Vec<f64>,
    ahead: Vec<f64>,
    grad: Vec<f64>,
}

impl Nesterov {
    /// With learning rate `rate` and momentum `beta`.
    pub fn new(rate: f64, beta: f64) -> Self {
        Nesterov {
            rate,
            beta,
            velocity: Vec::new(),
            ahead: Vec::new(),
            grad: Vec::new(),
        }
    }
}

impl Solver for Nesterov {
    fn init(&mut self, _: &Objective, s: &State) {
        self.velocity = vec![0.0; s.x.len()];
        self.ahead = vec![0.0; s.x.len()];
        self.grad = vec![0.0; s.x.len()];
    }

    fn next_iter(&mut self, objective: &Objective, s: &State) -> Result<Candidate, Termination> {
        for ((a, x), v) in self.ahead.iter_mut().zip(&s.x).zip(&self.velocity) {
            *a = x - self.beta * v;
        }
        objective.value_gradient(&self.ahead, &mut self.grad);
        for (v, g) in self.velocity.iter_mut().zip(&self.grad) {
            *v = self.beta * *v + self.rate * g;
        }
        Ok(Candidate::at(
            s.x.iter().zip(&self.velocity).map(|(x, v)| x - v).collect(),
        ))
    }
}
