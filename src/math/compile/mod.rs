//! Compiling expressions into a small register program for fast repeated
//! evaluation (plots evaluate f, ∂f/∂x and ∂f/∂y over 256²–512² grids on every
//! keystroke).
//!
//! # How it works
//! 1. **Lowering with hash-consing.** The tree is turned into a DAG of binary
//!    operations. Every node is interned in a hash map, so a subexpression that
//!    occurs twice — in one expression or across the outputs of
//!    [`compile_many`] — is computed once (common-subexpression elimination).
//!    Commutative operands are put in a canonical order so `x·y` and `y·x` share.
//! 2. **Cheap rewrites while lowering.** Constant subtrees are folded (with the
//!    same arithmetic the evaluator uses), n-ary sums and products are chained
//!    left to right (the order [`Expr::eval`] uses), `a + (−b)` becomes `a − b`,
//!    `(−a)·c` becomes `a·(−c)`, division by a power of two becomes an exact
//!    multiplication, and small constant powers are specialised: `x^2 → x·x`,
//!    `x^3`, `x^4`, `x^-1 → 1/x`, `x^-2`, `x^0.5 → sqrt`, `x^-0.5`, other small
//!    integers → `powi`. The results agree with [`Expr::eval`] to a few ulps.
//! 3. **Planning.** Nodes that depend only on constants and on *uniform* inputs
//!    (a column of length 1, or `y` along a row of [`Compiled::eval_grid`]) are
//!    evaluated once as scalars; the rest become vector instructions whose
//!    operands are registers, input columns or scalars. Registers are assigned by
//!    a linear scan over last uses, so the scratch-buffer count stays small.
//!    A product used only by one sum or difference is fused into it: `a·b + c`
//!    is one instruction, and so is a sum of two products of up to three
//!    factors each (`x·x + (x·3)·y`), with scalars broadcast into chunk buffers.
//!    Each pass over a chunk costs about as much as a hand-written loop over it,
//!    so fewer passes is what brings a polynomial near the closure's speed. Fused
//!    instructions round exactly as the unfused ones, so every evaluator agrees.
//! 4. **Batch execution.** A batch is processed in chunks of [`CHUNK`] points; each
//!    instruction runs a tight loop over the whole chunk (plain equal-length
//!    slices zipped together, which LLVM vectorises), so the cost of interpreting
//!    an instruction is paid once per chunk rather than once per point.
//!
//! Nothing here panics: missing arguments read as NaN, and length mismatches
//! shorten the batch and fill the rest of the output with NaN.

use super::eval::EvalError;
use super::expr::Expr;

/// Points processed per instruction in the batch evaluators.
pub const CHUNK: usize = 256;

mod exec;
mod lower;
mod plan;

use self::exec::*;
use self::lower::*;
use self::plan::*;

/// Scratch space for batch evaluation, reused across rows and chunks.
struct Scratch {
    svals: Vec<f64>,
    uvals: Vec<f64>,
    regs: Vec<Vec<f64>>,
    /// Broadcast scalars, one chunk each (see [`Src::Bcast`]).
    bcast: Vec<Vec<f64>>,
}

/// The compiled program shared by [`Compiled`] and [`CompiledMany`].
#[derive(Clone, Debug)]
struct Program {
    vars: Vec<String>,
    nodes: Vec<Node>,
    outputs: Vec<Id>,
    /// Every input varies per point.
    plain: Plan,
    /// Input 0 varies, every other input is uniform (one grid row).
    grid: Plan,
}

/// Values of the constants at their node positions (NaN elsewhere).
fn const_values(nodes: &[Node]) -> Vec<f64> {
    nodes
        .iter()
        .map(|n| match *n {
            Node::Const(b) => f64::from_bits(b),
            _ => f64::NAN,
        })
        .collect()
}

impl Program {
    fn build(exprs: &[&Expr], vars: &[&str]) -> Result<Program, EvalError> {
        let mut b = Builder::new(vars);
        let mut outs = Vec::with_capacity(exprs.len());
        for e in exprs {
            outs.push(b.lower(e)?);
        }
        let (nodes, outputs) = b.finish(&outs);
        let nv = vars.len();
        let plain = Plan::new(&nodes, &outputs, &vec![false; nv]);
        let grid_mask: Vec<bool> = (0..nv).map(|j| j != 0).collect();
        let grid = Plan::new(&nodes, &outputs, &grid_mask);
        Ok(Program {
            vars: vars.iter().map(|s| s.to_string()).collect(),
            nodes,
            outputs,
            plain,
            grid,
        })
    }

    /// Evaluates every node at one point into `vals`, returning nothing; outputs
    /// are read by the caller.
    fn eval_point(&self, args: &[f64], vals: &mut [f64]) {
        for (i, &n) in self.nodes.iter().enumerate() {
            let v = eval_node(n, vals, args);
            if let Some(slot) = vals.get_mut(i) {
                *slot = v;
            }
        }
    }

    fn with_point<R>(&self, args: &[f64], f: impl FnOnce(&[f64]) -> R) -> R {
        const STACK: usize = 64;
        if self.nodes.len() <= STACK {
            let mut buf = [0.0f64; STACK];
            let vals = &mut buf[..self.nodes.len()];
            self.eval_point(args, vals);
            f(vals)
        } else {
            let mut vals = vec![0.0; self.nodes.len()];
            self.eval_point(args, &mut vals);
            f(&vals)
        }
    }

    fn output_value(&self, vals: &[f64], k: usize) -> f64 {
        self.outputs
            .get(k)
            .and_then(|&o| vals.get(o as usize))
            .copied()
            .unwrap_or(f64::NAN)
    }

    fn scratch(&self, plan: &Plan) -> Scratch {
        Scratch {
            svals: const_values(&self.nodes),
            uvals: vec![f64::NAN; self.vars.len()],
            regs: (0..plan.nregs).map(|_| vec![0.0; CHUNK]).collect(),
            bcast: (0..plan.bcast.len())
                .map(|_| vec![f64::NAN; CHUNK])
                .collect(),
        }
    }

    /// Runs `plan` over `n` points. `cols[j]` must hold at least `n` values for
    /// every non-uniform input `j`; each `outs[k]` must hold `offset + n`.
    /// Uniform input values are in `sc.uvals`.
    fn run(
        &self,
        plan: &Plan,
        cols: &[&[f64]],
        n: usize,
        outs: &mut [&mut [f64]],
        offset: usize,
        sc: &mut Scratch,
    ) {
        for &i in &plan.scalar_nodes {
            let v = eval_node(self.nodes[i as usize], &sc.svals, &sc.uvals);
            sc.svals[i as usize] = v;
        }
        for (buf, &id) in sc.bcast.iter_mut().zip(&plan.bcast) {
            buf.fill(sc.svals.get(id as usize).copied().unwrap_or(f64::NAN));
        }
        let mut start = 0;
        while start < n {
            let len = CHUNK.min(n - start);
            let end = start + len;
            for step in &plan.steps {
                let nan = Opnd::S(f64::NAN);
                match step.dst {
                    Dst::Out(k) => {
                        let Some(d) = outs
                            .get_mut(k as usize)
                            .and_then(|o| o.get_mut(offset + start..offset + end))
                        else {
                            continue;
                        };
                        let regs = &sc.regs;
                        let r = |s| {
                            resolve(s, regs, &sc.bcast, cols, &sc.svals, start, end).unwrap_or(nan)
                        };
                        let more = match step.kind {
                            Kind::Sum { .. } => step.more.map(r),
                            _ => [nan; 3],
                        };
                        exec(step.kind, d, [r(step.a), r(step.b), r(step.c)], more);
                    }
                    Dst::Reg(dst) => {
                        let Some(slot) = sc.regs.get_mut(dst as usize) else {
                            continue;
                        };
                        let mut dbuf = std::mem::take(slot);
                        if let Some(d) = dbuf.get_mut(..len) {
                            let regs = &sc.regs;
                            let r = |s| {
                                resolve(s, regs, &sc.bcast, cols, &sc.svals, start, end)
                                    .unwrap_or(nan)
                            };
                            let more = match step.kind {
                                Kind::Sum { .. } => step.more.map(r),
                                _ => [nan; 3],
                            };
                            exec(step.kind, d, [r(step.a), r(step.b), r(step.c)], more);
                        }
                        sc.regs[dst as usize] = dbuf;
                    }
                }
            }
            start = end;
        }
    }

    /// Broadcasting batch evaluation; see [`Compiled::eval_batch`].
    fn eval_batch(&self, columns: &[&[f64]], outs: &mut [&mut [f64]]) {
        let nv = self.vars.len();
        let mut uniform = vec![false; nv];
        let mut n = outs.iter().map(|o| o.len()).min().unwrap_or(0);
        let mut any_long = false;
        let mut any_single = false;
        for (j, u) in uniform.iter_mut().enumerate() {
            match columns.get(j) {
                Some(c) if c.len() != 1 => {
                    n = n.min(c.len());
                    any_long = true;
                }
                Some(_) => {
                    *u = true;
                    any_single = true;
                }
                None => *u = true,
            }
        }
        if any_single && !any_long {
            n = n.min(1); // every column has one value: a batch of one point
        }
        let owned;
        let plan = if uniform == self.plain.uniform {
            &self.plain
        } else if uniform == self.grid.uniform {
            &self.grid
        } else {
            owned = Plan::new(&self.nodes, &self.outputs, &uniform);
            &owned
        };
        let mut sc = self.scratch(plan);
        for (j, u) in sc.uvals.iter_mut().enumerate() {
            *u = match columns.get(j) {
                Some(c) if c.len() == 1 => c[0],
                _ => f64::NAN,
            };
        }
        self.run(plan, columns, n, outs, 0, &mut sc);
        for o in outs.iter_mut() {
            if let Some(rest) = o.get_mut(n..) {
                rest.fill(f64::NAN);
            }
        }
    }

    /// Grid evaluation; see [`Compiled::eval_grid`].
    fn eval_grid(&self, xs: &[f64], ys: &[f64], outs: &mut [&mut [f64]]) {
        let nx = xs.len();
        let max_len = outs.iter().map(|o| o.len()).min().unwrap_or(0);
        let rows = max_len.checked_div(nx).map_or(0, |r| r.min(ys.len()));
        let plan = &self.grid;
        let mut sc = self.scratch(plan);
        let cols = [xs];
        for (r, &y) in ys.iter().take(rows).enumerate() {
            if let Some(u) = sc.uvals.get_mut(1) {
                *u = y;
            }
            self.run(plan, &cols, nx, outs, r * nx, &mut sc);
        }
        for o in outs.iter_mut() {
            if let Some(rest) = o.get_mut(rows * nx..) {
                rest.fill(f64::NAN);
            }
        }
    }
}

/// One expression compiled for fast evaluation; see the module docs.
#[derive(Clone, Debug)]
pub struct Compiled {
    prog: Program,
}

/// Several expressions (e.g. f, ∂f/∂x, ∂f/∂y) compiled into one program that
/// computes their shared subexpressions once.
#[derive(Clone, Debug)]
pub struct CompiledMany {
    prog: Program,
}

impl Expr {
    /// Compiles the expression for the variables `vars`, in that order: argument
    /// `j` of [`Compiled::eval`] (column `j` of [`Compiled::eval_batch`]) is the
    /// value of `vars[j]`. Fails if the expression uses a variable not in `vars`
    /// or calls a function with the wrong number of arguments.
    pub fn compile(&self, vars: &[&str]) -> Result<Compiled, EvalError> {
        Ok(Compiled {
            prog: Program::build(&[self], vars)?,
        })
    }
}

/// Compiles several expressions over the same variables into one program that
/// shares common subexpressions. Output `k` is `exprs[k]`.
pub fn compile_many(exprs: &[Expr], vars: &[&str]) -> Result<CompiledMany, EvalError> {
    let refs: Vec<&Expr> = exprs.iter().collect();
    Ok(CompiledMany {
        prog: Program::build(&refs, vars)?,
    })
}

impl Compiled {
    /// Evaluates at one point; `args[j]` is the value of variable `j`. A missing
    /// argument reads as NaN. Never panics.
    pub fn eval(&self, args: &[f64]) -> f64 {
        self.prog
            .with_point(args, |vals| self.prog.output_value(vals, 0))
    }

    /// Evaluates a batch: point `i` takes variable `j` from `columns[j][i]` and its
    /// value goes to `out[i]`.
    ///
    /// The batch has `min(out.len(), column lengths)` points and the rest of `out`
    /// is filled with NaN, with two refinements: a column of length 1 is
    /// *broadcast* against longer columns (its value is used at every point, and
    /// work depending only on it is done once), and a missing column reads as NaN
    /// (it does not limit the batch; with no columns at all, e.g. a constant, the
    /// batch is all of `out`). Never panics on a length mismatch.
    pub fn eval_batch(&self, columns: &[&[f64]], out: &mut [f64]) {
        self.prog.eval_batch(columns, &mut [out]);
    }

    /// Evaluates over a regular grid, row-major: `out[r * xs.len() + i]` is the
    /// value at `(xs[i], ys[r])`, with variable 0 taking `xs` and variable 1 taking
    /// `ys` (other variables read NaN). Everything that depends only on `y` is
    /// computed once per row. Rows that do not fit in `out` are skipped, and any
    /// part of `out` past the last full row is filled with NaN.
    pub fn eval_grid(&self, xs: &[f64], ys: &[f64], out: &mut [f64]) {
        self.prog.eval_grid(xs, ys, &mut [out]);
    }

    /// The variables, in argument order.
    pub fn vars(&self) -> &[String] {
        &self.prog.vars
    }

    /// The number of nodes in the shared DAG (constants and inputs included).
    pub fn node_count(&self) -> usize {
        self.prog.nodes.len()
    }

    /// The number of vector instructions when every input varies (stores included).
    pub fn instruction_count(&self) -> usize {
        self.prog.plain.steps.len()
    }

    /// The number of scratch buffers (each [`CHUNK`] values) a batch needs.
    pub fn register_count(&self) -> usize {
        self.prog.plain.nregs
    }
}

impl CompiledMany {
    /// The number of outputs.
    pub fn output_count(&self) -> usize {
        self.prog.outputs.len()
    }

    /// Evaluates every output at one point (missing arguments read as NaN).
    pub fn eval(&self, args: &[f64]) -> Vec<f64> {
        self.prog.with_point(args, |vals| {
            (0..self.prog.outputs.len())
                .map(|k| self.prog.output_value(vals, k))
                .collect()
        })
    }

    /// Evaluates every output at one point into `out` (extra outputs are dropped,
    /// extra slots are set to NaN).
    pub fn eval_into(&self, args: &[f64], out: &mut [f64]) {
        self.prog.with_point(args, |vals| {
            for (k, o) in out.iter_mut().enumerate() {
                *o = self.prog.output_value(vals, k);
            }
        })
    }

    /// Batch evaluation of every output: output `k` goes to `outs[k]`. Length
    /// rules are those of [`Compiled::eval_batch`], with the batch also limited by
    /// the shortest output slice; outputs without a slice are not computed into.
    pub fn eval_batch(&self, columns: &[&[f64]], outs: &mut [&mut [f64]]) {
        self.prog.eval_batch(columns, outs);
    }

    /// Grid evaluation of every output; see [`Compiled::eval_grid`].
    pub fn eval_grid(&self, xs: &[f64], ys: &[f64], outs: &mut [&mut [f64]]) {
        self.prog.eval_grid(xs, ys, outs);
    }

    /// The variables, in argument order.
    pub fn vars(&self) -> &[String] {
        &self.prog.vars
    }

    /// The number of nodes in the shared DAG (constants and inputs included).
    pub fn node_count(&self) -> usize {
        self.prog.nodes.len()
    }

    /// The number of scratch buffers (each [`CHUNK`] values) a batch needs.
    pub fn register_count(&self) -> usize {
        self.prog.plain.nregs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::expr::Func;

    fn v(n: &str) -> Expr {
        Expr::var(n)
    }
    fn n(x: f64) -> Expr {
        Expr::Num(x)
    }
    fn pow(a: Expr, b: Expr) -> Expr {
        Expr::Pow(Box::new(a), Box::new(b))
    }
    fn call(f: Func, a: Expr) -> Expr {
        Expr::Call(f, vec![a])
    }

    fn close(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
    }

    #[test]
    fn agrees_with_tree_eval() {
        // sin(x)·cos(y) + exp(−(x² + y²)/2)
        let f = Expr::Add(vec![
            Expr::Mul(vec![call(Func::Sin, v("x")), call(Func::Cos, v("y"))]),
            call(
                Func::Exp,
                Expr::Div(
                    Box::new(Expr::Neg(Box::new(Expr::Add(vec![
                        pow(v("x"), n(2.0)),
                        pow(v("y"), n(2.0)),
                    ])))),
                    Box::new(n(2.0)),
                ),
            ),
        ]);
        let c = f.compile(&["x", "y"]).unwrap();
        let xs: Vec<f64> = (0..1000).map(|i| -2.0 + i as f64 * 0.004).collect();
        let ys: Vec<f64> = (0..1000).map(|i| 1.5 - i as f64 * 0.003).collect();
        let mut out = vec![0.0; 1000];
        c.eval_batch(&[&xs, &ys], &mut out);
        for i in 0..1000 {
            let want = f.eval(&[("x", xs[i]), ("y", ys[i])]).unwrap();
            assert!(close(c.eval(&[xs[i], ys[i]]), want));
            assert!(close(out[i], want), "{i}: {} vs {want}", out[i]);
        }
        // The grid: 7 columns × 5 rows.
        let gx = &xs[..7];
        let gy = &ys[..5];
        let mut grid = vec![0.0; 7 * 5 + 3];
        c.eval_grid(gx, gy, &mut grid);
        for r in 0..5 {
            for i in 0..7 {
                let want = f.eval(&[("x", gx[i]), ("y", gy[r])]).unwrap();
                assert!(close(grid[r * 7 + i], want));
            }
        }
        assert!(grid[35..].iter().all(|v| v.is_nan()));
    }

    #[test]
    fn constants_fold_and_powers_specialise() {
        let f = Expr::Mul(vec![Expr::Add(vec![n(1.0), n(2.0)]), pow(v("x"), n(2.0))]);
        let c = f.compile(&["x"]).unwrap();
        // Nodes: x, x·x, 3, 3·(x·x).
        assert_eq!(c.node_count(), 4);
        assert_eq!(c.eval(&[2.0]), 12.0);
        let g = pow(v("x"), n(0.5));
        let c = g.compile(&["x"]).unwrap();
        assert_eq!(c.eval(&[f64::NEG_INFINITY]), f64::INFINITY);
        assert_eq!(c.eval(&[4.0]), 2.0);
        assert!(c.eval(&[-1.0]).is_nan());
        let h = pow(v("x"), n(-2.0));
        assert_eq!(h.compile(&["x"]).unwrap().eval(&[0.5]), 4.0);
        let k = pow(v("x"), n(7.0));
        assert_eq!(k.compile(&["x"]).unwrap().eval(&[2.0]), 128.0);
    }

    #[test]
    fn shares_subexpressions_across_outputs() {
        let s = call(Func::Sin, Expr::Mul(vec![v("x"), v("y")]));
        let f = Expr::Add(vec![s.clone(), v("x")]);
        let fx = Expr::Mul(vec![
            call(Func::Cos, Expr::Mul(vec![v("y"), v("x")])),
            v("y"),
        ]);
        let fy = Expr::Mul(vec![
            call(Func::Cos, Expr::Mul(vec![v("x"), v("y")])),
            v("x"),
        ]);
        let many = compile_many(&[f.clone(), fx.clone(), fy.clone()], &["x", "y"]).unwrap();
        // x, y, x·y, sin, f, cos, fx, fy: x·y and cos(x·y) are shared.
        assert_eq!(many.node_count(), 8);
        assert_eq!(many.output_count(), 3);
        let got = many.eval(&[0.3, 0.7]);
        let env = [("x", 0.3), ("y", 0.7)];
        for (g, e) in got.iter().zip([&f, &fx, &fy]) {
            assert!(close(*g, e.eval(&env).unwrap()));
        }
        let xs = [0.3, 0.1, -1.0];
        let ys = [0.7, 0.2, 2.0];
        let (mut a, mut b, mut c) = ([0.0; 3], [0.0; 3], [0.0; 4]);
        many.eval_batch(&[&xs, &ys], &mut [&mut a, &mut b, &mut c]);
        for i in 0..3 {
            let env = [("x", xs[i]), ("y", ys[i])];
            assert!(close(a[i], f.eval(&env).unwrap()));
            assert!(close(b[i], fx.eval(&env).unwrap()));
            assert!(close(c[i], fy.eval(&env).unwrap()));
        }
        assert!(c[3].is_nan());
    }

    #[test]
    fn errors_and_mismatches_never_panic() {
        let f = Expr::Add(vec![v("x"), v("y")]);
        assert_eq!(
            f.compile(&["x"]).unwrap_err(),
            EvalError::UnknownVariable("y".into())
        );
        assert!(matches!(
            Expr::Call(Func::Max, vec![v("x")]).compile(&["x"]),
            Err(EvalError::WrongArgumentCount { .. })
        ));
        let c = f.compile(&["x", "y"]).unwrap();
        assert!(c.eval(&[1.0]).is_nan());
        assert_eq!(c.eval(&[1.0, 2.0, 3.0]), 3.0);
        // Short column: only 2 points; the rest is NaN.
        let mut out = [0.0; 4];
        c.eval_batch(&[&[1.0, 2.0, 3.0], &[10.0, 20.0]], &mut out);
        assert_eq!(&out[..2], &[11.0, 22.0]);
        assert!(out[2].is_nan() && out[3].is_nan());
        // Missing column: NaN everywhere.
        c.eval_batch(&[&[1.0, 2.0, 3.0]], &mut out);
        assert!(out.iter().all(|v| v.is_nan()));
        // Broadcast column.
        c.eval_batch(&[&[1.0, 2.0, 3.0], &[100.0]], &mut out);
        assert_eq!(&out[..3], &[101.0, 102.0, 103.0]);
        assert!(out[3].is_nan());
        // One point.
        c.eval_batch(&[&[1.0], &[100.0]], &mut out);
        assert_eq!(out[0], 101.0);
        assert!(out[1..].iter().all(|v| v.is_nan()));
        // Empty everything.
        c.eval_batch(&[], &mut []);
        c.eval_grid(&[], &[1.0], &mut out);
        assert!(out.iter().all(|v| v.is_nan()));
        let many = compile_many(std::slice::from_ref(&f), &["x", "y"]).unwrap();
        many.eval_batch(&[&[1.0]], &mut []);
        let mut short = [0.0; 1];
        many.eval_into(&[1.0, 2.0], &mut short);
        assert_eq!(short[0], 3.0);
    }

    #[test]
    fn sums_of_products_fuse_into_one_instruction() {
        let parse = |s: &str| crate::math::parse(s).unwrap();
        // (expression, instructions for a batch)
        let cases = [
            ("x^2 + 3*x*y + y^2", 2),
            ("(1-x)^2 + 100*(y-x^2)^2", 3),
            ("x*x + y*y", 1),
            ("x*y - x*x*y", 1),
            ("x - 2*x*y", 1),
            ("x*y*x - 3*y", 1),
            ("x*y*2 - y*x*3", 2), // x·y is shared, so computed once
            ("x*(y*2) + y*(x*3)", 1),
            ("x*y*2 + 0.5*y*x*x", 2),   // four factors: 0.5·y first
            ("(x*y)*(x+y) - x*y*y", 3), // x·y, x + y, then one fused step
        ];
        let xs: Vec<f64> = (0..CHUNK + 9)
            .map(|i| (i as f64 * 0.37).sin() * 3.0)
            .collect();
        let ys: Vec<f64> = (0..CHUNK + 9)
            .map(|i| (i as f64 * 0.11).cos() * 2.0)
            .collect();
        for (src, steps) in cases {
            let f = parse(src);
            let c = f.compile(&["x", "y"]).unwrap();
            assert_eq!(c.instruction_count(), steps, "{src}");
            let mut out = vec![0.0; xs.len()];
            c.eval_batch(&[&xs, &ys], &mut out);
            let mut grid = vec![0.0; xs.len() * 3];
            c.eval_grid(&xs, &ys[..3], &mut grid);
            for i in 0..xs.len() {
                // Fusion keeps the unfused rounding: bit-identical to one point at a time.
                assert_eq!(out[i], c.eval(&[xs[i], ys[i]]), "{src} at {i}");
                let tree = f.eval(&[("x", xs[i]), ("y", ys[i])]).unwrap();
                assert!(
                    close(out[i], tree) || (out[i] - tree).abs() < 1e-12,
                    "{src}"
                );
                for r in 0..3 {
                    assert_eq!(grid[r * xs.len() + i], c.eval(&[xs[i], ys[r]]), "{src}");
                }
            }
        }
    }

    #[test]
    fn constant_and_input_outputs() {
        let c = n(5.0).compile(&[]).unwrap();
        let mut out = [0.0; 3];
        c.eval_batch(&[], &mut out);
        assert_eq!(out, [5.0; 3]);
        let c = v("y").compile(&["x", "y"]).unwrap();
        c.eval_batch(&[&[1.0, 2.0], &[3.0, 4.0]], &mut out);
        assert_eq!(&out[..2], &[3.0, 4.0]);
        let mut g = [0.0; 4];
        c.eval_grid(&[1.0, 2.0], &[7.0, 8.0], &mut g);
        assert_eq!(g, [7.0, 7.0, 8.0, 8.0]);
    }

    #[test]
    fn long_batches_cross_chunk_boundaries() {
        let f = Expr::Add(vec![
            pow(v("x"), n(3.0)),
            Expr::Mul(vec![n(3.0), v("x"), v("y")]),
            Expr::Neg(Box::new(pow(v("y"), n(2.0)))),
        ]);
        let c = f.compile(&["x", "y"]).unwrap();
        let len = 3 * CHUNK + 17;
        let xs: Vec<f64> = (0..len).map(|i| (i as f64).sin()).collect();
        let ys: Vec<f64> = (0..len).map(|i| (i as f64 * 0.37).cos()).collect();
        let mut out = vec![0.0; len];
        c.eval_batch(&[&xs, &ys], &mut out);
        for i in 0..len {
            let want = f.eval(&[("x", xs[i]), ("y", ys[i])]).unwrap();
            assert!(close(out[i], want), "{i}");
        }
        assert!(c.register_count() <= 4, "{}", c.register_count());
    }
}
