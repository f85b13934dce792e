//! A deep chain of dense layers `hₗ = φ(Wₗ hₗ₋₁)` (or `hₗ = hₗ₋₁ + φ(Wₗ hₗ₋₁)` with a residual
//! connection), for watching gradients vanish or explode. The loss is the sum of the last
//! layer's outputs; reverse mode (backpropagation: one backward sweep through the recorded
//! forward values) gives `∂L/∂Wₗ` for every layer, and the chart shows `log₁₀ ‖∂L/∂Wₗ‖`.
//!
//! The sweep is written out here rather than recorded on the engine's expression [`Tape`]
//! (crate::math::Tape), because a 50-layer, 8-wide chain written as one expression tree
//! repeats every earlier layer once per use; the tests check this sweep against the engine's
//! reverse mode on a small chain and against central differences.
//!
//! Weights and the input are drawn from the engine's seeded [`SplitMix64`], so a seed in the
//! address reproduces a chain. Depth is clamped to 1–50 and width to 1–8; nothing panics.

use crate::math::SplitMix64;

/// The deepest chain.
pub const MAX_DEPTH: usize = 50;
/// The widest layer.
pub const MAX_WIDTH: usize = 8;

/// An activation function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// σ(z) = 1/(1 + e⁻ᶻ); σ′ ≤ 1/4.
    Sigmoid,
    /// tanh z; tanh′ ≤ 1.
    Tanh,
    /// max(0, z); slope 0 or 1.
    Relu,
}

impl Activation {
    /// All activations.
    pub const ALL: [Activation; 3] = [Activation::Sigmoid, Activation::Tanh, Activation::Relu];

    /// The key used in the address.
    pub fn key(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
        }
    }

    /// The activation with this key.
    pub fn from_key(key: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The value at `z`.
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
            Activation::Tanh => z.tanh(),
            Activation::Relu => z.max(0.0),
        }
    }

    /// The slope at `z` (ReLU's slope at 0 is taken as 0).
    pub fn slope(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => {
                let s = self.apply(z);
                s * (1.0 - s)
            }
            Activation::Tanh => {
                let t = z.tanh();
                1.0 - t * t
            }
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// The largest slope anywhere: 1/4, 1, 1.
    pub fn max_slope(self) -> f64 {
        match self {
            Activation::Sigmoid => 0.25,
            Activation::Tanh | Activation::Relu => 1.0,
        }
    }
}

/// How the weights are drawn: `N(0, s²)` with `s` given by the fan-in `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Init {
    /// s = 0.01, whatever the width.
    Small,
    /// s = √(1/n) (Xavier/Glorot for square layers): keeps tanh's signal level near 0.
    Xavier,
    /// s = √(2/n) (He): keeps ReLU's signal level, since ReLU zeroes half of it.
    He,
}

impl Init {
    /// All schemes.
    pub const ALL: [Init; 3] = [Init::Small, Init::Xavier, Init::He];

    /// The key used in the address.
    pub fn key(self) -> &'static str {
        match self {
            Init::Small => "small",
            Init::Xavier => "xavier",
            Init::He => "he",
        }
    }

    /// The scheme with this key.
    pub fn from_key(key: &str) -> Option<Init> {
        Init::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The standard deviation for fan-in `n`.
    pub fn std(self, n: usize) -> f64 {
        let n = n.max(1) as f64;
        match self {
            Init::Small => 0.01,
            Init::Xavier => (1.0 / n).sqrt(),
            Init::He => (2.0 / n).sqrt(),
        }
    }
}

/// What chain to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChainConfig {
    /// Number of layers (clamped to 1–50).
    pub depth: usize,
    /// Units per layer (clamped to 1–8).
    pub width: usize,
    /// The activation of every layer.
    pub activation: Activation,
    /// How weights are drawn.
    pub init: Init,
    /// Whether each layer adds its input back (`hₗ = hₗ₋₁ + φ(Wₗ hₗ₋₁)`).
    pub residual: bool,
    /// The seed of the weights and the input.
    pub seed: u64,
}

impl Default for ChainConfig {
    fn default() -> Self {
        ChainConfig {
            depth: 20,
            width: 8,
            activation: Activation::Sigmoid,
            init: Init::Xavier,
            residual: false,
            seed: 1,
        }
    }
}

/// One standard normal draw (Box–Muller).
pub fn normal(rng: &mut SplitMix64) -> f64 {
    let u1 = 1.0 - rng.next_f64(); // in (0, 1]
    let u2 = rng.next_f64();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A built chain: weights (row-major, `width × width` per layer) and the input.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    /// The configuration after clamping.
    pub config: ChainConfig,
    /// `weights[l][i * width + j]` is layer l's weight from unit j to unit i.
    pub weights: Vec<Vec<f64>>,
    /// The seeded input, `N(0, 1)` per unit.
    pub input: Vec<f64>,
}

/// Per-layer gradient sizes from one backward sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainGradients {
    /// The loss (sum of the last layer's outputs).
    pub loss: f64,
    /// `‖∂L/∂Wₗ‖` (Frobenius) for layers 1…depth.
    pub weight_grad_norms: Vec<f64>,
    /// `‖∂L/∂hₗ‖` for layers 0 (the input) … depth.
    pub activation_grad_norms: Vec<f64>,
    /// `∂L/∂Wₗ`, row-major, for each layer.
    pub weight_grads: Vec<Vec<f64>>,
    /// The first layer (1-based) whose outputs are all exactly zero, if any: every unit's
    /// input was negative, so ReLU passes neither signal forward nor gradient back.
    pub dead_layer: Option<usize>,
}

impl ChainGradients {
    /// `log₁₀ ‖∂L/∂Wₗ‖` per layer (−∞ where a gradient is exactly zero).
    pub fn log10_weight_norms(&self) -> Vec<f64> {
        self.weight_grad_norms.iter().map(|g| g.log10()).collect()
    }

    /// The ratio of the first layer's weight-gradient norm to the last one's, per layer
    /// in geometric mean: below 1 the gradient shrinks going back, above 1 it grows.
    pub fn mean_factor_per_layer(&self) -> Option<f64> {
        let first = *self.weight_grad_norms.first()?;
        let last = *self.weight_grad_norms.last()?;
        let n = self.weight_grad_norms.len();
        if !(n >= 2 && first > 0.0 && last > 0.0 && first.is_finite() && last.is_finite()) {
            return None;
        }
        Some((first / last).powf(1.0 / (n - 1) as f64))
    }
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|t| t * t).sum::<f64>().sqrt()
}

impl Chain {
    /// Builds the chain for `config` (depth and width clamped).
    pub fn new(config: ChainConfig) -> Chain {
        let config = ChainConfig {
            depth: config.depth.clamp(1, MAX_DEPTH),
            width: config.width.clamp(1, MAX_WIDTH),
            ..config
        };
        let mut rng = SplitMix64(config.seed);
        let w = config.width;
        let input = (0..w).map(|_| normal(&mut rng)).collect();
        let s = config.init.std(w);
        let weights = (0..config.depth)
            .map(|_| (0..w * w).map(|_| s * normal(&mut rng)).collect())
            .collect();
        Chain {
            config,
            weights,
            input,
        }
    }

    /// The forward pass: pre-activations `z₁…z_L` and layer outputs `h₀…h_L`.
    fn forward(&self) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
        let w = self.config.width;
        let act = self.config.activation;
        let mut hs = vec![self.input.clone()];
        let mut zs = Vec::with_capacity(self.weights.len());
        for wl in &self.weights {
            let prev = hs.last().cloned().unwrap_or_default();
            let z: Vec<f64> = (0..w)
                .map(|i| {
                    (0..w)
                        .map(|j| {
                            wl.get(i * w + j).copied().unwrap_or(0.0)
                                * prev.get(j).copied().unwrap_or(0.0)
                        })
                        .sum()
                })
                .collect();
            let h: Vec<f64> = z
                .iter()
                .enumerate()
                .map(|(i, &zi)| {
                    let a = act.apply(zi);
                    if self.config.residual {
                        a + prev.get(i).copied().unwrap_or(0.0)
                    } else {
                        a
                    }
                })
                .collect();
            zs.push(z);
            hs.push(h);
        }
        (zs, hs)
    }

    /// The loss: the sum of the last layer's outputs.
    pub fn loss(&self) -> f64 {
        let (_, hs) = self.forward();
        hs.last().map(|h| h.iter().sum()).unwrap_or(0.0)
    }

    /// One forward pass and one backward sweep.
    pub fn gradients(&self) -> ChainGradients {
        let w = self.config.width;
        let act = self.config.activation;
        let (zs, hs) = self.forward();
        let loss = hs.last().map(|h| h.iter().sum()).unwrap_or(0.0);
        let depth = self.weights.len();
        let mut g_h = vec![1.0; w]; // ∂L/∂h_L
        let mut act_norms = vec![0.0; depth + 1];
        let mut w_norms = vec![0.0; depth];
        let mut w_grads = vec![Vec::new(); depth];
        if let Some(last) = act_norms.last_mut() {
            *last = norm(&g_h);
        }
        for l in (0..depth).rev() {
            let (Some(z), Some(prev), Some(wl)) = (zs.get(l), hs.get(l), self.weights.get(l))
            else {
                break;
            };
            let delta: Vec<f64> = z
                .iter()
                .zip(&g_h)
                .map(|(&zi, &gi)| gi * act.slope(zi))
                .collect();
            let mut gw = vec![0.0; w * w];
            for i in 0..w {
                for j in 0..w {
                    if let (Some(slot), Some(&d), Some(&p)) =
                        (gw.get_mut(i * w + j), delta.get(i), prev.get(j))
                    {
                        *slot = d * p;
                    }
                }
            }
            w_norms[l] = norm(&gw);
            w_grads[l] = gw;
            let mut g_prev: Vec<f64> = (0..w)
                .map(|j| {
                    (0..w)
                        .map(|i| {
                            wl.get(i * w + j).copied().unwrap_or(0.0)
                                * delta.get(i).copied().unwrap_or(0.0)
                        })
                        .sum()
                })
                .collect();
            if self.config.residual {
                g_prev.iter_mut().zip(&g_h).for_each(|(a, b)| *a += b);
            }
            g_h = g_prev;
            act_norms[l] = norm(&g_h);
        }
        let dead_layer = hs
            .iter()
            .skip(1)
            .position(|h| h.iter().all(|&v| v == 0.0))
            .map(|l| l + 1);
        ChainGradients {
            dead_layer,
            loss,
            weight_grad_norms: w_norms,
            activation_grad_norms: act_norms,
            weight_grads: w_grads,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    fn config(
        depth: usize,
        width: usize,
        activation: Activation,
        init: Init,
        residual: bool,
    ) -> ChainConfig {
        ChainConfig {
            depth,
            width,
            activation,
            init,
            residual,
            seed: 7,
        }
    }

    #[test]
    fn backward_sweep_matches_central_differences() {
        for act in Activation::ALL {
            for residual in [false, true] {
                let chain = Chain::new(config(4, 3, act, Init::He, residual));
                let g = chain.gradients();
                for l in 0..4 {
                    for k in 0..9 {
                        let h = 1e-6;
                        let mut plus = chain.clone();
                        plus.weights[l][k] += h;
                        let mut minus = chain.clone();
                        minus.weights[l][k] -= h;
                        let n = (plus.loss() - minus.loss()) / (2.0 * h);
                        let a = g.weight_grads[l][k];
                        assert!(
                            (a - n).abs() < 1e-6 * (1.0 + n.abs()),
                            "{act:?} {l} {k}: {a} vs {n}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn backward_sweep_matches_the_engines_reverse_mode() {
        // Depth 2, width 2, tanh: write the loss as an expression in the eight weights.
        let chain = Chain::new(config(2, 2, Activation::Tanh, Init::Xavier, false));
        let x = &chain.input;
        let h1 = |i: usize| format!("tanh(a{i}0*({}) + a{i}1*({}))", x[0], x[1]);
        let h2 = |i: usize| format!("tanh(b{i}0*{} + b{i}1*{})", h1(0), h1(1));
        let text = format!("{} + {}", h2(0), h2(1));
        let e = parse(&text).expect("parses");
        let vars = ["a00", "a01", "a10", "a11", "b00", "b01", "b10", "b11"];
        let point: Vec<f64> = chain.weights.iter().flatten().copied().collect();
        let reverse = e.gradient_reverse(&vars, &point).expect("evaluates");
        let ours: Vec<f64> = chain
            .gradients()
            .weight_grads
            .into_iter()
            .flatten()
            .collect();
        for (a, b) in ours.iter().zip(&reverse) {
            assert!((a - b).abs() < 1e-12, "{ours:?} vs {reverse:?}");
        }
    }

    #[test]
    fn sigmoid_norms_shrink_by_at_least_a_quarter_per_layer() {
        let chain = Chain::new(config(20, 8, Activation::Sigmoid, Init::Xavier, false));
        let g = chain.gradients();
        let n = &g.activation_grad_norms;
        // Going back one layer multiplies by diag(σ′)·Wᵀ: at most ¼·‖W‖ each time.
        for l in 1..n.len() {
            let w = &chain.weights[l - 1];
            let frob = norm(w); // ≥ the spectral norm
            assert!(n[l - 1] <= 0.25 * frob * n[l] * (1.0 + 1e-12), "layer {l}");
        }
        let factor = g.mean_factor_per_layer().expect("finite");
        assert!(factor <= 0.25, "mean factor {factor}");
        assert!(g.weight_grad_norms[0] < 1e-8 * g.weight_grad_norms[19]);
    }

    #[test]
    fn he_keeps_relu_level_and_residuals_keep_sigmoid_alive() {
        // A layer of 8 ReLUs dies (all inputs negative) with chance 1/256, so about one
        // 30-layer chain in ten is dead; the living ones keep their gradient level.
        let mut dead = 0;
        for seed in 0..50 {
            let c = ChainConfig {
                seed,
                ..config(30, 8, Activation::Relu, Init::He, false)
            };
            let g = Chain::new(c).gradients();
            match g.mean_factor_per_layer() {
                Some(f) => assert!((0.75..1.33).contains(&f), "seed {seed}: factor {f}"),
                None => {
                    assert!(g.dead_layer.is_some());
                    dead += 1;
                }
            }
        }
        assert!(dead <= 12, "{dead} dead chains of 50");
        let small = Chain::new(config(30, 8, Activation::Relu, Init::Small, false)).gradients();
        assert!(small.mean_factor_per_layer().is_none_or(|f| f < 0.2));
        let res = Chain::new(config(30, 8, Activation::Sigmoid, Init::Xavier, true)).gradients();
        let f = res.mean_factor_per_layer().expect("finite");
        assert!(f >= 0.9, "residual sigmoid factor {f}");
    }

    #[test]
    fn depth_fifty_with_sigmoid_and_odd_configs_do_not_panic() {
        let g = Chain::new(config(50, 8, Activation::Sigmoid, Init::Small, false)).gradients();
        assert_eq!(g.weight_grad_norms.len(), 50);
        let logs = g.log10_weight_norms();
        assert!(logs.iter().all(|v| !v.is_nan()));
        let c = Chain::new(config(0, 0, Activation::Relu, Init::He, true));
        assert_eq!(c.config.depth, 1);
        assert_eq!(c.config.width, 1);
        let _ = c.gradients();
        let c = Chain::new(config(
            usize::MAX,
            usize::MAX,
            Activation::Tanh,
            Init::He,
            true,
        ));
        assert_eq!(c.weights.len(), MAX_DEPTH);
        let _ = c.gradients().mean_factor_per_layer();
    }

    #[test]
    fn keys_round_trip() {
        for a in Activation::ALL {
            assert_eq!(Activation::from_key(a.key()), Some(a));
        }
        for i in Init::ALL {
            assert_eq!(Init::from_key(i.key()), Some(i));
        }
    }
}
