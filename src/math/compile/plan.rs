//! Planning: which nodes are scalars and which are vector instructions, registers by a
//! linear scan over last uses, and products fused into the sums that use them (step 3 of
//! the module docs of [`super`]).

use super::lower::{Id, Node};
use crate::math::expr::Func;

/// Where a vector instruction reads an operand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Src {
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
pub(super) enum Kind {
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
pub(super) enum Dst {
    Reg(u16),
    /// Straight into output `k` (for a final result nothing else reads).
    Out(u32),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Step {
    pub(super) kind: Kind,
    pub(super) dst: Dst,
    pub(super) a: Src,
    pub(super) b: Src,
    pub(super) c: Src,
    /// Operands 4–6 of a [`Kind::Sum`].
    pub(super) more: [Src; 3],
}

/// A schedule for one choice of which inputs are uniform (the same at every point).
#[derive(Clone, Debug)]
pub(super) struct Plan {
    pub(super) uniform: Vec<bool>,
    /// Non-constant nodes computed once per pass as scalars, in order.
    pub(super) scalar_nodes: Vec<Id>,
    pub(super) steps: Vec<Step>,
    pub(super) nregs: usize,
    /// Scalar nodes broadcast into buffers for [`Kind::Sum`] operands.
    pub(super) bcast: Vec<Id>,
}

impl Plan {
    /// Plans `nodes` for the inputs marked `uniform`: classify, shape, then schedule.
    pub(super) fn new(nodes: &[Node], outputs: &[Id], uniform: &[bool]) -> Plan {
        let (is_vec, uses, scalar_nodes) = classify(nodes, outputs, uniform);
        let (shape, fused) = shapes(nodes, &is_vec, &uses);
        let (steps, nregs, bcast) = schedule(nodes, outputs, &is_vec, &shape, &fused);
        Plan {
            uniform: uniform.to_vec(),
            scalar_nodes,
            steps,
            nregs,
            bcast,
        }
    }
}

/// An instruction's shape before registers are assigned: its kind, its operands' nodes
/// and how many of them it reads.
type Shape = (Kind, [Id; 6], usize);

/// Which nodes vary from point to point (`is_vec`), how many vector instructions and
/// outputs read each node, and the non-constant nodes computed once as scalars.
fn classify(nodes: &[Node], outputs: &[Id], uniform: &[bool]) -> (Vec<bool>, Vec<usize>, Vec<Id>) {
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
    (is_vec, uses, scalar_nodes)
}

/// Each vector node's instruction, with products used only by one sum or difference fused
/// into it (`a·b + c`, or a sum of two products of up to three factors); `fused` marks the
/// nodes absorbed that way, which get no instruction of their own.
fn shapes(nodes: &[Node], is_vec: &[bool], uses: &[usize]) -> (Vec<Option<Shape>>, Vec<bool>) {
    let n = nodes.len();
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
    (shape, fused)
}

/// The instructions in order, with registers assigned by a linear scan over last uses,
/// final results written straight to their outputs, and scalar operands of fused sums
/// broadcast into buffers. Returns the steps, the register count and the broadcast nodes.
fn schedule(
    nodes: &[Node],
    outputs: &[Id],
    is_vec: &[bool],
    shape: &[Option<Shape>],
    fused: &[bool],
) -> (Vec<Step>, usize, Vec<Id>) {
    let n = nodes.len();
    let is_op = |i: usize| is_vec[i] && !matches!(nodes[i], Node::Input(_));
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
    (steps, nregs, bcast)
}
