//! The expression tree, `Expr`: what the parser builds and what differentiation,
//! simplification, printing and compilation work on.
//!
//! The enum's shape is shared by every part of the engine; methods live beside the
//! part that needs them (`impl Expr` blocks in `diff.rs`, `print.rs`, `compile.rs`, ...).

/// A named constant. Kept symbolic so that printing shows `π`, not `3.14159…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Constant {
    /// π
    Pi,
    /// Euler's number e
    E,
}

impl Constant {
    /// The constant's value.
    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }
}

/// A built-in function. `Max`, `Min`, `Atan2`, `Hypot` and `NthRoot` take two arguments;
/// every other one takes one.
///
/// Functions a learner types that are plain rewrites of these (`log(x, b)`, `pow(a, b)`,
/// `sqr`, `exp2`, `log1p`, …) are desugared by the parser instead of being kept as nodes
/// (see `parse.rs`); the ones kept here have a derivative rule worth showing on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Func {
    Sin,
    Cos,
    Tan,
    Sec,
    Csc,
    Cot,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Exp,
    /// Natural logarithm (`log` and `ln` both parse to it).
    Ln,
    Sqrt,
    Abs,
    /// The logistic function 1 / (1 + e^(−t)).
    Sigmoid,
    /// max(0, t).
    Relu,
    /// ln(1 + e^t).
    Softplus,
    /// The sign of t: −1, 0 or 1 (the derivative of `abs`).
    Sign,
    /// The unit step: 0 for t < 0, 1 for t > 0, ½ at 0 (the derivative of `relu`).
    Step,
    Max,
    Min,
    /// Logarithm to base 10.
    Log10,
    /// Logarithm to base 2.
    Log2,
    /// The real cube root (defined for negative numbers too).
    Cbrt,
    Asinh,
    Acosh,
    Atanh,
    /// 1 / cosh.
    Sech,
    /// 1 / sinh.
    Csch,
    /// 1 / tanh.
    Coth,
    /// acos(1/t).
    Asec,
    /// asin(1/t).
    Acsc,
    /// atan(1/t) (values in (−π/2, π/2], as math.js).
    Acot,
    /// acosh(1/t).
    Asech,
    /// asinh(1/t).
    Acsch,
    /// atanh(1/t).
    Acoth,
    /// The error function.
    Erf,
    /// The largest integer ≤ t.
    Floor,
    /// The smallest integer ≥ t.
    Ceil,
    /// atan2(y, x): the angle of the point (x, y), in (−π, π].
    Atan2,
    /// hypot(a, b) = √(a² + b²), without overflow.
    Hypot,
    /// nthRoot(a, n): the real n-th root (negative a allowed for odd integer n).
    NthRoot,
}

impl Func {
    /// Every function, for tables and tests.
    pub const ALL: [Func; 44] = [
        Func::Sin,
        Func::Cos,
        Func::Tan,
        Func::Sec,
        Func::Csc,
        Func::Cot,
        Func::Asin,
        Func::Acos,
        Func::Atan,
        Func::Sinh,
        Func::Cosh,
        Func::Tanh,
        Func::Exp,
        Func::Ln,
        Func::Sqrt,
        Func::Abs,
        Func::Sigmoid,
        Func::Relu,
        Func::Softplus,
        Func::Sign,
        Func::Step,
        Func::Max,
        Func::Min,
        Func::Log10,
        Func::Log2,
        Func::Cbrt,
        Func::Asinh,
        Func::Acosh,
        Func::Atanh,
        Func::Sech,
        Func::Csch,
        Func::Coth,
        Func::Asec,
        Func::Acsc,
        Func::Acot,
        Func::Asech,
        Func::Acsch,
        Func::Acoth,
        Func::Erf,
        Func::Floor,
        Func::Ceil,
        Func::Atan2,
        Func::Hypot,
        Func::NthRoot,
    ];

    /// How many arguments the function takes.
    pub fn arity(self) -> usize {
        match self {
            Func::Max | Func::Min | Func::Atan2 | Func::Hypot | Func::NthRoot => 2,
            _ => 1,
        }
    }

    /// The name a learner types and the printer writes (`ln`, not `log`).
    pub fn name(self) -> &'static str {
        match self {
            Func::Sin => "sin",
            Func::Cos => "cos",
            Func::Tan => "tan",
            Func::Sec => "sec",
            Func::Csc => "csc",
            Func::Cot => "cot",
            Func::Asin => "asin",
            Func::Acos => "acos",
            Func::Atan => "atan",
            Func::Sinh => "sinh",
            Func::Cosh => "cosh",
            Func::Tanh => "tanh",
            Func::Exp => "exp",
            Func::Ln => "ln",
            Func::Sqrt => "sqrt",
            Func::Abs => "abs",
            Func::Sigmoid => "sigmoid",
            Func::Relu => "relu",
            Func::Softplus => "softplus",
            Func::Sign => "sign",
            Func::Step => "step",
            Func::Max => "max",
            Func::Min => "min",
            Func::Log10 => "log10",
            Func::Log2 => "log2",
            Func::Cbrt => "cbrt",
            Func::Asinh => "asinh",
            Func::Acosh => "acosh",
            Func::Atanh => "atanh",
            Func::Sech => "sech",
            Func::Csch => "csch",
            Func::Coth => "coth",
            Func::Asec => "asec",
            Func::Acsc => "acsc",
            Func::Acot => "acot",
            Func::Asech => "asech",
            Func::Acsch => "acsch",
            Func::Acoth => "acoth",
            Func::Erf => "erf",
            Func::Floor => "floor",
            Func::Ceil => "ceil",
            Func::Atan2 => "atan2",
            Func::Hypot => "hypot",
            Func::NthRoot => "nthRoot",
        }
    }

    /// Applies a one-argument function. Domain errors give NaN, never a panic.
    pub fn apply1(self, t: f64) -> f64 {
        match self {
            Func::Sin => t.sin(),
            Func::Cos => t.cos(),
            Func::Tan => t.tan(),
            Func::Sec => 1.0 / t.cos(),
            Func::Csc => 1.0 / t.sin(),
            Func::Cot => 1.0 / t.tan(),
            Func::Asin => t.asin(),
            Func::Acos => t.acos(),
            Func::Atan => t.atan(),
            Func::Sinh => t.sinh(),
            Func::Cosh => t.cosh(),
            Func::Tanh => t.tanh(),
            Func::Exp => t.exp(),
            Func::Ln => t.ln(),
            Func::Sqrt => t.sqrt(),
            Func::Abs => t.abs(),
            Func::Sigmoid => {
                // Written to avoid overflow for large |t|.
                if t >= 0.0 {
                    1.0 / (1.0 + (-t).exp())
                } else {
                    let e = t.exp();
                    e / (1.0 + e)
                }
            }
            Func::Relu => {
                // NaN passes through; `t.max(0.0)` would turn it into 0.
                if t > 0.0 || t.is_nan() {
                    t
                } else {
                    0.0
                }
            }
            Func::Softplus => {
                // ln(1 + e^t) = max(t, 0) + ln(1 + e^(−|t|)), stable for large |t|.
                t.max(0.0) + (-t.abs()).exp().ln_1p()
            }
            Func::Sign => {
                if t > 0.0 {
                    1.0
                } else if t < 0.0 {
                    -1.0
                } else {
                    t // 0, −0 or NaN
                }
            }
            Func::Step => {
                if t > 0.0 {
                    1.0
                } else if t < 0.0 {
                    0.0
                } else if t == 0.0 {
                    0.5
                } else {
                    t
                }
            }
            Func::Log10 => t.log10(),
            Func::Log2 => t.log2(),
            Func::Cbrt => t.cbrt(),
            Func::Asinh => t.asinh(),
            Func::Acosh => t.acosh(),
            Func::Atanh => t.atanh(),
            Func::Sech => 1.0 / t.cosh(),
            Func::Csch => 1.0 / t.sinh(),
            Func::Coth => 1.0 / t.tanh(),
            Func::Asec => (1.0 / t).acos(),
            Func::Acsc => (1.0 / t).asin(),
            Func::Acot => (1.0 / t).atan(),
            Func::Asech => (1.0 / t).acosh(),
            Func::Acsch => (1.0 / t).asinh(),
            Func::Acoth => (1.0 / t).atanh(),
            Func::Erf => libm::erf(t),
            Func::Floor => t.floor(),
            Func::Ceil => t.ceil(),
            Func::Max | Func::Min | Func::Atan2 | Func::Hypot | Func::NthRoot => f64::NAN,
        }
    }

    /// Applies a two-argument function (`max`, `min`, `atan2`, `hypot`, `nthRoot`). NaN in
    /// gives NaN out.
    pub fn apply2(self, a: f64, b: f64) -> f64 {
        if a.is_nan() || b.is_nan() {
            return f64::NAN;
        }
        match self {
            Func::Max => a.max(b),
            Func::Min => a.min(b),
            Func::Atan2 => a.atan2(b),
            Func::Hypot => a.hypot(b),
            Func::NthRoot => nth_root(a, b),
            _ => f64::NAN,
        }
    }
}

/// The real n-th root of `a`: for a negative `a` only when `n` is an odd integer (as
/// math.js's `nthRoot`); NaN otherwise, and for n = 0.
pub fn nth_root(a: f64, n: f64) -> f64 {
    if n == 0.0 {
        return f64::NAN;
    }
    if a < 0.0 {
        let odd = n.fract() == 0.0 && (n % 2.0).abs() == 1.0;
        return if odd { -(-a).powf(1.0 / n) } else { f64::NAN };
    }
    if n == 2.0 {
        return a.sqrt();
    }
    if n == 3.0 {
        return a.cbrt();
    }
    a.powf(1.0 / n)
}

/// An expression over named real variables.
///
/// The parser produces `Neg` for unary minus and `Div` for `/`; n-ary `Add` and `Mul`
/// hold two or more terms. Simplification may rewrite into any of these forms.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A finite number literal.
    Num(f64),
    /// π or e.
    Const(Constant),
    /// A variable, by name (`x`, `w1`, `x_1`, `θ`).
    Var(String),
    /// −a
    Neg(Box<Expr>),
    /// a + b + …
    Add(Vec<Expr>),
    /// a · b · …
    Mul(Vec<Expr>),
    /// a / b
    Div(Box<Expr>, Box<Expr>),
    /// a ^ b
    Pow(Box<Expr>, Box<Expr>),
    /// A built-in function applied to its arguments (`Func::arity` of them).
    Call(Func, Vec<Expr>),
}

impl Expr {
    /// A variable.
    pub fn var(name: &str) -> Expr {
        Expr::Var(name.to_string())
    }

    /// The names of the variables in the expression, sorted and without repeats.
    pub fn variables(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_variables(&mut out);
        out.sort();
        out.dedup();
        out
    }

    fn collect_variables(&self, out: &mut Vec<String>) {
        match self {
            Expr::Num(_) | Expr::Const(_) => {}
            Expr::Var(name) => out.push(name.clone()),
            Expr::Neg(a) => a.collect_variables(out),
            Expr::Add(terms) | Expr::Mul(terms) | Expr::Call(_, terms) => {
                for t in terms {
                    t.collect_variables(out);
                }
            }
            Expr::Div(a, b) | Expr::Pow(a, b) => {
                a.collect_variables(out);
                b.collect_variables(out);
            }
        }
    }

    /// The number of nodes in the tree (a size measure for limits and tests).
    pub fn size(&self) -> usize {
        match self {
            Expr::Num(_) | Expr::Const(_) | Expr::Var(_) => 1,
            Expr::Neg(a) => 1 + a.size(),
            Expr::Add(t) | Expr::Mul(t) | Expr::Call(_, t) => {
                1 + t.iter().map(Expr::size).sum::<usize>()
            }
            Expr::Div(a, b) | Expr::Pow(a, b) => 1 + a.size() + b.size(),
        }
    }
}
