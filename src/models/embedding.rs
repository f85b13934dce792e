//! Word vectors trained by gradient descent, one step at a time. Six words live as points in
//! 2-D; each listed pair is either related (`s = +1`, should point the same way) or unrelated
//! (`s = −1`, should not). The loss of a pair is `−log σ(s · uᵢ·uⱼ)`, small when the dot
//! product has the pair's sign and is large, plus a small `λ‖u‖²` that stops the vectors
//! growing forever. Its gradients are `∂/∂uᵢ = −s(1 − σ(s uᵢ·uⱼ)) uⱼ` (and the same with i, j
//! swapped) plus `2λuᵢ`.
//!
//! Nothing panics: a step with a non-finite learning rate does nothing.

use crate::math::SplitMix64;

/// The words.
pub const WORDS: [&str; 6] = ["cat", "dog", "car", "truck", "apple", "pear"];

/// The pairs `(i, j, s)`: related pairs have `s = 1`, unrelated ones `s = −1`.
pub const PAIRS: [(usize, usize, f64); 9] = [
    (0, 1, 1.0),
    (2, 3, 1.0),
    (4, 5, 1.0),
    (0, 2, -1.0),
    (1, 3, -1.0),
    (0, 4, -1.0),
    (2, 5, -1.0),
    (1, 4, -1.0),
    (3, 5, -1.0),
];

/// The weight of the `λ‖u‖²` term.
pub const DECAY: f64 = 0.01;

/// The vectors and the step count.
#[derive(Clone, Debug, PartialEq)]
pub struct Embedding {
    /// One 2-D vector per word in [`WORDS`].
    pub vectors: Vec<[f64; 2]>,
    /// Steps taken so far.
    pub steps: usize,
}

fn sigmoid(t: f64) -> f64 {
    1.0 / (1.0 + (-t).exp())
}

fn dot(a: [f64; 2], b: [f64; 2]) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}

impl Embedding {
    /// Random starting vectors, uniform in [−1, 1]², from `seed`.
    pub fn new(seed: u64) -> Embedding {
        let mut rng = SplitMix64(seed);
        let vectors = WORDS
            .iter()
            .map(|_| [rng.next_f64() * 2.0 - 1.0, rng.next_f64() * 2.0 - 1.0])
            .collect();
        Embedding { vectors, steps: 0 }
    }

    fn vec(&self, i: usize) -> [f64; 2] {
        self.vectors.get(i).copied().unwrap_or([0.0, 0.0])
    }

    /// The total loss.
    pub fn loss(&self) -> f64 {
        let pairs: f64 = PAIRS
            .iter()
            .map(|&(i, j, s)| -sigmoid(s * dot(self.vec(i), self.vec(j))).ln())
            .sum();
        let decay: f64 = self.vectors.iter().map(|u| DECAY * dot(*u, *u)).sum();
        pairs + decay
    }

    /// The loss of one pair.
    pub fn pair_loss(&self, pair: usize) -> Option<f64> {
        let &(i, j, s) = PAIRS.get(pair)?;
        Some(-sigmoid(s * dot(self.vec(i), self.vec(j))).ln())
    }

    /// The gradient with respect to every vector.
    pub fn gradient(&self) -> Vec<[f64; 2]> {
        let mut g: Vec<[f64; 2]> = self
            .vectors
            .iter()
            .map(|u| [2.0 * DECAY * u[0], 2.0 * DECAY * u[1]])
            .collect();
        for &(i, j, s) in &PAIRS {
            let (ui, uj) = (self.vec(i), self.vec(j));
            let k = -s * (1.0 - sigmoid(s * dot(ui, uj)));
            if let Some(gi) = g.get_mut(i) {
                gi[0] += k * uj[0];
                gi[1] += k * uj[1];
            }
            if let Some(gj) = g.get_mut(j) {
                gj[0] += k * ui[0];
                gj[1] += k * ui[1];
            }
        }
        g
    }

    /// One gradient-descent step `u ← u − η∇`; returns the gradient it used.
    pub fn step(&mut self, learning_rate: f64) -> Vec<[f64; 2]> {
        let g = self.gradient();
        if !learning_rate.is_finite() {
            return g;
        }
        for (u, d) in self.vectors.iter_mut().zip(&g) {
            let next = [u[0] - learning_rate * d[0], u[1] - learning_rate * d[1]];
            if next[0].is_finite() && next[1].is_finite() {
                *u = next;
            }
        }
        self.steps += 1;
        g
    }

    /// The cosine of the angle between two words' vectors (NaN for a zero vector).
    pub fn cosine(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (self.vec(i), self.vec(j));
        dot(a, b) / (dot(a, a).sqrt() * dot(b, b).sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_central_differences() {
        let e = Embedding::new(3);
        let g = e.gradient();
        for (i, gi) in g.iter().enumerate() {
            for (d, &gd) in gi.iter().enumerate() {
                let mut p = e.clone();
                let mut m = e.clone();
                p.vectors[i][d] += 1e-6;
                m.vectors[i][d] -= 1e-6;
                let n = (p.loss() - m.loss()) / 2e-6;
                assert!((gd - n).abs() < 1e-7, "{i} {d}: {gd} vs {n}");
            }
        }
    }

    #[test]
    fn steps_lower_the_loss_and_pull_related_words_together() {
        let mut e = Embedding::new(3);
        let start = e.loss();
        let mut last = start;
        for _ in 0..200 {
            e.step(0.2);
            let l = e.loss();
            assert!(l <= last + 1e-12, "loss rose: {last} → {l}");
            last = l;
        }
        assert!(last < 0.6 * start, "{start} → {last}");
        for &(i, j, s) in &PAIRS {
            assert!(s * e.cosine(i, j) > 0.0, "{} {}", WORDS[i], WORDS[j]);
        }
        assert_eq!(e.steps, 200);
    }

    #[test]
    fn odd_steps_do_not_panic() {
        let mut e = Embedding::new(0);
        let before = e.clone();
        e.step(f64::NAN);
        assert_eq!(e.vectors, before.vectors);
        e.step(1e308);
        assert!(e
            .vectors
            .iter()
            .all(|u| u[0].is_finite() && u[1].is_finite()));
        let z = Embedding {
            vectors: vec![],
            steps: 0,
        };
        assert!(z.loss().is_finite());
        assert!(z.gradient().is_empty());
        assert!(z.cosine(0, 1).is_nan());
        assert!(e.pair_loss(99).is_none());
    }
}
