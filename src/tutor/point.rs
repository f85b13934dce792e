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
    no_slope(|v| f.eval(&[(var, v)]).unwrap_or(f64::NAN), x)
}

/// Whether ∂f/∂`vars[i]` exists at `point`: [`no_tangent`] on the slice of f through the
/// point along that variable, the others held at their values. (For |x| + y at (0, 1) the
/// formula for ∂f/∂x gives sign(0) = 0, but the slice has a corner there.)
pub fn no_partial(f: &Expr, vars: &[&str], point: &[f64], i: usize) -> Option<NoTangent> {
    if i >= vars.len() || point.len() != vars.len() {
        return None;
    }
    let mut env: Vec<(&str, f64)> = vars.iter().copied().zip(point.iter().copied()).collect();
    no_slope(
        |v| {
            env[i].1 = v;
            f.eval(&env).unwrap_or(f64::NAN)
        },
        point[i],
    )
}

/// [`no_tangent`] for a function of one number given as a closure.
fn no_slope(mut at: impl FnMut(f64) -> f64, x: f64) -> Option<NoTangent> {
    let fx = at(x);
    if !fx.is_finite() {
        return None;
    }
    let h = 1e-6 * x.abs().max(1.0);
    let mut sides = |h: f64| (at(x - h), at(x + h));
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
    // A gap must stand above the slopes and above rounding: each value of f carries an
    // error of about ε|f|, which a difference quotient divides by the step (1e10 + x at 0
    // has slopes off by ~10 at this step, and no corner).
    let rounding = 100.0 * f64::EPSILON * fx.abs().max(1.0) / (h / 10.0);
    let size = (1e-3 * left.abs().max(right.abs()).max(1.0)).max(rounding);
    (g1 > size && g2 > 0.5 * g1).then_some(NoTangent::Corner { left, right })
}

/// Where ∂f/∂x or ∂f/∂y does not exist at `p` though f is defined there, the sentences that
/// say so, for a page that has defined partial derivatives. `formula` are the values the two
/// partials' formulas give at `p` (for |x| at 0, sign(0) = 0): a finite one is named for what
/// it is, a convention, not a slope. `None` where both partials exist.
pub fn missing_partials_note(f: &Expr, p: (f64, f64), formula: (f64, f64)) -> Option<String> {
    use crate::tutor::format::format_value;
    let point = [p.0, p.1];
    let mut sentences = Vec::new();
    for (i, (var, value)) in [("x", formula.0), ("y", formula.1)].into_iter().enumerate() {
        let Some(kind) = no_partial(f, &["x", "y"], &point, i) else {
            continue;
        };
        let zero = if i == 0 { "x₀" } else { "y₀" };
        sentences.push(match kind {
            NoTangent::Corner { left, right } => format!(
                "Along {var}, f has a corner at this point: its slope is {} just before {zero} \
                 and {} just after, so ∂f/∂{var} does not exist here.",
                format_value(left),
                format_value(right)
            ),
            NoTangent::Jump => format!(
                "Along {var}, f jumps or stops at this point, so ∂f/∂{var} does not exist here."
            ),
        });
        if value.is_finite() {
            sentences.push(format!(
                "The formula for ∂f/∂{var} still gives {} here; ML libraries use such a value \
                 by convention, but it is not a slope.",
                format_value(value)
            ));
        }
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
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
    /// ∇f of `f` (in x and y) at `p`; NaN components where f is not differentiable, which
    /// includes a corner or a jump along x or y where the formula alone would give a value
    /// (|x| + |y| at (0, 0): the formulas give ∇f = [0, 0], but no gradient exists, and the
    /// slope is positive in every direction, not 0).
    pub fn at(f: &Expr, p: (f64, f64)) -> DirectionalSlope {
        let point = [p.0, p.1];
        let g = gradient_at(f, &["x", "y"], &point);
        let exists = |i: usize| no_partial(f, &["x", "y"], &point, i).is_none();
        DirectionalSlope {
            fx: if exists(0) { g.gradient[0] } else { f64::NAN },
            fy: if exists(1) { g.gradient[1] } else { f64::NAN },
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

    fn f(src: &str) -> Expr {
        crate::math::parse(src).expect("parses")
    }

    #[test]
    fn a_partial_at_a_corner_of_its_slice_does_not_exist() {
        let xy = ["x", "y"];
        // |x| + y² at (0, 1): a corner along x, smooth along y.
        let g = f("abs(x) + y^2");
        assert!(matches!(
            no_partial(&g, &xy, &[0.0, 1.0], 0),
            Some(NoTangent::Corner { .. })
        ));
        assert_eq!(no_partial(&g, &xy, &[0.0, 1.0], 1), None);
        assert_eq!(no_partial(&g, &xy, &[0.5, 1.0], 0), None);
        // max(x, y) at (1, 1) has a corner both ways; off the diagonal it is smooth.
        let m = f("max(x, y)");
        assert!(no_partial(&m, &xy, &[1.0, 1.0], 0).is_some());
        assert!(no_partial(&m, &xy, &[1.0, 1.0], 1).is_some());
        assert_eq!(no_partial(&m, &xy, &[2.0, 1.0], 0), None);
        // A steep but smooth function is not mistaken for a corner, nor is rounding on a
        // function with a large value.
        assert_eq!(no_partial(&f("exp(5*x) * y"), &xy, &[1.0, 2.0], 0), None);
        assert_eq!(no_partial(&f("1e10 + x*y"), &xy, &[0.0, 1.0], 0), None);
        assert_eq!(no_partial(&f("1e10 + x*y"), &xy, &[0.3, 0.7], 1), None);
        assert_eq!(no_tangent(&f("1e12 + sin(x)"), "x", 0.1), None);
        assert_eq!(
            no_partial(&g, &xy, &[0.0], 0),
            None,
            "a point of the wrong size"
        );
        assert_eq!(
            no_partial(&g, &xy, &[0.0, 1.0], 2),
            None,
            "no third variable"
        );
    }

    #[test]
    fn the_note_names_the_corner_and_calls_the_formula_value_a_convention() {
        let g = f("abs(x) + y^2");
        let note = missing_partials_note(&g, (0.0, 1.0), (0.0, 2.0)).expect("a corner along x");
        assert!(note.contains("Along x, f has a corner"), "{note}");
        assert!(
            note.contains("slope is −1 just before x₀ and 1 just after"),
            "{note}"
        );
        assert!(note.contains("∂f/∂x does not exist here"), "{note}");
        assert!(
            note.contains("The formula for ∂f/∂x still gives 0 here"),
            "{note}"
        );
        assert!(!note.contains("∂f/∂y"), "{note}");
        assert_eq!(missing_partials_note(&g, (0.5, 1.0), (1.0, 2.0)), None);
        // A jump along y, whose formula value is undefined: no "shown" sentence for it.
        let s = f("x + step(y)");
        let note = missing_partials_note(&s, (1.0, 0.0), (1.0, f64::NAN)).expect("a jump");
        assert!(note.contains("Along y, f jumps or stops"), "{note}");
        assert!(!note.contains("formula"), "{note}");
        // Smooth everywhere: nothing to say, and where f itself is undefined, nothing either.
        assert_eq!(
            missing_partials_note(&f("x^2 + y^2"), (0.0, 0.0), (0.0, 0.0)),
            None
        );
        assert_eq!(
            missing_partials_note(&f("ln(x) + y"), (-1.0, 0.0), (f64::NAN, 1.0)),
            None
        );
    }

    #[test]
    fn the_gradient_does_not_exist_at_a_corner_even_where_the_formulas_give_zero() {
        let s = DirectionalSlope::at(&f("abs(x) + abs(y)"), (0.0, 0.0));
        assert!(s.fx.is_nan() && s.fy.is_nan(), "{s:?}");
        assert_eq!(s.gradient_angle(), None);
        let smooth = DirectionalSlope::at(&f("x^2 + y^2"), (0.0, 0.0));
        assert_eq!((smooth.fx, smooth.fy), (0.0, 0.0));
        let half = DirectionalSlope::at(&f("abs(x) + y^2"), (0.0, 1.0));
        assert!(
            half.fx.is_nan() && (half.fy - 2.0).abs() < 1e-12,
            "{half:?}"
        );
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
