//! One dense layer and its backward pass, with every shape: z = Wx + b, a = σ(z),
//! L = ½‖a − y‖², where W is m × n, x has n entries and b, z, a, y have m.
//!
//! By the chain rule: ∂L/∂a = a − y; δ = ∂L/∂z = ∂L/∂a ⊙ σ′(z) (element-wise, both m × 1);
//! ∂L/∂W = δxᵀ, an **outer product** of shape m × n (entry (i, j) is δᵢxⱼ); ∂L/∂b = δ; and
//! ∂L/∂x = Wᵀδ. Multiplying δ by x element-wise instead, as a sloppy translation of the chain
//! rule does, is a shape error ([`elementwise_attempt`]).
//!
//! Sizes are 1 to [`MAX_DIM`]; [`Layer::new`] refuses anything else, so nothing here indexes out
//! of range. [`Layer::reverse_mode`] and [`Layer::central_difference`] give the same gradient by
//! the engine's tape and by central differences, as independent checks.

use super::logistic::sigmoid;
use crate::math::{central_difference_gradient, EvalError, Expr, Func, SplitMix64};

/// The largest m and n a layer may have (the page draws every entry).
pub const MAX_DIM: usize = 4;

/// `k` brought into `1..=MAX_DIM`.
pub fn clamp_dim(k: usize) -> usize {
    k.clamp(1, MAX_DIM)
}

/// A dense matrix, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// The `rows × cols` matrix with entry (i, j) = `f(i, j)`.
    pub fn from_fn(rows: usize, cols: usize, mut f: impl FnMut(usize, usize) -> f64) -> Matrix {
        let mut data = Vec::with_capacity(rows * cols);
        for i in 0..rows {
            for j in 0..cols {
                data.push(f(i, j));
            }
        }
        Matrix { rows, cols, data }
    }

    /// A column vector (k × 1).
    pub fn column(v: &[f64]) -> Matrix {
        Matrix {
            rows: v.len(),
            cols: 1,
            data: v.to_vec(),
        }
    }

    /// A 1 × 1 matrix.
    pub fn scalar(v: f64) -> Matrix {
        Matrix::column(&[v])
    }

    /// `(rows, cols)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.rows, self.cols)
    }

    /// Entry (i, j), or NaN outside the matrix.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        if i < self.rows && j < self.cols {
            self.data
                .get(i * self.cols + j)
                .copied()
                .unwrap_or(f64::NAN)
        } else {
            f64::NAN
        }
    }

    /// Sets entry (i, j); does nothing outside the matrix.
    pub fn set(&mut self, i: usize, j: usize, v: f64) {
        if i < self.rows && j < self.cols {
            if let Some(slot) = self.data.get_mut(i * self.cols + j) {
                *slot = v;
            }
        }
    }

    /// The entries, row by row.
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }

    /// The rows, each as a vector.
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.data
            .chunks(self.cols.max(1))
            .map(<[f64]>::to_vec)
            .collect()
    }
}

/// The values of one forward pass.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerForward {
    /// u = Wx (m entries).
    pub wx: Vec<f64>,
    /// z = Wx + b.
    pub z: Vec<f64>,
    /// a = σ(z).
    pub a: Vec<f64>,
    /// L = ½‖a − y‖².
    pub loss: f64,
}

/// The adjoints of one backward pass (each has the shape of what it is the derivative by).
#[derive(Clone, Debug, PartialEq)]
pub struct LayerBackward {
    /// ∂L/∂a = a − y (m × 1).
    pub dl_da: Vec<f64>,
    /// σ′(z) = a(1 − a) (m × 1).
    pub sigma_prime: Vec<f64>,
    /// δ = ∂L/∂z = ∂L/∂a ⊙ σ′(z) (m × 1); also ∂L/∂b and ∂L/∂(Wx).
    pub delta: Vec<f64>,
    /// ∂L/∂W = δxᵀ (m × n).
    pub dl_dw: Matrix,
    /// ∂L/∂x = Wᵀδ (n × 1).
    pub dl_dx: Vec<f64>,
}

/// A layer with its input and target: everything the loss depends on.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    w: Matrix,
    b: Vec<f64>,
    x: Vec<f64>,
    y: Vec<f64>,
}

/// Why [`Layer::new`] refused its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayerError {
    /// m or n is 0 or more than [`MAX_DIM`].
    Size {
        /// The rows of W.
        m: usize,
        /// The columns of W.
        n: usize,
    },
    /// b, x or y does not match W's shape.
    Mismatch,
    /// A value is NaN or infinite.
    NotFinite,
}

/// A value in [−1, 1] with one decimal, so hand calculations stay short.
fn tenth(rng: &mut SplitMix64) -> f64 {
    ((rng.next_f64() * 2.0 - 1.0) * 10.0).round() / 10.0
}

impl Layer {
    /// A layer from W (m × n), b (m), x (n) and the target y (m).
    pub fn new(w: Matrix, b: Vec<f64>, x: Vec<f64>, y: Vec<f64>) -> Result<Layer, LayerError> {
        let (m, n) = w.shape();
        if !(1..=MAX_DIM).contains(&m) || !(1..=MAX_DIM).contains(&n) {
            return Err(LayerError::Size { m, n });
        }
        if w.data.len() != m * n || b.len() != m || x.len() != n || y.len() != m {
            return Err(LayerError::Mismatch);
        }
        if !w
            .data
            .iter()
            .chain(&b)
            .chain(&x)
            .chain(&y)
            .all(|v| v.is_finite())
        {
            return Err(LayerError::NotFinite);
        }
        Ok(Layer { w, b, x, y })
    }

    /// An m × n layer (each clamped to 1..=4) with values drawn from `seed`: weights, biases and
    /// inputs in [−1, 1] with one decimal, targets 0 or 1.
    pub fn seeded(m: usize, n: usize, seed: u64) -> Layer {
        let (m, n) = (clamp_dim(m), clamp_dim(n));
        let mut rng = SplitMix64(seed);
        let w = Matrix::from_fn(m, n, |_, _| tenth(&mut rng));
        let b = (0..m).map(|_| tenth(&mut rng)).collect();
        let x = (0..n).map(|_| tenth(&mut rng)).collect();
        let y = (0..m)
            .map(|_| if rng.next_u64() % 2 == 0 { 0.0 } else { 1.0 })
            .collect();
        Layer { w, b, x, y }
    }

    /// The number of outputs, m.
    pub fn m(&self) -> usize {
        self.w.rows
    }

    /// The number of inputs, n.
    pub fn n(&self) -> usize {
        self.w.cols
    }

    /// The weights W (m × n).
    pub fn w(&self) -> &Matrix {
        &self.w
    }

    /// The biases b.
    pub fn b(&self) -> &[f64] {
        &self.b
    }

    /// The input x.
    pub fn x(&self) -> &[f64] {
        &self.x
    }

    /// The target y.
    pub fn y(&self) -> &[f64] {
        &self.y
    }

    /// The loss at other weights and biases (same shapes; NaN if not).
    pub fn loss_with(&self, w: &Matrix, b: &[f64]) -> f64 {
        if w.shape() != self.w.shape() || b.len() != self.b.len() {
            return f64::NAN;
        }
        let mut total = 0.0;
        for (i, (bi, yi)) in b.iter().zip(&self.y).enumerate() {
            let z: f64 = (0..self.n()).map(|j| w.get(i, j) * self.x[j]).sum::<f64>() + bi;
            let d = sigmoid(z) - yi;
            total += d * d;
        }
        0.5 * total
    }

    /// The forward pass.
    pub fn forward(&self) -> LayerForward {
        let wx: Vec<f64> = (0..self.m())
            .map(|i| {
                self.x
                    .iter()
                    .enumerate()
                    .map(|(j, xj)| self.w.get(i, j) * xj)
                    .sum()
            })
            .collect();
        let z: Vec<f64> = wx.iter().zip(&self.b).map(|(u, b)| u + b).collect();
        let a: Vec<f64> = z.iter().map(|&t| sigmoid(t)).collect();
        let loss = 0.5
            * a.iter()
                .zip(&self.y)
                .map(|(ai, yi)| (ai - yi) * (ai - yi))
                .sum::<f64>();
        LayerForward { wx, z, a, loss }
    }

    /// The backward pass from a forward pass of this layer.
    pub fn backward(&self, fwd: &LayerForward) -> LayerBackward {
        let dl_da: Vec<f64> = fwd.a.iter().zip(&self.y).map(|(a, y)| a - y).collect();
        let sigma_prime: Vec<f64> = fwd.a.iter().map(|a| a * (1.0 - a)).collect();
        let delta: Vec<f64> = dl_da.iter().zip(&sigma_prime).map(|(g, s)| g * s).collect();
        let dl_dw = Matrix::from_fn(self.m(), self.n(), |i, j| {
            delta.get(i).copied().unwrap_or(f64::NAN) * self.x.get(j).copied().unwrap_or(f64::NAN)
        });
        let dl_dx = (0..self.n())
            .map(|j| {
                delta
                    .iter()
                    .enumerate()
                    .map(|(i, d)| self.w.get(i, j) * d)
                    .sum()
            })
            .collect();
        LayerBackward {
            dl_da,
            sigma_prime,
            delta,
            dl_dw,
            dl_dx,
        }
    }

    /// ∂L/∂W and ∂L/∂b by central differences with step `h`, one entry at a time.
    pub fn central_difference(&self, h: f64) -> (Matrix, Vec<f64>) {
        let params: Vec<f64> = self.w.data.iter().chain(&self.b).copied().collect();
        let mn = self.w.data.len();
        let loss = |p: &[f64]| {
            let w = Matrix {
                rows: self.w.rows,
                cols: self.w.cols,
                data: p.get(..mn).unwrap_or_default().to_vec(),
            };
            self.loss_with(&w, p.get(mn..).unwrap_or_default())
        };
        let g = central_difference_gradient(loss, &params, h);
        let dw = Matrix {
            rows: self.w.rows,
            cols: self.w.cols,
            data: g.get(..mn).unwrap_or_default().to_vec(),
        };
        (dw, g.get(mn..).unwrap_or_default().to_vec())
    }

    /// The weight variable names `w11 … wmn` and bias names `b1 … bm` used by
    /// [`Layer::loss_expr`], weights row by row first.
    pub fn parameter_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for i in 1..=self.m() {
            for j in 1..=self.n() {
                names.push(format!("w{i}{j}"));
            }
        }
        names.extend((1..=self.m()).map(|i| format!("b{i}")));
        names
    }

    /// The loss as an expression in the weights and biases (x and y filled in as numbers).
    pub fn loss_expr(&self) -> Expr {
        let terms = (0..self.m())
            .map(|i| {
                let mut z: Vec<Expr> = self
                    .x
                    .iter()
                    .enumerate()
                    .map(|(j, &xj)| {
                        Expr::Mul(vec![
                            Expr::var(&format!("w{}{}", i + 1, j + 1)),
                            Expr::Num(xj),
                        ])
                    })
                    .collect();
                z.push(Expr::var(&format!("b{}", i + 1)));
                let a = Expr::Call(Func::Sigmoid, vec![Expr::Add(z)]);
                let yi = self.y.get(i).copied().unwrap_or(f64::NAN);
                Expr::Pow(
                    Box::new(Expr::Add(vec![a, Expr::Num(-yi)])),
                    Box::new(Expr::Num(2.0)),
                )
            })
            .collect();
        Expr::Mul(vec![Expr::Num(0.5), Expr::Add(terms)])
    }

    /// ∂L/∂W and ∂L/∂b by the engine's reverse-mode automatic differentiation of
    /// [`Layer::loss_expr`] (never using the backward-pass formulas).
    pub fn reverse_mode(&self) -> Result<(Matrix, Vec<f64>), EvalError> {
        let names = self.parameter_names();
        let vars: Vec<&str> = names.iter().map(String::as_str).collect();
        let point: Vec<f64> = self.w.data.iter().chain(&self.b).copied().collect();
        let g = self.loss_expr().gradient_reverse(&vars, &point)?;
        let mn = self.w.data.len();
        let dw = Matrix {
            rows: self.w.rows,
            cols: self.w.cols,
            data: g.get(..mn).unwrap_or_default().to_vec(),
        };
        Ok((dw, g.get(mn..).unwrap_or_default().to_vec()))
    }

    /// The computation graph with values and adjoints, in forward order.
    pub fn graph(&self) -> Vec<GraphNode> {
        let fwd = self.forward();
        let back = self.backward(&fwd);
        let col = Matrix::column;
        let node =
            |id, formula, value: Matrix, adjoint: Option<Matrix>, inputs: &[NodeId]| GraphNode {
                id,
                formula,
                value,
                adjoint,
                inputs: inputs.to_vec(),
            };
        let neg: Vec<f64> = back.dl_da.iter().map(|g| -g).collect();
        vec![
            node(
                NodeId::X,
                "input",
                col(&self.x),
                Some(col(&back.dl_dx)),
                &[],
            ),
            node(
                NodeId::W,
                "weights",
                self.w.clone(),
                Some(back.dl_dw.clone()),
                &[],
            ),
            node(
                NodeId::B,
                "biases",
                col(&self.b),
                Some(col(&back.delta)),
                &[],
            ),
            node(
                NodeId::Wx,
                "u = Wx",
                col(&fwd.wx),
                Some(col(&back.delta)),
                &[NodeId::W, NodeId::X],
            ),
            node(
                NodeId::Z,
                "z = u + b",
                col(&fwd.z),
                Some(col(&back.delta)),
                &[NodeId::Wx, NodeId::B],
            ),
            node(
                NodeId::A,
                "a = σ(z)",
                col(&fwd.a),
                Some(col(&back.dl_da)),
                &[NodeId::Z],
            ),
            node(NodeId::Y, "target", col(&self.y), Some(col(&neg)), &[]),
            node(
                NodeId::L,
                "L = ½‖a − y‖²",
                Matrix::scalar(fwd.loss),
                Some(Matrix::scalar(1.0)),
                &[NodeId::A, NodeId::Y],
            ),
        ]
    }
}

/// The nodes of the layer's computation graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeId {
    /// The input x (n × 1).
    X,
    /// The weights W (m × n).
    W,
    /// The biases b (m × 1).
    B,
    /// u = Wx (m × 1).
    Wx,
    /// z = Wx + b (m × 1).
    Z,
    /// a = σ(z) (m × 1).
    A,
    /// The target y (m × 1).
    Y,
    /// The loss L (1 × 1).
    L,
}

impl NodeId {
    /// The symbol shown on the graph.
    pub fn symbol(self) -> &'static str {
        match self {
            NodeId::X => "x",
            NodeId::W => "W",
            NodeId::B => "b",
            NodeId::Wx => "u",
            NodeId::Z => "z",
            NodeId::A => "a",
            NodeId::Y => "y",
            NodeId::L => "L",
        }
    }
}

/// One node of the layer's graph: its value from the forward pass and its adjoint ∂L/∂node from
/// the backward pass, both of the node's shape.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphNode {
    /// Which node.
    pub id: NodeId,
    /// What it computes, e.g. `"z = u + b"`.
    pub formula: &'static str,
    /// Its value.
    pub value: Matrix,
    /// ∂L/∂node, the same shape as the value.
    pub adjoint: Option<Matrix>,
    /// The nodes it is computed from.
    pub inputs: Vec<NodeId>,
}

/// What NumPy makes of the element-wise product `dL_da * da_dz * x` (shapes (m,), (m,), (n,))
/// when the gradient ∂L/∂W of shape m × n was meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementwiseAttempt {
    /// m ≠ n and neither is 1: "operands could not be broadcast together".
    ShapeError {
        /// The length of δ.
        m: usize,
        /// The length of x.
        n: usize,
    },
    /// m = n > 1: it runs, and silently gives the m products δᵢxᵢ instead of m × n numbers.
    SilentlyWrong {
        /// m = n.
        len: usize,
    },
    /// m = 1 or n = 1: broadcasting happens to give the right numbers as a flat vector.
    RightByLuck,
}

/// See [`ElementwiseAttempt`].
pub fn elementwise_attempt(m: usize, n: usize) -> ElementwiseAttempt {
    if m == 1 || n == 1 {
        ElementwiseAttempt::RightByLuck
    } else if m == n {
        ElementwiseAttempt::SilentlyWrong { len: m }
    } else {
        ElementwiseAttempt::ShapeError { m, n }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::relative_error;

    #[test]
    fn gradient_has_the_shape_of_w_for_every_size() {
        for m in 1..=MAX_DIM {
            for n in 1..=MAX_DIM {
                let layer = Layer::seeded(m, n, (m * 10 + n) as u64);
                let back = layer.backward(&layer.forward());
                assert_eq!(back.dl_dw.shape(), (m, n));
                assert_eq!(layer.w().shape(), (m, n));
                assert_eq!(back.delta.len(), m);
                assert_eq!(back.dl_dx.len(), n);
                // Outer product: entry (i, j) is δᵢxⱼ.
                for i in 0..m {
                    for j in 0..n {
                        let want = back.delta[i] * layer.x()[j];
                        assert!((back.dl_dw.get(i, j) - want).abs() < 1e-15);
                    }
                }
                for node in layer.graph() {
                    let adj = node.adjoint.expect("every node has an adjoint");
                    assert_eq!(adj.shape(), node.value.shape(), "{:?}", node.id);
                }
            }
        }
    }

    #[test]
    fn backward_agrees_with_reverse_mode_and_central_differences() {
        for seed in 0..60u64 {
            let m = 1 + (seed % 4) as usize;
            let n = 1 + (seed / 4 % 4) as usize;
            let layer = Layer::seeded(m, n, seed);
            let back = layer.backward(&layer.forward());
            let formula: Vec<f64> = back
                .dl_dw
                .as_slice()
                .iter()
                .chain(&back.delta)
                .copied()
                .collect();
            let (tw, tb) = layer.reverse_mode().unwrap();
            let tape: Vec<f64> = tw.as_slice().iter().chain(&tb).copied().collect();
            let (nw, nb) = layer.central_difference(1e-5);
            let num: Vec<f64> = nw.as_slice().iter().chain(&nb).copied().collect();
            assert_eq!(tw.shape(), (m, n));
            assert!(
                relative_error(&formula, &tape) < 1e-12,
                "{seed}: {formula:?} {tape:?}"
            );
            // Matches the curriculum's "about 1e-11" for central differences.
            let e = relative_error(&formula, &num);
            assert!(e < 1e-7, "{seed}: {e}");
        }
    }

    #[test]
    fn a_hand_worked_example() {
        // m = 1, n = 2: W = [0.5, −1], b = 0, x = [2, 1], y = 1, so z = 0, a = ½,
        // ∂L/∂a = −½, σ′ = ¼, δ = −⅛, ∂L/∂W = δxᵀ = [−¼, −⅛].
        let layer = Layer::new(
            Matrix::from_fn(1, 2, |_, j| [0.5, -1.0][j]),
            vec![0.0],
            vec![2.0, 1.0],
            vec![1.0],
        )
        .unwrap();
        let f = layer.forward();
        assert_eq!((f.z[0], f.a[0], f.loss), (0.0, 0.5, 0.125));
        let g = layer.backward(&f);
        assert_eq!(g.delta, vec![-0.125]);
        assert_eq!(g.dl_dw.to_rows(), vec![vec![-0.25, -0.125]]);
        assert_eq!(g.dl_dx, vec![-0.0625, 0.125]);
    }

    #[test]
    fn bad_parts_are_refused_and_sizes_clamped() {
        let w = Matrix::from_fn(2, 3, |_, _| 1.0);
        assert_eq!(
            Layer::new(w.clone(), vec![0.0], vec![0.0; 3], vec![0.0; 2]),
            Err(LayerError::Mismatch)
        );
        assert_eq!(
            Layer::new(
                w.clone(),
                vec![0.0; 2],
                vec![f64::NAN, 0.0, 0.0],
                vec![0.0; 2]
            ),
            Err(LayerError::NotFinite)
        );
        assert_eq!(
            Layer::new(
                Matrix::from_fn(5, 1, |_, _| 0.0),
                vec![0.0; 5],
                vec![0.0],
                vec![0.0; 5]
            ),
            Err(LayerError::Size { m: 5, n: 1 })
        );
        assert!(Layer::new(w, vec![0.0; 2], vec![0.0; 3], vec![1.0; 2]).is_ok());
        let big = Layer::seeded(99, 0, 1);
        assert_eq!((big.m(), big.n()), (4, 1));
        assert!(Matrix::scalar(1.0).get(3, 3).is_nan());
        assert!(Layer::seeded(2, 2, 1)
            .loss_with(&Matrix::scalar(1.0), &[0.0])
            .is_nan());
    }

    #[test]
    fn elementwise_product_is_a_shape_error_or_wrong() {
        assert_eq!(
            elementwise_attempt(3, 2),
            ElementwiseAttempt::ShapeError { m: 3, n: 2 }
        );
        assert_eq!(
            elementwise_attempt(2, 2),
            ElementwiseAttempt::SilentlyWrong { len: 2 }
        );
        assert_eq!(elementwise_attempt(1, 4), ElementwiseAttempt::RightByLuck);
        assert_eq!(elementwise_attempt(4, 1), ElementwiseAttempt::RightByLuck);
    }
}
