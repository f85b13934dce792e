//! Adam: running means of the gradient (m, decay β₁) and of its square (v, decay β₂), each
//! divided by `1 − βᵗ` to undo their start at zero (bias correction), then
//! `x ← x − η m̂ / (√v̂ + ε)` with ε = 10⁻⁸. Each coordinate's step is about η whatever the
//! slope's size, which makes η easy to choose and the path insensitive to scaling.

use super::solver::{Candidate, Solver, State, Termination};
use super::Objective;

/// Adam's ε, added to √v̂ so a zero gradient never divides by zero.
pub const EPS: f64 = 1e-8;

/// Adam with learning rate η and decays β₁, β₂.
pub struct Adam {
    rate: f64,
    beta1: f64,
    beta2: f64,
    m: Vec<f64>,
    v: Vec<f64>,
    /// β₁ᵗ and β₂ᵗ for the bias correction.
    powers: (f64, f64),
}

impl Adam {
    /// With learning rate `rate` and decays `beta1`, `beta2`.
    pub fn new(rate: f64, beta1: f64, beta2: f64) -> Self {
        Adam {
            rate,
            beta1,
            beta2,
            m: Vec::new(),
            v: Vec::new(),
            powers: (1.0, 1.0),
        }
    }
}

impl Solver for Adam {
    fn init(&mut self, _: &Objective, s: &State) {
        self.m = vec![0.0; s.x.len()];
        self.v = vec![0.0; s.x.len()];
        self.powers = (1.0, 1.0);
    }

    fn next_iter(&mut self, _: &Objective, s: &State) -> Result<Candidate, Termination> {
        self.powers.0 *= self.beta1;
        self.powers.1 *= self.beta2;
        let (c1, c2) = (1.0 - self.powers.0, 1.0 - self.powers.1);
        let mut next = s.x.clone();
        for (((x, g), m), v) in next
            .iter_mut()
            .zip(&s.grad)
            .zip(self.m.iter_mut())
            .zip(self.v.iter_mut())
        {
            *m = self.beta1 * *m + (1.0 - self.beta1) * g;
            *v = self.beta2 * *v + (1.0 - self.beta2) * g * g;
            let (mh, vh) = (*m / c1, *v / c2);
            *x -= self.rate * mh / (vh.sqrt() + EPS);
        }
        Ok(Candidate::at(next))
    }
}
