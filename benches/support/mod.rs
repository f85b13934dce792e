//! Shared set-up for `benches/eval.rs` and `examples/eval_report.rs`: the four
//! plot functions as hand-written closures, as fasteval strings and as `Expr`s,
//! and the 512 × 512 grid over [-2, 2]².
#![allow(dead_code)]

#[path = "../../tests/common/mod.rs"]
mod common;

use fasteval::{Compiler, Evaler};
use nabla::math::{Compiled, Expr};
use std::hint::black_box;

/// Grid side.
pub const N: usize = 512;

/// One benchmark function in every form.
pub struct Case {
    /// Printable formula.
    pub name: &'static str,
    /// Which hand-written Rust closure (0–3) computes it; see [`run_closure`].
    pub id: usize,
    /// The same formula in fasteval's syntax (`log` there is base 10, so the
    /// natural log is `log(e(), …)`, and `exp(t)` is `e()^t`).
    pub fasteval: &'static str,
    /// The same formula as an expression tree.
    pub expr: Expr,
}

fn f1(x: f64, y: f64) -> f64 {
    x.sin() * y.cos() + (-(x * x + y * y) / 2.0).exp()
}
fn f2(x: f64, y: f64) -> f64 {
    (1.0 + (-(2.0 * x - y)).exp()).ln() + 0.1 * (x * x + y * y)
}
fn f3(x: f64, y: f64) -> f64 {
    x * x + 3.0 * x * y + y * y
}
fn f4(x: f64, y: f64) -> f64 {
    let a = 1.0 - x;
    let b = y - x * x;
    a * a + 100.0 * b * b
}

/// The four cases.
pub fn cases() -> Vec<Case> {
    let fe = [
        "sin(x)*cos(y) + e()^(-(x^2+y^2)/2)",
        "log(e(), 1+e()^(-(2*x - y))) + 0.1*(x^2+y^2)",
        "x^2 + 3*x*y + y^2",
        "(1-x)^2 + 100*(y-x^2)^2",
    ];
    common::bench_functions()
        .into_iter()
        .zip(fe)
        .enumerate()
        .map(|(id, ((name, expr), fasteval))| Case {
            name,
            id,
            fasteval,
            expr,
        })
        .collect()
}

/// `n` evenly spaced points from −2 to 2.
pub fn axis(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| -2.0 + 4.0 * i as f64 / (n - 1) as f64)
        .collect()
}

/// The grid's axes and its full x and y columns (row-major, x varies fastest).
pub struct Grid {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    pub xcol: Vec<f64>,
    pub ycol: Vec<f64>,
}

/// The 512 × 512 grid.
pub fn grid() -> Grid {
    let xs = axis(N);
    let ys = axis(N);
    let mut xcol = Vec::with_capacity(N * N);
    let mut ycol = Vec::with_capacity(N * N);
    for &y in &ys {
        for &x in &xs {
            xcol.push(x);
            ycol.push(y);
        }
    }
    Grid { xs, ys, xcol, ycol }
}

/// (a) Hand-written closure `id` over the grid (each a monomorphised loop, so
/// the closure is inlined).
#[inline(never)]
pub fn run_closure(id: usize, g: &Grid, out: &mut [f64]) {
    fn go(f: impl Fn(f64, f64) -> f64, g: &Grid, out: &mut [f64]) {
        for (row, &y) in out.chunks_exact_mut(g.xs.len()).zip(&g.ys) {
            for (o, &x) in row.iter_mut().zip(&g.xs) {
                *o = f(x, y);
            }
        }
    }
    match id {
        0 => go(f1, g, out),
        1 => go(f2, g, out),
        2 => go(f3, g, out),
        _ => go(f4, g, out),
    }
}

/// A parsed and compiled fasteval expression.
pub struct Fasteval {
    slab: fasteval::Slab,
    instr: fasteval::Instruction,
}

impl Fasteval {
    /// Parses and compiles once.
    pub fn new(src: &str) -> Fasteval {
        let parser = fasteval::Parser::new();
        let mut slab = fasteval::Slab::new();
        let instr = parser
            .parse(src, &mut slab.ps)
            .expect("fasteval parse")
            .from(&slab.ps)
            .compile(&slab.ps, &mut slab.cs);
        Fasteval { slab, instr }
    }

    /// (b) Per-point evaluation with a variable namespace.
    #[inline(never)]
    pub fn run(&self, g: &Grid, out: &mut [f64]) {
        for (row, &y) in out.chunks_exact_mut(g.xs.len()).zip(&g.ys) {
            for (o, &x) in row.iter_mut().zip(&g.xs) {
                let mut ns = |name: &str, _args: Vec<f64>| match name {
                    "x" => Some(x),
                    "y" => Some(y),
                    _ => None,
                };
                *o = self.instr.eval(&self.slab, &mut ns).unwrap_or(f64::NAN);
            }
        }
    }
}

/// (c) Our compiled program, one point at a time.
#[inline(never)]
pub fn run_point(c: &Compiled, g: &Grid, out: &mut [f64]) {
    for (row, &y) in out.chunks_exact_mut(g.xs.len()).zip(&g.ys) {
        for (o, &x) in row.iter_mut().zip(&g.xs) {
            *o = c.eval(&[x, y]);
        }
    }
}

/// (d) Our batch evaluator over the full columns.
#[inline(never)]
pub fn run_batch(c: &Compiled, g: &Grid, out: &mut [f64]) {
    c.eval_batch(&[black_box(&g.xcol), black_box(&g.ycol)], out);
}

/// (e) Our grid evaluator (y-only work hoisted out of each row).
#[inline(never)]
pub fn run_grid(c: &Compiled, g: &Grid, out: &mut [f64]) {
    c.eval_grid(black_box(&g.xs), black_box(&g.ys), out);
}
