//! Simplification to the form a textbook prints.
//!
//! One bottom-up pass: every node is rebuilt from its already simplified children by a
//! fixed set of constructions (`build_add`, `build_mul`, `build_pow`, `build_call`), none
//! of which calls back into a general rewrite loop, so simplification always terminates
//! and takes time roughly proportional to the tree's size.
//!
//! What it does:
//! * Numbers are folded exactly: integers stay integers and an integer divided by an
//!   integer stays a fraction (`1/2`, not `0.5`). As soon as a decimal such as `0.1` is
//!   involved the arithmetic is floating point (`0.1·2x` → `0.2x`). A fold that would give
//!   infinity or NaN is not done.
//! * Products: numeric factors are multiplied into one coefficient, powers of the same
//!   base are combined (`x·x` → `x²`, `x/x` → `1`, `√x·√x` → `x`), `(2x)²` → `4x²`
//!   (integer powers only, so `√(x²)` is kept), `0·anything` → `0`, `1·a` → `a`.
//! * Sums: like terms are collected (`3xy + 2xy` → `5xy`), zeros dropped, `−(a + b)` is
//!   distributed, but a product of sums is never expanded (so Rosenbrock and Gaussian
//!   derivatives stay short).
//! * Order: factors are numbers, constants, variables by name, functions, then sums;
//!   terms are ordered by total degree (highest first), then by variable name, constants
//!   last. If that would put a subtracted term first, the first added term is moved to the
//!   front (`y − x²` rather than `−x² + y`).
//! * `x^1` → `x`, `x^0` → `1`, `e^u` → `exp(u)` (but `e^2` stays), `x^(1/2)` → `sqrt(x)`, `ln(e^u)` → `u`,
//!   exact function values such as `sin(0)`, `ln(1)`, `sqrt(9)`.
//!
//! The value is preserved wherever the original expression is defined; like a textbook,
//! cancelling `x/x` to `1` extends the domain.

use super::expr::{Constant, Expr, Func};
use std::cmp::Ordering;

/// A numeric coefficient: an exact fraction when possible, otherwise a float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Coef {
    /// numerator, denominator (> 0, in lowest terms)
    Rat(i64, i64),
    F(f64),
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        // The common case, without 128-bit division.
        let (mut a, mut b) = (x, y);
        while b != 0 {
            let t = a % b;
            a = b;
            b = t;
        }
        return i128::from(a);
    }
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    i128::try_from(a).unwrap_or(i128::MAX)
}

impl Coef {
    const ZERO: Coef = Coef::Rat(0, 1);
    const ONE: Coef = Coef::Rat(1, 1);

    pub(crate) fn from_f64(v: f64) -> Coef {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Coef::Rat(v as i64, 1)
        } else {
            Coef::F(v)
        }
    }

    fn rat(n: i128, d: i128) -> Coef {
        if d == 0 {
            return Coef::F(f64::NAN);
        }
        if d == 1 && n.unsigned_abs() < (1 << 53) {
            // An integer: already in lowest terms.
            return Coef::Rat(n as i64, 1);
        }
        let g = gcd(n, d).max(1);
        let (mut n, mut d) = (n / g, d / g);
        if d < 0 {
            n = -n;
            d = -d;
        }
        match (i64::try_from(n), i64::try_from(d)) {
            (Ok(n), Ok(d)) if n.abs() < (1 << 53) && d < (1 << 53) => Coef::Rat(n, d),
            _ => Coef::F(n as f64 / d as f64),
        }
    }

    pub(crate) fn value(self) -> f64 {
        match self {
            Coef::Rat(n, d) => n as f64 / d as f64,
            Coef::F(v) => v,
        }
    }

    fn is_zero(self) -> bool {
        self.value() == 0.0
    }

    fn is_one(self) -> bool {
        self == Coef::ONE || self == Coef::F(1.0)
    }

    fn is_neg(self) -> bool {
        self.value() < 0.0
    }

    fn is_integer(self) -> bool {
        matches!(self, Coef::Rat(_, 1))
    }

    fn finite(self) -> bool {
        self.value().is_finite()
    }

    fn add(self, o: Coef) -> Coef {
        match (self, o) {
            (Coef::Rat(a, b), Coef::Rat(c, d)) => Coef::rat(
                a as i128 * d as i128 + c as i128 * b as i128,
                b as i128 * d as i128,
            ),
            _ => Coef::F(self.value() + o.value()),
        }
    }

    fn mul(self, o: Coef) -> Coef {
        match (self, o) {
            (Coef::Rat(a, b), Coef::Rat(c, d)) => {
                Coef::rat(a as i128 * c as i128, b as i128 * d as i128)
            }
            _ => Coef::F(self.value() * o.value()),
        }
    }

    fn neg(self) -> Coef {
        match self {
            Coef::Rat(a, b) => Coef::Rat(-a, b),
            Coef::F(v) => Coef::F(-v),
        }
    }

    fn abs(self) -> Coef {
        if self.is_neg() {
            self.neg()
        } else {
            self
        }
    }

    fn recip(self) -> Option<Coef> {
        if self.is_zero() {
            return None;
        }
        Some(match self {
            Coef::Rat(a, b) => Coef::rat(b as i128, a as i128),
            Coef::F(v) => {
                // 1/2.5e-6 is 399999.99999999994 in floating point; the learner meant
                // 400000. Snapping a reciprocal that is within rounding of an integer keeps
                // the printed form readable and keeps `(-x)^(w/2.5e-6)` an integer power
                // wherever the original was one.
                let r = 1.0 / v;
                let n = r.round();
                if n != 0.0 && n.abs() < 9.0e15 && (r - n).abs() <= 4.0 * f64::EPSILON * n.abs() {
                    Coef::Rat(n as i64, 1)
                } else {
                    Coef::F(r)
                }
            }
        })
    }

    /// Raises to an integer power exactly when possible; `None` for 0 to a negative power
    /// or an overflow to infinity.
    fn powi(self, n: i64) -> Option<Coef> {
        if n < 0 {
            return self.recip()?.powi(n.checked_neg()?);
        }
        let out = match self {
            Coef::Rat(a, b) if n <= 64 => {
                let mut num: i128 = 1;
                let mut den: i128 = 1;
                let mut exact = true;
                for _ in 0..n {
                    match (num.checked_mul(a as i128), den.checked_mul(b as i128)) {
                        (Some(x), Some(y)) if x.abs() < (1 << 60) && y < (1 << 60) => {
                            num = x;
                            den = y;
                        }
                        _ => {
                            exact = false;
                            break;
                        }
                    }
                }
                if exact {
                    Coef::rat(num, den)
                } else {
                    Coef::F(self.value().powi(n as i32))
                }
            }
            _ => Coef::F(self.value().powf(n as f64)),
        };
        out.finite().then_some(out)
    }

    pub(crate) fn to_expr(self) -> Expr {
        match self {
            Coef::Rat(n, 1) => Expr::Num(n as f64),
            Coef::Rat(n, d) => {
                let frac = Expr::Div(
                    Box::new(Expr::Num(n.abs() as f64)),
                    Box::new(Expr::Num(d as f64)),
                );
                if n < 0 {
                    Expr::Neg(Box::new(frac))
                } else {
                    frac
                }
            }
            Coef::F(v) => Expr::Num(if v == 0.0 { 0.0 } else { v }),
        }
    }
}

/// Reads a (simplified) numeric expression as a coefficient: `3`, `-2`, `1/2`, `-(1/2)`.
pub(crate) fn as_coef(e: &Expr) -> Option<Coef> {
    match e {
        Expr::Num(v) => Some(Coef::from_f64(*v)),
        Expr::Neg(a) => as_coef(a).map(Coef::neg),
        Expr::Div(a, b) => match (&**a, &**b) {
            (Expr::Num(n), Expr::Num(d)) => {
                let (n, d) = (Coef::from_f64(*n), Coef::from_f64(*d));
                n.mul(d.recip()?).into()
            }
            _ => None,
        },
        _ => None,
    }
}

/// A product: coefficient times bases raised to powers.
#[derive(Clone, Debug)]
struct Term {
    coef: Coef,
    factors: Vec<(Expr, Expr)>,
}

const HALF: Coef = Coef::Rat(1, 2);

impl Term {
    fn one() -> Term {
        Term {
            coef: Coef::ONE,
            factors: Vec::new(),
        }
    }

    /// Adds a simplified expression as factor(s) of this product.
    fn absorb(&mut self, e: &Expr) {
        match e {
            Expr::Num(v) => self.coef = self.coef.mul(Coef::from_f64(*v)),
            Expr::Neg(a) => {
                self.coef = self.coef.neg();
                self.absorb(a);
            }
            Expr::Mul(fs) => {
                for f in fs {
                    self.absorb(f);
                }
            }
            Expr::Div(a, b) => {
                let mut den = Term::one();
                den.absorb(b);
                let Some(r) = den.coef.recip() else {
                    // Division by zero: kept exactly as written, as one opaque factor,
                    // so that its sign and its use inside max/min are not changed.
                    self.factors.push((e.clone(), Expr::Num(1.0)));
                    return;
                };
                self.absorb(a);
                self.coef = self.coef.mul(r);
                for (base, exp) in den.factors {
                    self.factors.push((base, negate_exp(&exp)));
                }
            }
            Expr::Pow(b, x) if as_coef(x).is_some() => {
                self.factors.push(((**b).clone(), (**x).clone()));
            }
            Expr::Call(Func::Sqrt, args) if args.len() == 1 => {
                if let Some(a) = args.first() {
                    self.factors.push((a.clone(), HALF.to_expr()));
                }
            }
            other => self.factors.push((other.clone(), Expr::Num(1.0))),
        }
    }

    /// Like `absorb`, but takes the expression by value and moves its parts into the
    /// product instead of copying them.
    fn absorb_owned(&mut self, e: Expr) {
        match e {
            Expr::Num(v) => self.coef = self.coef.mul(Coef::from_f64(v)),
            Expr::Neg(a) => {
                self.coef = self.coef.neg();
                self.absorb_owned(*a);
            }
            Expr::Mul(fs) => {
                for f in fs {
                    self.absorb_owned(f);
                }
            }
            Expr::Div(a, b) => {
                let mut den = Term::one();
                den.absorb(&b);
                let Some(r) = den.coef.recip() else {
                    // Division by zero: kept whole (see `absorb`).
                    self.factors.push((Expr::Div(a, b), Expr::Num(1.0)));
                    return;
                };
                self.absorb_owned(*a);
                self.coef = self.coef.mul(r);
                for (base, exp) in den.factors {
                    self.factors.push((base, negate_exp(&exp)));
                }
            }
            Expr::Pow(b, x) if as_coef(&x).is_some() => self.factors.push((*b, *x)),
            Expr::Call(Func::Sqrt, mut args) if args.len() == 1 => {
                if let Some(a) = args.pop() {
                    self.factors.push((a, HALF.to_expr()));
                }
            }
            other => self.factors.push((other, Expr::Num(1.0))),
        }
    }

    /// Merges equal bases, folds numeric powers into the coefficient and sorts.
    fn normalize(&mut self) {
        if self.factors.len() > 1 {
            let mut merged: Vec<(Expr, Expr)> = Vec::with_capacity(self.factors.len());
            for (base, exp) in self.factors.drain(..) {
                if let Some(slot) = merged.iter_mut().find(|(b, _)| *b == base) {
                    let sum = match (as_coef(&slot.1), as_coef(&exp)) {
                        (Some(a), Some(b)) => a.add(b).to_expr(),
                        _ => build_add(vec![std::mem::replace(&mut slot.1, Expr::Num(0.0)), exp]),
                    };
                    slot.1 = sum;
                } else {
                    merged.push((base, exp));
                }
            }
            self.factors = merged;
        }
        let mut coef = self.coef;
        self.factors.retain(|(base, exp)| {
            let ec = as_coef(exp);
            if ec.is_some_and(|c| c.is_zero()) {
                return false; // b^0 = 1
            }
            if let (Some(bc), Some(ec)) = (as_coef(base), ec) {
                if let Some(v) = fold_num_pow(bc, ec) {
                    coef = coef.mul(v);
                    return false;
                }
            }
            true
        });
        self.coef = coef;
        if self.factors.len() > 1 {
            self.factors.sort_by(factor_cmp);
        }
    }

    fn into_expr(self) -> Expr {
        let c = self.coef.abs();
        let (p, q) = match c {
            Coef::Rat(n, d) => (Coef::Rat(n, 1), d),
            Coef::F(_) => (c, 1),
        };
        let mut num = Vec::with_capacity(self.factors.len() + 1);
        let mut den = Vec::new();
        if !p.is_one() || self.factors.is_empty() {
            num.push(p.to_expr());
        }
        if q != 1 {
            den.push(Expr::Num(q as f64));
        }
        let mut any_num = false;
        for (base, exp) in self.factors {
            match as_coef(&exp) {
                // 0^(−k) stays a visible power (it is undefined; see `absorb`).
                Some(ec) if ec.is_neg() && base != Expr::Num(0.0) => {
                    den.push(power_out(base, ec.neg()))
                }
                Some(ec) => {
                    any_num = true;
                    num.push(power_out(base, ec))
                }
                None => {
                    any_num = true;
                    num.push(Expr::Pow(Box::new(base), Box::new(exp)))
                }
            }
        }
        // With only denominator factors, the numerator is the coefficient (even 1).
        if !any_num && num.is_empty() {
            num.push(p.to_expr());
        }
        let numer = product(num);
        let e = if den.is_empty() {
            numer
        } else {
            Expr::Div(Box::new(numer), Box::new(product(den)))
        };
        if self.coef.is_neg() {
            match e {
                Expr::Num(v) => Expr::Num(-v),
                e => Expr::Neg(Box::new(e)),
            }
        } else {
            e
        }
    }
}

fn product(mut v: Vec<Expr>) -> Expr {
    if v.len() == 1 {
        v.pop().unwrap_or(Expr::Num(1.0))
    } else {
        Expr::Mul(v)
    }
}

fn power_out(base: Expr, e: Coef) -> Expr {
    if e.is_one() {
        base
    } else if e == HALF {
        Expr::Call(Func::Sqrt, vec![base])
    } else {
        Expr::Pow(Box::new(base), Box::new(e.to_expr()))
    }
}

fn negate_exp(e: &Expr) -> Expr {
    match as_coef(e) {
        Some(c) => c.neg().to_expr(),
        None => build_mul(vec![Expr::Num(-1.0), e.clone()]),
    }
}

/// Folds number^number when the result is exact (or the inputs were already inexact).
fn fold_num_pow(b: Coef, e: Coef) -> Option<Coef> {
    match (b, e) {
        (_, Coef::Rat(n, 1)) => b.powi(n),
        (Coef::Rat(a, bd), Coef::Rat(n, 2)) if a >= 0 => {
            let ra = isqrt(a)?;
            let rb = isqrt(bd)?;
            Coef::Rat(ra, rb).powi(n)
        }
        (Coef::Rat(..), Coef::Rat(..)) => None,
        _ => {
            let v = b.value().powf(e.value());
            v.is_finite().then_some(Coef::F(v))
        }
    }
}

fn isqrt(a: i64) -> Option<i64> {
    if a < 0 {
        return None;
    }
    let r = (a as f64).sqrt().round() as i64;
    (r.checked_mul(r) == Some(a)).then_some(r)
}

fn rank(e: &Expr) -> u8 {
    match e {
        Expr::Num(_) => 0,
        Expr::Const(_) => 1,
        Expr::Var(_) => 2,
        Expr::Call(..) => 3,
        Expr::Add(_) => 4,
        Expr::Neg(_) => 5,
        Expr::Mul(_) => 6,
        Expr::Div(..) => 7,
        Expr::Pow(..) => 8,
    }
}

fn factor_cmp(a: &(Expr, Expr), b: &(Expr, Expr)) -> Ordering {
    rank(&a.0)
        .cmp(&rank(&b.0))
        .then_with(|| expr_cmp(&a.0, &b.0))
        .then_with(|| expr_cmp(&a.1, &b.1))
}

/// A total order on expressions, used to make sorting deterministic.
pub(crate) fn expr_cmp(a: &Expr, b: &Expr) -> Ordering {
    let variant = |e: &Expr| match e {
        Expr::Num(_) => 0u8,
        Expr::Const(_) => 1,
        Expr::Var(_) => 2,
        Expr::Neg(_) => 3,
        Expr::Add(_) => 4,
        Expr::Mul(_) => 5,
        Expr::Div(..) => 6,
        Expr::Pow(..) => 7,
        Expr::Call(..) => 8,
    };
    match (a, b) {
        (Expr::Num(x), Expr::Num(y)) => x.total_cmp(y),
        (Expr::Const(x), Expr::Const(y)) => x.cmp(y),
        (Expr::Var(x), Expr::Var(y)) => x.cmp(y),
        (Expr::Neg(x), Expr::Neg(y)) => expr_cmp(x, y),
        (Expr::Add(x), Expr::Add(y)) | (Expr::Mul(x), Expr::Mul(y)) => list_cmp(x, y),
        (Expr::Div(a1, b1), Expr::Div(a2, b2)) | (Expr::Pow(a1, b1), Expr::Pow(a2, b2)) => {
            expr_cmp(a1, a2).then_with(|| expr_cmp(b1, b2))
        }
        (Expr::Call(f, x), Expr::Call(g, y)) => f.cmp(g).then_with(|| list_cmp(x, y)),
        _ => variant(a).cmp(&variant(b)),
    }
}

fn list_cmp(x: &[Expr], y: &[Expr]) -> Ordering {
    for (a, b) in x.iter().zip(y) {
        let o = expr_cmp(a, b);
        if o != Ordering::Equal {
            return o;
        }
    }
    x.len().cmp(&y.len())
}

/// The polynomial degree of an expression (functions and constants count 0).
fn degree(e: &Expr) -> f64 {
    match e {
        Expr::Var(_) => 1.0,
        Expr::Num(_) | Expr::Const(_) | Expr::Call(..) => 0.0,
        Expr::Neg(a) => degree(a),
        Expr::Add(ts) => ts.iter().map(degree).fold(f64::NEG_INFINITY, f64::max),
        Expr::Mul(fs) => fs.iter().map(degree).sum(),
        Expr::Div(a, b) => degree(a) - degree(b),
        Expr::Pow(b, x) => match as_coef(x) {
            Some(c) => degree(b) * c.value(),
            None => 0.0,
        },
    }
}

/// The key that orders the terms of a sum (borrowing the term's variable names).
struct SortKey<'t> {
    degree: f64,
    vars: Vec<(&'t str, f64)>,
    constant: bool,
}

fn sort_key(t: &Term) -> SortKey<'_> {
    let mut degree_sum = 0.0;
    let mut vars = Vec::new();
    for (base, exp) in &t.factors {
        let ev = as_coef(exp).map(Coef::value);
        if let Some(ev) = ev {
            degree_sum += degree(base) * ev;
            if let Expr::Var(name) = base {
                vars.push((name.as_str(), ev));
            }
        }
    }
    SortKey {
        degree: if degree_sum.is_finite() {
            degree_sum
        } else {
            0.0
        },
        vars,
        constant: t.factors.is_empty(),
    }
}

fn key_cmp(a: &SortKey, b: &SortKey) -> Ordering {
    b.degree
        .total_cmp(&a.degree)
        .then_with(|| a.constant.cmp(&b.constant))
        .then_with(|| {
            for (x, y) in a.vars.iter().zip(&b.vars) {
                let o = x.0.cmp(y.0).then_with(|| y.1.total_cmp(&x.1));
                if o != Ordering::Equal {
                    return o;
                }
            }
            b.vars.len().cmp(&a.vars.len())
        })
}

/// The order of two terms of a sum with keys `ka` and `kb`.
fn term_cmp(ka: &SortKey, ta: &Term, kb: &SortKey, tb: &Term) -> Ordering {
    key_cmp(ka, kb).then_with(|| {
        for (fa, fb) in ta.factors.iter().zip(&tb.factors) {
            let o = expr_cmp(&fa.0, &fb.0);
            if o != Ordering::Equal {
                return o;
            }
        }
        ta.factors.len().cmp(&tb.factors.len()).then_with(|| {
            for (fa, fb) in ta.factors.iter().zip(&tb.factors) {
                let o = expr_cmp(&fa.1, &fb.1);
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        })
    })
}

/// Builds a simplified sum from simplified terms.
fn build_add(terms: Vec<Expr>) -> Expr {
    let flat: Vec<Expr> = if terms.iter().any(|t| matches!(t, Expr::Add(_))) {
        let mut flat = Vec::with_capacity(terms.len() + 2);
        for t in terms {
            match t {
                Expr::Add(inner) => flat.extend(inner),
                t => flat.push(t),
            }
        }
        flat
    } else {
        terms
    };
    let safe = flat.iter().all(|t| {
        let mut numbers = 0;
        !may_overflow(t, &mut numbers) && numbers <= MAX_SAFE_NUMBERS
    });
    let mut collected: Vec<Term> = Vec::with_capacity(flat.len());
    let mut collect = |term: Term| {
        if let Some(slot) = collected.iter_mut().find(|s| s.factors == term.factors) {
            slot.coef = slot.coef.add(term.coef);
        } else {
            collected.push(term);
        }
    };
    if safe {
        // No coefficient can overflow: move the terms rather than copy them.
        for t in flat {
            let mut term = Term::one();
            term.absorb_owned(t);
            term.normalize();
            collect(term);
        }
    } else {
        for t in &flat {
            let mut term = Term::one();
            term.absorb(t);
            term.normalize();
            collect(term);
        }
        if collected.iter().any(|t| !t.coef.finite()) {
            return Expr::Add(flat);
        }
    }
    collected.retain(|t| !t.coef.is_zero());
    match collected.len() {
        0 => return Expr::Num(0.0),
        1 => return collected.pop().map_or(Expr::Num(0.0), Term::into_expr),
        _ => {}
    }
    // Sort (stably) by the terms' keys, then move the first added term to the front.
    let mut order: Vec<usize> = (0..collected.len()).collect();
    {
        let keys: Vec<SortKey> = collected.iter().map(sort_key).collect();
        order.sort_by(|&i, &j| term_cmp(&keys[i], &collected[i], &keys[j], &collected[j]));
    }
    if order.first().is_some_and(|&i| collected[i].coef.is_neg()) {
        if let Some(k) = order.iter().position(|&i| !collected[i].coef.is_neg()) {
            let i = order.remove(k);
            order.insert(0, i);
        }
    }
    let mut slots: Vec<Option<Term>> = collected.into_iter().map(Some).collect();
    let out: Vec<Expr> = order
        .iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .map(Term::into_expr)
        .collect();
    Expr::Add(out)
}

/// Builds a simplified product from simplified factors.
fn build_mul(factors: Vec<Expr>) -> Expr {
    let mut numbers = 0;
    let risky = factors.iter().any(|f| may_overflow(f, &mut numbers)) || numbers > MAX_SAFE_NUMBERS;
    if risky {
        // The coefficient might overflow, and then the product is kept as it was given.
        let mut t = Term::one();
        for f in &factors {
            t.absorb(f);
        }
        return finish_term(t, || Expr::Mul(factors.clone()));
    }
    // The common case: nothing can overflow, so the factors are moved, not copied
    // (copying would make nested products take quadratic time).
    let mut t = Term::one();
    for f in factors {
        t.absorb_owned(f);
    }
    finish_term(t, || Expr::Num(f64::NAN))
}

/// At most this many numbers (each a small integer) in a product cannot overflow its
/// coefficient.
const MAX_SAFE_NUMBERS: usize = 8;

/// Whether absorbing `e` into a product could make the coefficient non-finite: only
/// numbers that are not small integers, or numeric powers (folded into the coefficient),
/// can; `numbers` counts the numbers seen.
fn may_overflow(e: &Expr, numbers: &mut usize) -> bool {
    match e {
        Expr::Num(v) => {
            *numbers += 1;
            !(v.fract() == 0.0 && v.abs() < 1_048_576.0)
        }
        Expr::Neg(a) => may_overflow(a, numbers),
        Expr::Mul(fs) => fs.iter().any(|f| may_overflow(f, numbers)),
        Expr::Div(a, b) => may_overflow(a, numbers) || may_overflow(b, numbers),
        Expr::Pow(b, x) => as_coef(x).is_some() && as_coef(b).is_some(),
        Expr::Call(Func::Sqrt, args) => args.first().and_then(as_coef).is_some(),
        _ => false,
    }
}

fn finish_term(mut t: Term, fallback: impl Fn() -> Expr) -> Expr {
    if t.coef.is_zero() {
        return Expr::Num(0.0);
    }
    t.normalize();
    if !t.coef.finite() {
        return fallback();
    }
    if t.coef.is_zero() {
        return Expr::Num(0.0);
    }
    // −(a + b) → −a − b
    let lone_sum = matches!(
        t.factors.as_slice(),
        [(Expr::Add(_), exp)] if as_coef(exp).is_some_and(Coef::is_one)
    );
    if t.coef == Coef::Rat(-1, 1) && lone_sum {
        if let Some((Expr::Add(terms), _)) = t.factors.pop() {
            let neg = terms
                .into_iter()
                .map(|x| {
                    let mut n = Term::one();
                    n.absorb_owned(x);
                    n.coef = n.coef.neg();
                    n.into_expr()
                })
                .collect();
            return build_add(neg);
        }
    }
    t.into_expr()
}

/// Builds a simplified power from a simplified base and exponent.
fn build_pow(base: Expr, exp: Expr) -> Expr {
    let ec = as_coef(&exp);
    if let Some(c) = ec {
        if c.is_zero() {
            return Expr::Num(1.0);
        }
        if c.is_one() {
            return base;
        }
    }
    if let Some(bc) = as_coef(&base) {
        if bc.is_one() {
            return Expr::Num(1.0);
        }
        if let Some(ec) = ec {
            if let Some(v) = fold_num_pow(bc, ec) {
                return v.to_expr();
            }
        }
    }
    if base == Expr::Const(Constant::E) && ec.is_none() {
        return build_call(Func::Exp, vec![exp]);
    }
    let Some(ec) = ec else {
        return Expr::Pow(Box::new(base), Box::new(exp));
    };
    let mut t = Term::one();
    t.absorb(&base);
    // (ab)^n → aⁿbⁿ only for moderate n: (πx)^(−25000000) is 0 at x = 0.63, but
    // π^25000000 overflows and x^25000000 underflows, and ∞·0 is NaN.
    if ec.is_integer() && ec.value().abs() <= 64.0 {
        if let Coef::Rat(n, 1) = ec {
            let Some(c) = t.coef.powi(n) else {
                return Expr::Pow(Box::new(base), Box::new(exp));
            };
            t.coef = c;
            for f in t.factors.iter_mut() {
                f.1 = match as_coef(&f.1) {
                    Some(k) => k.mul(ec).to_expr(),
                    None => build_mul(vec![f.1.clone(), exp.clone()]),
                };
            }
            let fallback = || Expr::Pow(Box::new(base.clone()), Box::new(exp.clone()));
            return finish_term(t, fallback);
        }
    }
    // A fractional power of a single plain base: keep it as one factor.
    if t.coef.is_one() && t.factors.len() == 1 {
        if let Some((b, k)) = t.factors.first() {
            if as_coef(k).is_some_and(Coef::is_one) {
                let mut single = Term::one();
                single.factors.push((b.clone(), exp));
                return single.into_expr();
            }
        }
    }
    // Anything else (a negative or compound base): one power, with ^(1/2) as sqrt so
    // that simplifying again gives the same form.
    power_out(base, ec)
}

fn exact_call(f: Func, c: Coef) -> Option<Coef> {
    let v = c.value();
    let z = v == 0.0;
    Some(match f {
        Func::Sin | Func::Tan | Func::Asin | Func::Atan | Func::Sinh | Func::Tanh if z => {
            Coef::ZERO
        }
        Func::Cos | Func::Cosh | Func::Exp | Func::Sec if z => Coef::ONE,
        Func::Ln if c.is_one() => Coef::ZERO,
        Func::Abs => c.abs(),
        Func::Sign => Coef::Rat(v.signum() as i64 * i64::from(!z), 1),
        Func::Step if z => HALF,
        Func::Step => Coef::Rat(i64::from(v > 0.0), 1),
        Func::Relu => {
            if v > 0.0 {
                c
            } else {
                Coef::ZERO
            }
        }
        Func::Sigmoid if z => HALF,
        Func::Cbrt | Func::Asinh | Func::Atanh | Func::Erf if z => Coef::ZERO,
        Func::Log10 | Func::Log2 | Func::Acosh if c.is_one() => Coef::ZERO,
        Func::Floor | Func::Ceil => match c {
            Coef::Rat(n, d) => {
                let q = n.div_euclid(d);
                let exact = n.rem_euclid(d) == 0;
                Coef::Rat(if f == Func::Ceil && !exact { q + 1 } else { q }, 1)
            }
            Coef::F(v) => Coef::from_f64(f.apply1(v)),
        },
        _ => return None,
    })
}

/// Builds a simplified function call from simplified arguments.
fn build_call(f: Func, mut args: Vec<Expr>) -> Expr {
    if args.len() != f.arity() {
        return Expr::Call(f, args);
    }
    if f == Func::Sqrt {
        let a = args.pop().unwrap_or(Expr::Num(0.0));
        return build_pow(a, HALF.to_expr());
    }
    let coefs: Vec<Option<Coef>> = args.iter().map(as_coef).collect();
    match (f, args.as_slice(), coefs.as_slice()) {
        (Func::Max | Func::Min, _, [Some(a), Some(b)]) => {
            let pick_a = (a.value() >= b.value()) == (f == Func::Max);
            return if pick_a { a.to_expr() } else { b.to_expr() };
        }
        (Func::NthRoot, _, [_, Some(n)]) if *n == Coef::Rat(2, 1) || *n == Coef::Rat(3, 1) => {
            let inner = args.swap_remove(0);
            return if *n == Coef::Rat(2, 1) {
                build_pow(inner, HALF.to_expr())
            } else {
                build_call(Func::Cbrt, vec![inner])
            };
        }
        (Func::NthRoot, _, [_, Some(n)]) if n.is_one() => {
            return args.swap_remove(0);
        }
        (Func::Atan2 | Func::Hypot | Func::NthRoot, _, [Some(a), Some(b)]) => {
            let r = f.apply2(a.value(), b.value());
            let exact = Coef::from_f64(r);
            // Only exact results (hypot(3, 4) = 5, atan2(0, 1) = 0) or decimal inputs fold.
            if r.is_finite()
                && (exact.is_integer() || matches!((a, b), (Coef::F(_), _) | (_, Coef::F(_))))
            {
                return exact.to_expr();
            }
        }
        (_, _, [Some(c)]) => {
            if let Some(r) = exact_call(f, *c) {
                return r.to_expr();
            }
            if let Coef::F(v) = c {
                let r = f.apply1(*v);
                if r.is_finite() {
                    return Expr::Num(r);
                }
            }
        }
        (Func::Ln, [Expr::Const(Constant::E)], _) => return Expr::Num(1.0),
        (Func::Ln, [Expr::Call(Func::Exp, inner)], _) if inner.len() == 1 => {
            return inner.first().cloned().unwrap_or(Expr::Num(0.0));
        }
        (Func::Abs, [Expr::Call(Func::Abs, _)], _) => {
            return args.pop().unwrap_or(Expr::Num(0.0));
        }
        _ => {}
    }
    Expr::Call(f, args)
}

// The constructors below build the simplified form of a node from its simplified
// children: `simplify` is exactly these applied bottom-up, and differentiation uses them
// to build derivatives that are simplified as they are made.

/// Simplified −a, from simplified `a`.
pub(crate) fn s_neg(a: Expr) -> Expr {
    build_mul(vec![Expr::Num(-1.0), a])
}

/// Simplified sum, from simplified terms.
pub(crate) fn s_add(terms: Vec<Expr>) -> Expr {
    build_add(terms)
}

/// Simplified product, from simplified factors.
pub(crate) fn s_mul(factors: Vec<Expr>) -> Expr {
    build_mul(factors)
}

/// Simplified a / b, from simplified `a` and `b`.
pub(crate) fn s_div(a: Expr, b: Expr) -> Expr {
    let div = Expr::Div(Box::new(a), Box::new(b));
    let mut t = Term::one();
    t.absorb(&div);
    finish_term(t, || div.clone())
}

/// Simplified a ^ b, from simplified `a` and `b`.
pub(crate) fn s_pow(a: Expr, b: Expr) -> Expr {
    build_pow(a, b)
}

/// Simplified f(args), from simplified arguments.
pub(crate) fn s_call(f: Func, args: Vec<Expr>) -> Expr {
    build_call(f, args)
}

impl Expr {
    /// The expression in textbook form (see the module docs). Always terminates, keeps
    /// the value wherever the original is defined, and never expands products of sums.
    pub fn simplify(&self) -> Expr {
        match self {
            Expr::Num(v) => Expr::Num(if *v == 0.0 { 0.0 } else { *v }),
            Expr::Const(_) | Expr::Var(_) => self.clone(),
            Expr::Neg(a) => s_neg(a.simplify()),
            Expr::Add(ts) => s_add(ts.iter().map(Expr::simplify).collect()),
            Expr::Mul(fs) => s_mul(fs.iter().map(Expr::simplify).collect()),
            Expr::Div(a, b) => s_div(a.simplify(), b.simplify()),
            Expr::Pow(a, b) => s_pow(a.simplify(), b.simplify()),
            Expr::Call(f, args) => s_call(*f, args.iter().map(Expr::simplify).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::math::parse;

    fn s(src: &str) -> String {
        parse(src).unwrap().simplify().to_string()
    }

    #[test]
    fn collects_like_terms() {
        assert_eq!(s("3xy + 2xy"), "5*x*y");
        assert_eq!(s("x*x"), "x^2");
        assert_eq!(s("x^1"), "x");
        assert_eq!(s("1*x + 0"), "x");
        assert_eq!(s("--x"), "x");
        assert_eq!(s("x/x"), "1");
        assert_eq!(s("1/2"), "1/2");
        assert_eq!(s("0*ln(x)"), "0");
        assert_eq!(s("y^2 + x^2 + 3xy"), "x^2 + 3*x*y + y^2");
        assert_eq!(s("-x^2 + y"), "y - x^2");
        assert_eq!(s("(2x)^2"), "4*x^2");
        assert_eq!(s("sqrt(x)*sqrt(x)"), "x");
        assert_eq!(s("e^x"), "exp(x)");
        assert_eq!(s("-(2x - y)"), "y - 2*x");
    }

    #[test]
    fn idempotent_on_examples() {
        for src in [
            "(1-x)^2 + 100*(y-x^2)^2",
            "exp(-(x^2+y^2)/2)",
            "x/(2y) - 3/x",
        ] {
            let once = parse(src).unwrap().simplify();
            assert_eq!(once.simplify(), once, "{src}");
        }
    }
}
