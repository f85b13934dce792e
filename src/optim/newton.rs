//! Newton's method: model f near x by its second-order Taylor polynomial and jump to that
//! model's stationary point, solving `(H + μI) d = −∇f` (μ the damping). On a quadratic with
//! a positive definite Hessian that is the minimum, in one step. Where the Hessian is not
//! positive definite the model has no minimum, and the step can lead to a saddle or uphill;
//! when it would go uphill (∇f·d ≥ 0) the run stops and says why.

use super::curvature::symmetric_eigen;
use super::solver::{Candidate, Solver, State, Termination};
use super::text::{fmt_num, fmt_point};
use super::Objective;

/// Newton's method with damping μ.
pub struct Newton {
    damping: f64,
}

impl Newton {
    /// With damping `damping` added to the Hessian's diagonal.
    pub fn new(damping: f64) -> Self {
        Newton { damping }
    }
}

fn list(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|&e| fmt_num(e)).collect();
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// The Newton direction `−(H + μI)⁻¹ g` through the eigen-decomposition, with the shifted
/// eigenvalues, or why there is none.
pub fn newton_direction(
    hessian: &[Vec<f64>],
    grad: &[f64],
    damping: f64,
) -> Result<(Vec<f64>, Vec<f64>), String> {
    let n = grad.len();
    let shifted: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let h = hessian
                        .get(i)
                        .and_then(|r| r.get(j))
                        .copied()
                        .unwrap_or(f64::NAN);
                    if i == j {
                        h + damping
                    } else {
                        h
                    }
                })
                .collect()
        })
        .collect();
    let Some((vals, vecs)) = symmetric_eigen(&shifted) else {
        return Err("the Hessian is not defined here".to_string());
    };
    let scale = vals.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let tiny = 1e-12 * scale.max(f64::MIN_POSITIVE);
    if vals.iter().any(|v| v.abs() <= tiny) {
        return Err(format!(
            "the Hessian{} is singular here (eigenvalues {}), so the Newton step is not defined",
            if damping > 0.0 { " plus damping" } else { "" },
            list(&vals)
        ));
    }
    let mut d = vec![0.0; n];
    for (lam, q) in vals.iter().zip(&vecs) {
        let c = q.iter().zip(grad).map(|(a, b)| a * b).sum::<f64>() / lam;
        for (di, qi) in d.iter_mut().zip(q) {
            *di -= c * qi;
        }
    }
    Ok((d, vals))
}

impl Solver for Newton {
    fn next_iter(&mut self, objective: &Objective, s: &State) -> Result<Candidate, Termination> {
        let h = objective.hessian(&s.x);
        let at = fmt_point(&s.x);
        let (d, vals) = newton_direction(&h, &s.grad, self.damping)
            .map_err(|why| Termination::Stuck(format!("At {at} {why}.")))?;
        let slope: f64 = d.iter().zip(&s.grad).map(|(a, b)| a * b).sum();
        let positive_definite = vals.iter().all(|&v| v > 0.0);
        if !positive_definite && slope >= 0.0 {
            return Err(Termination::Stuck(format!(
                "At {at} the Hessian{} is not positive definite (eigenvalues {}), and the Newton \
                 step would not go downhill (∇f·d = {} ≥ 0): the quadratic model has no minimum \
                 here, so Newton's method heads for a saddle or a maximum instead.",
                if self.damping > 0.0 {
                    " plus damping"
                } else {
                    ""
                },
                list(&vals),
                fmt_num(slope)
            )));
        }
        Ok(Candidate::at(
            s.x.iter().zip(&d).map(|(x, d)| x + d).collect(),
        ))
    }
}
