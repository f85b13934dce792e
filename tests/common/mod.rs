//! Test support: constructors for building `Expr` trees by hand, and an independent tree
//! evaluator used as an oracle by the symbolic tests.
#![allow(dead_code)]

#[cfg(not(target_arch = "wasm32"))]
pub mod strategy;

use nabla::math::{Constant, Expr, Func};

/// A number.
pub fn num(v: f64) -> Expr {
    Expr::Num(v)
}

/// π or e.
pub fn konst(c: Constant) -> Expr {
    Expr::Const(c)
}

/// A variable.
pub fn var(name: &str) -> Expr {
    Expr::var(name)
}

/// −a
pub fn neg(a: Expr) -> Expr {
    Expr::Neg(Box::new(a))
}

/// a + b + …
pub fn add(terms: Vec<Expr>) -> Expr {
    Expr::Add(terms)
}

/// a − b, written as the parser does: a + (−b).
pub fn sub(a: Expr, b: Expr) -> Expr {
    Expr::Add(vec![a, neg(b)])
}

/// a · b · …
pub fn mul(factors: Vec<Expr>) -> Expr {
    Expr::Mul(factors)
}

/// a / b
pub fn div(a: Expr, b: Expr) -> Expr {
    Expr::Div(Box::new(a), Box::new(b))
}

/// a ^ b
pub fn pow(a: Expr, b: Expr) -> Expr {
    Expr::Pow(Box::new(a), Box::new(b))
}

/// f(a)
pub fn call(f: Func, a: Expr) -> Expr {
    Expr::Call(f, vec![a])
}

/// f(a, b)
pub fn call2(f: Func, a: Expr, b: Expr) -> Expr {
    Expr::Call(f, vec![a, b])
}

/// The four benchmark functions of the plots, over x and y.
pub fn bench_functions() -> Vec<(&'static str, Expr)> {
    let x = || var("x");
    let y = || var("y");
    vec![
        (
            "sin(x)*cos(y) + exp(-(x^2+y^2)/2)",
            add(vec![
                mul(vec![call(Func::Sin, x()), call(Func::Cos, y())]),
                call(
                    Func::Exp,
                    div(
                        neg(add(vec![pow(x(), num(2.0)), pow(y(), num(2.0))])),
                        num(2.0),
                    ),
                ),
            ]),
        ),
        (
            "log(1+exp(-(2*x - y))) + 0.1*(x^2+y^2)",
            add(vec![
                call(
                    Func::Ln,
                    add(vec![
                        num(1.0),
                        call(Func::Exp, neg(sub(mul(vec![num(2.0), x()]), y()))),
                    ]),
                ),
                mul(vec![
                    num(0.1),
                    add(vec![pow(x(), num(2.0)), pow(y(), num(2.0))]),
                ]),
            ]),
        ),
        (
            "x^2 + 3*x*y + y^2",
            add(vec![
                pow(x(), num(2.0)),
                mul(vec![num(3.0), x(), y()]),
                pow(y(), num(2.0)),
            ]),
        ),
        (
            "(1-x)^2 + 100*(y-x^2)^2",
            add(vec![
                pow(sub(num(1.0), x()), num(2.0)),
                mul(vec![
                    num(100.0),
                    pow(sub(y(), pow(x(), num(2.0))), num(2.0)),
                ]),
            ]),
        ),
    ]
}

/// Evaluates `e` with `x` and `y` (and any other variable = NaN).
pub fn eval_xy(e: &Expr, x: f64, y: f64) -> f64 {
    eval(e, &|n: &str| match n {
        "x" => x,
        "y" => y,
        _ => f64::NAN,
    })
}

/// Evaluates `e`, looking variables up with `env`.
pub fn eval(e: &Expr, env: &dyn Fn(&str) -> f64) -> f64 {
    match e {
        Expr::Num(v) => *v,
        Expr::Const(c) => c.value(),
        Expr::Var(n) => env(n),
        Expr::Neg(a) => -eval(a, env),
        Expr::Add(ts) => ts.iter().map(|t| eval(t, env)).sum(),
        Expr::Mul(fs) => fs.iter().map(|f| eval(f, env)).product(),
        Expr::Div(a, b) => eval(a, env) / eval(b, env),
        Expr::Pow(a, b) => eval(a, env).powf(eval(b, env)),
        Expr::Call(f, args) => match (f, args.as_slice()) {
            (Func::Max | Func::Min, [a, b]) => f.apply2(eval(a, env), eval(b, env)),
            (_, [a]) => f.apply1(eval(a, env)),
            _ => f64::NAN,
        },
    }
}

/// Relative closeness with an absolute floor.
pub fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * (1.0 + a.abs().max(b.abs()))
}

/// The direct sub-expressions of `e`.
pub fn children(e: &Expr) -> Vec<&Expr> {
    match e {
        Expr::Num(_) | Expr::Const(_) | Expr::Var(_) => Vec::new(),
        Expr::Neg(a) => vec![&**a],
        Expr::Add(v) | Expr::Mul(v) | Expr::Call(_, v) => v.iter().collect(),
        Expr::Div(a, b) | Expr::Pow(a, b) => vec![&**a, &**b],
    }
}

/// Whether `e` and every sub-expression of it has a finite value: where the function is
/// defined. (`x^(x/(-0))` is 0 at x = -0.02 in floating point only because the undefined
/// x/(-0) became +∞ on the way.)
pub fn defined(e: &Expr, env: &dyn Fn(&str) -> f64) -> bool {
    eval(e, env).is_finite() && children(e).into_iter().all(|c| defined(c, env))
}

/// The largest finite magnitude of any sub-expression of `e`. Two evaluation orders that
/// each round every operation correctly can differ by a few ulps *of that magnitude*:
/// sin((x/y)^5) with (x/y)^5 ≈ 3·10¹⁰ differs by ~10⁻⁶ however sin is computed.
pub fn largest_intermediate(e: &Expr, env: &dyn Fn(&str) -> f64) -> f64 {
    let own = eval(e, env).abs();
    let own = if own.is_finite() { own } else { 0.0 };
    children(e)
        .into_iter()
        .map(|c| largest_intermediate(c, env))
        .fold(own, f64::max)
}
