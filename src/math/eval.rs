//! Tree-walking evaluation of an [`Expr`] at one point, and the errors every
//! evaluator in the engine reports.
//!
//! Domain problems are not errors: `ln(-1)` evaluates to `Ok(NaN)` and `1/0` to
//! `Ok(inf)`, so a plot can leave a gap and a learner can be told "undefined here"
//! (test with `f64::is_nan` / `f64::is_finite`). Errors are reserved for things the
//! learner has to fix: a variable without a value, or a function called with the
//! wrong number of arguments. Evaluation never panics, and recursion is proportional
//! to the depth of the tree.

use super::expr::{Expr, Func};
use std::fmt;

/// Why an expression could not be evaluated (or compiled, or differentiated numerically).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalError {
    /// The expression uses a variable that was given no value.
    UnknownVariable(String),
    /// A function was called with the wrong number of arguments.
    WrongArgumentCount {
        /// The function that was called.
        func: Func,
        /// How many arguments it takes.
        expected: usize,
        /// How many it was given.
        got: usize,
    },
    /// A point had a different number of coordinates than there are variables
    /// (for example `gradient_forward(&["x", "y"], &[1.0])`).
    WrongPointLength {
        /// The number of variables.
        expected: usize,
        /// The number of coordinates given.
        got: usize,
    },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::UnknownVariable(name) => write!(
                f,
                "the function uses {name}, but no value was given for {name}"
            ),
            EvalError::WrongArgumentCount {
                func,
                expected,
                got,
            } => {
                let plural = if *expected == 1 { "" } else { "s" };
                write!(
                    f,
                    "{} takes {expected} argument{plural}, but it was given {got}",
                    func.name()
                )
            }
            EvalError::WrongPointLength { expected, got } => {
                let plural = if *expected == 1 { "" } else { "s" };
                write!(
                    f,
                    "the point needs {expected} coordinate{plural}, one per variable, but it has {got}"
                )
            }
        }
    }
}

impl std::error::Error for EvalError {}

/// Looks a variable up in an environment; the first binding of a name wins.
pub(crate) fn lookup(env: &[(&str, f64)], name: &str) -> Result<f64, EvalError> {
    env.iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, v)| v)
        .ok_or_else(|| EvalError::UnknownVariable(name.to_string()))
}

/// Checks that `func` was given exactly its arity of arguments.
pub(crate) fn check_arity(func: Func, got: usize) -> Result<(), EvalError> {
    let expected = func.arity();
    if expected == got {
        Ok(())
    } else {
        Err(EvalError::WrongArgumentCount {
            func,
            expected,
            got,
        })
    }
}

/// Child `i` of a node, in evaluation order.
fn child(e: &Expr, i: usize) -> Option<&Expr> {
    match e {
        Expr::Num(_) | Expr::Const(_) | Expr::Var(_) => None,
        Expr::Neg(a) => (i == 0).then_some(&**a),
        Expr::Add(t) | Expr::Mul(t) | Expr::Call(_, t) => t.get(i),
        Expr::Div(a, b) | Expr::Pow(a, b) => match i {
            0 => Some(&**a),
            1 => Some(&**b),
            _ => None,
        },
    }
}

/// A post-order fold over the tree with an explicit stack, so deep expressions
/// cannot overflow the call stack (debug builds and WebAssembly have small
/// stacks). `visit(node, child_values)` is called once per node after its
/// children; `limit(node)` caps how many children are visited (e.g. to leave a
/// constant exponent unvisited). Stops at the first error.
pub(crate) fn fold<T, E>(
    root: &Expr,
    limit: impl Fn(&Expr) -> usize,
    mut visit: impl FnMut(&Expr, &[T]) -> Result<T, E>,
) -> Result<T, E> {
    // (node, next child, start of its children's values)
    let mut stack: Vec<(&Expr, usize, usize)> = vec![(root, 0, 0)];
    let mut vals: Vec<T> = Vec::new();
    while let Some(top) = stack.last_mut() {
        let next = if top.1 < limit(top.0) {
            child(top.0, top.1)
        } else {
            None
        };
        if let Some(c) = next {
            top.1 += 1;
            stack.push((c, 0, vals.len()));
        } else {
            let (node, _, start) = *top;
            stack.pop();
            let v = visit(node, vals.get(start..).unwrap_or(&[]))?;
            vals.truncate(start);
            vals.push(v);
        }
    }
    // The root always leaves exactly one value.
    match vals.pop() {
        Some(v) => Ok(v),
        None => visit(root, &[]),
    }
}

/// Visits every child.
pub(crate) fn all_children(_: &Expr) -> usize {
    usize::MAX
}

impl Expr {
    /// Evaluates the expression with the variable values in `env`
    /// (`&[("x", 2.0), ("y", 3.0)]`; the first binding of a name wins).
    ///
    /// Sums and products are evaluated left to right; `a ^ b` is `f64::powf`;
    /// functions use [`Func::apply1`] / [`Func::apply2`]. An empty sum is 0 and an
    /// empty product 1. Domain errors give NaN or ±inf inside `Ok`. Uses an
    /// explicit stack, so any depth is fine.
    ///
    /// ```
    /// use nabla::math::Expr;
    /// let f = Expr::Mul(vec![Expr::var("x"), Expr::var("y")]);
    /// assert_eq!(f.eval(&[("x", 2.0), ("y", 3.0)]), Ok(6.0));
    /// assert!(f.eval(&[("x", 2.0)]).is_err());
    /// ```
    pub fn eval(&self, env: &[(&str, f64)]) -> Result<f64, EvalError> {
        fold(self, all_children, |e, v: &[f64]| {
            Ok(match e {
                Expr::Num(x) => *x,
                Expr::Const(c) => c.value(),
                Expr::Var(name) => lookup(env, name)?,
                Expr::Neg(_) => -v.first().copied().unwrap_or(f64::NAN),
                Expr::Add(_) => match v.split_first() {
                    None => 0.0,
                    Some((&first, rest)) => rest.iter().fold(first, |acc, &t| acc + t),
                },
                Expr::Mul(_) => match v.split_first() {
                    None => 1.0,
                    Some((&first, rest)) => rest.iter().fold(first, |acc, &t| acc * t),
                },
                Expr::Div(..) => match v {
                    [a, b] => a / b,
                    _ => f64::NAN,
                },
                Expr::Pow(..) => match v {
                    [a, b] => a.powf(*b),
                    _ => f64::NAN,
                },
                Expr::Call(func, _) => {
                    check_arity(*func, v.len())?;
                    match v {
                        [a] => func.apply1(*a),
                        [a, b] => func.apply2(*a, *b),
                        _ => f64::NAN,
                    }
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::expr::Constant;

    fn x() -> Expr {
        Expr::var("x")
    }

    #[test]
    fn evaluates_every_node_kind() {
        let f = Expr::Add(vec![
            Expr::Mul(vec![Expr::Num(2.0), x()]),
            Expr::Neg(Box::new(Expr::Const(Constant::Pi))),
            Expr::Div(Box::new(Expr::Num(1.0)), Box::new(x())),
            Expr::Pow(Box::new(x()), Box::new(Expr::Num(3.0))),
            Expr::Call(Func::Max, vec![x(), Expr::Num(10.0)]),
            Expr::Call(Func::Sin, vec![Expr::Num(0.0)]),
        ]);
        let v = f.eval(&[("x", 2.0)]).unwrap();
        let want = 4.0 - std::f64::consts::PI + 0.5 + 8.0 + 10.0 + 0.0;
        assert!((v - want).abs() < 1e-12, "{v} vs {want}");
    }

    #[test]
    fn domain_errors_are_nan_not_errors() {
        let f = Expr::Call(Func::Ln, vec![Expr::Num(-1.0)]);
        assert!(f.eval(&[]).unwrap().is_nan());
        let g = Expr::Div(Box::new(Expr::Num(1.0)), Box::new(Expr::Num(0.0)));
        assert_eq!(g.eval(&[]), Ok(f64::INFINITY));
    }

    #[test]
    fn unknown_variable_message_is_actionable() {
        let err = Expr::var("y").eval(&[("x", 1.0)]).unwrap_err();
        assert_eq!(err, EvalError::UnknownVariable("y".into()));
        assert_eq!(
            err.to_string(),
            "the function uses y, but no value was given for y"
        );
    }

    #[test]
    fn wrong_argument_count_is_an_error() {
        let f = Expr::Call(Func::Sin, vec![x(), x()]);
        let err = f.eval(&[("x", 1.0)]).unwrap_err();
        assert!(matches!(
            err,
            EvalError::WrongArgumentCount {
                expected: 1,
                got: 2,
                ..
            }
        ));
        assert_eq!(err.to_string(), "sin takes 1 argument, but it was given 2");
        let g = Expr::Call(Func::Max, vec![x()]);
        assert_eq!(
            g.eval(&[("x", 1.0)]).unwrap_err().to_string(),
            "max takes 2 arguments, but it was given 1"
        );
    }

    #[test]
    fn empty_sum_and_product() {
        assert_eq!(Expr::Add(vec![]).eval(&[]), Ok(0.0));
        assert_eq!(Expr::Mul(vec![]).eval(&[]), Ok(1.0));
    }

    /// A chain of nested nodes `depth` deep (alternating kinds).
    pub(crate) fn deep(depth: usize) -> Expr {
        let mut e = x();
        for i in 0..depth {
            e = match i % 4 {
                0 => Expr::Call(Func::Sin, vec![e]),
                1 => Expr::Add(vec![e, Expr::Num(0.5)]),
                2 => Expr::Mul(vec![Expr::Num(0.9), e]),
                _ => Expr::Pow(Box::new(e), Box::new(Expr::Num(1.0))),
            };
        }
        e
    }

    #[test]
    fn deep_expressions_do_not_overflow_the_stack() {
        // Differentiated lesson expressions reach depth ~600; run the deep cases on
        // a 1 MiB stack (the WebAssembly default) to leave a margin.
        std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(|| {
                let e = deep(1000);
                let v = e.eval(&[("x", 0.5)]).unwrap();

                assert!(v.is_finite());
                let c = e.compile(&["x"]).unwrap();

                assert!((c.eval(&[0.5]) - v).abs() < 1e-9);
                let d = e.eval_dual(&[("x", 0.5)], "x").unwrap();

                assert_eq!(d.v, v);
                let t = e.record_tape(&["x"], &[0.5]).unwrap();
                assert_eq!(t.output(), v);
                let g = t.backward().gradient[0];
                assert!((g - d.d).abs() <= 1e-9 * d.d.abs().max(1.0));
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
