//! Automatic differentiation, both ways a lesson explains it.
//!
//! * **Forward mode** carries a [`Dual`] number `v + d·ε` through the expression:
//!   `v` is the value, `d` the derivative along one input direction. One pass
//!   gives one partial derivative ([`Expr::eval_dual`]); a gradient of `n`
//!   variables takes `n` passes ([`Expr::gradient_forward`]).
//! * **Reverse mode** records a [`Tape`] (the Wengert list `v0, v1, …` with each
//!   node's value and its local partial derivatives), then sweeps it backwards
//!   accumulating adjoints `∂f/∂vᵢ`; one backward sweep gives the whole gradient.
//!   The tape is public so the UI can show it and animate
//!   [`Tape::backward_steps`].
//!
//! Both modes use the same table of local derivatives, so they agree with each
//! other. At kinks the conventions are those of the function docs: `abs'(0) = 0`
//! (`sign`), `relu'(0) = ½` (`step`), `max`/`min` split a tie ½–½, and `sign`,
//! `step` have derivative 0 away from NaN.
//!
//! **Strong zero.** A zero derivative times anything — even an infinite or NaN
//! local partial — is taken as zero, in both modes. So `∂/∂y (sqrt(x) + y)` is 1
//! at `x = −1`, even though `sqrt` has no derivative there: the `x`-branch never
//! depended on `y`.

use super::eval::{all_children, check_arity, fold, lookup, EvalError};
use super::expr::{Expr, Func};
use std::fmt;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// Multiplication in which an exact zero on either side wins ("strong zero").
#[inline]
pub(crate) fn smul(p: f64, d: f64) -> f64 {
    if p == 0.0 || d == 0.0 {
        0.0
    } else {
        p * d
    }
}

/// The derivative of a one-argument function at `t`, given `y = f(t)`.
pub fn derivative1(f: Func, t: f64, y: f64) -> f64 {
    match f {
        Func::Sin => t.cos(),
        Func::Cos => -t.sin(),
        Func::Tan => 1.0 + y * y,
        Func::Sec => y * t.tan(),
        Func::Csc => -y / t.tan(),
        Func::Cot => -(1.0 + y * y),
        Func::Asin => 1.0 / (1.0 - t * t).sqrt(),
        Func::Acos => -1.0 / (1.0 - t * t).sqrt(),
        Func::Atan => 1.0 / (1.0 + t * t),
        Func::Sinh => t.cosh(),
        Func::Cosh => t.sinh(),
        Func::Tanh => 1.0 - y * y,
        Func::Exp => y,
        Func::Ln => 1.0 / t,
        Func::Sqrt => 0.5 / y,
        Func::Abs => Func::Sign.apply1(t),
        Func::Sigmoid => y * (1.0 - y),
        Func::Relu => Func::Step.apply1(t),
        Func::Softplus => Func::Sigmoid.apply1(t),
        Func::Sign | Func::Step => {
            if t.is_nan() {
                f64::NAN
            } else {
                0.0
            }
        }
        Func::Log10 => 1.0 / (t * std::f64::consts::LN_10),
        Func::Log2 => 1.0 / (t * std::f64::consts::LN_2),
        // d/dt t^(1/3) = 1/(3 t^(2/3)); undefined (infinite) at 0.
        Func::Cbrt => 1.0 / (3.0 * y * y),
        Func::Asinh => 1.0 / (t * t + 1.0).sqrt(),
        Func::Acosh => 1.0 / ((t - 1.0).sqrt() * (t + 1.0).sqrt()),
        Func::Atanh => 1.0 / (1.0 - t * t),
        Func::Sech => -y * t.tanh(),
        Func::Csch => -y / t.tanh(),
        Func::Coth => 1.0 - y * y,
        Func::Asec => 1.0 / (t.abs() * (t * t - 1.0).sqrt()),
        Func::Acsc => -1.0 / (t.abs() * (t * t - 1.0).sqrt()),
        Func::Acot => -1.0 / (1.0 + t * t),
        Func::Asech => -1.0 / (t * (1.0 - t * t).sqrt()),
        Func::Acsch => -1.0 / (t.abs() * (1.0 + t * t).sqrt()),
        Func::Acoth => 1.0 / (1.0 - t * t),
        Func::Erf => std::f64::consts::FRAC_2_SQRT_PI * (-t * t).exp(),
        // Flat between the integers; at an integer it jumps and has no derivative, but
        // like `sign` and `step` the convention is 0 there (the symbolic rule agrees).
        Func::Floor | Func::Ceil => {
            if t.is_nan() {
                f64::NAN
            } else {
                0.0
            }
        }
        Func::Max | Func::Min | Func::Atan2 | Func::Hypot | Func::NthRoot => f64::NAN,
    }
}

/// The partial derivatives `(∂/∂a, ∂/∂b)` of a two-argument function.
pub fn derivative2(f: Func, a: f64, b: f64) -> (f64, f64) {
    if a.is_nan() || b.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    let (first, second) = match f {
        Func::Max => (a > b, b > a),
        Func::Min => (a < b, b < a),
        Func::Atan2 => {
            // atan2(a, b): ∂/∂a = b/(a² + b²), ∂/∂b = −a/(a² + b²).
            let r2 = a * a + b * b;
            return (b / r2, -a / r2);
        }
        Func::Hypot => {
            let h = a.hypot(b);
            return (a / h, b / h);
        }
        Func::NthRoot => {
            // y = a^(1/n): ∂y/∂a = y/(n·a), ∂y/∂n = −y·ln|a|/n².
            let y = f.apply2(a, b);
            return (y / (b * a), -y * a.abs().ln() / (b * b));
        }
        _ => return (f64::NAN, f64::NAN),
    };
    match (first, second) {
        (true, _) => (1.0, 0.0),
        (_, true) => (0.0, 1.0),
        _ => (0.5, 0.5),
    }
}

/// The partial derivatives of `a ^ b` (value `y`) with respect to `a` and `b`.
pub fn pow_partials(a: f64, b: f64, y: f64) -> (f64, f64) {
    let da = if b == 0.0 { 0.0 } else { b * a.powf(b - 1.0) };
    let db = if a == 0.0 && b > 0.0 { 0.0 } else { y * a.ln() };
    (da, db)
}

/// A dual number `v + d·ε` with `ε² = 0`: a value and a directional derivative.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dual {
    /// The value.
    pub v: f64,
    /// The derivative.
    pub d: f64,
}

impl Dual {
    /// A constant: derivative 0.
    pub fn constant(v: f64) -> Dual {
        Dual { v, d: 0.0 }
    }

    /// The variable being differentiated by: derivative 1.
    pub fn variable(v: f64) -> Dual {
        Dual { v, d: 1.0 }
    }

    /// Applies a one-argument function (the chain rule with [`derivative1`]).
    pub fn apply(self, f: Func) -> Dual {
        let v = f.apply1(self.v);
        Dual {
            v,
            d: smul(derivative1(f, self.v, v), self.d),
        }
    }

    /// Applies a two-argument function (`max`, `min`).
    pub fn apply2(f: Func, a: Dual, b: Dual) -> Dual {
        let (pa, pb) = derivative2(f, a.v, b.v);
        Dual {
            v: f.apply2(a.v, b.v),
            d: smul(pa, a.d) + smul(pb, b.d),
        }
    }

    /// `self ^ e`.
    pub fn powd(self, e: Dual) -> Dual {
        let v = self.v.powf(e.v);
        let (pa, pb) = pow_partials(self.v, e.v, v);
        Dual {
            v,
            d: smul(pa, self.d) + smul(pb, e.d),
        }
    }

    /// `sin(self)`.
    pub fn sin(self) -> Dual {
        self.apply(Func::Sin)
    }

    /// `cos(self)`.
    pub fn cos(self) -> Dual {
        self.apply(Func::Cos)
    }

    /// `exp(self)`.
    pub fn exp(self) -> Dual {
        self.apply(Func::Exp)
    }

    /// `ln(self)`.
    pub fn ln(self) -> Dual {
        self.apply(Func::Ln)
    }

    /// `sqrt(self)`.
    pub fn sqrt(self) -> Dual {
        self.apply(Func::Sqrt)
    }
}

impl Add for Dual {
    type Output = Dual;
    fn add(self, o: Dual) -> Dual {
        Dual {
            v: self.v + o.v,
            d: self.d + o.d,
        }
    }
}

impl Sub for Dual {
    type Output = Dual;
    fn sub(self, o: Dual) -> Dual {
        Dual {
            v: self.v - o.v,
            d: self.d - o.d,
        }
    }
}

impl Mul for Dual {
    type Output = Dual;
    fn mul(self, o: Dual) -> Dual {
        Dual {
            v: self.v * o.v,
            d: smul(o.v, self.d) + smul(self.v, o.d),
        }
    }
}

impl Div for Dual {
    type Output = Dual;
    fn div(self, o: Dual) -> Dual {
        let v = self.v / o.v;
        Dual {
            v,
            d: smul(1.0 / o.v, self.d) + smul(-v / o.v, o.d),
        }
    }
}

impl Neg for Dual {
    type Output = Dual;
    fn neg(self) -> Dual {
        Dual {
            v: -self.v,
            d: -self.d,
        }
    }
}

impl Expr {
    /// Forward mode: the value and the partial derivative with respect to `wrt`
    /// (a variable not in the expression gives derivative 0). Values agree
    /// exactly with [`Expr::eval`].
    pub fn eval_dual(&self, env: &[(&str, f64)], wrt: &str) -> Result<Dual, EvalError> {
        let nan = Dual::constant(f64::NAN);
        fold(self, all_children, |e, v: &[Dual]| {
            Ok(match e {
                Expr::Num(x) => Dual::constant(*x),
                Expr::Const(c) => Dual::constant(c.value()),
                Expr::Var(name) => {
                    let x = lookup(env, name)?;
                    if name == wrt {
                        Dual::variable(x)
                    } else {
                        Dual::constant(x)
                    }
                }
                Expr::Neg(_) => -v.first().copied().unwrap_or(nan),
                Expr::Add(_) => match v.split_first() {
                    None => Dual::constant(0.0),
                    Some((&first, rest)) => rest.iter().fold(first, |acc, &t| acc + t),
                },
                Expr::Mul(_) => match v.split_first() {
                    None => Dual::constant(1.0),
                    Some((&first, rest)) => rest.iter().fold(first, |acc, &t| acc * t),
                },
                Expr::Div(..) => match v {
                    [a, b] => *a / *b,
                    _ => nan,
                },
                Expr::Pow(..) => match v {
                    [a, b] => a.powd(*b),
                    _ => nan,
                },
                Expr::Call(f, _) => {
                    check_arity(*f, v.len())?;
                    match v {
                        [a] => a.apply(*f),
                        [a, b] => Dual::apply2(*f, *a, *b),
                        _ => nan,
                    }
                }
            })
        })
    }

    /// Forward mode gradient: one dual pass per variable. `point[j]` is the value
    /// of `vars[j]`.
    pub fn gradient_forward(&self, vars: &[&str], point: &[f64]) -> Result<Vec<f64>, EvalError> {
        let env = make_env(vars, point)?;
        vars.iter()
            .map(|v| self.eval_dual(&env, v).map(|d| d.d))
            .collect()
    }

    /// Reverse mode gradient: record a tape and sweep it once.
    pub fn gradient_reverse(&self, vars: &[&str], point: &[f64]) -> Result<Vec<f64>, EvalError> {
        Ok(self.record_tape(vars, point)?.backward().gradient)
    }

    /// Records the evaluation of the expression at `point` as a [`Tape`]. Nodes
    /// `v0 … v(n−1)` are the variables, in order; the last node is the output.
    pub fn record_tape(&self, vars: &[&str], point: &[f64]) -> Result<Tape, EvalError> {
        make_env(vars, point)?;
        let mut rec = Recorder {
            vars,
            nodes: Vec::new(),
        };
        for (j, (name, &value)) in vars.iter().zip(point).enumerate() {
            let first = vars.iter().position(|v| v == name) == Some(j);
            rec.push(
                TapeOp::Input(j),
                vec![],
                value,
                vec![],
                if first {
                    name.to_string()
                } else {
                    format!("{name} (repeated; unused)")
                },
            );
        }
        let root = rec.record(self)?;
        if root + 1 != rec.nodes.len() {
            let value = rec.nodes[root].value;
            let label = format!("v{root}");
            rec.push(TapeOp::Copy, vec![root], value, vec![1.0], label);
        }
        Ok(Tape {
            nodes: rec.nodes,
            vars: vars.iter().map(|s| s.to_string()).collect(),
        })
    }
}

fn make_env<'a>(vars: &[&'a str], point: &[f64]) -> Result<Vec<(&'a str, f64)>, EvalError> {
    if vars.len() != point.len() {
        return Err(EvalError::WrongPointLength {
            expected: vars.len(),
            got: point.len(),
        });
    }
    Ok(vars.iter().copied().zip(point.iter().copied()).collect())
}

/// What a tape node computes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TapeOp {
    /// Variable number `j` (an input of the function).
    Input(usize),
    /// A constant.
    Const,
    /// −a
    Neg,
    /// a + b + …
    Add,
    /// a · b · …
    Mul,
    /// a / b
    Div,
    /// a ^ b with both recorded as inputs.
    Pow,
    /// a ^ c for a constant exponent c.
    PowConst(f64),
    /// A built-in function.
    Call(Func),
    /// The output is an earlier node (e.g. `f = x`).
    Copy,
}

/// One line of the tape: `label` is e.g. `"v3 = v1 · v2"` or `"v5 = sin(v4)"`.
#[derive(Clone, Debug, PartialEq)]
pub struct TapeNode {
    /// The operation.
    pub op: TapeOp,
    /// The nodes it reads (indices into [`Tape::nodes`], always earlier ones).
    pub inputs: Vec<usize>,
    /// The node's value at the recorded point.
    pub value: f64,
    /// The local partial derivative of this node with respect to each input.
    pub partials: Vec<f64>,
    /// A readable description.
    pub label: String,
}

/// A recorded evaluation (Wengert list). The first `vars.len()` nodes are the
/// variables; the last node is the output.
#[derive(Clone, Debug, PartialEq)]
pub struct Tape {
    /// The nodes, in evaluation order.
    pub nodes: Vec<TapeNode>,
    /// The variable names; node `j < vars.len()` is `vars[j]`.
    pub vars: Vec<String>,
}

/// The result of a backward sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct Adjoints {
    /// `∂f/∂vᵢ` for every node `i`.
    pub nodes: Vec<f64>,
    /// `∂f/∂xⱼ` for every variable `j`.
    pub gradient: Vec<f64>,
}

/// One push of an adjoint to one input during the backward sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// The input node that receives it.
    pub input: usize,
    /// The local partial `∂node/∂input`.
    pub local_partial: f64,
    /// `adjoint × local_partial`, added to the input's adjoint.
    pub amount: f64,
    /// The input's adjoint after the addition.
    pub input_adjoint_after: f64,
}

/// One backward step: node `node` (whose adjoint is now final) pushes its
/// adjoint to its inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct BackwardStep {
    /// The node being processed.
    pub node: usize,
    /// Its final adjoint `∂f/∂v_node`.
    pub adjoint: f64,
    /// What was pushed to each input.
    pub contributions: Vec<Contribution>,
    /// A readable description, e.g. `"v̄1 += v̄3 · ∂v3/∂v1 = 1 · 3 = 3"` per input,
    /// joined by `"; "`.
    pub label: String,
}

impl fmt::Display for Tape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for n in &self.nodes {
            writeln!(f, "{}   (= {})", n.label, n.value)?;
        }
        Ok(())
    }
}

impl Tape {
    /// The value of the function (the last node), or NaN for an empty tape.
    pub fn output(&self) -> f64 {
        self.nodes.last().map_or(f64::NAN, |n| n.value)
    }

    /// The backward sweep: seeds the output's adjoint with 1 and pushes adjoints
    /// from each node to its inputs, last node first.
    pub fn backward(&self) -> Adjoints {
        let (adj, _) = self.sweep(false);
        self.adjoints_from(adj)
    }

    /// The backward sweep step by step, for animation: one [`BackwardStep`] per
    /// node that has inputs, in the order processed (last node first).
    pub fn backward_steps(&self) -> Vec<BackwardStep> {
        self.sweep(true).1
    }

    fn adjoints_from(&self, adj: Vec<f64>) -> Adjoints {
        let gradient = (0..self.vars.len())
            .map(|j| adj.get(j).copied().unwrap_or(0.0))
            .collect();
        Adjoints {
            nodes: adj,
            gradient,
        }
    }

    fn sweep(&self, record: bool) -> (Vec<f64>, Vec<BackwardStep>) {
        let n = self.nodes.len();
        let mut adj = vec![0.0; n];
        let mut steps = Vec::new();
        if let Some(last) = adj.last_mut() {
            *last = 1.0;
        }
        for i in (0..n).rev() {
            let node = &self.nodes[i];
            if node.inputs.is_empty() {
                continue;
            }
            let a = adj[i];
            let mut contributions = Vec::new();
            for (k, &inp) in node.inputs.iter().enumerate() {
                let p = node.partials.get(k).copied().unwrap_or(f64::NAN);
                let amount = smul(a, p);
                if let Some(slot) = adj.get_mut(inp).filter(|_| inp < i) {
                    *slot += amount;
                    if record {
                        contributions.push(Contribution {
                            input: inp,
                            local_partial: p,
                            amount,
                            input_adjoint_after: *slot,
                        });
                    }
                }
            }
            if record {
                let label = contributions
                    .iter()
                    .map(|c| {
                        format!(
                            "v̄{} += v̄{i} · ∂v{i}/∂v{} = {a} · {} = {}",
                            c.input, c.input, c.local_partial, c.amount
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                steps.push(BackwardStep {
                    node: i,
                    adjoint: a,
                    contributions,
                    label,
                });
            }
        }
        (adj, steps)
    }
}

struct Recorder<'a> {
    vars: &'a [&'a str],
    nodes: Vec<TapeNode>,
}

/// The value of a variable-free expression, if it is one.
fn constant_value(e: &Expr) -> Option<f64> {
    e.eval(&[]).ok()
}

impl Recorder<'_> {
    fn push(
        &mut self,
        op: TapeOp,
        inputs: Vec<usize>,
        value: f64,
        partials: Vec<f64>,
        rhs: String,
    ) -> usize {
        let id = self.nodes.len();
        self.nodes.push(TapeNode {
            op,
            inputs,
            value,
            partials,
            label: format!("v{id} = {rhs}"),
        });
        id
    }

    fn val(&self, i: usize) -> f64 {
        self.nodes[i].value
    }

    fn join(ids: &[usize], sep: &str) -> String {
        ids.iter()
            .map(|i| format!("v{i}"))
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// Records `e` (iteratively, so any depth is fine). A power whose exponent
    /// has no variables is recorded as [`TapeOp::PowConst`] without its exponent.
    fn record(&mut self, e: &Expr) -> Result<usize, EvalError> {
        let limit = |e: &Expr| match e {
            Expr::Pow(_, b) if constant_value(b).is_some() => 1,
            _ => usize::MAX,
        };
        fold(e, limit, |node, ids: &[usize]| self.record_node(node, ids))
    }

    /// Records one node whose children were recorded as `ids`.
    fn record_node(&mut self, e: &Expr, ids: &[usize]) -> Result<usize, EvalError> {
        let ids = ids.to_vec();
        Ok(match e {
            Expr::Num(v) => self.push(TapeOp::Const, vec![], *v, vec![], format!("{v}")),
            Expr::Const(c) => {
                let name = match c {
                    super::expr::Constant::Pi => "π",
                    super::expr::Constant::E => "e",
                };
                self.push(TapeOp::Const, vec![], c.value(), vec![], name.to_string())
            }
            Expr::Var(name) => self
                .vars
                .iter()
                .position(|v| v == name)
                .ok_or_else(|| EvalError::UnknownVariable(name.clone()))?,
            Expr::Neg(_) => match *ids {
                [a] => {
                    let v = -self.val(a);
                    self.push(TapeOp::Neg, vec![a], v, vec![-1.0], format!("−v{a}"))
                }
                _ => self.nan(),
            },
            Expr::Add(_) => {
                let Some((&first, rest)) = ids.split_first() else {
                    return Ok(self.push(TapeOp::Const, vec![], 0.0, vec![], "0".into()));
                };
                let v = rest
                    .iter()
                    .fold(self.val(first), |acc, &i| acc + self.val(i));
                let label = Self::join(&ids, " + ");
                let partials = vec![1.0; ids.len()];
                self.push(TapeOp::Add, ids, v, partials, label)
            }
            Expr::Mul(_) => {
                let vals: Vec<f64> = ids.iter().map(|&i| self.val(i)).collect();
                let Some((&first, rest)) = vals.split_first() else {
                    return Ok(self.push(TapeOp::Const, vec![], 1.0, vec![], "1".into()));
                };
                let v = rest.iter().fold(first, |acc, &x| acc * x);
                // ∂/∂factor k = product of the others (prefix · suffix, strong zero).
                let m = vals.len();
                let mut prefix = vec![1.0; m];
                for k in 1..m {
                    prefix[k] = smul(prefix[k - 1], vals[k - 1]);
                }
                let mut partials = vec![1.0; m];
                let mut suffix = 1.0;
                for k in (0..m).rev() {
                    partials[k] = smul(prefix[k], suffix);
                    suffix = smul(suffix, vals[k]);
                }
                let label = Self::join(&ids, " · ");
                self.push(TapeOp::Mul, ids, v, partials, label)
            }
            Expr::Div(..) => match *ids {
                [a, b] => {
                    let (x, y) = (self.val(a), self.val(b));
                    let v = x / y;
                    let partials = vec![1.0 / y, -v / y];
                    self.push(TapeOp::Div, ids, v, partials, format!("v{a} / v{b}"))
                }
                _ => self.nan(),
            },
            Expr::Pow(_, exponent) => match *ids {
                [a] => {
                    let x = self.val(a);
                    let c = constant_value(exponent).unwrap_or(f64::NAN);
                    let v = x.powf(c);
                    let (pa, _) = pow_partials(x, c, v);
                    self.push(TapeOp::PowConst(c), ids, v, vec![pa], format!("v{a} ^ {c}"))
                }
                [a, b] => {
                    let (x, y) = (self.val(a), self.val(b));
                    let v = x.powf(y);
                    let (pa, pb) = pow_partials(x, y, v);
                    self.push(TapeOp::Pow, ids, v, vec![pa, pb], format!("v{a} ^ v{b}"))
                }
                _ => self.nan(),
            },
            Expr::Call(f, _) => {
                check_arity(*f, ids.len())?;
                let label = format!("{}({})", f.name(), Self::join(&ids, ", "));
                match *ids {
                    [a] => {
                        let t = self.val(a);
                        let v = f.apply1(t);
                        let p = derivative1(*f, t, v);
                        self.push(TapeOp::Call(*f), ids, v, vec![p], label)
                    }
                    [a, b] => {
                        let (x, y) = (self.val(a), self.val(b));
                        let v = f.apply2(x, y);
                        let (pa, pb) = derivative2(*f, x, y);
                        self.push(TapeOp::Call(*f), ids, v, vec![pa, pb], label)
                    }
                    _ => self.nan(),
                }
            }
        })
    }

    fn nan(&mut self) -> usize {
        self.push(TapeOp::Const, vec![], f64::NAN, vec![], "NaN".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(i: usize) -> Expr {
        Expr::var(["x0", "x1"][i])
    }
    fn pow(a: Expr, b: f64) -> Expr {
        Expr::Pow(Box::new(a), Box::new(Expr::Num(b)))
    }

    #[test]
    fn curriculum_example_sum_of_squares() {
        // f = x0² + x1² at (2, 3): value 13, gradient (4, 6).
        let f = Expr::Add(vec![pow(x(0), 2.0), pow(x(1), 2.0)]);
        let vars = ["x0", "x1"];
        let tape = f.record_tape(&vars, &[2.0, 3.0]).unwrap();
        assert_eq!(tape.output(), 13.0);
        let labels: Vec<&str> = tape.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "v0 = x0",
                "v1 = x1",
                "v2 = v0 ^ 2",
                "v3 = v1 ^ 2",
                "v4 = v2 + v3"
            ]
        );
        let adj = tape.backward();
        assert_eq!(adj.gradient, vec![4.0, 6.0]);
        assert_eq!(adj.nodes, vec![4.0, 6.0, 1.0, 1.0, 1.0]);
        let steps = tape.backward_steps();
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[0].node, 4);
        assert_eq!(steps[0].contributions.len(), 2);
        assert_eq!(steps[2].node, 2);
        assert_eq!(steps[2].contributions[0].input, 0);
        assert_eq!(steps[2].contributions[0].local_partial, 4.0);
        assert_eq!(steps[2].contributions[0].input_adjoint_after, 4.0);
        assert!(steps[2].label.contains("= 4"), "{}", steps[2].label);
        assert_eq!(
            f.gradient_forward(&vars, &[2.0, 3.0]).unwrap(),
            vec![4.0, 6.0]
        );
    }

    #[test]
    fn product_and_function_labels() {
        let f = Expr::Call(Func::Sin, vec![Expr::Mul(vec![x(0), x(1)])]);
        let tape = f.record_tape(&["x0", "x1"], &[1.0, 2.0]).unwrap();
        assert_eq!(tape.nodes[2].label, "v2 = v0 · v1");
        assert_eq!(tape.nodes[3].label, "v3 = sin(v2)");
        let g = tape.backward().gradient;
        assert!((g[0] - 2.0 * 2f64.cos()).abs() < 1e-15);
        assert!((g[1] - 2f64.cos()).abs() < 1e-15);
    }

    #[test]
    fn output_that_is_a_variable_gets_a_copy_node() {
        let tape = x(0).record_tape(&["x0", "x1"], &[5.0, 1.0]).unwrap();
        assert_eq!(tape.output(), 5.0);
        assert_eq!(tape.backward().gradient, vec![1.0, 0.0]);
    }

    #[test]
    fn dual_chain_rule() {
        let d = Dual::variable(0.5).apply(Func::Sin) * Dual::constant(3.0);
        assert!((d.v - 3.0 * 0.5f64.sin()).abs() < 1e-15);
        assert!((d.d - 3.0 * 0.5f64.cos()).abs() < 1e-15);
        let q = Dual::variable(2.0) / Dual::variable(2.0);
        assert_eq!(q, Dual { v: 1.0, d: 0.0 });
        let p = Dual::variable(3.0).powd(Dual::constant(2.0));
        assert_eq!(p, Dual { v: 9.0, d: 6.0 });
    }

    #[test]
    fn strong_zero_keeps_unrelated_partials_finite() {
        // ∂/∂x1 (sqrt(x0) + x1) = 1 even where sqrt(x0) is NaN.
        let f = Expr::Add(vec![Expr::Call(Func::Sqrt, vec![x(0)]), x(1)]);
        let g = f.gradient_forward(&["x0", "x1"], &[-1.0, 0.0]).unwrap();
        assert!(g[0].is_nan());
        assert_eq!(g[1], 1.0);
        let r = f.gradient_reverse(&["x0", "x1"], &[-1.0, 0.0]).unwrap();
        assert!(r[0].is_nan());
        assert_eq!(r[1], 1.0);
    }

    #[test]
    fn errors() {
        assert!(matches!(
            x(0).gradient_forward(&["x0"], &[]),
            Err(EvalError::WrongPointLength {
                expected: 1,
                got: 0
            })
        ));
        assert!(matches!(
            x(1).record_tape(&["x0"], &[1.0]),
            Err(EvalError::UnknownVariable(_))
        ));
    }

    #[test]
    fn kink_conventions() {
        let vars = ["x0"];
        let relu = Expr::Call(Func::Relu, vec![x(0)]);
        assert_eq!(relu.gradient_forward(&vars, &[0.0]).unwrap(), vec![0.5]);
        let abs = Expr::Call(Func::Abs, vec![x(0)]);
        assert_eq!(abs.gradient_reverse(&vars, &[0.0]).unwrap(), vec![0.0]);
        let mx = Expr::Call(Func::Max, vec![x(0), Expr::Num(1.0)]);
        assert_eq!(mx.gradient_forward(&vars, &[1.0]).unwrap(), vec![0.5]);
        assert_eq!(mx.gradient_reverse(&vars, &[2.0]).unwrap(), vec![1.0]);
    }
}
