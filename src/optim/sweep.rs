//! A learning-rate sweep: steps to converge from one start for a range of η (log-spaced), so
//! a learner sees the valley of good rates between crawling and diverging.

use super::{minimize, Method, Objective, Settings, Stop};

/// What one learning rate did.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPoint {
    /// η.
    pub rate: f64,
    /// How the run ended (`None` if it could not start).
    pub stop: Option<Stop>,
}

impl SweepPoint {
    /// Steps to converge, if it converged.
    pub fn steps(&self) -> Option<usize> {
        match self.stop {
            Some(Stop::Converged { step }) => Some(step),
            _ => None,
        }
    }

    /// Whether the run diverged.
    pub fn diverged(&self) -> bool {
        matches!(self.stop, Some(Stop::Diverged { .. }))
    }
}

/// `n` rates spaced evenly on a log scale from `lo` to `hi` (both > 0; empty otherwise).
pub fn log_rates(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo > 0.0 && hi > 0.0 && lo.is_finite() && hi.is_finite()) || n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![lo];
    }
    let (a, b) = (lo.ln(), hi.ln());
    (0..n)
        .map(|i| (a + (b - a) * i as f64 / (n - 1) as f64).exp())
        .collect()
}

/// Runs `method` with each rate in `rates` from `start` (methods without a rate run once per
/// entry unchanged). The widget calls it on a few rates per frame.
pub fn sweep_rates(
    objective: &Objective,
    method: &Method,
    start: &[f64],
    settings: &Settings,
    rates: &[f64],
) -> Vec<SweepPoint> {
    rates
        .iter()
        .map(|&rate| SweepPoint {
            rate,
            stop: minimize(objective, &method.with_rate(rate), start, settings)
                .ok()
                .map(|r| r.stop),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sweep_finds_the_threshold() {
        let o = Objective::parse("x^2 + 10y^2", &["x", "y"]).unwrap();
        let m = Method::GradientDescent { rate: 0.0 };
        let rates = log_rates(0.001, 1.0, 31);
        assert!((rates[0] - 0.001).abs() < 1e-15 && (rates[30] - 1.0).abs() < 1e-12);
        let pts = sweep_rates(&o, &m, &[1.0, 1.0], &Settings::default(), &rates);
        for p in &pts {
            if p.rate < 0.099 {
                assert!(!p.diverged(), "{p:?}");
            }
            if p.rate > 0.101 {
                assert!(p.diverged(), "{p:?}");
            }
        }
        // Tiny rates crawl: the smallest takes the most steps (or runs out of them).
        let best = pts.iter().filter_map(SweepPoint::steps).min().unwrap();
        assert!(pts[0].steps().is_none_or(|s| s > best));
        assert!(log_rates(0.0, 1.0, 5).is_empty());
    }
}
