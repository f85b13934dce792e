//! How numbers are shown to a learner: about four significant digits, no `-0`, a true minus
//! sign, "undefined here" where a value is NaN or infinite, and "too large to compute here"
//! where a value overflowed.

use crate::math::format::{format_compact, format_scientific};

/// What is shown in place of a value that does not exist at a point (NaN or ±∞).
pub const UNDEFINED: &str = "undefined here";

/// `v` with about four significant digits (`2.75`, `−0.5`, `1235`, `1.5 × 10⁷`), or
/// [`UNDEFINED`].
pub fn format_value(v: f64) -> String {
    if !v.is_finite() {
        return UNDEFINED.to_string();
    }
    let a = v.abs();
    if a >= 1e-12 && !(1e-4..1e6).contains(&a) {
        return format_scientific(v, 4);
    }
    let s = format_compact(v);
    if s.is_empty()
        || s.trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
    {
        return "0".to_string();
    }
    s.replace('-', "−")
}

/// What is shown in place of a value that exists but is too large for floating point.
pub const OVERFLOWS: &str = "too large to compute here (overflows)";

/// `v` as [`format_value`] shows it, except that a non-finite `v` that `overflowed` reads
/// [`OVERFLOWS`] instead of [`UNDEFINED`].
pub fn format_reading(v: f64, overflowed: bool) -> String {
    if !v.is_finite() && overflowed {
        OVERFLOWS.to_string()
    } else {
        format_value(v)
    }
}

/// A point or vector as `(a, b)` / `[a, b]` with [`format_value`] entries.
pub fn format_pair(open: char, a: f64, b: f64, close: char) -> String {
    format!("{open}{}, {}{close}", format_value(a), format_value(b))
}

/// `n` and a noun that takes an "s" in the plural: `1 step`, `0 steps`, `3 steps`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "step"), "1 step");
        assert_eq!(count(0, "step"), "0 steps");
        assert_eq!(count(2, "step"), "2 steps");
    }

    #[test]
    fn values_read_like_a_worked_example() {
        let table = [
            (2.75, "2.75"),
            (-0.5, "−0.5"),
            (3.0, "3"),
            (0.0, "0"),
            (-0.0, "0"),
            (1.0 / 3.0, "0.3333"),
            (1234.567, "1235"),
            (1.5e7, "1.5 × 10⁷"),
            (-1.2e-7, "−1.2 × 10⁻⁷"),
            (f64::NAN, "undefined here"),
            (f64::INFINITY, "undefined here"),
        ];
        for (v, want) in table {
            assert_eq!(format_value(v), want, "formatting {v}");
        }
        assert_eq!(format_pair('[', 3.5, -4.0, ']'), "[3.5, −4]");
        assert_eq!(format_pair('(', f64::NAN, 1.0, ')'), "(undefined here, 1)");
    }
}
