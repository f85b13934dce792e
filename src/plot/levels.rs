//! Contour levels and the colour scale chosen from how a function's sampled values are
//! distributed, so that fast-growing functions stay readable.
//!
//! Evenly spaced levels suit most functions. They fail when a few samples are huge:
//! `e^(xy)` on [−4, 4]² runs from 10⁻⁷ to 10⁷, so with even levels nearly the whole map
//! is one colour and every level crowds into a corner. [`choose_levels`] first tries
//! even levels over the robust range and keeps them when no band between two levels
//! holds more than [`MAX_EVEN_BAND`] of the samples. Otherwise, for values of one sign
//! spanning at least two orders of magnitude it uses a log scale (levels 1, 2, 5 × 10ᵏ,
//! or powers of 10), and for anything else quantiles (each colour band covers about the
//! same share of the map). [`Spacing::note`] says which, for the page to show.

use super::colormap::{ColorScale, ScaleTransform};
use super::contour::nice_levels;
use super::ticks::{format_compact, format_tick, nice_step};

/// Largest share of the samples one band between even levels may hold before the levels
/// are chosen from the distribution instead.
pub const MAX_EVEN_BAND: f64 = 0.4;

/// How contour levels (and the colours between them) are spaced.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spacing {
    /// Equal steps of value.
    Even,
    /// Equal ratios: each level is `factor` times the one below (for negative values,
    /// the magnitudes are).
    Log {
        /// Ratio between neighbouring levels' magnitudes (2 to 2.5 for 1, 2, 5 × 10ᵏ).
        factor: f64,
        /// The values are negative.
        negative: bool,
    },
    /// Quantiles of the sampled values: about the same share of the map between any
    /// two neighbouring levels.
    Quantile,
}

impl Spacing {
    /// A short sentence for the map saying how levels and colours were chosen; empty for
    /// even spacing, which needs no note.
    pub fn note(&self) -> String {
        match self {
            Spacing::Even => String::new(),
            Spacing::Log { factor, negative } => {
                let of = if *negative { "−f" } else { "f" };
                let step = if *factor < 9.0 {
                    "levels at 1, 2, 5 × powers of 10".to_string()
                } else {
                    format!("each level {}× the one below", format_compact(*factor))
                };
                format!(
                    "Log scale: {of} spans many orders of magnitude, so colours follow its \
                     logarithm ({step})."
                )
            }
            Spacing::Quantile => "Quantile scale: levels are not evenly spaced; each colour \
                 band covers about the same share of the map."
                .to_string(),
        }
    }

    /// A few words for a screen reader's description of the map.
    pub fn description(&self) -> &'static str {
        match self {
            Spacing::Even => "evenly spaced contour levels",
            Spacing::Log { .. } => "contour levels and colours on a logarithmic scale",
            Spacing::Quantile => "contour levels and colours at quantiles of f",
        }
    }
}

/// Levels, their spacing and the matching colour scale.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelChoice {
    /// How the levels are spaced.
    pub spacing: Spacing,
    /// The contour levels, increasing.
    pub levels: Vec<f64>,
    /// Colours for the heatmap (its transform matches `spacing`).
    pub scale: ColorScale,
}

impl LevelChoice {
    /// The label for `level`: as many decimals as the step needs for even levels,
    /// about four significant digits otherwise (`1e-6`, `0.25`, `2e5`).
    pub fn label(&self, level: f64) -> String {
        match self.spacing {
            Spacing::Even => format_tick(level, even_step(&self.levels)),
            _ => format_compact(level),
        }
    }
}

fn even_step(levels: &[f64]) -> f64 {
    let step = levels
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0.0)
        .fold(f64::INFINITY, f64::min);
    if step.is_finite() {
        step
    } else {
        1.0
    }
}

/// Shares of `sorted` (finite, increasing) below the first level, between each pair and
/// above the last.
pub fn band_shares(sorted: &[f64], levels: &[f64]) -> Vec<f64> {
    if sorted.is_empty() {
        return Vec::new();
    }
    let n = sorted.len() as f64;
    let mut out = Vec::with_capacity(levels.len() + 1);
    let mut prev = 0usize;
    for &l in levels {
        let k = sorted.partition_point(|&v| v < l);
        out.push(k.saturating_sub(prev) as f64 / n);
        prev = k.max(prev);
    }
    out.push((sorted.len() - prev) as f64 / n);
    out
}

/// Chooses about `n` contour levels and the colour scale for `values` (a sampled grid;
/// NaN and ±∞ are ignored).
pub fn choose_levels(values: &[f64], n: usize) -> LevelChoice {
    let n = n.clamp(1, 64);
    let linear = ColorScale::from_values(values);
    let even = nice_levels(&linear, n);
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let worst = band_shares(&sorted, &even).into_iter().fold(0.0, f64::max);
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return LevelChoice {
            spacing: Spacing::Even,
            levels: even,
            scale: linear,
        };
    };
    if worst <= MAX_EVEN_BAND || hi <= lo || sorted.len() < 16 {
        return LevelChoice {
            spacing: Spacing::Even,
            levels: even,
            scale: linear,
        };
    }
    if let Some(choice) = log_levels(&sorted, &linear, n) {
        return choice;
    }
    quantile_levels(&sorted, &linear, n)
}

/// Levels at 1, 2, 5 × 10ᵏ (or every m-th power of 10) for values of one sign spanning
/// at least two orders of magnitude; `None` otherwise.
fn log_levels(sorted: &[f64], linear: &ColorScale, n: usize) -> Option<LevelChoice> {
    let (first, last) = (*sorted.first()?, *sorted.last()?);
    let negative = if first >= 0.0 {
        false
    } else if last <= 0.0 {
        true
    } else {
        return None;
    };
    let mags = sorted.iter().map(|v| v.abs()).filter(|m| *m > 0.0);
    let (lo, hi) = mags.fold((f64::INFINITY, 0.0f64), |(a, b), m| (a.min(m), b.max(m)));
    if !(lo > 0.0 && hi.is_finite() && hi / lo >= 100.0) {
        return None;
    }
    let (e0, e1) = (lo.log10(), hi.log10());
    let mut mags: Vec<f64> = Vec::new();
    let factor;
    if e1 - e0 <= 4.0 {
        factor = 2.5;
        let start = e0.floor() as i32;
        for e in start..=(e1.ceil() as i32) {
            for m in [1.0, 2.0, 5.0] {
                mags.push(m * 10f64.powi(e));
            }
        }
    } else {
        let step = nice_step(e1 - e0, n).unwrap_or(1.0).max(1.0).round();
        factor = 10f64.powf(step);
        let mut e = (e0 / step).ceil() * step;
        while e <= e1 && mags.len() < 4 * n {
            mags.push(10f64.powf(e));
            e += step;
        }
    }
    mags.retain(|m| *m > lo * (1.0 + 1e-9) && *m < hi * (1.0 - 1e-9));
    let mut levels: Vec<f64> = if negative {
        mags.iter().rev().map(|m| -m).collect()
    } else {
        mags
    };
    levels.dedup();
    if levels.is_empty() {
        return None;
    }
    let scale = linear
        .clone()
        .with_transform(ScaleTransform::Log { lo, hi, negative });
    Some(LevelChoice {
        spacing: Spacing::Log { factor, negative },
        levels,
        scale,
    })
}

/// The value at probability `p` of `sorted` (nearest rank).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let k = (p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[k.min(sorted.len() - 1)]
}

/// `v` rounded to two significant digits, but never finer than a thousandth of `spread`
/// (so a level near 0 reads 0, not 3.1e-17).
fn round_level(v: f64, spread: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let unit = 10f64.powf(v.abs().log10().floor() - 1.0);
    let floor = if spread.is_finite() && spread > 0.0 {
        10f64.powf((spread * 1e-3).log10().floor())
    } else {
        0.0
    };
    let unit = unit.max(floor);
    if !(unit.is_finite() && unit > 0.0) {
        return v;
    }
    let r = (v / unit).round() * unit;
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// Levels at equal steps of probability, rounded; colours by rank.
fn quantile_levels(sorted: &[f64], linear: &ColorScale, n: usize) -> LevelChoice {
    let (lo, hi) = (sorted[0], sorted[sorted.len() - 1]);
    let spread = quantile(sorted, 0.98) - quantile(sorted, 0.02);
    let mut levels: Vec<f64> = (1..=n)
        .map(|k| round_level(quantile(sorted, k as f64 / (n + 1) as f64), spread))
        .filter(|l| *l > lo && *l < hi)
        .collect();
    levels.dedup();
    const BREAKS: usize = 64;
    let mut breaks: Vec<f64> = (0..=BREAKS)
        .map(|k| quantile(sorted, k as f64 / BREAKS as f64))
        .collect();
    breaks.dedup();
    let scale = linear
        .clone()
        .with_transform(ScaleTransform::Quantile(breaks));
    LevelChoice {
        spacing: Spacing::Quantile,
        levels,
        scale,
    }
}

/// A label's box in pixels: centre and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelBox {
    /// Centre (px).
    pub center: (f64, f64),
    /// Width and height (px).
    pub size: (f64, f64),
}

impl LabelBox {
    /// True if the two boxes, each grown by `pad` px on every side, overlap.
    pub fn overlaps(&self, other: &LabelBox, pad: f64) -> bool {
        let dx = (self.center.0 - other.center.0).abs();
        let dy = (self.center.1 - other.center.1).abs();
        dx < 0.5 * (self.size.0 + other.size.0) + pad
            && dy < 0.5 * (self.size.1 + other.size.1) + pad
    }

    /// True if the box lies inside `[left, right] × [top, bottom]`.
    pub fn inside(&self, (left, top, right, bottom): (f64, f64, f64, f64)) -> bool {
        self.center.0 - 0.5 * self.size.0 >= left
            && self.center.0 + 0.5 * self.size.0 <= right
            && self.center.1 - 0.5 * self.size.1 >= top
            && self.center.1 + 0.5 * self.size.1 <= bottom
    }
}

/// Places labels greedily: label `i` (of size `sizes[i]`) goes at one of its `candidates[i]`
/// whose box lies in `bounds` and clears every label placed so far by `pad` px; a label with
/// no such place is skipped (`None`). No two placed boxes overlap.
///
/// Among the free candidates, the first one at least `spread` px from every placed label wins
/// (candidates come best first); if none is that far, the one farthest from its nearest
/// neighbour does. So nested curves that all leave the view in the same corners do not stack
/// their labels in the first corner while the others stay empty.
pub fn place_labels(
    candidates: &[Vec<(f64, f64)>],
    sizes: &[(f64, f64)],
    bounds: (f64, f64, f64, f64),
    pad: f64,
    spread: f64,
) -> Vec<Option<LabelBox>> {
    let mut placed: Vec<LabelBox> = Vec::new();
    candidates
        .iter()
        .zip(sizes)
        .map(|(cands, &size)| {
            let room = |b: &LabelBox| {
                placed
                    .iter()
                    .map(|p| (p.center.0 - b.center.0).hypot(p.center.1 - b.center.1))
                    .fold(f64::INFINITY, f64::min)
                    .min(spread)
            };
            let mut best: Option<(LabelBox, f64)> = None;
            for b in cands.iter().map(|&center| LabelBox { center, size }) {
                let free = b.center.0.is_finite()
                    && b.center.1.is_finite()
                    && b.inside(bounds)
                    && placed.iter().all(|p| !p.overlaps(&b, pad));
                if !free {
                    continue;
                }
                let r = room(&b);
                if best.is_none_or(|(_, s)| r > s) {
                    best = Some((b, r));
                }
                if r >= spread {
                    break;
                }
            }
            let spot = best.map(|(b, _)| b);
            if let Some(b) = spot {
                placed.push(b);
            }
            spot
        })
        .collect()
}

/// Places along a polyline to try a label at, best first: the middle, then quarters,
/// then eighths of its vertices.
pub fn label_spots(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let n = points.len();
    if n == 0 {
        return Vec::new();
    }
    [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875, 0.0625, 0.9375]
        .iter()
        .filter_map(|f| points.get(((n - 1) as f64 * f).round() as usize).copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::Grid;

    fn grid(f: impl Fn(f64, f64) -> f64, r: f64) -> Vec<f64> {
        Grid::from_fn((-r, r), (-r, r), 128, 128, f).values
    }

    fn worst_band(values: &[f64], levels: &[f64]) -> f64 {
        let mut s: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        s.sort_by(f64::total_cmp);
        band_shares(&s, levels).into_iter().fold(0.0, f64::max)
    }

    /// Share of the samples in the most crowded tenth of the colour scale.
    fn worst_colour_tenth(values: &[f64], scale: &ColorScale) -> f64 {
        let mut counts = [0usize; 10];
        let mut n = 0;
        for v in values {
            if let Some(t) = scale.normalize(*v) {
                counts[((t * 10.0) as usize).min(9)] += 1;
                n += 1;
            }
        }
        counts.iter().copied().max().unwrap_or(0) as f64 / n as f64
    }

    #[test]
    fn exp_of_xy_gets_a_log_scale_with_no_crowded_band() {
        let v = grid(|x, y| (x * y).exp(), 4.0);
        // Even levels put almost everything in one band: the bug.
        let even = nice_levels(&ColorScale::from_values(&v), 12);
        assert!(worst_band(&v, &even) > 0.8);
        let c = choose_levels(&v, 12);
        assert!(
            matches!(
                c.spacing,
                Spacing::Log {
                    negative: false,
                    ..
                }
            ),
            "{c:?}"
        );
        assert!(worst_band(&v, &c.levels) <= 0.3, "{:?}", c.levels);
        assert!(worst_colour_tenth(&v, &c.scale) <= 0.3);
        assert!(
            c.levels.contains(&1.0) && c.levels.len() >= 8,
            "{:?}",
            c.levels
        );
        assert_eq!(c.label(1e-6), "1e-6");
        assert!(c.spacing.note().contains("Log scale"));
    }

    #[test]
    fn a_huge_power_gets_a_log_scale_and_infinity_the_top_colour() {
        let v = grid(|x, _| x.powi(1000), 3.0);
        assert!(v.iter().any(|v| v.is_infinite()) && v.contains(&0.0));
        let c = choose_levels(&v, 12);
        let Spacing::Log { factor, .. } = c.spacing else {
            panic!("{c:?}")
        };
        assert!(factor >= 1e10, "powers of 10 far apart: {factor}");
        assert!(c.levels.len() >= 5, "{:?}", c.levels);
        assert!(worst_band(&v, &c.levels) <= 0.4, "{:?}", c.levels);
        assert_eq!(c.scale.normalize_extended(f64::INFINITY), Some(1.0));
        assert_eq!(c.scale.normalize(0.0), Some(0.0));
    }

    #[test]
    fn negative_and_mixed_sign_growth() {
        let v = grid(|x, y| -(x * y).exp(), 4.0);
        let c = choose_levels(&v, 12);
        assert!(matches!(c.spacing, Spacing::Log { negative: true, .. }));
        assert!(c.levels.windows(2).all(|w| w[0] < w[1]));
        assert!(c.levels.iter().all(|l| *l < 0.0));
        assert!(c.scale.normalize(-1e6).unwrap() < c.scale.normalize(-1.0).unwrap());
        // e^x − e^(−y) changes sign: quantiles.
        let v = grid(|x, y| (3.0 * x).exp() - (-3.0 * y).exp(), 4.0);
        let c = choose_levels(&v, 12);
        assert_eq!(c.spacing, Spacing::Quantile);
        assert!(worst_band(&v, &c.levels) <= 0.3, "{:?}", c.levels);
        assert!(worst_colour_tenth(&v, &c.scale) <= 0.2);
        assert!(c.levels.windows(2).all(|w| w[0] < w[1]));
        assert!(c.spacing.note().contains("Quantile"));
    }

    #[test]
    fn ordinary_functions_keep_even_levels() {
        for f in [
            |x: f64, y: f64| x * x + y * y,
            |x: f64, y: f64| x.sin() * y.cos(),
            |x: f64, y: f64| x * x + 3.0 * x * y + y * y,
        ] {
            let v = grid(f, 3.0);
            let c = choose_levels(&v, 12);
            assert_eq!(c.spacing, Spacing::Even);
            assert_eq!(c.levels, nice_levels(&ColorScale::from_values(&v), 12));
            assert_eq!(c.spacing.note(), "");
        }
        let c = choose_levels(&[], 12);
        assert_eq!(c.spacing, Spacing::Even);
        let c = choose_levels(&[f64::NAN; 100], 12);
        assert_eq!(c.spacing, Spacing::Even);
    }

    #[test]
    fn greedy_placement_never_overlaps() {
        let cands = vec![
            vec![(50.0, 50.0)],
            vec![(55.0, 52.0), (150.0, 50.0)],
            vec![(52.0, 48.0)],
            vec![(1.0, 1.0), (100.0, 150.0)],
        ];
        let sizes = vec![(30.0, 12.0); 4];
        let placed = place_labels(&cands, &sizes, (0.0, 0.0, 200.0, 200.0), 2.0, 0.0);
        assert_eq!(placed[0].map(|b| b.center), Some((50.0, 50.0)));
        assert_eq!(placed[1].map(|b| b.center), Some((150.0, 50.0)));
        assert_eq!(
            placed[2], None,
            "collides with the first and has nowhere else"
        );
        assert_eq!(
            placed[3].map(|b| b.center),
            Some((100.0, 150.0)),
            "(1, 1) sticks out"
        );
        let spots = label_spots(&[(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)]);
        assert_eq!(spots[0], (1.0, 0.0));
        assert!(label_spots(&[]).is_empty());
    }
}
