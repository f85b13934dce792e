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
            (_, [a, b]) => f.apply2(eval(a, env), eval(b, env)),
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

/// A first-order bound on the rounding error of evaluating `e` at the point `env`, in
/// units of the machine epsilon: Σ |∂f/∂vᵢ|·|vᵢ| over the nodes vᵢ of its evaluation.
/// Two evaluations that group operations differently (simplified or compiled forms) can
/// differ by a small multiple of it: tan(25000000·(0.1 + y)·y) near y = 1.66 is steep, so
/// an ulp of its argument moves it by 10⁻⁶.
pub fn rounding_bound(e: &Expr, env: &dyn Fn(&str) -> f64) -> f64 {
    let names = e.variables();
    let vars: Vec<&str> = names.iter().map(String::as_str).collect();
    let point: Vec<f64> = vars.iter().map(|n| env(n)).collect();
    let Ok(tape) = e.record_tape(&vars, &point) else {
        return 0.0;
    };
    let mut adj = vec![0.0; tape.nodes.len()];
    if let Some(last) = adj.last_mut() {
        *last = 1.0;
    }
    let mut bound = 0.0;
    for i in (0..tape.nodes.len()).rev() {
        let node = &tape.nodes[i];
        let term = adj[i] * node.value.abs();
        if term.is_finite() {
            bound += term;
        }
        for (&input, &p) in node.inputs.iter().zip(&node.partials) {
            adj[input] += adj[i] * p.abs();
        }
    }
    bound
}
