//! Numbers as short text: about four significant digits, trailing zeros removed, scientific
//! notation for very large or very small magnitudes. Used by tick labels and readouts alike.

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

#[cfg(test)]
mod tests {
    use super::*;

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
