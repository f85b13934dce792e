//! Why a value is not a finite number: it overflowed (the function has a value there, but it
//! is larger than floating point can hold, as exp(1000) or 10¹⁰⁰⁰), or it is undefined (a
//! domain error: 0/0, 1/0, ln(−1)). Evaluation gives ±∞ or NaN for both; this module tells
//! them apart by walking the tree once and asking, at each node, whether finite inputs gave
//! an infinite result (overflow) or a pole or a domain edge was hit (undefined).

use super::eval::{all_children, check_arity, fold, lookup, EvalError};
use super::expr::{Expr, Func};

/// Why a value is not finite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotFinite {
    /// The function has a value there, but it is too large for floating point.
    Overflow,
    /// The function has no value there (a division by zero, the logarithm of a negative
    /// number, 0/0 …).
    Undefined,
}

/// One node's value and what is known about it.
#[derive(Clone, Copy, Debug)]
struct Checked {
    value: f64,
    /// Why `value` is not finite, when it is not.
    why: Option<NotFinite>,
    /// The value is 0 only because a tiny nonzero number underflowed (exp(−1000)).
    tiny: bool,
}

/// Functions whose finite argument can give an infinite result only by growing too large.
fn grows_past_floats(func: Func) -> bool {
    matches!(func, Func::Exp | Func::Sinh | Func::Cosh | Func::Hypot)
}

impl Expr {
    /// Why the expression's value at `env` is not finite, or `None` when it is finite.
    ///
    /// ```
    /// use nabla::math::{parse, NotFinite};
    /// let f = parse("exp(1000 x)").unwrap();
    /// assert_eq!(f.why_not_finite(&[("x", 1.0)]), Ok(Some(NotFinite::Overflow)));
    /// let g = parse("1 / x").unwrap();
    /// assert_eq!(g.why_not_finite(&[("x", 0.0)]), Ok(Some(NotFinite::Undefined)));
    /// ```
    pub fn why_not_finite(&self, env: &[(&str, f64)]) -> Result<Option<NotFinite>, EvalError> {
        let top = fold(self, all_children, |e, c: &[Checked]| check_node(e, c, env))?;
        Ok(top.why)
    }
}

fn check_node(e: &Expr, c: &[Checked], env: &[(&str, f64)]) -> Result<Checked, EvalError> {
    let v: Vec<f64> = c.iter().map(|k| k.value).collect();
    let value = match e {
        Expr::Num(x) => *x,
        Expr::Const(k) => k.value(),
        Expr::Var(name) => lookup(env, name)?,
        Expr::Neg(_) => -v.first().copied().unwrap_or(f64::NAN),
        Expr::Add(_) => v.iter().sum(),
        Expr::Mul(_) => v.iter().product(),
        Expr::Div(..) => match v.as_slice() {
            [a, b] => a / b,
            _ => f64::NAN,
        },
        Expr::Pow(..) => match v.as_slice() {
            [a, b] => a.powf(*b),
            _ => f64::NAN,
        },
        Expr::Call(func, _) => {
            check_arity(*func, v.len())?;
            match v.as_slice() {
                [a] => func.apply1(*a),
                [a, b] => func.apply2(*a, *b),
                _ => f64::NAN,
            }
        }
    };
    let tiny = value == 0.0
        && !c.is_empty()
        && c.iter().all(|k| k.value != 0.0 || k.tiny)
        && matches!(
            e,
            Expr::Neg(_) | Expr::Mul(_) | Expr::Div(..) | Expr::Pow(..) | Expr::Call(Func::Exp, _)
        );
    if c.iter().any(|k| k.why == Some(NotFinite::Undefined)) {
        return Ok(Checked {
            value: f64::NAN,
            why: Some(NotFinite::Undefined),
            tiny: false,
        });
    }
    let why = if value.is_finite() {
        None
    } else if c.iter().any(|k| k.why == Some(NotFinite::Overflow)) {
        // Something below was already too large; what follows is too large as well.
        Some(NotFinite::Overflow)
    } else if value.is_nan() {
        Some(NotFinite::Undefined)
    } else {
        Some(infinite_from_finite(e, c))
    };
    Ok(Checked { value, why, tiny })
}

/// Finite inputs gave ±∞ at `e`: a pole (undefined) or a value too large (overflow).
fn infinite_from_finite(e: &Expr, c: &[Checked]) -> NotFinite {
    let zero_was_tiny = |k: &Checked| k.value == 0.0 && k.tiny;
    match (e, c) {
        // 1/0 is a pole, but 1/exp(−1000) only divides by a number too small to hold.
        (Expr::Div(..), [_, b]) if b.value == 0.0 => {
            if zero_was_tiny(b) {
                NotFinite::Overflow
            } else {
                NotFinite::Undefined
            }
        }
        (Expr::Pow(..), [a, b]) if a.value == 0.0 && b.value < 0.0 => {
            if zero_was_tiny(a) {
                NotFinite::Overflow
            } else {
                NotFinite::Undefined
            }
        }
        (Expr::Call(func, _), args) if !grows_past_floats(*func) => {
            // ln 0, cot 0, atanh 1 …: an edge of the domain, unless the argument was an
            // underflowed tiny number (ln(exp(−1000)) is −1000, merely out of reach).
            if args.iter().any(zero_was_tiny) {
                NotFinite::Overflow
            } else {
                NotFinite::Undefined
            }
        }
        _ => NotFinite::Overflow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    fn why(text: &str, x: f64) -> Option<NotFinite> {
        let f = parse(text).expect("parses");
        f.why_not_finite(&[("x", x), ("y", 0.5)])
            .expect("evaluates")
    }

    #[test]
    fn overflow_and_undefined_are_told_apart() {
        use NotFinite::{Overflow, Undefined};
        let table = [
            ("exp(1000x)", 1.0, Some(Overflow)),
            ("exp(1000x)", -1.0, None),
            ("x^1000", 10.0, Some(Overflow)),
            ("-x^1000", 10.0, Some(Overflow)),
            ("x^1000 - x^1000", 10.0, Some(Overflow)),
            ("cosh(x)", 1000.0, Some(Overflow)),
            ("1e300 * x", 1e300, Some(Overflow)),
            ("1 / exp(-1000x)", 1.0, Some(Overflow)),
            ("exp(exp(x))", 10.0, Some(Overflow)),
            ("1/x", 0.0, Some(Undefined)),
            ("x/x", 0.0, Some(Undefined)),
            ("ln(x)", -1.0, Some(Undefined)),
            ("ln(x)", 0.0, Some(Undefined)),
            ("sqrt(x)", -4.0, Some(Undefined)),
            ("x^(-2)", 0.0, Some(Undefined)),
            ("cot(x)", 0.0, Some(Undefined)),
            ("ln(x) + exp(1000 x)", -1.0, Some(Undefined)),
            ("exp(1000 x) * ln(x)", -1.0, Some(Undefined)),
            ("x^2 + y", 3.0, None),
            ("1/exp(1000x)", 1.0, None),
        ];
        for (text, x, want) in table {
            assert_eq!(why(text, x), want, "{text} at x = {x}");
        }
    }

    #[test]
    fn agrees_with_eval_on_finiteness() {
        for text in ["exp(1000x)", "1/x", "ln(x)", "x^1000", "sin(x)/x", "tan(x)"] {
            let f = parse(text).expect("parses");
            for x in [-10.0, -1.0, 0.0, 0.5, 1.0, 10.0, 1e10] {
                let env = [("x", x)];
                let v = f.eval(&env).expect("evaluates");
                let w = f.why_not_finite(&env).expect("evaluates");
                assert_eq!(v.is_finite(), w.is_none(), "{text} at {x}");
            }
        }
    }

    #[test]
    fn missing_variables_are_still_errors() {
        let f = parse("x + z").expect("parses");
        assert!(f.why_not_finite(&[("x", 1.0)]).is_err());
    }
}
