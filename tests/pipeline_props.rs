#![cfg(not(target_arch = "wasm32"))]
//! Cross-layer property tests: the printer, the parser, the compiler, the symbolic
//! derivative and automatic differentiation agree with each other.
//!
//! * `Display` → `parse` → `compile` → `eval_batch` gives the tree evaluator's values
//!   of the printed expression (the original, and its simplified form).
//! * `compile_many([f, ∂f/∂x, ∂f/∂y])` gives the same gradient as reverse-mode
//!   automatic differentiation, wherever the evaluation and both gradients are finite.

mod common;

use common::strategy::expr;
use nabla::math::{compile_many, parse, Expr};
use proptest::prelude::*;

/// The variables the strategy uses, in argument order.
const VARS: [&str; 4] = ["x", "y", "w1", "θ"];
const W1: f64 = 0.75;
const THETA: f64 = -0.4;

fn env(x: f64, y: f64) -> impl Fn(&str) -> f64 {
    move |n: &str| match n {
        "x" => x,
        "y" => y,
        "w1" => W1,
        "θ" => THETA,
        _ => f64::NAN,
    }
}

fn points() -> impl Strategy<Value = Vec<(f64, f64)>> {
    proptest::collection::vec((-2.0f64..2.0, -2.0f64..2.0), 1..12)
}

/// Close enough for two evaluations of the same function that may round differently
/// (the compiler rewrites `x^2` as `x·x`, the printer may regroup a sum): a relative
/// 1e-9 with an absolute floor, or both not finite.
fn agree(a: f64, b: f64) -> bool {
    if !a.is_finite() || !b.is_finite() {
        return a.is_nan() == b.is_nan() || !a.is_finite() && !b.is_finite();
    }
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

/// Whether evaluating `e` at (x, y) passes through a huge finite value. There
/// rounding differences of a few ulps (the compiler writes `x^-2` as `1/(x·x)`) are
/// amplified by what follows (`sin(10¹¹)`), so values are not compared.
fn ill_conditioned(e: &Expr, x: f64, y: f64) -> bool {
    match e.record_tape(&VARS, &[x, y, W1, THETA]) {
        Ok(tape) => tape
            .nodes
            .iter()
            .any(|n| n.value.is_finite() && n.value.abs() > 1e6),
        Err(_) => true,
    }
}

/// Columns for `eval_batch`: x and y vary, w1 and θ are broadcast (length 1).
fn columns(pts: &[(f64, f64)]) -> [Vec<f64>; 4] {
    [
        pts.iter().map(|p| p.0).collect(),
        pts.iter().map(|p| p.1).collect(),
        vec![W1],
        vec![THETA],
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Display → parse → compile → eval_batch equals the tree evaluation of the original.
    #[test]
    fn printed_parsed_compiled_batch_matches_tree(e in expr(), pts in points()) {
        // The simplified form is checked against its own tree values: simplifying may
        // extend the domain (`√x·√x` → `x`) or move an overflow.
        for form in [e.clone(), e.simplify()] {
            let text = form.to_string();
            let back = parse(&text);
            prop_assert!(back.is_ok(), "{text:?} does not parse: {:?}", back.err());
            let Ok(back) = back else { continue };
            let compiled = back.compile(&VARS);
            prop_assert!(compiled.is_ok(), "{text:?} does not compile: {:?}", compiled.err());
            let Ok(compiled) = compiled else { continue };
            let cols = columns(&pts);
            let cols: Vec<&[f64]> = cols.iter().map(Vec::as_slice).collect();
            let mut out = vec![0.0; pts.len()];
            compiled.eval_batch(&cols, &mut out);
            for (&(x, y), &got) in pts.iter().zip(&out) {
                if ill_conditioned(&form, x, y) || ill_conditioned(&back, x, y) {
                    continue;
                }
                // The compiled program computes exactly what was parsed…
                let parsed = common::eval(&back, &env(x, y));
                if !(parsed.is_finite() && parsed.abs() > 1e6) {
                    prop_assert!(
                        agree(parsed, got),
                        "{text:?}: tree {parsed} but compiled batch {got} at ({x}, {y})"
                    );
                }
                // …which is the printed function. Printing may regroup (`y·y⁻¹` prints as
                // `y/y`), which changes the last bit; that is only visible as NaN against a
                // number where a power of a negative base jumps, so that case is skipped.
                let want = common::eval(&form, &env(x, y));
                if (want.is_finite() && want.abs() > 1e6) || want.is_nan() != got.is_nan() {
                    continue;
                }
                prop_assert!(
                    agree(want, got),
                    "{form} printed as {text:?}: tree {want} but compiled batch {got} at ({x}, {y})"
                );
            }
        }
    }

    /// compile_many([f, ∂f/∂x, ∂f/∂y]) agrees with reverse-mode autodiff where finite.
    #[test]
    fn compiled_symbolic_gradient_matches_autodiff(e in expr(), pts in points()) {
        let outputs: Vec<Expr> = vec![e.clone(), e.partial("x"), e.partial("y")];
        let many = compile_many(&outputs, &VARS);
        prop_assert!(many.is_ok(), "{e}: {:?}", many.err());
        let Ok(many) = many else { return Ok(()) };
        prop_assert_eq!(many.output_count(), 3);
        for &(x, y) in &pts {
            let point = [x, y, W1, THETA];
            let values = many.eval(&point);
            let Ok(tape) = e.record_tape(&VARS, &point) else {
                prop_assert!(false, "{e}: no tape");
                return Ok(());
            };
            let f = tape.output();
            // Only where every intermediate value is finite: at a singularity (say a
            // division by zero inside a max) the two kinds of derivative need not agree.
            if !f.is_finite() || tape.nodes.iter().any(|n| !n.value.is_finite() || n.value.abs() > 1e6) {
                continue;
            }
            prop_assert!(agree(f, values[0]), "{e}: tape {f} but compiled {} at ({x}, {y})", values[0]);
            let grad = tape.backward().gradient;
            for (k, var) in ["x", "y"].iter().enumerate() {
                let (sym, ad) = (values[k + 1], grad[k]);
                if sym.is_finite() && ad.is_finite() && sym.abs().max(ad.abs()) < 1e6 {
                    prop_assert!(
                        (sym - ad).abs() <= 1e-7 * (1.0 + sym.abs().max(ad.abs())),
                        "∂/∂{var} of {e} = {}: compiled {sym} but autodiff {ad} at ({x}, {y})",
                        outputs[k + 1]
                    );
                }
            }
        }
    }
}
