//! A policy gradient whose exact answer is known: a three-armed bandit with a softmax policy
//! `π(a) = e^{θₐ} / Σ e^{θ_b}` over learnable preferences θ. Arm `a` pays `q(a)` plus Gaussian
//! noise. The expected reward is `J(θ) = Σ π(a) q(a)` and its exact gradient is
//! `∇J = Σ π(a)(q(a) − J)∇log π(a)`, whose k-th entry is `π(k)(q(k) − J)` since
//! `∇log π(a) = e_a − π`.
//!
//! REINFORCE estimates it from one pull: `ĝ = (r − b)(e_a − π)`; its mean is `∇J` for any
//! baseline `b` that does not depend on the pulled arm, but its variance does depend on `b`.
//! Every gradient here sums to zero (adding the same number to all θ changes nothing), so it
//! lies in a plane and [`project`] draws it in 2-D without losing anything.
//!
//! Nothing panics: non-finite inputs are treated as zero, and sample counts are capped.

use crate::math::SplitMix64;
use crate::models::deep_chain::normal;

/// The most samples or episodes one call draws.
pub const MAX_DRAWS: usize = 100_000;

/// The bandit: mean rewards and noise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bandit {
    /// Mean reward of each arm.
    pub q: [f64; 3],
    /// Added to every reward (shifts J, not ∇J).
    pub offset: f64,
    /// Standard deviation of the reward noise.
    pub noise: f64,
}

impl Default for Bandit {
    fn default() -> Self {
        Bandit {
            q: [1.0, 3.0, 2.0],
            offset: 5.0,
            noise: 1.0,
        }
    }
}

fn clean(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// The softmax policy (computed stably; non-finite preferences read as 0).
pub fn softmax(theta: &[f64; 3]) -> [f64; 3] {
    let t = theta.map(clean);
    let m = t.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = t.map(|v| (v - m).exp());
    let s: f64 = e.iter().sum();
    e.map(|v| v / s)
}

/// Which baseline REINFORCE subtracts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Baseline {
    /// None: `b = 0`.
    Zero,
    /// A fixed number.
    Value(f64),
    /// The mean of the rewards seen so far (0 before the first), in training.
    RunningMean,
}

impl Bandit {
    /// The mean reward of arm `a` including the offset.
    pub fn mean(&self, a: usize) -> f64 {
        clean(self.q.get(a).copied().unwrap_or(0.0)) + clean(self.offset)
    }

    /// The expected reward `J(θ) = Σ π(a) q(a)`.
    pub fn expected_reward(&self, theta: &[f64; 3]) -> f64 {
        let p = softmax(theta);
        (0..3).map(|a| p[a] * self.mean(a)).sum()
    }

    /// The exact gradient `∇J`, entry k being `π(k)(q(k) − J)`.
    pub fn exact_gradient(&self, theta: &[f64; 3]) -> [f64; 3] {
        let p = softmax(theta);
        let j = self.expected_reward(theta);
        [0, 1, 2].map(|k| p[k] * (self.mean(k) - j))
    }

    /// One pull: draws an arm from π and a reward; returns `(arm, reward)`.
    pub fn pull(&self, theta: &[f64; 3], rng: &mut SplitMix64) -> (usize, f64) {
        let p = softmax(theta);
        let u = rng.next_f64();
        let a = if u < p[0] {
            0
        } else if u < p[0] + p[1] {
            1
        } else {
            2
        };
        let r = self.mean(a) + clean(self.noise).abs() * normal(rng);
        (a, r)
    }

    /// The exact total variance `E‖ĝ − ∇J‖²` of the one-pull estimate with a fixed baseline:
    /// `Σₐ π(a)((q(a) − b)² + σ²)‖eₐ − π‖² − ‖∇J‖²`.
    pub fn estimate_variance(&self, theta: &[f64; 3], baseline: f64) -> f64 {
        let p = softmax(theta);
        let b = clean(baseline);
        let s2 = clean(self.noise).powi(2);
        let second: f64 = (0..3)
            .map(|a| {
                let d2: f64 = (0..3)
                    .map(|k| {
                        let e = if k == a { 1.0 } else { 0.0 };
                        (e - p[k]).powi(2)
                    })
                    .sum();
                p[a] * ((self.mean(a) - b).powi(2) + s2) * d2
            })
            .sum();
        let g = self.exact_gradient(theta);
        (second - g.iter().map(|v| v * v).sum::<f64>()).max(0.0)
    }
}

/// The one-pull REINFORCE estimate `(r − b)(e_a − π)`.
pub fn reinforce(theta: &[f64; 3], arm: usize, reward: f64, baseline: f64) -> [f64; 3] {
    let p = softmax(theta);
    let adv = clean(reward) - clean(baseline);
    [0, 1, 2].map(|k| adv * (if k == arm { 1.0 } else { 0.0 } - p[k]))
}

/// A cloud of one-pull estimates at fixed θ.
#[derive(Clone, Debug, PartialEq)]
pub struct Cloud {
    /// The estimates.
    pub samples: Vec<[f64; 3]>,
    /// Their mean.
    pub mean: [f64; 3],
    /// Their total variance (mean squared distance from their mean).
    pub variance: f64,
}

/// `n` one-pull estimates (capped at [`MAX_DRAWS`]) with a fixed baseline, from `seed`.
pub fn cloud(bandit: &Bandit, theta: &[f64; 3], baseline: f64, n: usize, seed: u64) -> Cloud {
    let mut rng = SplitMix64(seed);
    let samples: Vec<[f64; 3]> = (0..n.min(MAX_DRAWS))
        .map(|_| {
            let (a, r) = bandit.pull(theta, &mut rng);
            reinforce(theta, a, r, baseline)
        })
        .collect();
    let count = samples.len().max(1) as f64;
    let mut mean = [0.0; 3];
    for s in &samples {
        for (m, v) in mean.iter_mut().zip(s) {
            *m += v / count;
        }
    }
    let variance = samples
        .iter()
        .map(|s| {
            s.iter()
                .zip(&mean)
                .map(|(v, m)| (v - m).powi(2))
                .sum::<f64>()
        })
        .sum::<f64>()
        / count;
    Cloud {
        samples,
        mean,
        variance,
    }
}

/// A gradient (which sums to zero) in 2-D: its coordinates along `(1, −1, 0)/√2` and
/// `(1, 1, −2)/√6`, an orthonormal basis of the plane Σθ = 0. Lengths are kept.
pub fn project(g: &[f64; 3]) -> [f64; 2] {
    [
        (g[0] - g[1]) / 2f64.sqrt(),
        (g[0] + g[1] - 2.0 * g[2]) / 6f64.sqrt(),
    ]
}

/// A training run: the expected reward after each episode.
#[derive(Clone, Debug, PartialEq)]
pub struct Training {
    /// `J(θ)` before training and after each episode.
    pub expected_reward: Vec<f64>,
    /// The final preferences.
    pub theta: [f64; 3],
}

/// REINFORCE training, one pull per episode: `θ ← θ + α(r − b)(e_a − π)`, for `episodes`
/// episodes (capped at [`MAX_DRAWS`]) from `seed`.
pub fn train(
    bandit: &Bandit,
    theta0: [f64; 3],
    learning_rate: f64,
    episodes: usize,
    baseline: Baseline,
    seed: u64,
) -> Training {
    let mut rng = SplitMix64(seed);
    let mut theta = theta0.map(clean);
    let lr = clean(learning_rate);
    let mut seen = 0.0;
    let mut total = 0.0;
    let mut curve = vec![bandit.expected_reward(&theta)];
    for _ in 0..episodes.min(MAX_DRAWS) {
        let b = match baseline {
            Baseline::Zero => 0.0,
            Baseline::Value(v) => clean(v),
            Baseline::RunningMean => {
                if seen > 0.0 {
                    total / seen
                } else {
                    0.0
                }
            }
        };
        let (a, r) = bandit.pull(&theta, &mut rng);
        let g = reinforce(&theta, a, r, b);
        for (t, gk) in theta.iter_mut().zip(g) {
            *t = clean(*t + lr * gk);
        }
        seen += 1.0;
        total += r;
        curve.push(bandit.expected_reward(&theta));
    }
    Training {
        expected_reward: curve,
        theta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_gradient_matches_central_differences_and_sums_to_zero() {
        let b = Bandit::default();
        let theta = [0.3, -0.2, 0.5];
        let g = b.exact_gradient(&theta);
        for k in 0..3 {
            let mut p = theta;
            let mut m = theta;
            p[k] += 1e-6;
            m[k] -= 1e-6;
            let n = (b.expected_reward(&p) - b.expected_reward(&m)) / 2e-6;
            assert!((g[k] - n).abs() < 1e-8, "{k}: {} vs {n}", g[k]);
        }
        assert!(g.iter().sum::<f64>().abs() < 1e-12);
        let p = project(&g);
        assert!((p[0].hypot(p[1]) - g.iter().map(|v| v * v).sum::<f64>().sqrt()).abs() < 1e-12);
    }

    #[test]
    fn reinforce_mean_approaches_the_exact_gradient() {
        let b = Bandit::default();
        let theta = [0.0, 0.0, 0.0];
        let exact = b.exact_gradient(&theta);
        let j = b.expected_reward(&theta);
        for baseline in [0.0, j] {
            let c = cloud(&b, &theta, baseline, 40_000, 11);
            let se = (c.variance / 40_000.0).sqrt();
            for k in 0..3 {
                assert!(
                    (c.mean[k] - exact[k]).abs() < 4.0 * se,
                    "b={baseline} k={k}: {:?} vs {exact:?}",
                    c.mean
                );
            }
            let v = b.estimate_variance(&theta, baseline);
            assert!((c.variance - v).abs() < 0.05 * v, "{} vs {v}", c.variance);
        }
    }

    #[test]
    fn a_baseline_cuts_the_variance() {
        let b = Bandit::default();
        let theta = [0.2, -0.1, 0.0];
        let j = b.expected_reward(&theta);
        assert!(b.estimate_variance(&theta, j) < 0.2 * b.estimate_variance(&theta, 0.0));
    }

    #[test]
    fn training_raises_the_expected_reward_with_either_baseline() {
        let b = Bandit::default();
        let best = b.mean(1);
        for baseline in [Baseline::Zero, Baseline::RunningMean] {
            let t = train(&b, [0.0; 3], 0.05, 2000, baseline, 5);
            let start = t.expected_reward[0];
            let end = *t.expected_reward.last().unwrap();
            assert!(
                end > start + 0.5 && end <= best + 1e-12,
                "{baseline:?}: {start} → {end}"
            );
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let b = Bandit {
            q: [f64::NAN, f64::INFINITY, 1.0],
            offset: f64::NEG_INFINITY,
            noise: f64::NAN,
        };
        let theta = [f64::NAN, 1e308, -1e308];
        assert!(b.expected_reward(&theta).is_finite());
        let _ = b.exact_gradient(&theta);
        let _ = b.estimate_variance(&theta, f64::NAN);
        let c = cloud(&b, &theta, 0.0, 0, 1);
        assert!(c.samples.is_empty());
        let t = train(
            &Bandit::default(),
            [0.0; 3],
            f64::INFINITY,
            10,
            Baseline::Value(0.0),
            1,
        );
        assert_eq!(t.expected_reward.len(), 11);
        assert!(t.expected_reward.iter().all(|v| v.is_finite()));
        let _ = cloud(&Bandit::default(), &[0.0; 3], 0.0, usize::MAX, 2);
    }
}
