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

use super::eval::{all_children, check_arity, fold, EvalError};
use super::expr::{Expr, Func};
use std::collections::HashMap;

/// Points processed per instruction in the batch evaluators.
pub const CHUNK: usize = 256;

type Id = u32;

/// A DAG node. Constants are stored as bits so nodes can be hashed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Node {
    Const(u64),
    Input(u32),
    Neg(Id),
    Add(Id, Id),
    Sub(Id, Id),
    Mul(Id, Id),
    Div(Id, Id),
    /// `a ^ 0.5`, with `powf`'s special cases (−inf → +inf, −0 → +0).
    PowHalf(Id),
    PowI(Id, i32),
    Pow(Id, Id),
    F1(Func, Id),
    F2(Func, Id, Id),
}

impl Node {
    /// The node's operands (at most two).
    fn children(self) -> ([Id; 2], usize) {
        match self {
            Node::Const(_) | Node::Input(_) => ([0, 0], 0),
            Node::Neg(a) | Node::PowHalf(a) | Node::PowI(a, _) | Node::F1(_, a) => ([a, 0], 1),
            Node::Add(a, b)
            | Node::Sub(a, b)
            | Node::Mul(a, b)
            | Node::Div(a, b)
            | Node::Pow(a, b)
            | Node::F2(_, a, b) => ([a, b], 2),
        }
    }

    fn map_children(self, f: impl Fn(Id) -> Id) -> Node {
        match self {
            Node::Const(_) | Node::Input(_) => self,
            Node::Neg(a) => Node::Neg(f(a)),
            Node::PowHalf(a) => Node::PowHalf(f(a)),
            Node::PowI(a, n) => Node::PowI(f(a), n),
            Node::F1(g, a) => Node::F1(g, f(a)),
            Node::Add(a, b) => Node::Add(f(a), f(b)),
            Node::Sub(a, b) => Node::Sub(f(a), f(b)),
            Node::Mul(a, b) => Node::Mul(f(a), f(b)),
            Node::Div(a, b) => Node::Div(f(a), f(b)),
            Node::Pow(a, b) => Node::Pow(f(a), f(b)),
            Node::F2(g, a, b) => Node::F2(g, f(a), f(b)),
        }
    }
}

/// `x ^ 0.5` with the special cases of `powf`.
#[inline(always)]
fn pow_half(x: f64) -> f64 {
    if x == f64::NEG_INFINITY {
        f64::INFINITY
    } else {
        x.sqrt() + 0.0
    }
}

/// Evaluates one node given the values of earlier nodes and the inputs.
#[inline]
fn eval_node(n: Node, v: &[f64], args: &[f64]) -> f64 {
    let g = |i: Id| v.get(i as usize).copied().unwrap_or(f64::NAN);
    match n {
        Node::Const(bits) => f64::from_bits(bits),
        Node::Input(j) => args.get(j as usize).copied().unwrap_or(f64::NAN),
        Node::Neg(a) => -g(a),
        Node::Add(a, b) => g(a) + g(b),
        Node::Sub(a, b) => g(a) - g(b),
        Node::Mul(a, b) => g(a) * g(b),
        Node::Div(a, b) => g(a) / g(b),
        Node::PowHalf(a) => pow_half(g(a)),
        Node::PowI(a, k) => g(a).powi(k),
        Node::Pow(a, b) => g(a).powf(g(b)),
        Node::F1(f, a) => f.apply1(g(a)),
        Node::F2(f, a, b) => f.apply2(g(a), g(b)),
    }
}

/// Is `c` a power of two whose reciprocal is also a normal power of two, so that
/// `x / c == x * (1 / c)` exactly?
fn exact_reciprocal(c: f64) -> Option<f64> {
    const MANTISSA: u64 = (1 << 52) - 1;
    if !c.is_normal() {
        return None;
    }
    let r = 1.0 / c;
    (r.is_normal() && c.to_bits() & MANTISSA == 0 && r.to_bits() & MANTISSA == 0).then_some(r)
}

/// Builds the hash-consed DAG.
struct Builder<'a> {
    nodes: Vec<Node>,
    map: HashMap<Node, Id>,
    vars: &'a [&'a str],
}

impl<'a> Builder<'a> {
    fn new(vars: &'a [&'a str]) -> Self {
        Builder {
            nodes: Vec::new(),
            map: HashMap::new(),
            vars,
        }
    }

    fn node(&self, id: Id) -> Node {
        self.nodes[id as usize]
    }

    fn const_of(&self, id: Id) -> Option<f64> {
        match self.node(id) {
            Node::Const(bits) => Some(f64::from_bits(bits)),
            _ => None,
        }
    }

    fn konst(&mut self, v: f64) -> Id {
        self.intern(Node::Const(v.to_bits()))
    }

    /// Interns a node, folding it if all its operands are constants.
    fn intern(&mut self, n: Node) -> Id {
        let (ch, k) = n.children();
        let n = if k > 0 && ch[..k].iter().all(|&c| self.const_of(c).is_some()) {
            let vals = [
                self.const_of(ch[0]).unwrap_or(f64::NAN),
                self.const_of(ch[1]).unwrap_or(f64::NAN),
            ];
            let local = n.map_children(|c| if c == ch[0] { 0 } else { 1 });
            Node::Const(eval_node(local, &vals, &[]).to_bits())
        } else {
            n
        };
        if let Some(&id) = self.map.get(&n) {
            return id;
        }
        let id = self.nodes.len() as Id;
        self.nodes.push(n);
        self.map.insert(n, id);
        id
    }

    fn neg(&mut self, a: Id) -> Id {
        match self.node(a) {
            Node::Neg(b) => b,
            Node::Sub(b, c) => self.intern(Node::Sub(c, b)),
            Node::Mul(b, c) if self.const_of(c).is_some() => {
                let k = self.konst(-self.const_of(c).unwrap_or(f64::NAN));
                self.intern(Node::Mul(b, k))
            }
            _ => self.intern(Node::Neg(a)),
        }
    }

    fn add(&mut self, a: Id, b: Id) -> Id {
        if self.const_of(b) == Some(0.0) && self.const_of(a).is_none() {
            return a;
        }
        if self.const_of(a) == Some(0.0) && self.const_of(b).is_none() {
            return b;
        }
        if let Node::Neg(c) = self.node(b) {
            return self.sub(a, c);
        }
        if let Node::Neg(c) = self.node(a) {
            return self.sub(b, c);
        }
        self.intern(Node::Add(a.min(b), a.max(b)))
    }

    fn sub(&mut self, a: Id, b: Id) -> Id {
        if self.const_of(b) == Some(0.0) && self.const_of(a).is_none() {
            return a;
        }
        if let Node::Neg(c) = self.node(b) {
            return self.add(a, c);
        }
        self.intern(Node::Sub(a, b))
    }

    fn mul(&mut self, a: Id, b: Id) -> Id {
        let (a, b) = if self.const_of(a).is_some() && self.const_of(b).is_none() {
            (b, a)
        } else {
            (a, b)
        };
        if let (None, Some(c)) = (self.const_of(a), self.const_of(b)) {
            if c == 1.0 {
                return a;
            }
            if c == -1.0 {
                return self.neg(a);
            }
            if let Node::Neg(d) = self.node(a) {
                let k = self.konst(-c);
                return self.intern(Node::Mul(d, k));
            }
            return self.intern(Node::Mul(a, b));
        }
        if let Node::Neg(d) = self.node(a) {
            let m = self.mul(d, b);
            return self.neg(m);
        }
        if let Node::Neg(d) = self.node(b) {
            let m = self.mul(a, d);
            return self.neg(m);
        }
        self.intern(Node::Mul(a.min(b), a.max(b)))
    }

    fn div(&mut self, a: Id, b: Id) -> Id {
        if let (None, Some(c)) = (self.const_of(a), self.const_of(b)) {
            if c == 1.0 {
                return a;
            }
            if let Some(r) = exact_reciprocal(c) {
                let k = self.konst(r);
                return self.mul(a, k);
            }
        }
        if let Node::Neg(d) = self.node(a) {
            let q = self.div(d, b);
            return self.neg(q);
        }
        if let Node::Neg(d) = self.node(b) {
            let q = self.div(a, d);
            return self.neg(q);
        }
        self.intern(Node::Div(a, b))
    }

    fn pow(&mut self, a: Id, b: Id) -> Id {
        let Some(p) = self.const_of(b) else {
            return self.intern(Node::Pow(a, b));
        };
        if self.const_of(a).is_some() {
            return self.intern(Node::Pow(a, b));
        }
        if p == 0.0 {
            self.konst(1.0)
        } else if p == 1.0 {
            a
        } else if p == 2.0 {
            self.mul(a, a)
        } else if p == 3.0 {
            let s = self.mul(a, a);
            self.mul(s, a)
        } else if p == 4.0 {
            let s = self.mul(a, a);
            self.mul(s, s)
        } else if p == -1.0 {
            let k = self.konst(1.0);
            self.div(k, a)
        } else if p == -2.0 {
            let s = self.mul(a, a);
            let k = self.konst(1.0);
            self.div(k, s)
        } else if p == 0.5 {
            self.intern(Node::PowHalf(a))
        } else if p == -0.5 {
            let s = self.intern(Node::PowHalf(a));
            let k = self.konst(1.0);
            self.div(k, s)
        } else if p.fract() == 0.0 && p.abs() <= 16.0 {
            self.intern(Node::PowI(a, p as i32))
        } else {
            self.intern(Node::Pow(a, b))
        }
    }

    /// Lowers an expression (iteratively, so any depth is fine).
    fn lower(&mut self, e: &Expr) -> Result<Id, EvalError> {
        fold(e, all_children, |node, ids: &[Id]| {
            self.lower_node(node, ids)
        })
    }

    /// Lowers one node whose children have been lowered to `ids`.
    fn lower_node(&mut self, e: &Expr, ids: &[Id]) -> Result<Id, EvalError> {
        Ok(match (e, ids) {
            (Expr::Num(v), _) => self.konst(*v),
            (Expr::Const(c), _) => self.konst(c.value()),
            (Expr::Var(name), _) => {
                let j = self
                    .vars
                    .iter()
                    .position(|v| v == name)
                    .ok_or_else(|| EvalError::UnknownVariable(name.clone()))?;
                self.intern(Node::Input(j as u32))
            }
            (Expr::Neg(_), &[a]) => self.neg(a),
            (Expr::Add(_), _) => match ids.split_first() {
                None => self.konst(0.0),
                Some((&first, rest)) => rest.iter().fold(first, |acc, &t| self.add(acc, t)),
            },
            (Expr::Mul(_), _) => match ids.split_first() {
                None => self.konst(1.0),
                Some((&first, rest)) => rest.iter().fold(first, |acc, &t| self.mul(acc, t)),
            },
            (Expr::Div(..), &[a, b]) => self.div(a, b),
            (Expr::Pow(..), &[a, b]) => self.pow(a, b),
            (Expr::Call(f, _), _) => {
                check_arity(*f, ids.len())?;
                match *ids {
                    [a] => self.intern(Node::F1(*f, a)),
                    [a, b] => self.intern(Node::F2(*f, a, b)),
                    _ => self.konst(f64::NAN),
                }
            }
            _ => self.konst(f64::NAN),
        })
    }

    /// Keeps only the nodes reachable from `outputs`, renumbered in order.
    fn finish(self, outputs: &[Id]) -> (Vec<Node>, Vec<Id>) {
        let n = self.nodes.len();
        let mut live = vec![false; n];
        for &o in outputs {
            live[o as usize] = true;
        }
        for i in (0..n).rev() {
            if live[i] {
                let (ch, k) = self.nodes[i].children();
                for &c in &ch[..k] {
                    live[c as usize] = true;
                }
            }
        }
        let mut new_id = vec![0 as Id; n];
        let mut nodes = Vec::new();
        for i in 0..n {
            if live[i] {
                new_id[i] = nodes.len() as Id;
                nodes.push(self.nodes[i].map_children(|c| new_id[c as usize]));
            }
        }
        let outputs = outputs.iter().map(|&o| new_id[o as usize]).collect();
        (nodes, outputs)
    }
}

/// Where a vector instruction reads an operand.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Src {
    /// A scratch register.
    Reg(u16),
    /// An input column (by variable index).
    Col(u32),
    /// A scalar value (by node id), computed once per batch or per grid row.
    Scalar(u32),
    /// A scalar broadcast into a chunk-long buffer (by slot in [`Plan::bcast`]), for
    /// the fused [`Kind::Sum`] kernels, whose operands are all slices.
    Bcast(u16),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    PowHalf,
    PowI(i32),
    Pow,
    F1(Func),
    F2(Func),
    /// `a·b + c` (two roundings, exactly as the unfused operations).
    MulAdd,
    /// `a·b − c`
    MulSub,
    /// `c − a·b`
    SubMul,
    /// `P ± Q`, where `P` is the product of the first `np` operands and `Q` of the next
    /// `nq` (each multiplied left to right, exactly as the unfused operations), for
    /// sums of products with four to six operands such as `x·x + (x·3)·y`.
    Sum {
        np: u8,
        nq: u8,
        sub: bool,
    },
    /// Copy operand `a` to output `k`.
    Store(u32),
}

/// Where an instruction writes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Dst {
    Reg(u16),
    /// Straight into output `k` (for a final result nothing else reads).
    Out(u32),
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Step {
    kind: Kind,
    dst: Dst,
    a: Src,
    b: Src,
    c: Src,
    /// Operands 4–6 of a [`Kind::Sum`].
    more: [Src; 3],
}

/// A schedule for one choice of which inputs are uniform (the same at every point).
#[derive(Clone, Debug)]
struct Plan {
    uniform: Vec<bool>,
    /// Non-constant nodes computed once per pass as scalars, in order.
    scalar_nodes: Vec<Id>,
    steps: Vec<Step>,
    nregs: usize,
    /// Scalar nodes broadcast into buffers for [`Kind::Sum`] operands.
    bcast: Vec<Id>,
}

impl Plan {
    fn new(nodes: &[Node], outputs: &[Id], uniform: &[bool]) -> Plan {
        let n = nodes.len();
        let mut is_vec = vec![false; n];
        let mut uses = vec![0usize; n];
        let mut scalar_nodes = Vec::new();
        for (i, &node) in nodes.iter().enumerate() {
            let (ch, k) = node.children();
            is_vec[i] = match node {
                Node::Const(_) => false,
                Node::Input(j) => !uniform.get(j as usize).copied().unwrap_or(true),
                _ => ch[..k].iter().any(|&c| is_vec[c as usize]),
            };
            if is_vec[i] {
                for &c in &ch[..k] {
                    uses[c as usize] += 1;
                }
            } else if !matches!(node, Node::Const(_)) {
                scalar_nodes.push(i as Id);
            }
        }
        for &o in outputs {
            uses[o as usize] += 1;
        }
        let is_op = |i: usize| is_vec[i] && !matches!(nodes[i], Node::Input(_));
        // Fuse products used only by one sum/difference into it.
        let single_mul = |c: Id| -> Option<(Id, Id)> {
            let c = c as usize;
            match nodes[c] {
                Node::Mul(a, b) if is_op(c) && uses[c] == 1 => Some((a, b)),
                _ => None,
            }
        };
        // A term of a sum as a product of up to three operands, multiplied left to
        // right, and the product nodes it absorbs. `a·(c·d)` is read as `(c·d)·a`,
        // which is exactly equal (multiplication commutes in floating point).
        let factors = |t: Id| -> ([Id; 3], usize, [Option<Id>; 2]) {
            let Some((a, b)) = single_mul(t) else {
                return ([t, t, t], 1, [None, None]);
            };
            if let Some((c, d)) = single_mul(a) {
                ([c, d, b], 3, [Some(t), Some(a)])
            } else if let Some((c, d)) = single_mul(b) {
                ([c, d, a], 3, [Some(t), Some(b)])
            } else {
                ([a, b, a], 2, [Some(t), None])
            }
        };
        let mut fused = vec![false; n];
        // Per node: (kind, operands, operand count) of its instruction.
        let mut shape: Vec<Option<(Kind, [Id; 6], usize)>> = vec![None; n];
        for (i, &node) in nodes.iter().enumerate() {
            if !is_op(i) {
                continue;
            }
            let (ch, k) = node.children();
            if let Node::Add(p, q) | Node::Sub(p, q) = node {
                let sub = matches!(node, Node::Sub(..));
                let (fp, np, mp) = factors(p);
                let (fq, nq, mq) = factors(q);
                let absorbed: Vec<Id> = mp.into_iter().chain(mq).flatten().collect();
                let free = !absorbed.iter().any(|&m| fused[m as usize]);
                if free && np + nq >= 4 {
                    // Addition commutes exactly: put the longer product first so fewer
                    // kernels are needed.
                    let ((fp, np), (fq, nq)) = if !sub && nq > np {
                        ((fq, nq), (fp, np))
                    } else {
                        ((fp, np), (fq, nq))
                    };
                    let mut ops = [0; 6];
                    ops[..np].copy_from_slice(&fp[..np]);
                    ops[np..np + nq].copy_from_slice(&fq[..nq]);
                    for m in absorbed {
                        fused[m as usize] = true;
                    }
                    let kind = Kind::Sum {
                        np: np as u8,
                        nq: nq as u8,
                        sub,
                    };
                    shape[i] = Some((kind, ops, np + nq));
                    continue;
                }
            }
            let fusion = match node {
                Node::Add(p, q) => single_mul(p)
                    .map(|(a, b)| (Kind::MulAdd, [a, b, q], p))
                    .or_else(|| single_mul(q).map(|(a, b)| (Kind::MulAdd, [a, b, p], q))),
                Node::Sub(p, q) => single_mul(p)
                    .map(|(a, b)| (Kind::MulSub, [a, b, q], p))
                    .or_else(|| single_mul(q).map(|(a, b)| (Kind::SubMul, [a, b, p], q))),
                _ => None,
            };
            if let Some((kind, ops, m)) = fusion {
                if !fused[m as usize] && m != ops[2] {
                    fused[m as usize] = true;
                    shape[i] = Some((kind, [ops[0], ops[1], ops[2], 0, 0, 0], 3));
                    continue;
                }
            }
            let kind = match node {
                Node::Neg(_) => Kind::Neg,
                Node::Add(..) => Kind::Add,
                Node::Sub(..) => Kind::Sub,
                Node::Mul(..) => Kind::Mul,
                Node::Div(..) => Kind::Div,
                Node::PowHalf(_) => Kind::PowHalf,
                Node::PowI(_, p) => Kind::PowI(p),
                Node::Pow(..) => Kind::Pow,
                Node::F1(f, _) => Kind::F1(f),
                Node::F2(f, ..) => Kind::F2(f),
                Node::Const(_) | Node::Input(_) => continue,
            };
            shape[i] = Some((kind, [ch[0], ch[1], ch[0], 0, 0, 0], k));
        }
        // Last instruction reading each node.
        let mut last_use = vec![usize::MAX; n];
        for i in 0..n {
            if fused[i] {
                continue;
            }
            if let Some((_, ops, k)) = shape[i] {
                for &c in &ops[..k] {
                    last_use[c as usize] = i;
                }
            }
        }
        let mut reg_of = vec![u16::MAX; n];
        let mut free: Vec<u16> = Vec::new();
        let mut nregs = 0usize;
        let mut steps = Vec::new();
        let src_of = |c: Id, reg_of: &[u16]| -> Src {
            let c = c as usize;
            match nodes[c] {
                _ if !is_vec[c] => Src::Scalar(c as u32),
                Node::Input(j) => Src::Col(j),
                _ => Src::Reg(reg_of[c]),
            }
        };
        let mut bcast: Vec<Id> = Vec::new();
        for i in 0..n {
            let Some((kind, ops, k)) = shape[i] else {
                continue;
            };
            if fused[i] {
                continue;
            }
            let mut srcs = [Src::Scalar(0); 6];
            for (j, slot) in srcs.iter_mut().enumerate() {
                let src = src_of(ops[j.min(k.saturating_sub(1))], &reg_of);
                *slot = match src {
                    Src::Scalar(id) if matches!(kind, Kind::Sum { .. }) => {
                        let at = bcast.iter().position(|&b| b == id).unwrap_or_else(|| {
                            bcast.push(id);
                            bcast.len() - 1
                        });
                        Src::Bcast(at as u16)
                    }
                    other => other,
                };
            }
            let [a, b, c, m0, m1, m2] = srcs;
            let (b, c) = if k == 2 { (b, a) } else { (b, c) };
            let more = [m0, m1, m2];
            let out_ks: Vec<u32> = (0..outputs.len())
                .filter(|&o| outputs[o] as usize == i)
                .map(|o| o as u32)
                .collect();
            if out_ks.len() == 1 && last_use[i] == usize::MAX {
                // A final result: write it straight into its output.
                steps.push(Step {
                    kind,
                    dst: Dst::Out(out_ks[0]),
                    a,
                    b,
                    c,
                    more,
                });
            } else {
                let dst = free.pop().unwrap_or_else(|| {
                    nregs += 1;
                    (nregs - 1) as u16
                });
                reg_of[i] = dst;
                steps.push(Step {
                    kind,
                    dst: Dst::Reg(dst),
                    a,
                    b,
                    c,
                    more,
                });
                for &o in &out_ks {
                    let r = Src::Reg(dst);
                    steps.push(Step {
                        kind: Kind::Store(o),
                        dst: Dst::Out(o),
                        a: r,
                        b: r,
                        c: r,
                        more: [r; 3],
                    });
                }
                if last_use[i] == usize::MAX {
                    free.push(dst);
                }
            }
            // Free operands whose last use is here (once each, even for x·x).
            for (idx, &cid) in ops[..k].iter().enumerate() {
                if ops[..idx].contains(&cid) {
                    continue;
                }
                let cu = cid as usize;
                if last_use[cu] == i && reg_of[cu] != u16::MAX {
                    free.push(reg_of[cu]);
                }
            }
        }
        // Outputs that are inputs or scalars are copied at the end.
        for (out, &o) in outputs.iter().enumerate() {
            if !is_op(o as usize) {
                let a = src_of(o, &reg_of);
                steps.push(Step {
                    kind: Kind::Store(out as u32),
                    dst: Dst::Out(out as u32),
                    a,
                    b: a,
                    c: a,
                    more: [a; 3],
                });
            }
        }
        Plan {
            uniform: uniform.to_vec(),
            scalar_nodes,
            steps,
            nregs,
            bcast,
        }
    }
}

/// An operand resolved for one chunk.
#[derive(Clone, Copy)]
enum Opnd<'a> {
    V(&'a [f64]),
    S(f64),
}

#[inline(always)]
fn map1(d: &mut [f64], a: Opnd<'_>, f: impl Fn(f64) -> f64) {
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
fn map2(d: &mut [f64], a: Opnd<'_>, b: Opnd<'_>, f: impl Fn(f64, f64) -> f64) {
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
fn map3(d: &mut [f64], a: Opnd<'_>, b: Opnd<'_>, c: Opnd<'_>, f: impl Fn(f64, f64, f64) -> f64) {
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
fn map_func(f: Func, d: &mut [f64], a: Opnd<'_>) {
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

/// Resolves an operand for the chunk `start..end` (`None` if out of range,
/// which the length checks rule out).
#[inline]
fn resolve<'a>(
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
fn exec(kind: Kind, d: &mut [f64], [a, b, c]: [Opnd<'_>; 3], more: [Opnd<'_>; 3]) {
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
fn slice_of(o: Opnd<'_>, n: usize) -> Option<&[f64]> {
    match o {
        Opnd::V(v) => v.get(..n),
        Opnd::S(_) => None,
    }
}

/// `d[i] = P[i] ± Q[i]` for a [`Kind::Sum`]: `ops[..np]` multiply to P and
/// `ops[np..np + nq]` to Q, each left to right.
fn sum_of_products(d: &mut [f64], ops: &[Opnd<'_>; 6], np: usize, nq: usize, sub: bool) {
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
fn sum_of_products_slow(d: &mut [f64], ops: &[Opnd<'_>; 6], np: usize, nq: usize, sub: bool) {
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
