//! The machine-learning example that runs through lessons 1–5 and 11: a line ŷ = w₁x + w₂
//! fitted to one example (x = 2, y = 5), whose squared error L(w₁, w₂) = (2w₁ + w₂ − 5)² is a
//! function of two weights. The lessons quote its prediction, loss, partials, gradient and
//! slopes along chosen steps; every one of those numbers is computed here by the engine from
//! the formula, never typed into a page.

use super::point::gradient_at;
use crate::math::{parse, Expr};

/// The example's input x.
pub const EXAMPLE_X: f64 = 2.0;
/// The example's right answer y.
pub const EXAMPLE_Y: f64 = 5.0;
/// The weights (w₁, w₂) the lessons start from.
pub const START: (f64, f64) = (1.0, 1.0);
/// The weights' names as the engine reads them.
pub const WEIGHTS: [&str; 2] = ["w1", "w2"];

/// The model's prediction ŷ = w₁x + w₂ for the example, as an expression in w₁ and w₂.
pub fn prediction() -> Option<Expr> {
    parse(&format!("{EXAMPLE_X}*w1 + w2")).ok()
}

/// The loss L(w₁, w₂) = (ŷ − y)² on the example.
pub fn loss() -> Option<Expr> {
    parse(&format!("({EXAMPLE_X}*w1 + w2 - {EXAMPLE_Y})^2")).ok()
}

/// The loss's partial derivative with respect to weight `k` (0 for w₁, 1 for w₂).
pub fn loss_partial(k: usize) -> Option<Expr> {
    let name = WEIGHTS.get(k)?;
    loss().map(|l| l.partial(name))
}

/// What the model and its loss give at some weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossAt {
    /// The prediction ŷ.
    pub prediction: f64,
    /// The loss L.
    pub loss: f64,
    /// ∇L = [∂L/∂w₁, ∂L/∂w₂].
    pub gradient: (f64, f64),
}

impl LossAt {
    /// |∇L|.
    pub fn norm(&self) -> f64 {
        self.gradient.0.hypot(self.gradient.1)
    }

    /// The slope of L along the unit vector `v` (scaled to length 1 first): ∇L · v/|v|.
    /// NaN for the zero vector.
    pub fn slope_along(&self, v: (f64, f64)) -> f64 {
        let len = v.0.hypot(v.1);
        (self.gradient.0 * v.0 + self.gradient.1 * v.1) / len
    }

    /// The unit vector of steepest descent, −∇L/|∇L|; `None` where ∇L = 0.
    pub fn steepest_descent(&self) -> Option<(f64, f64)> {
        let n = self.norm();
        (n.is_finite() && n > 0.0).then(|| (-self.gradient.0 / n, -self.gradient.1 / n))
    }
}

/// The loss as a function of the prediction, (ŷ − y)², with ŷ written `u` (the parser reads `yhat` as a product of letters).
pub fn loss_of_prediction() -> Option<Expr> {
    parse(&format!("(u - {EXAMPLE_Y})^2")).ok()
}

/// The chain rule along the one path w₁ → ŷ → L at the weights `w`: ∂L/∂ŷ (taken at the
/// prediction), ∂ŷ/∂w₁, and their product, which is ∂L/∂w₁.
pub fn chain_through_prediction(w: (f64, f64)) -> Option<(f64, f64, f64)> {
    let yhat = prediction()?.eval(&[("w1", w.0), ("w2", w.1)]).ok()?;
    let outer = loss_of_prediction()?
        .partial("u")
        .eval(&[("u", yhat)])
        .ok()?;
    let inner = prediction()?
        .partial("w1")
        .eval(&[("w1", w.0), ("w2", w.1)])
        .ok()?;
    Some((outer, inner, outer * inner))
}

/// The prediction, the loss and its gradient at the weights `w`.
pub fn loss_at(w: (f64, f64)) -> Option<LossAt> {
    let at = gradient_at(&loss()?, &WEIGHTS, &[w.0, w.1]);
    let prediction = prediction()?.eval(&[("w1", w.0), ("w2", w.1)]).ok()?;
    Some(LossAt {
        prediction,
        loss: at.value,
        gradient: (*at.gradient.first()?, *at.gradient.get(1)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_start_the_line_predicts_too_little() {
        let at = loss_at(START).expect("computes");
        // ŷ = 2·1 + 1 = 3 against y = 5: L = (3 − 5)² = 4.
        assert!((at.prediction - 3.0).abs() < 1e-12);
        assert!((at.loss - 4.0).abs() < 1e-12);
        // ∂L/∂w₁ = 2(ŷ − y)·x = −8 and ∂L/∂w₂ = 2(ŷ − y) = −4.
        assert!((at.gradient.0 + 8.0).abs() < 1e-12 && (at.gradient.1 + 4.0).abs() < 1e-12);
        assert!((at.norm() - 80f64.sqrt()).abs() < 1e-12);
        // Raising both weights equally: (−8 − 4)/√2.
        assert!((at.slope_along((1.0, 1.0)) + 12.0 / 2f64.sqrt()).abs() < 1e-12);
        let d = at.steepest_descent().expect("∇L ≠ 0");
        assert!((at.slope_along(d) + at.norm()).abs() < 1e-12);
        assert_eq!(
            loss_partial(0).expect("∂L/∂w₁").to_pretty(),
            "4(2w₁ + w₂ − 5)"
        );
        // One path, w₁ → ŷ → L: 2(ŷ − y) = −4 times x = 2.
        let (outer, inner, product) = chain_through_prediction(START).expect("computes");
        assert_eq!((outer, inner), (-4.0, 2.0));
        assert!((product - at.gradient.0).abs() < 1e-12);
    }

    #[test]
    fn at_a_perfect_fit_there_is_nothing_to_improve() {
        let at = loss_at((2.0, 1.0)).expect("computes");
        assert_eq!(at.loss, 0.0);
        assert_eq!(at.steepest_descent(), None);
        assert!(loss_partial(2).is_none());
    }
}
