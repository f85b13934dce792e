#![cfg(not(target_arch = "wasm32"))]
//! Property tests: every evaluator and both autodiff modes agree on random
//! expressions over x and y, and autodiff agrees with central differences
//! where the function is smooth.

mod common;

use common::*;
use nabla::math::{central_difference_gradient, compile_many, Constant, Expr, Func, Tape, CHUNK};
use proptest::prelude::*;

const VARS: [&str; 2] = ["x", "y"];

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        3 => Just(var("x")),
        3 => Just(var("y")),
        1 => Just(konst(Constant::Pi)),
        1 => Just(konst(Constant::E)),
        2 => prop::sample::select(vec![0.0, 1.0, -1.0, 2.0, 0.5, 3.0, -2.5]).prop_map(num),
        1 => (-5.0..5.0f64).prop_map(num),
    ]
}

fn unary() -> impl Strategy<Value = Func> {
    prop::sample::select(
        Func::ALL
            .iter()
            .copied()
            .filter(|f| f.arity() == 1)
            .collect::<Vec<_>>(),
    )
}

/// Random expressions covering every node kind and every function.
fn expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(5, 48, 3, |inner| {
        let exponent = prop_oneof![
            prop::sample::select(vec![
                0.0, 1.0, 2.0, 3.0, 4.0, -1.0, -2.0, 0.5, -0.5, 5.0, 1.5
            ])
            .prop_map(num),
            inner.clone(),
        ];
        prop_oneof![
            inner.clone().prop_map(neg),
            prop::collection::vec(inner.clone(), 2..4).prop_map(add),
            prop::collection::vec(inner.clone(), 2..4).prop_map(mul),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| div(a, b)),
            (inner.clone(), exponent).prop_map(|(a, b)| pow(a, b)),
            (unary(), inner.clone()).prop_map(|(f, a)| call(f, a)),
            (
                prop::sample::select(
                    Func::ALL
                        .iter()
                        .copied()
                        .filter(|f| f.arity() == 2)
                        .collect::<Vec<_>>()
                ),
                inner.clone(),
                inner
            )
                .prop_map(|(f, a, b)| call2(f, a, b)),
        ]
    })
}

/// NaN agrees with NaN; equal values (including infinities) agree; otherwise a
/// relative tolerance.
fn close(a: f64, b: f64, rel: f64) -> bool {
    if a.is_nan() || b.is_nan() {
        return a.is_nan() && b.is_nan();
    }
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-3)
}

fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

fn coords() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -3.0..3.0f64,
        1 => prop::sample::select(vec![0.0, 1.0, -1.0, 0.5, 2.0]),
    ]
}

/// The reverse sweep of `tape` with every local partial replaced by its magnitude: for
/// each variable, the sum of the magnitudes of the products that make up its derivative.
fn magnitude_gradient(tape: &Tape) -> Vec<f64> {
    let mut adj = vec![0.0; tape.nodes.len()];
    if let Some(last) = adj.last_mut() {
        *last = 1.0;
    }
    for i in (0..tape.nodes.len()).rev() {
        let node = &tape.nodes[i];
        for (&input, &p) in node.inputs.iter().zip(&node.partials) {
            adj[input] += adj[i] * p.abs();
        }
    }
    adj.truncate(tape.vars.len());
    adj
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn evaluators_agree(
        e in expr(),
        pts in prop::collection::vec((coords(), coords()), 1..(3 * CHUNK + 40)),
    ) {
        let xs: Vec<f64> = pts.iter().map(|p| p.0).collect();
        let ys: Vec<f64> = pts.iter().map(|p| p.1).collect();
        let c = e.compile(&VARS).unwrap();
        let d = Expr::Mul(vec![e.clone(), var("x")]);
        let many = compile_many(&[e.clone(), d.clone()], &VARS).unwrap();
        let mut batch = vec![0.0; xs.len() + 3];
        c.eval_batch(&[&xs, &ys], &mut batch);
        // (A batch of one point: the columns have length 1.)
        let mut m0 = vec![0.0; xs.len()];
        let mut m1 = vec![0.0; xs.len()];
        many.eval_batch(&[&xs, &ys], &mut [&mut m0, &mut m1]);
        prop_assert!(batch[xs.len()..].iter().all(|v| v.is_nan()));
        for i in 0..xs.len() {
            let env = [("x", xs[i]), ("y", ys[i])];
            let tree = e.eval(&env).unwrap();
            let point = c.eval(&[xs[i], ys[i]]);
            // The compiled program may order and specialise operations differently
            // (x^5 as multiplications, constants folded), so it agrees only as well as
            // rounding allows: sin((x/y)^5) with (x/y)^5 ≈ 3·10¹⁰ differs by ~10⁻⁶.
            let scale = rounding_bound(&e, &|n: &str| if n == "x" { xs[i] } else { ys[i] });
            prop_assert!(
                close(point, tree, 1e-6) || (point - tree).abs() <= 64.0 * f64::EPSILON * scale,
                "compiled {point} vs tree {tree} at {env:?}"
            );
            prop_assert!(same(batch[i], point), "batch {} vs point {point}", batch[i]);
            prop_assert!(same(m0[i], point), "many {} vs point {point}", m0[i]);
            prop_assert!(same(m1[i], many.eval(&[xs[i], ys[i]])[1]));
            if i < 8 {
                let dual = e.eval_dual(&env, "x").unwrap();
                prop_assert!(same(dual.v, tree), "dual {} vs tree {tree}", dual.v);
                let tape = e.record_tape(&VARS, &[xs[i], ys[i]]).unwrap();
                prop_assert!(same(tape.output(), tree), "tape {} vs tree {tree}", tape.output());
            }
        }
    }

    #[test]
    fn grid_and_broadcast_agree_with_points(
        e in expr(),
        xs in prop::collection::vec(coords(), 1..300),
        ys in prop::collection::vec(coords(), 1..5),
    ) {
        let c = e.compile(&VARS).unwrap();
        let mut grid = vec![0.0; xs.len() * ys.len()];
        c.eval_grid(&xs, &ys, &mut grid);
        let mut row = vec![0.0; xs.len()];
        for (r, &y) in ys.iter().enumerate() {
            c.eval_batch(&[&xs, &[y]], &mut row);
            for (i, &x) in xs.iter().enumerate() {
                let p = c.eval(&[x, y]);
                prop_assert!(same(grid[r * xs.len() + i], p), "grid {} vs {p}", grid[r * xs.len() + i]);
                prop_assert!(same(row[i], p));
            }
        }
    }

    #[test]
    fn forward_and_reverse_gradients_agree(e in expr(), x in coords(), y in coords()) {
        let point = [x, y];
        let value = e.eval(&[("x", x), ("y", y)]).unwrap();
        let fwd = e.gradient_forward(&VARS, &point).unwrap();
        let tape = e.record_tape(&VARS, &point).unwrap();
        let rev = tape.backward().gradient;
        let steps = tape.backward_steps();
        prop_assert_eq!(steps.len(), tape.nodes.iter().filter(|n| !n.inputs.is_empty()).count());
        // Where every local partial is finite, both modes must give the same
        // finite numbers. With an infinite local partial the two orders of
        // multiplying and summing may legitimately differ (forward: 0 · inf is
        // a strong zero before the sum; reverse: inf − inf after), so only
        // finite pairs are compared then.
        let tame = tape
            .nodes
            .iter()
            .all(|n| n.value.is_finite() && n.value.abs() < 1e100 && n.partials.iter().all(|p| p.is_finite() && p.abs() < 1e100));
        for k in 0..2 {
            let (f, r) = (fwd[k], rev[k]);
            if tame {
                prop_assert!(f.is_finite() && r.is_finite(), "∂{}: forward {f} vs reverse {r}", VARS[k]);
            }
            if f.is_finite() && r.is_finite() {
                // Both sum the same products in different orders, so they agree to a few
                // ulps of the largest product summed (bounded by the gradient of the tape
                // with every local partial replaced by its magnitude).
                let bound = magnitude_gradient(&tape)[k];
                prop_assert!(
                    close(f, r, 1e-7) || (f - r).abs() <= 1e-12 * bound,
                    "∂{}: forward {f} vs reverse {r} (terms up to {bound})",
                    VARS[k]
                );
            }
        }
        prop_assert!(value.is_nan() == tape.output().is_nan());
    }

    #[test]
    fn autodiff_matches_central_differences_where_smooth(
        e in expr(),
        x in -2.0..2.0f64,
        y in -2.0..2.0f64,
    ) {
        let point = [x, y];
        let f = |p: &[f64]| e.eval(&[("x", p[0]), ("y", p[1])]).unwrap_or(f64::NAN);
        let value = f(&point);
        let grad = e.gradient_reverse(&VARS, &point).unwrap();
        let n1 = central_difference_gradient(f, &point, 1e-5);
        let n2 = central_difference_gradient(f, &point, 2e-5);
        for k in 0..2 {
            // |f| is bounded so rounding in f (≈ 1e-16·|f| / h) cannot swamp
            // the difference quotient.
            let smooth = value.is_finite()
                && value.abs() < 1e3
                && grad[k].is_finite()
                && grad[k].abs() < 1e4
                && n1[k].is_finite()
                && n2[k].is_finite()
                && (n1[k] - n2[k]).abs() <= 1e-6 * (1.0 + n1[k].abs());
            if smooth {
                prop_assert!(
                    (grad[k] - n1[k]).abs() <= 1e-4 * (1.0 + grad[k].abs()),
                    "∂{}: autodiff {} vs numeric {} at {point:?}",
                    VARS[k],
                    grad[k],
                    n1[k]
                );
            }
        }
    }
}

#[test]
fn bench_functions_have_the_right_gradients() {
    for (name, f) in bench_functions() {
        let point = [0.3, -0.7];
        let fwd = f.gradient_forward(&VARS, &point).unwrap();
        let rev = f.gradient_reverse(&VARS, &point).unwrap();
        let num = central_difference_gradient(
            |p| f.eval(&[("x", p[0]), ("y", p[1])]).unwrap(),
            &point,
            1e-6,
        );
        for k in 0..2 {
            assert!((fwd[k] - rev[k]).abs() < 1e-12, "{name}");
            assert!((fwd[k] - num[k]).abs() < 1e-6, "{name}: {fwd:?} vs {num:?}");
        }
    }
}
