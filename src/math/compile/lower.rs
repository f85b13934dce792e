//! Lowering: an expression tree becomes a hash-consed DAG of binary operations, with
//! constants folded and small powers specialised as it is built (steps 1 and 2 of the
//! module docs of [`super`]).

use crate::math::eval::{all_children, check_arity, fold, EvalError};
use crate::math::expr::{Expr, Func};
use std::collections::HashMap;

pub(super) type Id = u32;

/// A DAG node. Constants are stored as bits so nodes can be hashed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Node {
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
    pub(super) fn children(self) -> ([Id; 2], usize) {
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

    pub(super) fn map_children(self, f: impl Fn(Id) -> Id) -> Node {
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
pub(super) fn pow_half(x: f64) -> f64 {
    if x == f64::NEG_INFINITY {
        f64::INFINITY
    } else {
        x.sqrt() + 0.0
    }
}

/// Evaluates one node given the values of earlier nodes and the inputs.
#[inline]
pub(super) fn eval_node(n: Node, v: &[f64], args: &[f64]) -> f64 {
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
pub(super) fn exact_reciprocal(c: f64) -> Option<f64> {
    const MANTISSA: u64 = (1 << 52) - 1;
    if !c.is_normal() {
        return None;
    }
    let r = 1.0 / c;
    (r.is_normal() && c.to_bits() & MANTISSA == 0 && r.to_bits() & MANTISSA == 0).then_some(r)
}

/// Builds the hash-consed DAG.
pub(super) struct Builder<'a> {
    pub(super) nodes: Vec<Node>,
    pub(super) map: HashMap<Node, Id>,
    pub(super) vars: &'a [&'a str],
}

impl<'a> Builder<'a> {
    pub(super) fn new(vars: &'a [&'a str]) -> Self {
        Builder {
            nodes: Vec::new(),
            map: HashMap::new(),
            vars,
        }
    }

    pub(super) fn node(&self, id: Id) -> Node {
        self.nodes[id as usize]
    }

    pub(super) fn const_of(&self, id: Id) -> Option<f64> {
        match self.node(id) {
            Node::Const(bits) => Some(f64::from_bits(bits)),
            _ => None,
        }
    }

    pub(super) fn konst(&mut self, v: f64) -> Id {
        self.intern(Node::Const(v.to_bits()))
    }

    /// Interns a node, folding it if all its operands are constants.
    pub(super) fn intern(&mut self, n: Node) -> Id {
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

    pub(super) fn neg(&mut self, a: Id) -> Id {
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

    pub(super) fn add(&mut self, a: Id, b: Id) -> Id {
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

    pub(super) fn sub(&mut self, a: Id, b: Id) -> Id {
        if self.const_of(b) == Some(0.0) && self.const_of(a).is_none() {
            return a;
        }
        if let Node::Neg(c) = self.node(b) {
            return self.add(a, c);
        }
        self.intern(Node::Sub(a, b))
    }

    pub(super) fn mul(&mut self, a: Id, b: Id) -> Id {
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

    pub(super) fn div(&mut self, a: Id, b: Id) -> Id {
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

    pub(super) fn pow(&mut self, a: Id, b: Id) -> Id {
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
    pub(super) fn lower(&mut self, e: &Expr) -> Result<Id, EvalError> {
        fold(e, all_children, |node, ids: &[Id]| {
            self.lower_node(node, ids)
        })
    }

    /// Lowers one node whose children have been lowered to `ids`.
    pub(super) fn lower_node(&mut self, e: &Expr, ids: &[Id]) -> Result<Id, EvalError> {
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
    pub(super) fn finish(self, outputs: &[Id]) -> (Vec<Node>, Vec<Id>) {
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
