//! Execution: the kernels that run one instruction over a chunk of points (step 4 of the
//! module docs of [`super`]).

use super::lower::pow_half;
use super::plan::{Kind, Src};
use crate::math::expr::Func;

/// An operand resolved for one chunk.
#[derive(Clone, Copy)]
pub(super) enum Opnd<'a> {
    V(&'a [f64]),
    S(f64),
}

#[inline(always)]
pub(super) fn map1(d: &mut [f64], a: Opnd<'_>, f: impl Fn(f64) -> f64) {
    match a {
        Opnd::V(a) => {
            for (o, &x) in d.iter_mut().zip(a) {
                *o = f(x);
            }
        }
        Opnd::S(s) => d.fill(f(s)),
    }
}

#[inline(always)]
pub(super) fn map2(d: &mut [f64], a: Opnd<'_>, b: Opnd<'_>, f: impl Fn(f64, f64) -> f64) {
    match (a, b) {
        (Opnd::V(a), Opnd::V(b)) => {
            for ((o, &x), &y) in d.iter_mut().zip(a).zip(b) {
                *o = f(x, y);
            }
        }
        (Opnd::V(a), Opnd::S(y)) => {
            for (o, &x) in d.iter_mut().zip(a) {
                *o = f(x, y);
            }
        }
        (Opnd::S(x), Opnd::V(b)) => {
            for (o, &y) in d.iter_mut().zip(b) {
                *o = f(x, y);
            }
        }
        (Opnd::S(x), Opnd::S(y)) => d.fill(f(x, y)),
    }
}

#[inline(always)]
pub(super) fn map3(
    d: &mut [f64],
    a: Opnd<'_>,
    b: Opnd<'_>,
    c: Opnd<'_>,
    f: impl Fn(f64, f64, f64) -> f64,
) {
    use Opnd::{S, V};
    match (a, b, c) {
        (V(a), V(b), V(c)) => {
            for (((o, &x), &y), &z) in d.iter_mut().zip(a).zip(b).zip(c) {
                *o = f(x, y, z);
            }
        }
        (V(a), V(b), S(z)) => {
            for ((o, &x), &y) in d.iter_mut().zip(a).zip(b) {
                *o = f(x, y, z);
            }
        }
        (V(a), S(y), V(c)) => {
            for ((o, &x), &z) in d.iter_mut().zip(a).zip(c) {
                *o = f(x, y, z);
            }
        }
        (S(x), V(b), V(c)) => {
            for ((o, &y), &z) in d.iter_mut().zip(b).zip(c) {
                *o = f(x, y, z);
            }
        }
        (V(a), S(y), S(z)) => {
            for (o, &x) in d.iter_mut().zip(a) {
                *o = f(x, y, z);
            }
        }
        (S(x), V(b), S(z)) => {
            for (o, &y) in d.iter_mut().zip(b) {
                *o = f(x, y, z);
            }
        }
        (S(x), S(y), V(c)) => {
            for (o, &z) in d.iter_mut().zip(c) {
                *o = f(x, y, z);
            }
        }
        (S(x), S(y), S(z)) => d.fill(f(x, y, z)),
    }
}

/// One-argument functions, with the common ones as direct calls (same results
/// as [`Func::apply1`], which they mirror) so each gets its own tight loop.
pub(super) fn map_func(f: Func, d: &mut [f64], a: Opnd<'_>) {
    match f {
        Func::Sin => map1(d, a, f64::sin),
        Func::Cos => map1(d, a, f64::cos),
        Func::Tan => map1(d, a, f64::tan),
        Func::Asin => map1(d, a, f64::asin),
        Func::Acos => map1(d, a, f64::acos),
        Func::Atan => map1(d, a, f64::atan),
        Func::Sinh => map1(d, a, f64::sinh),
        Func::Cosh => map1(d, a, f64::cosh),
        Func::Tanh => map1(d, a, f64::tanh),
        Func::Exp => map1(d, a, f64::exp),
        Func::Ln => map1(d, a, f64::ln),
        Func::Sqrt => map1(d, a, f64::sqrt),
        Func::Abs => map1(d, a, f64::abs),
        _ => map1(d, a, |t| f.apply1(t)),
    }
}

/// Resolves an operand for the chunk `start..end` (`None` if out of range,
/// which the length checks rule out).
#[inline]
pub(super) fn resolve<'a>(
    s: Src,
    regs: &'a [Vec<f64>],
    bcast: &'a [Vec<f64>],
    cols: &[&'a [f64]],
    svals: &[f64],
    start: usize,
    end: usize,
) -> Option<Opnd<'a>> {
    Some(match s {
        Src::Reg(r) => Opnd::V(regs.get(r as usize)?.get(..end - start)?),
        Src::Col(j) => Opnd::V(cols.get(j as usize)?.get(start..end)?),
        Src::Scalar(i) => Opnd::S(*svals.get(i as usize)?),
        Src::Bcast(k) => Opnd::V(bcast.get(k as usize)?.get(..end - start)?),
    })
}

/// Executes one arithmetic instruction over a chunk.
#[inline]
pub(super) fn exec(kind: Kind, d: &mut [f64], [a, b, c]: [Opnd<'_>; 3], more: [Opnd<'_>; 3]) {
    match kind {
        Kind::Neg => map1(d, a, |x| -x),
        Kind::Add => map2(d, a, b, |x, y| x + y),
        Kind::Sub => map2(d, a, b, |x, y| x - y),
        Kind::Mul => map2(d, a, b, |x, y| x * y),
        Kind::Div => map2(d, a, b, |x, y| x / y),
        Kind::PowHalf => map1(d, a, pow_half),
        Kind::PowI(p) => map1(d, a, |x| x.powi(p)),
        Kind::Pow => map2(d, a, b, f64::powf),
        Kind::F1(f) => map_func(f, d, a),
        Kind::F2(f) => map2(d, a, b, |x, y| f.apply2(x, y)),
        Kind::MulAdd => map3(d, a, b, c, |x, y, z| x * y + z),
        Kind::MulSub => map3(d, a, b, c, |x, y, z| x * y - z),
        Kind::SubMul => map3(d, a, b, c, |x, y, z| z - x * y),
        Kind::Store(_) => map1(d, a, |x| x),
        Kind::Sum { np, nq, sub } => {
            let all = [a, b, c, more[0], more[1], more[2]];
            sum_of_products(d, &all, np as usize, nq as usize, sub);
        }
    }
}

/// A slice operand, or `None` for a scalar or one shorter than `n`.
pub(super) fn slice_of(o: Opnd<'_>, n: usize) -> Option<&[f64]> {
    match o {
        Opnd::V(v) => v.get(..n),
        Opnd::S(_) => None,
    }
}

/// `d[i] = P[i] ± Q[i]` for a [`Kind::Sum`]: `ops[..np]` multiply to P and
/// `ops[np..np + nq]` to Q, each left to right.
pub(super) fn sum_of_products(d: &mut [f64], ops: &[Opnd<'_>; 6], np: usize, nq: usize, sub: bool) {
    let n = d.len();
    let mut sl: [&[f64]; 6] = [&[]; 6];
    for (s, &o) in sl.iter_mut().zip(ops).take(np + nq) {
        match slice_of(o, n) {
            Some(v) => *s = v,
            None => return sum_of_products_slow(d, ops, np, nq, sub),
        }
    }
    let [a, b, c, e, f, g] = sl;
    // One zipped loop per shape, so LLVM sees plain slices and vectorises.
    macro_rules! sum_loop {
        ([$p0:ident $(, $p:ident)*], [$q0:ident $(, $q:ident)*], $op:tt) => {{
            let it = d.iter_mut().zip($p0)$(.zip($p))*.zip($q0)$(.zip($q))*;
            for sum_loop!(@pat [o, $p0 $(, $p)*, $q0 $(, $q)*]) in it {
                *o = ($p0 $(* $p)*) $op ($q0 $(* $q)*);
            }
        }};
        (@pat [$o:ident, $first:ident $(, $rest:ident)*]) => {
            sum_loop!(@nest ($o, &$first) $(, $rest)*)
        };
        (@nest $acc:pat) => { $acc };
        (@nest $acc:pat, $next:ident $(, $rest:ident)*) => {
            sum_loop!(@nest ($acc, &$next) $(, $rest)*)
        };
    }
    match (np, nq, sub) {
        (2, 2, false) => sum_loop!([a, b], [c, e], +),
        (2, 2, true) => sum_loop!([a, b], [c, e], -),
        (3, 1, false) => sum_loop!([a, b, c], [e], +),
        (3, 1, true) => sum_loop!([a, b, c], [e], -),
        (1, 3, true) => sum_loop!([a], [b, c, e], -),
        (3, 2, false) => sum_loop!([a, b, c], [e, f], +),
        (3, 2, true) => sum_loop!([a, b, c], [e, f], -),
        (2, 3, true) => sum_loop!([a, b], [c, e, f], -),
        (3, 3, false) => sum_loop!([a, b, c], [e, f, g], +),
        (3, 3, true) => sum_loop!([a, b, c], [e, f, g], -),
        _ => sum_of_products_slow(d, ops, np, nq, sub),
    }
}

/// The same as [`sum_of_products`] one value at a time, for shapes without a
/// dedicated loop and for scalar operands (which the planner broadcasts, so this
/// does not happen in practice).
pub(super) fn sum_of_products_slow(
    d: &mut [f64],
    ops: &[Opnd<'_>; 6],
    np: usize,
    nq: usize,
    sub: bool,
) {
    let at = |o: &Opnd<'_>, i: usize| match *o {
        Opnd::V(v) => v.get(i).copied().unwrap_or(f64::NAN),
        Opnd::S(s) => s,
    };
    for (i, out) in d.iter_mut().enumerate() {
        let prod = |os: &[Opnd<'_>]| {
            let mut it = os.iter();
            let first = it.next().map_or(f64::NAN, |o| at(o, i));
            it.fold(first, |acc, o| acc * at(o, i))
        };
        let p = prod(ops.get(..np).unwrap_or(&[]));
        let q = prod(ops.get(np..np + nq).unwrap_or(&[]));
        *out = if sub { p - q } else { p + q };
    }
}
