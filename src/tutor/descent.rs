//! A gradient-descent path for the explorer (pure logic), computed by `nabla::optim`
//! (`p ← p − rate·∇f(p)`) with the explorer's own partials. It stops early where a step
//! would leave the finite numbers, or where the steps diverge (f grows past a thousand times
//! its start, or the path runs off), and then says why. Drawn by the benchmark (and
//! available to lessons).

use crate::optim::{minimize, Method, Objective, Settings, Stop};
use crate::tutor::analysis::{Analysis, VARS};

/// A descent path and, when it diverged, at which step and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Descent {
    /// The start and every point after it.
    pub points: Vec<(f64, f64)>,
    /// The step at which the steps diverged, and why in a sentence or two.
    pub diverged: Option<(usize, String)>,
}

/// Up to `steps + 1` points of gradient descent from `start` with a fixed `rate`: the
/// explorer shows every step (no convergence test); a non-finite point, value or gradient,
/// or a divergence, ends the path early.
pub fn descent_path(a: &Analysis, start: (f64, f64), steps: usize, rate: f64) -> Vec<(f64, f64)> {
    descent(a, start, steps, rate).points
}

/// [`descent_path`] with the reason it diverged, if it did.
pub fn descent(a: &Analysis, start: (f64, f64), steps: usize, rate: f64) -> Descent {
    let settings = Settings {
        max_steps: steps,
        grad_tol: -1.0,
        ..Settings::default()
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
        Ok(run) => Descent {
            points: run
                .points
                .iter()
                .map(|p| {
                    (
                        p.first().copied().unwrap_or(f64::NAN),
                        p.get(1).copied().unwrap_or(f64::NAN),
                    )
                })
                .collect(),
            diverged: match run.stop {
                Stop::Diverged { step, reason } => Some((step, reason)),
                _ => None,
            },
        },
        Err(_) => Descent {
            points: vec![start],
            diverged: None,
        },
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
        assert_eq!(descent(&a, (2.0, -1.0), 50, 0.1).diverged, None);
    }

    #[test]
    fn a_step_too_large_for_the_curvature_is_said_to_diverge() {
        // λ_max = 20 for x² + 10y², so any η above 2/20 = 0.1 diverges along y.
        let a = Analysis::new("x^2 + 10*y^2").expect("parses");
        let d = descent(&a, (1.0, 1.0), 50, 0.5);
        let (step, reason) = d.diverged.expect("diverges");
        assert!(
            step < 50 && d.points.len() <= step + 1,
            "{step} {}",
            d.points.len()
        );
        assert!(reason.contains('2'), "{reason}");
        assert!(d.points.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
    }
}
