//! Curvature at a point: the Hessian's eigenvalues and eigenvectors (the axes of curvature),
//! and the condition number, from nalgebra's symmetric eigen-decomposition.

use nalgebra::{DMatrix, SymmetricEigen};

use super::Objective;

/// The Hessian at a point, decomposed.
#[derive(Clone, Debug, PartialEq)]
pub struct Curvature {
    /// The Hessian's rows.
    pub hessian: Vec<Vec<f64>>,
    /// Eigenvalues in ascending order.
    pub eigenvalues: Vec<f64>,
    /// Unit eigenvectors, `eigenvectors[i]` belonging to `eigenvalues[i]`.
    pub eigenvectors: Vec<Vec<f64>>,
}

impl Curvature {
    /// The largest eigenvalue (the steepest upward curvature).
    pub fn lambda_max(&self) -> Option<f64> {
        self.eigenvalues.last().copied()
    }

    /// The smallest eigenvalue.
    pub fn lambda_min(&self) -> Option<f64> {
        self.eigenvalues.first().copied()
    }

    /// The condition number `|λ|_max / |λ|_min`: how much more sharply f curves in its
    /// steepest direction than in its flattest. Infinite when an eigenvalue is 0.
    pub fn condition_number(&self) -> Option<f64> {
        let abs: Vec<f64> = self.eigenvalues.iter().map(|e| e.abs()).collect();
        let hi = abs.iter().copied().fold(f64::NAN, f64::max);
        let lo = abs.iter().copied().fold(f64::NAN, f64::min);
        if hi.is_nan() {
            None
        } else if lo == 0.0 {
            Some(f64::INFINITY)
        } else {
            Some(hi / lo)
        }
    }
}

/// Eigenvalues (ascending) and unit eigenvectors of a symmetric matrix given as rows; `None`
/// for a ragged, empty or non-finite matrix, or if the iteration fails.
pub fn symmetric_eigen(m: &[Vec<f64>]) -> Option<(Vec<f64>, Vec<Vec<f64>>)> {
    let n = m.len();
    if n == 0 || m.iter().any(|r| r.len() != n) || m.iter().flatten().any(|v| !v.is_finite()) {
        return None;
    }
    let mat = DMatrix::from_fn(n, n, |i, j| 0.5 * (m[i][j] + m[j][i]));
    if mat.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let eig = SymmetricEigen::try_new(mat, f64::EPSILON, 10_000)?;
    let mut pairs: Vec<(f64, Vec<f64>)> = (0..n)
        .map(|k| {
            let v: Vec<f64> = eig.eigenvectors.column(k).iter().copied().collect();
            (eig.eigenvalues[k], v)
        })
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    Some(pairs.into_iter().unzip())
}

/// The largest eigenvalue of a symmetric matrix, if it has one.
pub fn largest_eigenvalue(m: &[Vec<f64>]) -> Option<f64> {
    symmetric_eigen(m).and_then(|(e, _)| e.last().copied())
}

/// The curvature of `objective` at `x`, or `None` where the Hessian is not finite.
pub fn curvature_at(objective: &Objective, x: &[f64]) -> Option<Curvature> {
    let hessian = objective.hessian(x);
    let (eigenvalues, eigenvectors) = symmetric_eigen(&hessian)?;
    Some(Curvature {
        hessian,
        eigenvalues,
        eigenvectors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_of_an_ill_conditioned_bowl() {
        let o = Objective::parse("x^2 + 10y^2", &["x", "y"]).unwrap();
        let c = curvature_at(&o, &[0.3, -1.0]).unwrap();
        assert!((c.eigenvalues[0] - 2.0).abs() < 1e-12);
        assert!((c.eigenvalues[1] - 20.0).abs() < 1e-12);
        assert!((c.eigenvectors[1][1].abs() - 1.0).abs() < 1e-12);
        assert!((c.condition_number().unwrap() - 10.0).abs() < 1e-12);
        let flat = Objective::parse("x^2", &["x", "y"]).unwrap();
        let c = curvature_at(&flat, &[1.0, 1.0]).unwrap();
        assert_eq!(c.condition_number(), Some(f64::INFINITY));
        assert_eq!(symmetric_eigen(&[]), None);
        assert_eq!(symmetric_eigen(&[vec![f64::NAN]]), None);
    }
}
