//! A live training session of the two-feature linear regression (`linear`): the data set
//! from a seed, gradient descent full-batch or mini-batch from chosen weights, the history
//! of weights and full-batch losses a page draws, and when training must stop. A step that
//! would leave the finite numbers, or raise the loss past 10³ times where it started, ends
//! the session as diverged with a sentence naming the cause (η against 2/λ_max of the
//! loss's Hessian, which is the same at every weight because the loss is quadratic); the
//! bad weights are not recorded, so nothing drawn is ever NaN.

use super::linear::{Dataset, Trainer, Weights};
use crate::optim::curvature::symmetric_eigen;
use crate::optim::text::fmt_num;

/// Examples in a generated data set.
pub const EXAMPLES: usize = 40;
/// Standard deviation of the noise on the targets.
pub const NOISE: f64 = 0.5;
/// Examples per mini-batch.
pub const BATCH: usize = 8;
/// The most steps a session takes.
pub const MAX_STEPS: usize = 300;
/// Full-batch training has converged when ‖∇L‖ is at most this.
pub const GRAD_TOL: f64 = 1e-6;
/// The loss has blown up past this many times `max(L(start), 1)`.
const BLOW_UP: f64 = 1e3;

/// Where a session is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// It can take more steps.
    Training,
    /// Full-batch ‖∇L‖ fell to [`GRAD_TOL`] at this step.
    Converged(usize),
    /// [`MAX_STEPS`] steps were taken.
    OutOfSteps,
    /// A step blew up; the sentence says why.
    Diverged {
        /// The step that failed.
        step: usize,
        /// Why, in plain words with the numbers.
        reason: String,
    },
}

/// One training session.
#[derive(Clone, Debug)]
pub struct Session {
    /// The data.
    pub data: Dataset,
    /// The weights training started from.
    pub start: Weights,
    /// Weights after each step, `history[0]` the start.
    pub history: Vec<Weights>,
    /// Full-batch loss at each entry of `history`.
    pub losses: Vec<f64>,
    /// Where it is.
    pub status: Status,
    /// The largest eigenvalue of the loss's Hessian (NaN if it could not be computed).
    pub lambda_max: f64,
    /// The least-squares weights, if the data determine them.
    pub best: Option<Weights>,
    trainer: Trainer,
}

impl Session {
    /// A session on the data set of `seed`, learning rate `rate`, mini-batches of
    /// [`BATCH`] examples when `mini_batch`, from `start`.
    pub fn new(seed: u64, rate: f64, mini_batch: bool, start: Weights) -> Session {
        let data = Dataset::generate(seed, EXAMPLES, NOISE);
        let h = data.hessian();
        let rows: Vec<Vec<f64>> = h.iter().map(|r| r.to_vec()).collect();
        let lambda_max = symmetric_eigen(&rows)
            .and_then(|(e, _)| e.last().copied())
            .unwrap_or(f64::NAN);
        let best = data.best_weights();
        let batch = mini_batch.then_some(BATCH);
        let trainer = Trainer::new(start, rate, batch, seed);
        let loss0 = data.mse(&start, None);
        let status = if start.iter().all(|w| w.is_finite()) && loss0.is_finite() && rate.is_finite()
        {
            Status::Training
        } else {
            Status::Diverged {
                step: 0,
                reason: "The starting weights or η are not finite numbers.".to_string(),
            }
        };
        Session {
            data,
            start,
            history: vec![start],
            losses: vec![loss0],
            status,
            lambda_max,
            best,
            trainer,
        }
    }

    /// The learning rate.
    pub fn rate(&self) -> f64 {
        self.trainer.rate
    }

    /// Whether the steps use mini-batches.
    pub fn mini_batch(&self) -> bool {
        self.trainer.batch_size.is_some()
    }

    /// The current weights.
    pub fn weights(&self) -> Weights {
        self.history.last().copied().unwrap_or(self.start)
    }

    /// Steps taken.
    pub fn steps(&self) -> usize {
        self.history.len().saturating_sub(1)
    }

    /// 2/λ_max: the largest learning rate for which full-batch descent does not diverge.
    pub fn threshold(&self) -> f64 {
        if self.lambda_max > 0.0 {
            2.0 / self.lambda_max
        } else {
            f64::INFINITY
        }
    }

    /// η against 2/λ_max, in a sentence.
    pub fn rate_sentence(&self) -> String {
        let r = self.rate() * self.lambda_max;
        let (eta, th, lam) = (
            fmt_num(self.rate()),
            fmt_num(self.threshold()),
            fmt_num(self.lambda_max),
        );
        if !r.is_finite() {
            return "The curvature of this loss could not be computed.".to_string();
        }
        if r >= 2.0 {
            format!(
                "η = {eta} is above 2/λ_max = {th} (λ_max = {lam} is the largest eigenvalue of the \
                 loss's Hessian), so η·λ_max = {} ≥ 2: the weights will overshoot further every \
                 step and diverge.",
                fmt_num(r)
            )
        } else if r > 1.0 {
            format!(
                "η = {eta} is below 2/λ_max = {th} but η·λ_max = {} > 1: the weights zig-zag \
                 across the valley while they converge.",
                fmt_num(r)
            )
        } else {
            format!(
                "η = {eta} is below 2/λ_max = {th} (η·λ_max = {}), so full-batch descent \
                 converges{}.",
                fmt_num(r),
                if r < 0.1 { ", slowly" } else { "" }
            )
        }
    }

    /// Takes one step unless the session has stopped; returns whether it can go on.
    pub fn step(&mut self) -> bool {
        if self.status != Status::Training {
            return false;
        }
        let step = self.steps() + 1;
        let loss0 = self.losses.first().copied().unwrap_or(f64::NAN);
        let before = self.trainer.weights;
        let s = self.trainer.step(&self.data);
        let finite = s.weights.iter().all(|w| w.is_finite()) && s.loss.is_finite();
        if !finite || s.loss > BLOW_UP * loss0.max(1.0) {
            self.trainer.weights = before;
            let r = self.rate() * self.lambda_max;
            let cause = if r >= 2.0 {
                format!(
                    " because η·λ_max = {} > 2: η = {} is above 2/λ_max = {}",
                    fmt_num(r),
                    fmt_num(self.rate()),
                    fmt_num(self.threshold())
                )
            } else {
                String::new()
            };
            let grew = if s.loss.is_finite() {
                format!(
                    "the loss grew from {} to {}",
                    fmt_num(loss0),
                    fmt_num(s.loss)
                )
            } else {
                "the loss left the finite numbers".to_string()
            };
            self.status = Status::Diverged {
                step,
                reason: format!("At step {step} {grew}{cause}."),
            };
            return false;
        }
        self.history.push(s.weights);
        self.losses.push(s.loss);
        let g = self.data.gradient(&s.weights, None);
        let gnorm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
        if !self.mini_batch() && gnorm <= GRAD_TOL {
            self.status = Status::Converged(step);
        } else if step >= MAX_STEPS {
            self.status = Status::OutOfSteps;
        }
        self.status == Status::Training
    }

    /// The weights' path in the (w₁, w₂) plane.
    pub fn path(&self) -> Vec<(f64, f64)> {
        self.history.iter().map(|w| (w[0], w[1])).collect()
    }

    /// The loss per step, as chart points `(step, L)`.
    pub fn loss_points(&self) -> Vec<(f64, f64)> {
        self.losses
            .iter()
            .enumerate()
            .map(|(k, &l)| (k as f64, l))
            .collect()
    }

    /// The predictions ŷ at the current weights, one per example.
    pub fn predictions(&self) -> Vec<f64> {
        let w = self.weights();
        (0..self.data.len())
            .map(|i| self.data.predict(&w, i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_batch_training_falls_to_the_least_squares_loss() {
        let mut s = Session::new(7, 0.3, false, [0.0; 3]);
        assert!(s.rate() * s.lambda_max < 2.0, "{}", s.rate_sentence());
        while s.step() {}
        assert!(matches!(s.status, Status::Converged(_)), "{:?}", s.status);
        assert!(s.losses.windows(2).all(|w| w[1] <= w[0] + 1e-12));
        let best = s.best.unwrap();
        let w = s.weights();
        for k in 0..3 {
            assert!((w[k] - best[k]).abs() < 1e-5);
        }
        assert_eq!(s.path().len(), s.losses.len());
        assert_eq!(s.predictions().len(), EXAMPLES);
    }

    #[test]
    fn too_large_a_rate_diverges_with_its_cause_and_no_nan() {
        let probe = Session::new(3, 0.1, false, [0.0; 3]);
        let eta = 1.2 * probe.threshold();
        let mut s = Session::new(3, eta, false, [0.0; 3]);
        assert!(
            s.rate_sentence().contains("diverge"),
            "{}",
            s.rate_sentence()
        );
        while s.step() {}
        let Status::Diverged { reason, .. } = &s.status else {
            panic!("{:?}", s.status)
        };
        assert!(reason.contains("η·λ_max = 2.4 > 2"), "{reason}");
        assert!(s.losses.iter().all(|l| l.is_finite()));
        assert!(s.history.iter().flatten().all(|w| w.is_finite()));
        assert!(!s.step(), "a stopped session stays stopped");
    }

    #[test]
    fn mini_batches_are_noisy_but_get_close() {
        let mut s = Session::new(11, 0.05, true, [0.0; 3]);
        while s.step() {}
        assert_eq!(s.status, Status::OutOfSteps);
        let rises = s.losses.windows(2).filter(|w| w[1] > w[0]).count();
        assert!(rises > 0, "a noisy path goes up sometimes");
        let best = s.data.mse(&s.best.unwrap(), None);
        assert!(*s.losses.last().unwrap() < best + 0.2);
        let bad = Session::new(1, f64::NAN, false, [0.0; 3]);
        assert!(matches!(bad.status, Status::Diverged { step: 0, .. }));
    }
}
