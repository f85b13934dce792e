//! The race's menu of functions, each with the reason it is on the menu, a part of the plane
//! that shows its interesting features, a start that makes a good race, and its known
//! minimum (so "within 10⁻³ of the minimum" means the true one). Plain data, no signals.

use crate::models::clipping::Cliff;

/// A function on the menu.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// Short id (for tests and the menu's values).
    pub id: &'static str,
    /// Its name in the menu.
    pub name: &'static str,
    /// f as typed.
    pub text: &'static str,
    /// Why it is worth racing on.
    pub reason: &'static str,
    /// The x range shown.
    pub x: (f64, f64),
    /// The y range shown.
    pub y: (f64, f64),
    /// A good start.
    pub start: (f64, f64),
    /// The lowest value f takes, if it has one.
    pub minimum: Option<f64>,
}

/// Every function on the menu, the default first.
pub const PRESETS: [Preset; 6] = [
    Preset {
        id: "quadratic",
        name: "Ill-conditioned quadratic",
        text: "x^2 + 10y^2",
        reason: "A bowl ten times steeper along y than along x (Hessian eigenvalues 2 and 20). \
                 A learning rate small enough for y crawls along x; one past 2/20 = 0.1 \
                 diverges.",
        x: (-3.0, 3.0),
        y: (-3.0, 3.0),
        start: (-2.5, 1.2),
        minimum: Some(0.0),
    },
    Preset {
        id: "rosenbrock",
        name: "Rosenbrock",
        text: "(1 - x)^2 + 100(y - x^2)^2",
        reason: "A long, curved, nearly flat valley: reaching the valley is quick, following \
                 it to the minimum at (1, 1) is slow for methods that only see the slope.",
        x: (-2.0, 2.0),
        y: (-1.0, 3.0),
        start: (-1.2, 1.0),
        minimum: Some(0.0),
    },
    Preset {
        id: "himmelblau",
        name: "Himmelblau",
        text: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        reason: "Four minima, all with f = 0: which one a run ends in depends on the start \
                 and on the optimiser. The basin map shows the four regions.",
        x: (-5.0, 5.0),
        y: (-5.0, 5.0),
        start: (0.0, 0.0),
        minimum: Some(0.0),
    },
    Preset {
        id: "beale",
        name: "Beale",
        text: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
        reason: "Flat plateaus beside very steep walls, so the gradient's size changes by \
                 orders of magnitude: one fixed learning rate is too big on the walls and too \
                 small on the plateaus. Minimum at (3, 0.5).",
        x: (-4.5, 4.5),
        y: (-4.5, 4.5),
        start: (1.0, 1.5),
        minimum: Some(0.0),
    },
    Preset {
        id: "saddle",
        name: "Saddle x² − y²",
        text: "x^2 - y^2",
        reason: "No minimum at all: a saddle point at the origin, where the gradient is zero. \
                 Gradient methods slide away along y; Newton's method jumps to the saddle.",
        x: (-2.0, 2.0),
        y: (-2.0, 2.0),
        start: (1.5, 0.05),
        minimum: None,
    },
    Preset {
        id: "cliff",
        name: "A cliff",
        text: Cliff::FORMULA,
        reason: "A gentle slope that ends in a cliff: at the edge the gradient is huge, so a \
                 fixed learning rate fires the run far away (lesson 10 clips the gradient for \
                 this).",
        x: (-8.0, 4.0),
        y: (-6.0, 6.0),
        start: (-6.0, 1.5),
        minimum: None,
    },
];

/// The preset whose function is `text` (ignoring spaces), if any.
pub fn preset_for(text: &str) -> Option<&'static Preset> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let t = squash(text);
    PRESETS.iter().find(|p| squash(p.text) == t)
}

/// The part of the plane to show for `text` started at `start`: the preset's, or a square
/// about the origin big enough to hold the start with a margin.
pub fn window_for(text: &str, start: (f64, f64)) -> ((f64, f64), (f64, f64)) {
    if let Some(p) = preset_for(text) {
        return (p.x, p.y);
    }
    let reach = start.0.abs().max(start.1.abs());
    let half = if reach.is_finite() {
        (reach * 1.25).clamp(3.0, 1e5)
    } else {
        3.0
    };
    ((-half, half), (-half, half))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::Objective;

    #[test]
    fn every_preset_parses_is_defined_at_its_start_and_has_its_minimum() {
        for p in PRESETS {
            let o = Objective::parse(p.text, &["x", "y"]).expect(p.id);
            let f0 = o.value(&[p.start.0, p.start.1]);
            assert!(f0.is_finite(), "{}", p.id);
            assert!(p.x.0 < p.start.0 && p.start.0 < p.x.1, "{}", p.id);
            assert!(p.y.0 < p.start.1 && p.start.1 < p.y.1, "{}", p.id);
            if let Some(m) = p.minimum {
                assert!(f0 > m, "{}", p.id);
            }
        }
        let o = Objective::parse(PRESETS[3].text, &["x", "y"]).unwrap();
        assert!(o.value(&[3.0, 0.5]).abs() < 1e-12);
    }

    #[test]
    fn windows_follow_the_preset_or_hold_the_start() {
        assert_eq!(preset_for("x^2+10y^2").map(|p| p.id), Some("quadratic"));
        assert_eq!(
            window_for("(1 - x)^2 + 100(y - x^2)^2", (0.0, 0.0)).1,
            (-1.0, 3.0)
        );
        assert_eq!(window_for("x*y", (0.5, 0.5)), ((-3.0, 3.0), (-3.0, 3.0)));
        assert_eq!(
            window_for("x*y", (8.0, 0.5)),
            ((-10.0, 10.0), (-10.0, 10.0))
        );
        assert_eq!(window_for("x*y", (f64::NAN, 0.5)).0, (-3.0, 3.0));
    }
}
