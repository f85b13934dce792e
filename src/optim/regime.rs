//! Which regime a learning rate puts gradient descent in at a point, from the Hessian's
//! largest eigenvalue λ_max there. Along an eigenvector with eigenvalue λ, one step of
//! gradient descent on a quadratic multiplies the distance to the minimum by `1 − ηλ`:
//! * `ηλ_max < 0.1` — every direction shrinks by less than 10 % per step: it **crawls**;
//! * `0.1 ≤ ηλ_max ≤ 1` — the factors lie in [0, 0.9]: it **converges** without overshooting;
//! * `1 < ηλ_max < 2` — the steepest direction's factor is negative but above −1: it
//!   **oscillates** across the valley while still converging;
//! * `ηλ_max = 2` — that factor is exactly −1: it **bounces** between two points for ever,
//!   without getting closer or running away;
//! * `ηλ_max > 2` — that factor is below −1: it **diverges**.
//!
//! On a quadratic this is exact; elsewhere it describes the curvature at this point only.

use super::curvature::curvature_at;
use super::text::fmt_num;
use super::Objective;

/// Below this value of η·λ_max descent is said to crawl.
pub const CRAWL_BELOW: f64 = 0.1;

/// The four regimes, and the case with no upward curvature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegimeKind {
    /// Tiny steps: η·λ_max < 0.1.
    Crawls,
    /// Smooth convergence: 0.1 ≤ η·λ_max ≤ 1.
    Converges,
    /// Zig-zag but converging: 1 < η·λ_max < 2.
    Oscillates,
    /// η·λ_max = 2 exactly (to rounding): on a quadratic the path bounces between two
    /// points for ever, neither settling nor running away.
    Bounces,
    /// η·λ_max > 2.
    Diverges,
    /// λ_max ≤ 0: f curves down (or is flat) in every direction here, so the test says
    /// nothing about η.
    NoUpwardCurvature,
}

impl RegimeKind {
    /// One word for a badge: "crawls", "converges", "oscillates", "bounces", "diverges",
    /// "no bound".
    pub fn word(self) -> &'static str {
        match self {
            RegimeKind::Crawls => "crawls",
            RegimeKind::Converges => "converges",
            RegimeKind::Oscillates => "oscillates",
            RegimeKind::Bounces => "bounces",
            RegimeKind::Diverges => "diverges",
            RegimeKind::NoUpwardCurvature => "no bound",
        }
    }
}

/// The regime at a point, with the numbers behind it and a sentence for the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct Regime {
    /// The regime.
    pub kind: RegimeKind,
    /// The learning rate η.
    pub rate: f64,
    /// The Hessian's largest eigenvalue at the point.
    pub lambda_max: f64,
    /// The Hessian's smallest eigenvalue at the point.
    pub lambda_min: f64,
    /// 2/λ_max, the largest stable η (infinite when λ_max ≤ 0).
    pub threshold: f64,
    /// What happens and why, in plain words with the numbers.
    pub sentence: String,
}

/// The regime of gradient descent with learning rate `rate` at `x`, or `None` where the
/// Hessian is not defined (or `rate` is not a finite number ≥ 0).
pub fn learning_rate_regime(objective: &Objective, x: &[f64], rate: f64) -> Option<Regime> {
    if !(rate.is_finite() && rate >= 0.0) {
        return None;
    }
    let c = curvature_at(objective, x)?;
    let (lambda_min, lambda_max) = (c.lambda_min()?, c.lambda_max()?);
    let threshold = if lambda_max > 0.0 {
        2.0 / lambda_max
    } else {
        f64::INFINITY
    };
    let r = rate * lambda_max;
    let (eta, lam, rs, th) = (
        fmt_num(rate),
        fmt_num(lambda_max),
        fmt_num(r),
        fmt_num(threshold),
    );
    let (kind, sentence) = if lambda_max <= 0.0 {
        (
            RegimeKind::NoUpwardCurvature,
            format!(
                "Here f curves down or is flat in every direction (λ_max = {lam} ≤ 0), so no \
                 learning rate is too large by the curvature test: gradient descent speeds up \
                 as it leaves this point."
            ),
        )
    } else if (r - 2.0).abs() <= 1e-9 {
        (
            RegimeKind::Bounces,
            format!(
                "Bounces: η = {eta} is exactly 2/λ_max (λ_max = {lam} here), so η·λ_max = 2. \
                 Along the steepest-curving direction each step lands exactly as far past the \
                 bottom as it started, so the path bounces between two points for ever: it \
                 neither converges nor runs away (exactly so where f is quadratic)."
            ),
        )
    } else if r > 2.0 {
        (
            RegimeKind::Diverges,
            format!(
                "Diverges: η = {eta} is above 2/λ_max = {th} (λ_max = {lam} here), so \
                 η·λ_max = {rs} > 2. Along the steepest-curving direction each step overshoots \
                 the bottom by more than it started from, and the path runs away."
            ),
        )
    } else if r > 1.0 {
        (
            RegimeKind::Oscillates,
            format!(
                "Oscillates: η·λ_max = {rs} is between 1 and 2 (λ_max = {lam}, 2/λ_max = {th}). \
                 Along the steepest-curving direction each step overshoots the bottom, but by \
                 less than before, so the path zig-zags and still converges."
            ),
        )
    } else if r >= CRAWL_BELOW {
        (
            RegimeKind::Converges,
            format!(
                "Converges: η·λ_max = {rs} is at most 1 (λ_max = {lam}, 2/λ_max = {th}), so no \
                 step overshoots; the path slides smoothly downhill."
            ),
        )
    } else {
        (
            RegimeKind::Crawls,
            format!(
                "Crawls: η·λ_max = {rs} is below {}: along every direction a step removes less \
                 than {} % of the way to the bottom, so progress is slow. η could be up to \
                 2/λ_max = {th} before it diverges.",
                fmt_num(CRAWL_BELOW),
                fmt_num(r * 100.0)
            ),
        )
    };
    Some(Regime {
        kind,
        rate,
        lambda_max,
        lambda_min,
        threshold,
        sentence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regimes_on_an_ill_conditioned_bowl() {
        let o = Objective::parse("x^2 + 10y^2", &["x", "y"]).unwrap();
        let at = |eta| learning_rate_regime(&o, &[1.0, 1.0], eta).unwrap();
        assert_eq!(at(0.001).kind, RegimeKind::Crawls);
        assert_eq!(at(0.04).kind, RegimeKind::Converges);
        assert_eq!(at(0.07).kind, RegimeKind::Oscillates);
        assert_eq!(at(0.101).kind, RegimeKind::Diverges);
        assert!((at(0.05).threshold - 0.1).abs() < 1e-12);
        // Exactly at 2/λ_max the path bounces for ever: neither converging nor diverging.
        assert_eq!(at(0.1).kind, RegimeKind::Bounces);
        assert!(
            at(0.1).sentence.contains("for ever"),
            "{}",
            at(0.1).sentence
        );
        assert!(
            at(0.101).sentence.contains("2.02 > 2"),
            "{}",
            at(0.101).sentence
        );
        let saddle = Objective::parse("-x^2 - y^2", &["x", "y"]).unwrap();
        assert_eq!(
            learning_rate_regime(&saddle, &[0.0, 0.0], 0.1)
                .unwrap()
                .kind,
            RegimeKind::NoUpwardCurvature
        );
        assert!(learning_rate_regime(&o, &[0.0, 0.0], f64::NAN).is_none());
        let pole = Objective::parse("1/x", &["x"]).unwrap();
        assert!(learning_rate_regime(&pole, &[0.0], 0.1).is_none());
    }
}
