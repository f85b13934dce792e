//! Simple shapes in a plane through a [`View`]: dots, arrows, ellipses, segments and labels,
//! with optional axes through the origin. Used for clouds of gradient estimates, word
//! vectors, and flow arrows with structure-tensor ellipses drawn over an image (where the
//! view's y range is reversed so y grows downwards like image rows).
//!
//! Everything is clipped to the view; non-finite shapes are skipped.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::clip::{clip_polyline, clip_segment};
use super::field::arrow_segments;
use super::grid::View;
use super::{PlotResult, Theme};

/// A shape in world coordinates.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled dot of `radius` pixels.
    Dot {
        /// Centre.
        at: (f64, f64),
        /// Radius in pixels.
        radius: u32,
        /// Colour.
        color: RGBColor,
        /// Opacity in [0, 1].
        opacity: f64,
    },
    /// An arrow from `from` to `to` with a head.
    Arrow {
        /// Tail.
        from: (f64, f64),
        /// Tip.
        to: (f64, f64),
        /// Colour.
        color: RGBColor,
        /// Stroke width in pixels.
        width: u32,
    },
    /// An ellipse with semi-axes `radii` (world units), the first along `angle` radians.
    Ellipse {
        /// Centre.
        center: (f64, f64),
        /// Semi-axes.
        radii: (f64, f64),
        /// Direction of the first semi-axis, radians from +x towards +y.
        angle: f64,
        /// Colour.
        color: RGBColor,
    },
    /// A straight segment.
    Segment {
        /// One end.
        from: (f64, f64),
        /// The other end.
        to: (f64, f64),
        /// Colour.
        color: RGBColor,
        /// Stroke width.
        width: u32,
    },
    /// A short text with its top-left at `at` (nudged a few pixels right and down).
    Label {
        /// Anchor.
        at: (f64, f64),
        /// Text.
        text: String,
        /// Colour.
        color: RGBColor,
    },
    /// A hollow square around a point, `half` pixels from its centre.
    Square {
        /// Centre.
        at: (f64, f64),
        /// Half side in pixels.
        half: i32,
        /// Colour.
        color: RGBColor,
    },
}

fn finite(p: (f64, f64)) -> bool {
    p.0.is_finite() && p.1.is_finite()
}

fn px(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// The points of an ellipse's outline (world coordinates), `n` of them plus the first again.
pub fn ellipse_points(
    center: (f64, f64),
    radii: (f64, f64),
    angle: f64,
    n: usize,
) -> Vec<(f64, f64)> {
    let n = n.clamp(8, 256);
    let (s, c) = angle.sin_cos();
    (0..=n)
        .map(|k| {
            let t = std::f64::consts::TAU * k as f64 / n as f64;
            let (a, b) = (radii.0 * t.cos(), radii.1 * t.sin());
            (center.0 + a * c - b * s, center.1 + a * s + b * c)
        })
        .collect()
}

/// Draws the axes through the origin (if visible) in the theme's grid colour.
pub fn draw_origin_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View,
    theme: &Theme,
) -> PlotResult<DB> {
    let rect = view.pixel_rect();
    let style = theme.grid.stroke_width(1);
    for (a, b) in [
        ((view.x.0, 0.0), (view.x.1, 0.0)),
        ((0.0, view.y.0), (0.0, view.y.1)),
    ] {
        if let Some((p, q)) = clip_segment(view.to_pixel(a), view.to_pixel(b), &rect) {
            area.draw(&PathElement::new(vec![px(p), px(q)], style))?;
        }
    }
    Ok(())
}

/// Draws `shapes` in order through `view`.
pub fn draw_shapes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View,
    shapes: &[Shape],
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let rect = view.pixel_rect();
    for s in shapes {
        match s {
            Shape::Dot {
                at,
                radius,
                color,
                opacity,
            } => {
                let p = view.to_pixel(*at);
                if finite(*at) && rect.contains(p) {
                    let style = color.mix(opacity.clamp(0.0, 1.0)).filled();
                    area.draw(&Circle::new(px(p), *radius, style))?;
                }
            }
            Shape::Arrow {
                from,
                to,
                color,
                width,
            } => {
                if !(finite(*from) && finite(*to)) {
                    continue;
                }
                let (a, b) = (view.to_pixel(*from), view.to_pixel(*to));
                let style = color.stroke_width(*width);
                for (p, q) in arrow_segments(a, b, 8.0) {
                    if let Some((p, q)) = clip_segment(p, q, &rect) {
                        area.draw(&PathElement::new(vec![px(p), px(q)], style))?;
                    }
                }
            }
            Shape::Ellipse {
                center,
                radii,
                angle,
                color,
            } => {
                if !(finite(*center) && finite(*radii) && angle.is_finite()) {
                    continue;
                }
                let pts: Vec<(f64, f64)> = ellipse_points(*center, *radii, *angle, 48)
                    .into_iter()
                    .map(|p| view.to_pixel(p))
                    .collect();
                for run in clip_polyline(&pts, &rect) {
                    area.draw(&PathElement::new(run, color.stroke_width(1)))?;
                }
            }
            Shape::Segment {
                from,
                to,
                color,
                width,
            } => {
                if !(finite(*from) && finite(*to)) {
                    continue;
                }
                if let Some((p, q)) = clip_segment(view.to_pixel(*from), view.to_pixel(*to), &rect)
                {
                    area.draw(&PathElement::new(
                        vec![px(p), px(q)],
                        color.stroke_width(*width),
                    ))?;
                }
            }
            Shape::Label { at, text, color } => {
                let p = view.to_pixel(*at);
                if finite(*at) && rect.contains(p) {
                    let style = ("sans-serif", 12)
                        .into_font()
                        .color(color)
                        .pos(Pos::new(HPos::Left, VPos::Top));
                    area.draw(&Text::new(text.clone(), (px(p).0 + 5, px(p).1 + 3), style))?;
                }
            }
            Shape::Square { at, half, color } => {
                let p = view.to_pixel(*at);
                if finite(*at) && rect.contains(p) {
                    let c = px(p);
                    area.draw(&Rectangle::new(
                        [(c.0 - half, c.1 - half), (c.0 + half, c.1 + half)],
                        color.stroke_width(2),
                    ))?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn an_ellipse_has_its_radii_along_its_angle() {
        let pts = ellipse_points((1.0, 2.0), (3.0, 1.0), std::f64::consts::FRAC_PI_2, 16);
        assert_eq!(pts.len(), 17);
        // The first point lies 3 along the rotated first axis (straight up in +y).
        assert!((pts[0].0 - 1.0).abs() < 1e-12 && (pts[0].1 - 5.0).abs() < 1e-12);
        for p in &pts {
            let (dx, dy) = (p.0 - 1.0, p.1 - 2.0);
            // In the rotated frame: dy along the first axis (3), dx along the second (1).
            assert!(((dy / 3.0).powi(2) + (dx / 1.0).powi(2) - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn shapes_draw_and_odd_ones_are_skipped() {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (200, 200)).into_drawing_area();
            let view = View::new(200.0, 200.0, (-1.0, 1.0), (-1.0, 1.0));
            let c = RGBColor(10, 20, 30);
            let shapes = [
                Shape::Dot {
                    at: (0.5, 0.5),
                    radius: 3,
                    color: c,
                    opacity: 0.5,
                },
                Shape::Arrow {
                    from: (0.0, 0.0),
                    to: (0.5, 0.0),
                    color: c,
                    width: 2,
                },
                Shape::Arrow {
                    from: (0.0, 0.0),
                    to: (f64::NAN, 0.0),
                    color: c,
                    width: 2,
                },
                Shape::Ellipse {
                    center: (0.0, 0.0),
                    radii: (0.5, 0.2),
                    angle: 0.3,
                    color: c,
                },
                Shape::Label {
                    at: (0.1, 0.1),
                    text: "cat".into(),
                    color: c,
                },
                Shape::Square {
                    at: (0.0, 0.0),
                    half: 4,
                    color: c,
                },
            ];
            draw_origin_axes(&area, &view, &Theme::light()).unwrap();
            draw_shapes(&area, &view, &shapes).unwrap();
            area.present().unwrap();
        }
        assert!(out.contains("cat"));
        assert!(out.contains("<circle"));
        assert!(out.matches("<polyline").count() >= 5, "{out}");
    }
}
