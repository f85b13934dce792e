//! Numbers and points written for a learner: three significant figures, powers of ten as
//! `× 10⁵` rather than `e5`, and a minus sign rather than a hyphen.

use crate::math::format::format_scientific;
pub use crate::math::print::superscript;

/// `v` with about three significant figures: `2.02`, `0.0990`→`0.099`, `3.1 × 10⁵`,
/// `−1.5 × 10⁻⁴`, `∞`, `not a number`.
pub fn fmt_num(v: f64) -> String {
    if v.is_nan() {
        return "not a number".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞" } else { "−∞" }.to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let sign = if v < 0.0 { "−" } else { "" };
    let a = v.abs();
    if (1e-3..1e5).contains(&a) {
        let digits = (2 - a.log10().floor() as i32).clamp(0, 6) as usize;
        let s = format!("{a:.digits$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        return format!("{sign}{s}");
    }
    format_scientific(v, 3)
}

/// A point as `(1.2, −3)`.
pub fn fmt_point(p: &[f64]) -> String {
    let parts: Vec<String> = p.iter().map(|&v| fmt_num(v)).collect();
    format!("({})", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(fmt_num(2.0202), "2.02");
        assert_eq!(fmt_num(0.099), "0.099");
        assert_eq!(fmt_num(-1.5e-4), "−1.5 × 10⁻⁴");
        assert_eq!(fmt_num(3.1e5), "3.1 × 10⁵");
        assert_eq!(fmt_num(9.999e5), "1 × 10⁶");
        assert_eq!(fmt_num(1000.0), "1000");
        assert_eq!(fmt_num(12.0), "12");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(f64::NAN), "not a number");
        assert_eq!(fmt_num(f64::NEG_INFINITY), "−∞");
        assert_eq!(fmt_num(f64::MIN_POSITIVE), "2.23 × 10⁻³⁰⁸");
        assert_eq!(fmt_point(&[1.0, -2.5]), "(1, −2.5)");
    }
}
