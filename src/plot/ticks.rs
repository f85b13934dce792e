//! "Nice" tick values (1, 2, 5 × 10ᵏ steps) and compact number labels, shared by
//! the colour legend, the contour levels and the charts.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
