//! Numerical differentiation, gradient checking, and checking two expressions
//! for equivalence at random points.
//!
//! * Forward differences `(f(x + h·eᵢ) − f(x)) / h` have error O(h); central
//!   differences `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h` have error O(h²). A good step
//!   for central differences in double precision is around `1e-5` to `1e-6`.
//! * A gradient check compares an analytic gradient `a` with a numeric one `n`
//!   by the relative error `‖a − n‖ / max(‖a‖, ‖n‖)`.
//!
//! Nothing here panics: a non-finite value simply propagates.

use super::eval::EvalError;
use super::expr::Expr;

/// `x` with coordinate `i` moved by `d`.
fn shifted(x: &[f64], i: usize, d: f64) -> Vec<f64> {
    let mut y = x.to_vec();
    if let Some(v) = y.get_mut(i) {
        *v += d;
    }
    y
}

/// `x` with coordinates `i` and `j` moved by `di` and `dj`.
fn shifted2(x: &[f64], i: usize, di: f64, j: usize, dj: f64) -> Vec<f64> {
    let mut y = shifted(x, i, di);
    if let Some(v) = y.get_mut(j) {
        *v += dj;
    }
    y
}

/// The forward-difference gradient `(f(x + h·eᵢ) − f(x)) / h` (error O(h)).
pub fn forward_difference_gradient(f: impl Fn(&[f64]) -> f64, x: &[f64], h: f64) -> Vec<f64> {
    let fx = f(x);
    (0..x.len())
        .map(|i| (f(&shifted(x, i, h)) - fx) / h)
        .collect()
}

/// The central-difference gradient `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h` (error O(h²)).
pub fn central_difference_gradient(f: impl Fn(&[f64]) -> f64, x: &[f64], h: f64) -> Vec<f64> {
    (0..x.len())
        .map(|i| (f(&shifted(x, i, h)) - f(&shifted(x, i, -h))) / (2.0 * h))
        .collect()
}

/// The Hessian by second central differences (error O(h²)):
/// `Hᵢᵢ = (f(x + h·eᵢ) − 2f(x) + f(x − h·eᵢ)) / h²` and, for `i ≠ j`,
/// `Hᵢⱼ = (f(x+h·eᵢ+h·eⱼ) − f(x+h·eᵢ−h·eⱼ) − f(x−h·eᵢ+h·eⱼ) + f(x−h·eᵢ−h·eⱼ)) / 4h²`.
/// The result is exactly symmetric. Use a larger step than for gradients
/// (around `1e-4`), since the error from rounding grows like `ε / h²`.
pub fn central_difference_hessian(f: impl Fn(&[f64]) -> f64, x: &[f64], h: f64) -> Vec<Vec<f64>> {
    let n = x.len();
    let fx = f(x);
    let mut hess = vec![vec![0.0; n]; n];
    for i in 0..n {
        let diag = (f(&shifted(x, i, h)) - 2.0 * fx + f(&shifted(x, i, -h))) / (h * h);
        hess[i][i] = diag;
        for j in 0..i {
            let v = (f(&shifted2(x, i, h, j, h))
                - f(&shifted2(x, i, h, j, -h))
                - f(&shifted2(x, i, -h, j, h))
                + f(&shifted2(x, i, -h, j, -h)))
                / (4.0 * h * h);
            if let Some(row) = hess.get_mut(i) {
                row[j] = v;
            }
            if let Some(row) = hess.get_mut(j) {
                row[i] = v;
            }
        }
    }
    hess
}

fn norm(v: impl Iterator<Item = f64>) -> f64 {
    v.map(|t| t * t).sum::<f64>().sqrt()
}

/// The relative error `‖a − n‖ / max(‖a‖, ‖n‖)` (Euclidean norms); 0 when both
/// are zero, infinite when the lengths differ, NaN if anything is NaN.
pub fn relative_error(a: &[f64], n: &[f64]) -> f64 {
    if a.len() != n.len() {
        return f64::INFINITY;
    }
    let diff = norm(a.iter().zip(n).map(|(x, y)| x - y));
    let scale = norm(a.iter().copied()).max(norm(n.iter().copied()));
    if a.iter().chain(n).any(|v| v.is_nan()) {
        return f64::NAN;
    }
    if scale == 0.0 {
        0.0
    } else {
        diff / scale
    }
}

/// The result of comparing an analytic gradient with a numeric one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientCheck {
    /// [`relative_error`] of the two gradients.
    pub relative_error: f64,
    /// Whether the relative error is at most the threshold.
    pub passed: bool,
}

impl GradientCheck {
    /// The default pass threshold, `1e-6`: central differences with `h ≈ 1e-5` on
    /// a smooth function typically give a relative error near `1e-9`–`1e-10`,
    /// while a wrong derivative gives something near 1.
    pub const THRESHOLD: f64 = 1e-6;

    /// Compares `analytic` with `numeric` using [`GradientCheck::THRESHOLD`].
    pub fn new(analytic: &[f64], numeric: &[f64]) -> GradientCheck {
        GradientCheck::with_threshold(analytic, numeric, Self::THRESHOLD)
    }

    /// Compares with a custom threshold. NaN never passes.
    pub fn with_threshold(analytic: &[f64], numeric: &[f64], threshold: f64) -> GradientCheck {
        let e = relative_error(analytic, numeric);
        GradientCheck {
            relative_error: e,
            passed: e <= threshold,
        }
    }
}

/// A point where two expressions disagreed.
#[derive(Clone, Debug, PartialEq)]
pub struct Counterexample {
    /// The point (one value per variable).
    pub point: Vec<f64>,
    /// The first expression's value there.
    pub a: f64,
    /// The second expression's value there.
    pub b: f64,
}

/// The result of [`agree_at_random_points`].
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Points tried.
    pub tested: usize,
    /// Points where both values were finite and close.
    pub agreed: usize,
    /// Points where both values were NaN or infinite (not counted either way).
    pub skipped: Vec<Vec<f64>>,
    /// The first point where the values differed (one finite and one not, or
    /// both finite but not close). The search stops there.
    pub counterexample: Option<Counterexample>,
    /// An error that stopped the comparison (e.g. an unknown variable).
    pub error: Option<EvalError>,
}

impl Agreement {
    /// True if no point disagreed, nothing failed, and at least one point agreed.
    pub fn equivalent(&self) -> bool {
        self.counterexample.is_none() && self.error.is_none() && self.agreed > 0
    }
}

/// Absolute tolerance of [`agree_at_random_points`].
pub const AGREE_ABS_TOL: f64 = 1e-9;
/// Relative tolerance of [`agree_at_random_points`].
pub const AGREE_REL_TOL: f64 = 1e-7;
/// Points are drawn uniformly from `[-AGREE_RANGE, AGREE_RANGE]` in each coordinate.
pub const AGREE_RANGE: f64 = 3.0;

/// splitmix64: a tiny, fast, deterministic PRNG.
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform value in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Do `a` and `b` agree? Evaluates both at `n` points drawn (deterministically
/// from `seed`) uniformly from `[-3, 3]` per variable. Values agree when
/// `|a − b| ≤ AGREE_ABS_TOL + AGREE_REL_TOL · max(|a|, |b|)`; points where both
/// are NaN/infinite are skipped (a shared domain gap is not a disagreement); a
/// point where only one is finite is a disagreement.
pub fn agree_at_random_points(a: &Expr, b: &Expr, vars: &[&str], n: usize, seed: u64) -> Agreement {
    let mut rng = SplitMix64(seed);
    let mut res = Agreement {
        tested: 0,
        agreed: 0,
        skipped: Vec::new(),
        counterexample: None,
        error: None,
    };
    for _ in 0..n {
        let point: Vec<f64> = vars
            .iter()
            .map(|_| (rng.next_f64() * 2.0 - 1.0) * AGREE_RANGE)
            .collect();
        let env: Vec<(&str, f64)> = vars.iter().copied().zip(point.iter().copied()).collect();
        let (va, vb) = match (a.eval(&env), b.eval(&env)) {
            (Ok(x), Ok(y)) => (x, y),
            (Err(e), _) | (_, Err(e)) => {
                res.error = Some(e);
                return res;
            }
        };
        res.tested += 1;
        match (va.is_finite(), vb.is_finite()) {
            (false, false) => res.skipped.push(point),
            (true, true)
                if (va - vb).abs() <= AGREE_ABS_TOL + AGREE_REL_TOL * va.abs().max(vb.abs()) =>
            {
                res.agreed += 1
            }
            _ => {
                res.counterexample = Some(Counterexample {
                    point,
                    a: va,
                    b: vb,
                });
                return res;
            }
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::expr::Func;

    fn quad(x: &[f64]) -> f64 {
        x[0] * x[0] * x[1] + 3.0 * x[1]
    }

    #[test]
    fn differences_approximate_the_gradient() {
        let x = [1.5, -2.0];
        let exact = [2.0 * 1.5 * -2.0, 1.5 * 1.5 + 3.0];
        let c = central_difference_gradient(quad, &x, 1e-5);
        let f = forward_difference_gradient(quad, &x, 1e-7);
        for i in 0..2 {
            assert!((c[i] - exact[i]).abs() < 1e-8, "{c:?}");
            assert!((f[i] - exact[i]).abs() < 1e-5, "{f:?}");
        }
        assert!(GradientCheck::new(&exact, &c).passed);
        assert!(!GradientCheck::new(&[exact[0], 0.0], &c).passed);
    }

    #[test]
    fn hessian_by_second_differences() {
        let h = central_difference_hessian(quad, &[1.5, -2.0], 1e-4);
        let exact = [[2.0 * -2.0, 2.0 * 1.5], [2.0 * 1.5, 0.0]];
        for i in 0..2 {
            for j in 0..2 {
                assert!((h[i][j] - exact[i][j]).abs() < 1e-5, "{h:?}");
            }
        }
        assert_eq!(h[0][1], h[1][0]);
    }

    #[test]
    fn relative_error_cases() {
        assert_eq!(relative_error(&[0.0, 0.0], &[0.0, 0.0]), 0.0);
        let want = 5e-3 / 3f64.hypot(4.0 + 5e-3);
        assert!((relative_error(&[3.0, 4.0], &[3.0, 4.0 + 5e-3]) - want).abs() < 1e-15);
        assert_eq!(relative_error(&[1.0], &[1.0, 2.0]), f64::INFINITY);
        assert!(relative_error(&[f64::NAN], &[1.0]).is_nan());
        assert!(!GradientCheck::new(&[f64::NAN], &[1.0]).passed);
        assert!(forward_difference_gradient(|_| 1.0, &[], 1e-3).is_empty());
    }

    #[test]
    fn equivalence_checker() {
        let x = Expr::var("x");
        let two_x = Expr::Mul(vec![Expr::Num(2.0), x.clone()]);
        let x_plus_x = Expr::Add(vec![x.clone(), x.clone()]);
        let r = agree_at_random_points(&two_x, &x_plus_x, &["x"], 50, 7);
        assert!(r.equivalent());
        assert_eq!((r.tested, r.agreed), (50, 50));

        let sq = Expr::Pow(Box::new(x.clone()), Box::new(Expr::Num(2.0)));
        let r = agree_at_random_points(&two_x, &sq, &["x"], 50, 7);
        assert!(!r.equivalent());
        let c = r.counterexample.unwrap();
        assert!((c.a - 2.0 * c.point[0]).abs() < 1e-12);

        // ln(x) vs ln(x): negative x are skipped, the rest agree.
        let ln = Expr::Call(Func::Ln, vec![x.clone()]);
        let r = agree_at_random_points(&ln, &ln.clone(), &["x"], 100, 1);
        assert!(r.equivalent());
        assert!(!r.skipped.is_empty());
        assert_eq!(r.agreed + r.skipped.len(), 100);

        let r = agree_at_random_points(&ln, &Expr::var("y"), &["x"], 10, 1);
        assert_eq!(r.error, Some(EvalError::UnknownVariable("y".into())));
        assert!(!r.equivalent());

        // Deterministic.
        let a = agree_at_random_points(&two_x, &sq, &["x"], 50, 99);
        let b = agree_at_random_points(&two_x, &sq, &["x"], 50, 99);
        assert_eq!(a, b);
    }
}
