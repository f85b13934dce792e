#![cfg(not(target_arch = "wasm32"))]
//! Property tests: derivatives against finite differences, print/parse round trips,
//! simplification preserving values, and a parser that never panics.

mod common;

use common::strategy::expr;
use common::{defined, eval, rounding_bound};
use nabla::math::{parse, Expr, ParseErrorKind};
use proptest::prelude::*;

fn env_at(x: f64, y: f64) -> impl Fn(&str) -> f64 {
    move |n: &str| match n {
        "x" => x,
        "y" => y,
        "w1" => 0.75,
        "θ" => -0.4,
        _ => f64::NAN,
    }
}

fn at(e: &Expr, x: f64, y: f64) -> f64 {
    eval(e, &env_at(x, y))
}

fn ok(v: f64) -> bool {
    v.is_finite() && v.abs() < 1e6
}

/// Central difference of `f` along `var` at (x, y), or None where `f` is not smooth
/// enough there (two step sizes disagree, or values are not finite).
fn central(f: &dyn Fn(f64, f64) -> f64, var: &str, x: f64, y: f64) -> Option<f64> {
    let est = |h: f64| {
        let (a, b) = if var == "x" {
            (f(x + h, y), f(x - h, y))
        } else {
            (f(x, y + h), f(x, y - h))
        };
        (ok(a) && ok(b)).then(|| (a - b) / (2.0 * h))
    };
    let h = 1e-4;
    let (d1, d2) = (est(h)?, est(h / 2.0)?);
    ((d1 - d2).abs() <= 1e-5 * (1.0 + d1.abs())).then_some(d2)
}

/// Whether rounding in `g` near (x, y) is too large for a difference quotient with step
/// 10⁻⁴ to resolve a derivative of size `slope`: sin(x + 2.5e-6^x + y) at x = −1.67 adds
/// 2·10⁹ inside the sine, so each value of it carries an error of about 10⁻⁷.
fn noisy(g: &Expr, x: f64, y: f64, slope: f64) -> bool {
    let err = rounding_bound(g, &env_at(x, y)) * f64::EPSILON;
    err / 1e-4 > 1e-6 * (1.0 + slope.abs())
}

fn points() -> impl Strategy<Value = Vec<(f64, f64)>> {
    proptest::collection::vec((-2.0f64..2.0, -2.0f64..2.0), 6)
}

fn same_values(a: &Expr, b: &Expr, pts: &[(f64, f64)]) -> Result<(), TestCaseError> {
    for &(x, y) in pts {
        let (va, vb) = (at(a, x, y), at(b, x, y));
        if va.is_finite() && vb.is_finite() && va.abs() < 1e12 {
            prop_assert!(
                (va - vb).abs() <= 1e-9 * (1.0 + va.abs().max(vb.abs())),
                "{a} = {va} but {b} = {vb} at ({x}, {y})"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// (a) First and second partials agree with central differences.
    #[test]
    fn partials_match_finite_differences(e in expr(), pts in points()) {
        for var in ["x", "y"] {
            let d = e.partial(var);
            let f = |x: f64, y: f64| at(&e, x, y);
            let fd = |x: f64, y: f64| at(&d, x, y);
            for &(x, y) in &pts {
                let sym = fd(x, y);
                // Only where f is defined: min(y/(y*0), x/y) has a derivative nowhere.
                if !ok(sym) || !defined(&e, &env_at(x, y)) || noisy(&e, x, y, sym) { continue; }
                if let Some(num) = central(&f, var, x, y) {
                    prop_assert!(
                        (sym - num).abs() <= 1e-4 * (1.0 + sym.abs()),
                        "d/d{var} of {e} = {d}: symbolic {sym} vs numeric {num} at ({x}, {y})"
                    );
                }
            }
            for var2 in ["x", "y"] {
                let dd = d.partial(var2);
                for &(x, y) in &pts {
                    let sym = at(&dd, x, y);
                    if !ok(sym) || noisy(&d, x, y, sym) { continue; }
                    if let Some(num) = central(&fd, var2, x, y) {
                        prop_assert!(
                            (sym - num).abs() <= 1e-4 * (1.0 + sym.abs()),
                            "d²/d{var}d{var2} of {e} = {dd}: symbolic {sym} vs numeric {num} at ({x}, {y})"
                        );
                    }
                }
            }
        }
    }

    /// (b) Display and to_pretty parse back to the same function (raw and simplified).
    #[test]
    fn print_parse_round_trip(e in expr(), pts in points()) {
        for form in [e.clone(), e.simplify(), e.partial("x")] {
            for text in [form.to_string(), form.to_pretty()] {
                let back = parse(&text);
                prop_assert!(back.is_ok(), "{text:?} did not parse: {:?}", back.err().map(|x| x.message()));
                if let Ok(back) = back {
                    same_values(&form, &back, &pts)?;
                }
            }
            let latex = form.to_latex();
            prop_assert!(!latex.is_empty());
        }
    }

    /// (d) Simplification preserves the value wherever the original is defined.
    #[test]
    fn simplify_preserves_value(e in expr(), pts in points()) {
        let s = e.simplify();
        for &(x, y) in &pts {
            let (a, b) = (at(&e, x, y), at(&s, x, y));
            if a.abs() < 1e6 && defined(&e, &env_at(x, y)) {
                // Rewriting regroups operations, so values agree only as well as rounding
                // allows: sin((25000000π)²) is ill-conditioned.
                let scale = rounding_bound(&e, &env_at(x, y)) + rounding_bound(&s, &env_at(x, y));
                prop_assert!(
                    (a - b).abs() <= 1e-7 * (1.0 + a.abs()) || (a - b).abs() <= 64.0 * f64::EPSILON * scale,
                    "{e} = {a} but simplified {s} = {b} at ({x}, {y})"
                );
            }
        }
        // Simplifying again changes nothing visible.
        prop_assert_eq!(s.simplify().to_string(), s.to_string());
    }

    /// (c) The parser never panics on arbitrary text, and whatever it accepts can be
    /// differentiated, simplified, printed and parsed back.
    #[test]
    fn parse_never_panics(s in any::<String>()) {
        let _ = parse(&s);
    }

    #[test]
    fn parse_never_panics_on_mathy_text(
        s in "[-+*/^()\\[\\]{}|,. 0-9a-zxyeπθσ²³⁻₁√½·×−÷_]{0,60}"
    ) {
        if let Ok(e) = parse(&s) {
            for var in ["x", "y"] {
                let d = e.partial(var);
                let _ = d.to_latex();
                let _ = e.derivation(var);
                for text in [d.to_string(), d.to_pretty(), e.to_string(), e.to_pretty()] {
                    match parse(&text) {
                        Ok(_) => {}
                        Err(err) => prop_assert!(
                            matches!(err.kind, ParseErrorKind::TooLong { .. } | ParseErrorKind::TooDeep),
                            "{s:?} printed as {text:?}, which does not parse: {}", err
                        ),
                    }
                }
            }
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for src in [
        "(".repeat(10_000),
        "(".repeat(1999),
        format!("{}x{}", "(".repeat(999), ")".repeat(999)),
        "-(".repeat(999),
        "x^".repeat(999) + "x",
        "√".repeat(1999),
        "sin ".repeat(499),
        "|".repeat(1999),
        "2^-".repeat(600),
    ] {
        assert!(parse(&src).is_err());
    }
}
