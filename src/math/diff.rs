//! Partial derivatives, with an optional record of the rules used, for showing a learner
//! how a derivative is worked out step by step.
//!
//! Differentiation works on the expression as given (so the steps talk about what the
//! learner typed) and the result is then simplified. Recursion follows the tree, so its
//! depth is the expression's depth.

use super::expr::{Constant, Expr, Func};

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
fn call(f: Func, a: Expr) -> Expr {
    Expr::Call(f, vec![a])
}
fn sub(a: Expr, b: Expr) -> Expr {
    add(vec![a, neg(b)])
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

struct Differ<'a> {
    var: &'a str,
    steps: Option<Vec<Step>>,
}

impl Differ<'_> {
    /// Records a step (if recording) and returns its index.
    fn open(&mut self, rule: Rule, before: &Expr, note: String) -> Option<usize> {
        let steps = self.steps.as_mut()?;
        steps.push(Step {
            rule,
            before: before.clone(),
            after: num(0.0),
            note,
        });
        Some(steps.len() - 1)
    }

    fn close(&mut self, idx: Option<usize>, raw: &Expr) {
        if let (Some(i), Some(steps)) = (idx, self.steps.as_mut()) {
            if let Some(s) = steps.get_mut(i) {
                s.after = raw.simplify();
            }
        }
    }

    /// Records a rule for an outer function applied to `inner`: the plain rule when the
    /// inside is the variable itself, the chain rule otherwise.
    fn outer(&mut self, e: &Expr, rule: Rule, inner: &Expr, what: String) -> Option<usize> {
        self.steps.as_ref()?;
        if *inner == Expr::Var(self.var.to_string()) {
            self.open(rule, e, capitalise(&what))
        } else {
            let note = format!(
                "Chain rule with the {}: {} Then multiply by the derivative of the inside, {}.",
                rule.name().to_lowercase(),
                what,
                p(inner)
            );
            self.open(Rule::Chain, e, note)
        }
    }

    /// Multiplies an outer derivative by the inner derivative (skipped when the inside is
    /// the variable itself).
    fn chain(&mut self, outer: Expr, inner: &Expr) -> Expr {
        if *inner == Expr::Var(self.var.to_string()) {
            outer
        } else {
            let di = self.d(inner);
            mul(vec![outer, di])
        }
    }

    fn d(&mut self, e: &Expr) -> Expr {
        let x = self.var;
        if !contains(e, x) {
            if self.steps.is_some() {
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
                let i = self.open(rule, e, note);
                self.close(i, &num(0.0));
            }
            return num(0.0);
        }
        let xs = name_list(&[x.to_string()]);
        match e {
            Expr::Num(_) | Expr::Const(_) => num(0.0),
            Expr::Var(_) => {
                let i = self.open(
                    Rule::Variable,
                    e,
                    format!("The derivative of {xs} with respect to itself is 1."),
                );
                self.close(i, &num(1.0));
                num(1.0)
            }
            Expr::Neg(a) => {
                let i = self.open(
                    Rule::ConstantMultiple,
                    e,
                    format!(
                        "The minus sign is a constant factor of −1: differentiate {} and keep the minus sign.",
                        p(a)
                    ),
                );
                let r = neg(self.d(a));
                self.close(i, &r);
                r
            }
            Expr::Add(terms) => {
                let i = self.open(
                    Rule::Sum,
                    e,
                    "The derivative of a sum is the sum of the derivatives of its terms, so take each term on its own."
                        .to_string(),
                );
                let r = add(terms.iter().map(|t| self.d(t)).collect());
                self.close(i, &r);
                r
            }
            Expr::Mul(factors) => self.d_product(e, factors),
            Expr::Div(a, b) => {
                if !contains(b, x) {
                    let held = b.variables();
                    let lead = if held.is_empty() {
                        String::new()
                    } else {
                        format!("{} {} held constant, so ", name_list(&held), are(&held))
                    };
                    let i = self.open(
                        Rule::ConstantMultiple,
                        e,
                        format!(
                            "{lead}dividing by {} is multiplying by a constant; it stays as it is while we differentiate {}.",
                            p(b),
                            p(a)
                        ),
                    );
                    let r = div(self.d(a), (**b).clone());
                    self.close(i, &r);
                    r
                } else {
                    let i = self.open(
                        Rule::Quotient,
                        e,
                        format!(
                            "Quotient rule: (derivative of the top × the bottom − the top × derivative of the bottom), all over the bottom squared, with top {} and bottom {}.",
                            p(a),
                            p(b)
                        ),
                    );
                    let da = self.d(a);
                    let db = self.d(b);
                    let r = div(
                        sub(mul(vec![da, (**b).clone()]), mul(vec![(**a).clone(), db])),
                        pow((**b).clone(), num(2.0)),
                    );
                    self.close(i, &r);
                    r
                }
            }
            Expr::Pow(a, b) => self.d_pow(e, a, b),
            Expr::Call(f, args) => self.d_call(e, *f, args),
        }
    }

    fn d_product(&mut self, e: &Expr, factors: &[Expr]) -> Expr {
        let x = self.var;
        let (varying, fixed): (Vec<&Expr>, Vec<&Expr>) =
            factors.iter().partition(|f| contains(f, x));
        let rest = match varying.as_slice() {
            [one] => (*one).clone(),
            many => mul(many.iter().map(|f| (*f).clone()).collect()),
        };
        if !fixed.is_empty() {
            let constant = match fixed.as_slice() {
                [one] => (*one).clone(),
                many => mul(many.iter().map(|f| (*f).clone()).collect()),
            };
            let held = constant.variables();
            let note = if held.is_empty() {
                format!(
                    "{} is a constant factor, so it stays in front while we differentiate {}.",
                    p(&constant),
                    p(&rest)
                )
            } else {
                format!(
                    "{} {} held constant, so {} is a constant factor; it stays in front while we differentiate {}.",
                    name_list(&held),
                    are(&held),
                    p(&constant),
                    p(&rest)
                )
            };
            let i = self.open(Rule::ConstantMultiple, e, note);
            let mut out: Vec<Expr> = fixed.iter().map(|f| (*f).clone()).collect();
            out.push(self.d(&rest));
            let r = mul(out);
            self.close(i, &r);
            return r;
        }
        let i = self.open(
            Rule::Product,
            e,
            "Product rule: differentiate one factor at a time while keeping the others as they are, then add up the results."
                .to_string(),
        );
        let mut terms = Vec::with_capacity(varying.len());
        for (k, f) in varying.iter().enumerate() {
            let df = self.d(f);
            let mut t = Vec::with_capacity(varying.len());
            for (j, g) in varying.iter().enumerate() {
                if j == k {
                    t.push(df.clone());
                } else {
                    t.push((*g).clone());
                }
            }
            terms.push(mul(t));
        }
        let r = add(terms);
        self.close(i, &r);
        r
    }

    fn d_pow(&mut self, e: &Expr, a: &Expr, b: &Expr) -> Expr {
        let x = self.var;
        let base_varies = contains(a, x);
        let exp_varies = contains(b, x);
        if base_varies && !exp_varies {
            let what = format!(
                "bring the exponent {} down in front and lower the power by one.",
                p(b)
            );
            let i = self.outer(e, Rule::Power, a, what);
            let lowered = pow(a.clone(), add(vec![b.clone(), num(-1.0)]));
            let outer = mul(vec![b.clone(), lowered]);
            let r = self.chain(outer, a);
            self.close(i, &r);
            r
        } else if !base_varies {
            let is_e = *a == Expr::Const(Constant::E);
            let what = if is_e {
                format!("e^u is its own derivative, so {} stays as it is.", p(e))
            } else {
                format!(
                    "a constant base to a changing power: the derivative of {} is {} times ln({}).",
                    p(e),
                    p(e),
                    p(a)
                )
            };
            let i = self.outer(e, Rule::Exp, b, what);
            let outer = if is_e {
                e.clone()
            } else {
                mul(vec![e.clone(), call(Func::Ln, a.clone())])
            };
            let r = self.chain(outer, b);
            self.close(i, &r);
            r
        } else {
            let i = self.open(
                Rule::GeneralPower,
                e,
                format!(
                    "{} changes in both the base and the exponent, so write it as e^({}·ln({})) and use the chain rule and the product rule.",
                    p(e),
                    p(b),
                    p(a)
                ),
            );
            let db = self.d(b);
            let da = self.d(a);
            let r = mul(vec![
                e.clone(),
                add(vec![
                    mul(vec![db, call(Func::Ln, a.clone())]),
                    div(mul(vec![b.clone(), da]), a.clone()),
                ]),
            ]);
            self.close(i, &r);
            r
        }
    }

    fn d_call(&mut self, e: &Expr, f: Func, args: &[Expr]) -> Expr {
        if let [a, b] = args {
            let (ab, ba) = (sub(a.clone(), b.clone()), sub(b.clone(), a.clone()));
            let (first, second) = if f == Func::Min { (ba, ab) } else { (ab, ba) };
            let i = self.open(
                Rule::MaxMin,
                e,
                format!(
                    "{} follows whichever of {} and {} is {}, so its derivative is that argument's derivative (switched on and off by a step).",
                    p(e),
                    p(a),
                    p(b),
                    if f == Func::Min { "smaller" } else { "larger" }
                ),
            );
            let da = self.d(a);
            let db = self.d(b);
            let r = add(vec![
                mul(vec![call(Func::Step, first), da]),
                mul(vec![call(Func::Step, second), db]),
            ]);
            self.close(i, &r);
            return r;
        }
        let Some(u) = args.first() else {
            return num(0.0);
        };
        let pu = p(u);
        let c = |g: Func| call(g, u.clone());
        let (rule, what, outer): (Rule, String, Expr) = match f {
            Func::Sin => (
                Rule::Trig,
                format!("the derivative of sin is cos, so sin({pu}) turns into cos({pu})."),
                c(Func::Cos),
            ),
            Func::Cos => (
                Rule::Trig,
                format!("the derivative of cos is minus sin, so cos({pu}) turns into −sin({pu})."),
                neg(c(Func::Sin)),
            ),
            Func::Tan => (
                Rule::Trig,
                format!("the derivative of tan is sec squared, so tan({pu}) turns into sec²({pu})."),
                pow(c(Func::Sec), num(2.0)),
            ),
            Func::Sec => (
                Rule::Trig,
                format!("the derivative of sec is sec times tan, so sec({pu}) turns into sec({pu})·tan({pu})."),
                mul(vec![c(Func::Sec), c(Func::Tan)]),
            ),
            Func::Csc => (
                Rule::Trig,
                format!("the derivative of csc is minus csc times cot, so csc({pu}) turns into −csc({pu})·cot({pu})."),
                neg(mul(vec![c(Func::Csc), c(Func::Cot)])),
            ),
            Func::Cot => (
                Rule::Trig,
                format!("the derivative of cot is minus csc squared, so cot({pu}) turns into −csc²({pu})."),
                neg(pow(c(Func::Csc), num(2.0))),
            ),
            Func::Asin => (
                Rule::InverseTrig,
                format!("the derivative of asin(u) is 1/√(1 − u²), here with u = {pu}."),
                div(num(1.0), call(Func::Sqrt, sub(num(1.0), pow(u.clone(), num(2.0))))),
            ),
            Func::Acos => (
                Rule::InverseTrig,
                format!("the derivative of acos(u) is −1/√(1 − u²), here with u = {pu}."),
                neg(div(num(1.0), call(Func::Sqrt, sub(num(1.0), pow(u.clone(), num(2.0)))))),
            ),
            Func::Atan => (
                Rule::InverseTrig,
                format!("the derivative of atan(u) is 1/(1 + u²), here with u = {pu}."),
                div(num(1.0), add(vec![num(1.0), pow(u.clone(), num(2.0))])),
            ),
            Func::Sinh => (
                Rule::Hyperbolic,
                format!("the derivative of sinh is cosh, so sinh({pu}) turns into cosh({pu})."),
                c(Func::Cosh),
            ),
            Func::Cosh => (
                Rule::Hyperbolic,
                format!("the derivative of cosh is sinh (no minus sign), so cosh({pu}) turns into sinh({pu})."),
                c(Func::Sinh),
            ),
            Func::Tanh => (
                Rule::Hyperbolic,
                format!("the derivative of tanh is 1 − tanh², so tanh({pu}) turns into 1 − tanh({pu})²."),
                sub(num(1.0), pow(c(Func::Tanh), num(2.0))),
            ),
            Func::Exp => (
                Rule::Exp,
                format!("exp is its own derivative, so exp({pu}) stays as it is."),
                c(Func::Exp),
            ),
            Func::Ln => (
                Rule::Log,
                format!("the derivative of ln(u) is 1/u, here 1/({pu})."),
                div(num(1.0), u.clone()),
            ),
            Func::Sqrt => (
                Rule::Root,
                format!("the derivative of √u is 1/(2√u), here with u = {pu}."),
                div(num(1.0), mul(vec![num(2.0), c(Func::Sqrt)])),
            ),
            Func::Abs => (
                Rule::Abs,
                format!("|u| goes down with slope −1 where u < 0 and up with slope 1 where u > 0, so its derivative is sign(u), here sign({pu})."),
                c(Func::Sign),
            ),
            Func::Sign => (
                Rule::Abs,
                format!("sign({pu}) is flat on each side of zero, so its derivative is 0 (except where the inside is 0, where it has none)."),
                num(0.0),
            ),
            Func::Step => (
                Rule::Activation,
                format!("step({pu}) is flat on each side of zero, so its derivative is 0 (except where the inside is 0, where it has none)."),
                num(0.0),
            ),
            Func::Sigmoid => (
                Rule::Activation,
                format!("the sigmoid's derivative is σ(u)·(1 − σ(u)), here with u = {pu}."),
                mul(vec![c(Func::Sigmoid), sub(num(1.0), c(Func::Sigmoid))]),
            ),
            Func::Relu => (
                Rule::Activation,
                format!("relu has slope 0 for negative inputs and 1 for positive ones, so its derivative is step({pu})."),
                c(Func::Step),
            ),
            Func::Softplus => (
                Rule::Activation,
                format!("the derivative of softplus is the sigmoid, so softplus({pu}) turns into σ({pu})."),
                c(Func::Sigmoid),
            ),
            Func::Max | Func::Min => return num(0.0),
        };
        if matches!(outer, Expr::Num(_)) {
            let i = self.open(rule, e, capitalise(&what));
            self.close(i, &outer);
            return outer;
        }
        let i = self.outer(e, rule, u, what);
        let r = self.chain(outer, u);
        self.close(i, &r);
        r
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
        let mut d = Differ { var, steps: None };
        d.d(self).simplify()
    }

    /// The partial derivative with respect to `var`, with the steps a learner reads.
    pub fn derivation(&self, var: &str) -> Derivation {
        let mut d = Differ {
            var,
            steps: Some(Vec::new()),
        };
        let raw = d.d(self);
        Derivation {
            var: var.to_string(),
            function: self.clone(),
            result: raw.simplify(),
            steps: d.steps.unwrap_or_default(),
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
