//! Gradient clipping by norm, `g ← g·c/‖g‖` when `‖g‖ > c`, with one global norm across all
//! parameter arrays (the per-array version is here too, to show how it changes the direction),
//! and a descent on a function with a cliff, run with and without clipping.
//!
//! Nothing here panics: a non-positive or non-finite threshold means "no clipping", a
//! non-finite gradient is left alone and reported, and a run that overflows stops as
//! diverged.

/// The Euclidean norm of all entries of all arrays together.
pub fn global_norm(arrays: &[Vec<f64>]) -> f64 {
    arrays.iter().flatten().map(|v| v * v).sum::<f64>().sqrt()
}

/// What clipping did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clipped {
    /// The norm before clipping.
    pub norm_before: f64,
    /// The factor every entry was multiplied by (1 when nothing was clipped).
    pub scale: f64,
}

impl Clipped {
    /// Whether the gradient was scaled down.
    pub fn clipped(&self) -> bool {
        self.scale < 1.0
    }
}

fn scale_for(norm: f64, c: f64) -> f64 {
    if c.is_finite() && c > 0.0 && norm.is_finite() && norm > c {
        c / norm
    } else {
        1.0
    }
}

/// Clips all arrays by one global norm: if `‖g‖ > c`, every entry is multiplied by `c/‖g‖`,
/// so the direction is kept and the norm becomes `c`.
pub fn clip_global(arrays: &mut [Vec<f64>], c: f64) -> Clipped {
    let norm_before = global_norm(arrays);
    let scale = scale_for(norm_before, c);
    if scale < 1.0 {
        arrays.iter_mut().flatten().for_each(|v| *v *= scale);
    }
    Clipped { norm_before, scale }
}

/// Clips each array by its own norm (the mistake): the arrays are scaled by different factors,
/// which changes the direction of the whole gradient. One entry per array.
pub fn clip_per_array(arrays: &mut [Vec<f64>], c: f64) -> Vec<Clipped> {
    arrays
        .iter_mut()
        .map(|a| {
            let norm_before = a.iter().map(|v| v * v).sum::<f64>().sqrt();
            let scale = scale_for(norm_before, c);
            if scale < 1.0 {
                a.iter_mut().for_each(|v| *v *= scale);
            }
            Clipped { norm_before, scale }
        })
        .collect()
}

/// The angle in degrees between two gradients given as lists of arrays (flattened); NaN if
/// either is zero or the shapes differ.
pub fn angle_degrees(a: &[Vec<f64>], b: &[Vec<f64>]) -> f64 {
    let fa: Vec<f64> = a.iter().flatten().copied().collect();
    let fb: Vec<f64> = b.iter().flatten().copied().collect();
    if fa.len() != fb.len() {
        return f64::NAN;
    }
    let dot: f64 = fa.iter().zip(&fb).map(|(x, y)| x * y).sum();
    let na = global_norm(a);
    let nb = global_norm(b);
    if na == 0.0 || nb == 0.0 {
        return f64::NAN;
    }
    (dot / (na * nb)).clamp(-1.0, 1.0).acos().to_degrees()
}

/// A loss with a cliff: a gentle bowl `x²/20 + y²/2 + (x² + y²)²/500` that grows steeply far
/// out, and a drop of height [`Cliff::HEIGHT`] along the line `x = −2`,
/// `−40·σ(6(x + 2))`. Walking right along the valley, the descent reaches the edge, where
/// the slope is about 60: one plain step there throws the point far out, where the bowl is so
/// steep that the steps overshoot more and more.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cliff;

impl Cliff {
    /// The drop.
    pub const HEIGHT: f64 = 40.0;
    /// How sharp the edge is.
    pub const STEEPNESS: f64 = 6.0;
    /// Where the edge is.
    pub const EDGE: f64 = -2.0;
    /// The function as a learner would type it.
    pub const FORMULA: &'static str = "x^2/20 + y^2/2 + (x^2 + y^2)^2/500 - 40*sigmoid(6*(x + 2))";
    /// The default start.
    pub const START: [f64; 2] = [-6.0, 1.5];
    /// The default learning rate.
    pub const LEARNING_RATE: f64 = 0.5;

    fn sigmoid(t: f64) -> f64 {
        1.0 / (1.0 + (-t).exp())
    }

    /// The loss at `(x, y)`.
    pub fn value(x: f64, y: f64) -> f64 {
        let r2 = x * x + y * y;
        x * x / 20.0 + y * y / 2.0 + r2 * r2 / 500.0
            - Self::HEIGHT * Self::sigmoid(Self::STEEPNESS * (x - Self::EDGE))
    }

    /// The gradient at `(x, y)`.
    pub fn gradient(x: f64, y: f64) -> [f64; 2] {
        let r2 = x * x + y * y;
        let s = Self::sigmoid(Self::STEEPNESS * (x - Self::EDGE));
        let cliff = Self::HEIGHT * Self::STEEPNESS * s * (1.0 - s);
        [
            x / 10.0 + 4.0 * r2 * x / 500.0 - cliff,
            y + 4.0 * r2 * y / 500.0,
        ]
    }
}

/// How a descent ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The gradient norm fell below the tolerance.
    Converged,
    /// The point left `|x|, |y| ≤ 1e6` or stopped being finite, at this step.
    Diverged(usize),
    /// It ran out of steps.
    StepsUsed,
}

/// A descent on the cliff.
#[derive(Clone, Debug, PartialEq)]
pub struct CliffRun {
    /// The points, starting with the start.
    pub path: Vec<[f64; 2]>,
    /// The gradient norm at each point of the path before clipping (same length as `path`
    /// once the run ended by converging or running out; one shorter if it diverged).
    pub grad_norms: Vec<f64>,
    /// Whether the step from each point was clipped.
    pub clipped: Vec<bool>,
    /// How it ended.
    pub outcome: Outcome,
}

impl CliffRun {
    /// The first step whose gradient norm exceeds `c`, if any (where the cliff was hit).
    pub fn first_above(&self, c: f64) -> Option<usize> {
        self.grad_norms.iter().position(|&g| g > c)
    }
}

/// Gradient descent `p ← p − η·clip(∇f)` on the cliff for at most `steps` steps
/// (capped at 10 000). `clip` of `None` (or a non-positive threshold) means no clipping.
pub fn descend_cliff(start: [f64; 2], eta: f64, clip: Option<f64>, steps: usize) -> CliffRun {
    let steps = steps.min(10_000);
    let mut p = start;
    let mut run = CliffRun {
        path: vec![p],
        grad_norms: Vec::new(),
        clipped: Vec::new(),
        outcome: Outcome::StepsUsed,
    };
    if !(p[0].is_finite() && p[1].is_finite() && eta.is_finite()) {
        run.outcome = Outcome::Diverged(0);
        return run;
    }
    for k in 0..steps {
        let g = Cliff::gradient(p[0], p[1]);
        let mut arrays = [g.to_vec()];
        let c = clip_global(&mut arrays, clip.unwrap_or(0.0));
        run.grad_norms.push(c.norm_before);
        run.clipped.push(c.clipped());
        if !c.norm_before.is_finite() {
            run.outcome = Outcome::Diverged(k);
            return run;
        }
        if c.norm_before < 1e-8 {
            run.outcome = Outcome::Converged;
            return run;
        }
        let g = &arrays[0];
        p = [p[0] - eta * g[0], p[1] - eta * g[1]];
        run.path.push(p);
        if !(p[0].is_finite() && p[1].is_finite()) || p[0].abs() > 1e6 || p[1].abs() > 1e6 {
            run.outcome = Outcome::Diverged(k + 1);
            return run;
        }
    }
    let g = Cliff::gradient(p[0], p[1]);
    run.grad_norms.push(global_norm(&[g.to_vec()]));
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_clipping_keeps_direction_and_caps_norm() {
        let g = vec![vec![3.0, 4.0], vec![0.3, 0.4, 12.0]];
        let mut clipped = g.clone();
        let c = clip_global(&mut clipped, 1.0);
        assert!(c.clipped());
        assert!((global_norm(&clipped) - 1.0).abs() < 1e-12);
        assert!(angle_degrees(&g, &clipped).abs() < 1e-6);
        // Below the threshold nothing changes.
        let mut same = g.clone();
        let c = clip_global(&mut same, 100.0);
        assert!(!c.clipped());
        assert_eq!(same, g);
    }

    #[test]
    fn per_array_clipping_changes_direction() {
        let g = vec![vec![3.0, 4.0], vec![0.3, 0.4]];
        let mut per = g.clone();
        clip_per_array(&mut per, 1.0);
        assert!(angle_degrees(&g, &per) > 1.0, "{per:?}");
        // Layer ratio was 10:1, now 1:0.5.
        assert!((global_norm(&per[..1]) - 1.0).abs() < 1e-12);
        assert!((global_norm(&per[1..]) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn odd_thresholds_and_gradients_are_left_alone() {
        for c in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let mut g = vec![vec![3.0, 4.0]];
            assert!(!clip_global(&mut g, c).clipped());
            assert_eq!(g, vec![vec![3.0, 4.0]]);
        }
        let mut g = vec![vec![f64::INFINITY, 1.0]];
        assert!(!clip_global(&mut g, 1.0).clipped());
        let mut empty: Vec<Vec<f64>> = vec![];
        assert_eq!(clip_global(&mut empty, 1.0).norm_before, 0.0);
        assert!(angle_degrees(&[], &[]).is_nan());
    }

    #[test]
    fn gradient_matches_central_differences() {
        for &(x, y) in &[(-6.0, 1.5), (-2.01, 0.3), (1.0, -2.0)] {
            let g = Cliff::gradient(x, y);
            let h = 1e-6;
            let nx = (Cliff::value(x + h, y) - Cliff::value(x - h, y)) / (2.0 * h);
            let ny = (Cliff::value(x, y + h) - Cliff::value(x, y - h)) / (2.0 * h);
            assert!((g[0] - nx).abs() < 1e-5 * (1.0 + nx.abs()), "{x} {y}");
            assert!((g[1] - ny).abs() < 1e-5 * (1.0 + ny.abs()), "{x} {y}");
        }
    }

    #[test]
    fn without_clipping_the_descent_explodes_and_with_clipping_it_survives() {
        let plain = descend_cliff(Cliff::START, Cliff::LEARNING_RATE, None, 500);
        assert!(
            matches!(plain.outcome, Outcome::Diverged(_)),
            "{:?}",
            plain.outcome
        );
        let hit = plain.first_above(10.0).expect("hits the cliff");
        assert!(hit > 0);
        let clipped = descend_cliff(Cliff::START, Cliff::LEARNING_RATE, Some(1.0), 500);
        assert_ne!(clipped.outcome, Outcome::Diverged(0));
        assert!(!matches!(clipped.outcome, Outcome::Diverged(_)));
        let end = clipped.path.last().unwrap();
        assert!(end[0].abs() < 0.5 && end[1].abs() < 0.5, "{end:?}");
        assert!(clipped.clipped.iter().any(|&c| c));
    }

    #[test]
    fn clipping_survives_for_a_range_of_thresholds() {
        for c in [0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0] {
            let run = descend_cliff(Cliff::START, Cliff::LEARNING_RATE, Some(c), 1000);
            assert!(!matches!(run.outcome, Outcome::Diverged(_)), "c = {c}");
            let step_lengths = run
                .path
                .windows(2)
                .map(|w| (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]));
            for s in step_lengths {
                assert!(
                    s <= Cliff::LEARNING_RATE * c * (1.0 + 1e-9),
                    "c = {c}: step {s}"
                );
            }
        }
    }

    #[test]
    fn odd_runs_do_not_panic() {
        let r = descend_cliff([f64::NAN, 0.0], 0.5, Some(1.0), 10);
        assert_eq!(r.outcome, Outcome::Diverged(0));
        let r = descend_cliff([0.0, 0.0], 0.5, Some(-1.0), 0);
        assert_eq!(r.path.len(), 1);
        let _ = descend_cliff([1e300, 1e300], 1e300, None, 5);
    }
}
