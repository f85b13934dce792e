//! Partial derivatives, with an optional record of the rules used, for showing a learner
//! how a derivative is worked out step by step.
//!
//! Differentiation works on the expression as given (so the steps talk about what the
//! learner typed). The derivative is simplified as it is built: every construction a rule
//! makes is put together by the simplifier's constructors from already simplified parts,
//! which gives exactly what simplifying the whole unsimplified derivative would give,
//! without building it or simplifying anything twice. Recursion follows the tree, so its
//! depth is the expression's depth (each kind of node has its own small function, to keep
//! the stack used per level small).
//!
//! # Limits
//!
//! Derivatives of deeply nested expressions (towers like `x^x^x^…`, long chains of
//! functions, nested quotients) grow quadratically or faster with the nesting. So that
//! such inputs degrade gracefully instead of hanging:
//! * once the simplified results worked out so far hold [`WORK_BUDGET`] nodes, the rest
//!   of the derivative is built without simplification (still correct, just untidy);
//! * a [`Derivation`] records at most [`MAX_STEPS`] steps, and leaves out steps whose
//!   results would take the record past [`RECORD_BUDGET`] nodes in total.
//!
//! Ordinary expressions (a learner's input, their gradients and Hessians) stay far below
//! these limits, and then the result does not depend on them.

use super::expr::{Constant, Expr, Func};
use super::simplify::{s_add, s_call, s_div, s_mul, s_neg, s_pow};
use std::collections::HashMap;

/// How much simplified output (in tree nodes, counting every intermediate result)
/// differentiation may produce before it stops simplifying. Derivatives of ordinary
/// expressions stay far below it; deeply nested ones (towers like `x^x^x^…`, long
/// chains of functions) can grow quadratically or worse, and simplifying them would take
/// seconds. Past the budget the rest of the derivative is built without simplification:
/// still correct, just not tidied.
pub const WORK_BUDGET: usize = 50_000;

/// The most steps a [`Derivation`] records (in pre-order; later steps are left out).
pub const MAX_STEPS: usize = 500;

/// The most tree nodes the results of a [`Derivation`]'s steps may hold in total. Steps
/// past it (in the order their results are worked out, innermost first) are left out,
/// so a huge derivative cannot make the record take quadratic memory.
pub const RECORD_BUDGET: usize = 200_000;

/// A differentiation rule, as named in a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A number or named constant: derivative 0.
    Constant,
    /// A part without the variable: the other variables are held fixed, derivative 0.
    HeldConstant,
    /// d/dx x = 1.
    Variable,
    /// Differentiate a sum term by term.
    Sum,
    /// A constant factor stays in front.
    ConstantMultiple,
    /// d/dx xⁿ = n·xⁿ⁻¹.
    Power,
    /// (fg)′ = f′g + fg′.
    Product,
    /// (f/g)′ = (f′g − fg′)/g².
    Quotient,
    /// Outer derivative times inner derivative.
    Chain,
    /// eᵘ and aᵘ.
    Exp,
    /// ln u.
    Log,
    /// sin, cos, tan, sec, csc, cot.
    Trig,
    /// asin, acos, atan.
    InverseTrig,
    /// sinh, cosh, tanh.
    Hyperbolic,
    /// √u.
    Root,
    /// |u| (and sign u).
    Abs,
    /// sigmoid, relu, softplus (and step).
    Activation,
    /// max and min.
    MaxMin,
    /// aᵇ with the variable in the exponent and the base.
    GeneralPower,
    /// asinh, acosh, atanh, asech, acsch, acoth.
    InverseHyperbolic,
    /// ∛u.
    CubeRoot,
    /// nthRoot(a, n).
    NthRoot,
    /// erf u.
    ErrorFunction,
    /// floor and ceil.
    FloorCeil,
    /// atan2(y, x).
    Atan2,
    /// hypot(a, b).
    Hypot,
}

impl Rule {
    /// A short name for the rule, for a learner.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Constant => "Constant rule",
            Rule::HeldConstant => "Variable held constant",
            Rule::Variable => "Variable rule",
            Rule::Sum => "Sum rule",
            Rule::ConstantMultiple => "Constant multiple rule",
            Rule::Power => "Power rule",
            Rule::Product => "Product rule",
            Rule::Quotient => "Quotient rule",
            Rule::Chain => "Chain rule",
            Rule::Exp => "Exponential rule",
            Rule::Log => "Logarithm rule",
            Rule::Trig => "Trigonometric rule",
            Rule::InverseTrig => "Inverse trigonometric rule",
            Rule::Hyperbolic => "Hyperbolic rule",
            Rule::Root => "Square root rule",
            Rule::Abs => "Absolute value rule",
            Rule::Activation => "Activation function rule",
            Rule::MaxMin => "Max/min rule",
            Rule::GeneralPower => "General power rule",
            Rule::InverseHyperbolic => "Inverse hyperbolic rule",
            Rule::CubeRoot => "Cube root rule",
            Rule::NthRoot => "Root rule",
            Rule::ErrorFunction => "Error function rule",
            Rule::FloorCeil => "Floor and ceiling rule",
            Rule::Atan2 => "Angle rule (atan2)",
            Rule::Hypot => "Distance rule (hypot)",
        }
    }
}

/// One step of a worked derivative: the rule applied to `before`, giving `after`.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Which rule.
    pub rule: Rule,
    /// The sub-expression being differentiated.
    pub before: Expr,
    /// Its derivative, simplified.
    pub after: Expr,
    /// A plain-words explanation.
    pub note: String,
}

/// A worked partial derivative.
#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    /// The variable differentiated by.
    pub var: String,
    /// The function as given.
    pub function: Expr,
    /// The simplified derivative.
    pub result: Expr,
    /// The steps, outermost rule first (pre-order).
    pub steps: Vec<Step>,
}

fn num(v: f64) -> Expr {
    Expr::Num(v)
}
fn mul(v: Vec<Expr>) -> Expr {
    Expr::Mul(v)
}
fn add(v: Vec<Expr>) -> Expr {
    Expr::Add(v)
}
fn neg(a: Expr) -> Expr {
    Expr::Neg(Box::new(a))
}
fn div(a: Expr, b: Expr) -> Expr {
    Expr::Div(Box::new(a), Box::new(b))
}
fn pow(a: Expr, b: Expr) -> Expr {
    Expr::Pow(Box::new(a), Box::new(b))
}

/// Whether `var` occurs in `e`.
fn contains(e: &Expr, var: &str) -> bool {
    match e {
        Expr::Num(_) | Expr::Const(_) => false,
        Expr::Var(n) => n == var,
        Expr::Neg(a) => contains(a, var),
        Expr::Add(v) | Expr::Mul(v) | Expr::Call(_, v) => v.iter().any(|t| contains(t, var)),
        Expr::Div(a, b) | Expr::Pow(a, b) => contains(a, var) || contains(b, var),
    }
}

/// "y", "y and z", "w, y and z".
fn name_list(names: &[String]) -> String {
    let pretty: Vec<String> = names
        .iter()
        .map(|n| Expr::Var(n.clone()).to_pretty())
        .collect();
    match pretty.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {}", rest.join(", "), last),
    }
}

fn are(names: &[String]) -> &'static str {
    if names.len() == 1 {
        "is"
    } else {
        "are"
    }
}

fn p(e: &Expr) -> String {
    e.to_pretty()
}

/// Works out derivatives. Every derivative it returns is already simplified: each
/// construction the rules make (a sum, a product, a power, …) is built directly with the
/// simplifier's constructors from simplified parts, which gives exactly what simplifying
/// the unsimplified derivative would give (simplification is one bottom-up pass), without
/// building the unsimplified tree or simplifying any part twice.
struct Differ<'a> {
    var: &'a str,
    steps: Option<Vec<Step>>,
    /// Simplified forms of parts of the function, by address (every key points into the
    /// function being differentiated, which outlives the `Differ`).
    simplified: HashMap<*const Expr, Expr>,
    /// Whether results are still simplified as they are built (see [`WORK_BUDGET`]).
    simplifying: bool,
    /// What is left of [`WORK_BUDGET`].
    budget: usize,
    /// The total size of the recorded results, and the steps dropped (see `close`).
    recorded: usize,
    dropped: Vec<usize>,
}

impl<'a> Differ<'a> {
    fn new(var: &'a str, record: bool) -> Self {
        Differ {
            var,
            steps: record.then(Vec::new),
            simplified: HashMap::new(),
            simplifying: true,
            budget: WORK_BUDGET,
            recorded: 0,
            dropped: Vec::new(),
        }
    }

    /// Charges `size` nodes of simplified results to the budget; once it is used up,
    /// the rest of the derivative is built without simplifying.
    fn spend(&mut self, size: usize) {
        if self.simplifying {
            self.budget = self.budget.saturating_sub(size);
            if self.budget == 0 {
                self.simplifying = false;
            }
        }
    }

    // Constructors: simplifying while within budget, plain otherwise.
    fn neg(&self, a: Expr) -> Expr {
        if self.simplifying {
            s_neg(a)
        } else {
            neg(a)
        }
    }
    fn add(&self, v: Vec<Expr>) -> Expr {
        if self.simplifying {
            s_add(v)
        } else {
            add(v)
        }
    }
    fn mul(&self, v: Vec<Expr>) -> Expr {
        if self.simplifying {
            s_mul(v)
        } else {
            mul(v)
        }
    }
    fn div(&self, a: Expr, b: Expr) -> Expr {
        if self.simplifying {
            s_div(a, b)
        } else {
            div(a, b)
        }
    }
    fn pow(&self, a: Expr, b: Expr) -> Expr {
        if self.simplifying {
            s_pow(a, b)
        } else {
            pow(a, b)
        }
    }
    fn call(&self, f: Func, args: Vec<Expr>) -> Expr {
        if self.simplifying {
            s_call(f, args)
        } else {
            Expr::Call(f, args)
        }
    }

    fn recording(&self) -> bool {
        self.steps.is_some()
    }

    /// Records a step (if recording) and returns its index. The note is only written
    /// when recording.
    fn open(&mut self, rule: Rule, before: &Expr, note: impl FnOnce() -> String) -> Option<usize> {
        let steps = self.steps.as_mut()?;
        if steps.len() >= MAX_STEPS {
            return None;
        }
        steps.push(Step {
            rule,
            before: before.clone(),
            after: num(0.0),
            note: note(),
        });
        Some(steps.len() - 1)
    }

    /// Fills in a step's result (`r` is already simplified, unless over budget). A step
    /// whose result would take the record past [`RECORD_BUDGET`] nodes is dropped.
    fn close(&mut self, idx: Option<usize>, r: &Expr) {
        let size = if self.simplifying || idx.is_some() {
            r.size()
        } else {
            0
        };
        self.spend(size);
        if let (Some(i), Some(steps)) = (idx, self.steps.as_mut()) {
            self.recorded = self.recorded.saturating_add(size);
            if self.recorded > RECORD_BUDGET {
                self.dropped.push(i);
            } else if let Some(s) = steps.get_mut(i) {
                s.after = r.clone();
            }
        }
    }

    /// The recorded steps, without any that were dropped.
    fn take_steps(&mut self) -> Vec<Step> {
        let steps = self.steps.take().unwrap_or_default();
        if self.dropped.is_empty() {
            return steps;
        }
        let mut keep = vec![true; steps.len()];
        for &i in &self.dropped {
            if let Some(k) = keep.get_mut(i) {
                *k = false;
            }
        }
        steps
            .into_iter()
            .zip(keep)
            .filter_map(|(s, k)| k.then_some(s))
            .collect()
    }

    /// The simplified form of a part of the function (each part is simplified once).
    fn s(&mut self, e: &'a Expr) -> Expr {
        if let Expr::Num(_) | Expr::Const(_) | Expr::Var(_) = e {
            return e.simplify();
        }
        if !self.simplifying {
            return e.clone();
        }
        let key: *const Expr = e;
        if let Some(done) = self.simplified.get(&key) {
            return done.clone();
        }
        let done = e.simplify();
        self.spend(done.size());
        self.simplified.insert(key, done.clone());
        done
    }

    fn is_var(&self, e: &Expr) -> bool {
        matches!(e, Expr::Var(n) if n == self.var)
    }

    /// Records a rule for an outer function applied to `inner`: the plain rule when the
    /// inside is the variable itself, the chain rule otherwise.
    fn outer(
        &mut self,
        e: &Expr,
        rule: Rule,
        inner: &Expr,
        what: impl FnOnce() -> String,
    ) -> Option<usize> {
        if !self.recording() {
            return None;
        }
        if self.is_var(inner) {
            self.open(rule, e, || capitalise(&what()))
        } else {
            let note = format!(
                "Chain rule with the {}: {} Then multiply by the derivative of the inside, {}.",
                rule.name().to_lowercase(),
                what(),
                p(inner)
            );
            self.open(Rule::Chain, e, || note)
        }
    }

    /// Multiplies an outer derivative by the inner derivative (skipped when the inside is
    /// the variable itself).
    fn chain(&mut self, outer: Expr, inner: &'a Expr) -> Expr {
        if self.is_var(inner) {
            outer
        } else {
            let di = self.d(inner);
            self.mul(vec![outer, di])
        }
    }

    #[cold]
    #[inline(never)]
    fn held_constant_step(&mut self, e: &Expr) {
        let x = self.var;
        let held = e.variables();
        let (rule, note) = if held.is_empty() {
            (
                Rule::Constant,
                format!(
                    "{} is a fixed number, so it does not change and its derivative is 0.",
                    p(e)
                ),
            )
        } else if matches!(e, Expr::Var(_)) {
            (
                Rule::HeldConstant,
                format!(
                    "{} is held constant while {} changes, so its derivative is 0.",
                    name_list(&held),
                    name_list(&[x.to_string()])
                ),
            )
        } else {
            (
                Rule::HeldConstant,
                format!(
                    "{} {} held constant, so {} is a constant and its derivative is 0.",
                    name_list(&held),
                    are(&held),
                    p(e)
                ),
            )
        };
        let i = self.open(rule, e, || note);
        self.close(i, &num(0.0));
    }

    /// The derivative of `e`. Each kind of node has its own function, so that a level of
    /// nesting only puts one of them on the stack (this recursion is as deep as the
    /// expression).
    fn d(&mut self, e: &'a Expr) -> Expr {
        if !contains(e, self.var) {
            if self.recording() {
                self.held_constant_step(e);
            }
            return num(0.0);
        }
        match e {
            Expr::Num(_) | Expr::Const(_) => num(0.0),
            Expr::Var(_) => self.d_var(e),
            Expr::Neg(a) => self.d_neg(e, a),
            Expr::Add(terms) => self.d_sum(e, terms),
            Expr::Mul(factors) => self.d_product(e, factors),
            Expr::Div(a, b) => {
                if contains(b, self.var) {
                    self.d_quotient(e, a, b)
                } else {
                    self.d_over_constant(e, a, b)
                }
            }
            Expr::Pow(a, b) => self.d_pow(e, a, b),
            Expr::Call(f, args) => self.d_call(e, *f, args),
        }
    }

    fn d_var(&mut self, e: &Expr) -> Expr {
        let x = self.var;
        let i = self.open(Rule::Variable, e, || {
            format!(
                "The derivative of {} with respect to itself is 1.",
                name_list(&[x.to_string()])
            )
        });
        self.close(i, &num(1.0));
        num(1.0)
    }

    fn d_neg(&mut self, e: &Expr, a: &'a Expr) -> Expr {
        let i = self.open(Rule::ConstantMultiple, e, || {
            format!(
                "The minus sign is a constant factor of −1: differentiate {} and keep the minus sign.",
                p(a)
            )
        });
        let da = self.d(a);
        let r = self.neg(da);
        self.close(i, &r);
        r
    }

    fn d_sum(&mut self, e: &Expr, terms: &'a [Expr]) -> Expr {
        let i = self.open(Rule::Sum, e, || {
            "The derivative of a sum is the sum of the derivatives of its terms, so take each term on its own."
                .to_string()
        });
        let mut parts = Vec::with_capacity(terms.len());
        for t in terms {
            let dt = self.d(t);
            parts.push(dt);
        }
        let r = self.add(parts);
        self.close(i, &r);
        r
    }

    /// a / b with b held constant.
    fn d_over_constant(&mut self, e: &Expr, a: &'a Expr, b: &'a Expr) -> Expr {
        let i = self.open(Rule::ConstantMultiple, e, || {
            let held = b.variables();
            let lead = if held.is_empty() {
                String::new()
            } else {
                format!("{} {} held constant, so ", name_list(&held), are(&held))
            };
            format!(
                "{lead}dividing by {} is multiplying by a constant; it stays as it is while we differentiate {}.",
                p(b),
                p(a)
            )
        });
        let da = self.d(a);
        let sb = self.s(b);
        let r = self.div(da, sb);
        self.close(i, &r);
        r
    }

    fn d_quotient(&mut self, e: &Expr, a: &'a Expr, b: &'a Expr) -> Expr {
        let i = self.open(Rule::Quotient, e, || {
            format!(
                "Quotient rule: (derivative of the top × the bottom − the top × derivative of the bottom), all over the bottom squared, with top {} and bottom {}.",
                p(a),
                p(b)
            )
        });
        let da = self.d(a);
        let db = self.d(b);
        let r = self.quotient(da, db, a, b);
        self.close(i, &r);
        r
    }

    /// (a′b − ab′) / b², from a′ and b′.
    #[inline(never)]
    fn quotient(&mut self, da: Expr, db: Expr, a: &'a Expr, b: &'a Expr) -> Expr {
        let (sa, sb) = (self.s(a), self.s(b));
        let top = self.add(vec![
            self.mul(vec![da, sb.clone()]),
            self.neg(self.mul(vec![sa, db])),
        ]);
        self.div(top, self.pow(sb, num(2.0)))
    }

    fn d_product(&mut self, e: &'a Expr, factors: &'a [Expr]) -> Expr {
        let x = self.var;
        let (varying, fixed): (Vec<&'a Expr>, Vec<&'a Expr>) =
            factors.iter().partition(|f| contains(f, x));
        let group = |parts: &[&Expr]| match parts {
            [one] => (*one).clone(),
            many => mul(many.iter().map(|f| (*f).clone()).collect()),
        };
        if fixed.is_empty() {
            return self.product_rule(e, &varying);
        }
        // The varying factors as one product (only needed for the record).
        let rest = if self.recording() {
            Some(group(&varying))
        } else {
            None
        };
        let i = match &rest {
            Some(rest) => {
                let constant = group(&fixed);
                let held = constant.variables();
                let note = if held.is_empty() {
                    format!(
                        "{} is a constant factor, so it stays in front while we differentiate {}.",
                        p(&constant),
                        p(rest)
                    )
                } else {
                    format!(
                        "{} {} held constant, so {} is a constant factor; it stays in front while we differentiate {}.",
                        name_list(&held),
                        are(&held),
                        p(&constant),
                        p(rest)
                    )
                };
                self.open(Rule::ConstantMultiple, e, || note)
            }
            None => None,
        };
        let d_rest = match varying.as_slice() {
            [one] => self.d(one),
            // d(rest) on a product whose factors all vary: the product rule.
            many => self.product_rule(rest.as_ref().unwrap_or(e), many),
        };
        let mut out: Vec<Expr> = fixed.iter().map(|f| self.s(f)).collect();
        out.push(d_rest);
        let r = self.mul(out);
        self.close(i, &r);
        r
    }

    /// The product rule for factors that all vary; `before` is their product (as shown
    /// in the record).
    fn product_rule(&mut self, before: &Expr, varying: &[&'a Expr]) -> Expr {
        let i = self.open(Rule::Product, before, || {
            "Product rule: differentiate one factor at a time while keeping the others as they are, then add up the results."
                .to_string()
        });
        let mut terms = Vec::with_capacity(varying.len());
        for (k, f) in varying.iter().enumerate() {
            let mut df = Some(self.d(f));
            let mut t = Vec::with_capacity(varying.len());
            for (j, g) in varying.iter().enumerate() {
                if j == k {
                    t.push(df.take().unwrap_or(Expr::Num(0.0)));
                } else {
                    t.push(self.s(g));
                }
            }
            terms.push(self.mul(t));
        }
        let r = self.add(terms);
        self.close(i, &r);
        r
    }

    fn d_pow(&mut self, e: &'a Expr, a: &'a Expr, b: &'a Expr) -> Expr {
        let x = self.var;
        match (contains(a, x), contains(b, x)) {
            (true, false) => self.d_power_rule(e, a, b),
            (false, _) => self.d_exp_rule(e, a, b),
            (true, true) => self.d_general_power(e, a, b),
        }
    }

    /// aⁿ with a constant exponent.
    fn d_power_rule(&mut self, e: &'a Expr, a: &'a Expr, b: &'a Expr) -> Expr {
        let what = || {
            format!(
                "bring the exponent {} down in front and lower the power by one.",
                p(b)
            )
        };
        let i = self.outer(e, Rule::Power, a, what);
        let outer = self.power_outer(a, b);
        let r = self.chain(outer, a);
        self.close(i, &r);
        r
    }

    /// b·a^(b − 1).
    #[inline(never)]
    fn power_outer(&mut self, a: &'a Expr, b: &'a Expr) -> Expr {
        let sb = self.s(b);
        let sa = self.s(a);
        let lowered = self.pow(sa, self.add(vec![sb.clone(), num(-1.0)]));
        self.mul(vec![sb, lowered])
    }

    /// A constant base to a varying power.
    fn d_exp_rule(&mut self, e: &'a Expr, a: &'a Expr, b: &'a Expr) -> Expr {
        let is_e = *a == Expr::Const(Constant::E);
        let what = || {
            if is_e {
                format!("e^u is its own derivative, so {} stays as it is.", p(e))
            } else {
                format!(
                    "a constant base to a changing power: the derivative of {} is {} times ln({}).",
                    p(e),
                    p(e),
                    p(a)
                )
            }
        };
        let i = self.outer(e, Rule::Exp, b, what);
        let outer = self.exp_outer(e, a, is_e);
        let r = self.chain(outer, b);
        self.close(i, &r);
        r
    }

    /// aᵇ (times ln a unless a = e).
    #[inline(never)]
    fn exp_outer(&mut self, e: &'a Expr, a: &'a Expr, is_e: bool) -> Expr {
        if is_e {
            self.s(e)
        } else {
            let (sa, se) = (self.s(a), self.s(e));
            let ln = self.call(Func::Ln, vec![sa]);
            self.mul(vec![se, ln])
        }
    }

    /// aᵇ with the variable in both.
    fn d_general_power(&mut self, e: &'a Expr, a: &'a Expr, b: &'a Expr) -> Expr {
        let i = self.open(Rule::GeneralPower, e, || {
            format!(
                "{} changes in both the base and the exponent, so write it as e^({}·ln({})) and use the chain rule and the product rule.",
                p(e),
                p(b),
                p(a)
            )
        });
        let db = self.d(b);
        let da = self.d(a);
        let r = self.general_power(e, a, b, da, db);
        self.close(i, &r);
        r
    }

    /// aᵇ·(b′·ln a + b·a′/a), from a′ and b′.
    #[inline(never)]
    fn general_power(&mut self, e: &'a Expr, a: &'a Expr, b: &'a Expr, da: Expr, db: Expr) -> Expr {
        let se = self.s(e);
        let (sa, sb) = (self.s(a), self.s(b));
        let ln = self.call(Func::Ln, vec![sa.clone()]);
        self.mul(vec![
            se,
            self.add(vec![
                self.mul(vec![db, ln]),
                self.div(self.mul(vec![sb, da]), sa),
            ]),
        ])
    }

    /// max(a, b) and min(a, b).
    fn d_max_min(&mut self, e: &Expr, f: Func, a: &'a Expr, b: &'a Expr) -> Expr {
        let i = self.open(Rule::MaxMin, e, || {
            format!(
                "{} follows whichever of {} and {} is {}, so its derivative is that argument's derivative (switched on and off by a step).",
                p(e),
                p(a),
                p(b),
                if f == Func::Min { "smaller" } else { "larger" }
            )
        });
        let da = self.d(a);
        let db = self.d(b);
        let r = self.max_min(f, a, b, da, db);
        self.close(i, &r);
        r
    }

    /// step(a − b)·a′ + step(b − a)·b′ for max (the other way round for min).
    #[inline(never)]
    fn max_min(&mut self, f: Func, a: &'a Expr, b: &'a Expr, da: Expr, db: Expr) -> Expr {
        let (sa, sb) = (self.s(a), self.s(b));
        let ab = self.add(vec![sa.clone(), self.neg(sb.clone())]);
        let ba = self.add(vec![sb, self.neg(sa)]);
        let (first, second) = if f == Func::Min { (ba, ab) } else { (ab, ba) };
        self.add(vec![
            self.mul(vec![self.call(Func::Step, vec![first]), da]),
            self.mul(vec![self.call(Func::Step, vec![second]), db]),
        ])
    }

    fn d_call(&mut self, e: &'a Expr, f: Func, args: &'a [Expr]) -> Expr {
        if let [a, b] = args {
            return match f {
                Func::Atan2 | Func::Hypot | Func::NthRoot => self.d_two(e, f, a, b),
                _ => self.d_max_min(e, f, a, b),
            };
        }
        let Some(u) = args.first() else {
            return num(0.0);
        };
        let Some(rule) = call_rule(f) else {
            return num(0.0);
        };
        let what = || call_note(f, &p(u));
        if matches!(f, Func::Sign | Func::Step | Func::Floor | Func::Ceil) {
            // Flat on each side of zero: derivative 0, no chain rule.
            let i = self.open(rule, e, || capitalise(&what()));
            let r = num(0.0);
            self.close(i, &r);
            return r;
        }
        let i = self.outer(e, rule, u, what);
        let su = self.s(u);
        let outer = self.call_outer(f, su);
        let r = self.chain(outer, u);
        self.close(i, &r);
        r
    }

    /// atan2, hypot and nthRoot: a partial derivative for each argument, each times that
    /// argument's derivative (a chain rule in two variables).
    fn d_two(&mut self, e: &Expr, f: Func, a: &'a Expr, b: &'a Expr) -> Expr {
        let i = self.open(two_rule(f), e, || two_note(f, &p(a), &p(b)));
        let da = self.d(a);
        let db = self.d(b);
        let (sa, sb) = (self.s(a), self.s(b));
        let (pa, pb) = self.two_partials(f, sa, sb);
        let r = self.add(vec![self.mul(vec![pa, da]), self.mul(vec![pb, db])]);
        self.close(i, &r);
        r
    }

    /// The partial derivatives of a two-argument function by its first and second
    /// argument, at the (simplified) arguments.
    fn two_partials(&self, f: Func, a: Expr, b: Expr) -> (Expr, Expr) {
        match f {
            Func::Atan2 => {
                // atan2(a, b) is the angle of (b, a): ∂/∂a = b/(a² + b²), ∂/∂b = −a/(a² + b²).
                let r2 = self.add(vec![
                    self.pow(a.clone(), num(2.0)),
                    self.pow(b.clone(), num(2.0)),
                ]);
                (self.div(b, r2.clone()), self.neg(self.div(a, r2)))
            }
            Func::Hypot => {
                let h = self.call(Func::Hypot, vec![a.clone(), b.clone()]);
                (self.div(a, h.clone()), self.div(b, h))
            }
            _ => {
                // y = nthRoot(a, n): ∂y/∂a = y/(n·a), ∂y/∂n = −y·ln|a|/n².
                let y = self.call(Func::NthRoot, vec![a.clone(), b.clone()]);
                let pa = self.div(y.clone(), self.mul(vec![b.clone(), a.clone()]));
                let ln = self.call(Func::Ln, vec![self.call(Func::Abs, vec![a])]);
                let pb = self.neg(self.div(self.mul(vec![y, ln]), self.pow(b, num(2.0))));
                (pa, pb)
            }
        }
    }

    /// The derivative of a one-argument function at the (simplified) inside `su`.
    fn call_outer(&self, f: Func, su: Expr) -> Expr {
        let c = |g: Func, su: Expr| self.call(g, vec![su]);
        let one_minus_square =
            |su: Expr| self.add(vec![num(1.0), self.neg(self.pow(su, num(2.0)))]);
        match f {
            Func::Sin => c(Func::Cos, su),
            Func::Cos => self.neg(c(Func::Sin, su)),
            Func::Tan => self.pow(c(Func::Sec, su), num(2.0)),
            Func::Sec => self.mul(vec![c(Func::Sec, su.clone()), c(Func::Tan, su)]),
            Func::Csc => self.neg(self.mul(vec![c(Func::Csc, su.clone()), c(Func::Cot, su)])),
            Func::Cot => self.neg(self.pow(c(Func::Csc, su), num(2.0))),
            Func::Asin => self.div(num(1.0), c(Func::Sqrt, one_minus_square(su))),
            Func::Acos => self.neg(self.div(num(1.0), c(Func::Sqrt, one_minus_square(su)))),
            Func::Atan => self.div(num(1.0), self.add(vec![num(1.0), self.pow(su, num(2.0))])),
            Func::Sinh => c(Func::Cosh, su),
            Func::Cosh => c(Func::Sinh, su),
            Func::Tanh => self.add(vec![
                num(1.0),
                self.neg(self.pow(c(Func::Tanh, su), num(2.0))),
            ]),
            Func::Exp => c(Func::Exp, su),
            Func::Ln => self.div(num(1.0), su),
            Func::Sqrt => self.div(num(1.0), self.mul(vec![num(2.0), c(Func::Sqrt, su)])),
            Func::Abs => c(Func::Sign, su),
            Func::Sigmoid => {
                let sig = c(Func::Sigmoid, su);
                self.mul(vec![sig.clone(), self.add(vec![num(1.0), self.neg(sig)])])
            }
            Func::Relu => c(Func::Step, su),
            Func::Softplus => c(Func::Sigmoid, su),
            Func::Log10 => self.div(num(1.0), self.mul(vec![su, c(Func::Ln, num(10.0))])),
            Func::Log2 => self.div(num(1.0), self.mul(vec![su, c(Func::Ln, num(2.0))])),
            Func::Cbrt => self.div(
                num(1.0),
                self.mul(vec![num(3.0), self.pow(c(Func::Cbrt, su), num(2.0))]),
            ),
            Func::Asinh => self.div(
                num(1.0),
                c(Func::Sqrt, self.add(vec![self.pow(su, num(2.0)), num(1.0)])),
            ),
            Func::Acosh => self.div(
                num(1.0),
                c(
                    Func::Sqrt,
                    self.add(vec![self.pow(su, num(2.0)), num(-1.0)]),
                ),
            ),
            Func::Atanh | Func::Acoth => self.div(num(1.0), one_minus_square(su)),
            Func::Sech => self.neg(self.mul(vec![c(Func::Sech, su.clone()), c(Func::Tanh, su)])),
            Func::Csch => self.neg(self.mul(vec![c(Func::Csch, su.clone()), c(Func::Coth, su)])),
            Func::Coth => self.neg(self.pow(c(Func::Csch, su), num(2.0))),
            Func::Asec | Func::Acsc => {
                let d = self.div(
                    num(1.0),
                    self.mul(vec![
                        c(Func::Abs, su.clone()),
                        c(
                            Func::Sqrt,
                            self.add(vec![self.pow(su, num(2.0)), num(-1.0)]),
                        ),
                    ]),
                );
                if f == Func::Acsc {
                    self.neg(d)
                } else {
                    d
                }
            }
            Func::Acot => {
                self.neg(self.div(num(1.0), self.add(vec![num(1.0), self.pow(su, num(2.0))])))
            }
            Func::Asech => self.neg(self.div(
                num(1.0),
                self.mul(vec![su.clone(), c(Func::Sqrt, one_minus_square(su))]),
            )),
            Func::Acsch => self.neg(self.div(
                num(1.0),
                self.mul(vec![
                    c(Func::Abs, su.clone()),
                    c(Func::Sqrt, self.add(vec![num(1.0), self.pow(su, num(2.0))])),
                ]),
            )),
            Func::Erf => self.mul(vec![
                self.div(num(2.0), c(Func::Sqrt, Expr::Const(Constant::Pi))),
                c(Func::Exp, self.neg(self.pow(su, num(2.0)))),
            ]),
            Func::Sign
            | Func::Step
            | Func::Floor
            | Func::Ceil
            | Func::Max
            | Func::Min
            | Func::Atan2
            | Func::Hypot
            | Func::NthRoot => num(0.0),
        }
    }
}

/// The rule for a two-argument function other than max and min.
fn two_rule(f: Func) -> Rule {
    match f {
        Func::Atan2 => Rule::Atan2,
        Func::Hypot => Rule::Hypot,
        _ => Rule::NthRoot,
    }
}

/// What the rule for atan2, hypot or nthRoot says, with `pa`, `pb` the arguments.
fn two_note(f: Func, pa: &str, pb: &str) -> String {
    match f {
        Func::Atan2 => format!(
            "atan2(a, b) is the angle of the point (b, a). It changes with a at the rate b/(a² + b²) and with b at the rate −a/(a² + b²); here a = {pa} and b = {pb}, and each rate is multiplied by the derivative of its argument."
        ),
        Func::Hypot => format!(
            "hypot(a, b) = √(a² + b²) is the distance of (a, b) from the origin. It changes with a at the rate a/hypot(a, b) and with b at the rate b/hypot(a, b); here a = {pa} and b = {pb}, and each rate is multiplied by the derivative of its argument."
        ),
        _ => format!(
            "nthRoot(a, n) = a^(1/n). By the power rule it changes with a at the rate nthRoot(a, n)/(n·a), and with n at the rate −nthRoot(a, n)·ln|a|/n²; here a = {pa} and n = {pb}, and each rate is multiplied by the derivative of its argument."
        ),
    }
}

/// The rule that differentiates a one-argument function (`None` for max and min).
fn call_rule(f: Func) -> Option<Rule> {
    Some(match f {
        Func::Sin | Func::Cos | Func::Tan | Func::Sec | Func::Csc | Func::Cot => Rule::Trig,
        Func::Asin | Func::Acos | Func::Atan => Rule::InverseTrig,
        Func::Sinh | Func::Cosh | Func::Tanh => Rule::Hyperbolic,
        Func::Exp => Rule::Exp,
        Func::Ln => Rule::Log,
        Func::Sqrt => Rule::Root,
        Func::Abs | Func::Sign => Rule::Abs,
        Func::Step | Func::Sigmoid | Func::Relu | Func::Softplus => Rule::Activation,
        Func::Log10 | Func::Log2 => Rule::Log,
        Func::Cbrt => Rule::CubeRoot,
        Func::Sech | Func::Csch | Func::Coth => Rule::Hyperbolic,
        Func::Asec | Func::Acsc | Func::Acot => Rule::InverseTrig,
        Func::Asinh | Func::Acosh | Func::Atanh | Func::Asech | Func::Acsch | Func::Acoth => {
            Rule::InverseHyperbolic
        }
        Func::Erf => Rule::ErrorFunction,
        Func::Floor | Func::Ceil => Rule::FloorCeil,
        Func::Max | Func::Min | Func::Atan2 | Func::Hypot | Func::NthRoot => return None,
    })
}

/// What the rule for a one-argument function says, with `pu` the inside (pretty).
fn call_note(f: Func, pu: &str) -> String {
    match f {
        Func::Sin => format!("the derivative of sin is cos, so sin({pu}) turns into cos({pu})."),
        Func::Cos => format!("the derivative of cos is minus sin, so cos({pu}) turns into −sin({pu})."),
        Func::Tan => format!("the derivative of tan is sec squared, so tan({pu}) turns into sec²({pu})."),
        Func::Sec => format!("the derivative of sec is sec times tan, so sec({pu}) turns into sec({pu})·tan({pu})."),
        Func::Csc => format!("the derivative of csc is minus csc times cot, so csc({pu}) turns into −csc({pu})·cot({pu})."),
        Func::Cot => format!("the derivative of cot is minus csc squared, so cot({pu}) turns into −csc²({pu})."),
        Func::Asin => format!("the derivative of asin(u) is 1/√(1 − u²), here with u = {pu}."),
        Func::Acos => format!("the derivative of acos(u) is −1/√(1 − u²), here with u = {pu}."),
        Func::Atan => format!("the derivative of atan(u) is 1/(1 + u²), here with u = {pu}."),
        Func::Sinh => format!("the derivative of sinh is cosh, so sinh({pu}) turns into cosh({pu})."),
        Func::Cosh => format!("the derivative of cosh is sinh (no minus sign), so cosh({pu}) turns into sinh({pu})."),
        Func::Tanh => format!("the derivative of tanh is 1 − tanh², so tanh({pu}) turns into 1 − tanh({pu})²."),
        Func::Exp => format!("exp is its own derivative, so exp({pu}) stays as it is."),
        Func::Ln => format!("the derivative of ln(u) is 1/u, here 1/({pu})."),
        Func::Sqrt => format!("the derivative of √u is 1/(2√u), here with u = {pu}."),
        Func::Abs => format!("|u| goes down with slope −1 where u < 0 and up with slope 1 where u > 0, so its derivative is sign(u), here sign({pu})."),
        Func::Sign => format!("sign({pu}) is flat on each side of zero, so its derivative is 0 (except where the inside is 0, where it has none)."),
        Func::Step => format!("step({pu}) is flat on each side of zero, so its derivative is 0 (except where the inside is 0, where it has none)."),
        Func::Sigmoid => format!("the sigmoid's derivative is σ(u)·(1 − σ(u)), here with u = {pu}."),
        Func::Relu => format!("relu has slope 0 for negative inputs and 1 for positive ones, so its derivative is step({pu})."),
        Func::Softplus => format!("the derivative of softplus is the sigmoid, so softplus({pu}) turns into σ({pu})."),
        Func::Log10 => format!("log₁₀ u = ln u / ln 10, so its derivative is 1/(u·ln 10), here with u = {pu}."),
        Func::Log2 => format!("log₂ u = ln u / ln 2, so its derivative is 1/(u·ln 2), here with u = {pu}."),
        Func::Cbrt => format!("∛u = u^(1/3), so by the power rule its derivative is 1/(3(∛u)²), here with u = {pu} (there is none where the inside is 0)."),
        Func::Asinh => format!("the derivative of asinh(u) is 1/√(u² + 1), here with u = {pu}."),
        Func::Acosh => format!("the derivative of acosh(u) is 1/√(u² − 1) (for u > 1), here with u = {pu}."),
        Func::Atanh => format!("the derivative of atanh(u) is 1/(1 − u²) (for −1 < u < 1), here with u = {pu}."),
        Func::Sech => format!("the derivative of sech is minus sech times tanh, so sech({pu}) turns into −sech({pu})·tanh({pu})."),
        Func::Csch => format!("the derivative of csch is minus csch times coth, so csch({pu}) turns into −csch({pu})·coth({pu})."),
        Func::Coth => format!("the derivative of coth is minus csch squared, so coth({pu}) turns into −csch²({pu})."),
        Func::Asec => format!("the derivative of asec(u) is 1/(|u|·√(u² − 1)) (for |u| > 1), here with u = {pu}."),
        Func::Acsc => format!("the derivative of acsc(u) is −1/(|u|·√(u² − 1)) (for |u| > 1), here with u = {pu}."),
        Func::Acot => format!("the derivative of acot(u) is −1/(1 + u²), here with u = {pu}."),
        Func::Asech => format!("the derivative of asech(u) is −1/(u·√(1 − u²)) (for 0 < u < 1), here with u = {pu}."),
        Func::Acsch => format!("the derivative of acsch(u) is −1/(|u|·√(1 + u²)) (for u ≠ 0), here with u = {pu}."),
        Func::Acoth => format!("the derivative of acoth(u) is 1/(1 − u²) (for |u| > 1), here with u = {pu}."),
        Func::Erf => format!("erf(u) adds up the bell curve (2/√π)·e^(−t²) from 0 to u, so its derivative is (2/√π)·e^(−u²), here with u = {pu}."),
        Func::Floor => format!("floor({pu}) is flat between whole numbers, so its derivative is 0 almost everywhere; where the inside is a whole number it jumps and has no derivative."),
        Func::Ceil => format!("ceil({pu}) is flat between whole numbers, so its derivative is 0 almost everywhere; where the inside is a whole number it jumps and has no derivative."),
        Func::Max | Func::Min | Func::Atan2 | Func::Hypot | Func::NthRoot => String::new(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Expr {
    /// The partial derivative with respect to `var`, simplified.
    pub fn partial(&self, var: &str) -> Expr {
        Differ::new(var, false).d(self)
    }

    /// The partial derivative with respect to `var`, with the steps a learner reads.
    pub fn derivation(&self, var: &str) -> Derivation {
        let mut d = Differ::new(var, true);
        let result = d.d(self);
        Derivation {
            var: var.to_string(),
            function: self.clone(),
            result,
            steps: d.take_steps(),
        }
    }

    /// The gradient: the partial derivative by each variable in `vars`, in that order.
    pub fn gradient(&self, vars: &[&str]) -> Vec<Expr> {
        vars.iter().map(|v| self.partial(v)).collect()
    }

    /// The Hessian matrix: row i, column j is ∂²f/∂vᵢ∂vⱼ (first by vᵢ, then by vⱼ).
    pub fn hessian(&self, vars: &[&str]) -> Vec<Vec<Expr>> {
        self.gradient(vars)
            .iter()
            .map(|g| vars.iter().map(|v| g.partial(v)).collect())
            .collect()
    }

    /// The mixed partial: differentiate by `a`, then by `b`.
    pub fn mixed_partial(&self, a: &str, b: &str) -> Expr {
        self.partial(a).partial(b)
    }

    /// Replaces every occurrence of the variable `var` by `with` (not simplified).
    pub fn substitute(&self, var: &str, with: &Expr) -> Expr {
        match self {
            Expr::Var(n) if n == var => with.clone(),
            Expr::Num(_) | Expr::Const(_) | Expr::Var(_) => self.clone(),
            Expr::Neg(a) => neg(a.substitute(var, with)),
            Expr::Add(v) => add(v.iter().map(|t| t.substitute(var, with)).collect()),
            Expr::Mul(v) => mul(v.iter().map(|t| t.substitute(var, with)).collect()),
            Expr::Call(f, v) => Expr::Call(*f, v.iter().map(|t| t.substitute(var, with)).collect()),
            Expr::Div(a, b) => div(a.substitute(var, with), b.substitute(var, with)),
            Expr::Pow(a, b) => pow(a.substitute(var, with), b.substitute(var, with)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::math::{parse, Rule};

    #[test]
    fn steps_are_preorder() {
        let f = parse("x^2 + 3*x*y").unwrap();
        let d = f.derivation("x");
        let rules: Vec<Rule> = d.steps.iter().map(|s| s.rule).collect();
        assert_eq!(
            rules,
            vec![
                Rule::Sum,
                Rule::Power,
                Rule::ConstantMultiple,
                Rule::Variable
            ]
        );
        assert_eq!(d.result.to_string(), "2*x + 3*y");
        assert!(
            d.steps[2].note.contains("y is held constant"),
            "{}",
            d.steps[2].note
        );
    }

    #[test]
    fn held_constant_note() {
        let d = parse("x^2 + 3y").unwrap().derivation("x");
        let s = d
            .steps
            .iter()
            .find(|s| s.rule == Rule::HeldConstant)
            .unwrap();
        assert_eq!(
            s.note,
            "y is held constant, so 3y is a constant and its derivative is 0."
        );
    }
}
