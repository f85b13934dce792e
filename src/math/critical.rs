//! Classifying critical points by the eigenvalues of the Hessian (the
//! second-derivative test), using nalgebra's `SymmetricEigen`.

use nalgebra::{DMatrix, SymmetricEigen};

/// The eigenvalues of a symmetric matrix given as rows, in ascending order.
///
/// The matrix is symmetrised first (`(M + Mᵀ) / 2`), so a Hessian estimated by
/// finite differences with tiny asymmetries is accepted. Returns `None` for a
/// non-square (ragged) matrix, any non-finite entry, or if the iteration fails to
/// converge; `Some(vec![])` for the empty matrix. Never panics.
pub fn symmetric_eigenvalues(m: &[Vec<f64>]) -> Option<Vec<f64>> {
    let n = m.len();
    if m.iter().any(|row| row.len() != n) || m.iter().flatten().any(|v| !v.is_finite()) {
        return None;
    }
    if n == 0 {
        return Some(Vec::new());
    }
    let mat = DMatrix::from_fn(n, n, |i, j| 0.5 * (m[i][j] + m[j][i]));
    if mat.iter().any(|v| !v.is_finite()) {
        return None; // overflow while symmetrising
    }
    let eig = SymmetricEigen::try_new(mat, f64::EPSILON, 10_000)?;
    let mut vals: Vec<f64> = eig.eigenvalues.iter().copied().collect();
    vals.sort_by(f64::total_cmp);
    Some(vals)
}

/// What kind of critical point the second-derivative test finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CriticalKind {
    /// Every eigenvalue is positive: a local minimum.
    Minimum,
    /// Every eigenvalue is negative: a local maximum.
    Maximum,
    /// Some eigenvalues are positive and some negative: a saddle point.
    Saddle,
    /// The test decides nothing (an eigenvalue is near zero and the others
    /// do not have both signs, or there are no eigenvalues, or a NaN).
    Inconclusive,
}

/// The second-derivative test from the Hessian's eigenvalues, with `tol` the
/// band around zero treated as "zero":
/// * all `> tol` → [`CriticalKind::Minimum`];
/// * all `< −tol` → [`CriticalKind::Maximum`];
/// * some `> tol` and some `< −tol` → [`CriticalKind::Saddle`] (a zero
///   eigenvalue elsewhere does not change that);
/// * otherwise (including an empty list or a NaN) → [`CriticalKind::Inconclusive`].
pub fn classify_critical_point(eigs: &[f64], tol: f64) -> CriticalKind {
    if eigs.is_empty() || eigs.iter().any(|e| e.is_nan()) {
        return CriticalKind::Inconclusive;
    }
    let pos = eigs.iter().filter(|&&e| e > tol).count();
    let neg = eigs.iter().filter(|&&e| e < -tol).count();
    if pos == eigs.len() {
        CriticalKind::Minimum
    } else if neg == eigs.len() {
        CriticalKind::Maximum
    } else if pos > 0 && neg > 0 {
        CriticalKind::Saddle
    } else {
        CriticalKind::Inconclusive
    }
}

/// The definiteness of a symmetric matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Definiteness {
    /// All eigenvalues `> tol`.
    PositiveDefinite,
    /// All eigenvalues `≥ −tol`, at least one within `tol` of zero.
    PositiveSemidefinite,
    /// All eigenvalues `< −tol`.
    NegativeDefinite,
    /// All eigenvalues `≤ tol`, at least one within `tol` of zero, and at least
    /// one `< −tol` (the all-zero case counts as positive semidefinite).
    NegativeSemidefinite,
    /// Some eigenvalue `> tol` and some `< −tol`.
    Indefinite,
}

/// Classifies definiteness from eigenvalues with the zero band `|e| ≤ tol`.
/// `None` for an empty list or a NaN. A matrix whose eigenvalues are all within
/// `tol` of zero is reported as [`Definiteness::PositiveSemidefinite`].
pub fn definiteness(eigs: &[f64], tol: f64) -> Option<Definiteness> {
    if eigs.is_empty() || eigs.iter().any(|e| e.is_nan()) {
        return None;
    }
    let pos = eigs.iter().filter(|&&e| e > tol).count();
    let neg = eigs.iter().filter(|&&e| e < -tol).count();
    let n = eigs.len();
    Some(if pos == n {
        Definiteness::PositiveDefinite
    } else if neg == n {
        Definiteness::NegativeDefinite
    } else if pos > 0 && neg > 0 {
        Definiteness::Indefinite
    } else if neg == 0 {
        Definiteness::PositiveSemidefinite
    } else {
        Definiteness::NegativeSemidefinite
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eigenvalues_of_small_matrices() {
        let e = symmetric_eigenvalues(&[vec![2.0, 1.0], vec![1.0, 2.0]]).unwrap();
        assert!(
            (e[0] - 1.0).abs() < 1e-12 && (e[1] - 3.0).abs() < 1e-12,
            "{e:?}"
        );
        let e = symmetric_eigenvalues(&[vec![-4.0]]).unwrap();
        assert_eq!(e, vec![-4.0]);
        assert_eq!(symmetric_eigenvalues(&[]), Some(vec![]));
        let e = symmetric_eigenvalues(&[
            vec![0.0, 0.0, 0.0],
            vec![0.0, 0.0, 0.0],
            vec![0.0, 0.0, 0.0],
        ])
        .unwrap();
        assert_eq!(e, vec![0.0, 0.0, 0.0]);
    }

    #[test]
    fn bad_matrices_give_none() {
        assert_eq!(symmetric_eigenvalues(&[vec![1.0, 2.0]]), None);
        assert_eq!(symmetric_eigenvalues(&[vec![1.0], vec![1.0, 2.0]]), None);
        assert_eq!(
            symmetric_eigenvalues(&[vec![f64::NAN, 0.0], vec![0.0, 1.0]]),
            None
        );
        assert_eq!(
            symmetric_eigenvalues(&[vec![1.0, f64::MAX], vec![f64::MAX, 1.0]]),
            None
        );
        assert_eq!(symmetric_eigenvalues(&[vec![f64::INFINITY]]), None);
    }

    #[test]
    fn second_derivative_test() {
        let t = 1e-9;
        assert_eq!(
            classify_critical_point(&[1.0, 2.0], t),
            CriticalKind::Minimum
        );
        assert_eq!(
            classify_critical_point(&[-1.0, -2.0], t),
            CriticalKind::Maximum
        );
        assert_eq!(
            classify_critical_point(&[-1.0, 2.0], t),
            CriticalKind::Saddle
        );
        assert_eq!(
            classify_critical_point(&[-1.0, 0.0, 2.0], t),
            CriticalKind::Saddle
        );
        assert_eq!(
            classify_critical_point(&[0.0, 2.0], t),
            CriticalKind::Inconclusive
        );
        assert_eq!(classify_critical_point(&[], t), CriticalKind::Inconclusive);
        assert_eq!(
            classify_critical_point(&[f64::NAN], t),
            CriticalKind::Inconclusive
        );
        // f = x² − y² has Hessian diag(2, −2): a saddle.
        let e = symmetric_eigenvalues(&[vec![2.0, 0.0], vec![0.0, -2.0]]).unwrap();
        assert_eq!(classify_critical_point(&e, t), CriticalKind::Saddle);
    }

    #[test]
    fn definiteness_classes() {
        use Definiteness::*;
        let t = 1e-9;
        assert_eq!(definiteness(&[1.0, 2.0], t), Some(PositiveDefinite));
        assert_eq!(definiteness(&[0.0, 2.0], t), Some(PositiveSemidefinite));
        assert_eq!(definiteness(&[-1.0, -2.0], t), Some(NegativeDefinite));
        assert_eq!(definiteness(&[-1.0, 0.0], t), Some(NegativeSemidefinite));
        assert_eq!(definiteness(&[-1.0, 1.0], t), Some(Indefinite));
        assert_eq!(definiteness(&[0.0, 0.0], t), Some(PositiveSemidefinite));
        assert_eq!(definiteness(&[], t), None);
    }
}
