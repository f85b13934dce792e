//! A gradient-descent path computed with the compiled gradient: `p ← p − rate·∇f(p)`,
//! stopping early where the gradient is not finite. Drawn by the benchmark (and available
//! to lessons).

use super::model::Analysis;

/// Up to `steps + 1` points of gradient descent from `start` with a fixed `rate`.
pub fn descent_path(a: &Analysis, start: (f64, f64), steps: usize, rate: f64) -> Vec<(f64, f64)> {
    let mut path = Vec::with_capacity(steps + 1);
    let mut p = start;
    let mut out = [f64::NAN; 3];
    path.push(p);
    for _ in 0..steps {
        a.program.eval_into(&[p.0, p.1], &mut out);
        let next = (p.0 - rate * out[1], p.1 - rate * out[2]);
        if !(next.0.is_finite() && next.1.is_finite()) {
            break;
        }
        p = next;
        path.push(p);
    }
    path
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
