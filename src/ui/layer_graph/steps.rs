//! The layer graph's walk, as plain logic tested natively: which values and adjoints are known
//! at each position of the forward-then-backward walk, and the sentence that explains each step
//! with the layer's own numbers.

use crate::models::dense::{GraphNode, Layer, LayerBackward, LayerForward, Matrix, NodeId};
use crate::tutor::format::format_value;

/// The nodes in forward order (as `Layer::graph` lists them).
pub const NODES: usize = 8;
/// The last position: every value and every adjoint filled in.
pub const LAST: usize = 2 * NODES;

/// A vector as `[a, b, c]`.
pub fn vector(v: &[f64]) -> String {
    format!(
        "[{}]",
        v.iter()
            .map(|&x| format_value(x))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A matrix as rows of vectors, `[[a, b], [c, d]]`.
pub fn matrix(m: &Matrix) -> String {
    format!(
        "[{}]",
        m.to_rows()
            .iter()
            .map(|r| vector(r))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// `m × n`.
pub fn shape(m: &Matrix) -> String {
    let (r, c) = m.shape();
    format!("{r} × {c}")
}

/// One layer's forward and backward pass, walked one node at a time.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerWalk {
    /// The layer.
    pub layer: Layer,
    /// Its graph with values and adjoints, in forward order.
    pub graph: Vec<GraphNode>,
    /// The forward pass.
    pub forward: LayerForward,
    /// The backward pass.
    pub backward: LayerBackward,
}

impl LayerWalk {
    /// The walk over `layer`.
    pub fn new(layer: Layer) -> LayerWalk {
        let forward = layer.forward();
        let backward = layer.backward(&forward);
        let graph = layer.graph();
        LayerWalk {
            layer,
            graph,
            forward,
            backward,
        }
    }

    /// Whether node `i` (forward order) has its value at position `pos`.
    pub fn value_known(pos: usize, i: usize) -> bool {
        i < pos.min(NODES)
    }

    /// Whether node `i` has its adjoint at position `pos` (filled from the loss backwards).
    pub fn adjoint_known(pos: usize, i: usize) -> bool {
        pos > NODES && i < NODES && NODES - 1 - i < pos - NODES
    }

    /// The node the step to `pos` filled in, if any.
    pub fn current(pos: usize) -> Option<usize> {
        match pos {
            0 => None,
            p if p <= NODES => Some(p - 1),
            p if p <= LAST => Some(LAST - p),
            _ => None,
        }
    }

    fn node(&self, id: NodeId) -> Option<&GraphNode> {
        self.graph.iter().find(|g| g.id == id)
    }

    /// What the step to `pos` did, with the numbers.
    pub fn explain(&self, pos: usize) -> String {
        let (m, n) = (self.layer.m(), self.layer.n());
        let f = &self.forward;
        let b = &self.backward;
        let Some(i) = Self::current(pos) else {
            return format!(
                "Nothing computed yet. Step forward to fill in the values node by node; a {m} × {n} layer takes {n} inputs to {m} outputs."
            );
        };
        let Some(node) = self.graph.get(i) else {
            return String::new();
        };
        let forward = pos <= NODES;
        match (node.id, forward) {
            (NodeId::X, true) => format!(
                "The input x has n = {n} entries (shape {n} × 1): x = {}.",
                vector(self.layer.x())
            ),
            (NodeId::W, true) => format!(
                "The weights W: one row per output and one column per input, shape {m} × {n}: W = {}.",
                matrix(self.layer.w())
            ),
            (NodeId::B, true) => format!(
                "The biases b, one per output (shape {m} × 1): b = {}.",
                vector(self.layer.b())
            ),
            (NodeId::Wx, true) => format!(
                "u = Wx: ({m} × {n}) times ({n} × 1) gives {m} × 1, each uᵢ = Σⱼ Wᵢⱼxⱼ. u = {}.",
                vector(&f.wx)
            ),
            (NodeId::Z, true) => format!("z = u + b, entry by entry: z = {}.", vector(&f.z)),
            (NodeId::A, true) => format!(
                "a = σ(z), the sigmoid of each entry: a = {}.",
                vector(&f.a)
            ),
            (NodeId::Y, true) => format!(
                "The target y (what a should be), shape {m} × 1: y = {}.",
                vector(self.layer.y())
            ),
            (NodeId::L, true) => format!(
                "L = ½‖a − y‖² = ½ Σᵢ (aᵢ − yᵢ)² = {}. The forward pass is done; step on to go backward.",
                format_value(f.loss)
            ),
            (NodeId::L, false) => {
                "The backward pass starts at the loss: ∂L/∂L = 1. Each step now multiplies by one local derivative.".into()
            }
            (NodeId::Y, false) => format!(
                "∂L/∂y = −(a − y) = {}. The target is data, so nothing uses this adjoint for learning.",
                vector(
                    &node
                        .adjoint
                        .as_ref()
                        .map(|a| a.as_slice().to_vec())
                        .unwrap_or_default()
                )
            ),
            (NodeId::A, false) => format!(
                "∂L/∂a = a − y = {} (shape {m} × 1, like a).",
                vector(&b.dl_da)
            ),
            (NodeId::Z, false) => format!(
                "δ = ∂L/∂z = ∂L/∂a ⊙ σ′(z), element by element, with σ′(z) = a ⊙ (1 − a) = {}: δ = {} ⊙ {} = {}.",
                vector(&b.sigma_prime),
                vector(&b.dl_da),
                vector(&b.sigma_prime),
                vector(&b.delta)
            ),
            (NodeId::Wx, false) => format!(
                "z = u + b passes the gradient straight through: ∂L/∂u = δ = {}.",
                vector(&b.delta)
            ),
            (NodeId::B, false) => format!(
                "∂L/∂b = δ = {} (shape {m} × 1, like b).",
                vector(&b.delta)
            ),
            (NodeId::W, false) => format!(
                "∂L/∂W = δxᵀ: a ({m} × 1) column times a (1 × {n}) row is an outer product of shape {m} × {n}, like W, with entry (i, j) = δᵢxⱼ: ∂L/∂W = {}.",
                matrix(&b.dl_dw)
            ),
            (NodeId::X, false) => format!(
                "∂L/∂x = Wᵀδ: ({n} × {m}) times ({m} × 1) gives {n} × 1, like x: {}. A layer below would continue the backward pass from here.",
                vector(&b.dl_dx)
            ),
        }
    }

    /// The loss node's value (for summaries).
    pub fn loss(&self) -> f64 {
        self.node(NodeId::L).map_or(f64::NAN, |n| n.value.get(0, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fill_forwards_then_adjoints_backwards() {
        assert!(!LayerWalk::value_known(0, 0));
        assert!(LayerWalk::value_known(1, 0) && !LayerWalk::value_known(1, 1));
        assert!((0..NODES).all(|i| LayerWalk::value_known(NODES, i)));
        assert!(!(0..NODES).any(|i| LayerWalk::adjoint_known(NODES, i)));
        // The first backward step fills the loss (the last node), the last one the input x.
        assert!(LayerWalk::adjoint_known(NODES + 1, NODES - 1));
        assert!(!LayerWalk::adjoint_known(NODES + 1, NODES - 2));
        assert!((0..NODES).all(|i| LayerWalk::adjoint_known(LAST, i)));
        assert_eq!(LayerWalk::current(0), None);
        assert_eq!(LayerWalk::current(1), Some(0));
        assert_eq!(LayerWalk::current(NODES + 1), Some(NODES - 1));
        assert_eq!(LayerWalk::current(LAST), Some(0));
        assert_eq!(LayerWalk::current(LAST + 1), None);
    }

    #[test]
    fn every_step_explains_itself_with_the_layer_numbers() {
        let walk = LayerWalk::new(Layer::seeded(2, 3, 4));
        for pos in 0..=LAST {
            assert!(!walk.explain(pos).is_empty(), "{pos}");
        }
        let w_step = walk.explain(LAST - 1);
        assert!(w_step.contains("outer product of shape 2 × 3"), "{w_step}");
        assert!(w_step.contains(&matrix(&walk.backward.dl_dw)), "{w_step}");
        let delta = walk.explain(NODES + 4);
        assert!(delta.starts_with("δ = ∂L/∂z"), "{delta}");
        assert!(delta.contains(&vector(&walk.backward.delta)));
        assert_eq!(walk.graph.len(), NODES);
        assert!((walk.loss() - walk.forward.loss).abs() < 1e-15);
        assert_eq!(vector(&[1.0, -0.5]), "[1, −0.5]");
    }
}
