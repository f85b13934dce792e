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

/// Why a function of x has no tangent line at a point where it is defined, found from the
/// function's values on both sides (the derivative's formula cannot say: the engine, like ML
/// libraries, gives |x| the slope sign(0) = 0 at its corner).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NoTangent {
    /// The slopes just left and just right of the point differ (|x| at 0: −1 and 1).
    Corner {
        /// The slope just left of the point.
        left: f64,
        /// The slope just right of the point.
        right: f64,
    },
    /// The values on the two sides differ by an amount that does not shrink as they close
    /// in on the point (step(x) at 0), or one side is undefined.
    Jump,
}

/// Whether f (a function of `var`) is differentiable at `x`, judged from one-sided
/// difference quotients at two step sizes: at a corner the gap between the left and right
/// slopes stays as the step shrinks tenfold, while for a smooth f, however steep (tan x near
/// π/2), it shrinks with the step. `None` when f is differentiable there, or undefined at x.
pub fn no_tangent(f: &Expr, var: &str, x: f64) -> Option<NoTangent> {
    let at = |v: f64| f.eval(&[(var, v)]).unwrap_or(f64::NAN);
    let fx = at(x);
    if !fx.is_finite() {
        return None;
    }
    let h = 1e-6 * x.abs().max(1.0);
    let sides = |h: f64| (at(x - h), at(x + h));
    let (l1, r1) = sides(h);
    let (l2, r2) = sides(h / 10.0);
    if !(l1.is_finite() && r1.is_finite() && l2.is_finite() && r2.is_finite()) {
        // Defined at x but not on one side of it (sqrt(x) at 0) or blowing up: no tangent
        // either way, but not a corner with two slopes.
        return Some(NoTangent::Jump);
    }
    // A jump: the difference across the point does not shrink with the step.
    let across = |l: f64, r: f64| (r - l).abs();
    let scale = fx.abs().max(1.0);
    if across(l1, r1) > 1e-6 * scale && across(l2, r2) > 0.5 * across(l1, r1) {
        return Some(NoTangent::Jump);
    }
    let gap = |h: f64, l: f64, r: f64| {
        let (left, right) = ((fx - l) / h, (r - fx) / h);
        (left, right, (right - left).abs())
    };
    let (_, _, g1) = gap(h, l1, r1);
    let (left, right, g2) = gap(h / 10.0, l2, r2);
    let size = 1e-3 * left.abs().max(right.abs()).max(1.0);
    (g1 > size && g2 > 0.5 * g1).then_some(NoTangent::Corner { left, right })
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

    fn no_tangent_of(src: &str, x: f64) -> Option<NoTangent> {
        no_tangent(&crate::math::parse(src).expect("parses"), "x", x)
    }

    #[test]
    fn corners_and_jumps_have_no_tangent() {
        match no_tangent_of("abs(x)", 0.0) {
            Some(NoTangent::Corner { left, right }) => {
                assert!((left + 1.0).abs() < 1e-6 && (right - 1.0).abs() < 1e-6);
            }
            other => panic!("abs at 0: {other:?}"),
        }
        assert!(matches!(
            no_tangent_of("abs(x - 1) + x^2", 1.0),
            Some(NoTangent::Corner { .. })
        ));
        assert!(matches!(
            no_tangent_of("max(x, 0)", 0.0),
            Some(NoTangent::Corner { .. })
        ));
        assert_eq!(no_tangent_of("step(x)", 0.0), Some(NoTangent::Jump));
        assert_eq!(no_tangent_of("sqrt(x)", 0.0), Some(NoTangent::Jump));
    }

    #[test]
    fn smooth_functions_have_a_tangent_however_steep() {
        for (src, x) in [
            ("x^2", 3.0),
            ("abs(x)", 0.5),
            ("abs(x)", -2.0),
            ("sin(100*x)", 0.3),
            ("exp(x^2)", 3.0),
            ("tan(x)", 1.57),
            ("x^3 - 2*x", 0.0),
            ("1/x", -0.01),
            ("ln(x)", 1e-3),
        ] {
            assert_eq!(no_tangent_of(src, x), None, "{src} at {x}");
        }
        // Undefined at the point itself: nothing to say about a tangent.
        assert_eq!(no_tangent_of("1/x", 0.0), None);
    }
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
