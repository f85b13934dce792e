//! A directional derivative D_v f = ∇f · v worked out the way a page prints it: the unit
//! vector v for the dial's angle, the dot product written out, an exact value where one
//! exists (10/√2 for ∇f = [4, 6] at 45°), and its decimal. Exact forms are given for
//! directions along the axes and the diagonals; any other angle is written with its cosine
//! and sine. A form is called exact only when the gradient's printed components are the
//! gradient's values, not roundings of them.

use super::format::format_value;

/// D_v f at one angle, ready to print.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkedDirectional {
    /// v as printed, e.g. `[1, 1]/√2`, `[0, −1]`, `[cos 37°, sin 37°]`.
    pub v_text: String,
    /// ∇f · v written out with the gradient's numbers, e.g. `(4 + 6)/√2`,
    /// `4 cos 37° + 6 sin 37°`, or for an axis just the component, `−6`.
    pub product_text: String,
    /// A shorter exact form when there is one, e.g. `10/√2` (`None` when `product_text`
    /// is already as short as it gets).
    pub short_text: Option<String>,
    /// D_v f as a number.
    pub value: f64,
    /// Whether `product_text` and `short_text` are exact: the gradient's components (and the
    /// numerator over √2) print without rounding. Otherwise a page writes ≈, not =.
    pub exact: bool,
}

/// Whether `v` prints as itself (within rounding of its last binary digits).
fn prints_exactly(v: f64) -> bool {
    format_value(v)
        .replace('−', "-")
        .parse::<f64>()
        .is_ok_and(|p| (p - v).abs() <= 1e-9 * v.abs().max(1.0))
}

/// `a + b` or `a − b` with a true minus sign, `b` printed without its sign.
fn signed_sum(a: f64, b: f64) -> String {
    let op = if b < 0.0 { '−' } else { '+' };
    format!("{} {op} {}", format_value(a), format_value(b.abs()))
}

/// D_v f for ∇f = `g` and v = (cos θ, sin θ), `theta` in radians.
pub fn worked_directional(g: (f64, f64), theta: f64) -> WorkedDirectional {
    let degrees = theta.to_degrees().rem_euclid(360.0);
    let eighth = (degrees / 45.0).round();
    let on_eighth = (degrees - 45.0 * eighth).abs() < 1e-6;
    let k = (eighth as i64).rem_euclid(8);
    let grad_exact = prints_exactly(g.0) && prints_exactly(g.1);
    if on_eighth && k % 2 == 0 {
        // Along an axis: v picks out one component, with its sign.
        let (v_text, value) = match k {
            0 => ("[1, 0]", g.0),
            2 => ("[0, 1]", g.1),
            4 => ("[−1, 0]", -g.0),
            _ => ("[0, −1]", -g.1),
        };
        return WorkedDirectional {
            v_text: v_text.to_string(),
            product_text: format_value(value),
            short_text: None,
            value,
            exact: prints_exactly(value),
        };
    }
    if on_eighth {
        // Along a diagonal: v = [±1, ±1]/√2 and D_v f = (±g₁ ± g₂)/√2.
        let (sx, sy) = match k {
            1 => (1.0, 1.0),
            3 => (-1.0, 1.0),
            5 => (-1.0, -1.0),
            _ => (1.0, -1.0),
        };
        let one = |s: f64| if s < 0.0 { "−1" } else { "1" };
        let numerator = sx * g.0 + sy * g.1;
        let value = numerator * std::f64::consts::FRAC_1_SQRT_2;
        return WorkedDirectional {
            v_text: format!("[{}, {}]/√2", one(sx), one(sy)),
            product_text: format!("({})/√2", signed_sum(sx * g.0, sy * g.1)),
            short_text: Some(format!("{}/√2", format_value(numerator))),
            value,
            exact: grad_exact && prints_exactly(numerator),
        };
    }
    let d = format!("{degrees:.0}°");
    let whole = (degrees - degrees.round()).abs() < 1e-6;
    let value = g.0 * theta.cos() + g.1 * theta.sin();
    WorkedDirectional {
        v_text: format!("[cos {d}, sin {d}]"),
        product_text: format!(
            "{} cos {d} {} {} sin {d}",
            format_value(g.0),
            if g.1 < 0.0 { '−' } else { '+' },
            format_value(g.1.abs())
        ),
        short_text: None,
        value,
        exact: grad_exact && whole,
    }
}

impl WorkedDirectional {
    /// The whole computation in one line after `D_v f = ∇f · v`, e.g.
    /// `= (4 + 6)/√2 = 10/√2 ≈ 7.071`, or with ≈ throughout when the gradient was rounded.
    pub fn equation_tail(&self) -> String {
        let eq = if self.exact { '=' } else { '≈' };
        let mut out = format!("{eq} {}", self.product_text);
        if let Some(short) = &self.short_text {
            out.push_str(&format!(" {eq} {short}"));
        }
        let decimal = format_value(self.value);
        let last_is_decimal = self.short_text.is_none() && self.product_text == decimal;
        if !last_is_decimal {
            out.push_str(&format!(" ≈ {decimal}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::FRAC_PI_4;

    #[test]
    fn the_curriculum_example_is_ten_over_root_two() {
        let w = worked_directional((4.0, 6.0), FRAC_PI_4);
        assert_eq!(w.v_text, "[1, 1]/√2");
        assert_eq!(w.equation_tail(), "= (4 + 6)/√2 = 10/√2 ≈ 7.071");
        assert!((w.value - 10.0 / 2f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn every_axis_and_diagonal_has_its_exact_form() {
        let g = (4.0, 6.0);
        let table = [
            (0.0, "[1, 0]", "= 4"),
            (90.0, "[0, 1]", "= 6"),
            (135.0, "[−1, 1]/√2", "= (−4 + 6)/√2 = 2/√2 ≈ 1.414"),
            (180.0, "[−1, 0]", "= −4"),
            (225.0, "[−1, −1]/√2", "= (−4 − 6)/√2 = −10/√2 ≈ −7.071"),
            (270.0, "[0, −1]", "= −6"),
            (315.0, "[1, −1]/√2", "= (4 − 6)/√2 = −2/√2 ≈ −1.414"),
            (-45.0, "[1, −1]/√2", "= (4 − 6)/√2 = −2/√2 ≈ −1.414"),
            (405.0, "[1, 1]/√2", "= (4 + 6)/√2 = 10/√2 ≈ 7.071"),
        ];
        for (deg, v, tail) in table {
            let w = worked_directional(g, f64::to_radians(deg));
            assert_eq!(
                (w.v_text.as_str(), w.equation_tail().as_str()),
                (v, tail),
                "{deg}°"
            );
            let direct = g.0 * f64::to_radians(deg).cos() + g.1 * f64::to_radians(deg).sin();
            assert!((w.value - direct).abs() < 1e-12, "{deg}°");
        }
    }

    #[test]
    fn other_angles_are_written_with_cosine_and_sine() {
        let w = worked_directional((4.0, -6.0), f64::to_radians(37.0));
        assert_eq!(w.v_text, "[cos 37°, sin 37°]");
        assert!(
            w.equation_tail().starts_with("= 4 cos 37° − 6 sin 37° ≈ "),
            "{}",
            w.equation_tail()
        );
        assert!(
            (w.value - (4.0 * 37f64.to_radians().cos() - 6.0 * 37f64.to_radians().sin())).abs()
                < 1e-12
        );
    }

    #[test]
    fn a_rounded_gradient_is_never_called_exact() {
        // ∇f of x² + y² at (1.2345678, 3): the printed 2.469 is a rounding.
        let w = worked_directional((2.4691356, 6.0), FRAC_PI_4);
        assert!(!w.exact);
        assert!(
            w.equation_tail().starts_with("≈ (2.469 + 6)/√2 ≈ "),
            "{}",
            w.equation_tail()
        );
        // A point reached by arrow-key steps (1.8 stored as 1.7999999999999998) is exact.
        let w = worked_directional((2.0 * (2.0 - 0.2), 6.0), FRAC_PI_4);
        assert!(w.exact, "{w:?}");
        assert_eq!(w.short_text.as_deref(), Some("9.6/√2"));
        assert!(!worked_directional((f64::NAN, 1.0), 0.3).exact);
    }
}
