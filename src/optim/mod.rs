//! Optimisers that minimise a typed function: gradient descent, momentum, Nesterov, AdaGrad,
//! RMSProp, Adam, Newton's method and L-BFGS, behind one small facade ([`minimize`]) that
//! tools outside the crate can drive, plus the pure helpers the optimiser widgets and lessons
//! need (learning-rate regime, race sentences, basin map, sweep, critical points, curvature).
//!
//! Internals follow argmin's shape: each optimiser is a [`solver::Solver`] with its own state
//! and `init` / `next_iter` / `terminate`, and every way a run ends is a value ([`Stop`]);
//! divergence is a normal, explained ending, never an error or a NaN in the path.
//!
//! Pure Rust: no web, no plotting, no I/O, no panics on any input.

mod adagrad;
mod adam;
pub mod basin;
pub mod critical;
pub mod curvature;
mod divergence;
mod gradient_descent;
mod lbfgs;
mod momentum;
mod nesterov;
mod newton;
mod objective;
pub mod race;
pub mod regime;
mod rmsprop;
pub mod solver;
pub mod sweep;
pub mod text;

use std::fmt;

pub use basin::{BasinCell, BasinMap};
pub use critical::{definiteness_map, nearest_critical_point, CriticalPoint};
pub use curvature::{curvature_at, Curvature};
pub use objective::Objective;
pub use race::{best_value, describe_run, race_sentences, steps_to_within, RaceEntry};
pub use regime::{learning_rate_regime, Regime, RegimeKind};
pub use sweep::{log_rates, sweep_rates, SweepPoint};

/// The most steps a run takes, whatever [`Settings::max_steps`] asks for (keeps memory bounded).
pub const MAX_STEPS_LIMIT: usize = 100_000;

/// The most variables an objective may have (Newton solves an n × n system each step).
pub const MAX_VARS: usize = 32;

/// Which optimiser to run, with its settings.
#[derive(Clone, Debug, PartialEq)]
pub enum Method {
    /// `x ← x − η∇f(x)`.
    GradientDescent {
        /// The learning rate η.
        rate: f64,
    },
    /// Heavy-ball momentum: `v ← βv + η∇f(x)`, `x ← x − v`.
    Momentum {
        /// The learning rate η.
        rate: f64,
        /// How much of the last step is kept, β in [0, 1).
        beta: f64,
    },
    /// Nesterov momentum: the gradient is taken at the look-ahead point `x − βv`.
    Nesterov {
        /// The learning rate η.
        rate: f64,
        /// How much of the last step is kept, β in [0, 1).
        beta: f64,
    },
    /// AdaGrad: each coordinate's step is divided by the root of its summed squared gradients.
    AdaGrad {
        /// The learning rate η.
        rate: f64,
    },
    /// RMSProp: each coordinate's step is divided by the root of a running mean of squared
    /// gradients.
    RmsProp {
        /// The learning rate η.
        rate: f64,
        /// The running mean's decay ρ in [0, 1).
        decay: f64,
    },
    /// Adam: running means of the gradient and of its square, bias-corrected, ε = 10⁻⁸.
    Adam {
        /// The learning rate η.
        rate: f64,
        /// Decay of the gradient's running mean, β₁ in [0, 1).
        beta1: f64,
        /// Decay of the squared gradient's running mean, β₂ in [0, 1).
        beta2: f64,
    },
    /// Newton's method: solve `(H + damping·I) d = −∇f` and step by `d`.
    Newton {
        /// Added to the Hessian's diagonal (0 for the pure method).
        damping: f64,
    },
    /// L-BFGS: a quasi-Newton direction from the last `memory` steps (two-loop recursion)
    /// and a backtracking line search with the Armijo condition.
    Lbfgs {
        /// How many (step, gradient change) pairs are remembered.
        memory: usize,
    },
}

impl Method {
    /// The optimiser's name as a learner reads it in a sentence ("gradient descent", "Adam").
    pub fn name(&self) -> &'static str {
        match self {
            Method::GradientDescent { .. } => "gradient descent",
            Method::Momentum { .. } => "momentum",
            Method::Nesterov { .. } => "Nesterov momentum",
            Method::AdaGrad { .. } => "AdaGrad",
            Method::RmsProp { .. } => "RMSProp",
            Method::Adam { .. } => "Adam",
            Method::Newton { .. } => "Newton's method",
            Method::Lbfgs { .. } => "L-BFGS",
        }
    }

    /// The learning rate η, for the methods that have one.
    pub fn rate(&self) -> Option<f64> {
        match *self {
            Method::GradientDescent { rate }
            | Method::Momentum { rate, .. }
            | Method::Nesterov { rate, .. }
            | Method::AdaGrad { rate }
            | Method::RmsProp { rate, .. }
            | Method::Adam { rate, .. } => Some(rate),
            Method::Newton { .. } | Method::Lbfgs { .. } => None,
        }
    }

    /// The same method with learning rate `rate` (unchanged for Newton and L-BFGS).
    pub fn with_rate(&self, rate: f64) -> Method {
        let mut m = self.clone();
        match &mut m {
            Method::GradientDescent { rate: r }
            | Method::Momentum { rate: r, .. }
            | Method::Nesterov { rate: r, .. }
            | Method::AdaGrad { rate: r }
            | Method::RmsProp { rate: r, .. }
            | Method::Adam { rate: r, .. } => *r = rate,
            Method::Newton { .. } | Method::Lbfgs { .. } => {}
        }
        m
    }

    /// Checks the settings: rates must be finite and not negative, decays in [0, 1), damping
    /// finite and not negative. A rate of 0 is allowed (the run simply does not move).
    pub fn validate(&self) -> Result<(), OptimError> {
        let rate_ok = |r: f64| r.is_finite() && r >= 0.0;
        let decay_ok = |b: f64| (0.0..1.0).contains(&b);
        if let Some(r) = self.rate() {
            if !rate_ok(r) {
                return Err(OptimError::BadSetting(format!(
                    "The learning rate η must be a number ≥ 0, not {}.",
                    text::fmt_num(r)
                )));
            }
        }
        let decay = |name: &str, b: f64| {
            if decay_ok(b) {
                Ok(())
            } else {
                Err(OptimError::BadSetting(format!(
                    "{name} must be at least 0 and below 1, not {}.",
                    text::fmt_num(b)
                )))
            }
        };
        match *self {
            Method::Momentum { beta, .. } | Method::Nesterov { beta, .. } => decay("β", beta),
            Method::RmsProp { decay: d, .. } => decay("The decay ρ", d),
            Method::Adam { beta1, beta2, .. } => {
                decay("β₁", beta1)?;
                decay("β₂", beta2)
            }
            Method::Newton { damping } if !(damping.is_finite() && damping >= 0.0) => {
                Err(OptimError::BadSetting(format!(
                    "The damping must be a number ≥ 0, not {}.",
                    text::fmt_num(damping)
                )))
            }
            _ => Ok(()),
        }
    }
}

/// When a run stops and what counts as blowing up.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The most steps to take (capped at [`MAX_STEPS_LIMIT`]).
    pub max_steps: usize,
    /// The run has converged when the gradient's length is at most this.
    pub grad_tol: f64,
    /// The run has diverged when f rises above its start by more than `blow_up` times
    /// `max(|f(start)|, 1)` (see [`Stop::Diverged`]). `f64::INFINITY` switches the rule off.
    pub blow_up: f64,
    /// The run has diverged when a point is farther than this from the start (the path is
    /// running off to infinity, e.g. down an unbounded valley). `f64::INFINITY` switches the
    /// rule off.
    pub escape_radius: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_steps: 1000,
            grad_tol: 1e-6,
            blow_up: 1e3,
            escape_radius: 1e6,
        }
    }
}

/// One optimiser run: `points[0]` is the start, `points[k]` the point after k steps, and
/// `values[k]` is f there. Every point and value is finite: a step that would leave the
/// finite numbers ends the run instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The path, start first.
    pub points: Vec<Vec<f64>>,
    /// f along the path.
    pub values: Vec<f64>,
    /// Why the run ended.
    pub stop: Stop,
}

impl Run {
    /// The number of steps taken (`points.len() − 1`).
    pub fn steps(&self) -> usize {
        self.points.len().saturating_sub(1)
    }

    /// The last point reached.
    pub fn last_point(&self) -> Option<&[f64]> {
        self.points.last().map(Vec::as_slice)
    }

    /// f at the last point reached.
    pub fn last_value(&self) -> Option<f64> {
        self.values.last().copied()
    }
}

/// Why a run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// The gradient's length fell to [`Settings::grad_tol`] at `points[step]`.
    Converged {
        /// The step at which it converged (0: the start was already stationary).
        step: usize,
    },
    /// Step `step` could not be taken or blew up: a non-finite value, f above its start by
    /// more than [`Settings::blow_up`] times `max(|f(start)|, 1)`, a point past
    /// [`Settings::escape_radius`], or (Newton) an uphill step where the Hessian is not
    /// positive definite. The bad point is not in the path, so `points.len() == step`.
    /// `reason` is a sentence a learner can read.
    Diverged {
        /// The step that failed.
        step: usize,
        /// Why, in one or two plain sentences.
        reason: String,
    },
    /// [`Settings::max_steps`] steps were taken without converging.
    MaxSteps,
}

/// Why [`minimize`] or [`Objective::parse`] could not start.
#[derive(Clone, Debug, PartialEq)]
pub enum OptimError {
    /// The text does not parse; the sentence says why.
    Parse(String),
    /// The function cannot be compiled over the variables (e.g. it uses another variable).
    Compile(String),
    /// The variables are missing, repeated, or too many.
    BadVariables(String),
    /// The start has the wrong number of coordinates.
    WrongStartLength {
        /// The number of variables.
        expected: usize,
        /// The number of coordinates given.
        got: usize,
    },
    /// A coordinate of the start is NaN or infinite.
    NonFiniteStart,
    /// f is not defined (NaN or infinite) at the start.
    UndefinedAtStart(String),
    /// A setting is out of range; the sentence says which.
    BadSetting(String),
}

impl fmt::Display for OptimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptimError::Parse(s)
            | OptimError::Compile(s)
            | OptimError::BadVariables(s)
            | OptimError::BadSetting(s) => f.write_str(s),
            OptimError::WrongStartLength { expected, got } => write!(
                f,
                "The start needs {expected} coordinate{}, one per variable, but it has {got}.",
                if *expected == 1 { "" } else { "s" }
            ),
            OptimError::NonFiniteStart => {
                f.write_str("Every coordinate of the start must be a finite number.")
            }
            OptimError::UndefinedAtStart(p) => write!(
                f,
                "f is not defined at the start {p}; pick a start where it has a value."
            ),
        }
    }
}

impl std::error::Error for OptimError {}

/// Runs `method` on `objective` from `start` until it converges, diverges or takes
/// `settings.max_steps` steps. Errors only when the run cannot start (wrong-length or
/// non-finite start, f undefined there, a setting out of range); everything that happens
/// after the start is a [`Stop`].
pub fn minimize(
    objective: &Objective,
    method: &Method,
    start: &[f64],
    settings: &Settings,
) -> Result<Run, OptimError> {
    method.validate()?;
    let mut solver = solver::for_method(method);
    solver::execute(objective, solver.as_mut(), method, start, settings)
}
