//! Perceptually uniform colour maps and a robust value → colour scale.
//!
//! [`ColorScale::from_values`] ignores NaN and ±∞ and clips outliers to the
//! 2nd–98th percentile (keeping the true extremes when they are close), so
//! functions such as `1/x` or `ln x` still show structure instead of one colour
//! plus a single bright pixel. Colours come from a 256-entry lookup table, so
//! mapping a value costs a few arithmetic operations.

use plotters::prelude::RGBColor;
use plotters::style::colors::colormaps::ViridisRGB;

/// The colour maps available.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMap {
    /// matplotlib's viridis (perceptually uniform, colour-blind friendly).
    #[default]
    Viridis,
    /// Moreland's cool–warm diverging map (blue – grey – red), for signed data;
    /// combine with [`ColorScale::symmetric`].
    CoolWarm,
    /// Black to white.
    Gray,
}

const COOLWARM: [(f64, f64, f64); 5] = [
    (59.0, 76.0, 192.0),
    (141.0, 176.0, 254.0),
    (221.0, 221.0, 221.0),
    (244.0, 154.0, 123.0),
    (180.0, 4.0, 38.0),
];

impl ColorMap {
    /// Colour at `t ∈ [0, 1]` (clamped; NaN maps to 0).
    pub fn rgb(self, t: f64) -> [u8; 3] {
        let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
        match self {
            ColorMap::Viridis => {
                let c: RGBColor = ViridisRGB::get_color(t);
                [c.0, c.1, c.2]
            }
            ColorMap::CoolWarm => {
                let s = t * (COOLWARM.len() - 1) as f64;
                let k = (s.floor() as usize).min(COOLWARM.len() - 2);
                let f = s - k as f64;
                let (a, b) = (COOLWARM[k], COOLWARM[k + 1]);
                let mix = |x: f64, y: f64| (x + (y - x) * f).round().clamp(0.0, 255.0) as u8;
                [mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2)]
            }
            ColorMap::Gray => {
                let g = (t * 255.0).round() as u8;
                [g, g, g]
            }
        }
    }

    /// A 256-entry lookup table of this map.
    pub fn lut(self) -> [[u8; 3]; 256] {
        let mut lut = [[0u8; 3]; 256];
        for (k, e) in lut.iter_mut().enumerate() {
            *e = self.rgb(k as f64 / 255.0);
        }
        lut
    }
}

/// How a [`ColorScale`] spreads values over its colours.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ScaleTransform {
    /// Evenly: equal steps of value are equal steps of colour over `[min, max]`.
    #[default]
    Linear,
    /// By order of magnitude: `ln |v|` evenly over `[ln lo, ln hi]` (`0 < lo < hi`), for
    /// values of one sign (`negative` for all-negative values, whose colours then run from
    /// the most negative up). Zero takes the colour of the smallest magnitude.
    Log {
        /// Smallest magnitude.
        lo: f64,
        /// Largest magnitude.
        hi: f64,
        /// The values are negative.
        negative: bool,
    },
    /// By rank: `breaks` (increasing, at least two) are quantiles of the data at equal
    /// steps of probability, and each gap between two breaks gets an equal share of the
    /// colours, so every colour covers about the same share of the samples.
    Quantile(Vec<f64>),
}

/// Maps values to colours of a [`ColorMap`]. With the default [`ScaleTransform::Linear`]
/// values in `[min, max]` are spread evenly and values outside are clamped to the end
/// colours; non-finite values have no colour.
#[derive(Debug, Clone, PartialEq)]
pub struct ColorScale {
    /// Value mapped to the first colour (for a linear scale; always the low end of the
    /// robust range, which surfaces use for heights).
    pub min: f64,
    /// Value mapped to the last colour (as `min`).
    pub max: f64,
    map: ColorMap,
    lut: [[u8; 3]; 256],
    transform: ScaleTransform,
}

impl Default for ColorScale {
    fn default() -> Self {
        ColorScale::new(0.0, 1.0)
    }
}

/// Percentiles below/above which values count as outliers in [`ColorScale::from_values`].
pub const ROBUST_PERCENTILES: (f64, f64) = (0.02, 0.98);

impl ColorScale {
    /// A viridis scale over `[min, max]`. Non-finite bounds fall back to `[0, 1]`,
    /// reversed bounds are swapped and an empty range is widened.
    pub fn new(min: f64, max: f64) -> Self {
        let (mut lo, mut hi) = match (min.is_finite(), max.is_finite()) {
            (true, true) => (min.min(max), min.max(max)),
            (true, false) => (min, min),
            (false, true) => (max, max),
            (false, false) => (0.0, 1.0),
        };
        if hi - lo <= f64::EPSILON * lo.abs().max(hi.abs()).max(1e-300) || !(hi - lo).is_finite() {
            let c = 0.5 * lo + 0.5 * hi;
            let h = (c.abs() * 0.5).max(0.5);
            lo = c - h;
            hi = c + h;
        }
        ColorScale {
            min: lo,
            max: hi,
            map: ColorMap::Viridis,
            lut: ColorMap::Viridis.lut(),
            transform: ScaleTransform::Linear,
        }
    }

    /// The same range with colours spread by `transform` (a log transform needs
    /// `0 < lo < hi`, a quantile one at least two finite increasing breaks; anything else
    /// keeps the scale linear).
    pub fn with_transform(mut self, transform: ScaleTransform) -> Self {
        let ok = match &transform {
            ScaleTransform::Linear => true,
            ScaleTransform::Log { lo, hi, .. } => {
                lo.is_finite() && hi.is_finite() && *lo > 0.0 && hi > lo
            }
            ScaleTransform::Quantile(b) => {
                b.len() >= 2
                    && b.iter().all(|v| v.is_finite())
                    && b.windows(2).all(|w| w[0] <= w[1])
                    && b[b.len() - 1] > b[0]
            }
        };
        self.transform = if ok {
            transform
        } else {
            ScaleTransform::Linear
        };
        self
    }

    /// How values are spread over the colours.
    pub fn transform(&self) -> &ScaleTransform {
        &self.transform
    }

    /// A robust scale for the given samples: NaN and ±∞ are ignored and the range
    /// is the 2nd–98th percentile, extended to the true minimum / maximum when
    /// those lie within half the percentile span (so smooth data keeps its full
    /// range while poles are clipped).
    pub fn from_values(values: &[f64]) -> Self {
        Self::from_values_with(values, ROBUST_PERCENTILES.0, ROBUST_PERCENTILES.1)
    }

    /// Like [`ColorScale::from_values`] with chosen percentiles (fractions in `[0, 1]`).
    pub fn from_values_with(values: &[f64], lo_pct: f64, hi_pct: f64) -> Self {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        if v.is_empty() {
            return Self::new(0.0, 1.0);
        }
        let n = v.len();
        let clamp_pct = |p: f64| {
            if p.is_finite() {
                p.clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        let (pl, ph) = (clamp_pct(lo_pct), clamp_pct(hi_pct));
        let (pl, ph) = (pl.min(ph), pl.max(ph));
        let idx = |p: f64| ((p * (n - 1) as f64).round() as usize).min(n - 1);
        let (il, ih) = (idx(pl), idx(ph));
        let lo = *v.select_nth_unstable_by(il, f64::total_cmp).1;
        let hi = *v.select_nth_unstable_by(ih, f64::total_cmp).1;
        let (mut mn, mut mx) = (f64::INFINITY, f64::NEG_INFINITY);
        for &x in &v {
            mn = mn.min(x);
            mx = mx.max(x);
        }
        let span = hi - lo;
        let lo = if mn >= lo - 0.5 * span { mn } else { lo };
        let hi = if mx <= hi + 0.5 * span { mx } else { hi };
        Self::new(lo, hi)
    }

    /// The same range with another colour map.
    pub fn with_map(mut self, map: ColorMap) -> Self {
        self.map = map;
        self.lut = map.lut();
        self
    }

    /// Make the range symmetric about 0 (`[-m, m]` with `m = max(|min|, |max|)`),
    /// e.g. for a diverging map.
    pub fn symmetric(mut self) -> Self {
        let m = self.min.abs().max(self.max.abs());
        if m.is_finite() && m > 0.0 {
            self.min = -m;
            self.max = m;
        }
        self
    }

    /// The colour map in use.
    pub fn map(&self) -> ColorMap {
        self.map
    }

    /// The 256-entry lookup table of the colour map.
    pub fn lut(&self) -> &[[u8; 3]; 256] {
        &self.lut
    }

    /// Position of `v` in the scale, clamped to `[0, 1]`; `None` if `v` is not finite.
    #[inline]
    pub fn normalize(&self, v: f64) -> Option<f64> {
        if !v.is_finite() {
            return None;
        }
        let t = match &self.transform {
            ScaleTransform::Linear => (v - self.min) / (self.max - self.min),
            ScaleTransform::Log { lo, hi, negative } => {
                let m = if *negative { -v } else { v };
                let t = if m <= 0.0 {
                    0.0
                } else {
                    (m / lo).ln() / (hi / lo).ln()
                };
                if *negative {
                    1.0 - t
                } else {
                    t
                }
            }
            ScaleTransform::Quantile(b) => {
                let k = b.partition_point(|&q| q <= v);
                let gaps = (b.len() - 1) as f64;
                if k == 0 {
                    0.0
                } else if k >= b.len() {
                    1.0
                } else {
                    let (a, c) = (b[k - 1], b[k]);
                    let f = if c > a { (v - a) / (c - a) } else { 0.0 };
                    ((k - 1) as f64 + f) / gaps
                }
            }
        };
        Some(if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) })
    }

    /// Like [`ColorScale::normalize`], but `+∞` is the top of the scale and `−∞` the
    /// bottom (a value too large for a float is still large); `None` only for NaN.
    #[inline]
    pub fn normalize_extended(&self, v: f64) -> Option<f64> {
        if v == f64::INFINITY {
            Some(1.0)
        } else if v == f64::NEG_INFINITY {
            Some(0.0)
        } else {
            self.normalize(v)
        }
    }

    /// Lookup-table index of `v` (0..=255); `None` if `v` is not finite.
    #[inline]
    pub fn index(&self, v: f64) -> Option<u8> {
        self.normalize(v).map(|t| (t * 255.0 + 0.5) as u8)
    }

    /// RGB bytes of `v`; `None` if `v` is not finite.
    #[inline]
    pub fn rgb(&self, v: f64) -> Option<[u8; 3]> {
        self.index(v).map(|k| self.lut[k as usize])
    }

    /// Colour of `v` for plotters; `None` if `v` is not finite.
    pub fn color(&self, v: f64) -> Option<RGBColor> {
        self.rgb(v).map(|c| RGBColor(c[0], c[1], c[2]))
    }

    /// Colour at a normalised position `t ∈ [0, 1]`.
    pub fn color_at(&self, t: f64) -> RGBColor {
        let k = if t.is_nan() {
            0
        } else {
            (t.clamp(0.0, 1.0) * 255.0 + 0.5) as usize
        };
        let c = self.lut[k.min(255)];
        RGBColor(c[0], c[1], c[2])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: [u8; 3]) -> f64 {
        0.2126 * c[0] as f64 + 0.7152 * c[1] as f64 + 0.0722 * c[2] as f64
    }

    #[test]
    fn viridis_is_monotone_in_luminance() {
        let lut = ColorMap::Viridis.lut();
        assert_eq!(lut[0], [68, 1, 84]);
        assert_eq!(lut[255], [254, 232, 37]);
        for k in 0..255 {
            assert!(luminance(lut[k + 1]) >= luminance(lut[k]) - 0.5, "at {k}");
        }
    }

    #[test]
    fn scale_ignores_non_finite_and_outliers() {
        let mut v: Vec<f64> = (-100..=100).map(|k| 1.0 / (k as f64 / 100.0)).collect();
        v.push(f64::NAN);
        v.push(f64::NEG_INFINITY);
        let s = ColorScale::from_values(&v);
        assert!(s.min.is_finite() && s.max.is_finite());
        assert!(s.max < 100.0 && s.min > -100.0, "{s:?}");
        assert!(s.max > 5.0 && s.min < -5.0, "{s:?}");
        assert_eq!(s.rgb(f64::NAN), None);
        assert_eq!(s.rgb(f64::INFINITY), None);
        assert_eq!(s.rgb(1e9), Some(ColorMap::Viridis.rgb(1.0)));
    }

    #[test]
    fn smooth_data_keeps_full_range() {
        let v: Vec<f64> = (0..=100).map(|k| (k as f64 / 10.0).powi(2)).collect();
        let s = ColorScale::from_values(&v);
        assert_eq!((s.min, s.max), (0.0, 100.0));
    }

    #[test]
    fn degenerate_scales() {
        let s = ColorScale::from_values(&[]);
        assert_eq!((s.min, s.max), (0.0, 1.0));
        let s = ColorScale::from_values(&[f64::NAN, f64::INFINITY]);
        assert_eq!((s.min, s.max), (0.0, 1.0));
        let s = ColorScale::from_values(&[3.0; 10]);
        assert!(s.min < 3.0 && s.max > 3.0);
        let s = ColorScale::new(5.0, -5.0);
        assert_eq!((s.min, s.max), (-5.0, 5.0));
        let s = ColorScale::new(f64::MAX, -f64::MAX);
        assert!(s.normalize(0.0).is_some());
        let s = ColorScale::from_values_with(&[1.0, 2.0], f64::NAN, 7.0);
        assert!(s.min <= 1.0 && s.max >= 2.0);
        let s = ColorScale::new(-1.0, 3.0)
            .symmetric()
            .with_map(ColorMap::CoolWarm);
        assert_eq!((s.min, s.max), (-3.0, 3.0));
        let mid = s.rgb(0.0).unwrap();
        assert!(mid.iter().all(|&c| (210..=230).contains(&c)), "{mid:?}");
    }
}
