//! The shape every optimiser shares (argmin's `Solver`): an optimiser keeps its own state,
//! is initialised once at the start, proposes the next point in `next_iter`, and may end the
//! run itself in `terminate`. Endings are values ([`Termination`]). [`execute`] is the loop
//! around them: it evaluates f and ∇f, checks convergence and divergence, and records the
//! path, so no optimiser repeats that bookkeeping.

use super::divergence;
use super::{
    adagrad::AdaGrad, adam::Adam, gradient_descent::GradientDescent, lbfgs::Lbfgs,
    momentum::Momentum, nesterov::Nesterov, newton::Newton, rmsprop::RmsProp,
};
use super::{text, Method, Objective, OptimError, Run, Settings, Stop, MAX_STEPS_LIMIT};

/// Where a run is: the current point, f and ∇f there, and how many steps were taken.
#[derive(Clone, Debug)]
pub struct State {
    /// The current point.
    pub x: Vec<f64>,
    /// f at `x` (finite).
    pub f: f64,
    /// ∇f at `x` (finite).
    pub grad: Vec<f64>,
    /// Steps taken so far.
    pub step: usize,
}

/// The next point an optimiser proposes. When it already evaluated f and ∇f there (a line
/// search does), it passes them on so they are not computed twice.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The proposed point.
    pub x: Vec<f64>,
    /// f and ∇f at `x`, if already known.
    pub evaluated: Option<(f64, Vec<f64>)>,
}

impl Candidate {
    /// A point whose f and ∇f the loop should evaluate.
    pub fn at(x: Vec<f64>) -> Candidate {
        Candidate { x, evaluated: None }
    }
}

/// How an optimiser ends a run itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Termination {
    /// The run cannot or should not continue; the sentence says why.
    Stuck(String),
}

/// One optimiser: its own state, an initialisation and a step.
pub trait Solver {
    /// Called once with the start (f and ∇f known and finite).
    fn init(&mut self, _objective: &Objective, _state: &State) {}

    /// Proposes the next point, or ends the run.
    fn next_iter(&mut self, objective: &Objective, state: &State)
        -> Result<Candidate, Termination>;

    /// Ends the run before the next step if the optimiser knows it should (default: never).
    fn terminate(&self, _state: &State) -> Option<Termination> {
        None
    }
}

/// The solver for a method (settings assumed validated).
pub fn for_method(method: &Method) -> Box<dyn Solver> {
    match *method {
        Method::GradientDescent { rate } => Box::new(GradientDescent::new(rate)),
        Method::Momentum { rate, beta } => Box::new(Momentum::new(rate, beta)),
        Method::Nesterov { rate, beta } => Box::new(Nesterov::new(rate, beta)),
        Method::AdaGrad { rate } => Box::new(AdaGrad::new(rate)),
        Method::RmsProp { rate, decay } => Box::new(RmsProp::new(rate, decay)),
        Method::Adam { rate, beta1, beta2 } => Box::new(Adam::new(rate, beta1, beta2)),
        Method::Newton { damping } => Box::new(Newton::new(damping)),
        Method::Lbfgs { memory } => Box::new(Lbfgs::new(memory)),
    }
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|a| a * a).sum::<f64>().sqrt()
}

fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(p, q)| (p - q) * (p - q))
        .sum::<f64>()
        .sqrt()
}

/// Runs `solver` from `start`: the loop behind [`super::minimize`].
pub fn execute(
    objective: &Objective,
    solver: &mut dyn Solver,
    method: &Method,
    start: &[f64],
    settings: &Settings,
) -> Result<Run, OptimError> {
    let n = objective.dim();
    if start.len() != n {
        return Err(OptimError::WrongStartLength {
            expected: n,
            got: start.len(),
        });
    }
    if start.iter().any(|v| !v.is_finite()) {
        return Err(OptimError::NonFiniteStart);
    }
    let mut grad = vec![f64::NAN; n];
    let f0 = objective.value_gradient(start, &mut grad);
    if !f0.is_finite() {
        return Err(OptimError::UndefinedAtStart(text::fmt_point(start)));
    }
    let max_steps = settings.max_steps.min(MAX_STEPS_LIMIT);
    let mut points = vec![start.to_vec()];
    let mut values = vec![f0];
    let finish = |points, values, stop| {
        Ok(Run {
            points,
            values,
            stop,
        })
    };
    if grad.iter().any(|g| !g.is_finite()) {
        let reason = format!(
            "The gradient is not defined at the start {}, so there is no downhill direction to follow.",
            text::fmt_point(start)
        );
        return finish(points, values, Stop::Diverged { step: 1, reason });
    }
    let mut state = State {
        x: start.to_vec(),
        f: f0,
        grad,
        step: 0,
    };
    let limit = f0 + settings.blow_up * f0.abs().max(1.0);
    solver.init(objective, &state);
    loop {
        if norm(&state.grad) <= settings.grad_tol {
            return finish(points, values, Stop::Converged { step: state.step });
        }
        if state.step >= max_steps {
            return finish(points, values, Stop::MaxSteps);
        }
        let step = state.step + 1;
        let stuck = |t: Termination| {
            let Termination::Stuck(reason) = t;
            Stop::Diverged { step, reason }
        };
        if let Some(t) = solver.terminate(&state) {
            return finish(points, values, stuck(t));
        }
        let cand = match solver.next_iter(objective, &state) {
            Ok(c) => c,
            Err(t) => return finish(points, values, stuck(t)),
        };
        let (f, g) = match cand.evaluated {
            Some(fg) => fg,
            None => {
                let mut g = vec![f64::NAN; n];
                let f = cand
                    .x
                    .iter()
                    .all(|v| v.is_finite())
                    .then(|| objective.value_gradient(&cand.x, &mut g));
                (f.unwrap_or(f64::NAN), g)
            }
        };
        let problem = if cand.x.len() != n || cand.x.iter().any(|v| !v.is_finite()) {
            Some(divergence::Problem::PointNotFinite)
        } else if !f.is_finite() {
            Some(divergence::Problem::ValueNotFinite { f })
        } else if f > limit {
            Some(divergence::Problem::BlewUp { f })
        } else if distance(&cand.x, start) > settings.escape_radius {
            Some(divergence::Problem::RanOff {
                distance: distance(&cand.x, start),
                f,
            })
        } else if g.iter().any(|v| !v.is_finite()) {
            Some(divergence::Problem::GradientNotFinite)
        } else {
            None
        };
        if let Some(problem) = problem {
            let reason = divergence::explain(
                objective,
                method,
                problem,
                &divergence::Context {
                    step,
                    start,
                    f0,
                    blow_up: settings.blow_up,
                    last: &state.x,
                },
            );
            return finish(points, values, Stop::Diverged { step, reason });
        }
        points.push(cand.x.clone());
        values.push(f);
        state = State {
            x: cand.x,
            f,
            grad: g,
            step,
        };
    }
}
