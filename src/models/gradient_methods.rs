//! Four ways to get a gradient, side by side, and what a tape viewer needs to replay them.
//!
//! * **Symbolic:** differentiate the formula ([`Expr::gradient`]) and evaluate.
//! * **Reverse mode:** record the evaluation as a [`Tape`], then sweep it backwards once
//!   ([`TapeWalk`] replays the forward values and then the backward steps one at a time).
//! * **Forward mode:** push a dual number `v + v̇ε` through the same tape, once per input
//!   ([`forward_passes`]).
//! * **Central differences:** `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h`, with a step h the learner picks.
//!
//! [`compare`] computes all four with their relative errors; [`operation_counts`] counts the
//! passes and local-derivative products each automatic mode needs.

use crate::math::autodiff::smul;
use crate::math::{
    central_difference_gradient, relative_error, Dual, EvalError, Expr, Tape, TapeOp,
};

/// One forward-mode pass: the dual number `(value, tangent)` of every tape node when input
/// `input` is seeded with tangent 1 and the others with 0. The output's tangent is ∂f/∂x_input.
#[derive(Clone, Debug, PartialEq)]
pub struct ForwardPass {
    /// The input differentiated by (its index among the variables).
    pub input: usize,
    /// One dual number per tape node.
    pub duals: Vec<Dual>,
}

impl ForwardPass {
    /// The output's tangent: the partial derivative this pass computes.
    pub fn derivative(&self) -> f64 {
        self.duals.last().map_or(f64::NAN, |d| d.d)
    }
}

/// Forward mode over a recorded tape: one pass per input. Each node's tangent is the sum over
/// its inputs of (local partial × the input's tangent), the same local partials the backward
/// sweep uses.
pub fn forward_passes(tape: &Tape) -> Vec<ForwardPass> {
    (0..tape.vars.len())
        .map(|input| {
            let mut duals: Vec<Dual> = Vec::with_capacity(tape.nodes.len());
            for node in &tape.nodes {
                let d = match node.op {
                    TapeOp::Input(j) => {
                        // Only the first of repeated names is the live input.
                        let name = tape.vars.get(j);
                        let first = tape.vars.iter().position(|v| Some(v) == name) == Some(j);
                        if j == input && first {
                            1.0
                        } else {
                            0.0
                        }
                    }
                    _ => node
                        .inputs
                        .iter()
                        .zip(&node.partials)
                        .map(|(&k, &p)| smul(p, duals.get(k).map_or(f64::NAN, |t| t.d)))
                        .sum(),
                };
                duals.push(Dual { v: node.value, d });
            }
            ForwardPass { input, duals }
        })
        .collect()
}

/// The work one automatic mode does for a whole gradient.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationCount {
    /// Sweeps over the tape.
    pub passes: usize,
    /// Node values computed (operation nodes, counted once per sweep that computes them).
    pub evaluations: usize,
    /// Multiplications of a local partial derivative by a tangent or an adjoint.
    pub products: usize,
}

/// `(forward mode, reverse mode)` work for the whole gradient of a tape with `n` inputs, `k`
/// operation nodes and `e` edges: forward mode sweeps n times (n·k values, n·e products);
/// reverse mode sweeps forward once for the values and backward once (k values, e products).
pub fn operation_counts(tape: &Tape) -> (OperationCount, OperationCount) {
    let n = tape.vars.len();
    let ops = tape.nodes.iter().filter(|t| !t.inputs.is_empty()).count();
    let edges: usize = tape.nodes.iter().map(|t| t.inputs.len()).sum();
    (
        OperationCount {
            passes: n,
            evaluations: n * ops,
            products: n * edges,
        },
        OperationCount {
            passes: 2,
            evaluations: ops,
            products: edges,
        },
    )
}

/// Which way a gradient was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Differentiate the formula, then evaluate.
    Symbolic,
    /// One backward sweep of the tape.
    Reverse,
    /// One dual-number pass per input.
    Forward,
    /// Central differences with step h.
    Central,
}

impl Method {
    /// All four, in display order.
    pub const ALL: [Method; 4] = [
        Method::Symbolic,
        Method::Reverse,
        Method::Forward,
        Method::Central,
    ];

    /// A short name.
    pub fn name(self) -> &'static str {
        match self {
            Method::Symbolic => "symbolic",
            Method::Reverse => "reverse mode",
            Method::Forward => "forward mode",
            Method::Central => "central differences",
        }
    }
}

/// The four gradients at one point and their relative errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The gradients in [`Method::ALL`] order.
    pub gradients: [Vec<f64>; 4],
    /// The step used for central differences.
    pub h: f64,
    /// `errors[i][j]` = relative error between methods i and j ([`relative_error`]).
    pub errors: [[f64; 4]; 4],
}

impl Comparison {
    /// The gradient a method gave.
    pub fn gradient(&self, m: Method) -> &[f64] {
        &self.gradients[m as usize]
    }

    /// The relative error between two methods.
    pub fn error(&self, a: Method, b: Method) -> f64 {
        self.errors[a as usize][b as usize]
    }
}

/// Computes the gradient of `f` at `point` four ways. A step `h` that is not a positive finite
/// number becomes `1e-5`.
pub fn compare(f: &Expr, vars: &[&str], point: &[f64], h: f64) -> Result<Comparison, EvalError> {
    let h = if h.is_finite() && h > 0.0 { h } else { 1e-5 };
    let tape = f.record_tape(vars, point)?;
    let env: Vec<(&str, f64)> = vars.iter().copied().zip(point.iter().copied()).collect();
    let symbolic = f
        .gradient(vars)
        .iter()
        .map(|g| g.eval(&env))
        .collect::<Result<Vec<f64>, _>>()?;
    let reverse = tape.backward().gradient;
    let forward = forward_passes(&tape)
        .iter()
        .map(ForwardPass::derivative)
        .collect();
    let value = |p: &[f64]| {
        let env: Vec<(&str, f64)> = vars.iter().copied().zip(p.iter().copied()).collect();
        f.eval(&env).unwrap_or(f64::NAN)
    };
    let central = central_difference_gradient(value, point, h);
    let gradients = [symbolic, reverse, forward, central];
    let mut errors = [[0.0; 4]; 4];
    for (i, row) in errors.iter_mut().enumerate() {
        for (j, e) in row.iter_mut().enumerate() {
            *e = relative_error(&gradients[i], &gradients[j]);
        }
    }
    Ok(Comparison {
        gradients,
        h,
        errors,
    })
}

/// Replays a tape for a viewer: positions `0 ..= nodes` fill in forward values one node at a
/// time; the next position seeds the output's adjoint with 1; each later position is one backward
/// step. [`TapeWalk::len`] is the last position.
#[derive(Clone, Debug, PartialEq)]
pub struct TapeWalk {
    tape: Tape,
    steps: Vec<crate::math::BackwardStep>,
}

/// What happens at one position of a [`TapeWalk`].
#[derive(Clone, Debug, PartialEq)]
pub enum WalkEvent {
    /// Nothing computed yet.
    Start,
    /// Node `node` got its value.
    Value {
        /// The node.
        node: usize,
    },
    /// The output's adjoint is set to 1 (∂f/∂f = 1).
    Seed {
        /// The output node.
        node: usize,
    },
    /// Backward step number `step` (0-based): `node` pushed its adjoint to its inputs.
    Backward {
        /// The index into [`TapeWalk::steps`].
        step: usize,
        /// The node whose adjoint was pushed.
        node: usize,
    },
}

impl TapeWalk {
    /// A walk over `tape`.
    pub fn new(tape: Tape) -> TapeWalk {
        let steps = tape.backward_steps();
        TapeWalk { tape, steps }
    }

    /// The tape.
    pub fn tape(&self) -> &Tape {
        &self.tape
    }

    /// The backward steps, in the order they run.
    pub fn steps(&self) -> &[crate::math::BackwardStep] {
        &self.steps
    }

    /// The last position: all values, the seed and every backward step done.
    pub fn len(&self) -> usize {
        self.tape.nodes.len() + 1 + self.steps.len()
    }

    /// Whether the tape has no nodes.
    pub fn is_empty(&self) -> bool {
        self.tape.nodes.is_empty()
    }

    /// The position at which the forward pass is complete.
    pub fn forward_done(&self) -> usize {
        self.tape.nodes.len()
    }

    /// What the step that reached position `pos` did.
    pub fn event(&self, pos: usize) -> WalkEvent {
        let n = self.tape.nodes.len();
        let pos = pos.min(self.len());
        if pos == 0 {
            WalkEvent::Start
        } else if pos <= n {
            WalkEvent::Value { node: pos - 1 }
        } else if pos == n + 1 {
            WalkEvent::Seed {
                node: n.saturating_sub(1),
            }
        } else {
            let step = pos - n - 2;
            WalkEvent::Backward {
                step,
                node: self.steps.get(step).map_or(0, |s| s.node),
            }
        }
    }

    /// Node `i`'s value, once the forward pass has reached it at position `pos`.
    pub fn value(&self, pos: usize, i: usize) -> Option<f64> {
        if i < pos.min(self.tape.nodes.len()) {
            self.tape.nodes.get(i).map(|t| t.value)
        } else {
            None
        }
    }

    /// Node `i`'s adjoint so far at position `pos`: `None` before the backward pass starts, then
    /// the sum of what has been pushed to it (1 for the output).
    pub fn adjoint(&self, pos: usize, i: usize) -> Option<f64> {
        let n = self.tape.nodes.len();
        if pos <= n || i >= n {
            return None;
        }
        let done = (pos - n - 1).min(self.steps.len());
        let mut adj = if i + 1 == n { 1.0 } else { 0.0 };
        for step in &self.steps[..done] {
            for c in step.contributions.iter().filter(|c| c.input == i) {
                adj = c.input_adjoint_after;
            }
        }
        Some(adj)
    }

    /// The gradient (the inputs' adjoints) once the walk is complete, else `None`.
    pub fn gradient(&self, pos: usize) -> Option<Vec<f64>> {
        (pos >= self.len()).then(|| {
            (0..self.tape.vars.len())
                .map(|j| self.adjoint(pos, j).unwrap_or(0.0))
                .collect()
        })
    }
}

/// A layout of the tape as a graph: each node's column is its depth (inputs and constants at 0,
/// every other node one more than its deepest input) and its row is its order within the column.
pub fn graph_layout(tape: &Tape) -> Vec<(usize, usize)> {
    let mut depth: Vec<usize> = Vec::with_capacity(tape.nodes.len());
    for node in &tape.nodes {
        let d = node
            .inputs
            .iter()
            .filter_map(|&k| depth.get(k))
            .max()
            .map_or(0, |d| d + 1);
        depth.push(d);
    }
    let mut next_row = vec![0usize; depth.iter().max().map_or(0, |d| d + 1)];
    depth
        .iter()
        .map(|&d| {
            let row = next_row.get(d).copied().unwrap_or(0);
            if let Some(r) = next_row.get_mut(d) {
                *r += 1;
            }
            (d, row)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::{parse, SplitMix64};

    fn course_example() -> (Expr, TapeWalk) {
        let f = parse("x₀² + x₁²").unwrap();
        let tape = f.record_tape(&["x0", "x1"], &[2.0, 3.0]).unwrap();
        (f, TapeWalk::new(tape))
    }

    #[test]
    fn stepping_the_course_example_forward_then_backward_gives_4_6() {
        let (_, walk) = course_example();
        // 5 nodes, the seed and 3 backward steps.
        assert_eq!(walk.len(), 5 + 1 + 3);
        assert_eq!(walk.event(0), WalkEvent::Start);
        assert_eq!(walk.value(0, 0), None);
        assert_eq!(walk.event(3), WalkEvent::Value { node: 2 });
        assert_eq!(walk.value(3, 2), Some(4.0));
        assert_eq!(walk.value(3, 3), None);
        assert_eq!(walk.value(5, 4), Some(13.0));
        assert_eq!(walk.adjoint(5, 4), None);
        assert_eq!(walk.event(6), WalkEvent::Seed { node: 4 });
        assert_eq!(walk.adjoint(6, 4), Some(1.0));
        assert_eq!(walk.adjoint(6, 0), Some(0.0));
        // Step 1: v4 = v2 + v3 pushes 1 to both.
        assert_eq!(walk.event(7), WalkEvent::Backward { step: 0, node: 4 });
        assert_eq!(walk.adjoint(7, 2), Some(1.0));
        assert_eq!(walk.gradient(7), None);
        // Then v3 = v1² pushes 1 · 6 to x1, and v2 = v0² pushes 1 · 4 to x0.
        assert_eq!(walk.adjoint(8, 1), Some(6.0));
        assert_eq!(walk.adjoint(8, 0), Some(0.0));
        assert_eq!(walk.adjoint(9, 0), Some(4.0));
        assert_eq!(walk.gradient(9), Some(vec![4.0, 6.0]));
        assert_eq!(walk.gradient(100), Some(vec![4.0, 6.0]));
        let last = &walk.steps()[2];
        assert_eq!(last.contributions[0].local_partial, 4.0);
    }

    #[test]
    fn forward_mode_takes_one_pass_per_input() {
        let (_, walk) = course_example();
        let passes = forward_passes(walk.tape());
        assert_eq!(passes.len(), 2);
        assert_eq!(passes[0].derivative(), 4.0);
        assert_eq!(passes[1].derivative(), 6.0);
        // In the x0 pass, v2 = v0² carries (4, 4) and v3 = v1² carries (9, 0).
        assert_eq!(passes[0].duals[2], Dual { v: 4.0, d: 4.0 });
        assert_eq!(passes[0].duals[3], Dual { v: 9.0, d: 0.0 });
        let (fwd, rev) = operation_counts(walk.tape());
        // 3 operations, 4 edges, 2 inputs.
        assert_eq!(
            fwd,
            OperationCount {
                passes: 2,
                evaluations: 6,
                products: 8
            }
        );
        assert_eq!(
            rev,
            OperationCount {
                passes: 2,
                evaluations: 3,
                products: 4
            }
        );
    }

    #[test]
    fn reverse_beats_forward_as_inputs_grow() {
        let f = parse("x1 x2 x3 x4 x5 x6 x7 x8").unwrap();
        let vars = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"];
        let tape = f.record_tape(&vars, &[1.0; 8]).unwrap();
        let (fwd, rev) = operation_counts(&tape);
        assert_eq!(fwd.products, 8 * rev.products);
        assert!(fwd.passes > rev.passes);
    }

    #[test]
    fn four_methods_agree_and_numerical_is_the_odd_one_out() {
        let f = parse("sin(x y) + x² exp(y/3)").unwrap();
        let vars = ["x", "y"];
        let mut rng = SplitMix64(11);
        for _ in 0..30 {
            let p = [rng.next_f64() * 4.0 - 2.0, rng.next_f64() * 4.0 - 2.0];
            let c = compare(&f, &vars, &p, 1e-5).unwrap();
            assert!(c.error(Method::Symbolic, Method::Reverse) < 1e-14, "{c:?}");
            assert!(c.error(Method::Symbolic, Method::Forward) < 1e-14, "{c:?}");
            assert!(c.error(Method::Reverse, Method::Forward) < 1e-14, "{c:?}");
            assert!(c.error(Method::Symbolic, Method::Central) < 1e-8, "{c:?}");
            assert_eq!(c.error(Method::Central, Method::Central), 0.0);
        }
        // A large step makes central differences visibly wrong; the exact ones do not move.
        let c = compare(&f, &vars, &[1.0, 0.5], 0.5).unwrap();
        assert!(c.error(Method::Symbolic, Method::Central) > 1e-3);
        assert_eq!(compare(&f, &vars, &[1.0, 0.5], -1.0).unwrap().h, 1e-5);
        // The course example.
        let c = compare(
            &parse("x0^2 + x1^2").unwrap(),
            &["x0", "x1"],
            &[2.0, 3.0],
            1e-4,
        )
        .unwrap();
        for m in Method::ALL {
            let g = c.gradient(m);
            assert!(
                (g[0] - 4.0).abs() < 1e-6 && (g[1] - 6.0).abs() < 1e-6,
                "{m:?} {g:?}"
            );
        }
    }

    #[test]
    fn errors_and_odd_tapes_do_not_panic() {
        let f = parse("x + y").unwrap();
        assert!(compare(&f, &["x"], &[1.0], 1e-5).is_err());
        assert!(compare(&f, &["x", "y"], &[1.0], 1e-5).is_err());
        // A repeated variable name is recorded but unused.
        let tape = f.record_tape(&["x", "y", "x"], &[1.0, 2.0, 5.0]).unwrap();
        let passes = forward_passes(&tape);
        assert_eq!(
            passes
                .iter()
                .map(ForwardPass::derivative)
                .collect::<Vec<_>>(),
            [1.0, 1.0, 0.0]
        );
        let walk = TapeWalk::new(parse("x").unwrap().record_tape(&["x"], &[3.0]).unwrap());
        assert_eq!(walk.gradient(walk.len()), Some(vec![1.0]));
        assert_eq!(walk.event(1000), walk.event(walk.len()));
        let empty = TapeWalk::new(Tape {
            nodes: vec![],
            vars: vec![],
        });
        assert!(empty.is_empty());
        assert_eq!(empty.adjoint(5, 0), None);
        assert_eq!(graph_layout(empty.tape()), vec![]);
    }

    #[test]
    fn layout_puts_each_node_right_of_its_inputs() {
        let (_, walk) = course_example();
        let layout = graph_layout(walk.tape());
        assert_eq!(layout, vec![(0, 0), (0, 1), (1, 0), (1, 1), (2, 0)]);
        for (i, node) in walk.tape().nodes.iter().enumerate() {
            for &k in &node.inputs {
                assert!(layout[k].0 < layout[i].0);
            }
        }
    }
}
