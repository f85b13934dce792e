//! Why a run blew up, in words a learner can read, naming the cause where it is known.
//!
//! The rule (documented on [`super::Stop::Diverged`]): a step diverges when the new point or
//! f there is not finite, when f rises above its start by more than `blow_up · max(|f₀|, 1)`,
//! or when the point runs farther than `escape_radius` from the start. The `max(|f₀|, 1)`
//! keeps the rule sane when f₀ is zero, tiny or negative: "1000 times the start" means nothing
//! when the start is 0 (every rise would count) or −5 (every value above −5000 would).
//!
//! For gradient descent on a quadratic, the iteration is stable exactly when η·λ_max < 2
//! (λ_max the Hessian's largest eigenvalue); for heavy-ball momentum when
//! η·λ_max < 2(1 + β); for Nesterov momentum when η·λ_max < 2(1 + β)/(1 + 2β). When the
//! Hessian at the start (or at the last good point) breaks that bound, the sentence says so
//! with the numbers.

use super::curvature::largest_eigenvalue;
use super::text::{fmt_num, fmt_point};
use super::{Method, Objective};

/// What went wrong at the failing step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Problem {
    /// The new point has a NaN or infinite coordinate.
    PointNotFinite,
    /// f is NaN or infinite at the new point.
    ValueNotFinite {
        /// The value.
        f: f64,
    },
    /// f rose past the blow-up limit.
    BlewUp {
        /// The value.
        f: f64,
    },
    /// The point ran past the escape radius.
    RanOff {
        /// Its distance from the start.
        distance: f64,
        /// f there.
        f: f64,
    },
    /// ∇f is NaN or infinite at the new point.
    GradientNotFinite,
}

/// What the explanation may mention.
pub struct Context<'a> {
    /// The failing step.
    pub step: usize,
    /// The start.
    pub start: &'a [f64],
    /// f at the start.
    pub f0: f64,
    /// The blow-up factor of the settings.
    pub blow_up: f64,
    /// The last good point.
    pub last: &'a [f64],
}

/// The stability bound on η·λ_max for the methods that have a simple one, with how to write it.
pub fn stability_bound(method: &Method) -> Option<(f64, String)> {
    match *method {
        Method::GradientDescent { .. } => Some((2.0, "2".to_string())),
        Method::Momentum { beta, .. } => {
            let b = 2.0 * (1.0 + beta);
            Some((b, format!("2(1 + β) = {}", fmt_num(b))))
        }
        Method::Nesterov { beta, .. } => {
            let b = 2.0 * (1.0 + beta) / (1.0 + 2.0 * beta);
            Some((b, format!("2(1 + β)/(1 + 2β) = {}", fmt_num(b))))
        }
        _ => None,
    }
}

/// The cause, when the method has a stability bound that the curvature breaks: at the start
/// if possible, else at the last good point.
fn cause(objective: &Objective, method: &Method, ctx: &Context<'_>) -> Option<String> {
    let rate = method.rate()?;
    let (bound, written) = stability_bound(method)?;
    let at = |p: &[f64]| largest_eigenvalue(&objective.hessian(p)).map(|l| rate * l);
    if let Some(r) = at(ctx.start).filter(|r| *r > bound) {
        return Some(format!(
            "because η·λ_max = {} > {written} at the start: each step overshoots the bottom of \
             the valley along the steepest-curving direction and lands higher up the other side",
            fmt_num(r)
        ));
    }
    if let Some(r) = at(ctx.last).filter(|r| *r > bound) {
        return Some(format!(
            "because the curvature grew along the way: at {} η·λ_max = {} > {written}, so the \
             steps there overshoot and grow",
            fmt_point(ctx.last),
            fmt_num(r)
        ));
    }
    None
}

/// One or two sentences on why step `ctx.step` failed.
pub fn explain(
    objective: &Objective,
    method: &Method,
    problem: Problem,
    ctx: &Context<'_>,
) -> String {
    let k = ctx.step;
    let f = objective.symbol();
    let what = match problem {
        Problem::PointNotFinite => {
            format!("At step {k} the step became infinitely long, so the point left the numbers")
        }
        Problem::ValueNotFinite { f: v } if v.is_nan() => {
            format!("At step {k} the path reached a point where {f} is not defined")
        }
        Problem::ValueNotFinite { .. } => {
            format!("At step {k} the path reached a point where {f} is infinite")
        }
        Problem::BlewUp { f: v } => format!(
            "{f} grew from {} to {} by step {k}, more than {} times max(|{f}(start)|, 1) above \
             its start",
            fmt_num(ctx.f0),
            fmt_num(v),
            fmt_num(ctx.blow_up)
        ),
        Problem::RanOff { distance, f: v } => format!(
            "By step {k} the path was {} away from its start and {f} had fallen to {}: {f} seems \
             to have no lowest point in that direction",
            fmt_num(distance),
            fmt_num(v)
        ),
        Problem::GradientNotFinite => format!(
            "At step {k} the path reached a point where the gradient is not defined, so there is \
             no direction to follow"
        ),
    };
    let cause = match problem {
        Problem::RanOff { .. } | Problem::GradientNotFinite => None,
        _ => cause(objective, method, ctx),
    };
    let extra = match (cause, method) {
        (Some(c), _) => format!(", {c}."),
        (None, Method::Newton { .. }) if matches!(problem, Problem::BlewUp { .. }) => format!(
            ": Newton's method jumps to the bottom of the local quadratic model, and here that \
             model was a poor guide to {f}."
        ),
        _ => ".".to_string(),
    };
    format!("{what}{extra}")
}

#[cfg(test)]
mod tests {
    use crate::optim::{minimize, Method, Objective, Settings, Stop};

    fn reason(objective: &Objective) -> String {
        let m = Method::GradientDescent { rate: 0.2 };
        let run = minimize(objective, &m, &[1.0, 1.0], &Settings::default()).expect("runs");
        match run.stop {
            Stop::Diverged { reason, .. } => reason,
            other => panic!("expected a divergence, got {other:?}"),
        }
    }

    #[test]
    fn the_sentence_names_the_function_as_the_page_does() {
        let loss = Objective::parse("x^2 + 10y^2", &["x", "y"]).expect("parses");
        let as_f = reason(&loss);
        assert!(as_f.starts_with("f grew from"), "{as_f}");
        let as_l = reason(&loss.with_symbol("L"));
        assert!(as_l.starts_with("L grew from"), "{as_l}");
        assert!(as_l.contains("max(|L(start)|, 1)"), "{as_l}");
        assert!(!as_l.contains("f grew") && !as_l.contains("|f("), "{as_l}");
        // Powers of ten read as the lessons write them.
        assert!(!as_l.contains("e1") && !as_l.contains("e+"), "{as_l}");
    }
}
