//! A gradient-descent path for the explorer, computed by `nabla::optim`
//! (`p ← p − rate·∇f(p)`) with the explorer's own partials, stopping early where a step
//! would leave the finite numbers. Drawn by the benchmark (and available to lessons).

use super::model::{Analysis, VARS};
use crate::optim::{minimize, Method, Objective, Settings};

/// Up to `steps + 1` points of gradient descent from `start` with a fixed `rate`: the
/// explorer shows every step, so only a non-finite point, value or gradient ends the path
/// early (no convergence or blow-up test).
pub fn descent_path(a: &Analysis, start: (f64, f64), steps: usize, rate: f64) -> Vec<(f64, f64)> {
    let settings = Settings {
        max_steps: steps,
        grad_tol: -1.0,
        blow_up: f64::INFINITY,
        escape_radius: f64::INFINITY,
    };
    let run = Objective::from_gradient(a.f.clone(), vec![a.fx.clone(), a.fy.clone()], &VARS)
        .and_then(|o| {
            minimize(
                &o,
                &Method::GradientDescent { rate },
                &[start.0, start.1],
                &settings,
            )
        });
    match run {
        Ok(run) => run
            .points
            .iter()
            .map(|p| {
                (
                    p.first().copied().unwrap_or(f64::NAN),
                    p.get(1).copied().unwrap_or(f64::NAN),
                )
            })
            .collect(),
        Err(_) => vec![start],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descent_walks_down_a_bowl() {
        let a = Analysis::new("x^2 + y^2").expect("parses");
        let path = descent_path(&a, (2.0, -1.0), 50, 0.1);
        assert_eq!(path.len(), 51);
        let last = path[50];
        assert!(last.0.abs() < 1e-4 && last.1.abs() < 1e-4, "{last:?}");
        // x ← 0.8 x each step.
        assert!((path[1].0 - 1.6).abs() < 1e-12);
        let hole = Analysis::new("sqrt(x)").expect("parses");
        assert!(descent_path(&hole, (-1.0, 0.0), 10, 0.1).len() == 1);
    }
}
