//! Shared set-up for `benches/eval.rs` and `examples/eval_report.rs`: the four
//! plot functions as hand-written closures, as fasteval strings and as `Expr`s
//! (parsed from the same text a learner would type), the 512 × 512 grid over
//! [-2, 2]², and a compact ns/point report.
#![allow(dead_code)]

use fasteval::{Compiler, Evaler};
use nabla::math::{parse, Compiled, Expr};
use std::hint::black_box;
use std::time::Instant;

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

/// The four functions as a learner types them, with the same formula in
/// fasteval's syntax.
const FUNCTIONS: [(&str, &str); 4] = [
    (
        "sin(x)*cos(y) + exp(-(x^2+y^2)/2)",
        "sin(x)*cos(y) + e()^(-(x^2+y^2)/2)",
    ),
    (
        "log(1+exp(-(2*x - y))) + 0.1*(x^2+y^2)",
        "log(e(), 1+e()^(-(2*x - y))) + 0.1*(x^2+y^2)",
    ),
    ("x^2 + 3*x*y + y^2", "x^2 + 3*x*y + y^2"),
    ("(1-x)^2 + 100*(y-x^2)^2", "(1-x)^2 + 100*(y-x^2)^2"),
];

/// The four cases, parsed with [`nabla::math::parse`].
pub fn cases() -> Vec<Case> {
    FUNCTIONS
        .iter()
        .enumerate()
        .map(|(id, &(name, fasteval))| Case {
            name,
            id,
            fasteval,
            expr: parse(name).unwrap_or_else(|e| panic!("bench function {name}: {e}")),
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

/// The fastest of at least `reps` runs (and at least 0.5 s of runs), in ns per
/// grid point. The minimum is robust to other processes sharing the machine.
pub fn time_per_point(reps: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let start = Instant::now();
    let mut best = f64::INFINITY;
    let mut done = 0;
    while done < reps || (start.elapsed().as_secs_f64() < 0.5 && done < 2000) {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
        done += 1;
    }
    best * 1e9 / (N * N) as f64
}

/// Checks every variant against the closure, then prints a table of ns/point and
/// the ratio to the hand-written closure for each function and variant.
pub fn report() {
    let g = grid();
    let mut want = vec![0.0; N * N];
    let mut out = vec![0.0; N * N];
    println!(
        "{:<42} {:>16} {:>16} {:>16} {:>16} {:>16}",
        "function (ns/point, ×closure)",
        "closure",
        "fasteval",
        "compiled/point",
        "eval_batch",
        "eval_grid"
    );
    for case in cases() {
        let compiled = case.expr.compile(&["x", "y"]).expect("compiles");
        let fe = Fasteval::new(case.fasteval);
        run_closure(case.id, &g, &mut want);
        let check = |out: &[f64], what: &str| {
            let bad = out
                .iter()
                .zip(&want)
                .filter(|(a, b)| (*a - *b).abs() > 1e-9 * b.abs().max(1.0))
                .count();
            assert_eq!(bad, 0, "{}: {what} disagrees with the closure", case.name);
        };
        fe.run(&g, &mut out);
        check(&out, "fasteval");
        run_point(&compiled, &g, &mut out);
        check(&out, "compiled");
        run_batch(&compiled, &g, &mut out);
        check(&out, "batch");
        run_grid(&compiled, &g, &mut out);
        check(&out, "grid");

        let reps = 20;
        let t_closure = time_per_point(reps, || run_closure(case.id, &g, &mut out));
        let t_fe = time_per_point(5, || fe.run(&g, &mut out));
        let t_point = time_per_point(reps, || run_point(&compiled, &g, &mut out));
        let t_batch = time_per_point(reps, || run_batch(&compiled, &g, &mut out));
        let t_grid = time_per_point(reps, || run_grid(&compiled, &g, &mut out));
        let cell = |t: f64| format!("{t:7.2} ({:5.2}×)", t / t_closure);
        println!(
            "{:<42} {:>16} {:>16} {:>16} {:>16} {:>16}",
            case.name,
            cell(t_closure),
            cell(t_fe),
            cell(t_point),
            cell(t_batch),
            cell(t_grid)
        );
    }
}
