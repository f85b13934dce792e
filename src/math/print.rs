//! Printing an [`Expr`] three ways: plain ASCII input syntax (`Display`), textbook
//! Unicode (`to_pretty`) and LaTeX (`to_latex`), plus MathML through `pulldown-latex`.
//!
//! The plain and pretty forms both parse back (with [`crate::math::parse()`]) to the same
//! function. Parentheses are the fewest that keep the meaning; a term with a negative
//! coefficient is printed as a subtraction, and a factor with a negative numeric power is
//! printed under a fraction bar (`x*y^(-1)` prints as `x/y`).

use super::expr::{Constant, Expr, Func};
use super::parse::{greek_ascii_name, split_letters};
use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Pretty,
    Latex,
}

// Precedence levels of printed forms (higher binds tighter).
const ADD: u8 = 10;
const NEG: u8 = 20;
const MUL: u8 = 30;
/// `√x` in pretty form: tighter than a product, looser than a power.
const PREFIX: u8 = 35;
const POW: u8 = 40;
const ATOM: u8 = 50;

/// If `e` reads as negative (−a, a negative number, a product or quotient led by one),
/// the positive version.
fn split_neg(e: &Expr) -> Option<Expr> {
    match e {
        Expr::Neg(a) => Some((**a).clone()),
        Expr::Num(v) if *v < 0.0 => Some(Expr::Num(-v)),
        Expr::Mul(fs) if fs.len() >= 2 => {
            let first = fs.first()?;
            let pos = split_neg(first)?;
            let mut rest: Vec<Expr> = fs.iter().skip(1).cloned().collect();
            if pos != Expr::Num(1.0) {
                rest.insert(0, pos);
            }
            Some(if rest.len() == 1 {
                rest.pop()?
            } else {
                Expr::Mul(rest)
            })
        }
        Expr::Div(a, b) => split_neg(a).map(|pa| Expr::Div(Box::new(pa), b.clone())),
        _ => None,
    }
}

/// The numeric value of an exponent that is a plain negative number, negated.
fn negative_power(x: &Expr) -> Option<Expr> {
    match x {
        Expr::Num(v) if *v < 0.0 => Some(Expr::Num(-v)),
        Expr::Neg(k) => match &**k {
            Expr::Num(v) if *v > 0.0 => Some(Expr::Num(*v)),
            Expr::Div(a, b) if matches!((&**a, &**b), (Expr::Num(_), Expr::Num(_))) => {
                Some((**k).clone())
            }
            _ => None,
        },
        _ => None,
    }
}

/// Splits a product's factors into numerator and denominator.
fn split_fraction(fs: &[Expr]) -> (Vec<Expr>, Vec<Expr>) {
    let mut num = Vec::new();
    let mut den = Vec::new();
    for f in fs {
        if let Expr::Pow(b, x) = f {
            if let Some(px) = negative_power(x) {
                if px == Expr::Num(1.0) {
                    den.push((**b).clone());
                } else {
                    den.push(Expr::Pow(b.clone(), Box::new(px)));
                }
                continue;
            }
        }
        num.push(f.clone());
    }
    (num, den)
}

fn integer_exponent(x: &Expr) -> Option<i64> {
    match x {
        Expr::Num(v) if v.fract() == 0.0 && v.abs() < 1e9 => Some(*v as i64),
        Expr::Neg(k) => integer_exponent(k).map(|n| -n),
        _ => None,
    }
}

/// An integer in superscript digits (`-4` → `⁻⁴`, `12` → `¹²`): exponents in textbook
/// powers, in axis notes (`× 10⁻⁷`) and in the optimisers' sentences.
pub fn superscript(n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    let mut s = String::new();
    if n < 0 {
        s.push('⁻');
    }
    for c in n.unsigned_abs().to_string().chars() {
        s.push(match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        });
    }
    s
}

fn subscript_digits(d: &str) -> String {
    d.chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|n| char::from_u32(0x2080 + n))
                .unwrap_or(c)
        })
        .collect()
}

/// Splits a variable name into its letter part and its digit subscript, if the name has
/// the shape letters-then-digits.
fn name_parts(name: &str) -> (&str, &str) {
    let cut = name
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .unwrap_or(name.len());
    let (a, b) = name.split_at(cut);
    if b.chars().all(|c| c.is_ascii_digit()) && !a.is_empty() {
        (a, b)
    } else {
        (name, "")
    }
}

fn latex_greek(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => "\\alpha",
        'β' => "\\beta",
        'γ' => "\\gamma",
        'δ' => "\\delta",
        'ε' => "\\varepsilon",
        'ζ' => "\\zeta",
        'η' => "\\eta",
        'θ' => "\\theta",
        'ι' => "\\iota",
        'κ' => "\\kappa",
        'λ' => "\\lambda",
        'μ' => "\\mu",
        'ν' => "\\nu",
        'ξ' => "\\xi",
        'π' => "\\pi",
        'ρ' => "\\rho",
        'σ' => "\\sigma",
        'τ' => "\\tau",
        'υ' => "\\upsilon",
        'φ' => "\\varphi",
        'χ' => "\\chi",
        'ψ' => "\\psi",
        'ω' => "\\omega",
        'Γ' => "\\Gamma",
        'Δ' => "\\Delta",
        'Θ' => "\\Theta",
        'Λ' => "\\Lambda",
        'Ξ' => "\\Xi",
        'Φ' => "\\Phi",
        'Ψ' => "\\Psi",
        'Ω' => "\\Omega",
        _ => return None,
    })
}

fn latex_escape_text(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect()
}

fn num_plain(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-5..1e15).contains(&a) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

fn num_latex(v: f64) -> String {
    let s = num_plain(v);
    match s.split_once('e') {
        Some((m, e)) => format!("{m} \\times 10^{{{e}}}"),
        None => s,
    }
}

fn latex_func(f: Func) -> String {
    match f {
        Func::Sin => "\\sin".into(),
        Func::Cos => "\\cos".into(),
        Func::Tan => "\\tan".into(),
        Func::Sec => "\\sec".into(),
        Func::Csc => "\\csc".into(),
        Func::Cot => "\\cot".into(),
        Func::Asin => "\\arcsin".into(),
        Func::Acos => "\\arccos".into(),
        Func::Atan => "\\arctan".into(),
        Func::Sinh => "\\sinh".into(),
        Func::Cosh => "\\cosh".into(),
        Func::Tanh => "\\tanh".into(),
        Func::Exp => "\\exp".into(),
        Func::Ln => "\\ln".into(),
        Func::Max => "\\max".into(),
        Func::Min => "\\min".into(),
        Func::Sigmoid => "\\sigma".into(),
        Func::Coth => "\\coth".into(),
        Func::Log10 => "\\log_{10}".into(),
        Func::Log2 => "\\log_{2}".into(),
        f => format!("\\operatorname{{{}}}", f.name()),
    }
}

/// Whether `\f x` (no brackets) reads unambiguously for this function and argument.
fn bare_latex_ok(f: Func, args: &[Expr]) -> bool {
    let named = matches!(
        f,
        Func::Sin
            | Func::Cos
            | Func::Tan
            | Func::Sec
            | Func::Csc
            | Func::Cot
            | Func::Sinh
            | Func::Cosh
            | Func::Tanh
            | Func::Ln
    );
    named && matches!(args, [Expr::Var(_)] | [Expr::Const(_)])
}

/// Whether the letters at the end of `left` would be read as more than one piece if a
/// bracket followed them (which the parser refuses, as an unknown function).
fn letters_before_bracket_split(left: &str) -> bool {
    let body = left.trim_end_matches(|c: char| c.is_ascii_digit() || ('₀'..='₉').contains(&c));
    let run_len = body
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let Some(run) = body.get(body.len() - run_len..) else {
        return false;
    };
    let before = body.get(..body.len() - run_len).unwrap_or("");
    if run_len < 2 || before.ends_with('_') {
        return false;
    }
    split_letters(run).len() > 1
}

struct P {
    style: Style,
}

impl P {
    fn minus(&self) -> &'static str {
        match self.style {
            Style::Pretty => "−",
            _ => "-",
        }
    }

    fn paren(&self, s: &str) -> String {
        match self.style {
            Style::Latex => format!("\\left({s}\\right)"),
            _ => format!("({s})"),
        }
    }

    fn wrap(&self, e: &Expr, ctx: u8) -> String {
        let (s, p) = self.go(e);
        if p < ctx {
            self.paren(&s)
        } else {
            s
        }
    }

    /// Like `go`, but lets LaTeX write `\sin x` when nothing follows.
    fn go_loose(&self, e: &Expr) -> (String, u8) {
        match e {
            Expr::Call(f, args) if self.style == Style::Latex && bare_latex_ok(*f, args) => {
                self.bare_latex_call(*f, args)
            }
            _ => self.go(e),
        }
    }

    /// `\sin x`.
    fn bare_latex_call(&self, f: Func, args: &[Expr]) -> (String, u8) {
        let (a, _) = self.go(args.first().unwrap_or(&Expr::Num(0.0)));
        (format!("{} {}", latex_func(f), a), MUL)
    }

    fn var(&self, name: &str) -> String {
        let mut chars = name.chars();
        let first = chars.next();
        let rest = chars.as_str();
        match self.style {
            Style::Plain => match first.and_then(greek_ascii_name) {
                Some(ascii) => format!("{ascii}{rest}"),
                None => name.to_string(),
            },
            Style::Pretty => {
                let (letters, digits) = name_parts(name);
                format!("{letters}{}", subscript_digits(digits))
            }
            Style::Latex => {
                let (letters, digits) = name_parts(name);
                let (base, suffix) = match letters.split_once('_') {
                    Some((b, s)) => (b, Some(s)),
                    None => (letters, None),
                };
                let mut out = String::new();
                let mut bchars = base.chars();
                match (bchars.next(), bchars.next()) {
                    (Some(c), None) => match latex_greek(c) {
                        Some(g) => out.push_str(g),
                        None => out.push(c),
                    },
                    _ => {
                        out.push_str("\\mathrm{");
                        out.push_str(&latex_escape_text(base));
                        out.push('}');
                    }
                }
                if !digits.is_empty() {
                    out.push_str(&format!("_{{{digits}}}"));
                } else if let Some(s) = suffix {
                    out.push_str(&format!("_{{\\mathrm{{{}}}}}", latex_escape_text(s)));
                }
                out
            }
        }
    }

    fn num(&self, v: f64) -> (String, u8) {
        let body = match self.style {
            Style::Latex => num_latex(v.abs()),
            _ => num_plain(v.abs()),
        };
        if v < 0.0 {
            (format!("{}{body}", self.minus()), NEG)
        } else {
            (body, ATOM)
        }
    }

    fn go(&self, e: &Expr) -> (String, u8) {
        match e {
            Expr::Num(_) | Expr::Const(_) | Expr::Var(_) => self.leaf(e),
            Expr::Neg(a) => self.go_neg(a),
            Expr::Add(ts) => self.go_add(ts),
            Expr::Mul(fs) => self.go_mul(e, fs),
            Expr::Div(a, b) => self.go_div(a, b),
            Expr::Pow(a, b) => self.power(a, b),
            Expr::Call(f, args) => self.call(*f, args),
        }
    }

    // Each kind of node is printed by its own function, so that a level of nesting only
    // puts one of them on the stack (printing recurses as deep as the expression).

    /// A number, constant or variable.
    #[inline(never)]
    fn leaf(&self, e: &Expr) -> (String, u8) {
        match e {
            Expr::Num(v) => self.num(*v),
            Expr::Const(c) => (
                match (c, self.style) {
                    (Constant::Pi, Style::Plain) => "pi",
                    (Constant::Pi, Style::Pretty) => "π",
                    (Constant::Pi, Style::Latex) => "\\pi",
                    (Constant::E, _) => "e",
                }
                .to_string(),
                ATOM,
            ),
            Expr::Var(name) => (self.var(name), ATOM),
            _ => (String::new(), ATOM),
        }
    }

    fn go_neg(&self, a: &Expr) -> (String, u8) {
        let (s, p) = self.go_loose(a);
        let s = if p < MUL { self.paren(&s) } else { s };
        (format!("{}{s}", self.minus()), NEG)
    }

    fn go_add(&self, ts: &[Expr]) -> (String, u8) {
        let mut out = String::new();
        for (i, t) in ts.iter().enumerate() {
            self.add_term(&mut out, i == 0, t);
        }
        if ts.is_empty() {
            out.push('0');
        }
        (out, ADD)
    }

    /// Appends a term of a sum (`first`: the leading term).
    fn add_term(&self, out: &mut String, first: bool, t: &Expr) {
        if first {
            let sp = self.go_loose(t);
            self.push_wrapped(out, "", sp, ADD);
            return;
        }
        if let Expr::Neg(a) = t {
            // The common negative term, printed without copying it (as `split_neg` would).
            let sp = self.go_loose(a);
            let sep = if self.style == Style::Pretty {
                " − "
            } else {
                " - "
            };
            self.push_wrapped(out, sep, sp, MUL);
            return;
        }
        match split_neg(t) {
            Some(pos) => {
                let sp = self.go_loose(&pos);
                let sep = if self.style == Style::Pretty {
                    " − "
                } else {
                    " - "
                };
                self.push_wrapped(out, sep, sp, MUL);
            }
            None => {
                let sp = self.go_loose(t);
                self.push_wrapped(out, " + ", sp, NEG);
            }
        }
    }

    /// Appends `sep` and `s`, in brackets if its precedence `p` is below `ctx`.
    #[inline(never)]
    fn push_wrapped(&self, out: &mut String, sep: &str, (s, p): (String, u8), ctx: u8) {
        out.push_str(sep);
        if p < ctx {
            out.push_str(&self.paren(&s));
        } else {
            out.push_str(&s);
        }
    }

    fn go_mul(&self, e: &Expr, fs: &[Expr]) -> (String, u8) {
        if fs.is_empty() {
            return ("1".into(), ATOM);
        }
        if let [one] = fs {
            return self.go(one);
        }
        if let Some(pos) = split_neg(e) {
            return self.neg_product(&pos);
        }
        if !fs
            .iter()
            .any(|f| matches!(f, Expr::Pow(_, x) if negative_power(x).is_some()))
        {
            // No denominator: print the factors as they are (no copies).
            return (self.product(fs), MUL);
        }
        self.fraction_of(fs)
    }

    /// −(a·b·…), given the positive product.
    fn neg_product(&self, pos: &Expr) -> (String, u8) {
        let (s, p) = self.go(pos);
        let s = if p < MUL { self.paren(&s) } else { s };
        (format!("{}{s}", self.minus()), NEG)
    }

    /// A product with a denominator.
    fn fraction_of(&self, fs: &[Expr]) -> (String, u8) {
        let (num, den) = split_fraction(fs);
        self.fraction(&num, &den)
    }

    fn go_div(&self, a: &Expr, b: &Expr) -> (String, u8) {
        if let Expr::Neg(pa) = a {
            return self.neg_div(pa, b);
        }
        match split_neg(a) {
            Some(pa) => self.neg_div(&pa, b),
            None if self.style == Style::Latex => self.div_latex(a, b),
            None => self.div_plain(a, b),
        }
    }

    /// −(a/b), given a.
    fn neg_div(&self, pa: &Expr, b: &Expr) -> (String, u8) {
        let (s, _) = self.go_div(pa, b);
        (format!("{}{s}", self.minus()), NEG)
    }

    fn div_latex(&self, a: &Expr, b: &Expr) -> (String, u8) {
        let (na, _) = self.go_loose(a);
        let (nb, _) = self.go_loose(b);
        (format!("\\frac{{{na}}}{{{nb}}}"), MUL)
    }

    fn div_plain(&self, a: &Expr, b: &Expr) -> (String, u8) {
        let left = self.wrap(a, MUL);
        let right = self.wrap(b, PREFIX);
        (format!("{left}/{right}"), MUL)
    }

    fn power(&self, a: &Expr, b: &Expr) -> (String, u8) {
        match self.style {
            Style::Latex => self.power_latex(a, b),
            Style::Pretty => match integer_exponent(b) {
                Some(n) => self.power_superscript(a, n),
                None => self.power_plain(a, b),
            },
            Style::Plain => self.power_plain(a, b),
        }
    }

    fn power_latex(&self, a: &Expr, b: &Expr) -> (String, u8) {
        let base = self.wrap(a, ATOM);
        let (x, _) = self.go_loose(b);
        if let Expr::Const(Constant::E) = a {
            return (format!("e^{{{x}}}"), POW);
        }
        (format!("{base}^{{{x}}}"), POW)
    }

    fn power_superscript(&self, a: &Expr, n: i64) -> (String, u8) {
        let base = self.wrap(a, ATOM);
        (format!("{base}{}", superscript(n)), POW)
    }

    fn power_plain(&self, a: &Expr, b: &Expr) -> (String, u8) {
        let base = self.wrap(a, ATOM);
        let x = self.wrap(b, ATOM);
        (format!("{base}^{x}"), POW)
    }

    fn call(&self, f: Func, args: &[Expr]) -> (String, u8) {
        match self.style {
            Style::Plain => self.call_plain(f, args),
            Style::Pretty => self.call_pretty(f, args),
            Style::Latex => self.call_latex(f, args),
        }
    }

    fn call_plain(&self, f: Func, args: &[Expr]) -> (String, u8) {
        let inner: Vec<String> = args.iter().map(|a| self.go(a).0).collect();
        (format!("{}({})", f.name(), inner.join(", ")), ATOM)
    }

    fn call_pretty(&self, f: Func, args: &[Expr]) -> (String, u8) {
        // Each argument is printed once (printing it again to look at its
        // precedence would take time exponential in the nesting depth).
        let inner: Vec<(String, u8)> = args.iter().map(|a| self.go(a)).collect();
        let joined = inner
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        match f {
            // Bars inside bars (`||x| - 1|`) do not parse back unambiguously.
            Func::Abs if joined.contains('|') => (format!("abs({joined})"), ATOM),
            Func::Abs => (format!("|{joined}|"), ATOM),
            Func::Sqrt => match inner.as_slice() {
                [(_, p)] if *p == ATOM => (format!("√{joined}"), PREFIX),
                _ => (format!("√({joined})"), PREFIX),
            },
            Func::Sigmoid => (format!("σ({joined})"), ATOM),
            Func::Log10 => (format!("log₁₀({joined})"), ATOM),
            Func::Log2 => (format!("log₂({joined})"), ATOM),
            _ => (format!("{}({joined})", f.name()), ATOM),
        }
    }

    fn call_latex(&self, f: Func, args: &[Expr]) -> (String, u8) {
        let inner: Vec<String> = args.iter().map(|a| self.go_loose(a).0).collect();
        let joined = inner.join(", ");
        match f {
            Func::Abs => (format!("\\left|{joined}\\right|"), ATOM),
            Func::Sqrt => (format!("\\sqrt{{{joined}}}"), ATOM),
            Func::Cbrt => (format!("\\sqrt[3]{{{joined}}}"), ATOM),
            Func::NthRoot => match inner.as_slice() {
                [a, n] => (format!("\\sqrt[{n}]{{{a}}}"), ATOM),
                _ => (
                    format!("\\operatorname{{nthRoot}}\\left({joined}\\right)"),
                    ATOM,
                ),
            },
            Func::Floor => (format!("\\left\\lfloor {joined} \\right\\rfloor"), ATOM),
            Func::Ceil => (format!("\\left\\lceil {joined} \\right\\rceil"), ATOM),
            Func::Exp if joined.len() <= 40 => (format!("e^{{{joined}}}"), POW),
            _ => (format!("{}\\left({joined}\\right)", latex_func(f)), ATOM),
        }
    }

    fn product(&self, fs: &[Expr]) -> String {
        if fs.is_empty() {
            return "1".into();
        }
        let mut out = String::new();
        // LaTeX writes `\sin x` without brackets only when every function in the product
        // can be written so and they come last (`x\sin y`, `\sin x\cos y`); otherwise
        // every function keeps its brackets, so that one product never mixes the two.
        let first_call = fs.iter().position(|f| matches!(f, Expr::Call(..)));
        let bare = self.style == Style::Latex
            && first_call.is_some_and(|k| {
                fs.iter()
                    .skip(k)
                    .all(|f| matches!(f, Expr::Call(g, args) if bare_latex_ok(*g, args)))
            });
        for (i, f) in fs.iter().enumerate() {
            let s = match f {
                Expr::Call(..) if bare => self.go_loose(f).0,
                _ => self.wrap(f, PREFIX),
            };
            self.push_factor(&mut out, fs, i, s);
        }
        out
    }

    /// Appends factor `i` of `fs`, printed as `s`, with the separator it needs.
    #[inline(never)]
    fn push_factor(&self, out: &mut String, fs: &[Expr], i: usize, s: String) {
        if let (Some(f), Some(prev)) = (fs.get(i), i.checked_sub(1).and_then(|j| fs.get(j))) {
            let after_call = self.style == Style::Pretty
                && matches!(prev, Expr::Call(h, _) if !matches!(h, Func::Abs | Func::Sqrt));
            let sep = self.separator(out, f, &s);
            let letter_next = s.starts_with(|c: char| c.is_alphabetic());
            out.push_str(if after_call && sep.is_empty() && letter_next {
                " "
            } else {
                sep
            });
        }
        out.push_str(&s);
    }

    fn separator(&self, left: &str, right: &Expr, right_s: &str) -> &'static str {
        let rfirst = right_s.chars().next().unwrap_or(' ');
        match self.style {
            Style::Plain => "*",
            Style::Latex => {
                if rfirst.is_ascii_digit() || rfirst == '.' {
                    return " \\cdot ";
                }
                let trailing: String = left
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                let before = left
                    .chars()
                    .rev()
                    .nth(trailing.chars().count())
                    .unwrap_or(' ');
                if !trailing.is_empty() && before == '\\' && rfirst.is_ascii_alphabetic() {
                    " "
                } else {
                    ""
                }
            }
            Style::Pretty => {
                if rfirst.is_ascii_digit() || rfirst == '.' || rfirst == '|' {
                    return "·";
                }
                if matches!(right, Expr::Call(f, _) if !matches!(f, Func::Abs | Func::Sqrt)) {
                    return " ";
                }
                if matches!(right, Expr::Pow(b, _) if matches!(**b, Expr::Call(..))) {
                    return " ";
                }
                if rfirst == '(' && letters_before_bracket_split(left) {
                    // `xy(x + 1)` would read as an unknown function `xy`.
                    return "·";
                }
                if !rfirst.is_ascii_alphabetic() {
                    return "";
                }
                if right_s.contains('_') || left.ends_with('_') {
                    return "·";
                }
                let lrun: String = {
                    let mut v: Vec<char> = left
                        .chars()
                        .rev()
                        .take_while(|c| c.is_ascii_alphabetic() || *c == '_')
                        .collect();
                    v.reverse();
                    v.into_iter().collect()
                };
                if lrun.contains('_') {
                    return "·";
                }
                if lrun.is_empty() {
                    // After a number: `2e3` would read as a number in scientific notation.
                    return "";
                }
                let rrun: String = right_s
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                let separate: Vec<_> = split_letters(&lrun)
                    .into_iter()
                    .chain(split_letters(&rrun))
                    .map(|p| p.0)
                    .collect();
                let joined: Vec<_> = split_letters(&format!("{lrun}{rrun}"))
                    .into_iter()
                    .map(|p| p.0)
                    .collect();
                if separate == joined {
                    ""
                } else {
                    "·"
                }
            }
        }
    }

    fn fraction(&self, num: &[Expr], den: &[Expr]) -> (String, u8) {
        match self.style {
            Style::Latex => {
                let n = self.product(num);
                let d = self.product(den);
                (format!("\\frac{{{n}}}{{{d}}}"), MUL)
            }
            _ => {
                let n = match num {
                    [one] => self.wrap(one, MUL),
                    _ => self.product(num),
                };
                let d = match den {
                    [one] => self.wrap(one, PREFIX),
                    _ => self.paren(&self.product(den)),
                };
                (format!("{n}/{d}"), MUL)
            }
        }
    }
}

impl fmt::Display for Expr {
    /// Plain ASCII in the parser's input syntax, e.g. `3*x^2*y^2`, `exp(-(x^2 + y^2)/2)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = P {
            style: Style::Plain,
        };
        f.write_str(&p.go(self).0)
    }
}

impl Expr {
    /// Textbook Unicode: `3x²y²`, `x² − 5`, `2 sin(x)`, `√(x + 1)`, `π`. Parses back.
    pub fn to_pretty(&self) -> String {
        P {
            style: Style::Pretty,
        }
        .go(self)
        .0
    }

    /// LaTeX: `3x^{2}y^{2}`, `\frac{a}{b}`, `\sin x`, `\sqrt{x}`, `e^{-x}`, `w_{1}`.
    pub fn to_latex(&self) -> String {
        P {
            style: Style::Latex,
        }
        .go_loose(self)
        .0
    }

    /// MathML (block display) rendered from [`Expr::to_latex`].
    pub fn to_mathml(&self) -> String {
        latex_to_mathml(&self.to_latex(), true)
    }
}

/// A gradient as a bracketed pretty list: `[2x, 2y]`.
pub fn gradient_pretty(list: &[Expr]) -> String {
    let parts: Vec<String> = list.iter().map(Expr::to_pretty).collect();
    format!("[{}]", parts.join(", "))
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders LaTeX math to MathML (`display` = block rather than inline). Never panics: if
/// the LaTeX cannot be rendered, the result is a `<math>` element holding an `<merror>`
/// with the escaped source.
pub fn latex_to_mathml(latex: &str, display: bool) -> String {
    use pulldown_latex::{config::DisplayMode, push_mathml, Parser, RenderConfig, Storage};
    let fallback = || {
        format!(
            "<math><merror><mtext>{}</mtext></merror></math>",
            xml_escape(latex)
        )
    };
    let render = || {
        let storage = Storage::new();
        let parser = Parser::new(latex, &storage);
        let config = RenderConfig {
            display_mode: if display {
                DisplayMode::Block
            } else {
                DisplayMode::Inline
            },
            ..RenderConfig::default()
        };
        let mut out = String::new();
        push_mathml(&mut out, parser, config).map(|_| out)
    };
    match std::panic::catch_unwind(render) {
        Ok(Ok(s)) => s,
        _ => fallback(),
    }
}

#[cfg(test)]
mod tests {
    use crate::math::parse;

    #[test]
    fn superscripts_write_signs_and_every_digit() {
        use super::superscript;
        assert_eq!(superscript(-4), "⁻⁴");
        assert_eq!(superscript(1234567890_i64), "¹²³⁴⁵⁶⁷⁸⁹⁰");
        assert_eq!(superscript(0), "⁰");
        let min = superscript(i64::MIN);
        assert!(min.starts_with('⁻') && min.chars().count() == 20, "{min}");
    }

    fn show(src: &str) -> (String, String, String) {
        let e = parse(src).unwrap().simplify();
        (e.to_string(), e.to_pretty(), e.to_latex())
    }

    #[test]
    fn basic_forms() {
        assert_eq!(
            show("3x^2y^2"),
            ("3*x^2*y^2".into(), "3x²y²".into(), "3x^{2}y^{2}".into())
        );
        assert_eq!(show("x^2 - 5").1, "x² − 5");
        assert_eq!(show("x/y").0, "x/y");
        assert_eq!(show("w1*x").2, "w_{1}x");
        assert_eq!(show("theta").2, "\\theta");
        assert_eq!(show("sin(x)").2, "\\sin x");
    }

    #[test]
    fn pretty_avoids_misreadings() {
        // p·i must not print as "pi"
        let e = parse("p*i").unwrap();
        assert_eq!(e.to_pretty(), "p·i");
        assert_eq!(parse("2*3").unwrap().to_pretty(), "2·3");
    }

    #[test]
    fn mathml_never_panics() {
        let m = parse("x^2").unwrap().to_mathml();
        assert!(m.contains("<math"), "{m}");
        let bad = super::latex_to_mathml("\\frac{", false);
        assert!(bad.contains("<math") || bad.contains("merror"), "{bad}");
    }
}
