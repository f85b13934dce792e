//! Reading a number the way a learner types it, and deciding whether it is close enough.
//!
//! `0.25`, `1/4`, `2.5e-1`, `−3`, `√2/2`, `e^2`, `pi/4` and `sin(1)` are all numbers: plain
//! decimals and scientific notation are read directly, anything else goes through the engine
//! and must have no variables left. A rounded answer is accepted when it agrees with the right
//! value to the digits the learner typed.

use crate::math::parse;

/// The longest answer read; longer text is refused with a message, never parsed.
const MAX_ANSWER: usize = 200;

/// Reads one number. The error is a sentence for the learner.
pub fn read_number(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("Type a number first.".into());
    }
    if t.chars().count() > MAX_ANSWER {
        return Err(format!(
            "That answer is longer than {MAX_ANSWER} characters."
        ));
    }
    if let Some(digits) = number_word(t) {
        return Err(format!(
            "Type the number in digits: {digits} rather than {t}."
        ));
    }
    let ascii = t.replace(['−', '–'], "-").replace('×', "*");
    if let Ok(v) = ascii.parse::<f64>() {
        if v.is_finite() {
            return Ok(v);
        }
        return Err("That number is too large to check.".into());
    }
    if looks_like_decimal_comma(&ascii) {
        return Err(format!(
            "Use a point for decimals: {} rather than {t}.",
            ascii.replace(',', ".")
        ));
    }
    let expr = parse(&ascii).map_err(|e| e.message())?;
    if let Some(v) = expr.variables().first() {
        return Err(format!(
            "The answer is a number, but it still has {v} in it: put the given values in."
        ));
    }
    match expr.eval(&[]) {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err("That expression has no finite value.".into()),
    }
}

/// The digits of a number written as a word (`six`, `minus two`, `a half`), which the engine
/// would otherwise read as a product of letters (s·i·x).
pub fn number_word(text: &str) -> Option<String> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = text.trim().to_lowercase();
    let (sign, word) = match lower
        .strip_prefix("minus ")
        .or(lower.strip_prefix("negative "))
    {
        Some(rest) => ("-", rest.trim()),
        None => ("", lower.as_str()),
    };
    let digits = match word {
        "half" | "a half" | "one half" => "0.5".to_string(),
        w => WORDS.iter().position(|n| *n == w)?.to_string(),
    };
    Some(format!("{sign}{digits}"))
}

/// Reads several numbers, written `[a, b]`, `(a, b)` or `a, b`. The error names the component.
pub fn read_numbers(text: &str) -> Result<Vec<f64>, String> {
    let t = text.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|s| s.strip_suffix(')')))
        .unwrap_or(t);
    if inner.trim().is_empty() {
        return Err("Type the numbers, separated by commas, e.g. [1.5, -2].".into());
    }
    let mut out = Vec::new();
    for (i, part) in split_top_level(inner).iter().enumerate() {
        out.push(read_number(part).map_err(|e| format!("Number {}: {e}", i + 1))?);
    }
    Ok(out)
}

/// Splits at commas (or semicolons) that are not inside brackets, so `atan2(1, 2), 3` has
/// two parts.
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if (c == ',' || c == ';') && depth <= 0 {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// `0,25` (one comma between digits, nothing else) is a decimal comma, not a list.
fn looks_like_decimal_comma(text: &str) -> bool {
    let mut pieces = text.split(',');
    match (pieces.next(), pieces.next(), pieces.next()) {
        (Some(a), Some(b), None) => {
            !a.is_empty()
                && !b.is_empty()
                && a.trim_start_matches('-')
                    .chars()
                    .all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
                && b.len() != 3
        }
        _ => false,
    }
}

/// Whether `got`, as the learner typed it in `typed`, matches `want`.
///
/// Always: within a relative 10⁻³ (or 10⁻⁹ absolutely, for a right value of 0). Also, for a
/// plain decimal: when it is `want` rounded to the decimals typed, if it has at least three
/// significant digits or is within 2 %. So 0.348 and 0.35 both match 0.3483, and 0.3 does not.
pub fn close_enough(got: f64, typed: &str, want: f64) -> bool {
    if !got.is_finite() || !want.is_finite() {
        return false;
    }
    let diff = (got - want).abs();
    if diff <= 1e-9_f64.max(1e-3 * want.abs()) {
        return true;
    }
    let Some((decimals, significant)) = decimal_shape(typed) else {
        return false;
    };
    let half_unit = 0.5 * 10f64.powi(-(decimals as i32));
    diff <= half_unit * (1.0 + 1e-9) + 1e-12 && (significant >= 3 || diff <= 0.02 * want.abs())
}

/// Decimals and significant digits of a plain decimal such as `-0.0350` (4 decimals, 3
/// significant digits); `None` for anything else.
fn decimal_shape(typed: &str) -> Option<(usize, usize)> {
    let t = typed.trim().replace('−', "-");
    let t = t.strip_prefix('-').unwrap_or(&t);
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if frac.contains('.') {
        return None;
    }
    let digits: String = format!("{int}{frac}");
    let significant = digits.trim_start_matches('0').len();
    Some((frac.len(), significant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_learners_write_numbers() {
        for (text, want) in [
            ("0.25", 0.25),
            ("1/4", 0.25),
            ("2.5e-1", 0.25),
            (" .25 ", 0.25),
            ("−3", -3.0),
            ("-3", -3.0),
            ("sqrt(2)/2", std::f64::consts::FRAC_1_SQRT_2),
            ("√2/2", std::f64::consts::FRAC_1_SQRT_2),
            ("e^2", std::f64::consts::E.powi(2)),
            ("pi/4", std::f64::consts::FRAC_PI_4),
            ("1e-7", 1e-7),
            ("2*3", 6.0),
        ] {
            let got = read_number(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!((got - want).abs() < 1e-12, "{text} read as {got}");
        }
    }

    #[test]
    fn explains_what_it_cannot_read() {
        assert!(read_number("").unwrap_err().contains("Type a number"));
        assert_eq!(
            read_number("six").unwrap_err(),
            "Type the number in digits: 6 rather than six."
        );
        assert!(read_number("Minus two").unwrap_err().contains("-2"));
        assert!(read_number("a half").unwrap_err().contains("0.5"));
        assert!(read_number("2x").unwrap_err().contains("x"));
        assert!(read_number("0,25").unwrap_err().contains("0.25"));
        assert!(read_number("1/0").is_err());
        assert!(read_number("ln(-1)").is_err());
        assert!(read_number(&"1+".repeat(300)).is_err());
        assert!(read_number("1e400").is_err());
    }

    #[test]
    fn reads_vectors_in_any_brackets() {
        assert_eq!(read_numbers("[1, -2]").unwrap(), vec![1.0, -2.0]);
        assert_eq!(read_numbers("(1; 2.5)").unwrap(), vec![1.0, 2.5]);
        assert_eq!(read_numbers("3, 4").unwrap(), vec![3.0, 4.0]);
        assert_eq!(read_numbers("[atan2(0, 1), 1]").unwrap(), vec![0.0, 1.0]);
        assert!(read_numbers("[1, x]").unwrap_err().starts_with("Number 2"));
        assert!(read_numbers("[]").is_err());
    }

    #[test]
    fn rounding_to_the_digits_typed_is_right() {
        let want = -0.348_33;
        assert!(close_enough(-0.348, "-0.348", want));
        assert!(close_enough(-0.35, "-0.35", want));
        assert!(!close_enough(-0.3, "-0.3", want));
        assert!(!close_enough(0.35, "0.35", want));
        // 12 is not 12.4, though it is 12.4 rounded to an integer: two digits, 3 % off.
        assert!(!close_enough(12.0, "12", 12.4));
        assert!(close_enough(12.4, "12.4", 12.4));
        assert!(close_enough(0.0, "0", 0.0));
        assert!(close_enough(1e-10, "1e-10", 0.0));
        assert!(!close_enough(0.001, "0.001", 0.0));
        // Fractions are exact or wrong: no rounding to read into them.
        assert!(!close_enough(0.3, "3/10", 0.31));
        assert!(!close_enough(f64::NAN, "nan", 1.0));
    }
}
