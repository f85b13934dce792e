//! Progressive disclosure: which parts of the function explorer a page may show, given what
//! the course has defined by then. A lesson passes `ExplorerParts::up_to_lesson(n)`, so no
//! symbol or tool appears on a page before the lesson that explains it; the playground and
//! the embeds show everything. The sentences that describe the explorer's pictures to screen
//! readers are made here too, from the same flags, so a hidden part is never described.

use super::analysis::PointValues;

/// The lesson that defines ∂f/∂x and ∂f/∂y.
pub const PARTIALS_FROM: usize = 2;
/// The lesson that defines ∇f (and with it |∇f| and the field of arrows).
pub const GRADIENT_FROM: usize = 4;
/// The lesson that explains the gradient's geometry: the tangent to the level curve and the
/// tangent plane.
pub const GEOMETRY_FROM: usize = 5;
/// The lesson that introduces gradient descent.
pub const DESCENT_FROM: usize = 6;

/// The optional parts of the function explorer. f, its contour map (level curves), the
/// selected point with the level curve through it, and the surface with its two slices are
/// always shown; these are the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExplorerParts {
    /// ∂f/∂x and ∂f/∂y: their formulas, their values at the point and the names of the
    /// surface's slices.
    pub partials: bool,
    /// ∇f and |∇f| at the point, and the gradient arrow on the contour map.
    pub gradient: bool,
    /// The field of gradient arrows across the map, and its switch.
    pub field: bool,
    /// The tangent to the level curve through the point.
    pub level_tangent: bool,
    /// The tangent plane on the surface, and its switch.
    pub tangent_plane: bool,
    /// "Gradient descent from the point": its switch, step size, animation and readout.
    pub descent: bool,
}

impl Default for ExplorerParts {
    /// Everything (the playground, the embeds, and every lesson from 6 on).
    fn default() -> Self {
        ExplorerParts::ALL
    }
}

impl ExplorerParts {
    /// Every part.
    pub const ALL: ExplorerParts = ExplorerParts {
        partials: true,
        gradient: true,
        field: true,
        level_tangent: true,
        tangent_plane: true,
        descent: true,
    };

    /// What lesson `n` (1-based, in course order) and the lessons before it have defined.
    /// Lesson 1 shows f alone; 2 adds the partials; 4 the gradient and its field; 5 the
    /// tangent to the level curve and the tangent plane; 6 gradient descent.
    pub const fn up_to_lesson(n: usize) -> ExplorerParts {
        ExplorerParts {
            partials: n >= PARTIALS_FROM,
            gradient: n >= GRADIENT_FROM,
            field: n >= GRADIENT_FROM,
            level_tangent: n >= GEOMETRY_FROM,
            tangent_plane: n >= GEOMETRY_FROM,
            descent: n >= DESCENT_FROM,
        }
    }

    /// The accessible name of the contour map: what is drawn on it, and nothing hidden.
    /// `levels` describes the contour levels drawn (e.g. their spacing).
    pub fn contour_label(&self, pretty_f: &str, levels: &str) -> String {
        let mut shown = vec!["the selected point", "the level curve through it"];
        if self.level_tangent {
            shown.push("the tangent to that curve");
        }
        if self.gradient {
            shown.push("the gradient arrow");
        }
        format!(
            "Contour map of f(x, y) = {pretty_f}, coloured by the value of f, with {levels}, {}",
            join_with_and(&shown)
        )
    }

    /// The caption under the contour map.
    pub fn contour_caption(&self) -> &'static str {
        if self.gradient {
            "Contour map: level curves of f, ∇f at the point"
        } else {
            "Contour map: level curves of f, and the one through the point"
        }
    }

    /// The accessible name of the surface.
    pub fn surface_label(&self) -> &'static str {
        if self.tangent_plane {
            "Surface z = f(x, y) with the selected point, the slices x = x₀ and y = y₀ and the tangent plane"
        } else {
            "Surface z = f(x, y) with the selected point and the slices x = x₀ and y = y₀"
        }
    }

    /// One sentence for screen readers about the values at the point, naming only what
    /// the page has defined.
    pub fn point_summary(&self, v: &PointValues) -> String {
        let start = format!("At the point {}: f = {}", v.point_text(), v.f_text());
        if self.gradient {
            format!(
                "{start}, gradient = {}, its length = {}.",
                v.gradient_text(),
                v.norm_text()
            )
        } else if self.partials {
            format!("{start}, ∂f/∂x = {}, ∂f/∂y = {}.", v.fx_text(), v.fy_text())
        } else {
            format!("{start}.")
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_with_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(p: ExplorerParts) -> [bool; 6] {
        [
            p.partials,
            p.gradient,
            p.field,
            p.level_tangent,
            p.tangent_plane,
            p.descent,
        ]
    }

    #[test]
    fn each_lesson_shows_what_it_and_the_lessons_before_it_defined() {
        let table = [
            (1, [false, false, false, false, false, false]),
            (2, [true, false, false, false, false, false]),
            (3, [true, false, false, false, false, false]),
            (4, [true, true, true, false, false, false]),
            (5, [true, true, true, true, true, false]),
            (6, [true, true, true, true, true, true]),
            (11, [true, true, true, true, true, true]),
        ];
        for (n, want) in table {
            assert_eq!(shown(ExplorerParts::up_to_lesson(n)), want, "lesson {n}");
        }
        assert_eq!(ExplorerParts::default(), ExplorerParts::ALL);
        assert_eq!(ExplorerParts::up_to_lesson(13), ExplorerParts::ALL);
    }

    #[test]
    fn a_later_lesson_never_hides_what_an_earlier_one_showed() {
        for n in 1..13 {
            let (a, b) = (
                shown(ExplorerParts::up_to_lesson(n)),
                shown(ExplorerParts::up_to_lesson(n + 1)),
            );
            for k in 0..6 {
                assert!(!a[k] || b[k], "part {k} disappears after lesson {n}");
            }
            // Nothing about ∇f is shown before the partials it is made of.
            let p = ExplorerParts::up_to_lesson(n);
            assert!(!p.gradient || p.partials);
            assert!(!(p.field || p.level_tangent || p.descent) || p.gradient);
        }
    }

    #[test]
    fn descriptions_name_only_the_parts_shown() {
        let v = crate::tutor::analysis::Analysis::new("x^2 + y^2")
            .expect("parses")
            .values_at((3.0, 4.0));
        let first = ExplorerParts::up_to_lesson(1);
        assert_eq!(first.point_summary(&v), "At the point (3, 4): f = 25.");
        assert_eq!(
            ExplorerParts::up_to_lesson(2).point_summary(&v),
            "At the point (3, 4): f = 25, ∂f/∂x = 6, ∂f/∂y = 8."
        );
        assert_eq!(
            ExplorerParts::ALL.point_summary(&v),
            "At the point (3, 4): f = 25, gradient = [6, 8], its length = 10."
        );
        for text in [
            first.contour_label("x² + y²", "contour levels"),
            first.contour_caption().to_string(),
            first.surface_label().to_string(),
        ] {
            assert!(!text.contains("gradient") && !text.contains('∇'), "{text}");
            assert!(!text.contains("tangent"), "{text}");
        }
        let all = ExplorerParts::ALL.contour_label("x² + y²", "contour levels");
        assert!(
            all.ends_with("the tangent to that curve and the gradient arrow"),
            "{all}"
        );
        assert!(ExplorerParts::ALL.surface_label().contains("tangent plane"));
        assert_eq!(join_with_and(&["a"]), "a");
        assert_eq!(join_with_and(&["a", "b", "c"]), "a, b and c");
    }
}
