//! The thirteen lessons, in course order. `LESSONS` is the catalogue the home page, the
//! router and the previous/next links read; each lesson's page lives in its own file, and
//! `body` draws it. `light_body` draws only the light lessons: the small first-visit binary
//! (`src/bin/nabla-lite.rs`) links those and nothing heavier, because the catalogue holds no
//! function pointers (a table of them would link every lesson into every binary).

mod autodiff;
mod beyond_ml;
mod computing_partials;
mod directional_derivatives;
mod gradient_geometry;
mod gradient_vector;
mod gradients_in_ml;
mod hessian;
mod partial_derivative;
mod pitfalls;
mod recap;
mod several_variables;
mod worked_models;

use leptos::prelude::AnyView;

/// One lesson: where it lives and what it is called (its body: [`body`]).
#[derive(Clone, Copy)]
pub struct Lesson {
    /// 1-based position in the course.
    pub number: usize,
    /// The URL segment: the page is at `/lesson/{slug}`.
    pub slug: &'static str,
    /// The title shown in the header of the page and in the table of contents.
    pub title: &'static str,
    /// One line for the table of contents and the top of the page.
    pub summary: &'static str,
}

impl std::fmt::Debug for Lesson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lesson")
            .field("number", &self.number)
            .field("slug", &self.slug)
            .finish()
    }
}

/// Every lesson, in course order.
pub const LESSONS: [Lesson; 13] = [
    Lesson {
        number: 1,
        slug: "several-variables",
        title: "From one variable to several",
        summary: "A slope is easy with one input. With two inputs, which way do we measure it?",
    },
    Lesson {
        number: 2,
        slug: "partial-derivative",
        title: "What a partial derivative is",
        summary: "Freeze every input but one, and differentiate along the one that moves.",
    },
    Lesson {
        number: 3,
        slug: "computing-partials",
        title: "Computing partial derivatives",
        summary: "The single-variable rules still apply, with the chain rule summing over paths.",
    },
    Lesson {
        number: 4,
        slug: "gradient-vector",
        title: "The gradient vector",
        summary: "Stack the partials into one vector that points somewhere useful.",
    },
    Lesson {
        number: 5,
        slug: "gradient-geometry",
        title: "What the gradient means geometrically",
        summary:
            "Where ∇f ≠ 0: steepest ascent, at right angles to the level curve, as long as the slope.",
    },
    Lesson {
        number: 6,
        slug: "gradients-in-ml",
        title: "Gradients in machine learning",
        summary:
            "Gradient descent walks downhill on a loss, one learning-rate-sized step at a time.",
    },
    Lesson {
        number: 7,
        slug: "hessian",
        title: "Second derivatives and the Hessian",
        summary:
            "Curvature in every pair of directions: minima, maxima, saddles and Newton's method.",
    },
    Lesson {
        number: 8,
        slug: "worked-models",
        title: "Worked models",
        summary: "Logistic regression and a single neural layer, forward and backward by hand.",
    },
    Lesson {
        number: 9,
        slug: "how-computers-get-gradients",
        title: "How computers get gradients",
        summary: "Automatic differentiation records a tape; finite differences only estimate.",
    },
    Lesson {
        number: 10,
        slug: "pitfalls",
        title: "Pitfalls",
        summary:
            "Checking gradients properly, clipping exploding ones, and keeping small ones alive.",
    },
    Lesson {
        number: 11,
        slug: "directional-derivatives",
        title: "Directional derivatives",
        summary: "The slope along any direction is the gradient dotted with a unit vector.",
    },
    Lesson {
        number: 12,
        slug: "beyond-basic-ml",
        title: "Beyond basic machine learning",
        summary: "Edges in images, optical flow, embeddings and policy gradients.",
    },
    Lesson {
        number: 13,
        slug: "recap",
        title: "Recap",
        summary: "Direction, rate and curvature: what gradients tell you, and an optimiser race.",
    },
];

/// Draws a lesson's body: every lesson is here.
pub fn body(slug: &str) -> Option<fn() -> AnyView> {
    light_body(slug).or(match slug {
        "gradients-in-ml" => Some(gradients_in_ml::body),
        "hessian" => Some(hessian::body),
        "worked-models" => Some(worked_models::body),
        "how-computers-get-gradients" => Some(autodiff::body),
        "pitfalls" => Some(pitfalls::body),
        "beyond-basic-ml" => Some(beyond_ml::body),
        "recap" => Some(recap::body),
        _ => None,
    })
}

/// The light lessons' slugs: what the small first-visit binary draws. The boot module
/// (`scripts/post-build.mjs`, `LITE_LESSONS`) loads that binary for these pages and the home
/// page; a test checks the two lists agree.
pub const LIGHT_LESSONS: [&str; 6] = [
    "several-variables",
    "partial-derivative",
    "computing-partials",
    "gradient-vector",
    "gradient-geometry",
    "directional-derivatives",
];

/// Draws a light lesson's body (the machine-learning lessons and the race are not here).
pub fn light_body(slug: &str) -> Option<fn() -> AnyView> {
    match slug {
        "several-variables" => Some(several_variables::body),
        "partial-derivative" => Some(partial_derivative::body),
        "computing-partials" => Some(computing_partials::body),
        "gradient-vector" => Some(gradient_vector::body),
        "gradient-geometry" => Some(gradient_geometry::body),
        "directional-derivatives" => Some(directional_derivatives::body),
        _ => None,
    }
}

/// The lesson at `/lesson/{slug}`, if there is one.
pub fn find(slug: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.slug == slug)
}

/// The lessons before and after the given one, for the navigation at the foot of a page.
pub fn neighbours(slug: &str) -> (Option<&'static Lesson>, Option<&'static Lesson>) {
    let Some(i) = LESSONS.iter().position(|l| l.slug == slug) else {
        return (None, None);
    };
    let prev = i.checked_sub(1).and_then(|p| LESSONS.get(p));
    (prev, LESSONS.get(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_url_safe() {
        for (i, a) in LESSONS.iter().enumerate() {
            assert_eq!(a.number, i + 1, "{} is out of order", a.slug);
            assert!(a
                .slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            for b in &LESSONS[i + 1..] {
                assert_ne!(a.slug, b.slug);
            }
        }
    }

    #[test]
    fn neighbours_link_the_course_in_order() {
        assert_eq!(neighbours("several-variables").0.map(|l| l.number), None);
        assert_eq!(neighbours("several-variables").1.map(|l| l.number), Some(2));
        assert_eq!(neighbours("gradient-vector").0.map(|l| l.number), Some(3));
        assert_eq!(neighbours("recap").1.map(|l| l.number), None);
        assert_eq!(neighbours("no-such-lesson").0.map(|l| l.number), None);
        assert!(find("gradient-vector").is_some());
        assert!(find("").is_none());
    }

    #[test]
    fn every_lesson_has_a_body_and_the_light_ones_are_lessons() {
        for l in &LESSONS {
            assert!(body(l.slug).is_some(), "{} has no body", l.slug);
        }
        for slug in LIGHT_LESSONS {
            assert!(find(slug).is_some(), "{slug} is not a lesson");
            assert!(light_body(slug).is_some(), "{slug} has no light body");
        }
        let light = LESSONS
            .iter()
            .filter(|l| light_body(l.slug).is_some())
            .count();
        assert_eq!(light, LIGHT_LESSONS.len());
        assert!(body("no-such-lesson").is_none());
    }

    /// The boot module picks the small binary for exactly these lessons.
    #[test]
    fn the_boot_module_knows_the_light_lessons() {
        let script = include_str!("../../scripts/post-build.mjs");
        let line = script
            .lines()
            .find(|l| l.starts_with("const LITE_LESSONS = "))
            .expect("scripts/post-build.mjs declares LITE_LESSONS");
        let listed: Vec<&str> = line.split('\'').skip(1).step_by(2).collect();
        assert_eq!(listed, LIGHT_LESSONS);
    }
}
