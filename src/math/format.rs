//! Numbers as short text: about four significant digits, trailing zeros removed, scientific
//! notation for very large or very small magnitudes. [`format_compact`] is the short form for
//! tick labels (`1.5e7`); [`format_scientific`] is the one form every text on a page uses for
//! powers of ten (`1.5 × 10⁷`, `2.5 × 10⁻¹¹`), as the lessons' prose writes them.

use super::print::superscript;

/// Format `v` compactly with about 4 significant digits, trailing zeros
/// removed (`5`, `0.25`, `0.001`, `1.5e7`). Empty for non-finite `v`.
pub fn format_compact(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let a = v.abs();
    if a < 1e-12 {
        return "0".to_string();
    }
    if !(1e-4..1e6).contains(&a) {
        return format!("{:.2e}", v).replace(".00e", "e").replace("0e", "e");
    }
    let decimals = (3.0 - a.log10().floor()).clamp(0.0, 8.0) as usize;
    let s = format!("{:.*}", decimals, v);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// `v` as `m × 10ⁿ` with `digits` significant digits in m (at least 1), trailing zeros
/// removed and a true minus sign (`−1.5 × 10⁻⁴`, `1 × 10⁶`); `0` for zero, empty for NaN or ±∞.
pub fn format_scientific(v: f64, digits: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let decimals = digits.clamp(1, 17) - 1;
    // Rust's `{:e}` rounds the mantissa and carries into the exponent (9.999e5 → 1.00e6).
    let s = format!("{:.*e}", decimals, v.abs());
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let m = if m.contains('.') {
        m.trim_end_matches('0').trim_end_matches('.')
    } else {
        m
    };
    let e: i32 = e.parse().unwrap_or(0);
    let sign = if v < 0.0 { "−" } else { "" };
    format!("{sign}{m} × 10{}", superscript(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scientific_numbers_read_as_powers_of_ten() {
        let table = [
            (2.5e-11, 2, "2.5 × 10⁻¹¹"),
            (-3.14e5, 2, "−3.1 × 10⁵"),
            (9.999e5, 3, "1 × 10⁶"),
            (1.3317e-12, 4, "1.332 × 10⁻¹²"),
            (1e-13, 4, "1 × 10⁻¹³"),
            (3.0e-16, 2, "3 × 10⁻¹⁶"),
            (0.0, 2, "0"),
            (1.5, 0, "2 × 10⁰"),
        ];
        for (v, digits, want) in table {
            assert_eq!(format_scientific(v, digits), want, "{v} to {digits} digits");
        }
        assert_eq!(format_scientific(f64::NAN, 3), "");
        assert_eq!(format_scientific(f64::INFINITY, 3), "");
    }

    #[test]
    fn compact_numbers() {
        assert_eq!(format_compact(5.0), "5");
        assert_eq!(format_compact(0.25), "0.25");
        assert_eq!(format_compact(0.001), "0.001");
        assert_eq!(format_compact(10f64.powf(0.5)), "3.162");
        assert_eq!(format_compact(-1e-13), "0");
        assert_eq!(format_compact(1.5e7), "1.5e7");
        assert_eq!(format_compact(1e7), "1e7");
    }
}
