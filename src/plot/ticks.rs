//! "Nice" tick values (1, 2, 5 × 10ᵏ steps) and compact number labels, shared by
//! the colour legend, the contour levels and the charts.

use crate::math::print::superscript;

/// A step of the form 1, 2 or 5 × 10ᵏ such that `span / step` is about `n`.
/// Returns `None` for non-finite or non-positive spans, or `n == 0`.
pub fn nice_step(span: f64, n: usize) -> Option<f64> {
    if !span.is_finite() || span <= 0.0 || n == 0 {
        return None;
    }
    let raw = span / n as f64;
    if !(raw.is_finite() && raw > 0.0) {
        return None;
    }
    let mag = 10f64.powf(raw.log10().floor());
    if !(mag.is_finite() && mag > 0.0) {
        return None;
    }
    let f = raw / mag;
    let m = if f < 1.5 {
        1.0
    } else if f < 3.0 {
        2.0
    } else if f < 7.0 {
        5.0
    } else {
        10.0
    };
    Some(m * mag)
}

/// Multiples of a nice step inside `[min(a, b), max(a, b)]`, about `n` of them
/// (never more than `4 n + 1`). Empty for non-finite input.
pub fn nice_ticks(a: f64, b: f64, n: usize) -> Vec<f64> {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let Some(step) = nice_step(hi - lo, n) else {
        return if lo.is_finite() && lo == hi {
            vec![lo]
        } else {
            Vec::new()
        };
    };
    let first = (lo / step).ceil();
    let last = (hi / step).floor();
    if !(first.is_finite() && last.is_finite()) || last < first {
        return Vec::new();
    }
    let count = ((last - first) as usize + 1).min(4 * n + 1);
    (0..count)
        .map(|k| {
            let v = (first + k as f64) * step;
            if v.abs() < step * 1e-9 {
                0.0
            } else {
                v
            }
        })
        .collect()
}

/// Format `v` for a tick label, with as many decimals as `step` needs; very large
/// or very small magnitudes use scientific notation.
pub fn format_tick(v: f64, step: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 || (step.is_finite() && step > 0.0 && v.abs() < step * 1e-6) {
        return "0".to_string();
    }
    let a = v.abs();
    if !(1e-4..1e6).contains(&a) {
        return format!("{:.1e}", v);
    }
    let decimals = if step.is_finite() && step > 0.0 {
        (-step.log10().floor()).clamp(0.0, 6.0) as usize
    } else {
        2
    };
    format!("{:.*}", decimals, v)
}

pub use crate::math::format::format_compact;

/// `v` with `digits` significant digits, trailing zeros removed: plain decimals between 10⁻⁴
/// and 10⁶, scientific notation (`1.000003e6`) outside.
fn format_significant(v: f64, digits: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let digits = digits.clamp(1, 17);
    let a = v.abs();
    let trim = |s: &str| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if !(1e-4..1e6).contains(&a) {
        let s = format!("{:.*e}", digits - 1, v);
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        return format!("{}e{e}", trim(m));
    }
    let decimals = (digits as f64 - 1.0 - a.log10().floor()).clamp(0.0, 17.0) as usize;
    let s = trim(&format!("{:.*}", decimals, v));
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// Labels for `levels` (ascending) that tell neighbouring levels apart: `first` gives each
/// label, and where two neighbours would read the same (a map zoomed far in, levels
/// 5.00031 and 5.00032 both "5"), every label gets the fewest significant digits that
/// separate all neighbours.
pub fn distinct_labels(levels: &[f64], first: impl Fn(f64) -> String) -> Vec<String> {
    let apart = |labels: &[String]| labels.windows(2).all(|w| w[0] != w[1]);
    let labels: Vec<String> = levels.iter().map(|&l| first(l)).collect();
    if apart(&labels) {
        return labels;
    }
    let mut last = labels;
    for digits in 2..=17 {
        last = levels
            .iter()
            .map(|&l| format_significant(l, digits))
            .collect();
        if apart(&last) {
            break;
        }
    }
    last
}

/// Labels for a whole set of ticks that stay short however far the view is zoomed, as
/// plotting libraries do: when the ticks are close together compared with their size
/// (`[1e6, 1e6 + 0.001]`) a common offset is taken out, and when what is left is very
/// large or very small (`[−1e9, 1e9]`, `[1e-7, 1.2e-7]`) a common power of ten, so each
/// label has a few digits and the axis says once what was taken out ([`TickLabels::note`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TickLabels {
    /// One label per tick, in order.
    pub labels: Vec<String>,
    /// Subtracted from every tick before labelling (0 for none).
    pub offset: f64,
    /// The offset's last significant place (a power of ten), for writing it.
    pub offset_unit: f64,
    /// Each label is (tick − offset) / 10^exponent.
    pub exponent: i32,
}

impl TickLabels {
    /// What the labels of axis `name` mean when an offset or a power of ten was taken out
    /// (`"x = label × 10⁻⁷"`, `"y = label + 1e6"`, `"x = label × 10⁻⁴ + 1e6"`); empty when
    /// the labels are the values themselves.
    pub fn note(&self, name: &str) -> String {
        if self.offset == 0.0 && self.exponent == 0 {
            return String::new();
        }
        let mut s = format!("{name} = label");
        if self.exponent != 0 {
            s.push_str(&format!(" × 10{}", superscript(self.exponent)));
        }
        if self.offset != 0.0 {
            let sign = if self.offset < 0.0 { '−' } else { '+' };
            let o = format_offset(self.offset.abs(), self.offset_unit);
            s.push_str(&format!(" {sign} {o}"));
        }
        s
    }
}

/// An offset (a multiple of `unit`) written with the digits down to `unit`: plain digits
/// below a million, scientific beyond.
fn format_offset(v: f64, unit: f64) -> String {
    let places = if unit.is_finite() && unit > 0.0 {
        (-unit.log10().round()).max(0.0) as usize
    } else {
        0
    };
    if v < 1e6 && places <= 12 {
        let s = format!("{v:.places$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        let e = v.log10().floor() as i32;
        let digits = (e as f64 - unit.log10().round()).clamp(0.0, 16.0) as usize;
        let s = format!("{:.digits$e}", v);
        match s.split_once('e') {
            Some((m, x)) if m.contains('.') => {
                format!("{}e{x}", m.trim_end_matches('0').trim_end_matches('.'))
            }
            _ => s,
        }
    }
}

/// Short labels for `ticks` spaced `step` apart (see [`TickLabels`]). Ordinary windows
/// get the same labels as [`format_tick`].
pub fn tick_labels(ticks: &[f64], step: f64) -> TickLabels {
    let plain = TickLabels {
        labels: ticks.iter().map(|&t| format_tick(t, step)).collect(),
        offset: 0.0,
        offset_unit: 1.0,
        exponent: 0,
    };
    let finite = ticks.iter().all(|t| t.is_finite());
    if ticks.is_empty() || !finite || !(step.is_finite() && step > 0.0) {
        return plain;
    }
    let lo = ticks.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = ticks.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = (hi - lo).max(step);
    let size = lo.abs().max(hi.abs());
    // An offset when the ticks share their leading digits.
    let mut offset_unit = 1.0;
    let offset = if size / range >= 1e3 {
        offset_unit = 10f64.powf(range.log10().floor() + 1.0);
        let o = (lo / offset_unit).floor() * offset_unit;
        if o.is_finite() {
            o
        } else {
            0.0
        }
    } else {
        0.0
    };
    let rest: Vec<f64> = ticks.iter().map(|&t| t - offset).collect();
    let m = rest.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let exponent = if m > 0.0 && !(1e-2..1e4).contains(&m) {
        m.log10().floor() as i32
    } else {
        0
    };
    if offset == 0.0 && exponent == 0 {
        return plain;
    }
    let scale = 10f64.powi(exponent);
    let scaled_step = step / scale;
    let decimals = (-scaled_step.log10().floor()).clamp(0.0, 6.0) as usize;
    let labels = rest
        .iter()
        .map(|&v| {
            let w = v / scale;
            let w = if w.abs() < scaled_step * 1e-6 { 0.0 } else { w };
            let s = format!("{w:.decimals$}");
            if s.trim_start_matches('-')
                .chars()
                .all(|c| c == '0' || c == '.')
            {
                "0".to_string()
            } else {
                s
            }
        })
        .collect();
    TickLabels {
        labels,
        offset,
        offset_unit,
        exponent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_get_the_digits_that_separate_neighbours() {
        let plain = distinct_labels(&[1.0, 2.0, 3.0], format_compact);
        assert_eq!(plain, ["1", "2", "3"]);
        let close = distinct_labels(&[5.00031, 5.00032, 5.00034], format_compact);
        assert_eq!(close, ["5.00031", "5.00032", "5.00034"]);
        let big = distinct_labels(&[1_000_001.0, 1_000_002.0], |v| format_tick(v, 1.0));
        assert_eq!(big, ["1.000001e6", "1.000002e6"]);
        let tiny = distinct_labels(&[-2.0e-9, -1.5e-9], format_compact);
        assert_eq!(tiny, ["-2e-9", "-1.5e-9"]);
    }

    #[test]
    fn steps_and_ticks() {
        assert_eq!(nice_step(10.0, 5), Some(2.0));
        assert_eq!(nice_step(1.0, 10), Some(0.1));
        assert_eq!(nice_step(0.0, 5), None);
        assert_eq!(nice_step(f64::NAN, 5), None);
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(nice_ticks(10.0, 0.0, 5).len(), 6);
        assert_eq!(nice_ticks(3.0, 3.0, 5), vec![3.0]);
        assert!(nice_ticks(f64::NEG_INFINITY, 1.0, 5).is_empty());
        assert!(nice_ticks(0.0, 1e300, 1000).len() <= 4001);
    }

    #[test]
    fn labels() {
        assert_eq!(format_tick(0.2, 0.1), "0.2");
        assert_eq!(format_tick(4.0, 2.0), "4");
        assert_eq!(format_tick(1e-17, 0.1), "0");
        assert_eq!(format_tick(2.5e7, 1e7), "2.5e7");
        assert_eq!(format_tick(f64::NAN, 1.0), "");
    }

    /// Decodes each label with the offset and power of ten and checks it gives the tick.
    fn check(lo: f64, hi: f64) -> TickLabels {
        let ticks = nice_ticks(lo, hi, 6);
        let step = nice_step(hi - lo, 6).expect("a step");
        let t = tick_labels(&ticks, step);
        assert_eq!(t.labels.len(), ticks.len());
        for (label, tick) in t.labels.iter().zip(&ticks) {
            assert!(
                label.chars().count() <= 5,
                "{label} is too long for the axis ({t:?})"
            );
            let v: f64 = label.parse().expect("a number");
            let back = v * 10f64.powi(t.exponent) + t.offset;
            assert!(
                (back - tick).abs() <= step * 1e-3,
                "{label} → {back}, tick {tick}"
            );
        }
        let mut distinct = t.labels.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), t.labels.len(), "{t:?}");
        t
    }

    #[test]
    fn labels_stay_short_and_distinct_when_zoomed_far_in_or_out() {
        let t = check(1e-7, 1.2e-7);
        assert_eq!((t.offset, t.exponent), (0.0, -7));
        assert_eq!(t.note("x"), "x = label × 10⁻⁷");
        let t = check(1e6, 1e6 + 0.001);
        assert_eq!(t.offset, 1e6);
        assert!(t.note("y").ends_with("+ 1e6"), "{}", t.note("y"));
        let t = check(-1e9, 1e9);
        assert_eq!((t.offset, t.exponent), (0.0, 9));
        assert_eq!(t.note("y"), "y = label × 10⁹");
        // What the explorer reaches with its span limits: 1e-4 wide about 1.2345, 1e6 wide.
        let t = check(1.23445, 1.23455);
        assert!(t.offset > 1.2 && t.offset <= 1.23445, "{t:?}");
        assert_eq!(t.note("x"), "x = label × 10⁻⁴ + 1.2344");
        let t = check(1e15, 1e15 + 20.0);
        assert!(t.note("x").ends_with("+ 1e15"), "{}", t.note("x"));
        check(-5e5, 5e5);
        check(-1e-9, -0.8e-9);
        // Ordinary windows are labelled as before, with nothing taken out.
        let t = check(-3.0, 3.0);
        assert_eq!(t.labels, ["-3", "-2", "-1", "0", "1", "2", "3"]);
        assert_eq!(t.note("x"), "");
        assert!(tick_labels(&[], 1.0).labels.is_empty());
        assert_eq!(tick_labels(&[f64::NAN], 1.0).labels, [""]);
    }
}
