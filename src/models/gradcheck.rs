//! Gradient checking done right: compare an analytic gradient with a numerical one by the
//! relative error `‖a − n‖ / max(‖a‖, ‖n‖)` (the engine's [`relative_error`]), read the result
//! against thresholds with their meaning, see why a bare absolute norm fails both ways, inject
//! the bugs a check should catch, and measure how the error depends on the step `h` (the
//! truncation-versus-rounding "V"), in double precision and in emulated single precision.
//!
//! Everything takes the function as a closure `Fn(&[f64]) -> f64` and the analytic gradient as
//! numbers, so a lesson can feed it the engine's compiled function and symbolic gradient.
//! Nothing here panics: non-finite values propagate and show up as a `NotFinite` verdict.

use crate::math::{central_difference_gradient, forward_difference_gradient, relative_error};

/// The absolute rule some course texts use: "‖a − n‖ < 1e-7 means the gradient is right".
pub const ABSOLUTE_RULE: f64 = 1e-7;

/// The step used for the check itself (central differences, double precision).
pub const DEFAULT_STEP: f64 = 1e-5;

/// How to read a relative error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// At most 1e-7: the gradients agree as well as finite differences can tell.
    Good,
    /// Between 1e-7 and 1e-4: usually fine for a strongly curved function or in single
    /// precision, worth a second look otherwise.
    Fine,
    /// Between 1e-4 and 1e-2: suspect, unless the function has a kink (ReLU, |x|) within `h`.
    Suspect,
    /// Above 1e-2: the analytic gradient is wrong.
    Wrong,
    /// NaN or infinite: the function or a gradient is undefined or overflowed at the point.
    NotFinite,
}

impl Verdict {
    /// The verdict for a relative error.
    pub fn of(relative_error: f64) -> Verdict {
        if !relative_error.is_finite() {
            Verdict::NotFinite
        } else if relative_error <= 1e-7 {
            Verdict::Good
        } else if relative_error <= 1e-4 {
            Verdict::Fine
        } else if relative_error <= 1e-2 {
            Verdict::Suspect
        } else {
            Verdict::Wrong
        }
    }

    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::Fine => "probably fine",
            Verdict::Suspect => "suspect",
            Verdict::Wrong => "wrong",
            Verdict::NotFinite => "not finite",
        }
    }

    /// What the band means, in a sentence a learner can act on.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::Good => "about 10⁻⁷ or less: the two gradients agree as closely as finite differences can tell",
            Verdict::Fine => "between 10⁻⁷ and 10⁻⁴: acceptable for a strongly curved function or in single precision; otherwise take a second look",
            Verdict::Suspect => "between 10⁻⁴ and 0.01: suspect, unless the function has a kink (ReLU, |x|) within h of the point",
            Verdict::Wrong => "above 0.01: the analytic gradient is wrong",
            Verdict::NotFinite => "the function or a gradient is undefined or overflows at this point",
        }
    }

    /// The bands in order, each with its upper bound (the last is unbounded).
    pub const BANDS: [(Verdict, f64); 4] = [
        (Verdict::Good, 1e-7),
        (Verdict::Fine, 1e-4),
        (Verdict::Suspect, 1e-2),
        (Verdict::Wrong, f64::INFINITY),
    ];
}

/// The outcome of one gradient check.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckReport {
    /// The analytic gradient that was checked (after any injected bug).
    pub analytic: Vec<f64>,
    /// The central-difference gradient.
    pub numeric: Vec<f64>,
    /// `‖a − n‖`, the bare norm the absolute rule looks at.
    pub absolute_error: f64,
    /// `‖a − n‖ / max(‖a‖, ‖n‖)`.
    pub relative_error: f64,
    /// How to read the relative error.
    pub verdict: Verdict,
    /// Whether the absolute rule `‖a − n‖ < 1e-7` would call this gradient right.
    pub absolute_rule_passes: bool,
}

fn norm(v: impl Iterator<Item = f64>) -> f64 {
    v.map(|t| t * t).sum::<f64>().sqrt()
}

/// Checks `analytic` against central differences of `f` at `point` with step `h`.
pub fn check(f: impl Fn(&[f64]) -> f64, analytic: &[f64], point: &[f64], h: f64) -> CheckReport {
    let numeric = central_difference_gradient(&f, point, h);
    report(analytic.to_vec(), numeric)
}

fn report(analytic: Vec<f64>, numeric: Vec<f64>) -> CheckReport {
    let absolute_error = if analytic.len() == numeric.len() {
        norm(analytic.iter().zip(&numeric).map(|(a, n)| a - n))
    } else {
        f64::INFINITY
    };
    let relative_error = relative_error(&analytic, &numeric);
    CheckReport {
        verdict: Verdict::of(relative_error),
        absolute_rule_passes: absolute_error < ABSOLUTE_RULE,
        analytic,
        numeric,
        absolute_error,
        relative_error,
    }
}

/// A bug to inject into a correct analytic gradient, so the learner sees the check catch it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Bug {
    /// No bug: the analytic gradient as derived.
    #[default]
    None,
    /// Forgot a factor of 2 (as in writing x for the derivative of x²): every partial halved.
    DropFactorOfTwo,
    /// Every partial twice too big.
    TwiceTooBig,
    /// ∂f/∂x and ∂f/∂y swapped (the first two partials).
    SwapPartials,
    /// The function gets a ReLU kink exactly at the point, `relu(x − x₀)`; the analytic side
    /// uses the common convention relu′(0) = 0, the difference quotient straddles the kink.
    KinkAtZero,
}

impl Bug {
    /// Every bug, in button order.
    pub const ALL: [Bug; 5] = [
        Bug::None,
        Bug::DropFactorOfTwo,
        Bug::TwiceTooBig,
        Bug::SwapPartials,
        Bug::KinkAtZero,
    ];

    /// The key used in the address (`?bug=`).
    pub fn key(self) -> &'static str {
        match self {
            Bug::None => "none",
            Bug::DropFactorOfTwo => "half",
            Bug::TwiceTooBig => "double",
            Bug::SwapPartials => "swap",
            Bug::KinkAtZero => "kink",
        }
    }

    /// The bug with this key, if any.
    pub fn from_key(key: &str) -> Option<Bug> {
        Bug::ALL.into_iter().find(|b| b.key() == key)
    }

    /// A button label.
    pub fn label(self) -> &'static str {
        match self {
            Bug::None => "No bug",
            Bug::DropFactorOfTwo => "Drop a factor of 2",
            Bug::TwiceTooBig => "Twice too big",
            Bug::SwapPartials => "Swap the partials",
            Bug::KinkAtZero => "Kink at the point",
        }
    }

    /// The analytic gradient with the bug applied.
    pub fn analytic(self, correct: &[f64]) -> Vec<f64> {
        let mut g = correct.to_vec();
        match self {
            Bug::None | Bug::KinkAtZero => {}
            Bug::DropFactorOfTwo => g.iter_mut().for_each(|v| *v *= 0.5),
            Bug::TwiceTooBig => g.iter_mut().for_each(|v| *v *= 2.0),
            Bug::SwapPartials => {
                if g.len() >= 2 {
                    g.swap(0, 1);
                }
            }
        }
        g
    }

    /// The function the numeric side differentiates: `f` itself, or for a kink `f(p) +
    /// relu(p₀ − x₀)`, a ReLU whose corner sits exactly at the checked point.
    pub fn function<'a>(
        self,
        f: &'a dyn Fn(&[f64]) -> f64,
        point: &[f64],
    ) -> impl Fn(&[f64]) -> f64 + 'a {
        let corner = if self == Bug::KinkAtZero {
            point.first().copied()
        } else {
            None
        };
        move |p: &[f64]| {
            let base = f(p);
            match (corner, p.first()) {
                (Some(c), Some(&x)) => base + (x - c).max(0.0),
                _ => base,
            }
        }
    }
}

/// Checks `f`'s correct analytic gradient at `point` after injecting `bug`.
pub fn check_with_bug(
    f: &dyn Fn(&[f64]) -> f64,
    correct: &[f64],
    point: &[f64],
    h: f64,
    bug: Bug,
) -> CheckReport {
    let g = bug.function(f, point);
    check(g, &bug.analytic(correct), point, h)
}

/// One of the two ways the absolute rule fails, with everything needed to show it live.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FailureCase {
    /// A short title.
    pub title: &'static str,
    /// The function, as a learner would type it.
    pub function: &'static str,
    /// The point (x, y).
    pub point: [f64; 2],
    /// The injected bug (none for an exact gradient).
    pub bug: Bug,
    /// What goes wrong with the absolute rule.
    pub lesson: &'static str,
}

/// An exact gradient the absolute rule rejects: Σexp(w) at [10, 10].
pub const EXACT_BUT_REJECTED: FailureCase = FailureCase {
    title: "Exact, yet rejected",
    function: "exp(x) + exp(y)",
    point: [10.0, 10.0],
    bug: Bug::None,
    lesson: "The gradient is exact, but its entries are about 22 000, so rounding alone makes ‖a − n‖ bigger than 10⁻⁷. Relative to the size of the gradient the error is tiny.",
};

/// A wrong gradient the absolute rule accepts: twice too big on the small loss 1e-8‖w‖².
pub const WRONG_BUT_ACCEPTED: FailureCase = FailureCase {
    title: "Wrong, yet accepted",
    function: "0.00000001*(x^2 + y^2)",
    point: [1.0, 1.0],
    bug: Bug::TwiceTooBig,
    lesson: "The gradient is twice too big, but the loss is so small that ‖a − n‖ stays under 10⁻⁷. The relative error, 1/2, says plainly that it is wrong.",
};

/// Which floating-point format the differences are computed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// f64: machine epsilon about 2.2e-16.
    Double,
    /// f32, emulated: the point, the step, every function value and every difference are
    /// rounded to f32 (epsilon about 1.2e-7).
    Single,
}

/// The error of both difference quotients at one step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VPoint {
    /// The step.
    pub h: f64,
    /// `‖forward − a‖`.
    pub forward_abs: f64,
    /// `‖central − a‖`.
    pub central_abs: f64,
    /// Relative error of the forward-difference gradient.
    pub forward_rel: f64,
    /// Relative error of the central-difference gradient.
    pub central_rel: f64,
}

/// The steps of the V: 10^(−1), 10^(−1.25), …, 10^(−13) (quarter decades, 49 steps).
pub fn default_steps() -> Vec<f64> {
    (0..=48)
        .map(|k| 10f64.powf(-1.0 - k as f64 / 4.0))
        .collect()
}

fn differences_f32(f: &dyn Fn(&[f64]) -> f64, point: &[f64], h: f64) -> (Vec<f64>, Vec<f64>) {
    let x32: Vec<f32> = point.iter().map(|&v| v as f32).collect();
    let h32 = h as f32;
    let eval = |p: &[f32]| -> f32 {
        let p64: Vec<f64> = p.iter().map(|&v| v as f64).collect();
        f(&p64) as f32
    };
    let f0 = eval(&x32);
    let mut fwd = Vec::with_capacity(x32.len());
    let mut cen = Vec::with_capacity(x32.len());
    for i in 0..x32.len() {
        let mut plus = x32.clone();
        let mut minus = x32.clone();
        if let (Some(p), Some(m)) = (plus.get_mut(i), minus.get_mut(i)) {
            *p += h32;
            *m -= h32;
        }
        let fp = eval(&plus);
        let fm = eval(&minus);
        fwd.push(((fp - f0) / h32) as f64);
        cen.push(((fp - fm) / (2.0 * h32)) as f64);
    }
    (fwd, cen)
}

/// The V: errors of forward and central differences against `analytic` for each step.
pub fn v_curve(
    f: &dyn Fn(&[f64]) -> f64,
    analytic: &[f64],
    point: &[f64],
    steps: &[f64],
    precision: Precision,
) -> Vec<VPoint> {
    steps
        .iter()
        .map(|&h| {
            let (fwd, cen) = match precision {
                Precision::Double => (
                    forward_difference_gradient(f, point, h),
                    central_difference_gradient(f, point, h),
                ),
                Precision::Single => differences_f32(f, point, h),
            };
            let abs = |n: &[f64]| norm(analytic.iter().zip(n).map(|(a, b)| a - b));
            VPoint {
                h,
                forward_abs: abs(&fwd),
                central_abs: abs(&cen),
                forward_rel: relative_error(analytic, &fwd),
                central_rel: relative_error(analytic, &cen),
            }
        })
        .collect()
}

/// A straight line fitted to `(log₁₀ h, log₁₀ error)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SlopeFit {
    /// The slope: about 1 for forward and 2 for central differences on the truncation side,
    /// about −1 on the rounding side.
    pub slope: f64,
    /// How well a line fits (1 is perfect).
    pub r_squared: f64,
    /// How many points were fitted.
    pub points: usize,
}

/// Least-squares line through `(log₁₀ h, log₁₀ e)` for the positive, finite pairs; `None` with
/// fewer than three such pairs or no spread in h.
pub fn fit_log_slope(pairs: impl IntoIterator<Item = (f64, f64)>) -> Option<SlopeFit> {
    let pts: Vec<(f64, f64)> = pairs
        .into_iter()
        .filter(|&(h, e)| h > 0.0 && e > 0.0 && h.is_finite() && e.is_finite())
        .map(|(h, e)| (h.log10(), e.log10()))
        .collect();
    if pts.len() < 3 {
        return None;
    }
    let n = pts.len() as f64;
    let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let syy: f64 = pts.iter().map(|p| (p.1 - my).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let r_squared = if syy > 0.0 {
        (sxy * sxy / (sxx * syy)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    Some(SlopeFit {
        slope,
        r_squared,
        points: pts.len(),
    })
}

/// What the V of one difference quotient says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VBranch {
    /// The step with the smallest error, and that error (`None` if no error is finite).
    pub best: Option<(f64, f64)>,
    /// The slope on the truncation side (steps at least 10× the best).
    pub truncation: Option<SlopeFit>,
    /// The slope on the rounding side (steps at most 1/10 of the best).
    pub rounding: Option<SlopeFit>,
}

fn branch(points: &[VPoint], err: impl Fn(&VPoint) -> f64) -> VBranch {
    let best = points
        .iter()
        .map(|p| (p.h, err(p)))
        .filter(|(_, e)| e.is_finite())
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let Some((hb, _)) = best else {
        return VBranch {
            best: None,
            truncation: None,
            rounding: None,
        };
    };
    VBranch {
        best,
        truncation: fit_log_slope(
            points
                .iter()
                .filter(|p| p.h >= 10.0 * hb * (1.0 - 1e-9))
                .map(|p| (p.h, err(p))),
        ),
        rounding: fit_log_slope(
            points
                .iter()
                .filter(|p| p.h <= hb / 10.0 * (1.0 + 1e-9))
                .map(|p| (p.h, err(p))),
        ),
    }
}

/// The summary of a V: best step and slopes for forward and central differences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VSummary {
    /// Forward differences.
    pub forward: VBranch,
    /// Central differences.
    pub central: VBranch,
}

/// Best steps and fitted slopes of a V (by relative error).
pub fn summarize(points: &[VPoint]) -> VSummary {
    VSummary {
        forward: branch(points, |p| p.forward_rel),
        central: branch(points, |p| p.central_rel),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    fn sum_exp(w: &[f64]) -> f64 {
        w.iter().map(|v| v.exp()).sum()
    }

    #[test]
    fn the_absolute_rule_rejects_an_exact_gradient_of_sum_exp() {
        let a = [10f64.exp(), 10f64.exp()];
        let r = check(sum_exp, &a, &[10.0, 10.0], DEFAULT_STEP);
        assert!(r.absolute_error > ABSOLUTE_RULE, "{r:?}");
        assert!(!r.absolute_rule_passes);
        assert!(r.relative_error < 1e-9, "{r:?}");
        assert_eq!(r.verdict, Verdict::Good);
    }

    #[test]
    fn the_absolute_rule_accepts_a_twice_wrong_gradient_on_a_small_loss() {
        let f = |w: &[f64]| 1e-8 * w.iter().map(|v| v * v).sum::<f64>();
        let correct = [2e-8, 2e-8];
        let r = check_with_bug(&f, &correct, &[1.0, 1.0], DEFAULT_STEP, Bug::TwiceTooBig);
        assert!(r.absolute_rule_passes, "{r:?}");
        assert!((r.absolute_error - 2.83e-8).abs() < 1e-9, "{r:?}");
        assert!((r.relative_error - 0.5).abs() < 1e-6, "{r:?}");
        assert_eq!(r.verdict, Verdict::Wrong);
    }

    #[test]
    fn the_failure_cases_parse_and_fail_the_absolute_rule_as_described() {
        for case in [EXACT_BUT_REJECTED, WRONG_BUT_ACCEPTED] {
            let e = parse(case.function).expect("parses");
            let grad = e.gradient(&["x", "y"]);
            let at = |p: &[f64]| e.eval(&[("x", p[0]), ("y", p[1])]).unwrap_or(f64::NAN);
            let a: Vec<f64> = grad
                .iter()
                .map(|g| {
                    g.eval(&[("x", case.point[0]), ("y", case.point[1])])
                        .unwrap()
                })
                .collect();
            let r = check_with_bug(&at, &a, &case.point, DEFAULT_STEP, case.bug);
            let exact = case.bug == Bug::None;
            assert_eq!(r.absolute_rule_passes, !exact, "{case:?} {r:?}");
            assert_eq!(r.verdict == Verdict::Good, exact, "{case:?} {r:?}");
        }
    }

    #[test]
    fn injected_bugs_are_caught() {
        let f = |p: &[f64]| p[0] * p[0] + 3.0 * p[0] * p[1];
        let pt = [1.5, -0.5];
        let g = [2.0 * 1.5 + 3.0 * -0.5, 3.0 * 1.5];
        assert_eq!(
            check_with_bug(&f, &g, &pt, DEFAULT_STEP, Bug::None).verdict,
            Verdict::Good
        );
        for bug in [Bug::DropFactorOfTwo, Bug::TwiceTooBig, Bug::SwapPartials] {
            let r = check_with_bug(&f, &g, &pt, DEFAULT_STEP, bug);
            assert_eq!(r.verdict, Verdict::Wrong, "{bug:?} {r:?}");
        }
        // At the kink the difference quotient averages the one-sided slopes 0 and 1.
        let r = check_with_bug(&f, &g, &pt, DEFAULT_STEP, Bug::KinkAtZero);
        assert!((r.numeric[0] - (g[0] + 0.5)).abs() < 1e-6, "{r:?}");
        assert!(r.relative_error > 1e-2);
    }

    #[test]
    fn bug_keys_round_trip() {
        for b in Bug::ALL {
            assert_eq!(Bug::from_key(b.key()), Some(b));
        }
        assert_eq!(Bug::from_key("nope"), None);
    }

    #[test]
    fn the_v_has_slopes_one_and_two_on_sin() {
        let f = |p: &[f64]| p[0].sin();
        let a = [1f64.cos()];
        let pts = v_curve(&f, &a, &[1.0], &default_steps(), Precision::Double);
        let s = summarize(&pts);
        let fw = s.forward.truncation.expect("forward fit");
        let ce = s.central.truncation.expect("central fit");
        assert!((fw.slope - 1.0).abs() < 0.1, "{fw:?}");
        assert!((ce.slope - 2.0).abs() < 0.1, "{ce:?}");
        let rounding = s.central.rounding.expect("rounding fit");
        assert!((rounding.slope + 1.0).abs() < 0.3, "{rounding:?}");
        let (hf, _) = s.forward.best.unwrap();
        let (hc, _) = s.central.best.unwrap();
        assert!((1e-10..1e-6).contains(&hf), "{hf}");
        assert!((1e-7..1e-3).contains(&hc), "{hc}");
        assert!(hc > hf);
    }

    #[test]
    fn the_v_matches_the_known_central_errors_for_sin_at_one() {
        // Central error h²/6·|cos 1| on the truncation side: 9e-4 at h = 0.1, 9e-8 at 1e-3.
        let f = |p: &[f64]| p[0].sin();
        let a = [1f64.cos()];
        let pts = v_curve(&f, &a, &[1.0], &[1e-1, 1e-3, 1e-11], Precision::Double);
        assert!((pts[0].central_abs - 9.0e-4).abs() < 0.1e-4, "{pts:?}");
        assert!((pts[1].central_abs - 9.0e-8).abs() < 0.1e-8, "{pts:?}");
        assert!(
            pts[2].central_abs > 1e-7 && pts[2].central_abs < 1e-5,
            "{pts:?}"
        );
    }

    #[test]
    fn single_precision_moves_the_v_to_larger_steps() {
        let f = |p: &[f64]| p[0].exp() + p[1].sin();
        let pt = [0.5, 0.3];
        let a = [0.5f64.exp(), 0.3f64.cos()];
        let d = summarize(&v_curve(&f, &a, &pt, &default_steps(), Precision::Double));
        let s = summarize(&v_curve(&f, &a, &pt, &default_steps(), Precision::Single));
        let (hd, ed) = d.central.best.unwrap();
        let (hs, es) = s.central.best.unwrap();
        assert!(hs > 10.0 * hd, "{hs} vs {hd}");
        assert!(es > 100.0 * ed, "{es} vs {ed}");
    }

    #[test]
    fn verdict_bands() {
        assert_eq!(Verdict::of(1e-9), Verdict::Good);
        assert_eq!(Verdict::of(1e-5), Verdict::Fine);
        assert_eq!(Verdict::of(1e-3), Verdict::Suspect);
        assert_eq!(Verdict::of(0.5), Verdict::Wrong);
        assert_eq!(Verdict::of(f64::NAN), Verdict::NotFinite);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let f = |p: &[f64]| p.first().copied().unwrap_or(0.0);
        let r = check(f, &[], &[], DEFAULT_STEP);
        assert_eq!(r.relative_error, 0.0);
        let r = check(f, &[1.0, 2.0], &[0.0], 0.0);
        assert_eq!(r.verdict, Verdict::NotFinite);
        let _ = check_with_bug(&f, &[1.0], &[], 1e-5, Bug::KinkAtZero);
        let _ = check_with_bug(&f, &[1.0], &[0.0], 1e-5, Bug::SwapPartials);
        let v = v_curve(
            &f,
            &[1.0],
            &[f64::NAN],
            &[1e-3, 0.0, -1.0],
            Precision::Single,
        );
        let _ = summarize(&v);
        assert!(fit_log_slope([(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]).is_none());
        assert!(summarize(&[]).forward.best.is_none());
    }
}
