//! Critical points: the one Newton's method reaches from a point (solving ∇f = 0 with the
//! Hessian, usually the nearest), its classification by the second-derivative test, and a
//! map of the Hessian's definiteness over a grid of the plane.

use super::curvature::{curvature_at, symmetric_eigen, Curvature};
use super::newton::newton_direction;
use super::Objective;
use crate::math::{classify_critical_point, definiteness, CriticalKind, Definiteness};

/// Eigenvalues within this of zero count as zero in classifications.
pub const ZERO_EIGENVALUE: f64 = 1e-7;

/// Newton iterations spent looking for a critical point.
const NEWTON_ITERATIONS: usize = 200;
/// The longest single Newton step (keeps the search near where it started).
const MAX_STEP: f64 = 5.0;

/// A point where ∇f = 0, with what the Hessian says about it.
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalPoint {
    /// Where.
    pub point: Vec<f64>,
    /// f there.
    pub value: f64,
    /// The Hessian there, decomposed.
    pub curvature: Curvature,
    /// Minimum, maximum, saddle or inconclusive.
    pub kind: CriticalKind,
    /// Newton iterations it took to find.
    pub iterations: usize,
}

/// The second-derivative test at `p` (inconclusive where the Hessian is not defined).
pub fn classify_at(objective: &Objective, p: &[f64]) -> CriticalKind {
    curvature_at(objective, p)
        .map(|c| classify_critical_point(&c.eigenvalues, ZERO_EIGENVALUE))
        .unwrap_or(CriticalKind::Inconclusive)
}

/// The critical point Newton's method reaches from `from` (solving ∇f = 0, steps no longer
/// than 5), or `None` if it does not settle within 200 iterations. Where the Hessian is
/// singular, eigen-directions with zero curvature are left out of the step.
pub fn nearest_critical_point(objective: &Objective, from: &[f64]) -> Option<CriticalPoint> {
    if from.len() != objective.dim() || from.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut x = from.to_vec();
    let mut g = vec![f64::NAN; x.len()];
    for it in 0..=NEWTON_ITERATIONS {
        let f = objective.value_gradient(&x, &mut g);
        if !f.is_finite() || g.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let gnorm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
        if gnorm <= 1e-12 * (1.0 + f.abs()) {
            let curvature = curvature_at(objective, &x)?;
            let kind = classify_critical_point(&curvature.eigenvalues, ZERO_EIGENVALUE);
            return Some(CriticalPoint {
                point: x,
                value: f,
                curvature,
                kind,
                iterations: it,
            });
        }
        if it == NEWTON_ITERATIONS {
            break;
        }
        let h = objective.hessian(&x);
        let d = match newton_direction(&h, &g, 0.0) {
            Ok((d, _)) => d,
            Err(_) => pseudo_newton(&h, &g)?,
        };
        let len = d.iter().map(|v| v * v).sum::<f64>().sqrt();
        let scale = if len > MAX_STEP { MAX_STEP / len } else { 1.0 };
        if len * scale <= 1e-15 * (1.0 + x.iter().map(|v| v.abs()).fold(0.0, f64::max)) {
            break;
        }
        for (xi, di) in x.iter_mut().zip(&d) {
            *xi += scale * di;
        }
    }
    None
}

/// `−H⁺g`, skipping eigen-directions with (near) zero curvature.
fn pseudo_newton(h: &[Vec<f64>], g: &[f64]) -> Option<Vec<f64>> {
    let (vals, vecs) = symmetric_eigen(h)?;
    let scale = vals.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let mut d = vec![0.0; g.len()];
    for (lam, q) in vals.iter().zip(&vecs) {
        if lam.abs() <= 1e-12 * scale || *lam == 0.0 {
            continue;
        }
        let c = q.iter().zip(g).map(|(a, b)| a * b).sum::<f64>() / lam;
        for (di, qi) in d.iter_mut().zip(q) {
            *di -= c * qi;
        }
    }
    Some(d)
}

/// The Hessian's definiteness at every point of the grid `xs × ys` (row-major, row r is
/// `ys[r]`), for a function of two variables; `None` where the Hessian is not finite. Empty
/// for other dimensions. Eigenvalues within `10⁻⁹ · max(1, largest entry)` of zero count as
/// zero.
pub fn definiteness_map(
    objective: &Objective,
    xs: &[f64],
    ys: &[f64],
) -> Vec<Option<Definiteness>> {
    if objective.dim() != 2 {
        return Vec::new();
    }
    let Ok((_, prog)) = objective.hessian_program() else {
        return vec![None; xs.len() * ys.len()];
    };
    let len = xs.len() * ys.len();
    let (mut a, mut b, mut c) = (
        vec![f64::NAN; len],
        vec![f64::NAN; len],
        vec![f64::NAN; len],
    );
    prog.eval_grid(xs, ys, &mut [&mut a, &mut b, &mut c]);
    a.iter()
        .zip(&b)
        .zip(&c)
        .map(|((&a, &b), &c)| {
            if !(a.is_finite() && b.is_finite() && c.is_finite()) {
                return None;
            }
            let mean = 0.5 * (a + c);
            let r = (0.25 * (a - c) * (a - c) + b * b).sqrt();
            let tol = 1e-9 * a.abs().max(b.abs()).max(c.abs()).max(1.0);
            definiteness(&[mean - r, mean + r], tol)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_classifies() {
        let saddle = Objective::parse("x^2 - y^2", &["x", "y"]).unwrap();
        let c = nearest_critical_point(&saddle, &[1.0, 2.0]).unwrap();
        assert_eq!(c.kind, CriticalKind::Saddle);
        assert!(c.point.iter().all(|v| v.abs() < 1e-12));
        assert_eq!(c.iterations, 1);
        let quartic = Objective::parse("x^4 + y^4", &["x", "y"]).unwrap();
        let c = nearest_critical_point(&quartic, &[1.0, -0.5]).unwrap();
        assert_eq!(c.kind, CriticalKind::Inconclusive);
        let him = Objective::parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", &["x", "y"]).unwrap();
        let c = nearest_critical_point(&him, &[2.8, 2.1]).unwrap();
        assert_eq!(c.kind, CriticalKind::Minimum);
        assert!((c.point[0] - 3.0).abs() < 1e-9 && (c.point[1] - 2.0).abs() < 1e-9);
        assert!(nearest_critical_point(&saddle, &[f64::NAN, 0.0]).is_none());
        let none = Objective::parse("x + y", &["x", "y"]).unwrap();
        assert!(nearest_critical_point(&none, &[0.0, 0.0]).is_none());
    }

    #[test]
    fn definiteness_of_the_counter_example() {
        // x² + y² − x⁴/12: positive definite at 0, indefinite at (3, 0).
        let o = Objective::parse("x^2 + y^2 - x^4/12", &["x", "y"]).unwrap();
        let m = definiteness_map(&o, &[0.0, 3.0], &[0.0]);
        assert_eq!(
            m,
            vec![
                Some(Definiteness::PositiveDefinite),
                Some(Definiteness::Indefinite)
            ]
        );
        let one = Objective::parse("x^2", &["x"]).unwrap();
        assert!(definiteness_map(&one, &[0.0], &[0.0]).is_empty());
    }
}
