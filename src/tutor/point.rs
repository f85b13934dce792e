//! The value of a function and of its gradient at one point: the one place lessons, widgets
//! and exercises get f(p) and ∇f(p) from a formula. (The explorer's per-frame path evaluates
//! the same three formulas compiled, in `analysis`; a test keeps the two equal.)

use crate::math::Expr;

/// f and ∇f at a point.
#[derive(Clone, Debug, PartialEq)]
pub struct PointGradient {
    /// f(p); NaN where f is undefined.
    pub value: f64,
    /// ∂f/∂vᵢ at p, one per variable in the order asked; NaN where f or the partial is
    /// undefined.
    pub gradient: Vec<f64>,
}

/// f and its partials with respect to `vars` at `point` (`point[i]` is the value of
/// `vars[i]`; missing coordinates are NaN). Where f itself is undefined (ln x for x ≤ 0,
/// 1/x at 0) so are its partials, whatever the derivative's formula would give there.
pub fn gradient_at(f: &Expr, vars: &[&str], point: &[f64]) -> PointGradient {
    let env: Vec<(&str, f64)> = vars
        .iter()
        .enumerate()
        .map(|(i, v)| (*v, point.get(i).copied().unwrap_or(f64::NAN)))
        .collect();
    let value = f.eval(&env).unwrap_or(f64::NAN);
    let gradient = vars
        .iter()
        .map(|v| {
            if value.is_finite() {
                f.partial(v).eval(&env).unwrap_or(f64::NAN)
            } else {
                f64::NAN
            }
        })
        .collect();
    PointGradient { value, gradient }
}

/// ∇f of the function of x and y typed as `text` at `p`, or `None` if it does not parse: the
/// worked examples' numbers, computed by the engine when the page runs.
pub fn gradient_of_text(text: &str, p: (f64, f64)) -> Option<(f64, f64)> {
    let f = crate::math::parse(text).ok()?;
    let s = DirectionalSlope::at(&f, p);
    Some((s.fx, s.fy))
}

/// ∇f of a function of x and y at a point, and the directional derivative along any angle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DirectionalSlope {
    /// ∂f/∂x at the point.
    pub fx: f64,
    /// ∂f/∂y at the point.
    pub fy: f64,
}

impl DirectionalSlope {
    /// ∇f of `f` (in x and y) at `p`; NaN components where f is not differentiable.
    pub fn at(f: &Expr, p: (f64, f64)) -> DirectionalSlope {
        let g = gradient_at(f, &["x", "y"], &[p.0, p.1]);
        DirectionalSlope {
            fx: g.gradient[0],
            fy: g.gradient[1],
        }
    }

    /// D_v f for the unit vector v = (cos θ, sin θ).
    pub fn along(&self, theta: f64) -> f64 {
        self.fx * theta.cos() + self.fy * theta.sin()
    }

    /// |∇f|.
    pub fn norm(&self) -> f64 {
        self.fx.hypot(self.fy)
    }

    /// The angle of ∇f (radians), if ∇f is not zero.
    pub fn gradient_angle(&self) -> Option<f64> {
        (self.norm() > 1e-12).then(|| self.fy.atan2(self.fx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;
    use crate::tutor::analysis::Analysis;

    #[test]
    fn values_and_partials_at_a_point() {
        let f = parse("x^2*y + z").unwrap();
        let g = gradient_at(&f, &["x", "y", "z"], &[3.0, 2.0, 1.0]);
        assert_eq!(g.value, 19.0);
        assert_eq!(g.gradient, vec![12.0, 9.0, 1.0]);
        // Any variable names, any number of them.
        let f = parse("w0*w1").unwrap();
        let g = gradient_at(&f, &["w0", "w1"], &[4.0, -1.5]);
        assert_eq!(g.gradient, vec![-1.5, 4.0]);
    }

    #[test]
    fn nothing_where_f_is_undefined() {
        let f = parse("ln(x) + y").unwrap();
        let g = gradient_at(&f, &["x", "y"], &[-1.0, 0.0]);
        assert!(g.value.is_nan());
        assert!(g.gradient.iter().all(|d| d.is_nan()), "{g:?}");
        let g = gradient_at(&f, &["x", "y"], &[1.0]);
        assert!(g.value.is_nan(), "a missing coordinate is not 0");
    }

    #[test]
    fn the_explorers_compiled_values_agree() {
        for text in [
            "x^2 + 3*x*y + y^2",
            "sin(x)*e^y",
            "ln(x) + y^3",
            "1/(x - y)",
        ] {
            let a = Analysis::new(text).unwrap();
            for p in [(0.5, -1.25), (2.0, 3.0), (-1.0, 0.5), (1.0, 1.0)] {
                let compiled = a.values_at(p);
                let g = gradient_at(&a.f, &["x", "y"], &[p.0, p.1]);
                for (c, s) in [compiled.f, compiled.fx, compiled.fy]
                    .into_iter()
                    .zip(std::iter::once(g.value).chain(g.gradient))
                {
                    assert!(
                        c == s
                            || (c.is_nan() && s.is_nan())
                            || (c - s).abs() <= 1e-9 * (1.0 + s.abs()),
                        "{text} at {p:?}: compiled {c}, formula {s}"
                    );
                }
            }
        }
    }

    #[test]
    fn directional_slopes() {
        let f = parse("x^2 + 3*y").unwrap();
        let s = DirectionalSlope::at(&f, (1.0, 0.0));
        assert_eq!((s.fx, s.fy), (2.0, 3.0));
        assert!((s.along(0.0) - 2.0).abs() < 1e-12);
        let best = s.gradient_angle().unwrap();
        assert!((s.along(best) - s.norm()).abs() < 1e-12);
        assert!(DirectionalSlope::at(&parse("5").unwrap(), (0.0, 0.0))
            .gradient_angle()
            .is_none());
    }
}
