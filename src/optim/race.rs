//! The optimiser race in words: for each runner, one plain sentence on how far it got, how
//! fast, and (if it blew up or stopped) why — e.g. "Adam reached f within 10⁻³ of the lowest
//! value found in 87 steps" or "gradient descent diverged at step 12: … η·λ_max = 2.4 > 2 …".

use super::critical::classify_at;
use super::text::{fmt_num, fmt_point, superscript};
use super::{Method, Objective, Run, Stop};
use crate::math::CriticalKind;

/// One runner of the race.
#[derive(Clone, Debug)]
pub struct RaceEntry {
    /// The optimiser and its settings.
    pub method: Method,
    /// Its run.
    pub run: Run,
}

/// The lowest finite value any run reached (NaN when there is none).
pub fn best_value<'a>(runs: impl IntoIterator<Item = &'a Run>) -> f64 {
    runs.into_iter()
        .flat_map(|r| r.values.iter().copied())
        .filter(|v| v.is_finite())
        .fold(f64::NAN, f64::min)
}

/// The first step at which the run's value is within `tol` of `target`.
pub fn steps_to_within(run: &Run, target: f64, tol: f64) -> Option<usize> {
    run.values.iter().position(|&v| v - target <= tol)
}

/// `tol` written as a power of ten when it is one (`10⁻³`), else as a number.
fn fmt_tol(tol: f64) -> String {
    let e = tol.log10().round();
    if tol > 0.0 && (tol - 10f64.powf(e)).abs() <= 1e-9 * tol {
        format!("10{}", superscript(e as i32))
    } else {
        fmt_num(tol)
    }
}

fn steps(n: usize) -> String {
    if n == 1 {
        "1 step".to_string()
    } else {
        format!("{n} steps")
    }
}

/// One sentence about `run` of `method`, judged against `target` (the lowest value found, or
/// the known minimum) with tolerance `tol`.
pub fn describe_run(
    objective: &Objective,
    method: &Method,
    run: &Run,
    target: f64,
    tol: f64,
) -> String {
    let name = method.name();
    let mut name_cap = name.to_string();
    if let Some(c) = name_cap.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    let end = run.last_point().map(fmt_point).unwrap_or_default();
    let last = run.last_value().unwrap_or(f64::NAN);
    let reached = steps_to_within(run, target, tol);
    let reach = reached.map(|k| {
        format!(
            "reached f within {} of the lowest value found in {}",
            fmt_tol(tol),
            steps(k)
        )
    });
    match (&run.stop, reach) {
        (Stop::Diverged { step, reason }, reach) => {
            let verb = if method.rate().is_some() { "diverged" } else { "stopped" };
            let before = reach.map(|r| format!(" ({r} first)")).unwrap_or_default();
            format!("{name_cap} {verb} at step {step}{before}: {reason}")
        }
        (Stop::Converged { step }, Some(r)) => {
            format!("{name_cap} {r}, and stopped at {end} after {} with f = {}.", steps(*step), fmt_num(last))
        }
        (Stop::Converged { step }, None) => {
            let kind = match run.last_point().map(|p| classify_at(objective, p)) {
                Some(CriticalKind::Saddle) => "a saddle point, not a minimum",
                Some(CriticalKind::Maximum) => "a maximum, not a minimum",
                Some(CriticalKind::Minimum) => "a local minimum that is not the lowest one found",
                _ => "a flat point the second-derivative test cannot classify",
            };
            format!(
                "{name_cap} stopped after {} at {end}, where the gradient vanishes: {kind} \
                 (f = {}, {} above the lowest value found).",
                steps(*step),
                fmt_num(last),
                fmt_num(last - target)
            )
        }
        (Stop::MaxSteps, Some(r)) => format!(
            "{name_cap} {r}, but its gradient was still above the tolerance after {} (at {end}, f = {}).",
            steps(run.steps()),
            fmt_num(last)
        ),
        (Stop::MaxSteps, None) => format!(
            "{name_cap} had not got within {} of the lowest value after {}: it is at {end} with \
             f = {}, {} above it.",
            fmt_tol(tol),
            steps(run.steps()),
            fmt_num(last),
            fmt_num(last - target)
        ),
    }
}

/// A sentence per runner, all judged against the lowest value any of them found (or `known`,
/// a known minimum, if lower).
pub fn race_sentences(
    objective: &Objective,
    entries: &[RaceEntry],
    known: Option<f64>,
    tol: f64,
) -> Vec<String> {
    let mut target = best_value(entries.iter().map(|e| &e.run));
    if let Some(k) = known.filter(|k| k.is_finite()) {
        target = if target.is_nan() { k } else { target.min(k) };
    }
    entries
        .iter()
        .map(|e| describe_run(objective, &e.method, &e.run, target, tol))
        .collect()
}
