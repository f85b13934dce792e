//! Proptest strategies for random expressions, shared by the property tests.

use nabla::math::{Constant, Expr, Func};
use proptest::prelude::*;

/// A leaf: a variable (x, y, w1 or θ), a small integer, a decimal or a constant.
pub fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        4 => prop_oneof![Just("x"), Just("y")].prop_map(Expr::var),
        1 => prop_oneof![Just("w1"), Just("θ")].prop_map(Expr::var),
        2 => (-4i32..5).prop_map(|n| Expr::Num(n as f64)),
        1 => prop_oneof![Just(0.5), Just(-1.25), Just(0.1), Just(2.5e-6), Just(2.5e7)].prop_map(Expr::Num),
        1 => prop_oneof![Just(Constant::Pi), Just(Constant::E)].prop_map(Expr::Const),
    ]
}

/// An expression of up to four levels over the leaves, using every kind of node and
/// every function.
pub fn expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(4, 40, 3, |inner| {
        let f1 = proptest::sample::select(
            Func::ALL
                .iter()
                .copied()
                .filter(|f| f.arity() == 1)
                .collect::<Vec<_>>(),
        );
        prop_oneof![
            inner.clone().prop_map(|a| Expr::Neg(Box::new(a))),
            proptest::collection::vec(inner.clone(), 2..4).prop_map(Expr::Add),
            proptest::collection::vec(inner.clone(), 2..4).prop_map(Expr::Mul),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::Div(Box::new(a), Box::new(b))),
            (inner.clone(), -2i32..4)
                .prop_map(|(a, k)| Expr::Pow(Box::new(a), Box::new(Expr::Num(k as f64)))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::Pow(Box::new(a), Box::new(b))),
            (f1, inner.clone()).prop_map(|(f, a)| Expr::Call(f, vec![a])),
            (
                proptest::sample::select(
                    Func::ALL
                        .iter()
                        .copied()
                        .filter(|f| f.arity() == 2)
                        .collect::<Vec<_>>()
                ),
                inner.clone(),
                inner
            )
                .prop_map(|(f, a, b)| Expr::Call(f, vec![a, b])),
        ]
    })
}
